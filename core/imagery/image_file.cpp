#include "core/imagery/image_file.h"

#include "core/base/error.h"
#include "core/imagery/raster.h"

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <fstream>

namespace rscir {

namespace {

ImageU8 fromMat(cv::Mat mat, const std::string& what)
{
    if (mat.empty())
        throw Error(what + " is not an image that can be decoded", "the file may be damaged or of another kind");
    if (mat.depth() == CV_16U)
        mat.convertTo(mat, CV_8U, 1.0 / 256.0);
    else if (mat.depth() != CV_8U)
        throw Error(what + " has a pixel type that ordinary image files do not have");
    cv::Mat rgb;
    cv::cvtColor(mat, rgb, cv::COLOR_BGR2RGB);
    ImageU8 image;
    image.width = rgb.cols;
    image.height = rgb.rows;
    image.channels = 3;
    image.pixels.resize(static_cast<std::size_t>(rgb.cols) * rgb.rows * 3);
    for (int y = 0; y < rgb.rows; ++y)
        std::copy_n(rgb.ptr<std::uint8_t>(y), static_cast<std::size_t>(rgb.cols) * 3,
                    image.pixels.data() + static_cast<std::size_t>(y) * rgb.cols * 3);
    return image;
}

} // namespace

ImageU8 readImageFile(const std::filesystem::path& path)
{
    std::error_code ec;
    const auto status = std::filesystem::status(path, ec);
    if (!ec && std::filesystem::exists(status) && !std::filesystem::is_regular_file(status))
        throw Error(path.string() + " is not a regular file", "give an image file (not a pipe, device or folder)");
    // Decoded whole: its size is checked from the header before a pixel is decoded.
    const auto size = imageSizeOf(path);
    if (!size)
        throw Error(path.string() + " is not an image file whose size can be read from its header",
                    "the file may be damaged or of another kind");
    checkPixelLimit(path, size->first, size->second, maxWholeImagePixels(), "RSCIR_MAX_QUERY_MEGAPIXELS");
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw Error("cannot open " + path.string(), "check that it exists and that you may read it");
    std::vector<std::uint8_t> bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    return decodeImage(bytes, path.string());
}

namespace {

/// A JPEG that ends before its end-of-image marker was cut short: libjpeg would decode it
/// with a warning and grey where the data ends. The markers are walked by their segment
/// lengths and entropy-coded data is skipped to the next marker, so data appended after
/// the end of the image (motion photos, maker trailers) does not count.
bool truncatedJpeg(const std::vector<std::uint8_t>& b)
{
    if (b.size() < 4 || b[0] != 0xff || b[1] != 0xd8)
        return false;
    std::size_t i = 2;
    while (true) {
        while (i < b.size() && b[i] != 0xff)
            ++i; // entropy-coded data, or padding
        while (i < b.size() && b[i] == 0xff)
            ++i; // fill bytes
        if (i >= b.size())
            return true; // no end-of-image marker
        const std::uint8_t marker = b[i++];
        if (marker == 0xd9)
            return false; // the end of the image
        if (marker == 0x00 || (marker >= 0xd0 && marker <= 0xd7) || marker == 0x01)
            continue; // a stuffed byte or a restart marker inside the scan
        if (i + 2 > b.size())
            return true;
        const std::size_t length = (static_cast<std::size_t>(b[i]) << 8) | b[i + 1];
        if (length < 2 || i + length > b.size())
            return true;
        i += length; // the segment; after SOS the entropy-coded data follows
    }
}

} // namespace

ImageU8 decodeImage(const std::vector<std::uint8_t>& encoded, const std::string& what)
{
    if (encoded.empty())
        throw Error(what + " is empty");
    if (truncatedJpeg(encoded))
        throw Error(what + " is damaged: the JPEG data ends before its last scan does",
                    "the file is truncated; copy or download it again");
    try {
        return fromMat(cv::imdecode(encoded, cv::IMREAD_COLOR | cv::IMREAD_IGNORE_ORIENTATION), what);
    } catch (const cv::Exception& e) {
        throw Error(what + " cannot be decoded: " + e.what());
    }
}

} // namespace rscir
