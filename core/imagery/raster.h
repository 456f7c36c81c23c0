#pragma once
/// \file
/// Raster access through GDAL: anything GDAL reads (GeoTIFF, COG, JPEG 2000, PNG, JPEG,
/// ...), display-band choice, a percentile stretch of 8/16-bit, integer and float data
/// to 8 bits that respects nodata and alpha masks, windows for tiling large scenes, and
/// WGS84 footprints of georeferenced windows.

#include "core/base/error.h"
#include "core/base/image.h"

#include <array>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace rscir {

/// A pixel window of a raster.
/// A raster that lacks a band the options name (band 4 of a 3-band file when 4,3,2 is asked).
class MissingBand : public Error {
public:
    using Error::Error;
};

struct Window {
    int x = 0, y = 0, width = 0, height = 0;
    bool operator==(const Window&) const = default;
};

/// Facts about a raster, as stored in the index.
struct RasterFacts {
    int width = 0;
    int height = 0;
    int bands = 0;
    std::string dataType; ///< GDAL's name: Byte, UInt16, Int16, Float32, ...
    std::string driver; ///< GTiff, PNG, JPEG, ...
    std::string crs; ///< WKT; empty when not georeferenced
    std::array<double, 6> geoTransform{0, 1, 0, 0, 0, 1};
    bool georeferenced = false;
    /// When it was acquired, from GDAL's metadata (acquisition_time.h); "" when it does not say.
    std::string acquired;
    /// The satellite and the cloud cover in percent from GDAL's IMAGERY metadata (SATELLITEID,
    /// CLOUDCOVER), which GDAL reads from the vendor's files beside the image; empty if absent.
    std::string platform;
    std::optional<double> cloudCover;
};

/// How raw values become 8 bits.
enum class StretchMode {
    Auto, ///< 8-bit data as it is, other types a percentile stretch
    Percentile, ///< always stretch between per-band percentiles
    None, ///< clamp to 0..255
};

struct RasterOptions {
    /// 1-based display bands (1 or 3); empty: red, green, blue by colour interpretation, else
    /// 1, 2, 3 for three bands or more, else gray (as QGIS draws a raster)
    std::vector<int> bands;
    StretchMode stretch = StretchMode::Auto;
    double lowPercentile = 2.0;
    double highPercentile = 98.0;
};

/// Per-band linear mapping to 0..255: value -> (value - low) * scale.
struct Stretch {
    std::vector<double> low, high;
    bool identity = true;
};

/// A lon/lat polygon (WGS84, longitude first): the window's four corners, closed.
using Footprint = std::array<std::array<double, 2>, 5>;
/// Whether a footprint is one on the earth: finite longitudes in [-180, 180] and latitudes
/// in [-90, 90] (a raster with an absurd geotransform gets no footprint, never a broken one).
bool isValidFootprint(const Footprint& footprint);

/// One opened raster. Not thread-safe; open one per thread.
class Raster {
public:
    /// Opens a file; throws rscir::Error naming the file and GDAL's reason.
    static std::unique_ptr<Raster> open(const std::filesystem::path& path, const RasterOptions& options = {});
    ~Raster();

    const RasterFacts& facts() const;
    const std::vector<int>& displayBands() const; ///< 1-based; 1 band = gray, 3 = RGB
    const Stretch& stretch() const;

