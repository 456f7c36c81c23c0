#include "ui/map/map_dock.h"

#include "ui/common/errors.h"
#include "ui/map/map_view.h"
#include "ui/map/tile_loader.h"
#include "ui/common/background.h"

#include "core/base/error.h"
#include "core/imagery/raster.h"

#include <cmath>

#include <QComboBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFutureWatcher>
#include <QHBoxLayout>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QSettings>
#include <QToolButton>
#include <QVBoxLayout>

#include <gdal_priv.h>
#include <ogr_spatialref.h>
#include <ogrsf_frmts.h>

namespace rscir::ui {

namespace {

/// A vector file's geometries as lon/lat parts (rings and lines; a point is one point),
/// bounded so that a hostile file cannot take the memory.
std::vector<QPolygonF> readLayer(const QString& path)
{
    initialiseGdal();
    std::unique_ptr<GDALDataset> ds(
        GDALDataset::Open(path.toStdString().c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY, nullptr, nullptr, nullptr));
    if (!ds || ds->GetLayerCount() == 0)
        throw Error(ErrorCode::NotAVectorFile, {path.toStdString()}, path.toStdString() + " is not a vector file GDAL/OGR can read");
    OGRSpatialReference wgs84;
    wgs84.SetWellKnownGeogCS("WGS84");
    wgs84.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    std::vector<QPolygonF> parts;
    std::size_t points = 0;
    for (int l = 0; l < ds->GetLayerCount(); ++l) {
        OGRLayer* layer = ds->GetLayer(l);
        std::unique_ptr<OGRCoordinateTransformation> transform;
        if (const OGRSpatialReference* source = layer->GetSpatialRef(); source && !source->IsSame(&wgs84))
            transform.reset(OGRCreateCoordinateTransformation(source, &wgs84));
        std::function<void(const OGRGeometry*)> add = [&](const OGRGeometry* g) {
            const auto type = wkbFlatten(g->getGeometryType());
            if (type == wkbPoint) {
                parts.push_back(QPolygonF{QPointF(g->toPoint()->getX(), g->toPoint()->getY())});
                ++points;
            } else if (type == wkbLineString || type == wkbLinearRing) {
                QPolygonF part;
                for (const OGRPoint& p : *g->toLineString())
                    part << QPointF(p.getX(), p.getY());
                points += static_cast<std::size_t>(part.size());
                parts.push_back(std::move(part));
            } else if (type == wkbPolygon) {
                for (const OGRLinearRing* ring : *g->toPolygon())
                    add(ring);
            } else if (OGR_GT_IsSubClassOf(type, wkbGeometryCollection)) {
                for (const OGRGeometry* sub : *g->toGeometryCollection())
                    add(sub);
            }
            if (points > 2000000)
                throw Error(path.toStdString() + " has more than two million points; simplify it to draw it");
        };
        for (auto& feature : *layer)
            if (const OGRGeometry* g = feature->GetGeometryRef()) {
                std::unique_ptr<OGRGeometry> copy(g->clone());
                if (transform && copy->transform(transform.get()) != OGRERR_NONE)
                    continue;
                add(copy.get());
            }
    }
    if (parts.empty())
        throw Error(path.toStdString() + " holds no geometries");
    return parts;
}

/// A layer from a file: a georeferenced raster (read small, with its corners), or vector parts.
struct Layer {
    QImage image;
    std::array<QPointF, 4> corners;
    std::vector<QPolygonF> parts;
};

Layer readAnyLayer(const QString& path)
{
    initialiseGdal();
    Layer layer;
    std::unique_ptr<GDALDataset> probe(
        GDALDataset::Open(path.toStdString().c_str(), GDAL_OF_RASTER | GDAL_OF_READONLY, nullptr, nullptr, nullptr));
    if (!probe) {
        layer.parts = readLayer(path);
        return layer;
    }
    probe.reset();
    const auto raster = Raster::open(path.toStdString(), RasterOptions{});
    const auto& facts = raster->facts();
    const Window whole{0, 0, static_cast<int>(facts.width), static_cast<int>(facts.height)};
    const auto footprint = raster->footprint(whole);
    if (!footprint)
        throw Error(ErrorCode::NotGeoreferenced, {path.toStdString()},
                    path.toStdString() + " is not georeferenced: the map cannot place it");
    const ImageU8 pixels = raster->readScaled(whole, 2048);
    QImage image(pixels.width, pixels.height, pixels.channels == 1 ? QImage::Format_Grayscale8 : QImage::Format_RGB888);
    for (int y = 0; y < pixels.height; ++y)
        std::copy_n(pixels.pixels.data() + static_cast<std::size_t>(y) * pixels.width * pixels.channels,
                    static_cast<std::size_t>(pixels.width) * pixels.channels, image.scanLine(y));
    layer.image = image.convertToFormat(QImage::Format_ARGB32_Premultiplied);
    for (std::size_t k = 0; k < 4; ++k)
        layer.corners[k] = QPointF((*footprint)[k][0], (*footprint)[k][1]);
    return layer;
}

} // namespace

MapDock::MapDock(ThumbnailCache* thumbnails, QWidget* parent) : QWidget(parent)
{
    m_tiles = new TileLoader(this);
    m_map = new MapView(thumbnails, m_tiles, this);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(2, 2, 2, 2);
    auto* tools = new QHBoxLayout;
    const auto button = [&](const QString& text, const QString& tip) {
        auto* b = new QToolButton(this);
        b->setText(text);
        b->setToolTip(tip);
        b->setAutoRaise(true);
        tools->addWidget(b);
        return b;
    };
    auto* archive = button(tr("Archive"), tr("Zoom to the whole archive"));
    auto* results = button(tr("Results"), tr("Zoom to the results"));
    m_rectangle = button(tr("Rectangle"), tr("Draw a rectangle: only items whose footprint meets it are ranked"));
    m_polygon = button(tr("Polygon"), tr("Draw a polygon: click its corners, double-click the last (Esc cancels)"));
    m_rectangle->setCheckable(true);
    m_polygon->setCheckable(true);
    auto* load = button(tr("Area..."), tr("Load the area from a GeoJSON, GeoPackage or Shapefile (any CRS)"));
    auto* clear = button(tr("Clear Area"), tr("Rank the whole archive again"));
    auto* layer = button(tr("Layer..."), tr("Add a GIS file to the map: a vector file's outlines (a county boundary, "
                                            "roads) or a georeferenced raster (an orthophoto)"));
    auto* noLayers = button(tr("No Layers"), tr("Take the added GIS files off the map"));
    m_score = button(tr("Score"), tr("Colour the selected result's scene by the query's score: every window of it, "
                                     "as rscir scoremap writes it"));
    m_score->setCheckable(true);
    m_score->setObjectName(QStringLiteral("ScoreButton"));
    connect(m_score, &QToolButton::toggled, this, &MapDock::scoreLayerToggled);
    tools->addStretch(1);
    m_background = new QComboBox(this);
    m_background->setAccessibleName(tr("Map background"));
    m_background->addItem(tr("No background"), QString());
    m_background->addItem(tr("Archive mosaic"), QStringLiteral("mosaic"));
    m_background->addItem(tr("OpenStreetMap"), TileLoader::openStreetMapTemplate());
    for (const QString& url : QSettings().value(QStringLiteral("map/tileTemplates")).toStringList())
        m_background->addItem(QUrl(url).host(), url);
    m_background->addItem(tr("Add a tile service..."), QStringLiteral("add"));
    tools->addWidget(m_background);
    layout->addLayout(tools);
    layout->addWidget(m_map, 1);
    auto* status = new QHBoxLayout;
    m_area = new QLabel(this);
    m_area->setWordWrap(true);
    m_coordinates = new QLabel(this);
    m_coordinates->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
    status->addWidget(m_area, 1);
    status->addWidget(m_coordinates);
    layout->addLayout(status);

    connect(archive, &QToolButton::clicked, m_map, &MapView::zoomToArchive);
    connect(results, &QToolButton::clicked, m_map, &MapView::zoomToResults);
    connect(load, &QToolButton::clicked, this, [this] {
        const QString path = QFileDialog::getOpenFileName(
            this, tr("Load an Area"), QString(),
            tr("Vector files (*.geojson *.json *.gpkg *.shp *.kml *.fgb);;All files (*)"));
        if (!path.isEmpty())
            loadArea(path);
    });
    connect(clear, &QToolButton::clicked, this, [this] { emit areaChosen(std::nullopt); });
    connect(layer, &QToolButton::clicked, this, [this] {
        const QString path = QFileDialog::getOpenFileName(
            this, tr("Add a Layer"), QString(),
            tr("GIS files (*.geojson *.json *.gpkg *.shp *.kml *.fgb *.tif *.tiff *.vrt *.jp2 *.img);;All files (*)"));
        if (!path.isEmpty())
            loadLayer(path);
    });
    connect(noLayers, &QToolButton::clicked, m_map, &MapView::clearLayers);
    connectMap();
    connect(m_background, &QComboBox::activated, this, &MapDock::chooseBackground);
    const int saved = m_background->findData(QSettings().value(QStringLiteral("map/background"), QStringLiteral("mosaic")));
    m_background->setCurrentIndex(std::max(0, saved));
    chooseBackground(m_background->currentIndex());
    setAreaStatus({});
}

/// The drawing tools, areas drawn, the cursor's place, and what the map and its tiles say.
void MapDock::connectMap()
{
    connect(m_rectangle, &QToolButton::toggled, this, [this](bool on) {
        if (on)
            m_polygon->setChecked(false);
        m_map->setTool(on ? MapView::Tool::Rectangle : MapView::Tool::Pan);
        m_map->setFocus();
    });
    connect(m_polygon, &QToolButton::toggled, this, [this](bool on) {
        if (on)
            m_rectangle->setChecked(false);
        m_map->setTool(on ? MapView::Tool::Polygon : MapView::Tool::Pan);
        m_map->setFocus();
    });
    connect(m_map, &MapView::areaDrawn, this, [this](const SpatialFilter& area) {
        m_rectangle->setChecked(false);
        m_polygon->setChecked(false);
        emit areaChosen(area);
    });
    connect(m_map, &MapView::cursorMoved, this, [this](double lon, double lat) {
        // Hemispheres named, as the viewer does: no guessing whether latitude or longitude
        // comes first (area boxes are west, south, east, north, as --bbox).
        const QLocale locale;
        m_coordinates->setText(tr("%1\u00b0 %2, %3\u00b0 %4")
                                   .arg(locale.toString(std::fabs(lat), 'f', 5), lat >= 0 ? tr("N") : tr("S"),
                                        locale.toString(std::fabs(lon), 'f', 5), lon >= 0 ? tr("E") : tr("W")));
    });
    connect(m_map, &MapView::message, this, &MapDock::message);
    connect(m_tiles, &TileLoader::failedOnce, this, [this](const QString& why) {
        emit message(tr("Map tiles could not be loaded (%1); the map goes on without them.").arg(why));
    });
}

void MapDock::chooseBackground(int index)
{
    QString data = m_background->itemData(index).toString();
    if (data == QLatin1String("add")) {
        bool ok = false;
        const QString url = QInputDialog::getText(
            this, tr("Add a Tile Service"),
            tr("The URL of its tiles, with {z}, {x} and {y} (XYZ, Web Mercator); respect the service's usage policy:"),
            QLineEdit::Normal, QStringLiteral("https://"), &ok);
        if (!ok || !url.contains(QLatin1String("{z}")) || !url.contains(QLatin1String("{x}")) ||
            !url.contains(QLatin1String("{y}")) || !QUrl(url).isValid()) {
            if (ok)
                emit message(tr("A tile URL needs {z}, {x} and {y}."));
            m_background->setCurrentIndex(1);
            chooseBackground(1);
            return;
        }
        QStringList urls = QSettings().value(QStringLiteral("map/tileTemplates")).toStringList();
        urls.removeAll(url);
        urls.append(url);
        QSettings().setValue(QStringLiteral("map/tileTemplates"), urls);
        m_background->insertItem(index, QUrl(url).host(), url);
        m_background->setCurrentIndex(index);
        data = url;
    }
    QSettings().setValue(QStringLiteral("map/background"), data);
    if (data.isEmpty()) {
        m_tiles->setTemplate({});
        m_map->setBackground(MapView::Background::None);
    } else if (data == QLatin1String("mosaic")) {
        m_tiles->setTemplate({});
        m_map->setBackground(MapView::Background::Mosaic);
    } else {
        m_tiles->setTemplate(data);
        m_map->setBackground(MapView::Background::Tiles);
    }
}

void MapDock::setAreaStatus(const QString& text)
{
    m_area->setText(text.isEmpty() ? tr("No area: the whole archive is ranked.") : text);
}

void MapDock::loadLayer(const QString& path)
{
    auto* watcher = new QFutureWatcher<Layer>(this);
    connect(watcher, &QFutureWatcher<Layer>::finished, this, [this, watcher, path] {
        watcher->deleteLater();
        guarded(
            [&] {
                const Layer layer = watcher->result();
                if (!layer.image.isNull())
                    m_map->addRasterLayer(QFileInfo(path).fileName(), layer.image, layer.corners);
                else
                    m_map->addVectorLayer(QFileInfo(path).fileName(), layer.parts);
            },
            [this](const QString& why) { emit message(tr("The layer could not be read: %1").arg(inUserLanguage(why))); });
    });
    watcher->setFuture(background::run([path] { return readAnyLayer(path); }));
}

void MapDock::loadArea(const QString& path)
{
    auto* watcher = new QFutureWatcher<SpatialFilter>(this);
    connect(watcher, &QFutureWatcher<SpatialFilter>::finished, this, [this, watcher] {
        watcher->deleteLater();
        guarded([&] { emit areaChosen(watcher->result()); },
                [this](const QString& why) { emit message(tr("The area could not be read: %1").arg(inUserLanguage(why))); });
    });
    watcher->setFuture(background::run([path] { return SpatialFilter::fromFile(path.toStdString()); }));
}

bool MapDock::showsScore() const
{
    return m_score->isChecked();
}

} // namespace rscir::ui
