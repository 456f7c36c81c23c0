#include "ui/map/map_view.h"

#include "ui/search/thumbnail_cache.h"
#include "ui/map/tile_loader.h"

#include <QFutureWatcher>
#include <QKeyEvent>
#include <QtConcurrent>
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

namespace {

constexpr double kEarthRadius = 6378137.0;
constexpr double kMaxLatitude = 85.05112878;
constexpr double kWorld = 2.0 * std::numbers::pi * kEarthRadius; // Web Mercator's width in metres

QPointF mercator(double lon, double lat)
{
    const double phi = std::clamp(lat, -kMaxLatitude, kMaxLatitude) * std::numbers::pi / 180.0;
    return {kEarthRadius * lon * std::numbers::pi / 180.0, kEarthRadius * std::log(std::tan(std::numbers::pi / 4 + phi / 2))};
}

QPointF lonLatOf(const QPointF& m)
{
    return {m.x() / kEarthRadius * 180.0 / std::numbers::pi,
            (2.0 * std::atan(std::exp(m.y() / kEarthRadius)) - std::numbers::pi / 2) * 180.0 / std::numbers::pi};
}

QColor rankColour(std::size_t rank, std::size_t count)
{
    const double t = count > 1 ? double(rank) / double(count - 1) : 0.0;
    return QColor::fromHsvF(float(0.0 + 0.15 * t), 0.95f, 0.95f);
}

} // namespace

/// Every footprint in Web Mercator metres, with its box, in the order of the footprints.
struct MapView::Projected {
    std::vector<std::array<QPointF, 4>> quads;
    std::vector<std::array<double, 4>> boxes; ///< min x, min y, max x, max y; NaN without a footprint
    double minX = INFINITY, minY = INFINITY, maxX = -INFINITY, maxY = -INFINITY;
    std::vector<std::size_t> visible; ///< of the last view
    QString visibleKey;
};

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
        watcher->setFuture(QtConcurrent::run([f = m_footprints] { return project(*f); }));
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
    double minX = INFINITY, minY = INFINITY, maxX = -INFINITY, maxY = -INFINITY;
    for (std::int64_t id : m_results)
        if (const auto i = indexOf(id); i && std::isfinite(m_projected->boxes[*i][0])) {
            const auto& b = m_projected->boxes[*i];
            minX = std::min(minX, b[0]);
            minY = std::min(minY, b[1]);
            maxX = std::max(maxX, b[2]);
            maxY = std::max(maxY, b[3]);
        }
    if (std::isfinite(minX))
        fitMercator(minX, minY, maxX, maxY);
    else
        emit message(tr("None of the results has a footprint."));
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

void MapView::drawTiles(QPainter& painter)
{
    if (!m_tiles || m_tiles->urlTemplate().isEmpty())
        return;
    const int z = std::clamp(static_cast<int>(std::lround(std::log2(kWorld / (256.0 * m_mpp)))), 0, 19);
    const double tileMetres = kWorld / double(1 << z);
    const QPointF topLeft(m_centre.x() - width() / 2.0 * m_mpp, m_centre.y() + height() / 2.0 * m_mpp);
    const QPointF bottomRight(m_centre.x() + width() / 2.0 * m_mpp, m_centre.y() - height() / 2.0 * m_mpp);
    const int count = 1 << z;
    const int x0 = std::max(0, static_cast<int>(std::floor((topLeft.x() + kWorld / 2) / tileMetres)));
    const int x1 = std::min(count - 1, static_cast<int>(std::floor((bottomRight.x() + kWorld / 2) / tileMetres)));
    const int y0 = std::max(0, static_cast<int>(std::floor((kWorld / 2 - topLeft.y()) / tileMetres)));
    const int y1 = std::min(count - 1, static_cast<int>(std::floor((kWorld / 2 - bottomRight.y()) / tileMetres)));
    QSet<TileKey> visible;
    painter.setRenderHint(QPainter::SmoothPixmapTransform);
    for (int y = y0; y <= y1 && y - y0 < 32; ++y)
        for (int x = x0; x <= x1 && x - x0 < 32; ++x) {
            const TileKey key{z, x, y};
            visible.insert(key);
            const QImage image = m_tiles->tile(key);
            if (image.isNull())
                continue;
            const QPointF a = toScreenMercator(-kWorld / 2 + x * tileMetres, kWorld / 2 - y * tileMetres);
            const QPointF b = toScreenMercator(-kWorld / 2 + (x + 1) * tileMetres, kWorld / 2 - (y + 1) * tileMetres);
            painter.drawImage(QRectF(a, b), image);
        }
    m_tiles->keepOnly(visible);
}

