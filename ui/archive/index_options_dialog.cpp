#include "ui/archive/index_options_dialog.h"

#include <QComboBox>
#include <QCryptographicHash>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFileInfo>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>
#include <QVBoxLayout>

namespace rscir::ui {

namespace {

QString settingsKey(const QString& folder)
{
    const QByteArray hash =
        QCryptographicHash::hash(QFileInfo(folder).absoluteFilePath().toUtf8(), QCryptographicHash::Sha1).toHex();
    return QStringLiteral("indexOptions/") + QString::fromLatin1(hash.left(16));
}

std::optional<std::vector<int>> parseBandList(const QString& text)
{
    std::vector<int> bands;
    for (const QString& part : text.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        bool ok = false;
        const int b = part.trimmed().toInt(&ok);
        if (!ok || b < 1 || b > 1000)
            return std::nullopt;
        bands.push_back(b);
    }
    if (bands.size() != 1 && bands.size() != 3)
        return std::nullopt;
    return bands;
}

QString bandText(const std::vector<int>& bands)
{
    QStringList parts;
    for (int b : bands)
        parts << QString::number(b);
    return parts.join(QLatin1Char(','));
}

} // namespace

IndexOptionsDialog::IndexOptionsDialog(const QString& folder, const std::optional<ArchiveSettings>& existing,
                                       QWidget* parent)
    : QDialog(parent), m_folder(folder)
{
    setWindowTitle(tr("Indexing Options"));
    auto* layout = new QVBoxLayout(this);
    auto* form = new QFormLayout;
    m_bands = new QComboBox(this);
    m_bands->addItem(tr("Automatic (as QGIS draws it)"), QString());
    m_bands->addItem(tr("Natural colour (bands 1, 2, 3)"), QStringLiteral("1,2,3"));
    m_bands->addItem(tr("False colour, near infrared-red-green (bands 4, 3, 2)"), QStringLiteral("4,3,2"));
    m_bands->addItem(tr("Custom..."), QStringLiteral("custom"));
    m_bands->setToolTip(tr("Which bands the model sees as red, green and blue (or one band as gray)"));
    m_custom = new QLineEdit(this);
    m_custom->setPlaceholderText(tr("one band, or three: e.g. 5,4,3"));
    m_custom->setAccessibleName(tr("Custom display bands"));
    m_tile = new QSpinBox(this);
    m_tile->setRange(32, 100000);
    m_tile->setSuffix(tr(" px"));
    m_tile->setToolTip(tr("Rasters larger than this are cut into windows of this size"));
    m_overlap = new QSpinBox(this);
    m_overlap->setRange(0, 99999);
    m_overlap->setSuffix(tr(" px"));
    m_gsd = new QDoubleSpinBox(this);
    m_gsd->setRange(0, 100000);
    m_gsd->setDecimals(2);
    m_gsd->setSingleStep(0.5);
    m_gsd->setSuffix(tr(" m"));
    m_gsd->setSpecialValueText(tr("As each file has it"));
    m_gsd->setToolTip(tr("Index an archive of mixed resolutions at one: every window then covers the tile size times "
                         "this many metres, whatever its file's own resolution"));
    m_stretch = new QComboBox(this);
    m_stretch->addItem(tr("Automatic (8-bit as it is, others 2–98 % percentiles)"), int(StretchMode::Auto));
    m_stretch->addItem(tr("Percentiles 2–98 %, always"), int(StretchMode::Percentile));
    m_stretch->addItem(tr("None (clamp to 0–255)"), int(StretchMode::None));
    form->addRow(tr("&Bands:"), m_bands);
    form->addRow(QString(), m_custom);
    form->addRow(tr("&Tile size:"), m_tile);
    form->addRow(tr("&Overlap:"), m_overlap);
    form->addRow(tr("&Ground resolution:"), m_gsd);
    form->addRow(tr("&Stretch:"), m_stretch);
    layout->addLayout(form);
    m_note = new QLabel(this);
    m_note->setWordWrap(true);
    layout->addWidget(m_note);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("&Index"));
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    const ArchiveSettings shown = existing.value_or(remembered(folder));
    const QString bands = bandText(shown.bands);
    const int preset = m_bands->findData(bands);
    m_bands->setCurrentIndex(preset >= 0 ? preset : m_bands->findData(QStringLiteral("custom")));
    if (preset < 0)
        m_custom->setText(bands);
    m_tile->setValue(shown.tile);
    m_overlap->setValue(shown.overlap);
    m_gsd->setValue(shown.gsd);
    m_stretch->setCurrentIndex(m_stretch->findData(int(shown.stretch)));
    if (existing) {
        for (QWidget* w : std::initializer_list<QWidget*>{m_bands, m_custom, m_tile, m_overlap, m_gsd, m_stretch})
            w->setEnabled(false);
        m_note->setText(tr("This index was made with these options; a run updates it with the same ones. Choose "
                           "a new index file to index with others."));
    }
    const auto refresh = [this, buttons] {
        update();
        buttons->button(QDialogButtonBox::Ok)->setEnabled(settings().has_value());
    };
    connect(m_bands, &QComboBox::currentIndexChanged, this, refresh);
    connect(m_custom, &QLineEdit::textChanged, this, refresh);
    connect(m_tile, &QSpinBox::valueChanged, this, refresh);
    refresh();
}

