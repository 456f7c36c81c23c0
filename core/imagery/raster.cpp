#include "core/imagery/raster.h"

#include "core/base/error.h"
#include "core/base/acquisition_time.h"

#include <cpl_conv.h>
#include <cpl_error.h>
#include <gdal_priv.h>
#include <gdal_utils.h>
#include <ogr_spatialref.h>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <map>
#include <mutex>
#include <optional>
#include <string_view>

namespace rscir {

namespace {

/// Collects GDAL's messages on this thread instead of printing them.
class GdalErrorScope {
public:
    GdalErrorScope()
    {
        CPLPushErrorHandlerEx(&GdalErrorScope::handler, this);
        CPLErrorReset();
    }
    ~GdalErrorScope() { CPLPopErrorHandler(); }
    std::string message() const { return m_message.empty() ? std::string("unknown GDAL error") : m_message; }
    /// A warning that says the data is damaged although the read "succeeded" (libjpeg's
    /// "Premature end of JPEG file", "Corrupt JPEG data", a short strip): empty when none.
    const std::string& damage() const { return m_damage; }

private:
    static void CPL_STDCALL handler(CPLErr level, CPLErrorNum, const char* message)
    {
        auto* self = static_cast<GdalErrorScope*>(CPLGetErrorHandlerUserData());
        if (!self || !message)
            return;
        if (level >= CE_Failure && self->m_message.empty())
            self->m_message = message;
        if (level == CE_Warning && self->m_damage.empty()) {
            std::string lower(message);
            std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return std::tolower(c); });
            for (const char* sign : {"premature end", "corrupt", "truncat", "short read", "unexpected end"})
                if (lower.find(sign) != std::string::npos) {
                    self->m_damage = message;
                    break;
                }
        }
    }
    std::string m_message;
    std::string m_damage;
};

double percentile(std::vector<float>& values, double p)
{
    if (values.empty())
        return 0.0;
    const auto k = static_cast<std::size_t>(
        std::clamp(p / 100.0 * static_cast<double>(values.size() - 1), 0.0, static_cast<double>(values.size() - 1)));
    std::nth_element(values.begin(), values.begin() + static_cast<std::ptrdiff_t>(k), values.end());
    return values[k];
}

} // namespace

void initialiseGdal()
{
    static std::once_flag once;
    std::call_once(once, [] {
        GDALAllRegister();
        CPLSetErrorHandler(CPLQuietErrorHandler);
        CPLSetConfigOption("GDAL_PAM_ENABLED", "NO"); // never write .aux.xml next to the user's files
        // Rasters on web servers (/vsicurl/): a few retries with a growing delay, bounded
        // waits, GDAL's block cache (no listing of their folder: NoListingOnServers); a
        // user's own settings stay.
        for (const auto& [key, value] : {std::pair<const char*, const char*>{"GDAL_HTTP_MAX_RETRY", "3"},
                                         {"GDAL_HTTP_RETRY_DELAY", "1"},
                                         {"GDAL_HTTP_CONNECTTIMEOUT", "15"},
                                         {"GDAL_HTTP_TIMEOUT", "60"},
                                         {"VSI_CACHE", "TRUE"}})
            if (!CPLGetConfigOption(key, nullptr))
                CPLSetConfigOption(key, value);
    });
}

namespace {

struct BandStack {
    std::vector<std::string> parts;
    std::string vrt; ///< made on first use
};

std::mutex g_stacksMutex;
std::map<std::string, std::shared_ptr<BandStack>>& bandStacks()
{
    static std::map<std::string, std::shared_ptr<BandStack>> stacks;
    return stacks;
}

std::shared_ptr<BandStack> stackOf(const std::string& name)
{
    std::lock_guard lock(g_stacksMutex);
    const auto found = bandStacks().find(name);
    return found == bandStacks().end() ? nullptr : found->second;
}

} // namespace

void registerBandStack(const std::string& name, std::vector<std::string> parts, bool rebuild)
{
    std::lock_guard lock(g_stacksMutex);
    auto& stack = bandStacks()[name];
    if (!stack || stack->parts != parts || rebuild)
        stack = std::make_shared<BandStack>(BandStack{std::move(parts), {}});
}

