#include "core/index/distinct.h"

#include "core/base/error.h"
#include "core/index/index_store.h"

#include <ogr_api.h>
#include <ogr_geometry.h>

#include <algorithm>
#include <cmath>

namespace rscir {

namespace {

/// A footprint with its longitudes unwrapped (no step over 180 degrees between corners),
/// its envelope and its centre's longitude.
struct Ring {
    Footprint points{};
    double west = 0, east = 0, south = 0, north = 0, centre = 0;
};

Ring unwrapped(const Footprint& footprint)
{
    Ring ring;
    ring.points = footprint;
    for (std::size_t i = 1; i < ring.points.size(); ++i) {
        double& lon = ring.points[i][0];
        while (lon - ring.points[i - 1][0] > 180)
            lon -= 360;
        while (lon - ring.points[i - 1][0] < -180)
            lon += 360;
    }
    ring.west = ring.east = ring.points[0][0];
    ring.south = ring.north = ring.points[0][1];
    for (std::size_t i = 0; i + 1 < ring.points.size(); ++i) { // the last point closes the ring
        ring.west = std::min(ring.west, ring.points[i][0]);
        ring.east = std::max(ring.east, ring.points[i][0]);
        ring.south = std::min(ring.south, ring.points[i][1]);
        ring.north = std::max(ring.north, ring.points[i][1]);
        ring.centre += ring.points[i][0] / static_cast<double>(ring.points.size() - 1);
    }
    return ring;
}

/// `ring` moved by whole turns so that its centre is within 180 degrees of `near`.
Ring shiftedNear(Ring ring, double near)
{
    const double turns = std::round((near - ring.centre) / 360.0);
    if (turns != 0) {
        for (auto& p : ring.points)
            p[0] += 360.0 * turns;
        ring.west += 360.0 * turns;
        ring.east += 360.0 * turns;
        ring.centre += 360.0 * turns;
    }
    return ring;
}

std::unique_ptr<OGRPolygon> polygonOf(const Ring& ring)
{
    auto linear = std::make_unique<OGRLinearRing>();
    for (std::size_t i = 0; i < ring.points.size(); ++i)
        linear->addPoint(ring.points[i][0], ring.points[i][1]);
    linear->closeRings();
    auto polygon = std::make_unique<OGRPolygon>();
    polygon->addRingDirectly(linear.release());
    return polygon;
}

double areaOf(const OGRGeometry* geometry)
{
    // Tiles that only touch meet in a line or a point: no area.
    if (!geometry || geometry->IsEmpty())
        return 0.0;
    const auto type = wkbFlatten(geometry->getGeometryType());
    if (type != wkbPolygon && type != wkbMultiPolygon && type != wkbGeometryCollection)
        return 0.0;
    return OGR_G_Area(OGRGeometry::ToHandle(const_cast<OGRGeometry*>(geometry)));
}

bool envelopesMeet(const Ring& a, const Ring& b)
{
    return a.west <= b.east && b.west <= a.east && a.south <= b.north && b.south <= a.north;
}

/// The IoU of two footprints; `a` and `b` already unwrapped, b near a.
double footprintOverlap(const Ring& a, const OGRPolygon& pa, double areaA, const Ring& b)
{
    if (!envelopesMeet(a, b))
        return 0.0;
    const auto pb = polygonOf(b);
    const double areaB = areaOf(pb.get());
    if (!(areaA > 0) || !(areaB > 0))
        return 0.0;
    // GEOS through OGR; a ring it cannot intersect (one that crosses itself) overlaps nothing.
    CPLPushErrorHandler(CPLQuietErrorHandler);
    const std::unique_ptr<OGRGeometry> common(pa.Intersection(pb.get()));
    CPLPopErrorHandler();
    const double shared = areaOf(common.get());
    const double united = areaA + areaB - shared;
    return united > 0 ? std::clamp(shared / united, 0.0, 1.0) : 0.0;
}

double windowOverlap(const Window& a, const Window& b)
{
    const double w = std::max(0, std::min(a.x + a.width, b.x + b.width) - std::max(a.x, b.x));
    const double h = std::max(0, std::min(a.y + a.height, b.y + b.height) - std::max(a.y, b.y));
    const double shared = w * h;
    const double united = double(a.width) * a.height + double(b.width) * b.height - shared;
    return united > 0 ? shared / united : 0.0;
}

} // namespace

ItemPlace placeOf(const ItemRecord& item)
{
    return {item.footprint, item.sourceId, item.window};
}

double placeOverlap(const ItemPlace& a, const ItemPlace& b)
{
    return PlaceMatcher(a).overlap(b);
}

struct PlaceMatcher::Impl {
    ItemPlace place;
    std::optional<Ring> ring;
    std::unique_ptr<OGRPolygon> polygon;
    double area = 0;
};

PlaceMatcher::PlaceMatcher(ItemPlace place) : m_impl(std::make_unique<Impl>())
{
    m_impl->place = std::move(place);
    if (m_impl->place.footprint) {
        m_impl->ring = unwrapped(*m_impl->place.footprint);
        m_impl->polygon = polygonOf(*m_impl->ring);
        m_impl->area = areaOf(m_impl->polygon.get());
    }
}

PlaceMatcher::~PlaceMatcher() = default;
PlaceMatcher::PlaceMatcher(PlaceMatcher&&) noexcept = default;

double PlaceMatcher::overlap(const ItemPlace& other) const
{
    if (m_impl->ring && other.footprint)
        return footprintOverlap(*m_impl->ring, *m_impl->polygon, m_impl->area,
                                shiftedNear(unwrapped(*other.footprint), m_impl->ring->centre));
    return m_impl->place.sourceId == other.sourceId ? windowOverlap(m_impl->place.window, other.window) : 0.0;
}

PlaceFolder::PlaceFolder(double threshold) : m_threshold(threshold)
{
    if (!(threshold > 0 && threshold <= 1))
        throw Error("an overlap of " + std::to_string(threshold) + " cannot fold results",
                    "give an intersection over union above 0 and at most 1 (e.g. --distinct 0.3)");
}

PlaceFolder::~PlaceFolder() = default;

std::size_t PlaceFolder::keptCount() const
{
    return m_kept.size();
}
PlaceFolder::PlaceFolder(PlaceFolder&&) noexcept = default;

std::optional<std::size_t> PlaceFolder::offer(const ItemPlace& place)
{
    for (std::size_t k = 0; k < m_kept.size(); ++k)
        if (m_kept[k].overlap(place) >= m_threshold)
            return k;
    m_kept.emplace_back(place);
    return std::nullopt;
}

PlacedHits onePerPlace(std::size_t k, double overlap, const std::function<std::vector<Hit>(std::size_t)>& rank,
                       const std::function<std::optional<std::pair<std::int64_t, ItemPlace>>(const Hit&)>& where)
{
    for (std::size_t asked = std::max<std::size_t>(4 * k, 64);; asked *= 4) {
        const std::vector<Hit> ranked = rank(asked);
        PlaceFolder folder(overlap);
        PlacedHits out;
        for (const Hit& hit : ranked) {
            const auto found = where(hit);
            if (!found)
                continue;
            if (const auto keeper = folder.offer(found->second)) {
                out.folded[*keeper].push_back(found->first);
                ++out.foldedCount;
                continue;
            }
            if (out.hits.size() == k)
                break;
            out.hits.push_back(hit);
            out.folded.emplace_back();
        }
        if (out.hits.size() >= k || ranked.size() < asked)
            return out;
    }
}

} // namespace rscir
