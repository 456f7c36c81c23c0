// The map's layers, each drawn by one step of MapView::paintEvent, bottom to top.
#include "ui/map/map_view.h"
#include "ui/map/map_projection.h"

#include "ui/search/thumbnail_cache.h"
#include "ui/map/tile_loader.h"

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

/// The archive's thumbnails at their footprints: a quick-look mosaic that works offline.
void MapView::drawMosaic(QPainter& painter, const std::vector<std::size_t>& visible)
{
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
        const bool masked = m_kept && m_kept->size() == boxes.size();
        for (std::size_t i = 0; i < boxes.size(); ++i) {
            const auto& bx = boxes[i];
            if (!(bx[2] >= minX && bx[0] <= maxX && bx[3] >= minY && bx[1] <= maxY))
                continue;
            if (masked && !(*m_kept)[i])
                continue; // a filter leaves it out
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
    if (m_background == Background::Mosaic && m_thumbnails && visible.size() <= kMosaicLimit)
        drawMosaic(painter, visible);
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

/// Raster layers from files, under everything of the archive.
void MapView::drawRasterLayers(QPainter& painter)
{
    std::vector<const RasterLayer*> layers;
    for (const RasterLayer& layer : m_rasters)
        layers.push_back(&layer);
    if (m_score)
        layers.push_back(&*m_score); // over the GIS rasters
    for (const RasterLayer* drawn : layers) {
        const RasterLayer& layer = *drawn;
        QPolygonF target;
        for (const QPointF& p : layer.corners)
            target << toScreenMercator(p.x(), p.y());
        QTransform transform;
        if (QTransform::quadToQuad(QPolygonF(QRectF(0, 0, layer.image.width(), layer.image.height())).mid(0, 4), target,
                                   transform)) {
            painter.save();
            // The score's pixels stay pixels: each is one window of the scene.
            painter.setRenderHint(QPainter::SmoothPixmapTransform, drawn != (m_score ? &*m_score : nullptr));
            painter.setTransform(transform, true);
            painter.drawImage(0, 0, layer.image);
            painter.restore();
        }
    }
}

/// Vector layers from files.
void MapView::drawVectorLayers(QPainter& painter)
{
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
}

/// The spatial filter.
void MapView::drawArea(QPainter& painter)
{
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
}

/// The results by rank, and their labels.
void MapView::drawResults(QPainter& painter)
{
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
}

/// The query's items and the selection.
void MapView::drawQueryItems(QPainter& painter)
{
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
}

/// What is being drawn: a rectangle or a polygon under way.
void MapView::drawSketch(QPainter& painter)
{
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
}

/// The hovered item's thumbnail beside the cursor.
void MapView::drawHovered(QPainter& painter)
{
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
}

/// The tile server's attribution, where its licence asks for one.
void MapView::drawAttribution(QPainter& painter)
{
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

} // namespace rscir::ui
