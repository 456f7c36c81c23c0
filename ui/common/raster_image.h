#pragma once
/// \file
/// A raster as the window shows it: read through the core's reader (GDAL: any format, band
/// choice and stretch, overviews for a scaled read) into a QImage. Call it off the GUI
/// thread (background::run): a large file takes longer than a frame.

#include "core/imagery/raster.h"

#include <QImage>
#include <QString>

namespace rscir::ui {

/// 8-bit gray or RGB pixels as a QImage (a deep copy).
QImage toQImage(const ImageU8& pixels);

/// `window` of `file` (the whole raster when its width is 0) scaled to fit `maxSide`.
/// Throws rscir::Error naming the file.
QImage readRasterImage(const QString& file, Window window, int maxSide, const RasterOptions& options = {});

} // namespace rscir::ui
