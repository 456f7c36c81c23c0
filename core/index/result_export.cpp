#include "core/index/result_export.h"

#include "core/base/error.h"
#include "core/base/files.h"

#include <gdal_priv.h>
#include <ogrsf_frmts.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <map>
#include <cctype>
#include <cstdio>
#include <fstream>
#include <functional>
#include <iomanip>
#include <locale>
#include <sstream>

namespace rscir {

namespace {

/// JSON holds text: a name with bytes that are not UTF-8 (a file named in Latin-1 on a
/// UTF-8 system) is written with U+FFFD in their place, and its bytes percent-encoded in a
/// field beside it, so that the file can still be found.
void putPath(nlohmann::ordered_json& p, const char* key, const std::string& path)
{
    p[key] = path;
    if (!isValidUtf8(path))
        p[std::string(key) + "_percent_encoded"] = percentEncoded(path);
}

/// A result's fields; `flatWindow` for tables (x, y, width, height), `withFolded` for the
/// formats that can hold a list (JSON, GeoJSON).
nlohmann::ordered_json properties(std::size_t rank, const RankedItem& r, bool flatWindow, bool withFolded = true)
{
    nlohmann::ordered_json p;
    p["rank"] = rank;
    p["item"] = r.item.id;
    putPath(p, "path", r.item.path);
    putPath(p, "absolute_path", r.absolutePath);
    if (flatWindow) {
        p["x"] = r.item.window.x;
        p["y"] = r.item.window.y;
        p["width"] = r.item.window.width;
        p["height"] = r.item.window.height;
    } else {
        p["window"] = {r.item.window.x, r.item.window.y, r.item.window.width, r.item.window.height};
    }
    p["score"] = r.hit.score;
    p["image_similarity"] = r.hit.imageSimilarity;
    p["text_similarity"] = r.hit.textSimilarity;
    p["image_normalised"] = r.hit.imageNormalised;
    p["text_normalised"] = r.hit.textNormalised;
    p["avoid_similarity"] = r.hit.avoidSimilarity;
    p["avoid_normalised"] = r.hit.avoidNormalised;
    if (!r.acquired.empty())
        p["acquired"] = r.acquired;
    if (withFolded && !r.folded.empty())
        p["folded"] = r.folded;
    return p;
}

} // namespace

std::string csvField(const std::string& s)
{
    // A value that starts like a formula (=, +, -, @, or a tab or carriage return before
    // one) would be run by a spreadsheet: it is written as text, after an apostrophe.
    const bool formula = !s.empty() && std::string_view("=+-@\t\r").find(s.front()) != std::string_view::npos;
    if (!formula && s.find_first_of(",\"\n\r") == std::string::npos)
        return s;
    std::string out = formula ? "\"'" : "\"";
    for (char c : s)
        out += c == '"' ? std::string("\"\"") : std::string(1, c);
    return out + "\"";
}

/// A number as text in the C locale, 15 significant digits (degrees to far below a millimetre).
std::string number(double value)
{
    std::ostringstream text;
    text.imbue(std::locale::classic());
    text << std::setprecision(15) << value;
    return text.str();
}

namespace {

/// Refuses to write through a symbolic link: a link in the chosen folder could point at
/// another program's file.
void refuseLink(const std::filesystem::path& path)
{
    std::error_code ec;
    if (std::filesystem::is_symlink(std::filesystem::symlink_status(path, ec)))
        throw Error(path.string() + " is a symbolic link; rscir does not write through links",
                    "choose another file name, or remove the link");
}

} // namespace

bool isValidUtf8(std::string_view text)
{
    for (std::size_t i = 0; i < text.size();) {
        const auto c = static_cast<unsigned char>(text[i]);
        const std::size_t length = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
        if (length == 0 || i + length > text.size())
            return false;
        std::uint32_t code = length == 1 ? c : c & (0x7F >> length);
        for (std::size_t k = 1; k < length; ++k) {
            const auto next = static_cast<unsigned char>(text[i + k]);
            if ((next & 0xC0) != 0x80)
                return false;
            code = (code << 6) | (next & 0x3F);
        }
        // Not overlong, not a surrogate, not past U+10FFFF.
        static constexpr std::uint32_t smallest[] = {0, 0, 0x80, 0x800, 0x10000};
        if (code < smallest[length] || (code >= 0xD800 && code <= 0xDFFF) || code > 0x10FFFF)
            return false;
        i += length;
    }
    return true;
}

std::string tsvField(std::string_view text)
{
    if (text.find_first_of("\t\n\r\"") == std::string_view::npos)
        return std::string(text);
    std::string out = "\"";
    for (const char c : text)
        out += c == '"' ? std::string("\"\"") : std::string(1, c);
    return out + "\"";
}

Footprint counterClockwise(const Footprint& ring)
{
    // Across the antimeridian the longitudes are unwrapped first, as for the centre.
    double west = ring[0][0], east = ring[0][0];
    for (const auto& point : ring) {
        west = std::min(west, point[0]);
        east = std::max(east, point[0]);
    }
    const bool wraps = east - west > 180;
    const auto lon = [wraps](double x) { return wraps && x < 0 ? x + 360 : x; };
    double twiceArea = 0;
    for (std::size_t i = 0; i + 1 < ring.size(); ++i)
        twiceArea += lon(ring[i][0]) * ring[i + 1][1] - lon(ring[i + 1][0]) * ring[i][1];
    if (twiceArea >= 0)
        return ring;
    Footprint reversed = ring;
    std::reverse(reversed.begin(), reversed.end());
    return reversed;
}

std::array<double, 2> footprintCentre(const Footprint& ring)
{
    double west = ring[0][0], east = ring[0][0];
    for (std::size_t i = 0; i + 1 < ring.size(); ++i) {
        west = std::min(west, ring[i][0]);
        east = std::max(east, ring[i][0]);
    }
    const bool wraps = east - west > 180; // a footprint across the antimeridian
    double lon = 0, lat = 0;
    const auto corners = static_cast<double>(ring.size() - 1);
    for (std::size_t i = 0; i + 1 < ring.size(); ++i) {
        lon += wraps && ring[i][0] < 0 ? ring[i][0] + 360 : ring[i][0];
        lat += ring[i][1];
    }
    lon /= corners;
    if (lon > 180)
        lon -= 360;
    return {lon, lat / corners};
}

std::string footprintWkt(const Footprint& ring)
{
    std::string wkt = "POLYGON ((";
    const Footprint ccw = counterClockwise(ring);
    for (std::size_t i = 0; i < ccw.size(); ++i)
        wkt += (i ? ", " : "") + number(ccw[i][0]) + " " + number(ccw[i][1]);
    return wkt + "))";
}

void writeResultsJsonLines(std::ostream& out, const std::vector<RankedItem>& results)
{
    for (std::size_t r = 0; r < results.size(); ++r)
        out << properties(r + 1, results[r], false).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace)
            << "\n";
}

