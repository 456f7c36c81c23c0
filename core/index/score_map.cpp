#include "core/index/score_map.h"

#include "core/base/error.h"
#include "core/base/files.h"

#include <gdal_priv.h>
#include <ogr_spatialref.h>

#include <algorithm>
#include <memory>

namespace rscir {

namespace fs = std::filesystem;

namespace {

/// The distinct window starts along one axis, ascending.
std::vector<int> startsOf(const std::vector<Window>& windows, bool columns)
{
    std::vector<int> out;
    for (const Window& w : windows)
        out.push_back(columns ? w.x : w.y);
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
}

/// Where pixel 0 starts and how wide a pixel is, in scene pixels, along one axis: a pixel
/// per stride, centred on its window; one window spans the axis alone.
std::pair<double, double> pixelSpan(const std::vector<int>& starts, int extent, int tile, int overlap)
{
    if (starts.size() < 2)
        return {0.0, static_cast<double>(std::min(extent, tile))};
    const double stride = tile - overlap;
    return {(tile - stride) / 2.0, stride};
}

} // namespace

ScoreGrid scoreGrid(const RasterFacts& facts, int tile, int overlap, const std::vector<std::pair<Window, float>>& scores)
{
    // The scene's size comes from the index: counted before anything is made of it. Indexing
    // cuts no file into more than a million windows.
    if (tileCount(facts.width, facts.height, tile, overlap) > kMaxScoreGridWindows)
        throw Error("a scene of " + std::to_string(facts.width) + " x " + std::to_string(facts.height) +
                        " pixels in tiles of " + std::to_string(tile) + " has more windows than rscir maps (" +
                        std::to_string(kMaxScoreGridWindows) + ")",
                    "is the index damaged? rscir index --verify checks it");
    const auto windows = tileWindows(facts.width, facts.height, tile, overlap);
    const std::vector<int> xs = startsOf(windows, true), ys = startsOf(windows, false);
    ScoreGrid grid;
    grid.columns = static_cast<int>(xs.size());
    grid.rows = static_cast<int>(ys.size());
    grid.pixels.assign(xs.size() * ys.size(), kScoreMapNoData);
    for (const auto& [window, score] : scores) {
        const auto i = std::lower_bound(xs.begin(), xs.end(), window.x);
        const auto j = std::lower_bound(ys.begin(), ys.end(), window.y);
        if (i == xs.end() || *i != window.x || j == ys.end() || *j != window.y) {
            ++grid.offGrid;
            continue;
        }
        float& pixel =
            grid.pixels[static_cast<std::size_t>(j - ys.begin()) * xs.size() + static_cast<std::size_t>(i - xs.begin())];
        grid.scored += pixel == kScoreMapNoData;
        pixel = score;
    }
    // A pixel per stride, centred on its window; without georeferencing, in scene pixels.
    const std::array<double, 6> g = facts.georeferenced ? facts.geoTransform : std::array<double, 6>{0, 1, 0, 0, 0, 1};
    const auto [x0, dx] = pixelSpan(xs, facts.width, tile, overlap);
    const auto [y0, dy] = pixelSpan(ys, facts.height, tile, overlap);
    grid.geoTransform = {g[0] + x0 * g[1] + y0 * g[2], dx * g[1], dy * g[2], g[3] + x0 * g[4] + y0 * g[5], dx * g[4], dy * g[5]};
    return grid;
}

std::optional<std::array<std::array<double, 2>, 4>> scoreGridCorners(const ScoreGrid& grid, const RasterFacts& facts)
{
    if (!facts.georeferenced)
        return std::nullopt;
    OGRSpatialReference scene, wgs84;
    wgs84.SetWellKnownGeogCS("WGS84");
    wgs84.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    if (scene.importFromWkt(facts.crs.c_str()) != OGRERR_NONE)
        return std::nullopt;
    scene.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    std::unique_ptr<OGRCoordinateTransformation> toLonLat(OGRCreateCoordinateTransformation(&scene, &wgs84));
    if (!toLonLat)
        return std::nullopt;
    const auto& g = grid.geoTransform;
    const double px[4] = {0, double(grid.columns), double(grid.columns), 0};
    const double py[4] = {0, 0, double(grid.rows), double(grid.rows)};
    std::array<std::array<double, 2>, 4> corners{};
    for (int k = 0; k < 4; ++k) {
        double x = g[0] + px[k] * g[1] + py[k] * g[2];
        double y = g[3] + px[k] * g[4] + py[k] * g[5];
        if (!toLonLat->Transform(1, &x, &y))
            return std::nullopt;
        corners[static_cast<std::size_t>(k)] = {x, y};
    }
    return corners;
}

ScoreMapReport writeScoreMap(const fs::path& output, const RasterFacts& facts, int tile, int overlap,
                             const std::vector<std::pair<Window, float>>& scores, bool overwrite,
                             const std::vector<std::pair<std::string, std::string>>& metadata)
try {
    const ScoreGrid grid = scoreGrid(facts, tile, overlap, scores);
    ScoreMapReport report;
    report.columns = grid.columns;
    report.rows = grid.rows;
    report.scored = grid.scored;
    report.offGrid = grid.offGrid;

    GDALAllRegister();
    GDALDriver* gtiff = GetGDALDriverManager()->GetDriverByName("GTiff");
    if (!gtiff)
        throw Error("GDAL has no GeoTIFF driver");
    const char* options[] = {"COMPRESS=DEFLATE", "PREDICTOR=3", "TILED=YES", nullptr};
    writeIntoPlace(output, overwrite, [&](const fs::path& temporary) {
        std::unique_ptr<GDALDataset> ds(gtiff->Create(temporary.c_str(), report.columns, report.rows, 1, GDT_Float32,
                                                      const_cast<char**>(options)));
        if (!ds)
            throw Error("cannot create " + temporary.string() + ": " + CPLGetLastErrorMsg());
        if (facts.georeferenced) {
            double transform[6];
            std::copy(grid.geoTransform.begin(), grid.geoTransform.end(), transform);
            ds->SetGeoTransform(transform);
            ds->SetProjection(facts.crs.c_str());
        }
        GDALRasterBand* band = ds->GetRasterBand(1);
        band->SetNoDataValue(kScoreMapNoData);
        band->SetDescription("score");
        for (const auto& [key, value] : metadata)
            ds->SetMetadataItem(key.c_str(), value.c_str());
        if (band->RasterIO(GF_Write, 0, 0, report.columns, report.rows, const_cast<float*>(grid.pixels.data()),
                           report.columns, report.rows,
                           GDT_Float32, 0, 0) != CE_None)
            throw Error("cannot write " + temporary.string() + ": " + CPLGetLastErrorMsg());
        CPLErrorReset();
        ds.reset(); // written out as it closes
        if (CPLGetLastErrorType() >= CE_Failure)
            throw Error("cannot write " + temporary.string() + ": " + CPLGetLastErrorMsg());
    });
    return report;
} catch (...) {
    rethrowAsError("writing the score map " + output.string());
}

} // namespace rscir
