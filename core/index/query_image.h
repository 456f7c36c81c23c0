#pragma once
/// \file
/// A query image from outside the archive, read the way the archive's rasters are read.

#include "core/imagery/raster.h"

#include <filesystem>
#include <vector>

namespace rscir {

/// The pixels a model sees for a query image file: the whole raster read through GDAL
/// with the archive's raster options (bands and stretch), then CLIP's preprocessing to
/// `imageSize`. The command line and the application both call this, so that the same
/// file gives the same embedding in both. Throws rscir::Error naming the file.
std::vector<float> queryImagePixels(const std::filesystem::path& file, const RasterOptions& options, int imageSize);

} // namespace rscir
