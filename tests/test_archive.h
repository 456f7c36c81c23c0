#pragma once
// A test archive written with GDAL (rasters of several band layouts and data types, a
// georeferenced scene, and files that cannot be read) and what an index holds of it.

#include "core/base/error.h"
#include "core/imagery/image_file.h"
#include "core/imagery/raster.h"
#include "core/index/index_store.h"
#include "core/search/archive_embeddings.h"

#include <QDir>
#include <QString>
#include <QTest>

#include <gdal_priv.h>
#include <ogr_spatialref.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <unistd.h>
#include <vector>

namespace rscir::test {

/// Writes a raster with GDAL: `bands` bands of `type`, values from `value(band, x, y)`.
inline void writeRaster(const std::string& path, const char* driver, int width, int height, int bands, GDALDataType type,
                 const std::function<double(int, int, int)>& value, bool georeferenced = false,
                 std::optional<double> nodata = std::nullopt)
{
    initialiseGdal();
    GDALDriver* mem = GetGDALDriverManager()->GetDriverByName("MEM");
    std::unique_ptr<GDALDataset> ds(mem->Create("", width, height, bands, type, nullptr));
    std::vector<double> row(static_cast<std::size_t>(width));
    for (int b = 1; b <= bands; ++b) {
        GDALRasterBand* band = ds->GetRasterBand(b);
        if (nodata)
            band->SetNoDataValue(*nodata);
        for (int y = 0; y < height; ++y) {
            for (int x = 0; x < width; ++x)
                row[static_cast<std::size_t>(x)] = value(b, x, y);
            QVERIFY(band->RasterIO(GF_Write, 0, y, width, 1, row.data(), width, 1, GDT_Float64, 0, 0) == CE_None);
        }
    }
    if (georeferenced) {
        double transform[6] = {500000.0, 10.0, 0.0, 4600000.0, 0.0, -10.0};
        ds->SetGeoTransform(transform);
        OGRSpatialReference srs;
        srs.importFromEPSG(32633);
        ds->SetSpatialRef(&srs);
    }
    GDALDriver* out = GetGDALDriverManager()->GetDriverByName(driver);
    std::unique_ptr<GDALDataset> copy(out->CreateCopy(path.c_str(), ds.get(), FALSE, nullptr, nullptr, nullptr));
    QVERIFY(copy != nullptr);
}

inline double pattern(int b, int x, int y)
{
    return std::fmod(x * 1.7 + y * 0.9 + b * 40.0 + std::sin(x * 0.05) * 30.0, 255.0);
}

/// A TIFF header that claims a 1,000,000 x 1,000,000 image but holds 8 bytes of data.
inline void writeHugeTiff(const std::string& path)
{
    std::string t = std::string("II*\0", 4);
    const auto u16 = [&](std::uint16_t v) { t.append(reinterpret_cast<const char*>(&v), 2); };
    const auto u32 = [&](std::uint32_t v) { t.append(reinterpret_cast<const char*>(&v), 4); };
    u32(8);
    const std::uint16_t entries = 8;
    u16(entries);
    const auto entry = [&](std::uint16_t tag, std::uint16_t type, std::uint32_t count, std::uint32_t value) {
        u16(tag);
        u16(type);
        u32(count);
        u32(value);
    };
    const std::uint32_t dataOffset = 8 + 2 + entries * 12 + 4;
    entry(256, 4, 1, 1000000); // ImageWidth
    entry(257, 4, 1, 1000000); // ImageLength
    entry(258, 3, 1, 8); // BitsPerSample
    entry(259, 3, 1, 1); // no compression
    entry(262, 3, 1, 1); // BlackIsZero
    entry(273, 4, 1, dataOffset); // StripOffsets
    entry(278, 4, 1, 1000000); // RowsPerStrip: one strip
    entry(279, 4, 1, 8); // StripByteCounts (a lie)
    u32(0);
    t.append(8, '\x42');
    std::ofstream(path, std::ios::binary) << t;
}

struct Archive {
    QString root;
    std::vector<std::string> bad; // relative paths expected to fail
};

inline void writeGoodFiles(const QString& root)
{
    QDir().mkpath(root + "/scenes");
    QDir().mkpath(root + "/chips/sub folder");
    const auto p = [&](const char* name) { return (root + "/" + name).toStdString(); };
    writeRaster(p("chips/gray16.tif"), "GTiff", 120, 90, 1, GDT_UInt16,
                [](int, int x, int y) { return 1000.0 + x * 20 + y * 7; });
    writeRaster(
        p("chips/rgbn_nodata.tif"), "GTiff", 100, 100, 4, GDT_Byte,
        [](int b, int x, int y) { return x < 20 ? 0.0 : 1.0 + std::fmod(pattern(b, x, y), 250.0); }, false, 0.0);
    writeRaster(p("chips/float_nan.tif"), "GTiff", 80, 60, 1, GDT_Float32,
                [](int, int x, int y) { return (x + y) % 7 == 0 ? std::nan("") : std::sin(x * 0.1) * y; });
    writeRaster(p("chips/plain.png"), "PNG", 64, 48, 3, GDT_Byte, pattern);
    writeRaster(p("chips/sub folder/name with spaces \xc3\xa4\xc3\xb6.tif"), "GTiff", 70, 70, 3, GDT_Byte, pattern);
    writeRaster(p("scenes/scene.tif"), "GTiff", 2000, 1500, 3, GDT_Byte, pattern, true);
}

inline Archive writeArchive(const QString& root, bool withBadFiles)
{
    Archive archive{root, {}};
    writeGoodFiles(root);
    if (!withBadFiles)
        return archive;
    QDir().mkpath(root + "/bad");
    const auto p = [&](const char* name) { return (root + "/" + name).toStdString(); };
    std::ofstream(p("bad/empty.tif")).close();
    std::ofstream(p("bad/text.tif")) << "this is a text file with a .tif name\n";
    writeHugeTiff(p("bad/huge_header.tif"));
    {
        ImageU8 image{64, 64, 3, std::vector<std::uint8_t>(64 * 64 * 3, 120)};
        auto jpeg = encodeJpeg(image);
        jpeg.resize(jpeg.size() / 3);
        std::ofstream(p("bad/truncated.jpg"), std::ios::binary)
            .write(reinterpret_cast<const char*>(jpeg.data()), static_cast<std::streamsize>(jpeg.size()));
    }
    {
        // Only its end is missing: libjpeg decodes it with a warning, which is damage too.
        ImageU8 image{96, 96, 3, std::vector<std::uint8_t>(96 * 96 * 3)};
        for (std::size_t i = 0; i < image.pixels.size(); ++i)
            image.pixels[i] = static_cast<std::uint8_t>((i * 7919) % 251);
        auto jpeg = encodeJpeg(image);
        jpeg.resize(jpeg.size() - 200);
        std::ofstream(p("bad/cut_short.jpg"), std::ios::binary)
            .write(reinterpret_cast<const char*>(jpeg.data()), static_cast<std::streamsize>(jpeg.size()));
    }
    std::filesystem::create_symlink("loop_b.tif", p("bad/loop_a.tif"));
    std::filesystem::create_symlink("loop_a.tif", p("bad/loop_b.tif"));
    archive.bad = {"bad/empty.tif",     "bad/text.tif",   "bad/huge_header.tif", "bad/cut_short.jpg",
                   "bad/truncated.jpg", "bad/loop_a.tif", "bad/loop_b.tif"};
    if (geteuid() != 0) { // root reads everything, so the permission case needs an ordinary user
        writeRaster(p("bad/unreadable.tif"), "GTiff", 10, 10, 1, GDT_Byte, pattern);
        std::filesystem::permissions(p("bad/unreadable.tif"), std::filesystem::perms::none);
        archive.bad.push_back("bad/unreadable.tif");
    }
    return archive;
}

/// (path, window) -> embedding, the content an index holds for its first model.
inline std::map<std::string, std::vector<float>> contents(const std::string& indexPath)
{
    auto store = IndexStore::open(indexPath, false, true);
    std::map<std::string, std::vector<float>> out;
    const auto models = store->models();
    if (models.empty())
        return out;
    const auto loaded = store->embeddings(models.front().id);
    std::map<std::int64_t, ItemRecord> items;
    for (auto& item : store->items())
        items.emplace(item.id, item);
    for (std::size_t r = 0; r < loaded->size(); ++r) {
        const auto& item = items.at(loaded->itemId(r));
        const std::string key = item.path + "@" + std::to_string(item.window.x) + "," + std::to_string(item.window.y) +
                                "," + std::to_string(item.window.width) + "," + std::to_string(item.window.height);
        out[key] = loaded->values(r);
    }
    return out;
}

/// contents() of an index of whole files (one item each) by the file's path, or its name.
inline std::map<std::string, std::vector<float>> contentsByFile(const QString& indexPath, bool nameOnly = false)
{
    std::map<std::string, std::vector<float>> out;
    for (auto& [key, values] : contents(indexPath.toStdString())) {
        const std::string path = key.substr(0, key.rfind('@'));
        out[nameOnly ? std::filesystem::path(path).filename().string() : path] = std::move(values);
    }
    return out;
}

inline bool sameContents(const std::map<std::string, std::vector<float>>& a,
                  const std::map<std::string, std::vector<float>>& b)
{
    if (a.size() != b.size())
        return false;
    for (const auto& [key, v] : a) {
        const auto it = b.find(key);
        if (it == b.end())
            return false;
        for (std::size_t i = 0; i < v.size(); ++i)
            if (std::fabs(v[i] - it->second[i]) > 1e-5f)
                return false;
    }
    return true;
}

} // namespace rscir::test