void MapView::drawArchive(QPainter& painter)
{
    if (!m_footprints)
        return;
    // Which footprints are in view: computed once per view, not per repaint.
    const QString key = QStringLiteral("%1 %2 %3 %4 %5")
                            .arg(m_centre.x(), 0, 'f', 3)
                            .arg(m_centre.y(), 0, 'f', 3)
                            .arg(m_mpp, 0, 'g', 12)
                            .arg(width())
                            .arg(height());
    const int cell = 3;
    const int cw = std::max(1, width() / cell + 1), ch = std::max(1, height() / cell + 1);
    if (m_projected->visibleKey != key) {
        // One pass: the footprints in view, and the density of their centres (3 pixels a
        // cell), which is drawn when there are too many for outlines.
        const double minX = m_centre.x() - width() / 2.0 * m_mpp, maxX = m_centre.x() + width() / 2.0 * m_mpp;
        const double minY = m_centre.y() - height() / 2.0 * m_mpp, maxY = m_centre.y() + height() / 2.0 * m_mpp;
        m_projected->visible.clear();
        m_density.assign(static_cast<std::size_t>(cw) * ch, 0);
        const double inverse = 1.0 / (m_mpp * cell);
        const auto& boxes = m_projected->boxes;
        for (std::size_t i = 0; i < boxes.size(); ++i) {
            const auto& bx = boxes[i];
            if (!(bx[2] >= minX && bx[0] <= maxX && bx[3] >= minY && bx[1] <= maxY))
                continue;
            m_projected->visible.push_back(i);
            const int x = static_cast<int>(((bx[0] + bx[2]) / 2 - minX) * inverse);
            const int y = static_cast<int>((maxY - (bx[1] + bx[3]) / 2) * inverse);
            if (x >= 0 && y >= 0 && x < cw && y < ch)
                ++m_density[static_cast<std::size_t>(y) * cw + x];
        }
        m_projected->visibleKey = key;
        m_archiveKey.clear();
    }
    const auto& visible = m_projected->visible;
    m_visible = visible.size();
    m_outlines = visible.size() <= kOutlineLimit;
    if (!m_outlines) {
        if (m_archiveKey != key) {
            const std::uint32_t most = *std::max_element(m_density.begin(), m_density.end());
            QImage cells(cw, ch, QImage::Format_ARGB32_Premultiplied);
            cells.fill(Qt::transparent);
            const double scale = most > 0 ? 1.0 / std::log1p(double(most)) : 0.0;
            for (int y = 0; y < ch; ++y) {
                auto* line = reinterpret_cast<QRgb*>(cells.scanLine(y));
                for (int x = 0; x < cw; ++x)
                    if (const auto c = m_density[static_cast<std::size_t>(y) * cw + x]) {
                        const int alpha = std::min(255, 70 + static_cast<int>(170 * std::log1p(double(c)) * scale));
                        line[x] = qPremultiply(qRgba(70, 90, 140, alpha));
                    }
            }
            m_archiveLayer = cells.scaled(cw * cell, ch * cell);
            m_archiveKey = key;
        }
        painter.drawImage(0, 0, m_archiveLayer);
        return;
    }
    // The archive's thumbnails at their footprints: a quick-look mosaic that works offline.
    if (m_background == Background::Mosaic && m_thumbnails && visible.size() <= kMosaicLimit) {
        painter.setRenderHint(QPainter::SmoothPixmapTransform);
        for (std::size_t i : visible) {
            const QPixmap pixmap = m_thumbnails->thumbnail(m_footprints->ids[i]);
            if (pixmap.isNull())
                continue;
            const QPolygonF target = quadOf(i);
            const QPolygonF source(QRectF(0, 0, pixmap.width(), pixmap.height()));
            QTransform transform;
            if (!QTransform::quadToQuad(QPolygonF(source.mid(0, 4)), QPolygonF(target.mid(0, 4)), transform))
                continue;
            painter.save();
            painter.setTransform(transform, true);
            painter.drawPixmap(0, 0, pixmap);
            painter.restore();
        }
    }
    painter.setRenderHint(QPainter::Antialiasing, visible.size() < 1000);
    painter.setPen(QPen(QColor(90, 100, 120, 170), 1));
    painter.setBrush(Qt::NoBrush);
    for (std::size_t i : visible) {
        const QPolygonF quad = quadOf(i);
        const QRectF box = quad.boundingRect();
        if (box.width() < 3 && box.height() < 3)
            painter.fillRect(QRectF(box.center() - QPointF(1.5, 1.5), QSizeF(3, 3)), QColor(90, 100, 120, 170));
        else
            painter.drawPolygon(quad);
    }
}

