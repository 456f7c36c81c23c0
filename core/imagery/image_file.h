#pragma once
/// \file
/// Decoding ordinary image files (JPEG, PNG, TIFF, ...) into 8-bit RGB buffers the way
/// the reference reads them: no EXIF rotation, gray replicated, alpha dropped.

#include "core/base/image.h"

#include <filesystem>

namespace rscir {

/// Decodes `path` with OpenCV (IMREAD_IGNORE_ORIENTATION). Throws rscir::Error naming
/// the file when it cannot be read or decoded.
ImageU8 readImageFile(const std::filesystem::path& path);

/// Decodes an encoded image held in memory (e.g. a stored thumbnail).
ImageU8 decodeImage(const std::vector<std::uint8_t>& encoded, const std::string& what);

} // namespace rscir