std::size_t withoutFootprint(const std::vector<RankedItem>& results)
{
    return static_cast<std::size_t>(
        std::count_if(results.begin(), results.end(), [](const RankedItem& r) { return !r.item.footprint; }));
}

void writeResultsBatchLine(std::ostream& out, std::size_t number, const std::vector<RankedItem>& results)
{
    nlohmann::ordered_json line{{"query", number}, {"hits", nlohmann::json::array()}};
    for (std::size_t r = 0; r < results.size(); ++r)
        line["hits"].push_back(properties(r + 1, results[r], false));
    out << line.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
}

bool anyDated(const std::vector<RankedItem>& results)
{
    return std::any_of(results.begin(), results.end(), [](const RankedItem& r) { return !r.acquired.empty(); });
}

void writeResultsCsv(std::ostream& out, const std::vector<RankedItem>& results)
{
    // "acquired" only where the index dates a result: the columns of an archive without
    // times stay as they were.
    const bool dated = anyDated(results);
    out << "rank,item,path,absolute_path,x,y,width,height,score,image_similarity,text_similarity,image_normalised,"
           "text_normalised,avoid_similarity,avoid_normalised,longitude,latitude,wkt"
        << (dated ? ",acquired" : "") << "\r\n";
    for (std::size_t r = 0; r < results.size(); ++r) {
        const auto p = properties(r + 1, results[r], true, false);
        out << r + 1 << "," << p["item"] << "," << csvField(results[r].item.path) << ","
            << csvField(results[r].absolutePath) << "," << p["x"] << "," << p["y"]
            << "," << p["width"] << "," << p["height"] << "," << p["score"] << "," << p["image_similarity"] << ","
            << p["text_similarity"] << "," << p["image_normalised"] << "," << p["text_normalised"] << ","
            << p["avoid_similarity"] << "," << p["avoid_normalised"] << ",";
        if (const auto& footprint = results[r].item.footprint) {
            const auto centre = footprintCentre(*footprint);
            out << number(centre[0]) << "," << number(centre[1]) << "," << csvField(footprintWkt(*footprint));
        } else {
            out << ",,";
        }
        if (dated)
            out << "," << results[r].acquired;
        out << "\r\n";
    }
}

