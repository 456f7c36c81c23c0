#include "core/index/index_store.h"

#include "core/index/sqlite.h"
#include "core/index/vector_store.h"
#include "core/base/error.h"
#include "core/base/files.h"

#include <nlohmann/json.hpp>

#include <iomanip>

#include <sstream>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <set>

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

// The records an index keeps, as text and back.

namespace rscir {

std::string ItemRecord::label() const
{
    const std::string name = std::filesystem::path(path).filename().string();
    const bool whole = window.x == 0 && window.y == 0 && (rasterWidth == 0 || window.width >= rasterWidth) &&
                       (rasterHeight == 0 || window.height >= rasterHeight);
    if (whole)
        return name;
    return name + " @" + std::to_string(window.x) + "," + std::to_string(window.y);
}

std::string footprintText(const std::optional<Footprint>& fp)
{
    if (!fp)
        return {};
    nlohmann::json ring = nlohmann::json::array();
    for (const auto& p : *fp)
        ring.push_back({p[0], p[1]});
    return ring.dump();
}

std::optional<Footprint> parseFootprintText(const std::string& text)
{
    if (text.empty())
        return std::nullopt;
    // From the index file, so from anyone: every point is checked before it is used.
    const auto ring = nlohmann::json::parse(text, nullptr, false);
    if (!ring.is_array() || ring.size() != 5)
        return std::nullopt;
    Footprint fp{};
    for (std::size_t i = 0; i < 5; ++i) {
        const auto& point = ring[i];
        if (!point.is_array() || point.size() != 2 || !point[0].is_number() || !point[1].is_number())
            return std::nullopt;
        fp[i] = {point[0].get<double>(), point[1].get<double>()};
    }
    if (!isValidFootprint(fp))
        return std::nullopt;
    return fp;
}

ArchiveSettings parseArchiveSettings(const std::string& text)
{
    const auto json = nlohmann::json::parse(text, nullptr, false);
    const auto damaged = [&](const std::string& what) {
        return Error("the index's archive settings are damaged: " + what, "re-index the archive into a new index file");
    };
    if (!json.is_object())
        throw damaged("not a JSON object");
    const auto integer = [&](const char* key, std::int64_t fallback, std::int64_t low, std::int64_t high) {
        if (!json.contains(key))
            return fallback;
        if (!json[key].is_number_integer() || json[key].get<std::int64_t>() < low || json[key].get<std::int64_t>() > high)
            throw damaged(std::string(key) + " must be a whole number from " + std::to_string(low) + " to " +
                          std::to_string(high));
        return json[key].get<std::int64_t>();
    };
    ArchiveSettings s;
    s.tile = static_cast<int>(integer("tile", 256, 1, 1000000));
    s.overlap = static_cast<int>(integer("overlap", 0, 0, s.tile - 1));
    s.stretch = static_cast<StretchMode>(integer("stretch", 0, 0, 2));
    if (json.contains("gsd")) {
        if (!json["gsd"].is_number() || !(json["gsd"].get<double>() > 0) || json["gsd"].get<double>() > 100000)
            throw damaged("gsd must be a number of metres above 0");
        s.gsd = json["gsd"].get<double>();
    }
    if (json.contains("bands")) {
        if (!json["bands"].is_array() || json["bands"].size() > 3)
            throw damaged("bands must be a list of at most three band numbers");
        for (const auto& band : json["bands"]) {
            if (!band.is_number_integer() || band.get<std::int64_t>() < 1 || band.get<std::int64_t>() > 100000)
                throw damaged("bands must be a list of band numbers");
            s.bands.push_back(band.get<int>());
        }
    }
    return s;
}

std::string metresText(double metres)
{
    std::ostringstream out;
    out << std::setprecision(6) << metres << " m";
    return out.str();
}

std::string archiveSettingsText(const ArchiveSettings& s)
{
    nlohmann::json json{{"tile", s.tile}, {"overlap", s.overlap}, {"bands", s.bands}, {"stretch", static_cast<int>(s.stretch)}};
    if (s.gsd > 0)
        json["gsd"] = s.gsd; // absent otherwise: indexes without it read as they always did
    return json.dump();
}

int ArchiveSettings::tileFor(const RasterFacts& facts) const
{
    if (!(gsd > 0))
        return tile;
    const auto own = rscir::groundResolution(facts);
    if (!own)
        return tile;
    return static_cast<int>(std::clamp(std::lround(tile * gsd / *own), 8L, 1000000L));
}

int ArchiveSettings::overlapFor(const RasterFacts& facts) const
{
    if (!(gsd > 0) || overlap == 0)
        return overlap;
    const int scaledTile = tileFor(facts);
    return std::clamp(static_cast<int>(std::lround(double(overlap) * scaledTile / tile)), 0, scaledTile - 1);
}

std::vector<Window> ArchiveSettings::windowsOf(const RasterFacts& facts) const
{
    return tileWindows(facts.width, facts.height, tileFor(facts), overlapFor(facts));
}

RasterOptions ArchiveSettings::rasterOptions() const
{
    RasterOptions options;
    options.bands = bands;
    options.stretch = stretch;
    return options;
}

std::string ArchiveSettings::describe() const
{
    std::string bandText;
    for (int b : bands) {
        if (!bandText.empty())
            bandText += ',';
        bandText += std::to_string(b);
    }
    return "tile " + std::to_string(tile) + ", overlap " + std::to_string(overlap) + ", bands " +
           (bandText.empty() ? "auto (red, green, blue by colour interpretation, else 1, 2, 3; gray for one or two)"
                             : bandText) +
           ", stretch " +
           (stretch == StretchMode::Auto         ? "auto"
            : stretch == StretchMode::Percentile ? "percentile"
                                                 : "none") +
           (gsd > 0 ? ", " + metresText(gsd) + " per pixel" : std::string());
}

ElementType parseStorage(const std::string& name)
{
    if (name == "fp16")
        return ElementType::Float16;
    if (name == "fp32")
        return ElementType::Float32;
    throw Error("unknown storage '" + name + "'", "use fp16 or fp32");
}

} // namespace rscir
