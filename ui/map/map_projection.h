#pragma once
/// \file
/// What the map's source files share (private to ui/map/map_view*.cpp): Web Mercator,
/// the colours of ranks, and the projected footprints.

#include "ui/map/map_view.h"

#include <QColor>
#include <QPointF>
#include <QString>

#include <algorithm>
#include <array>
#include <cmath>
#include <numbers>
#include <vector>

namespace rscir::ui {

namespace mercator_math {

constexpr double kEarthRadius = 6378137.0;
constexpr double kMaxLatitude = 85.05112878;
constexpr double kWorld = 2.0 * std::numbers::pi * kEarthRadius; // Web Mercator's width in metres

inline QPointF mercator(double lon, double lat)
{
    const double phi = std::clamp(lat, -kMaxLatitude, kMaxLatitude) * std::numbers::pi / 180.0;
    return {kEarthRadius * lon * std::numbers::pi / 180.0, kEarthRadius * std::log(std::tan(std::numbers::pi / 4 + phi / 2))};
}

inline QPointF lonLatOf(const QPointF& m)
{
    return {m.x() / kEarthRadius * 180.0 / std::numbers::pi,
            (2.0 * std::atan(std::exp(m.y() / kEarthRadius)) - std::numbers::pi / 2) * 180.0 / std::numbers::pi};
}

inline QColor rankColour(std::size_t rank, std::size_t count)
{
    const double t = count > 1 ? double(rank) / double(count - 1) : 0.0;
    return QColor::fromHsvF(float(0.0 + 0.15 * t), 0.95f, 0.95f);
}

} // namespace mercator_math

/// Every footprint in Web Mercator metres, with its box, in the order of the footprints.
struct MapView::Projected {
    std::vector<std::array<QPointF, 4>> quads;
    std::vector<std::array<double, 4>> boxes; ///< min x, min y, max x, max y; NaN without a footprint
    double minX = INFINITY, minY = INFINITY, maxX = -INFINITY, maxY = -INFINITY;
    std::vector<std::size_t> visible; ///< of the last view
    QString visibleKey;
};

} // namespace rscir::ui
