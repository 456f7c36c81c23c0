#pragma once
/// \file
/// CLIP's image preprocessing, bit-exact with the reference (Pillow's antialiased
/// bicubic resize of the short side, centre crop, scaling and normalisation), on
/// 8-bit buffers held in memory.

#include "core/base/image.h"

#include <vector>

namespace rscir {

/// Pillow's `Image.resize(size, BICUBIC)` on 8-bit data: separable, antialiased,
/// horizontal pass first, fixed-point weights, each pass rounded to 8 bits.
ImageU8 resizeBicubic(const ImageU8& image, int width, int height);

/// The short side becomes `size`, the long side int(size * long / short).
void clipResizeTarget(int width, int height, int size, int& outWidth, int& outHeight);

/// Resize, centre crop to size x size, gray to RGB, /255 and CLIP's mean/std.
/// Returns 3 x size x size float32 values, channel-major (CHW).
std::vector<float> clipPreprocess(const ImageU8& image, int size = 224);

} // namespace rscir
