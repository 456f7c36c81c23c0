#include "ui/search/viewer_dialog.h"
#include "ui/common/raster_image.h"

#include <QDateTime>
#include <QLocale>
#include "ui/common/errors.h"

#include "core/base/error.h"
#include "core/imagery/raster.h"
#include "ui/map/map_view.h"
#include "ui/map/tile_loader.h"
#include "ui/common/background.h"

#include <ogr_spatialref.h>

#include <QApplication>
#include <QClipboard>
#include <QDesktopServices>
#include <QDialogButtonBox>
#include <QFileInfo>
#include <QFutureWatcher>
#include <QGraphicsPixmapItem>
#include <QGraphicsScene>
#include <QHBoxLayout>
#include <QKeySequence>
#include <QLabel>
#include <QLocale>
#include <QPainter>
#include <QPushButton>
#include <QUrl>
#include <QVBoxLayout>
#include <QWheelEvent>

namespace rscir::ui {

ZoomView::ZoomView(QWidget* parent) : QGraphicsView(parent)
{
    setDragMode(QGraphicsView::ScrollHandDrag);
    setTransformationAnchor(QGraphicsView::AnchorUnderMouse);
    setRenderHint(QPainter::SmoothPixmapTransform);
    setAccessibleName(tr("Image"));
}

void ZoomView::wheelEvent(QWheelEvent* event)
{
    const double factor = event->angleDelta().y() > 0 ? 1.25 : 0.8;
    scale(factor, factor);
}

namespace {

struct Loaded {
    QImage image;
    QString error;
};

Loaded loadWindow(QString file, Window window, RasterOptions options, QString version)
{
    Loaded loaded;
    try {
        loaded.image = readRasterImage(file, window, 2048, options, version);
    } catch (const std::exception& e) {
        loaded.error = QString::fromStdString(e.what());
    }
    return loaded;
}

/// The whole source raster, small, with the window drawn on it: where the item lies in
/// its scene.
Loaded loadOverview(QString file, Window window, int width, int height, RasterOptions options, QString version)
{
    Loaded loaded = loadWindow(file, Window{0, 0, width, height}, options, version);
    if (loaded.image.isNull())
        return loaded;
    QImage image = loaded.image.scaled(320, 240, Qt::KeepAspectRatio, Qt::SmoothTransformation)
                       .convertToFormat(QImage::Format_RGB32);
    const double sx = double(image.width()) / width, sy = double(image.height()) / height;
    QPainter painter(&image);
    const QRectF outline(window.x * sx, window.y * sy, std::max(3.0, window.width * sx), std::max(3.0, window.height * sy));
    painter.setPen(QPen(Qt::white, 4));
    painter.drawRect(outline);
    painter.setPen(QPen(QColor(220, 30, 30), 2));
    painter.drawRect(outline);
    loaded.image = image;
    return loaded;
}

} // namespace

ViewerDialog::ViewerDialog(const IndexStore& store, std::int64_t itemId, std::optional<Hit> hit, QWidget* parent,
                           TileLoader* tiles, std::optional<int> rank, int results)
    : QDialog(parent), m_itemId(itemId)
{
    setAttribute(Qt::WA_DeleteOnClose);
    resize(1000, 700);
    buildLayout(tiles, rank, results);
    const auto item = store.item(itemId);
    if (!item) {
        m_facts->setText(tr("Item %1 is no longer in the index.").arg(itemId));
        return;
    }
    const auto source = store.source(item->sourceId);
    QString refused;
    guarded([&] { m_absolutePath = QString::fromStdString(store.sourceFile(item->path).string()); },
            [&](const QString& message) { refused = message; });
    if (!refused.isEmpty()) {
        // The index names a file that rscir does not read: said, not shown.
        m_facts->setText(inUserLanguage(refused).toHtmlEscaped());
        return;
    }
    setWindowTitle(tr("%1 - rscir").arg(QString::fromStdString(item->label())));
    m_facts->setText(factsOf(*item, source, hit, rank, results));
    // The archive's own rendering (bands, stretch), as indexing and query images have it.
    startLoading(*item, source, store.settings().value_or(ArchiveSettings{}).rasterOptions());
    if (item->footprint)
        showOnLocator(*item);
}

void ViewerDialog::buildLayout(TileLoader* tiles, std::optional<int> rank, int results)
{
    auto* layout = new QHBoxLayout(this);
    m_view = new ZoomView(this);
    auto* scene = new QGraphicsScene(m_view);
    m_pixmap = scene->addPixmap({});
    m_view->setScene(scene);
    layout->addWidget(m_view, 1);

    auto* side = new QVBoxLayout;
    m_facts = new QLabel(this);
    m_facts->setWordWrap(true);
    m_facts->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_facts->setMinimumWidth(280);
    m_facts->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    side->addWidget(m_facts, 1);
    m_overview = new QLabel(this);
    m_overview->setAlignment(Qt::AlignCenter);
    m_overview->setAccessibleName(tr("The item's window on its whole raster"));
    m_overview->setVisible(false);
    side->addWidget(m_overview);
    m_locator = new MapView(nullptr, tiles, this);
    m_locator->setFixedHeight(160);
    m_locator->setBackground(tiles && !tiles->urlTemplate().isEmpty() ? MapView::Background::Tiles
                                                                      : MapView::Background::None);
    m_locator->setVisible(false);
    side->addWidget(m_locator);
    auto* useButton = new QPushButton(QIcon(QStringLiteral(":/icons/use-as-query.svg")), tr("&Use as Query"), this);
    auto* copyButton = new QPushButton(tr("&Copy Path"), this);
    auto* folderButton = new QPushButton(tr("Open Containing &Folder"), this);
    auto* closeButton = new QPushButton(tr("Close"), this);
    auto* steps = new QHBoxLayout;
    auto* previous = new QPushButton(tr("\u2190 &Previous Result"), this);
    auto* next = new QPushButton(tr("&Next Result \u2192"), this);
    previous->setShortcut(QKeySequence(Qt::Key_PageUp));
    next->setShortcut(QKeySequence(Qt::Key_PageDown));
    previous->setEnabled(rank && *rank > 1);
    next->setEnabled(rank && *rank < results);
    steps->addWidget(previous);
    steps->addWidget(next);
    side->addLayout(steps);
    connect(previous, &QPushButton::clicked, this, [this] { emit stepRequested(-1); });
    connect(next, &QPushButton::clicked, this, [this] { emit stepRequested(+1); });
    for (auto* b : {useButton, copyButton, folderButton, closeButton})
        side->addWidget(b);
    layout->addLayout(side);
    connect(useButton, &QPushButton::clicked, this, [this] { emit useAsQuery(m_itemId); });
    connect(copyButton, &QPushButton::clicked, this, [this] { QApplication::clipboard()->setText(m_absolutePath); });
    connect(folderButton, &QPushButton::clicked, this,
            [this] { QDesktopServices::openUrl(QUrl::fromLocalFile(QFileInfo(m_absolutePath).absolutePath())); });
    connect(closeButton, &QPushButton::clicked, this, &QDialog::close);
}

QString ViewerDialog::factsOf(const ItemRecord& item, const std::optional<SourceRecord>& source,
                              const std::optional<Hit>& hit, std::optional<int> rank, int results) const
{
    QString facts = QStringLiteral("<b>%1</b><br>").arg(QString::fromStdString(item.path).toHtmlEscaped());
    facts += tr("Window: x %1, y %2, %3 x %4 pixels<br>")
                 .arg(item.window.x)
                 .arg(item.window.y)
                 .arg(item.window.width)
                 .arg(item.window.height);
    if (source) {
        const auto& f = source->facts;
        facts += tr("Raster: %1 x %2, %3 band(s), %4 (%5)<br>")
                     .arg(f.width)
                     .arg(f.height)
                     .arg(f.bands)
                     .arg(QString::fromStdString(f.dataType), QString::fromStdString(f.driver));
        if (f.georeferenced) {
            OGRSpatialReference srs;
            srs.importFromWkt(f.crs.c_str());
            facts += tr("CRS: %1<br>").arg(QString::fromUtf8(srs.GetName() ? srs.GetName() : "?").toHtmlEscaped());
        } else {
            facts += tr("Not georeferenced<br>");
        }
        if (!source->meta.acquired.empty()) {
            // In the user's time zone and words; UTC as the index keeps it beside.
            const QString utc = QString::fromStdString(source->meta.acquired);
            const QDateTime when = QDateTime::fromString(utc, Qt::ISODate);
            facts += tr("Acquired: %1 (%2)<br>")
                         .arg(QLocale().toString(when.toLocalTime(), QLocale::LongFormat).toHtmlEscaped(),
                              utc.toHtmlEscaped());
        }
    }
    if (item.footprint) {
        double lon = 0, lat = 0;
        for (int i = 0; i < 4; ++i) {
            lon += (*item.footprint)[static_cast<std::size_t>(i)][0] / 4;
            lat += (*item.footprint)[static_cast<std::size_t>(i)][1] / 4;
        }
        facts += tr("Centre: %1\u00b0 %2, %3\u00b0 %4<br>")
                     .arg(QLocale().toString(std::fabs(lat), 'f', 5))
                     .arg(lat >= 0 ? tr("N") : tr("S"))
                     .arg(QLocale().toString(std::fabs(lon), 'f', 5))
                     .arg(lon >= 0 ? tr("E") : tr("W"));
    }
    if (rank)
        facts += QStringLiteral("<br><b>%1</b><br>").arg(tr("Result %1 of %2").arg(*rank).arg(results));
    if (hit) {
        facts += QStringLiteral("<br><b>%1</b><br>").arg(tr("Score"));
        facts += tr("Fused score: %1<br>Image similarity: %2 (normalised %3)<br>Text similarity: %4 (normalised %5)")
                     .arg(QLocale().toString(double(hit->score), 'f', 4))
                     .arg(QLocale().toString(double(hit->imageSimilarity), 'f', 4))
                     .arg(QLocale().toString(double(hit->imageNormalised), 'f', 4))
                     .arg(QLocale().toString(double(hit->textSimilarity), 'f', 4))
                     .arg(QLocale().toString(double(hit->textNormalised), 'f', 4));
        // What is avoided is taken off the score (times ν): without it the parts do not add up.
        if (hit->avoidSimilarity != 0 || hit->avoidNormalised != 0)
            facts += QStringLiteral("<br>") + tr("Avoided similarity: %1 (normalised %2, taken off)")
                                                  .arg(QLocale().toString(double(hit->avoidSimilarity), 'f', 4))
                                                  .arg(QLocale().toString(double(hit->avoidNormalised), 'f', 4));
    }
    return facts;
}

void ViewerDialog::startLoading(const ItemRecord& item, const std::optional<SourceRecord>& source,
                                const RasterOptions& options)
{
    auto* watcher = new QFutureWatcher<Loaded>(this);
    connect(watcher, &QFutureWatcher<Loaded>::finished, this, [this, watcher] {
        const Loaded loaded = watcher->result();
        if (loaded.image.isNull()) {
            m_facts->setText(m_facts->text() +
                             QStringLiteral("<br><font color='#b00020'>%1</font>")
                                 .arg(tr("The image cannot be shown: %1").arg(loaded.error.toHtmlEscaped())));
            return;
        }
        m_pixmap->setPixmap(QPixmap::fromImage(loaded.image));
        m_view->setSceneRect(m_pixmap->boundingRect());
        m_view->fitInView(m_pixmap, Qt::KeepAspectRatio);
    });
    // A file on a server is read once and then kept on disk, for the version the index knows.
    const QString version = source ? QStringLiteral("%1 %2").arg(source->size).arg(source->mtime) : QString();
    watcher->setFuture(background::run(
        [path = m_absolutePath, window = item.window, options, version] { return loadWindow(path, window, options, version); }));
    // A window of a larger raster: where it lies in the raster, and on the earth.
    if (source && (item.window.width < source->facts.width || item.window.height < source->facts.height)) {
        auto* overview = new QFutureWatcher<Loaded>(this);
        connect(overview, &QFutureWatcher<Loaded>::finished, this, [this, overview] {
            if (!overview->result().image.isNull()) {
                m_overview->setPixmap(QPixmap::fromImage(overview->result().image));
                m_overview->setVisible(true);
            }
        });
        overview->setFuture(background::run([path = m_absolutePath, window = item.window,
                                             width = static_cast<int>(source->facts.width),
                                             height = static_cast<int>(source->facts.height), options, version] {
            return loadOverview(path, window, width, height, options, version);
        }));
    }
}

/// The item on a small map of its surroundings.
void ViewerDialog::showOnLocator(const ItemRecord& item)
{
    const std::int64_t itemId = m_itemId;
    auto footprints = std::make_shared<ArchiveFootprints>();
    footprints->ids = {itemId};
    footprints->footprints = {item.footprint};
    footprints->withFootprint = 1;
    m_locator->setFootprints(footprints);
    m_locator->setResults({itemId});
    m_locator->setVisible(true);
    m_locator->zoomToArchive();
    const QPointF centre = m_locator->centreLonLat();
    m_locator->setView(centre.x(), centre.y(), std::max(20.0, m_locator->metresPerPixel() * 12));
}

void ViewerDialog::setBenchmarkVerdict(bool positive, const QString& query)
{
    clearBenchmarkVerdict();
    m_factsWithoutVerdict = m_facts->text();
    const QString colour = positive ? QStringLiteral("#1e8c3c") : QStringLiteral("#be2323");
    m_facts->setText(m_facts->text() +
                     QStringLiteral("<br><b style=\"color:%1\">%2</b><br>%3")
                         .arg(colour,
                              positive ? tr("\u2713 A positive of the benchmark query")
                                       : tr("\u2717 Not a positive of the benchmark query"),
                              query.toHtmlEscaped()));
}

void ViewerDialog::clearBenchmarkVerdict()
{
    if (m_factsWithoutVerdict.isEmpty())
        return;
    m_facts->setText(m_factsWithoutVerdict);
    m_factsWithoutVerdict.clear();
}

QString ViewerDialog::factsText() const
{
    return m_facts->text();
}

} // namespace rscir::ui
