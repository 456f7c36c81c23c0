#pragma once
/// \file
/// Chips: a result's window cut out of its source, for a colleague or a trainer. As the
/// source keeps it (its bands, data type, nodata and georeferencing, as `gdal_translate
/// -srcwin` cuts it), or as the model saw it (8-bit RGB through the archive's raster
/// options, PNG with a world file and the CRS beside it).

#include "core/imagery/raster.h"
#include "core/index/result_export.h"

#include <filesystem>
#include <string>
#include <vector>

namespace rscir {

/// Writes `window` of `source` as a GeoTIFF to `output` (through a temporary beside it;
/// an existing file only with `overwrite`, never through a link). Throws rscir::Error.
void writeChip(const std::filesystem::path& source, const Window& window, const std::filesystem::path& output,
               bool overwrite);

/// Writes `window` of `source` as the model saw it, read with `options`, as a PNG with a
/// world file (.pgw) and, for a georeferenced source, its CRS (.prj, and .png.aux.xml for
/// GDAL and QGIS).
void writeChipAsSeen(const std::filesystem::path& source, const Window& window, const RasterOptions& options,
                     const std::filesystem::path& output, bool overwrite);

/// A name for a file made from an archive path: letters, digits, '.', '-' and '_' are kept,
/// anything else (folders, spaces, quotes) becomes '_'; at most 80 characters, never
/// starting with a dot.
std::string safeFileName(const std::string& path);

class Progress;

/// The chip of each result, into `folder` (made if missing; not a link): `RANK_FILE_X_Y.tif`
/// (or `.png` as seen), then their footprints with rank, score, source and `queryJson` as
/// `chips.gpkg`. Nothing is replaced without `overwrite`. Returns the chips' names, in rank
/// order. The command line and the window export through this.
std::vector<std::string> exportChips(const std::filesystem::path& folder, const std::vector<RankedItem>& results,
                                     const RasterOptions& options, bool asSeen, bool overwrite,
                                     const std::string& queryJson, Progress* progress = nullptr);

/// Every file exportChips writes for these results into `folder` (to ask before replacing).
std::vector<std::filesystem::path> chipExportFiles(const std::filesystem::path& folder,
                                                   const std::vector<RankedItem>& results, bool asSeen);

/// The folder an export writes `files` into, made when missing: refused when it is a link or
/// a file, or when one of `files` exists and `overwrite` is not given (then nothing is
/// written). "out/" names the folder "out". Throws rscir::Error.
std::filesystem::path prepareExportFolder(const std::filesystem::path& given,
                                          const std::vector<std::filesystem::path>& files, bool overwrite);

/// The name of a result's chip (see exportChips).
std::string chipFileName(std::size_t rank, const RankedItem& result, bool asSeen);

} // namespace rscir
