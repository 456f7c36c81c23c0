#pragma once
/// \file
/// CLIP's image preprocessing, bit-exact with the reference (Pillow's antialiased
/// bicubic resize of the short side, centre crop, scaling and normalisation), on
/// 8-bit buffers held in memory.

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

/// Pillow's `Image.resize(size, BICUBIC)` on 8-bit data: separable, antialiased,
/// horizontal pass first, fixed-point weights, each pass rounded to 8 bits.
ImageU8 resizeBicubic(const ImageU8& image, int width, int height);

/// The short side becomes `size`, the long side int(size * long / short).
void clipResizeTarget(int width, int height, int size, int& outWidth, int& outHeight);

/// Resize, centre crop to size x size, gray to RGB, /255 and CLIP's mean/std.
/// Returns 3 x size x size float32 values, channel-major (CHW).
std::vector<float> clipPreprocess(const ImageU8& image, int size = 224);

} // namespace rscir
