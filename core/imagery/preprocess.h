#pragma once
/// \file
/// The models' image preprocessing, bit-exact with the references, on 8-bit buffers held
/// in memory. CLIP: Pillow's antialiased bicubic resize of the short side, centre crop,
/// scaling and CLIP's normalisation. SigLIP: the same resize straight to the square (no
/// crop, the aspect ratio is not kept), scaling to [-1, 1] (mean and deviation 0.5).

#include "core/base/image.h"

#include <array>
#include <vector>

namespace rscir {

/// Pillow's `Image.resize(size, BICUBIC)` on 8-bit data: separable, antialiased,
/// horizontal pass first, fixed-point weights, each pass rounded to 8 bits.
ImageU8 resizeBicubic(const ImageU8& image, int width, int height);

/// The short side becomes `size`, the long side int(size * long / short).
void clipResizeTarget(int width, int height, int size, int& outWidth, int& outHeight);

enum class ResizeMode {
    ShortSideThenCrop, ///< CLIP: the short side becomes the size, then a centre crop
    Squash, ///< SigLIP: straight to size x size
};

struct ImagePreprocessing {
    int size = 224;
    ResizeMode resize = ResizeMode::ShortSideThenCrop;
    std::array<float, 3> mean{0.48145466f, 0.4578275f, 0.40821073f};
    std::array<float, 3> deviation{0.26862954f, 0.26130258f, 0.27577711f};
};
ImagePreprocessing clipPreprocessing(int size);
ImagePreprocessing siglipPreprocessing(int size);

/// Resize as `how` says, gray to RGB, /255, then (x - mean) / deviation per channel.
/// Returns 3 x size x size float32 values, channel-major (CHW).
std::vector<float> preprocessImage(const ImageU8& image, const ImagePreprocessing& how);

/// Resize, centre crop to size x size, gray to RGB, /255 and CLIP's mean/std.
/// Returns 3 x size x size float32 values, channel-major (CHW).
std::vector<float> clipPreprocess(const ImageU8& image, int size = 224);

} // namespace rscir
