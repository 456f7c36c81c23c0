#include "core/index/query_image.h"

#include "core/base/error.h"
#include "core/imagery/preprocess.h"

#include <cpl_conv.h>
#include <cpl_vsi.h>
#include <gdal_priv.h>
#include <gdal_utils.h>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <iomanip>
#include <memory>
#include <sstream>
#include <system_error>

namespace rscir {

namespace {

void checkQueryFile(const std::filesystem::path& file)
{
    std::error_code ec;
    const auto status = std::filesystem::status(file, ec);
    if (ec || !std::filesystem::exists(status))
        throw Error("the query image " + file.string() + " does not exist");
    if (!std::filesystem::is_regular_file(status))
        throw Error("the query image " + file.string() + " is not a regular file");
}

std::string number(double value)
{
    std::ostringstream out;
    out << std::setprecision(17) << value;
    return out.str();
}

/// A /vsimem/ file removed when it goes.
struct MemoryFile {
    std::string path;
    MemoryFile()
    {
        static std::atomic<unsigned> next{0};
        path = "/vsimem/rscir-query-" + std::to_string(next++) + ".tif";
    }
    ~MemoryFile() { VSIUnlink(path.c_str()); }
};

} // namespace

std::optional<double> queryGroundResolution(const std::filesystem::path& file)
{
    try {
        return groundResolution(Raster::open(file)->facts());
    } catch (const std::exception&) {
        return std::nullopt;
    }
}

std::vector<std::string> resamplingOptions(const RasterFacts& facts, double metres)
{
    const auto own = groundResolution(facts);
    const auto unit = metresPerCrsUnit(facts);
    if (!own || !unit)
        throw Error("it is not georeferenced in a CRS of known units, so its ground resolution is unknown");
    return {"-tr", number(metres / (*unit)[0]), number(metres / (*unit)[1]), "-r", metres >= *own ? "average" : "bilinear",
            "-of", "GTiff", "-q"};
}

void resampleToGroundResolution(const std::filesystem::path& file, double metres, const std::string& output)
try {
    if (!(metres > 0) || !std::isfinite(metres))
        throw Error("a ground resolution is a number of metres above 0");
    initialiseGdal();
    const RasterFacts facts = Raster::open(file)->facts();
    const auto own = groundResolution(facts);
    if (!own)
        throw Error("it is not georeferenced in a CRS of known units, so its ground resolution is unknown");
    // The result must stay a size rscir reads whole.
    const double scale = *own / metres;
    checkPixelLimit(file, static_cast<std::int64_t>(std::ceil(facts.width * scale)),
                    static_cast<std::int64_t>(std::ceil(facts.height * scale)), maxWholeImagePixels(),
                    "RSCIR_MAX_QUERY_MEGAPIXELS");
    const auto options = resamplingOptions(facts, metres);
    std::vector<char*> argv;
    for (const std::string& o : options)
        argv.push_back(const_cast<char*>(o.c_str()));
    argv.push_back(nullptr);
    std::unique_ptr<GDALWarpAppOptions, decltype(&GDALWarpAppOptionsFree)> warpOptions(
        GDALWarpAppOptionsNew(argv.data(), nullptr), GDALWarpAppOptionsFree);
    const std::string name = gdalNameOf(file.string());
    const NoListingOnServers noListing(name);
    GDALDatasetH source = GDALOpen(name.c_str(), GA_ReadOnly);
    if (!source)
        throw Error(std::string("cannot read it: ") + CPLGetLastErrorMsg());
    int failed = 0;
    GDALDatasetH warped = GDALWarp(output.c_str(), nullptr, 1, &source, warpOptions.get(), &failed);
    GDALClose(source);
    if (!warped || failed)
        throw Error(std::string("resampling it failed: ") + CPLGetLastErrorMsg());
    GDALClose(warped);
} catch (...) {
    rethrowAsError("the query image " + file.string());
}

std::vector<float> queryImagePixels(const std::filesystem::path& file, const RasterOptions& options,
                                    const ImagePreprocessing& how,
                                    std::optional<GroundScale> scale)
{
    checkQueryFile(file);
    std::optional<MemoryFile> resampled;
    std::filesystem::path read = file;
    if (scale && queryGroundResolution(file)) {
        resampled.emplace();
        resampleToGroundResolution(file, scale->metres, resampled->path);
        read = resampled->path;
    } else {
        scale.reset(); // read as it is, whole
    }
    const auto raster = Raster::open(read, options);
    const auto& facts = raster->facts();
    checkPixelLimit(file, facts.width, facts.height, maxWholeImagePixels(), "RSCIR_MAX_QUERY_MEGAPIXELS");
    Window window{0, 0, facts.width, facts.height};
    if (scale && scale->window > 0) {
        window.width = std::min(facts.width, scale->window);
        window.height = std::min(facts.height, scale->window);
        window.x = (facts.width - window.width) / 2;
        window.y = (facts.height - window.height) / 2;
    }
    return preprocessImage(raster->read(window), how);
}

} // namespace rscir