void IndexOptionsDialog::update()
{
    const bool custom = m_bands->currentData().toString() == QLatin1String("custom");
    m_custom->setVisible(custom);
    m_overlap->setMaximum(m_tile->value() - 1);
    if (m_bands->isEnabled())
        m_note->setText(custom && !parseBandList(m_custom->text())
                            ? tr("Give one band (gray) or three (red, green, blue), separated by commas.")
                            : QString());
}

std::optional<ArchiveSettings> IndexOptionsDialog::settings() const
{
    ArchiveSettings s;
    const QString data = m_bands->currentData().toString();
    if (data == QLatin1String("custom")) {
        const auto bands = parseBandList(m_custom->text());
        if (!bands)
            return std::nullopt;
        s.bands = *bands;
    } else if (!data.isEmpty()) {
        s.bands = *parseBandList(data);
    }
    s.tile = m_tile->value();
    s.overlap = std::min(m_overlap->value(), s.tile - 1);
    s.stretch = static_cast<StretchMode>(m_stretch->currentData().toInt());
    s.gsd = m_gsd->value();
    return s;
}

void IndexOptionsDialog::remember() const
{
    const auto s = settings();
    if (!s)
        return;
    QSettings settings;
    settings.beginGroup(settingsKey(m_folder));
    settings.setValue(QStringLiteral("bands"), bandText(s->bands));
    settings.setValue(QStringLiteral("tile"), s->tile);
    settings.setValue(QStringLiteral("overlap"), s->overlap);
    settings.setValue(QStringLiteral("stretch"), int(s->stretch));
    settings.setValue(QStringLiteral("gsd"), s->gsd);
    settings.endGroup();
}

ArchiveSettings IndexOptionsDialog::remembered(const QString& folder)
{
    ArchiveSettings s;
    QSettings settings;
    settings.beginGroup(settingsKey(folder));
    if (const auto bands = parseBandList(settings.value(QStringLiteral("bands")).toString()))
        s.bands = *bands;
    s.tile = std::clamp(settings.value(QStringLiteral("tile"), s.tile).toInt(), 32, 100000);
    s.overlap = std::clamp(settings.value(QStringLiteral("overlap"), s.overlap).toInt(), 0, s.tile - 1);
    const int stretch = settings.value(QStringLiteral("stretch"), int(s.stretch)).toInt();
    if (stretch >= int(StretchMode::Auto) && stretch <= int(StretchMode::None))
        s.stretch = static_cast<StretchMode>(stretch);
    s.gsd = std::clamp(settings.value(QStringLiteral("gsd"), 0.0).toDouble(), 0.0, 100000.0);
    settings.endGroup();
    return s;
}

} // namespace rscir::ui
