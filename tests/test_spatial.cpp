// Spatial filters: boxes (also across the antimeridian), drawn polygons and polygons from
// GIS files in another CRS, against an intersection test written here independently.
#include "core/base/error.h"
#include "core/index/chips.h"
#include "core/index/distinct.h"
#include "core/index/score_map.h"
#include "core/index/spatial_filter.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <gdal_priv.h>
#include <ogr_spatialref.h>
#include <ogrsf_frmts.h>

#include <random>

using namespace rscir;

namespace {

using Point = std::array<double, 2>;

double cross(const Point& o, const Point& a, const Point& b)
{
    return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0]);
}

bool segmentsMeet(const Point& p, const Point& q, const Point& r, const Point& s)
{
    const double d1 = cross(r, s, p), d2 = cross(r, s, q), d3 = cross(p, q, r), d4 = cross(p, q, s);
    if (((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0)))
        return true;
    const auto on = [](const Point& a, const Point& b, const Point& c) {
        return std::min(a[0], b[0]) <= c[0] && c[0] <= std::max(a[0], b[0]) && std::min(a[1], b[1]) <= c[1] &&
               c[1] <= std::max(a[1], b[1]);
    };
    return (d1 == 0 && on(r, s, p)) || (d2 == 0 && on(r, s, q)) || (d3 == 0 && on(p, q, r)) || (d4 == 0 && on(p, q, s));
}

bool inside(const std::vector<Point>& ring, const Point& p)
{
    bool in = false;
    for (std::size_t i = 0, j = ring.size() - 1; i < ring.size(); j = i++)
        if ((ring[i][1] > p[1]) != (ring[j][1] > p[1]) &&
            p[0] < (ring[j][0] - ring[i][0]) * (p[1] - ring[i][1]) / (ring[j][1] - ring[i][1]) + ring[i][0])
            in = !in;
    return in;
}

/// Two simple polygons meet when an edge of one crosses an edge of the other, or a vertex
/// of one lies inside the other.
bool polygonsMeet(const std::vector<Point>& a, const std::vector<Point>& b)
{
    for (std::size_t i = 0; i + 1 < a.size(); ++i)
        for (std::size_t j = 0; j + 1 < b.size(); ++j)
            if (segmentsMeet(a[i], a[i + 1], b[j], b[j + 1]))
                return true;
    return inside(b, a.front()) || inside(a, b.front());
}

std::vector<Point> ringOf(const Footprint& f)
{
    return {f.begin(), f.end()};
}

/// Tilted, skewed quads scattered over a region.
std::vector<Footprint> randomFootprints(std::size_t n, double lon0, double lat0, double span, unsigned seed)
{
    std::mt19937 rng(seed);
    std::uniform_real_distribution<double> u(0.0, 1.0);
    std::vector<Footprint> out;
    for (std::size_t i = 0; i < n; ++i) {
        const double x = lon0 + span * u(rng), y = lat0 + span * u(rng);
        const double w = 0.01 + 0.05 * span * u(rng), h = 0.01 + 0.05 * span * u(rng);
        const double t = 0.6 * (u(rng) - 0.5), skew = 0.2 * (u(rng) - 0.5) * w;
        const double c = std::cos(t), s = std::sin(t);
        const auto at = [&](double dx, double dy) { return Point{x + c * dx - s * dy + skew * dy / h, y + s * dx + c * dy}; };
        out.push_back({at(0, 0), at(w, 0), at(w, h), at(0, h), at(0, 0)});
    }
    return out;
}

} // namespace