bool isBandStack(const std::string& path)
{
    return stackOf(path) != nullptr;
}

std::string gdalNameOf(const std::string& path)
{
    const auto stack = stackOf(path);
    if (!stack)
        return path;
    {
        std::lock_guard lock(g_stacksMutex);
        if (!stack->vrt.empty())
            return stack->vrt;
    }
    initialiseGdal();
    std::vector<GDALDatasetH> opened;
    struct Closer {
        std::vector<GDALDatasetH>& datasets;
        ~Closer()
        {
            for (GDALDatasetH ds : datasets)
                GDALClose(ds);
        }
    } closer{opened};
    GdalErrorScope errors;
    for (const std::string& part : stack->parts) {
        if (part.rfind("/vsi", 0) != 0) {
            // As Raster::open: GDAL would wait for a FIFO's writer forever.
            std::error_code ec;
            if (!std::filesystem::is_regular_file(part, ec))
                throw Error(ErrorCode::NotARaster, {path, part + ": it is not a regular file"},
                            path + ": its band " + part + " is not a regular file");
        }
        const NoListingOnServers noListing(part);
        GDALDatasetH ds = GDALOpenEx(part.c_str(), GDAL_OF_RASTER | GDAL_OF_READONLY, nullptr, nullptr, nullptr);
        if (!ds)
            throw Error(ErrorCode::NotARaster, {path, part + ": " + errors.message()},
                        path + ": its band " + part + " is not a raster GDAL can read: " + errors.message());
        opened.push_back(ds);
    }
    const char* arguments[] = {"-separate", "-b", "1", "-resolution", "highest", nullptr};
    std::unique_ptr<GDALBuildVRTOptions, decltype(&GDALBuildVRTOptionsFree)> options(
        GDALBuildVRTOptionsNew(const_cast<char**>(arguments), nullptr), GDALBuildVRTOptionsFree);
    int usageError = 0;
    GDALDatasetH vrt = GDALBuildVRT("", static_cast<int>(opened.size()), opened.data(), nullptr, options.get(), &usageError);
    if (!vrt)
        throw Error(ErrorCode::NotARaster, {path, errors.message()},
                    path + ": its bands do not make one image: " + errors.message());
    // GDAL leaves out, with a warning only, a file of another CRS or without georeferencing.
    if (GDALGetRasterCount(vrt) != static_cast<int>(stack->parts.size())) {
        GDALClose(vrt);
        throw Error(ErrorCode::NotARaster, {path, "its bands do not lie on one grid"},
                    path + ": its bands do not make one image (another CRS, no georeferencing, or a rotation): " +
                        errors.message());
    }
    char** xml = GDALGetMetadata(vrt, "xml:VRT");
    std::string text = xml && xml[0] ? xml[0] : "";
    GDALClose(vrt);
    if (text.empty())
        throw Error(path + ": its bands do not make one image");
    std::lock_guard lock(g_stacksMutex);
    stack->vrt = text;
    return text;
}

struct ConfigOptionHolder {
    CPLConfigOptionSetter setter;
};

bool isServerPath(const std::string& path)
{
    for (const std::string_view scheme : {"http://", "https://", "s3://", "gs://", "az://"})
        if (path.starts_with(scheme))
            return true;
    // A file system's name where a path starts: at the start, after "/" (/vsizip//vsicurl/),
    // "{" (/vsizip/{/vsicurl/...}) or ">" (a VRT's <SourceFilename>).
    for (const std::string_view system : {"/vsicurl/", "/vsicurl_streaming/", "/vsis3/", "/vsis3_streaming/", "/vsigs/",
                                          "/vsigs_streaming/", "/vsiaz/", "/vsiaz_streaming/", "/vsiadls/", "/vsioss/",
                                          "/vsiswift/", "/vsiwebhdfs/", "/vsihdfs/"})
        for (auto at = path.find(system); at != std::string::npos; at = path.find(system, at + 1))
            if (at == 0 || path[at - 1] == '/' || path[at - 1] == '{' || path[at - 1] == '>')
                return true;
    return false;
}

NoListingOnServers::NoListingOnServers(const std::string& path)
{
    if (isServerPath(path))
        m_holder.reset(new ConfigOptionHolder{{"GDAL_DISABLE_READDIR_ON_OPEN", "EMPTY_DIR", true}});
}

