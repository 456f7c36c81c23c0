#include "core/index/spatial_filter.h"

#include "core/base/error.h"
#include "core/search/archive_embeddings.h"

#include <gdal_priv.h>
#include <ogr_api.h>
#include <ogr_geometry.h>
#include <ogr_spatialref.h>
#include <ogrsf_frmts.h>

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace rscir {

namespace {

constexpr std::size_t kMaxFeatures = 200000;
constexpr std::size_t kMaxPoints = 100000; ///< vertices of an area: a country's border at 100 m

using Point = std::array<double, 2>;

/// Whether the convex quad (the footprint's first four points) and the rectangle meet:
/// no separating axis among the rectangle's two and the quad's four edge normals.
bool quadMeetsRect(const Footprint& quad, double west, double south, double east, double north)
{
    const Point rect[4] = {{west, south}, {east, south}, {east, north}, {west, north}};
    const auto separated = [&](double nx, double ny) {
        double qmin = INFINITY, qmax = -INFINITY, rmin = INFINITY, rmax = -INFINITY;
        for (int i = 0; i < 4; ++i) {
            const double q = quad[static_cast<std::size_t>(i)][0] * nx + quad[static_cast<std::size_t>(i)][1] * ny;
            const double r = rect[i][0] * nx + rect[i][1] * ny;
            qmin = std::min(qmin, q);
            qmax = std::max(qmax, q);
            rmin = std::min(rmin, r);
            rmax = std::max(rmax, r);
        }
        return qmax < rmin || rmax < qmin;
    };
    if (separated(1, 0) || separated(0, 1))
        return false;
    for (std::size_t i = 0; i < 4; ++i) {
        const Point& a = quad[i];
        const Point& b = quad[(i + 1) % 4];
        const double nx = -(b[1] - a[1]), ny = b[0] - a[0];
        if ((nx != 0 || ny != 0) && separated(nx, ny))
            return false;
    }
    return true;
}

std::string degrees(double v)
{
    char text[32];
    std::snprintf(text, sizeof text, "%.4f", v);
    return text;
}

void checkOnEarth(const OGREnvelope& e, const std::string& what)
{
    if (!(std::isfinite(e.MinX) && std::isfinite(e.MaxX) && std::isfinite(e.MinY) && std::isfinite(e.MaxY)) ||
        e.MinX < -180.0 - 1e-9 || e.MaxX > 180.0 + 1e-9 || e.MinY < -90.0 - 1e-9 || e.MaxY > 90.0 + 1e-9)
        throw Error(what + " does not lie on the earth in WGS84 longitude and latitude");
}

void checkVertices(std::size_t vertices, const std::string& what)
{
    if (vertices > kMaxPoints)
        throw Error(ErrorCode::TooManyVertices, {what, std::to_string(vertices), std::to_string(kMaxPoints)},
                    what + " has " + std::to_string(vertices) + " vertices; at most " + std::to_string(kMaxPoints) +
                        " are used for an area",
                    "simplify it in a GIS first");
}

std::size_t vertexCount(const OGRGeometry& geometry)
{
    std::size_t count = 0;
    const auto polygon = [&](const OGRPolygon& p) {
        for (const OGRLinearRing* ring : p)
            count += static_cast<std::size_t>(ring->getNumPoints());
    };
    const auto type = wkbFlatten(geometry.getGeometryType());
    if (type == wkbPolygon)
        polygon(*geometry.toPolygon());
    else if (type == wkbMultiPolygon)
        for (const OGRPolygon* p : *geometry.toMultiPolygon())
            polygon(*p);
    return count;
}

/// Coordinates far beyond any the layer's CRS can hold (a projected CRS in metres or feet
/// spans at most about 10^8): reprojecting them can spin inside PROJ, so they are refused first.
void checkMagnitudes(const OGRGeometry& geometry, const OGRSpatialReference& crs, const std::string& what)
{
    OGREnvelope e;
    geometry.getEnvelope(&e);
    const double limit = crs.IsGeographic() ? 400.0 : 1e9;
    for (const double v : {e.MinX, e.MaxX, e.MinY, e.MaxY})
        if (!std::isfinite(v) || std::fabs(v) > limit)
            throw Error(what + " has coordinates (" + std::to_string(v) + ") that no place on the earth has in its "
                        "coordinate system",
                        "check the file's coordinate system");
}

} // namespace

struct SpatialFilter::Impl {
    std::optional<std::array<double, 4>> box;
    std::unique_ptr<OGRGeometry> geometry; ///< WGS84 lon/lat
    OGRPreparedGeometryH prepared = nullptr;
    OGREnvelope envelope;
    std::string label;

    ~Impl()
    {
        if (prepared)
            OGRDestroyPreparedGeometry(prepared);
    }

    void finish()
    {
        geometry->getEnvelope(&envelope);
        if (!box) {
            // A self-intersecting area is kept as it is and counts by the even-odd rule (a
            // point is inside when a ray from it crosses its edges an odd number of times),
            // as a GIS fills it: repairing it first costs time that grows with the square of
            // its crossings (minutes for a zig-zag of a few thousand vertices).
            if (OGRHasPreparedGeometrySupport())
                prepared = OGRCreatePreparedGeometry(OGRGeometry::ToHandle(geometry.get()));
        }
    }
};

SpatialFilter::SpatialFilter() = default;
SpatialFilter::~SpatialFilter() = default;
SpatialFilter::SpatialFilter(const SpatialFilter&) = default;
SpatialFilter& SpatialFilter::operator=(const SpatialFilter&) = default;

SpatialFilter SpatialFilter::box(double west, double south, double east, double north)
{
    initialiseGdal();
    for (double v : {west, east})
        if (!(v >= -180.0 && v <= 180.0))
            throw Error("a longitude of the box is " + degrees(v) + "; longitudes lie from -180 to 180");
    for (double v : {south, north})
        if (!(v >= -90.0 && v <= 90.0))
            throw Error("a latitude of the box is " + degrees(v) + "; latitudes lie from -90 to 90");
    if (south > north)
        throw Error("the box's south (" + degrees(south) + ") lies north of its north (" + degrees(north) + ")");
    auto impl = std::make_shared<Impl>();
    impl->box = std::array<double, 4>{west, south, east, north};
    const auto ring = [&](double w, double e) {
        auto polygon = std::make_unique<OGRPolygon>();
        OGRLinearRing r;
        r.addPoint(w, south);
        r.addPoint(e, south);
        r.addPoint(e, north);
        r.addPoint(w, north);
        r.addPoint(w, south);
        polygon->addRing(&r);
        return polygon;
    };
    if (west <= east) {
        impl->geometry = ring(west, east);
    } else {
        auto multi = std::make_unique<OGRMultiPolygon>();
        multi->addGeometryDirectly(ring(west, 180.0).release());
        multi->addGeometryDirectly(ring(-180.0, east).release());
        impl->geometry = std::move(multi);
    }
    impl->label = degrees(west) + ", " + degrees(south) + " \u2013 " + degrees(east) + ", " + degrees(north);
    impl->finish();
    SpatialFilter filter;
    filter.m_impl = std::move(impl);
    return filter;
}

SpatialFilter SpatialFilter::polygons(const std::string& wkt, const std::string& label)
{
    initialiseGdal(); // GDAL's messages (a self-intersection) stay out of the terminal
    OGRGeometry* parsed = nullptr;
    if (OGRGeometryFactory::createFromWkt(wkt.c_str(), nullptr, &parsed) != OGRERR_NONE || !parsed)
        throw Error("the area is not a WKT polygon");
    std::unique_ptr<OGRGeometry> geometry(parsed);
    const auto type = wkbFlatten(geometry->getGeometryType());
    if (type != wkbPolygon && type != wkbMultiPolygon)
        throw Error(std::string("the area is a ") + geometry->getGeometryName() + ", not a polygon");
    if (geometry->IsEmpty())
        throw Error("the area is an empty polygon");
    checkVertices(vertexCount(*geometry), "the area");
    OGREnvelope e;
    geometry->getEnvelope(&e);
    checkOnEarth(e, "the area");
    auto impl = std::make_shared<Impl>();
    impl->geometry = std::move(geometry);
    impl->label = label.empty() ? std::string("polygon") : label;
    impl->finish();
    SpatialFilter filter;
    filter.m_impl = std::move(impl);
    return filter;
}

SpatialFilter SpatialFilter::of(const QueryArea& area)
{
    return area.bbox ? box((*area.bbox)[0], (*area.bbox)[1], (*area.bbox)[2], (*area.bbox)[3])
                     : polygons(area.wkt, area.label);
}

SpatialFilter SpatialFilter::fromFile(const std::filesystem::path& file, const std::string& layerName)
{
    initialiseGdal();
    const std::string name = file.string();
    std::unique_ptr<GDALDataset> ds(
        GDALDataset::Open(name.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY, nullptr, nullptr, nullptr));
    if (!ds)
        throw Error(ErrorCode::NotAVectorFile, {name}, name + " is not a vector file GDAL/OGR can read",
                    "give a GeoJSON, GeoPackage or Shapefile");
    OGRLayer* layer = nullptr;
    if (!layerName.empty()) {
        layer = ds->GetLayerByName(layerName.c_str());
        if (!layer)
            throw Error(name + " has no layer named " + layerName);
    } else {
        for (int i = 0; i < ds->GetLayerCount() && !layer; ++i) {
            const auto type = wkbFlatten(ds->GetLayer(i)->GetGeomType());
            if (type == wkbPolygon || type == wkbMultiPolygon)
                layer = ds->GetLayer(i);
        }
        if (!layer && ds->GetLayerCount() > 0)
            layer = ds->GetLayer(0); // a layer of unknown geometry type (GeoJSON): its polygons
    }
    if (!layer)
        throw Error(name + " has no layers");
    auto multi = std::make_unique<OGRMultiPolygon>();
    std::size_t features = 0, points = 0;
    const auto add = [&](const OGRPolygon* polygon) {
        for (const OGRLinearRing* ring : *polygon)
            points += static_cast<std::size_t>(ring->getNumPoints());
        checkVertices(points, name);
        multi->addGeometry(polygon);
    };
    layer->ResetReading();
    for (auto& feature : *layer) {
        if (++features > kMaxFeatures)
            throw Error(name + " has more than " + std::to_string(kMaxFeatures) + " features",
                        "give the area alone, not a whole dataset");
        const OGRGeometry* g = feature->GetGeometryRef();
        if (!g)
            continue;
        const auto type = wkbFlatten(g->getGeometryType());
        if (type == wkbPolygon)
            add(g->toPolygon());
        else if (type == wkbMultiPolygon)
            for (const OGRPolygon* p : *g->toMultiPolygon())
                add(p);
    }
    if (multi->IsEmpty())
        {
        const std::string what = name + (layerName.empty() ? std::string() : " layer " + layerName);
        throw Error(ErrorCode::NoPolygons, {what}, what + " holds no polygons");
    }
    OGRSpatialReference wgs84;
    wgs84.SetWellKnownGeogCS("WGS84");
    wgs84.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    if (const OGRSpatialReference* source = layer->GetSpatialRef(); source && !source->IsSame(&wgs84)) {
        checkMagnitudes(*multi, *source, name);
        std::unique_ptr<OGRCoordinateTransformation> transform(OGRCreateCoordinateTransformation(source, &wgs84));
        if (!transform || multi->transform(transform.get()) != OGRERR_NONE)
            throw Error(name + ": its polygons cannot be reprojected to WGS84");
    }
    OGREnvelope e;
    multi->getEnvelope(&e);
    checkOnEarth(e, name);
    auto impl = std::make_shared<Impl>();
    impl->geometry = std::move(multi);
    impl->label = file.filename().string();
    impl->finish();
    SpatialFilter filter;
    filter.m_impl = std::move(impl);
    return filter;
}

bool SpatialFilter::keeps(const Footprint& footprint) const
{
    if (!m_impl)
        return false;
    double w = INFINITY, e = -INFINITY, s = INFINITY, n = -INFINITY;
    for (const auto& p : footprint) {
        w = std::min(w, p[0]);
        e = std::max(e, p[0]);
        s = std::min(s, p[1]);
        n = std::max(n, p[1]);
    }
    if (m_impl->box) {
        const auto [west, south, east, north] = *m_impl->box;
        if (west <= east)
            return quadMeetsRect(footprint, west, south, east, north);
        return quadMeetsRect(footprint, west, south, 180.0, north) || quadMeetsRect(footprint, -180.0, south, east, north);
    }
    const OGREnvelope& env = m_impl->envelope;
    if (e < env.MinX || w > env.MaxX || n < env.MinY || s > env.MaxY)
        return false;
    OGRPolygon polygon;
    OGRLinearRing ring;
    for (const auto& p : footprint)
        ring.addPoint(p[0], p[1]);
    polygon.addRing(&ring);
    if (m_impl->prepared)
        return OGRPreparedGeometryIntersects(m_impl->prepared, OGRGeometry::ToHandle(&polygon));
    return m_impl->geometry->Intersects(&polygon);
}

std::optional<std::array<double, 4>> SpatialFilter::bbox() const
{
    return m_impl ? m_impl->box : std::nullopt;
}

std::string SpatialFilter::wkt() const
{
    if (!m_impl)
        return {};
    char* text = nullptr;
    m_impl->geometry->exportToWkt(&text);
    std::string out = text ? text : "";
    CPLFree(text);
    return out;
}

std::string SpatialFilter::label() const
{
    return m_impl ? m_impl->label : std::string();
}

std::vector<std::vector<std::array<double, 2>>> SpatialFilter::rings() const
{
    std::vector<std::vector<std::array<double, 2>>> out;
    if (!m_impl)
        return out;
    const auto addPolygon = [&](const OGRPolygon* polygon) {
        for (const OGRLinearRing* ring : *polygon) {
            auto& points = out.emplace_back();
            for (const OGRPoint& p : *ring)
                points.push_back({p.getX(), p.getY()});
        }
    };
    const auto type = wkbFlatten(m_impl->geometry->getGeometryType());
    if (type == wkbPolygon)
        addPolygon(m_impl->geometry->toPolygon());
    else if (type == wkbMultiPolygon)
        for (const OGRPolygon* p : *m_impl->geometry->toMultiPolygon())
            addPolygon(p);
    return out;
}

std::array<double, 4> SpatialFilter::extent() const
{
    if (!m_impl)
        return {0, 0, 0, 0};
    if (m_impl->box)
        return *m_impl->box;
    return {m_impl->envelope.MinX, m_impl->envelope.MinY, m_impl->envelope.MaxX, m_impl->envelope.MaxY};
}

std::vector<std::size_t> filterRows(const SpatialFilter& filter,
                                    const std::vector<std::optional<Footprint>>& footprints)
{
    std::vector<std::size_t> rows;
    for (std::size_t i = 0; i < footprints.size(); ++i)
        if (footprints[i] && filter.keeps(*footprints[i]))
            rows.push_back(i);
    return rows;
}

std::string SpatialFilter::key() const
{
    if (const auto box = bbox()) {
        char text[128];
        std::snprintf(text, sizeof text, "bbox:%.17g,%.17g,%.17g,%.17g", (*box)[0], (*box)[1], (*box)[2], (*box)[3]);
        return text;
    }
    return "wkt:" + wkt();
}

} // namespace rscir
