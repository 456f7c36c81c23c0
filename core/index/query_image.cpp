#include "core/index/query_image.h"

#include "core/base/error.h"
#include "core/imagery/preprocess.h"

#include <system_error>

namespace rscir {

std::vector<float> queryImagePixels(const std::filesystem::path& file, const RasterOptions& options, int imageSize)
{
    std::error_code ec;
    const auto status = std::filesystem::status(file, ec);
    if (ec || !std::filesystem::exists(status))
        throw Error("the query image " + file.string() + " does not exist");
    if (!std::filesystem::is_regular_file(status))
        throw Error("the query image " + file.string() + " is not a regular file");
    const auto raster = Raster::open(file, options);
    const auto& facts = raster->facts();
    checkPixelLimit(file, facts.width, facts.height, maxWholeImagePixels(), "RSCIR_MAX_QUERY_MEGAPIXELS");
    return clipPreprocess(raster->read({0, 0, facts.width, facts.height}), imageSize);
}

} // namespace rscir