void writeResultsGeoJson(std::ostream& out, const std::vector<RankedItem>& results, const std::string& queryJson)
{
    nlohmann::ordered_json collection{{"type", "FeatureCollection"}};
    if (!queryJson.empty())
        collection["rscir_query"] = nlohmann::ordered_json::parse(queryJson);
    collection["features"] = nlohmann::json::array();
    for (std::size_t r = 0; r < results.size(); ++r) {
        nlohmann::ordered_json feature{{"type", "Feature"}};
        if (results[r].item.footprint) {
            nlohmann::json ring = nlohmann::json::array();
            for (const auto& point : counterClockwise(*results[r].item.footprint))
                ring.push_back({point[0], point[1]});
            feature["geometry"] = {{"type", "Polygon"}, {"coordinates", {ring}}};
        } else {
            feature["geometry"] = nullptr;
        }
        // QGIS reads flat attributes best: the window as four numbers.
        feature["properties"] = properties(r + 1, results[r], true);
        collection["features"].push_back(feature);
    }
    out << collection.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
}

void writeResultsOgr(const std::filesystem::path& path, const std::vector<RankedItem>& results,
                     const std::string& driverName, const std::string& queryJson)
{
    initialiseGdal();
    GDALDriver* driver = GetGDALDriverManager()->GetDriverByName(driverName.c_str());
    if (!driver)
        throw Error("GDAL has no " + driverName + " driver");
    std::error_code ec;
    refuseLink(path);
    std::filesystem::remove(path, ec);
    std::unique_ptr<GDALDataset> ds(driver->Create(path.string().c_str(), 0, 0, 0, GDT_Unknown, nullptr));
    if (!ds)
        throw Error("cannot create " + path.string() + ": " + CPLGetLastErrorMsg(),
                    "check that the folder exists and that you may write to it");
    OGRSpatialReference wgs84;
    wgs84.SetWellKnownGeogCS("WGS84");
    wgs84.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    OGRLayer* layer = ds->CreateLayer("results", &wgs84, wkbPolygon, nullptr);
    if (!layer)
        throw Error("cannot create a layer in " + path.string() + ": " + CPLGetLastErrorMsg());
    const std::pair<const char*, OGRFieldType> fields[] = {{"rank", OFTInteger},
                                                           {"item", OFTInteger64},
                                                           {"path", OFTString},
                                                           {"absolute_path", OFTString},
                                                           {"x", OFTInteger},
                                                           {"y", OFTInteger},
                                                           {"width", OFTInteger},
                                                           {"height", OFTInteger},
                                                           {"score", OFTReal},
                                                           {"image_similarity", OFTReal},
                                                           {"text_similarity", OFTReal},
                                                           {"image_normalised", OFTReal},
                                                           {"text_normalised", OFTReal},
                                                           {"avoid_similarity", OFTReal},
                                                           {"avoid_normalised", OFTReal}};
    for (const auto& [name, type] : fields) {
        OGRFieldDefn field(name, type);
        if (layer->CreateField(&field) != OGRERR_NONE)
            throw Error("cannot create the field " + std::string(name) + " in " + path.string());
    }
    const bool labelled =
        std::any_of(results.begin(), results.end(), [](const RankedItem& r) { return !r.labels.empty(); });
    const bool dated =
        std::any_of(results.begin(), results.end(), [](const RankedItem& r) { return !r.acquired.empty(); });
    for (const auto& [name, wanted] : {std::pair<const char*, bool>{"labels", labelled}, {"acquired", dated}}) {
        OGRFieldDefn field(name, OFTString);
        if (wanted && layer->CreateField(&field) != OGRERR_NONE)
            throw Error("cannot create the field " + std::string(name) + " in " + path.string());
    }
    if (!queryJson.empty())
        layer->SetMetadataItem("rscir_query", queryJson.c_str());
    if (ds->StartTransaction() != OGRERR_NONE) {
        // Not every driver has transactions; writing still works.
    }
    for (std::size_t r = 0; r < results.size(); ++r) {
        const RankedItem& ri = results[r];
        OGRFeature feature(layer->GetLayerDefn());
        feature.SetField("rank", static_cast<int>(r + 1));
        feature.SetField("item", static_cast<GIntBig>(ri.item.id));
        feature.SetField("path", ri.item.path.c_str());
        feature.SetField("absolute_path", ri.absolutePath.c_str());
        feature.SetField("x", ri.item.window.x);
        feature.SetField("y", ri.item.window.y);
        feature.SetField("width", ri.item.window.width);
        feature.SetField("height", ri.item.window.height);
        feature.SetField("score", double(ri.hit.score));
        feature.SetField("image_similarity", double(ri.hit.imageSimilarity));
        feature.SetField("text_similarity", double(ri.hit.textSimilarity));
        feature.SetField("image_normalised", double(ri.hit.imageNormalised));
        feature.SetField("text_normalised", double(ri.hit.textNormalised));
        feature.SetField("avoid_similarity", double(ri.hit.avoidSimilarity));
        feature.SetField("avoid_normalised", double(ri.hit.avoidNormalised));
        if (labelled)
            feature.SetField("labels", ri.labels.c_str());
        if (dated && !ri.acquired.empty())
            feature.SetField("acquired", ri.acquired.c_str());
        if (ri.item.footprint) {
            OGRLinearRing ring;
            for (const auto& point : counterClockwise(*ri.item.footprint))
                ring.addPoint(point[0], point[1]);
            OGRPolygon polygon;
            polygon.addRing(&ring);
            feature.SetGeometry(&polygon);
        }
        if (layer->CreateFeature(&feature) != OGRERR_NONE)
            throw Error("cannot write result " + std::to_string(r + 1) + " to " + path.string() + ": " +
                        CPLGetLastErrorMsg());
    }
    ds->CommitTransaction();
}