void MapView::drawScaleBar(QPainter& painter)
{
    // Ground metres per pixel at the view's latitude (Web Mercator stretches by 1 / cos).
    const double ground = m_mpp * std::cos(centreLonLat().y() * std::numbers::pi / 180.0);
    if (!(ground > 0))
        return;
    double length = 1;
    for (double m = 0.1; m < 2e7; m *= 10)
        for (double f : {1.0, 2.0, 5.0})
            if (f * m / ground <= 120)
                length = f * m;
    const double pixels = length / ground;
    const QLocale locale;
    const QString text = length >= 1000 ? tr("%1 km").arg(locale.toString(length / 1000, 'g', 6))
                                        : tr("%1 m").arg(locale.toString(length, 'g', 6));
    const QPointF origin(12, height() - 14);
    painter.setRenderHint(QPainter::Antialiasing, false);
    painter.setPen(QPen(Qt::white, 5));
    painter.drawLine(origin, origin + QPointF(pixels, 0));
    painter.setPen(QPen(Qt::black, 2));
    painter.drawLine(origin, origin + QPointF(pixels, 0));
    painter.drawLine(origin + QPointF(0, -4), origin + QPointF(0, 2));
    painter.drawLine(origin + QPointF(pixels, -4), origin + QPointF(pixels, 2));
    QPainterPath label;
    label.addText(origin + QPointF(0, -7), font(), text);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.strokePath(label, QPen(Qt::white, 3));
    painter.fillPath(label, Qt::black);
}

