#pragma once
/// \file
/// A map of a composed query's score over a large scene: every indexed window of one source
/// becomes one pixel of a Float32 GeoTIFF in the scene's CRS (one pixel per window stride,
/// centred on its window), nodata where no window was indexed or ranked. The scores are
/// those a search reports, normalised over the archive being ranked; QGIS shows the file as
/// a heat map over the scene.

#include "core/imagery/raster.h"

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <filesystem>
#include <string>
#include <utility>
#include <vector>

namespace rscir {

/// The value of pixels without a score.
constexpr float kScoreMapNoData = -9999.0f;
/// The most windows a score map holds (indexing makes at most 10^6 of one file).
constexpr std::int64_t kMaxScoreGridWindows = 4'000'000;

/// The scores of a scene's windows on the grid of its tiling: pixel (i, j) is the window
/// at the i-th column start and j-th row start, kScoreMapNoData where none was scored.
struct ScoreGrid {
    int columns = 0, rows = 0;
    std::vector<float> pixels; ///< rows * columns, row by row from the top
    std::array<double, 6> geoTransform{0, 1, 0, 0, 0, 1}; ///< in the scene's CRS (pixels when it has none)
    std::size_t scored = 0; ///< pixels with a score
    std::size_t offGrid = 0; ///< windows that do not fall on the grid of the tiling
};

/// Throws rscir::Error for a scene of more than kMaxScoreGridWindows windows.
ScoreGrid scoreGrid(const RasterFacts& facts, int tile, int overlap, const std::vector<std::pair<Window, float>>& scores);

/// The grid's corners (top-left, top-right, bottom-right, bottom-left) in WGS84 longitude
/// and latitude, for a map; nullopt when the scene is not georeferenced.
std::optional<std::array<std::array<double, 2>, 4>> scoreGridCorners(const ScoreGrid& grid, const RasterFacts& facts);

struct ScoreMapReport {
    int columns = 0, rows = 0;
    std::size_t scored = 0; ///< pixels with a score
    std::size_t offGrid = 0; ///< windows that do not fall on the grid of the index's tiling
};

/// Writes `scores` (a window of the scene and its score) for a scene of `facts`, tiled
/// with `tile` and `overlap`, to `output` (through a temporary file beside it, renamed
/// into place; an existing file is replaced only with `overwrite`, and a link never is).
/// `metadata` is written as the file's metadata items. Throws rscir::Error.
ScoreMapReport writeScoreMap(const std::filesystem::path& output, const RasterFacts& facts, int tile, int overlap,
                             const std::vector<std::pair<Window, float>>& scores, bool overwrite,
                             const std::vector<std::pair<std::string, std::string>>& metadata = {});

} // namespace rscir