void attachAcquisition(std::vector<RankedItem>& results, const IndexStore& store)
{
    std::map<std::int64_t, std::string> bySource;
    for (RankedItem& r : results) {
        auto it = bySource.find(r.item.sourceId);
        if (it == bySource.end()) {
            const auto source = store.source(r.item.sourceId);
            it = bySource.emplace(r.item.sourceId, source ? source->meta.acquired : std::string()).first;
        }
        r.acquired = it->second;
    }
}

void writeResultsFile(const std::filesystem::path& path, const std::vector<RankedItem>& results,
                      const std::string& queryJson)
{
    std::string suffix = path.extension().string();
    std::transform(suffix.begin(), suffix.end(), suffix.begin(), [](unsigned char c) { return std::tolower(c); });
    if (suffix == ".gpkg") {
        writeResultsOgr(path, results, "GPKG", queryJson);
        return;
    }
    if (suffix != ".csv" && suffix != ".geojson" && suffix != ".json")
        throw Error("cannot tell the format of " + path.string(), "name it .csv, .geojson or .gpkg");
    const auto write = [](const std::filesystem::path& file, const std::function<void(std::ostream&)>& body) {
        refuseLink(file);
        std::ofstream out(file, std::ios::binary | std::ios::trunc);
        if (!out)
            throw Error("cannot write " + file.string(), "check that you may write to that folder");
        body(out);
        if (!out.flush())
            throw Error("writing " + file.string() + " failed (is the disk full?)");
    };
    if (suffix == ".csv") {
        const std::filesystem::path sidecar = path.string() + ".query.json";
        // The column types, as GDAL (and so QGIS through OGR) reads them from <name>.csvt.
        std::filesystem::path types = path;
        types.replace_extension(".csvt");
        refuseLink(types);
        if (!queryJson.empty())
            refuseLink(sidecar);
        write(path, [&](std::ostream& out) { writeResultsCsv(out, results); });
        write(types, [&](std::ostream& out) {
            out << "Integer,Integer64,String,String,Integer,Integer,Integer,Integer,Real,Real,Real,Real,Real,Real,"
                   "Real,Real,Real,WKT"
                << (anyDated(results) ? ",DateTime" : "") << "\r\n";
        });
        if (!queryJson.empty())
            write(sidecar, [&](std::ostream& out) { out << queryJson << "\n"; });
    } else {
        write(path, [&](std::ostream& out) { writeResultsGeoJson(out, results, queryJson); });
    }
}

} // namespace rscir
