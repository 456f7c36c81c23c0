#include "core/imagery/preprocess.h"

#include "core/base/error.h"

#include <algorithm>
#include <cmath>

namespace rscir {

namespace {

constexpr int kPrecisionBits = 32 - 8 - 2;

double bicubic(double x)
{
    constexpr double a = -0.5;
    x = std::fabs(x);
    if (x < 1.0)
        return ((a + 2.0) * x - (a + 3.0)) * x * x + 1.0;
    if (x < 2.0)
        return (((x - 5.0) * x + 8.0) * x - 4.0) * a;
    return 0.0;
}

struct Coefficients {
    int taps = 0; // weights per output sample
    std::vector<int> first; // first input index per output sample
    std::vector<int> count; // inputs used per output sample
    std::vector<std::int32_t> weights; // fixed point, `taps` per output sample
};

/// Pillow's precompute_coeffs followed by normalize_coeffs_8bpc.
Coefficients coefficients(int inSize, int outSize)
{
    const double scale = static_cast<double>(inSize) / outSize;
    const double filterScale = std::max(scale, 1.0);
    const double support = 2.0 * filterScale;
    Coefficients c;
    c.taps = static_cast<int>(std::ceil(support)) * 2 + 1;
    c.first.resize(static_cast<std::size_t>(outSize));
    c.count.resize(static_cast<std::size_t>(outSize));
    c.weights.assign(static_cast<std::size_t>(outSize) * static_cast<std::size_t>(c.taps), 0);
    std::vector<double> w(static_cast<std::size_t>(c.taps));
    for (int i = 0; i < outSize; ++i) {
        const double center = (i + 0.5) * scale;
        const double inverse = 1.0 / filterScale;
        int xmin = static_cast<int>(center - support + 0.5);
        if (xmin < 0)
            xmin = 0;
        int xmax = static_cast<int>(center + support + 0.5);
        if (xmax > inSize)
            xmax = inSize;
        xmax -= xmin;
        double total = 0.0;
        for (int x = 0; x < xmax; ++x) {
            w[static_cast<std::size_t>(x)] = bicubic((x + xmin - center + 0.5) * inverse);
            total += w[static_cast<std::size_t>(x)];
        }
        for (int x = 0; x < xmax; ++x) {
            double k = total != 0.0 ? w[static_cast<std::size_t>(x)] / total : w[static_cast<std::size_t>(x)];
            c.weights[static_cast<std::size_t>(i * c.taps + x)] =
                static_cast<std::int32_t>(k < 0 ? -0.5 + k * (1 << kPrecisionBits) : 0.5 + k * (1 << kPrecisionBits));
        }
        c.first[static_cast<std::size_t>(i)] = xmin;
        c.count[static_cast<std::size_t>(i)] = xmax;
    }
    return c;
}

inline std::uint8_t clip8(std::int64_t v)
{
    if (v >= (static_cast<std::int64_t>(1) << kPrecisionBits << 8))
        return 255;
    if (v <= 0)
        return 0;
    return static_cast<std::uint8_t>(v >> kPrecisionBits);
}

ImageU8 resizeHorizontal(const ImageU8& in, int outWidth)
{
    const Coefficients c = coefficients(in.width, outWidth);
    ImageU8 out{outWidth, in.height, in.channels, {}};
    out.pixels.resize(static_cast<std::size_t>(outWidth) * in.height * in.channels);
    const int ch = in.channels;
    for (int y = 0; y < in.height; ++y) {
        const std::uint8_t* row = in.pixels.data() + static_cast<std::size_t>(y) * in.width * ch;
        std::uint8_t* dst = out.pixels.data() + static_cast<std::size_t>(y) * outWidth * ch;
        for (int x = 0; x < outWidth; ++x) {
            const std::int32_t* k = c.weights.data() + static_cast<std::size_t>(x) * c.taps;
            const int first = c.first[static_cast<std::size_t>(x)];
            const int count = c.count[static_cast<std::size_t>(x)];
            for (int b = 0; b < ch; ++b) {
                std::int64_t sum = static_cast<std::int64_t>(1) << (kPrecisionBits - 1);
                for (int t = 0; t < count; ++t)
                    sum += static_cast<std::int64_t>(row[(first + t) * ch + b]) * k[t];
                dst[x * ch + b] = clip8(sum);
            }
        }
    }
    return out;
}

ImageU8 resizeVertical(const ImageU8& in, int outHeight)
{
    const Coefficients c = coefficients(in.height, outHeight);
    ImageU8 out{in.width, outHeight, in.channels, {}};
    const std::size_t stride = static_cast<std::size_t>(in.width) * in.channels;
    out.pixels.resize(stride * outHeight);
    std::vector<std::int64_t> sums(stride);
    for (int y = 0; y < outHeight; ++y) {
        const std::int32_t* k = c.weights.data() + static_cast<std::size_t>(y) * c.taps;
        const int first = c.first[static_cast<std::size_t>(y)];
        const int count = c.count[static_cast<std::size_t>(y)];
        std::fill(sums.begin(), sums.end(), static_cast<std::int64_t>(1) << (kPrecisionBits - 1));
        for (int t = 0; t < count; ++t) {
            const std::uint8_t* row = in.pixels.data() + static_cast<std::size_t>(first + t) * stride;
            const std::int64_t weight = k[t];
            for (std::size_t i = 0; i < stride; ++i)
                sums[i] += row[i] * weight;
        }
        std::uint8_t* dst = out.pixels.data() + static_cast<std::size_t>(y) * stride;
        for (std::size_t i = 0; i < stride; ++i)
            dst[i] = clip8(sums[i]);
    }
    return out;
}

void checkImage(const ImageU8& image)
{
    if (image.empty())
        throw Error("the image is empty");
    if (image.channels != 1 && image.channels != 3)
        throw Error("images must have 1 or 3 channels; got " + std::to_string(image.channels));
    if (image.pixels.size() != static_cast<std::size_t>(image.width) * image.height * image.channels)
        throw Error("the image buffer does not match its size");
}

} // namespace

ImageU8 resizeBicubic(const ImageU8& image, int width, int height)
{
    checkImage(image);
    if (width <= 0 || height <= 0)
        throw Error("cannot resize to " + std::to_string(width) + " x " + std::to_string(height));
    ImageU8 result = image;
    if (width != image.width)
        result = resizeHorizontal(result, width);
    if (height != image.height)
        result = resizeVertical(result, height);
    return result;
}

void clipResizeTarget(int width, int height, int size, int& outWidth, int& outHeight)
{
    if (width <= height) {
        outWidth = size;
        outHeight = static_cast<int>(static_cast<long long>(size) * height / width);
    } else {
        outHeight = size;
        outWidth = static_cast<int>(static_cast<long long>(size) * width / height);
    }
}

ImagePreprocessing clipPreprocessing(int size)
{
    ImagePreprocessing how;
    how.size = size;
    return how;
}

ImagePreprocessing siglipPreprocessing(int size)
{
    ImagePreprocessing how;
    how.size = size;
    how.resize = ResizeMode::Squash;
    how.mean = {0.5f, 0.5f, 0.5f};
    how.deviation = {0.5f, 0.5f, 0.5f};
    return how;
}

std::vector<float> preprocessImage(const ImageU8& image, const ImagePreprocessing& how)
{
    checkImage(image);
    const int size = how.size;
    if (size <= 0)
        throw Error("cannot preprocess to a size of " + std::to_string(size));
    int w = size, h = size;
    if (how.resize == ResizeMode::ShortSideThenCrop)
        clipResizeTarget(image.width, image.height, size, w, h);
    const ImageU8 resized = (w == image.width && h == image.height) ? image : resizeBicubic(image, w, h);
    // Python's round() rounds halves to even.
    const int top = static_cast<int>(std::nearbyint((resized.height - size) / 2.0));
    const int left = static_cast<int>(std::nearbyint((resized.width - size) / 2.0));

    const std::size_t plane = static_cast<std::size_t>(size) * size;
    std::vector<float> out(3 * plane);
    const int ch = resized.channels;
    for (int y = 0; y < size; ++y) {
        const std::uint8_t* row =
            resized.pixels.data() + (static_cast<std::size_t>(top + y) * resized.width + left) * ch;
        for (int x = 0; x < size; ++x)
            for (int c = 0; c < 3; ++c) {
                const float v = static_cast<float>(row[x * ch + (ch == 1 ? 0 : c)]) / 255.0f;
                out[c * plane + static_cast<std::size_t>(y) * size + x] = (v - how.mean[c]) / how.deviation[c];
            }
    }
    return out;
}

std::vector<float> clipPreprocess(const ImageU8& image, int size)
{
    return preprocessImage(image, clipPreprocessing(size));
}

} // namespace rscir