NoListingOnServers::~NoListingOnServers() = default;

struct Raster::Impl {
    std::filesystem::path path;
    std::string gdalName; ///< what GDAL opened (a stack's VRT)
    std::unique_ptr<GDALDataset> dataset;
    RasterFacts facts;
    std::vector<int> bands;
    Stretch stretch;
    std::unique_ptr<OGRCoordinateTransformation> toWgs84;
    bool masked = false;

    [[noreturn]] void fail(const std::string& what, const GdalErrorScope& errors) const
    {
        std::error_code ec;
        if (path.string().rfind("/vsi", 0) != 0 && !std::filesystem::exists(path, ec))
            throw Error(ErrorCode::FileDisappearedWhileRead, {path.string()},
                        path.string() + ": the file disappeared while it was being read");
        throw Error(path.string() + ": " + what + ": " + errors.message());
    }
    /// A read that GDAL finished with a warning of damaged data is a failure too.
    void checkDamage(const GdalErrorScope& errors) const
    {
        if (!errors.damage().empty())
            throw Error(ErrorCode::DamagedFile, {path.string(), errors.damage()}, path.string() + " is damaged: " + errors.damage(),
                        "the file is truncated or corrupt");
    }

    /// Reads one band of a window into `out` (float), resampled to outW x outH.
    void readBand(int band, const Window& w, int outW, int outH, std::vector<float>& out) const
    {
        GdalErrorScope errors;
        out.resize(static_cast<std::size_t>(outW) * outH);
        GDALRasterIOExtraArg extra;
        INIT_RASTERIO_EXTRA_ARG(extra);
        extra.eResampleAlg = (outW == w.width && outH == w.height) ? GRIORA_NearestNeighbour : GRIORA_Average;
        if (dataset->GetRasterBand(band)->RasterIO(GF_Read, w.x, w.y, w.width, w.height, out.data(), outW, outH,
                                                   GDT_Float32, 0, 0, &extra) != CE_None)
            fail("cannot read band " + std::to_string(band), errors);
    }

    /// 255 where the pixel is valid in every display band, 0 where masked.
    std::vector<std::uint8_t> readMask(const Window& w, int outW, int outH) const
    {
        std::vector<std::uint8_t> mask(static_cast<std::size_t>(outW) * outH, 255);
        if (!masked)
            return mask;
        std::vector<std::uint8_t> part(mask.size());
        for (int band : bands) {
            GDALRasterBand* maskBand = dataset->GetRasterBand(band)->GetMaskBand();
            if (dataset->GetRasterBand(band)->GetMaskFlags() & GMF_ALL_VALID)
                continue;
            GdalErrorScope errors;
            if (maskBand->RasterIO(GF_Read, w.x, w.y, w.width, w.height, part.data(), outW, outH, GDT_Byte, 0, 0) !=
                CE_None)
                fail("cannot read the mask of band " + std::to_string(band), errors);
            for (std::size_t i = 0; i < mask.size(); ++i)
                if (part[i] == 0)
                    mask[i] = 0;
        }
        return mask;
    }

    void chooseBands(const std::vector<int>& requested)
    {
        const int count = facts.bands;
        if (!requested.empty()) {
            if (requested.size() != 1 && requested.size() != 3)
                throw Error("choose 1 band (gray) or 3 bands (red, green, blue); got " +
                            std::to_string(requested.size()));
            for (int b : requested)
                if (b < 1 || b > count)
                    throw MissingBand(path.string() + " has " + std::to_string(count) + " bands; band " +
                                      std::to_string(b) + " does not exist");
            bands = requested;
            return;
        }
        int red = 0, green = 0, blue = 0, gray = 0;
        for (int b = 1; b <= count; ++b) {
            switch (dataset->GetRasterBand(b)->GetColorInterpretation()) {
            case GCI_RedBand: red = red ? red : b; break;
            case GCI_GreenBand: green = green ? green : b; break;
            case GCI_BlueBand: blue = blue ? blue : b; break;
            case GCI_GrayIndex: gray = gray ? gray : b; break;
            default: break;
            }
        }
        // As QGIS draws a raster: the bands its colour interpretation names red, green and
        // blue; otherwise bands 1, 2, 3 of any raster with three or more (a 4-band NAIP scene
        // whose bands name no colour, or whose first band says "gray"); gray for one or two.
        if (red && green && blue)
            bands = {red, green, blue};
        else if (count >= 3)
            bands = {1, 2, 3};
        else
            bands = {gray ? gray : 1};
    }