void MapView::paintEvent(QPaintEvent*)
{
    QPainter painter(this);
    painter.fillRect(rect(), QColor(236, 238, 240));
    if (m_background == Background::Tiles)
        drawTiles(painter);
    // Raster layers from files, under everything of the archive.
    for (const RasterLayer& layer : m_rasters) {
        QPolygonF target;
        for (const QPointF& p : layer.corners)
            target << toScreenMercator(p.x(), p.y());
        QTransform transform;
        if (QTransform::quadToQuad(QPolygonF(QRectF(0, 0, layer.image.width(), layer.image.height())).mid(0, 4), target,
                                   transform)) {
            painter.save();
            painter.setRenderHint(QPainter::SmoothPixmapTransform);
            painter.setTransform(transform, true);
            painter.drawImage(0, 0, layer.image);
            painter.restore();
        }
    }
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
    // Vector layers from files.
    painter.setBrush(Qt::NoBrush);
    painter.setPen(QPen(QColor(120, 60, 150), 1.5));
    for (const auto& [name, parts] : m_layers)
        for (const QPolygonF& part : parts) {
            QPolygonF screen;
            for (const QPointF& p : part)
                screen << toScreenMercator(p.x(), p.y());
            if (screen.size() == 1)
                painter.drawEllipse(screen.front(), 3, 3);
            else
                painter.drawPolyline(screen);
        }
    // The spatial filter.
    if (!m_areaRings.empty()) {
        QPainterPath path;
        path.setFillRule(Qt::OddEvenFill);
        for (const QPolygonF& ring : m_areaRings) {
            QPolygonF screen;
            for (const QPointF& p : ring)
                screen << toScreenMercator(p.x(), p.y());
            path.addPolygon(screen);
            path.closeSubpath();
        }
        painter.fillPath(path, QColor(40, 110, 220, 45));
        painter.strokePath(path, QPen(QColor(30, 90, 200), 2));
    }
    // The results by rank: red (first) to yellow; numbers on the first fifty.
    const std::size_t n = m_results.size();
    QFont small = font();
    small.setPointSizeF(std::max(6.0, font().pointSizeF() - 1));
    painter.setFont(small);
    // Labels of results that would print on top of one another share one: "5\u20137".
    struct Label {
        QRectF rect;
        std::vector<std::size_t> ranks;
    };
    std::vector<Label> labels;
    const QFontMetricsF metrics(small);
    const auto widthOf = [&metrics](const std::vector<std::size_t>& ranks) {
        return std::max(24.0, metrics.horizontalAdvance(MapView::rankRuns(ranks)) + 4);
    };
    for (std::size_t r = 0; r < std::min<std::size_t>(n, 50); ++r) {
        const auto i = indexOf(m_results[r]);
        if (!i || !std::isfinite(m_projected->boxes[*i][0]))
            continue;
        const QRectF box = quadOf(*i).boundingRect();
        const QRectF rect(box.center() + QPointF(box.width() < 8 ? 6 : -12, -8), QSizeF(24, 16));
        // Measured as the text it will be: a merged label is wider than one number.
        const auto near = std::find_if(labels.begin(), labels.end(), [&](const Label& l) { return l.rect.intersects(rect); });
        if (near != labels.end()) {
            near->ranks.push_back(r + 1);
            near->rect.setWidth(widthOf(near->ranks));
        } else {
            labels.push_back({rect, {r + 1}});
        }
    }
    for (std::size_t r = n; r-- > 0;) {
        const auto i = indexOf(m_results[r]);
        if (!i || !std::isfinite(m_projected->boxes[*i][0]))
            continue;
        const QColor colour = rankColour(r, n);
        const QPolygonF quad = quadOf(*i);
        const QRectF box = quad.boundingRect();
        if (box.width() < 8 || box.height() < 8) {
            // Too small to see as a polygon: a dot.
            painter.setPen(QPen(Qt::black, 1));
            painter.setBrush(colour);
            painter.drawEllipse(box.center(), 5, 5);
        } else {
            QColor fill = colour;
            fill.setAlpha(140);
            painter.setPen(QPen(colour.darker(130), 2));
            painter.setBrush(fill);
            painter.drawPolygon(quad);
        }
    }
    for (const Label& label : labels) {
        QPainterPath text;
        text.addText(label.rect.left(), label.rect.bottom() - 3, small, MapView::rankRuns(label.ranks));
        painter.strokePath(text, QPen(Qt::white, 3));
        painter.fillPath(text, Qt::black);
    }
    painter.setFont(font());
    painter.setBrush(Qt::NoBrush);
    // The query's items: wanted green, avoided red and dashed; the selection in black.
    for (const auto& [ids, pen] : {std::pair{&m_wanted, QPen(QColor(20, 140, 60), 3)},
                                  std::pair{&m_avoided, QPen(QColor(200, 30, 30), 2.5, Qt::DashLine)}})
        for (std::int64_t id : *ids)
            if (const auto i = indexOf(id); i && std::isfinite(m_projected->boxes[*i][0])) {
                painter.setPen(pen);
                painter.drawPolygon(quadOf(*i));
            }
    if (const auto i = indexOf(m_selected); i && std::isfinite(m_projected->boxes[*i][0])) {
        painter.setPen(QPen(Qt::white, 4));
        painter.drawPolygon(quadOf(*i));
        painter.setPen(QPen(Qt::black, 2));
        painter.drawPolygon(quadOf(*i));
    }
    // What is being drawn.
    if (!m_drawing.empty()) {
        painter.setPen(QPen(QColor(30, 90, 200), 2, Qt::DashLine));
        painter.setBrush(QColor(40, 110, 220, 30));
        QPolygonF shape;
        if (m_tool == Tool::Rectangle && m_drawing.size() == 2) {
            shape = QPolygonF(QRectF(toScreen(m_drawing[0].x(), m_drawing[0].y()),
                                     toScreen(m_drawing[1].x(), m_drawing[1].y()))
                                  .normalized());
        } else {
            for (const QPointF& p : m_drawing)
                shape << toScreen(p.x(), p.y());
            shape << m_lastMouse;
        }
        painter.drawPolygon(shape);
    }
    // The hovered item's thumbnail beside the cursor.
    if (m_hovered != 0 && m_thumbnails) {
        const QPixmap pixmap = m_thumbnails->thumbnail(m_hovered);
        if (!pixmap.isNull()) {
            const QSize size = pixmap.size().scaled(120, 120, Qt::KeepAspectRatio);
            QPointF at = m_lastMouse + QPointF(16, 16);
            at.setX(std::min(at.x(), width() - size.width() - 4.0));
            at.setY(std::min(at.y(), height() - size.height() - 4.0));
            const QRectF frame(at, QSizeF(size));
            painter.setPen(QPen(Qt::black, 1));
            painter.setBrush(Qt::white);
            painter.drawRect(frame.adjusted(-2, -2, 2, 2));
            painter.drawPixmap(frame.toRect(), pixmap);
            const auto rank = std::find(m_results.begin(), m_results.end(), m_hovered);
            if (rank != m_results.end()) {
                QPainterPath text;
                text.addText(frame.topLeft() + QPointF(4, 16), font(),
                             QStringLiteral("#%1").arg(rank - m_results.begin() + 1));
                painter.strokePath(text, QPen(Qt::white, 3));
                painter.fillPath(text, Qt::black);
            }
        }
    }
    drawScaleBar(painter);
    if (m_background == Background::Tiles && m_tiles &&
        m_tiles->urlTemplate().contains(QLatin1String("openstreetmap.org"))) {
        const QString attribution = tr("\u00a9 OpenStreetMap contributors");
        const QRect box = painter.fontMetrics().boundingRect(attribution).adjusted(-4, -2, 4, 2);
        const QRect at(width() - box.width() - 2, height() - box.height() - 2, box.width(), box.height());
        painter.fillRect(at, QColor(255, 255, 255, 200));
        painter.setPen(Qt::black);
        painter.drawText(at, Qt::AlignCenter, attribution);
    }
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
