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
    if (const auto size = imageSizeOf(path))
        checkPixelLimit(path, size->first, size->second, maxWholeImagePixels(), "RSCIR_MAX_QUERY_MEGAPIXELS");
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw Error("cannot open " + path.string(), "check that it exists and that you may read it");
    std::vector<std::uint8_t> bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    return decodeImage(bytes, path.string());
}

namespace {

/// A JPEG whose last scan (SOS, FF DA) is not followed by an end-of-image marker (FF D9)
/// was cut short: libjpeg would decode it with a warning and grey where the data ends.
/// (An EXIF thumbnail's own markers come before the main image's scan.)
bool truncatedJpeg(const std::vector<std::uint8_t>& bytes)
{
    if (bytes.size() < 4 || bytes[0] != 0xff || bytes[1] != 0xd8)
        return false;
    std::size_t lastScan = 0, lastEnd = 0;
    for (std::size_t i = 2; i + 1 < bytes.size(); ++i)
        if (bytes[i] == 0xff) {
            if (bytes[i + 1] == 0xda)
                lastScan = i;
            else if (bytes[i + 1] == 0xd9)
                lastEnd = i;
        }
    return lastScan != 0 && lastEnd < lastScan;
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