    void computeStretch(const RasterOptions& options)
    {
        const bool byteData = facts.dataType == "Byte";
        if (options.stretch == StretchMode::None || (options.stretch == StretchMode::Auto && byteData)) {
            // 8-bit data is used as it is: no sample to read (each window read checks the data).
            stretch = {};
            stretch.identity = true;
            stretch.low.assign(bands.size(), 0.0);
            stretch.high.assign(bands.size(), 255.0);
            return;
        }
        // Sample the raster at up to 1024 pixels on its long side: GDAL uses overviews when there are some.
        const int longSide = std::max(facts.width, facts.height);
        const double factor = std::min(1.0, 1024.0 / longSide);
        const int sw = std::max(1, static_cast<int>(facts.width * factor));
        const int sh = std::max(1, static_cast<int>(facts.height * factor));
        const Window whole{0, 0, facts.width, facts.height};
        const auto mask = readMask(whole, sw, sh);
        const bool wantStretch = true;
        stretch = {};
        stretch.identity = false;
        std::vector<float> values, valid;
        std::size_t validCount = 0;
        for (int band : bands) {
            // Reading the sample also proves that the data can be read at all.
            readBand(band, whole, sw, sh, values);
            valid.clear();
            for (std::size_t i = 0; i < values.size(); ++i)
                if (mask[i] && std::isfinite(values[i]))
                    valid.push_back(values[i]);
            validCount = std::max(validCount, valid.size());
            double low = 0, high = 255;
            if (wantStretch && !valid.empty()) {
                low = percentile(valid, options.lowPercentile);
                high = percentile(valid, options.highPercentile);
                if (!(high > low)) {
                    low = *std::min_element(valid.begin(), valid.end());
                    high = std::max(low + 1.0, static_cast<double>(*std::max_element(valid.begin(), valid.end())));
                }
            }
            stretch.low.push_back(low);
            stretch.high.push_back(high);
        }
        if (validCount == 0)
            throw Error(path.string() + " holds no valid pixels (everything is nodata or masked)");
    }

    std::uint8_t toByte(double v, std::size_t b) const
    {
        if (!std::isfinite(v))
            return 0;
        if (!stretch.identity)
            v = (v - stretch.low[b]) * 255.0 / (stretch.high[b] - stretch.low[b]);
        return static_cast<std::uint8_t>(std::clamp(std::lround(v), 0l, 255l));
    }

    ImageU8 readWindow(const Window& w, int outW, int outH, double* validFraction) const
    {
        // A stack's bands on a server are opened by GDAL on first read, not at open.
        const NoListingOnServers noListing(gdalName);
        if (w.x < 0 || w.y < 0 || w.width <= 0 || w.height <= 0 || w.x + w.width > facts.width ||
            w.y + w.height > facts.height)
            throw Error(path.string() + ": window outside the raster");
        const int channels = static_cast<int>(bands.size());
        ImageU8 image{outW, outH, channels, {}};
        image.pixels.assign(static_cast<std::size_t>(outW) * outH * bands.size(), 0);
        const auto mask = readMask(w, outW, outH);
        // All display bands in one pixel-interleaved read: formats such as JPEG decode the
        // image once instead of once per band.
        GDALRasterIOExtraArg extra;
        INIT_RASTERIO_EXTRA_ARG(extra);
        extra.eResampleAlg = (outW == w.width && outH == w.height) ? GRIORA_NearestNeighbour : GRIORA_Average;
        std::vector<int> bandMap = bands;
        GdalErrorScope errors;
        if (stretch.identity && facts.dataType == "Byte") {
            if (dataset->RasterIO(GF_Read, w.x, w.y, w.width, w.height, image.pixels.data(), outW, outH, GDT_Byte,
                                  channels, bandMap.data(), channels, static_cast<GSpacing>(outW) * channels, 1,
                                  &extra) != CE_None)
                fail("cannot read the window", errors);
            checkDamage(errors);
            if (masked)
                for (std::size_t i = 0; i < mask.size(); ++i)
                    if (!mask[i])
                        std::fill_n(image.pixels.begin() + static_cast<std::ptrdiff_t>(i) * channels, channels, 0);
        } else {
            std::vector<float> values(image.pixels.size());
            if (dataset->RasterIO(GF_Read, w.x, w.y, w.width, w.height, values.data(), outW, outH, GDT_Float32,
                                  channels, bandMap.data(), static_cast<GSpacing>(sizeof(float)) * channels,
                                  static_cast<GSpacing>(sizeof(float)) * outW * channels, sizeof(float),
                                  &extra) != CE_None)
                fail("cannot read the window", errors);
            checkDamage(errors);
            for (std::size_t i = 0; i < mask.size(); ++i)
                if (mask[i])
                    for (int b = 0; b < channels; ++b)
                        image.pixels[i * bands.size() + static_cast<std::size_t>(b)] =
                            toByte(values[i * bands.size() + static_cast<std::size_t>(b)], static_cast<std::size_t>(b));
        }
        if (validFraction) {
            const auto valid = std::count(mask.begin(), mask.end(), std::uint8_t(255));
            *validFraction = mask.empty() ? 0.0 : static_cast<double>(valid) / static_cast<double>(mask.size());
        }
        return image;
    }
};

