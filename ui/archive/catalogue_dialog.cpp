#include "ui/archive/catalogue_dialog.h"

#include "core/base/error.h"
#include "core/index/stac.h"

#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace rscir::ui {

CatalogueDialog::CatalogueDialog(QWidget* parent) : QDialog(parent)
{
    setWindowTitle(tr("Index a STAC Catalogue"));
    auto* layout = new QVBoxLayout(this);
    auto* intro = new QLabel(tr("A STAC catalogue, collection, item or item collection: a file, or an http(s) address "
                                "(a STAC API's search too). Its items' files are indexed with their dates, platforms "
                                "and cloud cover."),
                             this);
    intro->setWordWrap(true);
    layout->addWidget(intro);
    auto* form = new QFormLayout;
    layout->addLayout(form);
    auto* sourceRow = new QHBoxLayout;
    m_source = new QLineEdit(this);
    m_source->setObjectName(QStringLiteral("CatalogueSource"));
    m_source->setMinimumWidth(fontMetrics().averageCharWidth() * 60);
    sourceRow->addWidget(m_source, 1);
    auto* browse = new QPushButton(tr("Browse…"), this);
    sourceRow->addWidget(browse);
    form->addRow(tr("Catalogue:"), sourceRow);
    m_asset = new QLineEdit(this);
    m_asset->setObjectName(QStringLiteral("CatalogueAsset"));
    m_asset->setPlaceholderText(tr("the visual one, else the first GeoTIFF"));
    m_asset->setToolTip(tr("The name of the asset of each item to index, e.g. visual or image"));
    form->addRow(tr("Asset:"), m_asset);
    m_bands = new QLineEdit(this);
    m_bands->setObjectName(QStringLiteral("CatalogueBands"));
    m_bands->setPlaceholderText(tr("as the files hold them, e.g. red,green,blue"));
    m_bands->setToolTip(tr("Bands by name (a band's name or common name): of one asset, or one single-band asset "
                           "each (as Sentinel-2 is published), read as one image. One band is read as gray."));
    form->addRow(tr("Bands:"), m_bands);
    m_problem = new QLabel(this);
    m_problem->setObjectName(QStringLiteral("CatalogueProblem"));
    m_problem->setWordWrap(true);
    layout->addWidget(m_problem);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_ok = buttons->button(QDialogButtonBox::Ok);
    m_ok->setText(tr("Index…"));
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(browse, &QPushButton::clicked, this, [this] {
        const QString file = QFileDialog::getOpenFileName(this, tr("STAC Catalogue"), m_source->text(),
                                                          tr("STAC documents (*.json *.geojson);;All files (*)"));
        if (!file.isEmpty())
            m_source->setText(file);
    });
    for (QLineEdit* edit : {m_source, m_bands})
        connect(edit, &QLineEdit::textChanged, this, &CatalogueDialog::check);
    check();
}

void CatalogueDialog::setSource(const QString& source)
{
    m_source->setText(source);
}

QString CatalogueDialog::source() const
{
    return m_source->text().trimmed();
}

QString CatalogueDialog::asset() const
{
    return m_asset->text().trimmed();
}

QString CatalogueDialog::bands() const
{
    return m_bands->text().trimmed();
}

QString CatalogueDialog::problem() const
{
    const QString text = source();
    if (text.isEmpty())
        return tr("Give a catalogue's file or address.");
    if (text.contains(QLatin1String("://"))) {
        if (!text.startsWith(QLatin1String("http://")) && !text.startsWith(QLatin1String("https://")))
            return tr("%1 is neither a file nor an http(s) address.").arg(text);
    } else if (!QFileInfo(text).isFile()) {
        return tr("%1 is not a file.").arg(text);
    }
    try {
        const auto names = catalogueBandNames(bands().toStdString());
        if (names.empty() && !bands().isEmpty())
            return tr("Give the bands by name, e.g. red,green,blue.");
    } catch (const Error&) {
        return tr("Give one band (gray) or three (red, green, blue), e.g. red,green,blue.");
    }
    return {};
}

void CatalogueDialog::check()
{
    const QString why = problem();
    // Nothing typed yet is no mistake to point at.
    m_problem->setText(source().isEmpty() ? QString() : why);
    m_ok->setEnabled(why.isEmpty());
}

} // namespace rscir::ui
