#pragma once
/// \file
/// A query image from outside the archive, read the way the archive's rasters are read.

#include "core/imagery/preprocess.h"
#include "core/imagery/raster.h"

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace rscir {

/// The scale of an archive's windows: metres per pixel and the window's side in pixels.
struct GroundScale {
    double metres = 0;
    int window = 0;
};

/// The pixels a model sees for a query image file: the whole raster read through GDAL
/// with the archive's raster options (bands and stretch), then the model's preprocessing
/// (`how`). With `scale` (the archive's), a georeferenced query is first resampled to
/// its metres per pixel (resampleToGroundResolution) and, where it is then larger than a
/// window, its centre window of `scale.window` pixels is what the model sees: the same
/// ground as a window of the archive. One that is not georeferenced is read as it is. The
/// command line and the application both call this, so that the same file gives the same
/// embedding in both. Throws rscir::Error naming the file.
std::vector<float> queryImagePixels(const std::filesystem::path& file, const RasterOptions& options,
                                    const ImagePreprocessing& how,
                                    std::optional<GroundScale> scale = std::nullopt);

/// The query's own ground resolution in metres per pixel; nullopt when it is not
/// georeferenced (or cannot be read).
std::optional<double> queryGroundResolution(const std::filesystem::path& file);

/// Writes `file` resampled to `metres` per pixel into `output` (a GeoTIFF; any GDAL path,
/// /vsimem/ too), in its own CRS, as `gdalwarp -tr X Y -r average` makes it when it is
/// coarsened and `-r bilinear` when it is refined (X and Y: `metres` in the CRS's units).
/// Throws rscir::Error, also for a file that is not georeferenced.
void resampleToGroundResolution(const std::filesystem::path& file, double metres, const std::string& output);

/// The `gdalwarp` options resampleToGroundResolution uses for `file` ("-tr", X, Y, "-r", ...).
std::vector<std::string> resamplingOptions(const RasterFacts& facts, double metres);

} // namespace rscir