Raster::Raster(std::unique_ptr<Impl> impl) : m_impl(std::move(impl)) { }
Raster::~Raster() = default;

std::unique_ptr<Raster> Raster::open(const std::filesystem::path& path, const RasterOptions& options)
{
    initialiseGdal();
    auto impl = std::make_unique<Impl>();
    impl->path = path;
    const std::string gdalName = gdalNameOf(path.string());
    impl->gdalName = gdalName;
    const bool stack = gdalName != path.string();
    if (path.string().rfind("/vsi", 0) != 0 && !stack) {
        // GDAL would wait for a FIFO's writer forever, and read a device without end (a
        // folder may be a dataset: .SAFE, Zarr).
        std::error_code ec;
        const auto status = std::filesystem::status(path, ec);
        if (!ec && (std::filesystem::is_fifo(status) || std::filesystem::is_character_file(status) ||
                    std::filesystem::is_block_file(status) || std::filesystem::is_socket(status)))
            throw Error(ErrorCode::NotARaster, {path.string(), "it is not a regular file"},
                        path.string() + ": not a raster GDAL can read: it is not a regular file");
    }
    {
        GdalErrorScope errors;
        const NoListingOnServers noListing(gdalName);
        impl->dataset.reset(GDALDataset::Open(gdalName.c_str(), GDAL_OF_RASTER | GDAL_OF_READONLY));
        if (!impl->dataset) {
            std::error_code ec;
            if (path.string().rfind("/vsi", 0) != 0 && !stack && !std::filesystem::exists(path, ec) && !ec)
                throw Error(ErrorCode::FileDisappeared, {path.string()},
                            path.string() + ": the file disappeared (it was removed or renamed)");
            // A file on a server that cannot be fetched leaves GDAL without a message of its own.
            const bool remote = isServerPath(gdalName);
            const std::string why = remote && errors.message() == "unknown GDAL error"
                                        ? "its server did not answer, or has no such file"
                                        : errors.message();
            throw Error(ErrorCode::NotARaster, {path.string(), why},
                        path.string() + ": not a raster GDAL can read: " + why);
        }
    }
    auto& ds = *impl->dataset;
    RasterFacts& f = impl->facts;
    f.width = ds.GetRasterXSize();
    f.height = ds.GetRasterYSize();
    f.bands = ds.GetRasterCount();
    if (f.bands < 1 || f.width < 1 || f.height < 1)
        throw Error(path.string() + " has no raster bands");
    f.dataType = GDALGetDataTypeName(ds.GetRasterBand(1)->GetRasterDataType());
    f.driver = ds.GetDriver() ? ds.GetDriver()->GetDescription() : "";
    for (const auto& [item, domain] : {std::pair<const char*, const char*>{"ACQUISITIONDATETIME", "IMAGERY"},
                                       {"TIFFTAG_DATETIME", ""}})
        if (f.acquired.empty())
            if (const char* value = ds.GetMetadataItem(item, domain))
                f.acquired = normaliseAcquisitionTime(value);
    if (const char* value = ds.GetMetadataItem("SATELLITEID", "IMAGERY"))
        f.platform = value;
    if (const char* value = ds.GetMetadataItem("CLOUDCOVER", "IMAGERY")) {
        // GDAL writes 999 where the vendor's files do not say.
        char* end = nullptr;
        const double cover = CPLStrtod(value, &end); // not the locale's decimal mark
        if (end != value && *end == '\0' && cover >= 0 && cover <= 100)
            f.cloudCover = cover;
    }
    const GDALDataType type = ds.GetRasterBand(1)->GetRasterDataType();
    if (GDALDataTypeIsComplex(type))
        throw Error(path.string() + " holds complex-valued data, which has no image to show");
    const OGRSpatialReference* srs = ds.GetSpatialRef();
    if (ds.GetGeoTransform(f.geoTransform.data()) == CE_None && srs && !srs->IsEmpty()) {
        f.georeferenced = true;
        char* wkt = nullptr;
        srs->exportToWkt(&wkt);
        f.crs = wkt ? wkt : "";
        CPLFree(wkt);
        OGRSpatialReference wgs84;
        wgs84.SetWellKnownGeogCS("WGS84");
        wgs84.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
        OGRSpatialReference source(*srs);
        source.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
        impl->toWgs84.reset(OGRCreateCoordinateTransformation(&source, &wgs84));
    }
    impl->chooseBands(options.bands);
    for (int band : impl->bands)
        if (!(ds.GetRasterBand(band)->GetMaskFlags() & GMF_ALL_VALID))
            impl->masked = true;
    impl->computeStretch(options);
    return std::unique_ptr<Raster>(new Raster(std::move(impl)));
}

