#pragma once
/// \file
/// A raster as the window shows it: read through the core's reader (GDAL: any format, band
/// choice and stretch, overviews for a scaled read) into a QImage. Call it off the GUI
/// thread (background::run): a large file takes longer than a frame.

#include "core/imagery/raster.h"
#include "core/imagery/read_cache.h"

#include <QImage>
#include <QString>

namespace rscir::ui {

/// 8-bit gray or RGB pixels as a QImage (a deep copy).
QImage toQImage(const ImageU8& pixels);

/// `window` of `file` (the whole raster when its width is 0) scaled to fit `maxSide`.
/// A file on a server is kept in the user's cache folder (remoteReadCache) for `version`
/// (what says it changed: its size and time). Throws rscir::Error naming the file.
QImage readRasterImage(const QString& file, Window window, int maxSide, const RasterOptions& options = {},
                       const QString& version = {});

/// Reads of files on servers kept on disk: the user's cache folder, at most 512 MiB.
const ReadCache& remoteReadCache();

} // namespace rscir::ui