    /// The window at native resolution as 8-bit gray or RGB, masked pixels black.
    /// `validFraction` receives the share of unmasked pixels.
    ImageU8 read(const Window& window, double* validFraction = nullptr) const;
    /// The window scaled to fit `maxSide` (GDAL's overview-aware averaging).
    ImageU8 readScaled(const Window& window, int maxSide, double* validFraction = nullptr) const;
    std::optional<Footprint> footprint(const Window& window) const;

private:
    struct Impl;
    explicit Raster(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> m_impl;
};

/// The ground size of one pixel in metres (the square root of its area on the ground), from
/// the geotransform and the CRS's units; for a geographic CRS at the raster's centre
/// latitude. Nullopt for a raster that is not georeferenced or whose units are unknown.
std::optional<double> groundResolution(const RasterFacts& facts);
/// The size of a CRS unit in metres along x and y at `latitude`: (1, 1) for a metric CRS,
/// about (111320 cos φ, 110574) for degrees. Nullopt for a CRS that cannot be read.
std::optional<std::array<double, 2>> metresPerCrsUnit(const std::string& crsWkt, double latitude);
/// The same for a raster, at its centre's latitude; nullopt when it is not georeferenced.
std::optional<std::array<double, 2>> metresPerCrsUnit(const RasterFacts& facts);

/// How many windows tileWindows() gives, without listing them (0 for an empty raster).
std::int64_t tileCount(std::int64_t width, std::int64_t height, int tile, int overlap);

/// Windows of `tile` pixels with `overlap` covering the raster; the last row and column
/// end at the edge. A raster no larger than one tile is one window of its own size.
std::vector<Window> tileWindows(int width, int height, int tile, int overlap);

/// Encodes as JPEG (thumbnails) and scales to fit `maxSide`.
std::vector<std::uint8_t> encodeJpeg(const ImageU8& image, int quality = 85);
ImageU8 scaleToFit(const ImageU8& image, int maxSide);

/// The file name extensions taken as imagery (lower case, with the dot): the folder scan
/// of indexing and the file dialogs of the application use this one list.
const std::vector<std::string>& imageExtensions();
bool looksLikeImage(const std::filesystem::path& path);

/// Registers GDAL's drivers once and silences its stderr messages (errors are collected).
void initialiseGdal();

/// A stack of single-band files read as one image (a catalogue's bands, each in a file of
/// its own): `name` stands for it wherever a raster's path is taken (Raster::open,
/// gdalNameOf). `parts` are what GDAL opens, one per band in order; the stack is made when
/// it is first read (GDAL's VRT of the parts at the finest resolution). Registering a name
/// again with other parts, or with `rebuild` (an indexing run: a part may have changed),
/// replaces it.
void registerBandStack(const std::string& name, std::vector<std::string> parts, bool rebuild = false);
/// What GDAL opens for `path`: a registered stack's VRT (made now if need be; throws
/// rscir::Error naming the part that fails), else `path` itself.
std::string gdalNameOf(const std::string& path);
/// Whether `path` names a registered stack.
bool isBandStack(const std::string& path);

/// Whether GDAL reads `path` from a server: one of its network file systems (/vsicurl/,
/// /vsis3/, ..., also inside another, /vsizip//vsicurl/...), a VRT naming one, or an address
/// (http, https, s3, gs, az: a remote source's name).
bool isServerPath(const std::string& path);

/// While it lives, GDAL opening `path` on this thread lists no folder when `path` is on a
/// server (a listing costs a request, and servers refuse it); a local file keeps its
/// sidecars (world file, .ovr, a vendor's metadata). A user's own setting wins.
class NoListingOnServers {
public:
    explicit NoListingOnServers(const std::string& path);
    ~NoListingOnServers();
    NoListingOnServers(const NoListingOnServers&) = delete;
    NoListingOnServers& operator=(const NoListingOnServers&) = delete;

private:
    std::unique_ptr<struct ConfigOptionHolder> m_holder;
};

/// Pixel limits: an image decoded whole (a query image, `rscir embed --image`) may have at
/// most `maxWholeImagePixels()` (100 megapixels unless RSCIR_MAX_QUERY_MEGAPIXELS says
/// otherwise), a raster to index, read in windows, at most `maxIndexedPixels()` (500
/// megapixels unless RSCIR_MAX_INDEX_MEGAPIXELS says otherwise).
std::int64_t maxWholeImagePixels();
std::int64_t maxIndexedPixels();
/// Throws rscir::Error when `width` x `height` exceeds `limit`, naming the file and the setting.
void checkPixelLimit(const std::filesystem::path& file, std::int64_t width, std::int64_t height, std::int64_t limit,
                     const char* setting);
/// Width and height from a file's header alone (GDAL), without decoding it; nullopt when
/// GDAL cannot read the file.
std::optional<std::pair<std::int64_t, std::int64_t>> imageSizeOf(const std::filesystem::path& file);
/// A raster's size, bands and georeferencing from its header alone (no pixels, no
/// statistics); nullopt when GDAL cannot open it.
std::optional<RasterFacts> rasterHeaderOf(const std::filesystem::path& file);

} // namespace rscir
