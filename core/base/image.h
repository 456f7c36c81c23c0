#pragma once
/// \file
/// An 8-bit image held in memory: what rasters and image files decode to and what
/// CLIP's preprocessing takes.

#include <cstdint>
#include <vector>

namespace rscir {

/// An 8-bit image, interleaved, 1 (gray) or 3 (RGB) channels, rows without padding.
struct ImageU8 {
    int width = 0;
    int height = 0;
    int channels = 3;
    std::vector<std::uint8_t> pixels;

    bool empty() const { return width <= 0 || height <= 0; }
};

} // namespace rscir