const RasterFacts& Raster::facts() const
{
    return m_impl->facts;
}
const std::vector<int>& Raster::displayBands() const
{
    return m_impl->bands;
}
const Stretch& Raster::stretch() const
{
    return m_impl->stretch;
}

ImageU8 Raster::read(const Window& window, double* validFraction) const
{
    return m_impl->readWindow(window, window.width, window.height, validFraction);
}

ImageU8 Raster::readScaled(const Window& window, int maxSide, double* validFraction) const
{
    const double factor = std::min(1.0, static_cast<double>(maxSide) / std::max(window.width, window.height));
    const int w = std::max(1, static_cast<int>(std::lround(window.width * factor)));
    const int h = std::max(1, static_cast<int>(std::lround(window.height * factor)));
    return m_impl->readWindow(window, w, h, validFraction);
}

std::optional<Footprint> Raster::footprint(const Window& window) const
{
    if (!m_impl->toWgs84)
        return std::nullopt;
    const auto& g = m_impl->facts.geoTransform;
    const double corners[4][2] = {{double(window.x), double(window.y)},
                                  {double(window.x + window.width), double(window.y)},
                                  {double(window.x + window.width), double(window.y + window.height)},
                                  {double(window.x), double(window.y + window.height)}};
    Footprint fp{};
    for (int i = 0; i < 4; ++i) {
        double x = g[0] + corners[i][0] * g[1] + corners[i][1] * g[2];
        double y = g[3] + corners[i][0] * g[4] + corners[i][1] * g[5];
        if (!m_impl->toWgs84->Transform(1, &x, &y))
            return std::nullopt;
        fp[static_cast<std::size_t>(i)] = {x, y};
    }
    fp[4] = fp[0];
    if (!isValidFootprint(fp))
        return std::nullopt;
    return fp;
}

namespace {

std::int64_t megapixelsFrom(const char* variable, std::int64_t fallback)
{
    if (const char* text = std::getenv(variable); text && *text) {
        char* end = nullptr;
        const long long value = std::strtoll(text, &end, 10);
        if (end && *end == '\0' && value > 0 && value < 1000000)
            return value * 1000000;
    }
    return fallback * 1000000;
}

} // namespace

std::int64_t maxWholeImagePixels()
{
    return megapixelsFrom("RSCIR_MAX_QUERY_MEGAPIXELS", 100);
}

std::int64_t maxIndexedPixels()
{
    return megapixelsFrom("RSCIR_MAX_INDEX_MEGAPIXELS", 500);
}