namespace distinct_reference {

using Point = std::array<double, 2>;

/// Shoelace area of a closed-or-open polygon.
double area(const std::vector<Point>& p)
{
    double twice = 0;
    for (std::size_t i = 0; i < p.size(); ++i) {
        const Point& a = p[i];
        const Point& b = p[(i + 1) % p.size()];
        twice += a[0] * b[1] - b[0] * a[1];
    }
    return std::abs(twice) / 2;
}

/// Sutherland-Hodgman: `subject` clipped by the convex, counter-clockwise `clip`.
std::vector<Point> clipConvex(std::vector<Point> subject, const std::vector<Point>& clip)
{
    for (std::size_t e = 0; e < clip.size() && !subject.empty(); ++e) {
        const Point a = clip[e], b = clip[(e + 1) % clip.size()];
        const auto inside = [&](const Point& p) { return (b[0] - a[0]) * (p[1] - a[1]) - (b[1] - a[1]) * (p[0] - a[0]) >= 0; };
        const auto cut = [&](const Point& p, const Point& q) {
            const double d1 = (b[0] - a[0]) * (p[1] - a[1]) - (b[1] - a[1]) * (p[0] - a[0]);
            const double d2 = (b[0] - a[0]) * (q[1] - a[1]) - (b[1] - a[1]) * (q[0] - a[0]);
            const double t = d1 / (d1 - d2);
            return Point{p[0] + t * (q[0] - p[0]), p[1] + t * (q[1] - p[1])};
        };
        std::vector<Point> out;
        for (std::size_t i = 0; i < subject.size(); ++i) {
            const Point p = subject[i], q = subject[(i + 1) % subject.size()];
            if (inside(q)) {
                if (!inside(p))
                    out.push_back(cut(p, q));
                out.push_back(q);
            } else if (inside(p)) {
                out.push_back(cut(p, q));
            }
        }
        subject = std::move(out);
    }
    return subject;
}

std::vector<Point> corners(const rscir::Footprint& f)
{
    std::vector<Point> p(f.begin(), f.begin() + 4);
    double twice = 0; // counter-clockwise
    for (std::size_t i = 0; i < 4; ++i)
        twice += p[i][0] * p[(i + 1) % 4][1] - p[(i + 1) % 4][0] * p[i][1];
    if (twice < 0)
        std::reverse(p.begin(), p.end());
    return p;
}

double iou(const rscir::ItemPlace& a, const rscir::ItemPlace& b)
{
    if (a.footprint && b.footprint) {
        const auto pa = corners(*a.footprint), pb = corners(*b.footprint);
        const double shared = area(clipConvex(pa, pb));
        return shared / (area(pa) + area(pb) - shared);
    }
    if (a.sourceId != b.sourceId)
        return 0;
    const double w = std::max(0, std::min(a.window.x + a.window.width, b.window.x + b.window.width) -
                                     std::max(a.window.x, b.window.x));
    const double h = std::max(0, std::min(a.window.y + a.window.height, b.window.y + b.window.height) -
                                     std::max(a.window.y, b.window.y));
    return w * h / (double(a.window.width) * a.window.height + double(b.window.width) * b.window.height - w * h);
}

/// The keeper of each place (its own index when kept), greedily, best first.
std::vector<std::optional<std::size_t>> fold(const std::vector<rscir::ItemPlace>& ranked, double threshold)
{
    std::vector<std::size_t> kept;
    std::vector<std::optional<std::size_t>> out;
    for (const auto& place : ranked) {
        std::optional<std::size_t> keeper;
        for (std::size_t k = 0; k < kept.size() && !keeper; ++k)
            if (iou(place, ranked[kept[k]]) >= threshold)
                keeper = k;
        if (!keeper)
            kept.push_back(out.size());
        out.push_back(keeper);
    }
    return out;
}

} // namespace distinct_reference

