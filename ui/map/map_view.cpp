#include "ui/map/map_view.h"
#include "ui/map/map_projection.h"

#include "ui/search/thumbnail_cache.h"
#include "ui/map/tile_loader.h"
#include "ui/common/background.h"

#include <QFutureWatcher>
#include <QKeyEvent>
#include <QLocale>
#include <QMouseEvent>
#include <QFontMetricsF>
#include <QPainter>
#include <QPainterPath>
#include <QWheelEvent>

#include <algorithm>
#include <cmath>
#include <numbers>

namespace rscir::ui {

using namespace mercator_math;


MapView::MapView(ThumbnailCache* thumbnails, TileLoader* tiles, QWidget* parent)
    : QWidget(parent), m_thumbnails(thumbnails), m_tiles(tiles), m_projected(std::make_unique<Projected>())
{
    setMouseTracking(true);
    setFocusPolicy(Qt::StrongFocus);
    setMinimumSize(240, 200);
    setAccessibleName(tr("Map of the archive and the results"));
    if (m_thumbnails)
        connect(m_thumbnails, &ThumbnailCache::thumbnailReady, this, [this](std::int64_t) {
            if (m_background == Background::Mosaic || m_hovered != 0)
                update();
        });
    if (m_tiles)
        connect(m_tiles, &TileLoader::tileReady, this, [this] { update(); });
}

MapView::~MapView() = default;

void MapView::setFootprints(std::shared_ptr<const ArchiveFootprints> footprints)
{
    m_footprints = std::move(footprints);
    m_kept.reset(); // a mask is of the items it was made for
    m_projected = std::make_unique<Projected>();
    m_archiveKey.clear();
    ++m_projection;
    if (m_footprints && m_footprints->ids.size() > 50000) {
        // A national archive's footprints are projected off the GUI thread (0.1 s per million).
        auto* watcher = new QFutureWatcher<std::shared_ptr<Projected>>(this);
        const auto generation = m_projection;
        connect(watcher, &QFutureWatcher<std::shared_ptr<Projected>>::finished, this, [this, watcher, generation] {
            watcher->deleteLater();
            if (generation != m_projection)
                return; // other footprints came meanwhile
            m_projected = std::make_unique<Projected>(std::move(*watcher->result()));
            m_archiveKey.clear();
            if (!m_fitted)
                zoomToArchive();
            update();
        });
        watcher->setFuture(background::run([f = m_footprints] { return project(*f); }));
        update();
        return;
    }
    if (m_footprints)
        m_projected = std::make_unique<Projected>(std::move(*project(*m_footprints)));
    if (!m_fitted && m_footprints && m_footprints->withFootprint > 0)
        zoomToArchive();
    update();
}

bool MapView::projecting() const
{
    return m_footprints && m_projected->boxes.size() != m_footprints->ids.size();
}

std::shared_ptr<MapView::Projected> MapView::project(const ArchiveFootprints& footprints)
{
    auto projected = std::make_shared<Projected>();
    const std::size_t n = footprints.ids.size();
    projected->quads.resize(n);
    projected->boxes.assign(n, {NAN, NAN, NAN, NAN});
    for (std::size_t i = 0; i < n; ++i) {
        const auto& f = footprints.footprints[i];
        if (!f)
            continue;
        auto& quad = projected->quads[i];
        double minX = INFINITY, minY = INFINITY, maxX = -INFINITY, maxY = -INFINITY;
        for (std::size_t k = 0; k < 4; ++k) {
            quad[k] = mercator((*f)[k][0], (*f)[k][1]);
            minX = std::min(minX, quad[k].x());
            maxX = std::max(maxX, quad[k].x());
            minY = std::min(minY, quad[k].y());
            maxY = std::max(maxY, quad[k].y());
        }
        projected->boxes[i] = {minX, minY, maxX, maxY};
        projected->minX = std::min(projected->minX, minX);
        projected->minY = std::min(projected->minY, minY);
        projected->maxX = std::max(projected->maxX, maxX);
        projected->maxY = std::max(projected->maxY, maxY);
    }
    return projected;
}

void MapView::setResults(const std::vector<std::int64_t>& ids)
{
    m_results = ids;
    update();
}

void MapView::setQueryItems(const std::vector<std::int64_t>& wanted, const std::vector<std::int64_t>& avoided)
{
    m_wanted = wanted;
    m_avoided = avoided;
    update();
}

void MapView::setSelected(std::int64_t itemId)
{
    m_selected = itemId;
    update();
}

void MapView::setKept(std::shared_ptr<const std::vector<bool>> kept)
{
    if (kept == m_kept)
        return;
    m_kept = std::move(kept);
    if (m_projected)
        m_projected->visibleKey.clear(); // what is in view is found anew
    m_archiveKey.clear();
    update();
}

void MapView::setArea(const std::optional<SpatialFilter>& area)
{
    m_area = area;
    m_areaRings.clear();
    if (area)
        for (const auto& ring : area->rings()) {
            QPolygonF polygon;
            for (const auto& p : ring)
                polygon << mercator(p[0], p[1]);
            m_areaRings.push_back(polygon);
        }
    update();
}

void MapView::setTool(Tool tool)
{
    m_tool = tool;
    m_drawing.clear();
    setCursor(tool == Tool::Pan ? Qt::ArrowCursor : Qt::CrossCursor);
    update();
}

void MapView::setBackground(Background background)
{
    m_background = background;
    update();
}

void MapView::addVectorLayer(const QString& name, std::vector<QPolygonF> lonLatParts)
{
    for (QPolygonF& part : lonLatParts)
        for (QPointF& p : part)
            p = mercator(p.x(), p.y());
    m_layers.emplace_back(name, std::move(lonLatParts));
    update();
}

void MapView::addRasterLayer(const QString& name, const QImage& image, const std::array<QPointF, 4>& lonLatCorners)
{
    QPolygonF corners;
    for (const QPointF& p : lonLatCorners)
        corners << mercator(p.x(), p.y());
    m_rasters.push_back({name, image, corners});
    update();
}

void MapView::setScoreLayer(const QImage& image, const std::array<QPointF, 4>& lonLatCorners)
{
    QPolygonF corners;
    for (const QPointF& p : lonLatCorners)
        corners << mercator(p.x(), p.y());
    m_score = RasterLayer{QStringLiteral("score"), image, corners};
    update();
}

void MapView::clearScoreLayer()
{
    if (m_score) {
        m_score.reset();
        update();
    }
}

void MapView::clearLayers()
{
    m_layers.clear();
    m_rasters.clear();
    update();
}

QString MapView::rankRuns(std::vector<std::size_t> ranks)
{
    std::sort(ranks.begin(), ranks.end());
    ranks.erase(std::unique(ranks.begin(), ranks.end()), ranks.end());
    QStringList runs;
    for (std::size_t a = 0; a < ranks.size();) {
        std::size_t b = a;
        while (b + 1 < ranks.size() && ranks[b + 1] == ranks[b] + 1)
            ++b;
        runs << (a == b ? QString::number(ranks[a])
                        : QStringLiteral("%1\u2013%2").arg(ranks[a]).arg(ranks[b]));
        a = b + 1;
    }
    if (runs.size() > 3)
        return runs.mid(0, 2).join(QLatin1Char(',')) + QStringLiteral(",\u2026");
    return runs.join(QLatin1Char(','));
}

QPointF MapView::toScreenMercator(double x, double y) const
{
    return {(x - m_centre.x()) / m_mpp + width() / 2.0, (m_centre.y() - y) / m_mpp + height() / 2.0};
}

QPointF MapView::toScreen(double lon, double lat) const
{
    const QPointF m = mercator(lon, lat);
    return toScreenMercator(m.x(), m.y());
}

QPointF MapView::toLonLat(const QPointF& screen) const
{
    return lonLatOf({m_centre.x() + (screen.x() - width() / 2.0) * m_mpp,
                     m_centre.y() - (screen.y() - height() / 2.0) * m_mpp});
}

QPointF MapView::centreLonLat() const
{
    return lonLatOf(m_centre);
}

void MapView::setView(double lon, double lat, double metresPerPixel)
{
    m_centre = mercator(lon, lat);
    m_mpp = std::clamp(metresPerPixel, 0.05, kWorld / 256.0);
    m_fitted = true;
    update();
}

void MapView::fitMercator(double minX, double minY, double maxX, double maxY)
{
    if (!(maxX >= minX && maxY >= minY))
        return;
    m_centre = {(minX + maxX) / 2, (minY + maxY) / 2};
    const double w = std::max(1.0, double(width() - 40)), h = std::max(1.0, double(height() - 40));
    m_mpp = std::clamp(std::max((maxX - minX) / w, (maxY - minY) / h), 0.05, kWorld / 256.0);
    m_fitted = true;
    update();
}

void MapView::zoomToArchive()
{
    if (m_projected && std::isfinite(m_projected->minX))
        fitMercator(m_projected->minX, m_projected->minY, m_projected->maxX, m_projected->maxY);
}

void MapView::zoomToResults()
{
    if (!zoomToItems(m_results))
        emit message(tr("None of the results has a footprint."));
}

bool MapView::zoomToItems(const std::vector<std::int64_t>& ids)
{
    double minX = INFINITY, minY = INFINITY, maxX = -INFINITY, maxY = -INFINITY;
    for (std::int64_t id : ids)
        if (const auto i = indexOf(id); i && m_projected && std::isfinite(m_projected->boxes[*i][0])) {
            const auto& b = m_projected->boxes[*i];
            minX = std::min(minX, b[0]);
            minY = std::min(minY, b[1]);
            maxX = std::max(maxX, b[2]);
            maxY = std::max(maxY, b[3]);
        }
    if (!std::isfinite(minX))
        return false;
    fitMercator(minX, minY, maxX, maxY);
    return true;
}

std::optional<std::size_t> MapView::indexOf(std::int64_t itemId) const
{
    if (!m_footprints)
        return std::nullopt;
    const auto& ids = m_footprints->ids;
    const auto it = std::lower_bound(ids.begin(), ids.end(), itemId);
    if (it == ids.end() || *it != itemId)
        return std::nullopt;
    return static_cast<std::size_t>(it - ids.begin());
}

QPolygonF MapView::quadOf(std::size_t index) const
{
    QPolygonF polygon;
    for (const QPointF& p : m_projected->quads[index])
        polygon << toScreenMercator(p.x(), p.y());
    return polygon;
}

std::int64_t MapView::itemAt(const QPointF& screen) const
{
    if (!m_footprints)
        return 0;
    const auto contains = [&](std::size_t i) {
        return std::isfinite(m_projected->boxes[i][0]) && quadOf(i).containsPoint(screen, Qt::OddEvenFill);
    };
    for (std::int64_t id : m_results)
        if (const auto i = indexOf(id); i && contains(*i))
            return id;
    if (m_outlines)
        for (std::size_t i : m_projected->visible)
            if (contains(i))
                return m_footprints->ids[i];
    return 0;
}

void MapView::paintEvent(QPaintEvent*)
{
    QPainter painter(this);
    painter.fillRect(rect(), QColor(236, 238, 240));
    if (m_background == Background::Tiles)
        drawTiles(painter);
    drawRasterLayers(painter);
    if (!m_footprints || m_footprints->withFootprint == 0) {
        painter.setPen(palette().placeholderText().color());
        painter.drawText(rect().adjusted(12, 12, -12, -12), Qt::AlignCenter | Qt::TextWordWrap,
                         m_footprints ? tr("No item of this archive has a footprint: its images are not "
                                           "georeferenced.")
                                      : tr("Open an index to see its footprints."));
        return;
    }
    drawArchive(painter);
    painter.setRenderHint(QPainter::Antialiasing);
    drawVectorLayers(painter);
    drawArea(painter);
    drawResults(painter);
    painter.setFont(font());
    painter.setBrush(Qt::NoBrush);
    drawQueryItems(painter);
    drawSketch(painter);
    drawHovered(painter);
    drawScaleBar(painter);
    drawAttribution(painter);
}

void MapView::resizeEvent(QResizeEvent*)
{
    if (!m_fitted)
        zoomToArchive();
}

void MapView::wheelEvent(QWheelEvent* event)
{
    const QPointF at = event->position();
    const QPointF before(m_centre.x() + (at.x() - width() / 2.0) * m_mpp, m_centre.y() - (at.y() - height() / 2.0) * m_mpp);
    const double factor = std::pow(1.25, -event->angleDelta().y() / 120.0);
    m_mpp = std::clamp(m_mpp * factor, 0.05, kWorld / 256.0);
    // Keep the point under the cursor where it is.
    m_centre = QPointF(before.x() - (at.x() - width() / 2.0) * m_mpp, before.y() + (at.y() - height() / 2.0) * m_mpp);
    m_fitted = true;
    update();
}

void MapView::mousePressEvent(QMouseEvent* event)
{
    m_pressAt = m_lastMouse = event->position();
    m_moved = false;
    if (event->button() != Qt::LeftButton)
        return;
    const QPointF lonLat = toLonLat(event->position());
    if (m_tool == Tool::Rectangle) {
        m_drawing = {lonLat, lonLat};
    } else if (m_tool == Tool::Polygon) {
        m_drawing.push_back(lonLat);
    } else {
        m_dragging = true;
        setCursor(Qt::ClosedHandCursor);
    }
    update();
}

void MapView::mouseMoveEvent(QMouseEvent* event)
{
    const QPointF at = event->position();
    if ((at - m_pressAt).manhattanLength() > 4)
        m_moved = true;
    if (m_dragging) {
        m_centre -= QPointF((at.x() - m_lastMouse.x()) * m_mpp, -(at.y() - m_lastMouse.y()) * m_mpp);
        m_fitted = true;
    } else if (m_tool == Tool::Rectangle && m_drawing.size() == 2 && (event->buttons() & Qt::LeftButton)) {
        m_drawing[1] = toLonLat(at);
    } else if (m_tool == Tool::Pan && event->buttons() == Qt::NoButton) {
        m_hovered = itemAt(at);
    }
    m_lastMouse = at;
    const QPointF lonLat = toLonLat(at);
    emit cursorMoved(lonLat.x(), lonLat.y());
    update();
}

void MapView::mouseReleaseEvent(QMouseEvent* event)
{
    if (m_dragging) {
        m_dragging = false;
        setCursor(Qt::ArrowCursor);
        if (!m_moved)
            if (const std::int64_t id = itemAt(event->position()))
                emit itemClicked(id);
    } else if (m_tool == Tool::Rectangle && m_drawing.size() == 2) {
        const QPointF a = m_drawing[0], b = m_drawing[1];
        m_drawing.clear();
        if (m_moved) {
            try {
                emit areaDrawn(SpatialFilter::box(std::min(a.x(), b.x()), std::min(a.y(), b.y()), std::max(a.x(), b.x()),
                                                  std::max(a.y(), b.y())));
            } catch (const std::exception& e) {
                emit message(QString::fromUtf8(e.what()));
            }
            setTool(Tool::Pan);
        }
    }
    update();
}

void MapView::mouseDoubleClickEvent(QMouseEvent* event)
{
    if (m_tool == Tool::Polygon) {
        // The double-click's point ends the polygon (added unless its press already did).
        if (m_drawing.empty() || (toScreen(m_drawing.back().x(), m_drawing.back().y()) - event->position()).manhattanLength() > 3)
            m_drawing.push_back(toLonLat(event->position()));
        finishPolygon();
        return;
    }
    if (const std::int64_t id = itemAt(event->position()))
        emit itemActivated(id);
}

void MapView::finishPolygon()
{
    // A double-click adds its point twice: the last press and the double-click.
    if (m_drawing.size() >= 2 && m_drawing.back() == m_drawing[m_drawing.size() - 2])
        m_drawing.pop_back();
    if (m_drawing.size() < 3) {
        emit message(tr("A polygon needs three points or more: click them, double-click the last."));
        return;
    }
    QString wkt = QStringLiteral("POLYGON((");
    for (const QPointF& p : m_drawing)
        wkt += QStringLiteral("%1 %2,").arg(p.x(), 0, 'f', 9).arg(p.y(), 0, 'f', 9);
    wkt += QStringLiteral("%1 %2))").arg(m_drawing.front().x(), 0, 'f', 9).arg(m_drawing.front().y(), 0, 'f', 9);
    m_drawing.clear();
    try {
        emit areaDrawn(SpatialFilter::polygons(wkt.toStdString(), tr("drawn polygon").toStdString()));
    } catch (const std::exception& e) {
        emit message(QString::fromUtf8(e.what()));
    }
    setTool(Tool::Pan);
}

void MapView::keyPressEvent(QKeyEvent* event)
{
    if (event->key() == Qt::Key_Escape && m_tool != Tool::Pan) {
        setTool(Tool::Pan);
        return;
    }
    if ((event->key() == Qt::Key_Return || event->key() == Qt::Key_Enter) && m_tool == Tool::Polygon) {
        finishPolygon();
        return;
    }
    QWidget::keyPressEvent(event);
}

void MapView::leaveEvent(QEvent*)
{
    m_hovered = 0;
    update();
}

} // namespace rscir::ui