void checkPixelLimit(const std::filesystem::path& file, std::int64_t width, std::int64_t height, std::int64_t limit,
                     const char* setting)
{
    if (width > 0 && height > 0 && width <= limit / height)
        return;
    const std::string w = std::to_string(width), h = std::to_string(height),
                      megapixels = std::to_string(width / 1000 * height / 1000), most = std::to_string(limit / 1000000);
    throw Error(ErrorCode::TooManyPixels, {file.string(), w, h, megapixels, most, setting},
                file.string() + " has " + w + " x " + h + " pixels (" + megapixels + " megapixels); at most " + most +
                    " megapixels are read (" + setting + " sets the limit)");
}

std::optional<std::pair<std::int64_t, std::int64_t>> imageSizeOf(const std::filesystem::path& file)
{
    const auto header = rasterHeaderOf(file);
    if (!header)
        return std::nullopt;
    return std::pair<std::int64_t, std::int64_t>{header->width, header->height};
}

std::optional<RasterFacts> rasterHeaderOf(const std::filesystem::path& file)
{
    initialiseGdal();
    std::string name;
    try {
        name = gdalNameOf(file.string());
    } catch (const Error&) {
        return std::nullopt; // a stack with a band that cannot be read: it fails later, with its reason
    }
    CPLPushErrorHandler(CPLQuietErrorHandler);
    const NoListingOnServers noListing(name);
    GDALDatasetH ds = GDALOpenEx(name.c_str(), GDAL_OF_RASTER | GDAL_OF_READONLY, nullptr, nullptr, nullptr);
    CPLPopErrorHandler();
    if (!ds)
        return std::nullopt;
    RasterFacts f;
    f.width = GDALGetRasterXSize(ds);
    f.height = GDALGetRasterYSize(ds);
    f.bands = GDALGetRasterCount(ds);
    const auto* srs = OGRSpatialReference::FromHandle(GDALGetSpatialRef(ds));
    if (GDALGetGeoTransform(ds, f.geoTransform.data()) == CE_None && srs && !srs->IsEmpty()) {
        char* wkt = nullptr;
        srs->exportToWkt(&wkt);
        f.crs = wkt ? wkt : "";
        CPLFree(wkt);
        f.georeferenced = !f.crs.empty();
    }
    GDALClose(ds);
    return f;
}

bool isValidFootprint(const Footprint& footprint)
{
    return std::all_of(footprint.begin(), footprint.end(), [](const std::array<double, 2>& p) {
        return std::isfinite(p[0]) && std::isfinite(p[1]) && p[0] >= -180.0 && p[0] <= 180.0 && p[1] >= -90.0 &&
               p[1] <= 90.0;
    });
}

std::optional<std::array<double, 2>> metresPerCrsUnit(const std::string& crsWkt, double latitude)
{
    // What a CRS's unit is: degrees (-1), metres times a factor (> 0), or unknown (0). An
    // archive has few CRSs and many sources: each is read once per thread.
    thread_local std::map<std::string, double> units;
    auto known = units.find(crsWkt);
    if (known == units.end()) {
        if (units.size() >= 64)
            units.clear();
        double unit = 0;
        OGRSpatialReference crs;
        if (!crsWkt.empty() && crs.importFromWkt(crsWkt.c_str()) == OGRERR_NONE) {
            if (crs.IsGeographic())
                unit = -1;
            else if (crs.IsProjected() || crs.IsLocal())
                unit = crs.GetLinearUnits(nullptr);
        }
        known = units.emplace(crsWkt, std::isfinite(unit) ? unit : 0).first;
    }
    const double unit = known->second;
    if (unit < 0) {
        const double radians = latitude * M_PI / 180.0;
        // Metres per degree on the WGS84 ellipsoid, to a few parts in a thousand.
        return std::array<double, 2>{111320.0 * std::cos(radians), 110574.0};
    }
    if (!(unit > 0))
        return std::nullopt;
    return std::array<double, 2>{unit, unit};
}