class TestSpatial : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { GDALAllRegister(); }

    void boxesAgainstAnIndependentTest()
    {
        const auto footprints = randomFootprints(3000, 10.0, 45.0, 2.0, 1);
        const SpatialFilter filter = SpatialFilter::box(10.5, 45.4, 11.2, 46.1);
        const std::vector<Point> box{{10.5, 45.4}, {11.2, 45.4}, {11.2, 46.1}, {10.5, 46.1}, {10.5, 45.4}};
        std::size_t kept = 0;
        for (const auto& f : footprints) {
            QCOMPARE(filter.keeps(f), polygonsMeet(ringOf(f), box));
            kept += filter.keeps(f);
        }
        QVERIFY(kept > 100 && kept < 2900);
        // A quad whose bounding box meets the box but whose polygon does not: left out.
        const Footprint diagonal{{{11.27, 46.07}, {11.37, 46.17}, {11.17, 46.37}, {11.07, 46.27}, {11.27, 46.07}}};
        QVERIFY(!polygonsMeet(ringOf(diagonal), box));
        QVERIFY(!filter.keeps(diagonal));
    }

    void boxesAcrossTheAntimeridian()
    {
        const SpatialFilter filter = SpatialFilter::box(179.0, -17.0, -179.0, -16.0); // Fiji
        const auto tile = [](double lon, double lat) {
            return Footprint{{{lon, lat}, {lon + 0.1, lat}, {lon + 0.1, lat + 0.1}, {lon, lat + 0.1}, {lon, lat}}};
        };
        QVERIFY(filter.keeps(tile(179.5, -16.5)));
        QVERIFY(filter.keeps(tile(-179.5, -16.5)));
        QVERIFY(!filter.keeps(tile(0.0, -16.5)));
        QVERIFY(!filter.keeps(tile(178.0, -16.5)));
        QVERIFY(!filter.keeps(tile(179.5, -15.5)));
        QCOMPARE(filter.rings().size(), std::size_t(2));
        QVERIFY_THROWS_EXCEPTION(Error, SpatialFilter::box(-200, 0, 10, 10));
        QVERIFY_THROWS_EXCEPTION(Error, SpatialFilter::box(0, 10, 10, 0));
        QVERIFY_THROWS_EXCEPTION(Error, SpatialFilter::box(0, std::nan(""), 10, 0));
    }

    void drawnPolygonsAgainstAnIndependentTest()
    {
        // A concave polygon (an L) and one far from every footprint.
        const std::vector<Point> l{{10.2, 45.2}, {11.8, 45.2}, {11.8, 45.7}, {10.7, 45.7},
                                   {10.7, 46.8}, {10.2, 46.8}, {10.2, 45.2}};
        std::string wkt = "POLYGON((";
        for (std::size_t i = 0; i < l.size(); ++i)
            wkt += (i ? "," : "") + std::to_string(l[i][0]) + " " + std::to_string(l[i][1]);
        wkt += "))";
        const SpatialFilter filter = SpatialFilter::polygons(wkt, "drawn");
        const auto footprints = randomFootprints(3000, 10.0, 45.0, 2.0, 2);
        std::size_t kept = 0;
        for (const auto& f : footprints) {
            QCOMPARE(filter.keeps(f), polygonsMeet(ringOf(f), l));
            kept += filter.keeps(f);
        }
        QVERIFY(kept > 100 && kept < 2900);
        const SpatialFilter far = SpatialFilter::polygons("POLYGON((100 10,101 10,101 11,100 11,100 10))");
        QCOMPARE(filterRows(far, std::vector<std::optional<Footprint>>(footprints.begin(), footprints.end())).size(),
                 std::size_t(0));
        // A footprint-less item is never kept.
        QCOMPARE(filterRows(filter, {std::nullopt, footprints.front()}).size(),
                 std::size_t(filter.keeps(footprints.front()) ? 1 : 0));
        QVERIFY_THROWS_EXCEPTION(Error, SpatialFilter::polygons("LINESTRING(0 0,1 1)"));
        QVERIFY_THROWS_EXCEPTION(Error, SpatialFilter::polygons("POLYGON((0 0,500 0,500 1,0 0))"));
        QVERIFY_THROWS_EXCEPTION(Error, SpatialFilter::polygons("not wkt"));
        // The WKT round trip keeps the area.
        const SpatialFilter again = SpatialFilter::polygons(filter.wkt());
        for (const auto& f : footprints)
            QCOMPARE(again.keeps(f), filter.keeps(f));
    }

    void polygonsFromAFileInAProjectedCrs()
    {
        // A GeoPackage in UTM zone 32N with a polygon (and a point layer first): read,
        // reprojected to WGS84, and the same items kept as by the polygon in degrees.
        QTemporaryDir dir;
        const std::string path = dir.filePath("area.gpkg").toStdString();
        OGRSpatialReference utm;
        utm.importFromEPSG(32632);
        utm.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
        OGRSpatialReference wgs84;
        wgs84.SetWellKnownGeogCS("WGS84");
        wgs84.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
        std::unique_ptr<OGRCoordinateTransformation> toUtm(OGRCreateCoordinateTransformation(&wgs84, &utm));
        const std::vector<Point> degrees{{8.2, 45.3}, {9.1, 45.2}, {9.3, 46.0}, {8.4, 46.2}, {8.2, 45.3}};
        {
            GDALDriver* driver = GetGDALDriverManager()->GetDriverByName("GPKG");
            std::unique_ptr<GDALDataset> ds(driver->Create(path.c_str(), 0, 0, 0, GDT_Unknown, nullptr));
            OGRLayer* points = ds->CreateLayer("sites", &utm, wkbPoint, nullptr);
            OGRFeature site(points->GetLayerDefn());
            OGRPoint p(500000, 5000000);
            site.SetGeometry(&p);
            QCOMPARE(points->CreateFeature(&site), OGRERR_NONE);
            OGRLayer* layer = ds->CreateLayer("county", &utm, wkbPolygon, nullptr);
            OGRFeature feature(layer->GetLayerDefn());
            OGRPolygon polygon;
            OGRLinearRing ring;
            for (const auto& d : degrees) {
                double x = d[0], y = d[1];
                QVERIFY(toUtm->Transform(1, &x, &y));
                ring.addPoint(x, y);
            }
            polygon.addRing(&ring);
            feature.SetGeometry(&polygon);
            QCOMPARE(layer->CreateFeature(&feature), OGRERR_NONE);
        }
        const SpatialFilter filter = SpatialFilter::fromFile(path);
        QCOMPARE(filter.label(), std::string("area.gpkg"));
        const auto extent = filter.extent();
        QVERIFY(std::fabs(extent[0] - 8.2) < 1e-6 && std::fabs(extent[3] - 46.2) < 1e-6);
        const auto footprints = randomFootprints(2000, 7.8, 44.8, 2.0, 3);
        std::size_t kept = 0, disagree = 0;
        for (const auto& f : footprints) {
            kept += filter.keeps(f);
            disagree += filter.keeps(f) != polygonsMeet(ringOf(f), degrees);
        }
        QVERIFY(kept > 100);
        // The polygon went to UTM and back: its vertices moved by less than a micrometre,
        // which may decide only a footprint that touches its edge.
        QVERIFY2(disagree <= 1, qPrintable(QString::number(disagree)));
        QVERIFY_THROWS_EXCEPTION(Error, SpatialFilter::fromFile(path, "nope"));
        QVERIFY_THROWS_EXCEPTION(Error, SpatialFilter::fromFile(path, "sites"));
        QVERIFY_THROWS_EXCEPTION(Error, SpatialFilter::fromFile(dir.filePath("missing.geojson").toStdString()));
    }

    void aSelfIntersectingAreaCountsByTheEvenOddRule()
    {
        // A star of 4,001 vertices whose edges cross each other about four million times:
        // repairing it took minutes; it is used as it is, a point inside where a ray from it
        // crosses the edges an odd number of times, as the independent test says.
        const int n = 4001, k = 1999;
        std::vector<Point> star;
        std::string wkt = "POLYGON((";
        for (int i = 0; i <= n; ++i) {
            const double a = 2 * M_PI * double((static_cast<long>(i) * k) % n) / n;
            star.push_back({10 + std::cos(a), 10 + std::sin(a)});
            wkt += (i ? "," : "") + std::to_string(star.back()[0]) + " " + std::to_string(star.back()[1]);
        }
        wkt += "))";
        const SpatialFilter filter = SpatialFilter::polygons(wkt, "star");
        // The vertices as the WKT gave them (six decimals), for the independent test.
        const auto rings = filter.rings();
        QCOMPARE(rings.size(), std::size_t(1));
        std::vector<Point> parsed(rings[0].begin(), rings[0].end());
        const auto footprints = randomFootprints(300, 8.8, 8.8, 2.4, 11);
        std::size_t kept = 0, disagree = 0;
        for (const auto& f : footprints) {
            kept += filter.keeps(f);
            disagree += filter.keeps(f) != polygonsMeet(ringOf(f), parsed);
        }
        QVERIFY(kept > 50 && kept < footprints.size());
        QVERIFY2(disagree <= 2, qPrintable(QString::number(disagree)));
    }

    void areasHaveAVertexBudgetAndCoordinatesOnTheEarth()
    {
        std::string wkt = "POLYGON((";
        const int n = 100001;
        for (int i = 0; i <= n; ++i) {
            const double a = 2 * M_PI * (i % n) / n;
            wkt += (i ? "," : "") + std::to_string(10 + std::cos(a)) + " " + std::to_string(10 + std::sin(a));
        }
        wkt += "))";
        try {
            SpatialFilter::polygons(wkt, "circle");
            QFAIL("an area of 100,002 vertices was accepted");
        } catch (const Error& e) {
            QCOMPARE(e.code(), ErrorCode::TooManyVertices);
            QVERIFY2(std::string(e.what()).find("100002 vertices") != std::string::npos, e.what());
        }
        // Web Mercator coordinates of 10^20 metres: refused before any reprojection.
        QTemporaryDir dir;
        const QString path = dir.filePath("far.geojson");
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(R"({"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::3857"}},
"features":[{"type":"Feature","properties":{},"geometry":{"type":"Polygon","coordinates":
[[[-1e20,-1e20],[1e20,-1e20],[1e20,1e20],[-1e20,1e20],[-1e20,-1e20]]]}}]})");
        file.close();
        try {
            SpatialFilter::fromFile(path.toStdString());
            QFAIL("coordinates of 1e20 were accepted");
        } catch (const Error& e) {
            QVERIFY2(std::string(e.what()).find("no place on the earth") != std::string::npos, e.what());
        }
    }
    void onePerPlaceFoldsAsAnIndependentGreedyIoU()
    {
        std::mt19937 random(5);
        std::uniform_real_distribution<double> unit(0.0, 1.0);
        // Rotated rectangles around a few places (one across the antimeridian), and
        // windows of two sources without footprints.
        std::vector<ItemPlace> places;
        const double centres[][2] = {{4.35, 50.85}, {4.36, 50.85}, {179.999, -16.5}};
        for (int i = 0; i < 150; ++i) {
            ItemPlace place;
            place.sourceId = 1 + i % 3;
            if (i % 3 != 2) {
                const auto& c = centres[i % 3 == 0 ? 0 : (i / 3) % 2 + 1];
                const double cx = c[0] + 0.004 * (unit(random) - 0.5), cy = c[1] + 0.004 * (unit(random) - 0.5);
                const double hw = 0.001 + 0.002 * unit(random), hh = 0.001 + 0.002 * unit(random);
                const double angle = 0.5 * unit(random), ca = std::cos(angle), sa = std::sin(angle);
                Footprint f{};
                const double dx[] = {-hw, hw, hw, -hw}, dy[] = {-hh, -hh, hh, hh};
                for (int k = 0; k < 4; ++k) {
                    double lon = cx + dx[k] * ca - dy[k] * sa;
                    if (lon > 180)
                        lon -= 360; // the ring crosses the antimeridian
                    f[static_cast<std::size_t>(k)] = {lon, cy + dx[k] * sa + dy[k] * ca};
                }
                f[4] = f[0];
                place.footprint = f;
            } else {
                place.sourceId = 10 + (i / 3) % 2;
                place.window = {static_cast<int>(unit(random) * 200), static_cast<int>(unit(random) * 200), 64, 64};
            }
            places.push_back(place);
        }
        // The reference unwraps nothing: it sees the antimeridian places unwrapped by hand.
        std::vector<ItemPlace> unwrapped = places;
        for (auto& place : unwrapped)
            if (place.footprint)
                for (auto& p : *place.footprint)
                    if (p[0] < 0)
                        p[0] += 360;
        for (const double threshold : {0.05, 0.3, 0.6}) {
            const auto expected = distinct_reference::fold(unwrapped, threshold);
            PlaceFolder folder(threshold);
            std::size_t folded = 0;
            for (std::size_t i = 0; i < places.size(); ++i) {
                const auto keeper = folder.offer(places[i]);
                QCOMPARE(keeper.has_value(), expected[i].has_value());
                if (keeper) {
                    QCOMPARE(*keeper, *expected[i]);
                    ++folded;
                }
            }
            QVERIFY2(folded > 0 && folded < places.size(), "the data folds some places and keeps others");
            QCOMPARE(folder.keptCount(), places.size() - folded);
        }
        for (std::size_t i = 0; i < 20; ++i)
            for (std::size_t j = 0; j < 20; ++j)
                QVERIFY2(std::abs(placeOverlap(places[i], places[j]) -
                                  distinct_reference::iou(unwrapped[i], unwrapped[j])) < 1e-6,
                         qPrintable(QStringLiteral("%1 %2: %3 against %4")
                                        .arg(i)
                                        .arg(j)
                                        .arg(placeOverlap(places[i], places[j]), 0, 'g', 12)
                                        .arg(distinct_reference::iou(unwrapped[i], unwrapped[j]), 0, 'g', 12)));
        // A score grid of a 256 x 256 WGS84 scene in 64-pixel tiles overlapping by 32: 7 x 7
        // pixels of 32 scene pixels, centred on their windows, its corners on the earth.
        RasterFacts facts;
        facts.width = facts.height = 256;
        facts.georeferenced = true;
        facts.geoTransform = {10.0, 0.0001, 0, 45.0256, 0, -0.0001};
        {
            OGRSpatialReference wgs84;
            wgs84.SetWellKnownGeogCS("WGS84");
            char* wkt = nullptr;
            wgs84.exportToWkt(&wkt);
            facts.crs = wkt;
            CPLFree(wkt);
        }
        const ScoreGrid scoreMap = scoreGrid(facts, 64, 32, {{Window{32, 0, 64, 64}, 0.5f}, {Window{5, 5, 64, 64}, 0.1f}});
        QCOMPARE(scoreMap.columns, 7);
        QCOMPARE(scoreMap.scored, std::size_t(1));
        QCOMPARE(scoreMap.offGrid, std::size_t(1));
        QCOMPARE(scoreMap.pixels[1], 0.5f);
        QCOMPARE(scoreMap.pixels[0], kScoreMapNoData);
        // A scene whose size an index names beyond any real one is refused, not allocated.
        RasterFacts huge = facts;
        huge.width = huge.height = 2'000'000'000;
        QVERIFY_THROWS_EXCEPTION(Error, scoreGrid(huge, 64, 32, {}));
        const auto corners = scoreGridCorners(scoreMap, facts);
        QVERIFY(corners);
        QVERIFY(std::abs((*corners)[0][0] - (10.0 + 16 * 0.0001)) < 1e-9);
        QVERIFY(std::abs((*corners)[2][1] - (45.0256 - 16 * 0.0001 - 7 * 32 * 0.0001)) < 1e-9);
        // Names made from archive paths stay in the folder they are written to.
        QCOMPARE(safeFileName("a/../b c'.tif"), std::string("a_.._b_c_.tif"));
        QCOMPARE(safeFileName("../../etc/passwd"), std::string("_._.._etc_passwd")); // no separator, no leading dot
        QCOMPARE(safeFileName(""), std::string("_"));
        QCOMPARE(safeFileName(std::string(200, 'x')).size(), std::size_t(80));
        QVERIFY_THROWS_EXCEPTION(Error, PlaceFolder(0.0));
        QVERIFY_THROWS_EXCEPTION(Error, PlaceFolder(1.5));
    }
};

QTEST_GUILESS_MAIN(TestSpatial)
#include "test_spatial.moc"
