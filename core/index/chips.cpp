#include "core/index/chips.h"

#include "core/base/error.h"
#include "core/base/files.h"
#include "core/base/progress.h"

#include <cpl_conv.h>
#include <gdal_priv.h>
#include <gdal_utils.h>
#include <ogr_spatialref.h>

#include <fstream>
#include <iomanip>
#include <memory>
#include <sstream>

namespace rscir {

namespace fs = std::filesystem;

namespace {

struct DatasetCloser {
    void operator()(GDALDatasetH ds) const
    {
        if (ds)
            GDALClose(ds);
    }
};
using Dataset = std::unique_ptr<void, DatasetCloser>;

/// The source opened read-only, after the checks every file from an archive passes.
Dataset openSource(const fs::path& source)
{
    (void)Raster::open(source); // refuses what is not a regular raster file
    GDALAllRegister();
    const std::string name = gdalNameOf(source.string());
    const NoListingOnServers noListing(name);
    Dataset ds(GDALOpenEx(name.c_str(), GDAL_OF_RASTER | GDAL_OF_READONLY, nullptr, nullptr, nullptr));
    if (!ds)
        throw Error("cannot open " + source.string() + ": " + CPLGetLastErrorMsg());
    return ds;
}

std::string xmlEscaped(const std::string& text)
{
    std::string out;
    for (const char c : text)
        out += c == '<' ? "&lt;" : c == '>' ? "&gt;" : c == '&' ? "&amp;" : c == '"' ? "&quot;" : std::string(1, c);
    return out;
}

void writeText(const fs::path& path, const std::string& text)
{
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << text;
    if (!out.flush())
        throw Error("cannot write " + path.string());
}

} // namespace

void writeChip(const fs::path& source, const Window& window, const fs::path& output, bool overwrite)
try {
    const Dataset in = openSource(source);
    // A window from an index or a labels file is anyone's: it must lie inside the source (a
    // window beyond it would make a chip of fill, as large as the numbers asked for).
    const std::int64_t right = std::int64_t(window.x) + window.width, bottom = std::int64_t(window.y) + window.height;
    if (window.x < 0 || window.y < 0 || window.width <= 0 || window.height <= 0 ||
        right > GDALGetRasterXSize(in.get()) || bottom > GDALGetRasterYSize(in.get()))
        throw Error("the window " + std::to_string(window.x) + "," + std::to_string(window.y) + " " +
                    std::to_string(window.width) + "x" + std::to_string(window.height) + " does not lie inside " +
                    source.string() + " (" + std::to_string(GDALGetRasterXSize(in.get())) + "x" +
                    std::to_string(GDALGetRasterYSize(in.get())) + ")");
    writeIntoPlace(output, overwrite, [&](const fs::path& temporary) {
        const std::string x = std::to_string(window.x), y = std::to_string(window.y),
                          w = std::to_string(window.width), h = std::to_string(window.height);
        const char* arguments[] = {"-srcwin", x.c_str(), y.c_str(), w.c_str(), h.c_str(), "-of", "GTiff", "-co",
                                   "COMPRESS=DEFLATE", nullptr};
        std::unique_ptr<GDALTranslateOptions, void (*)(GDALTranslateOptions*)> options(
            GDALTranslateOptionsNew(const_cast<char**>(arguments), nullptr), GDALTranslateOptionsFree);
        int usageError = 0;
        // No .aux.xml beside the temporary: what the chip is lies in the GeoTIFF itself.
        CPLSetThreadLocalConfigOption("GDAL_PAM_ENABLED", "NO");
        const Dataset out(GDALTranslate(temporary.c_str(), in.get(), options.get(), &usageError));
        CPLSetThreadLocalConfigOption("GDAL_PAM_ENABLED", nullptr);
        if (!out || usageError)
            throw Error("cannot cut " + source.string() + ": " + CPLGetLastErrorMsg());
    });
} catch (...) {
    rethrowAsError("writing the chip " + output.string());
}

void writeChipAsSeen(const fs::path& source, const Window& window, const RasterOptions& options, const fs::path& output,
                     bool overwrite)
try {
    const auto raster = Raster::open(source, options);
    const ImageU8 image = raster->read(window);
    const RasterFacts& facts = raster->facts();
    GDALAllRegister();
    GDALDriver* mem = GetGDALDriverManager()->GetDriverByName("MEM");
    GDALDriver* png = GetGDALDriverManager()->GetDriverByName("PNG");
    if (!mem || !png)
        throw Error("GDAL has no PNG driver");
    std::unique_ptr<GDALDataset> pixels(mem->Create("", image.width, image.height, image.channels, GDT_Byte, nullptr));
    for (int b = 0; b < image.channels; ++b)
        if (pixels->GetRasterBand(b + 1)->RasterIO(GF_Write, 0, 0, image.width, image.height,
                                                   const_cast<std::uint8_t*>(image.pixels.data()) + b, image.width,
                                                   image.height, GDT_Byte, image.channels,
                                                   static_cast<GSpacing>(image.channels) * image.width) != CE_None)
            throw Error("cannot copy the pixels of " + source.string());
    // The window's place: the source's transform moved to its corner. A world file gives
    // the centre of the first pixel.
    const auto& g = facts.geoTransform;
    const double originX = g[0] + window.x * g[1] + window.y * g[2];
    const double originY = g[3] + window.x * g[4] + window.y * g[5];
    std::ostringstream world;
    world.imbue(std::locale::classic());
    world << std::setprecision(17) << g[1] << "\n" << g[4] << "\n" << g[2] << "\n" << g[5] << "\n"
          << originX + 0.5 * g[1] + 0.5 * g[2] << "\n" << originY + 0.5 * g[4] + 0.5 * g[5] << "\n";
    std::string prj;
    if (facts.georeferenced) {
        OGRSpatialReference srs;
        char* esri = nullptr;
        const char* wktOptions[] = {"FORMAT=WKT1_ESRI", nullptr};
        if (srs.importFromWkt(facts.crs.c_str()) == OGRERR_NONE && srs.exportToWkt(&esri, wktOptions) == OGRERR_NONE)
            prj = esri;
        CPLFree(esri);
    }
    const std::vector<std::string> sides =
        facts.georeferenced ? std::vector<std::string>{".pgw", ".prj", ".png.aux.xml"} : std::vector<std::string>{};
    writeIntoPlace(
        output, overwrite,
        [&](const fs::path& temporary) {
            CPLSetThreadLocalConfigOption("GDAL_PAM_ENABLED", "NO");
            std::unique_ptr<GDALDataset> written(png->CreateCopy(temporary.c_str(), pixels.get(), FALSE, nullptr,
                                                                 nullptr, nullptr));
            CPLSetThreadLocalConfigOption("GDAL_PAM_ENABLED", nullptr);
            if (!written)
                throw Error("cannot write " + temporary.string() + ": " + CPLGetLastErrorMsg());
            if (facts.georeferenced) {
                writeText(fs::path(temporary).replace_extension(".pgw"), world.str());
                writeText(fs::path(temporary).replace_extension(".prj"), prj);
                // GDAL and QGIS read the CRS of a PNG from its .aux.xml.
                writeText(fs::path(temporary).replace_extension(".png.aux.xml"),
                          "<PAMDataset>\n  <SRS>" + xmlEscaped(facts.crs) + "</SRS>\n</PAMDataset>\n");
            }
        },
        sides);
} catch (...) {
    rethrowAsError("writing the chip " + output.string());
}

std::string chipFileName(std::size_t rank, const RankedItem& result, bool asSeen)
{
    char number[24];
    std::snprintf(number, sizeof number, "%04zu", rank);
    return std::string(number) + "_" + safeFileName(fs::path(result.item.path).stem().string()) + "_" +
           std::to_string(result.item.window.x) + "_" + std::to_string(result.item.window.y) +
           (asSeen ? ".png" : ".tif");
}

namespace {

/// "out/" names the folder "out": a trailing separator must not make a link look like the
/// folder it leads to.
fs::path folderOf(const fs::path& given)
{
    fs::path folder = given;
    while (!folder.has_filename() && folder.has_parent_path() && folder != folder.root_path())
        folder = folder.parent_path();
    return folder;
}

} // namespace

fs::path prepareExportFolder(const fs::path& given, const std::vector<fs::path>& files, bool overwrite)
{
    std::error_code ec;
    const fs::path folder = folderOf(given);
    if (fs::is_symlink(fs::symlink_status(folder, ec)))
        throw Error(folder.string() + " is a symbolic link; rscir does not write through links", "give a folder");
    if (fs::exists(fs::symlink_status(folder, ec)) && !fs::is_directory(fs::symlink_status(folder, ec)))
        throw Error(folder.string() + " is a file, not a folder", "give a folder to write into");
    // Nothing is written when anything would be replaced without consent.
    if (!overwrite)
        for (const fs::path& file : files)
            if (fs::exists(fs::symlink_status(file, ec)))
                throw Error(file.string() + " exists already; nothing was written",
                            "give an empty folder, or --force to replace what is there");
    fs::create_directories(folder, ec);
    if (!fs::is_directory(folder, ec))
        throw Error("cannot make the folder " + folder.string() + (ec ? ": " + ec.message() : std::string()));
    return folder;
}

std::vector<fs::path> chipExportFiles(const fs::path& given, const std::vector<RankedItem>& results, bool asSeen)
{
    const fs::path folder = folderOf(given);
    std::vector<fs::path> files;
    for (std::size_t i = 0; i < results.size(); ++i) {
        files.push_back(folder / chipFileName(i + 1, results[i], asSeen));
        if (asSeen)
            for (const char* side : {".pgw", ".prj", ".png.aux.xml"})
                files.push_back(fs::path(files.back()).replace_extension(side));
    }
    files.push_back(folder / "chips.gpkg");
    return files;
}

std::vector<std::string> exportChips(const fs::path& given, const std::vector<RankedItem>& results,
                                     const RasterOptions& options, bool asSeen, bool overwrite,
                                     const std::string& queryJson, Progress* progress)
try {
    const fs::path folder = prepareExportFolder(given, chipExportFiles(given, results, asSeen), overwrite);
    std::vector<std::string> names;
    for (std::size_t i = 0; i < results.size(); ++i) {
        if (progress) {
            progress->report(static_cast<std::int64_t>(i), static_cast<std::int64_t>(results.size()), "writing chips");
            if (progress->isCancelled())
                throw Cancelled{};
        }
        const RankedItem& r = results[i];
        names.push_back(chipFileName(i + 1, r, asSeen));
        if (asSeen)
            writeChipAsSeen(r.absolutePath, r.item.window, options, folder / names.back(), overwrite);
        else
            writeChip(r.absolutePath, r.item.window, folder / names.back(), overwrite);
    }
    writeIntoPlace(folder / "chips.gpkg", overwrite, [&](const fs::path& temporary) {
        writeResultsFile(temporary.string(), results, queryJson);
    });
    return names;
} catch (...) {
    rethrowAsError("exporting chips to " + given.string());
}

std::string safeFileName(const std::string& path)
{
    std::string out;
    for (const char c : path) {
        const bool keep = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
                          c == '-' || c == '_';
        out += keep ? c : '_';
        if (out.size() >= 80)
            break;
    }
    while (!out.empty() && out.front() == '.')
        out.front() = '_';
    return out.empty() ? std::string("_") : out;
}

} // namespace rscir
