#include "ui/search/basic_settings_dialog.h"

#include <QDialogButtonBox>
#include <QDir>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

#include <functional>

namespace rscir::ui {

namespace {

/// A line for a path, with a button that chooses it (`choose` gets the line's text and returns
/// the chosen path, or nothing).
QLineEdit* addPathRow(QFormLayout* form, const QString& label, const QString& placeholder, const QString& name,
                      std::function<QString(const QString&)> choose, QWidget* parent)
{
    auto* row = new QWidget(parent);
    auto* layout = new QHBoxLayout(row);
    layout->setContentsMargins(0, 0, 0, 0);
    auto* edit = new QLineEdit(row);
    edit->setPlaceholderText(placeholder);
    edit->setAccessibleName(name);
    auto* browse = new QPushButton(BasicSettingsDialog::tr("Choose\u2026"), row);
    browse->setAccessibleName(BasicSettingsDialog::tr("Choose: %1").arg(name));
    layout->addWidget(edit, 1);
    layout->addWidget(browse);
    QObject::connect(browse, &QPushButton::clicked, edit, [edit, choose = std::move(choose)] {
        const QString path = choose(edit->text());
        if (!path.isEmpty())
            edit->setText(QDir::toNativeSeparators(path));
    });
    form->addRow(label, row);
    return edit;
}

} // namespace

BasicSettingsDialog::BasicSettingsDialog(const BasicOptions& options, QWidget* parent) : QDialog(parent)
{
    setWindowTitle(tr("BASIC Settings"));
    auto* form = new QFormLayout;

    m_corpora = addPathRow(form, tr("&Corpora:"), tr("rscir's remote-sensing corpora"), tr("Corpora folder"),
                           [this](const QString& now) {
                               return QFileDialog::getExistingDirectory(
                                   this, tr("A Folder with subjects.csv and styles.csv"), now);
                           },
                           this);
    const auto npy = [this](const QString& title) {
        return [this, title](const QString& now) {
            return QFileDialog::getOpenFileName(this, title, now, tr("NumPy arrays (*.npy)"));
        };
    };
    m_mean = addPathRow(form, tr("Image &mean:"), tr("the archive's own mean"), tr("Mean image embedding (.npy)"),
                        npy(tr("Mean Image Embedding")), this);
    m_aa = new QDoubleSpinBox(this);
    m_aa->setRange(0.0, 1.0);
    m_aa->setDecimals(3);
    m_aa->setSingleStep(0.05);
    m_aa->setToolTip(tr("The weight of the styles' scatter in the contrastive PCA"));
    form->addRow(tr("Styles' &weight (aa):"), m_aa);

    m_components = new QSpinBox(this);
    m_components->setRange(1, 100000);
    m_components->setToolTip(tr("At most this many eigenvectors, of positive eigenvalue"));
    form->addRow(tr("Co&mponents:"), m_components);

    m_expansion = new QSpinBox(this);
    m_expansion->setRange(0, 10000);
    m_expansion->setSpecialValueText(tr("off"));
    m_expansion->setToolTip(tr("Archive items nearest to the projected query image that expand it"));
    form->addRow(tr("&Expansion:"), m_expansion);

    m_contextualize = new QSpinBox(this);
    m_contextualize->setRange(0, 100000);
    m_contextualize->setSpecialValueText(tr("off"));
    m_contextualize->setToolTip(tr("A text is embedded beside this many subjects, each way, and averaged"));
    form->addRow(tr("Te&xt in context of:"), m_contextualize);

    m_norm = addPathRow(form, tr("&Normalisation:"), tr("none"), tr("Synthetic set for the normalisation (.npy)"),
                        npy(tr("Synthetic Set [2, n, d]")), this);

    m_problem = new QLabel(this);
    m_problem->setWordWrap(true);
    m_problem->setStyleSheet(QStringLiteral("color: #b00020"));
    m_problem->setVisible(false);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel |
                                             QDialogButtonBox::RestoreDefaults,
                                         this);
    connect(buttons, &QDialogButtonBox::accepted, this, &BasicSettingsDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(buttons->button(QDialogButtonBox::RestoreDefaults), &QPushButton::clicked, this,
            [this] { setOptions(BasicOptions{}); });

    auto* layout = new QVBoxLayout(this);
    auto* intro = new QLabel(tr("BASIC's space is prepared once for each model, archive and these settings; "
                                "the Harris weight then moves the ranking without a pass."),
                             this);
    intro->setWordWrap(true);
    layout->addWidget(intro);
    layout->addLayout(form);
    layout->addWidget(m_problem);
    layout->addWidget(buttons);
    setOptions(options);
}

void BasicSettingsDialog::setOptions(const BasicOptions& o)
{
    m_corpora->setText(QDir::toNativeSeparators(QString::fromStdString(o.corpora)));
    m_mean->setText(o.mean == "archive" ? QString() : QDir::toNativeSeparators(QString::fromStdString(o.mean)));
    m_aa->setValue(o.aa);
    m_components->setValue(o.components);
    m_expansion->setValue(o.expansion);
    m_contextualize->setValue(o.contextualize);
    m_norm->setText(o.norm == "none" ? QString() : QDir::toNativeSeparators(QString::fromStdString(o.norm)));
}

BasicOptions BasicSettingsDialog::options() const
{
    const auto path = [](const QLineEdit* edit) {
        return QDir::fromNativeSeparators(edit->text().trimmed()).toStdString();
    };
    BasicOptions o;
    o.corpora = path(m_corpora);
    o.mean = path(m_mean).empty() ? std::string("archive") : path(m_mean);
    o.aa = m_aa->value();
    o.components = m_components->value();
    o.expansion = m_expansion->value();
    o.contextualize = m_contextualize->value();
    o.norm = path(m_norm).empty() ? std::string("none") : path(m_norm);
    return o;
}

QString BasicSettingsDialog::problem() const
{
    const BasicOptions o = options();
    if (!o.corpora.empty()) {
        const QDir folder(QString::fromStdString(o.corpora));
        for (const char* name : {"subjects.csv", "styles.csv"})
            if (!QFileInfo(folder.filePath(QLatin1String(name))).isFile())
                return tr("%1 holds no %2.").arg(QDir::toNativeSeparators(folder.path()), QLatin1String(name));
    }
    if (o.mean != "archive" && !QFileInfo(QString::fromStdString(o.mean)).isFile())
        return tr("The mean image embedding %1 is not there.").arg(m_mean->text());
    if (o.norm != "none" && !QFileInfo(QString::fromStdString(o.norm)).isFile())
        return tr("The synthetic set %1 is not there.").arg(m_norm->text());
    return {};
}

void BasicSettingsDialog::accept()
{
    const QString why = problem();
    m_problem->setText(why);
    m_problem->setVisible(!why.isEmpty());
    if (why.isEmpty())
        QDialog::accept();
}

} // namespace rscir::ui