std::optional<std::array<double, 2>> metresPerCrsUnit(const RasterFacts& facts)
{
    if (!facts.georeferenced)
        return std::nullopt;
    const auto& g = facts.geoTransform;
    const double centreY = g[3] + g[4] * facts.width / 2.0 + g[5] * facts.height / 2.0;
    return metresPerCrsUnit(facts.crs, std::clamp(centreY, -89.0, 89.0));
}

std::optional<double> groundResolution(const RasterFacts& facts)
{
    const auto unit = metresPerCrsUnit(facts);
    if (!unit)
        return std::nullopt;
    const auto& g = facts.geoTransform;
    // The pixel's two edges on the ground, in metres; the resolution is the root of their area.
    const double ax = g[1] * (*unit)[0], ay = g[4] * (*unit)[1];
    const double bx = g[2] * (*unit)[0], by = g[5] * (*unit)[1];
    const double area = std::fabs(ax * by - ay * bx);
    if (!(area > 0) || !std::isfinite(area))
        return std::nullopt;
    return std::sqrt(area);
}

std::vector<Window> tileWindows(int width, int height, int tile, int overlap)
{
    if (tile <= 0 || overlap < 0 || overlap >= tile)
        throw Error("the tile size must be positive and larger than the overlap");
    if (width <= tile && height <= tile)
        return {{0, 0, width, height}};
    const auto starts = [&](int size) {
        std::vector<int> out;
        if (size <= tile)
            return std::vector<int>{0};
        const int step = tile - overlap;
        for (int s = 0; s + tile < size; s += step)
            out.push_back(s);
        out.push_back(size - tile);
        return out;
    };
    std::vector<Window> windows;
    for (int y : starts(height))
        for (int x : starts(width))
            windows.push_back({x, y, std::min(tile, width), std::min(tile, height)});
    return windows;
}

std::int64_t tileCount(std::int64_t width, std::int64_t height, int tile, int overlap)
{
    if (tile <= 0 || overlap < 0 || overlap >= tile)
        throw Error("the tile size must be positive and larger than the overlap");
    if (width <= 0 || height <= 0)
        return 0;
    const std::int64_t step = tile - overlap;
    const auto along = [&](std::int64_t size) { return size <= tile ? 1 : (size - tile + step - 1) / step + 1; };
    return along(width) * along(height);
}

ImageU8 scaleToFit(const ImageU8& image, int maxSide)
{
    const double factor = std::min(1.0, static_cast<double>(maxSide) / std::max(image.width, image.height));
    if (factor >= 1.0)
        return image;
    const int w = std::max(1, static_cast<int>(std::lround(image.width * factor)));
    const int h = std::max(1, static_cast<int>(std::lround(image.height * factor)));
    cv::Mat in(image.height, image.width, image.channels == 1 ? CV_8UC1 : CV_8UC3,
               const_cast<std::uint8_t*>(image.pixels.data()));
    cv::Mat out;
    cv::resize(in, out, cv::Size(w, h), 0, 0, cv::INTER_AREA);
    ImageU8 result{w, h, image.channels, {}};
    result.pixels.assign(out.data, out.data + static_cast<std::size_t>(w) * h * image.channels);
    return result;
}

std::vector<std::uint8_t> encodeJpeg(const ImageU8& image, int quality)
{
    cv::Mat in(image.height, image.width, image.channels == 1 ? CV_8UC1 : CV_8UC3,
               const_cast<std::uint8_t*>(image.pixels.data()));
    cv::Mat bgr;
    if (image.channels == 3)
        cv::cvtColor(in, bgr, cv::COLOR_RGB2BGR);
    else
        bgr = in;
    std::vector<std::uint8_t> bytes;
    cv::imencode(".jpg", bgr, bytes, {cv::IMWRITE_JPEG_QUALITY, quality});
    return bytes;
}

const std::vector<std::string>& imageExtensions()
{
    static const std::vector<std::string> extensions = {".tif", ".tiff", ".gtif", ".jpg",  ".jpeg", ".png", ".jp2",
                                                        ".j2k", ".bmp",  ".gif",  ".webp", ".img",  ".ntf", ".nitf"};
    return extensions;
}

bool looksLikeImage(const std::filesystem::path& path)
{
    std::string ext = path.extension().string();
    std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return std::tolower(c); });
    const auto& known = imageExtensions();
    return std::find(known.begin(), known.end(), ext) != known.end();
}

} // namespace rscir
