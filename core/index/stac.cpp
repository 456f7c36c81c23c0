#include "core/index/stac.h"

#include "core/base/acquisition_time.h"
#include "core/base/error.h"
#include "core/base/files.h"
#include "core/base/progress.h"
#include "core/imagery/raster.h"

#include <cpl_error.h>
#include <cpl_vsi.h>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <deque>
#include <filesystem>
#include <cstdio>
#include <fstream>
#include <memory>
#include <numeric>
#include <set>
#include <sstream>
#include <variant>

namespace rscir {

namespace {

using Json = nlohmann::json;

constexpr int kMaxDepth = 64; // STAC documents are shallow; a deeper one is not STAC

bool isUrl(const std::string& s)
{
    const auto colon = s.find("://");
    if (colon == std::string::npos || colon == 0)
        return false;
    return std::all_of(s.begin(), s.begin() + static_cast<std::ptrdiff_t>(colon), [](char c) {
        return std::isalnum(static_cast<unsigned char>(c)) || c == '+' || c == '-' || c == '.';
    });
}

/// Nesting deeper than kMaxDepth, found before the parser sees it (outside strings).
bool tooDeep(std::string_view text)
{
    int depth = 0;
    bool inString = false, escaped = false;
    for (const char c : text) {
        if (inString) {
            if (escaped)
                escaped = false;
            else if (c == '\\')
                escaped = true;
            else if (c == '"')
                inString = false;
        } else if (c == '"') {
            inString = true;
        } else if (c == '[' || c == '{') {
            if (++depth > kMaxDepth)
                return true;
        } else if (c == ']' || c == '}') {
            --depth;
        }
    }
    return false;
}

std::string stringField(const Json& object, const char* key)
{
    const auto it = object.find(key);
    return it != object.end() && it->is_string() ? it->get<std::string>() : std::string();
}

std::optional<double> numberField(const Json& object, const char* key)
{
    const auto it = object.find(key);
    if (it == object.end() || !it->is_number())
        return std::nullopt;
    const double value = it->get<double>();
    return std::isfinite(value) ? std::optional<double>(value) : std::nullopt;
}

std::vector<StacBand> bandsOf(const Json& asset)
{
    std::vector<StacBand> bands;
    // STAC 1.1: "bands" with "eo:common_name"; 1.0's eo extension: "eo:bands" with "common_name".
    for (const char* key : {"bands", "eo:bands"}) {
        const auto it = asset.find(key);
        if (it == asset.end() || !it->is_array() || !bands.empty())
            continue;
        for (const Json& band : *it) {
            if (!band.is_object())
                continue;
            StacBand b;
            b.name = stringField(band, "name");
            b.commonName = stringField(band, "eo:common_name");
            if (b.commonName.empty())
                b.commonName = stringField(band, "common_name");
            bands.push_back(std::move(b));
        }
    }
    return bands;
}

StacItem readItem(const Json& feature, const std::string& location)
{
    StacItem item;
    item.location = location;
    item.id = stringField(feature, "id");
    item.collection = stringField(feature, "collection");
    if (const auto bbox = feature.find("bbox"); bbox != feature.end() && bbox->is_array() &&
                                                (bbox->size() == 4 || bbox->size() == 6)) {
        std::array<double, 6> v{};
        bool numbers = true;
        for (std::size_t i = 0; i < bbox->size(); ++i) {
            numbers = numbers && (*bbox)[i].is_number() && std::isfinite((*bbox)[i].get<double>());
            if (numbers)
                v[i] = (*bbox)[i].get<double>();
        }
        if (numbers)
            item.bbox = bbox->size() == 4 ? std::array<double, 4>{v[0], v[1], v[2], v[3]}
                                          : std::array<double, 4>{v[0], v[1], v[3], v[4]};
    }
    if (const auto properties = feature.find("properties"); properties != feature.end() && properties->is_object()) {
        item.datetime = stringField(*properties, "datetime");
        if (item.datetime.empty())
            item.datetime = stringField(*properties, "start_datetime");
        item.platform = stringField(*properties, "platform");
        item.constellation = stringField(*properties, "constellation");
        item.gsd = numberField(*properties, "gsd");
        item.cloudCover = numberField(*properties, "eo:cloud_cover");
        item.updated = stringField(*properties, "updated").substr(0, 64);
        if (item.collection.empty())
            item.collection = stringField(*properties, "collection");
    }
    if (const auto assets = feature.find("assets"); assets != feature.end() && assets->is_object()) {
        for (const auto& [key, value] : assets->items()) {
            if (!value.is_object() || stringField(value, "href").empty())
                continue;
            StacAsset asset;
            asset.key = key;
            asset.href = resolveStacHref(location, stringField(value, "href"));
            if (asset.href.empty())
                continue;
            asset.type = stringField(value, "type");
            if (const auto roles = value.find("roles"); roles != value.end() && roles->is_array())
                for (const Json& role : *roles)
                    if (role.is_string())
                        asset.roles.push_back(role.get<std::string>());
            asset.bands = bandsOf(value);
            asset.version = stringField(value, "file:checksum").substr(0, 256);
            if (asset.version.empty())
                if (const auto size = numberField(value, "file:size"))
                    asset.version = "size " + std::to_string(static_cast<long long>(*size));
            item.assets.push_back(std::move(asset));
        }
    }
    return item;
}

/// A URL's scheme and authority ("https://host:8080"), and its path without query.
std::pair<std::string, std::string> splitUrl(const std::string& url)
{
    const auto start = url.find("://") + 3;
    const auto slash = url.find('/', start);
    const std::string authority = url.substr(0, slash == std::string::npos ? url.size() : slash);
    std::string path = slash == std::string::npos ? std::string("/") : url.substr(slash);
    path = path.substr(0, path.find_first_of("?#"));
    return {authority, path};
}

/// "/a/b/../c/./d" -> "/a/c/d" (RFC 3986's remove_dot_segments, for absolute paths).
std::string removeDots(const std::string& path)
{
    std::vector<std::string> parts;
    std::size_t at = 0;
    while (at <= path.size()) {
        const auto next = path.find('/', at);
        const std::string part = path.substr(at, next == std::string::npos ? std::string::npos : next - at);
        if (part == "..") {
            if (!parts.empty())
                parts.pop_back();
        } else if (part != "." && !part.empty()) {
            parts.push_back(part);
        }
        if (next == std::string::npos)
            break;
        at = next + 1;
    }
    std::string out;
    for (const auto& part : parts)
        out += "/" + part;
    if (out.empty() || (!path.empty() && path.back() == '/'))
        out += "/";
    return out;
}

} // namespace

bool StacAsset::hasRole(std::string_view role) const
{
    return std::find(roles.begin(), roles.end(), role) != roles.end();
}

bool StacAsset::isGeoTiff() const
{
    std::string t = type;
    std::transform(t.begin(), t.end(), t.begin(), [](unsigned char c) { return std::tolower(c); });
    if (t.find("image/tiff") != std::string::npos || t.find("geotiff") != std::string::npos)
        return true;
    if (!t.empty())
        return false;
    std::string path = href.substr(0, href.find_first_of("?#"));
    std::transform(path.begin(), path.end(), path.begin(), [](unsigned char c) { return std::tolower(c); });
    return path.ends_with(".tif") || path.ends_with(".tiff");
}

std::string withoutQuery(const std::string& location)
{
    std::string shown = location;
    // A user name and password in the address ("https://ana:secret@host/...") are not shown either.
    if (const auto scheme = shown.find("://"); scheme != std::string::npos && isUrl(shown)) {
        const auto authorityEnd = shown.find_first_of("/?#", scheme + 3);
        const auto at = shown.rfind('@', authorityEnd == std::string::npos ? std::string::npos : authorityEnd);
        if (at != std::string::npos && at > scheme && (authorityEnd == std::string::npos || at < authorityEnd))
            shown.replace(scheme + 3, at + 1 - (scheme + 3), "…@");
    }
    const auto query = shown.find_first_of("?#");
    return query == std::string::npos ? shown : shown.substr(0, query) + "?…";
}

std::string resolveStacHref(const std::string& base, const std::string& href)
{
    const bool remoteBase = isUrl(base);
    if (isUrl(href)) {
        if (href.rfind("file://", 0) == 0) {
            // A document from a server never leads to this machine's files.
            if (remoteBase)
                return {};
            std::string path = href.substr(7);
            if (path.rfind("localhost/", 0) == 0)
                path = path.substr(9);
            return path.empty() || path.front() != '/' ? std::string() : path;
        }
        return href;
    }
    if (remoteBase) {
        const auto [authority, path] = splitUrl(base);
        if (href.rfind("//", 0) == 0) // a network path: the base's scheme, another host
            return authority.substr(0, authority.find("://") + 1) + href;
        const auto cut = href.find_first_of("?#");
        const std::string query = cut == std::string::npos ? std::string() : href.substr(cut);
        const std::string relative = href.substr(0, cut);
        if (relative.empty()) // "?page=2": the base's own path with another query
            return authority + path + query;
        if (relative.front() == '/')
            return authority + removeDots(relative) + query;
        const std::string folder = path.substr(0, path.rfind('/') + 1);
        return authority + removeDots(folder + relative) + query;
    }
    // A file's path: a query or fragment of the reference is not part of it.
    const std::filesystem::path h(href.substr(0, href.find_first_of("?#")));
    if (h.is_absolute())
        return h.lexically_normal().string();
    return (std::filesystem::path(base).parent_path() / h).lexically_normal().string();
}

StacDocument parseStacDocument(std::string_view text, const std::string& location)
try {
    if (text.size() > kMaxStacDocumentBytes)
        throw Error("it is larger than " + std::to_string(kMaxStacDocumentBytes >> 20) + " MiB");
    if (tooDeep(text))
        throw Error("it nests deeper than any STAC document (more than " + std::to_string(kMaxDepth) + " levels)");
    const Json json = Json::parse(text, nullptr, false);
    if (json.is_discarded())
        throw Error("it is not JSON");
    if (!json.is_object())
        throw Error("it is not a STAC document (not a JSON object)");
    StacDocument doc;
    const std::string type = stringField(json, "type");
    doc.id = stringField(json, "id");
    if (type == "Catalog")
        doc.kind = StacKind::Catalog;
    else if (type == "Collection")
        doc.kind = StacKind::Collection;
    else if (type == "Feature")
        doc.kind = StacKind::Item;
    else if (type == "FeatureCollection")
        doc.kind = StacKind::ItemCollection;
    else if (json.contains("stac_version") && json.contains("links") && json.contains("description"))
        doc.kind = StacKind::Catalog; // STAC 0.x catalogues had no "type"
    else
        throw Error("it is not a STAC catalogue, collection, item or item collection (\"type\" is \"" +
                    type.substr(0, 40) + "\")");
    if (const auto links = json.find("links"); links != json.end() && links->is_array()) {
        for (const Json& link : *links) {
            if (!link.is_object())
                continue;
            const std::string rel = stringField(link, "rel");
            const std::string href = stringField(link, "href");
            if (href.empty())
                continue;
            // A POST "next" (an API's search by body) is not followed: only GET links are.
            const std::string method = stringField(link, "method");
            if (!method.empty() && method != "GET")
                continue;
            const std::string resolved = resolveStacHref(location, href);
            if (resolved.empty())
                continue; // a link this document may not follow (to this machine's files from a server)
            if (rel == "child")
                doc.children.push_back(resolved);
            else if (rel == "item")
                doc.itemLinks.push_back(resolved);
            else if (rel == "next" && doc.kind == StacKind::ItemCollection)
                doc.next = resolved;
        }
    }
    if (doc.kind == StacKind::Item) {
        StacItem item = readItem(json, location);
        if (!item.id.empty())
            doc.items.push_back(std::move(item));
    } else if (doc.kind == StacKind::ItemCollection) {
        const auto features = json.find("features");
        if (features == json.end() || !features->is_array())
            throw Error("an item collection without a \"features\" list");
        for (const Json& feature : *features)
            if (feature.is_object() && stringField(feature, "type") == "Feature") {
                StacItem item = readItem(feature, location);
                if (!item.id.empty())
                    doc.items.push_back(std::move(item));
            }
    }
    return doc;
} catch (const Error& e) {
    throw e.within(withoutQuery(location) + ": "); // which document, as promised
} catch (...) {
    rethrowAsError(withoutQuery(location));
}

std::string readStacLocation(const std::string& location)
{
    std::string text;
    if (isUrl(location)) {
        if (location.rfind("http://", 0) != 0 && location.rfind("https://", 0) != 0)
            throw Error(withoutQuery(location) + ": only http and https locations are read");
        initialiseGdal();
        const std::string path = "/vsicurl_streaming/" + location;
        std::unique_ptr<VSILFILE, int (*)(VSILFILE*)> file(VSIFOpenL(path.c_str(), "rb"), VSIFCloseL);
        if (!file)
            throw Error(withoutQuery(location) + ": cannot be read (" + withoutQueries(CPLGetLastErrorMsg()) + ")");
        char buffer[65536];
        for (;;) {
            const std::size_t got = VSIFReadL(buffer, 1, sizeof buffer, file.get());
            text.append(buffer, got);
            if (text.size() > kMaxStacDocumentBytes)
                throw Error(withoutQuery(location) + ": larger than " + std::to_string(kMaxStacDocumentBytes >> 20) +
                            " MiB; not read further");
            if (got < sizeof buffer)
                break;
        }
        return text;
    }
    std::error_code ec;
    const auto status = std::filesystem::status(location, ec);
    if (ec || !std::filesystem::is_regular_file(status))
        throw Error(location + ": not a file that can be read");
    if (std::filesystem::file_size(location, ec) > kMaxStacDocumentBytes)
        throw Error(location + ": larger than " + std::to_string(kMaxStacDocumentBytes >> 20) + " MiB");
    std::ifstream in(location, std::ios::binary);
    text.assign(std::istreambuf_iterator<char>(in), {});
    return text;
}

StacWalk walkStac(const std::string& source, const StacReader& read, std::size_t maxDocuments)
{
    StacWalk walk;
    std::deque<std::string> waiting{source};
    std::set<std::string> seen{source};
    std::set<std::string> ids;
    while (!waiting.empty()) {
        if (walk.documents >= maxDocuments) {
            walk.truncated = true;
            break;
        }
        const std::string location = std::move(waiting.front());
        waiting.pop_front();
        ++walk.documents;
        StacDocument doc;
        try {
            doc = parseStacDocument(read(location), location);
        } catch (const std::exception& e) {
            walk.problems.push_back(e.what());
            continue;
        }
        for (StacItem& item : doc.items)
            if (walk.items.size() < kMaxStacItems && ids.insert(item.collection + "\n" + item.id).second)
                walk.items.push_back(std::move(item));
        if (walk.items.size() >= kMaxStacItems) {
            walk.truncated = true;
            break;
        }
        const auto follow = [&](const std::string& link) {
            if (seen.insert(link).second)
                waiting.push_back(link);
        };
        for (const auto& link : doc.itemLinks)
            follow(link);
        for (const auto& link : doc.children)
            follow(link);
        if (!doc.next.empty())
            follow(doc.next);
    }
    return walk;
}

std::optional<StacAsset> chooseStacAsset(const StacItem& item, const std::string& name)
{
    if (!name.empty()) {
        for (const StacAsset& asset : item.assets)
            if (asset.key == name)
                return asset;
        return std::nullopt;
    }
    for (const StacAsset& asset : item.assets)
        if (asset.hasRole("visual"))
            return asset;
    for (const StacAsset& asset : item.assets)
        if (asset.isGeoTiff() && !asset.hasRole("thumbnail") && !asset.hasRole("overview"))
            return asset;
    return std::nullopt;
}

std::string withoutQueries(std::string text)
{
    // Every URL in the text as withoutQuery() shows it.
    for (std::size_t at = text.find("://"); at != std::string::npos; at = text.find("://", at + 3)) {
        std::size_t start = at;
        while (start > 0 && (std::isalnum(static_cast<unsigned char>(text[start - 1])) || text[start - 1] == '+' ||
                             text[start - 1] == '-' || text[start - 1] == '.'))
            --start;
        const auto end = text.find_first_of(" \t\r\n\"')<>", at);
        const std::size_t length = (end == std::string::npos ? text.size() : end) - start;
        const std::string shown = withoutQuery(text.substr(start, length));
        text.replace(start, length, shown);
        at = start + shown.size() - 3;
    }
    for (std::size_t at = text.find('?'); at != std::string::npos; at = text.find('?', at + 1)) {
        const auto end = text.find_first_of(" \t\r\n\"')", at);
        text.replace(at, (end == std::string::npos ? text.size() : end) - at, "?…");
    }
    return text;
}

std::string addressWithoutSecrets(const std::string& address)
{
    if (!isUrl(address))
        return address;
    std::string kept = address.substr(0, address.find('#'));
    const auto scheme = kept.find("://") + 3;
    const auto authorityEnd = kept.find_first_of("/?", scheme);
    const auto at = kept.rfind('@', authorityEnd == std::string::npos ? std::string::npos : authorityEnd - 1);
    if (at != std::string::npos && at >= scheme && (authorityEnd == std::string::npos || at < authorityEnd))
        kept.erase(scheme, at + 1 - scheme);
    const auto query = kept.find('?');
    if (query == std::string::npos)
        return kept;
    std::stringstream parameters(kept.substr(query + 1));
    for (std::string parameter; std::getline(parameters, parameter, '&');) {
        const std::string name = parameter.substr(0, parameter.find('='));
        if (name != "bbox" && name != "datetime" && name != "collections" && name != "limit")
            return kept.substr(0, query); // a token or a signature: not kept
    }
    return kept;
}

std::string urlWithoutQuery(const std::string& url)
{
    return url.substr(0, url.find_first_of("?#"));
}

SourceMeta stacMeta(const StacItem& item)
{
    SourceMeta meta;
    meta.acquired = normaliseAcquisitionTime(item.datetime);
    meta.platform = (item.platform.empty() ? item.constellation : item.platform).substr(0, 256);
    meta.collection = item.collection.substr(0, 256);
    meta.stacId = item.id.substr(0, 1024);
    if (item.gsd && std::isfinite(*item.gsd) && *item.gsd > 0)
        meta.gsd = item.gsd;
    if (item.cloudCover && std::isfinite(*item.cloudCover) && *item.cloudCover >= 0 && *item.cloudCover <= 100)
        meta.cloudCover = item.cloudCover;
    return meta;
}

namespace {

/// Where an archive reads an asset: its path in the folder or its URL (ListedSource's
/// path, location and version), or why it does not (one line).
struct PlacedAsset {
    std::string path, location, version, problem;
};

PlacedAsset placeAsset(const StacItem& item, const StacAsset& asset, const std::filesystem::path& folder,
                       const std::filesystem::path& indexFile)
{
    namespace fs = std::filesystem;
    if (asset.href.empty())
        return {.problem = "the asset " + asset.key + " has no location this machine may read"};
    if (isUrl(asset.href)) {
        // Read through GDAL's /vsicurl/: kept by its address without the query (a
        // signature or token is used for this run's reading only, never stored).
        const std::string path = urlWithoutQuery(asset.href);
        const bool cloud = path.rfind("http://", 0) != 0 && path.rfind("https://", 0) != 0;
        if (cloud && isUrl(item.location))
            return {.problem = "the asset " + asset.key + " at " + withoutQuery(asset.href) +
                               " is in cloud storage, which would be read with your credentials; rscir reads such "
                               "assets only from a catalogue on this machine"};
        if (const std::string problem = remoteSourceProblem(path); !problem.empty())
            return {.problem = "the asset " + asset.key + " at " + withoutQuery(asset.href) + " is not read: " + problem};
        return {path, asset.href, asset.version.empty() ? item.updated : asset.version, {}};
    }
    const fs::path file = fs::absolute(asset.href).lexically_normal();
    const fs::path relative = file.lexically_relative(folder);
    // Inside the folder by its path and, links resolved, by where it leads: as a scan
    // of the folder would find it (no hidden files, images only, never the index).
    if (relative.empty() || relative.begin()->string() == ".." || relative == "." ||
        sourcePathProblem(relative.generic_string()) != "" || !resolvesInside(folder, file))
        return {.problem = "the asset " + asset.key + " (" + file.string() + ") lies outside the archive folder " +
                           folder.string()};
    const bool hidden = std::any_of(relative.begin(), relative.end(), [](const fs::path& part) {
        return !part.empty() && part.string().front() == '.';
    });
    const bool indexItself = !indexFile.empty() &&
                             file.string().rfind(fs::absolute(indexFile).lexically_normal().string(), 0) == 0; // with its side files
    if (hidden || indexItself || !looksLikeImage(file))
        return {.problem = "the asset " + asset.key + " (" + file.string() + ") is not an image file of the archive folder"};
    return {relative.generic_string(), {}, {}, {}};
}

bool namesBand(const StacBand& band, const std::string& name)
{
    const auto same = [](const std::string& a, const std::string& b) {
        return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
                   return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
               });
    };
    return same(band.name, name) || same(band.commonName, name);
}

/// The 1-based numbers of `names` among an asset's bands (empty when one is missing).
std::vector<int> bandNumbersIn(const StacAsset& asset, const std::vector<std::string>& names)
{
    std::vector<int> numbers;
    for (const std::string& name : names) {
        const auto found = std::find_if(asset.bands.begin(), asset.bands.end(),
                                        [&](const StacBand& b) { return namesBand(b, name); });
        if (found == asset.bands.end())
            return {};
        numbers.push_back(static_cast<int>(found - asset.bands.begin()) + 1);
    }
    return numbers;
}

/// The single-band asset that is band `name`: by its key, or its one band's name.
const StacAsset* singleBandAsset(const StacItem& item, const std::string& name)
{
    for (const StacAsset& asset : item.assets)
        if (asset.key == name && asset.bands.size() <= 1 && !asset.hasRole("thumbnail") && !asset.hasRole("overview"))
            return &asset;
    for (const StacAsset& asset : item.assets)
        if (asset.bands.size() == 1 && namesBand(asset.bands.front(), name) && asset.isGeoTiff())
            return &asset;
    return nullptr;
}

/// The name rscir gives a stack of files, one per band: beside the first, named after all
/// (".../B04+B03+B02.vrt"). It is no file: the index keeps the parts (IndexStore::sourceParts).
std::string stackName(const std::vector<PlacedAsset>& parts)
{
    const std::string& first = parts.front().path;
    std::string name = first.substr(0, first.rfind('/') + 1); // "" for a file at the top
    for (const PlacedAsset& part : parts)
        name += (&part == &parts.front() ? "" : "+") + std::filesystem::path(part.path).stem().string();
    return name + ".vrt";
}

/// An item's bands as one file of the archive: the stack of its single-band assets named
/// `bands`, or why not.
std::variant<ListedSource, std::string> stackOf(const StacItem& item, const std::vector<std::string>& bands,
                                                const std::filesystem::path& folder,
                                                const std::filesystem::path& indexFile)
{
    std::vector<PlacedAsset> parts;
    for (const std::string& band : bands) {
        const StacAsset* part = singleBandAsset(item, band);
        if (!part)
            return "no asset holds the band " + band;
        parts.push_back(placeAsset(item, *part, folder, indexFile));
        if (!parts.back().problem.empty())
            return parts.back().problem;
    }
    ListedSource stack{stackName(parts), stacMeta(item), {}, {}};
    for (const PlacedAsset& part : parts) {
        stack.parts.push_back(part.path);
        stack.partLocations.push_back(part.location);
        if (!part.version.empty())
            stack.version += part.path + " " + part.version + ";";
    }
    return stack;
}

} // namespace

StacArchive stacArchive(const StacWalk& walk, const std::filesystem::path& root, const std::string& assetName,
                        const std::filesystem::path& indexFile, const std::vector<std::string>& bands)
{
    namespace fs = std::filesystem;
    StacArchive archive;
    const fs::path folder = fs::absolute(root).lexically_normal();
    std::set<std::string> seen;
    const auto keep = [&](ListedSource source) {
        if (seen.insert(source.path).second) // two items naming one file keep the first
            archive.sources.push_back(std::move(source));
    };
    for (const StacItem& item : walk.items) {
        const std::string name = "item " + item.id + " (" + withoutQuery(item.location) + ")";
        // Bands by name: of one asset (its `bands`/`eo:bands`), else one single-band asset each.
        std::optional<StacAsset> asset;
        std::vector<int> numbers;
        if (!bands.empty()) {
            for (const StacAsset& candidate : item.assets)
                if ((assetName.empty() ? candidate.isGeoTiff() : candidate.key == assetName) &&
                    !(numbers = bandNumbersIn(candidate, bands)).empty()) {
                    asset = candidate;
                    break;
                }
            if (!asset && assetName.empty()) {
                auto stack = stackOf(item, bands, folder, indexFile);
                if (auto* problem = std::get_if<std::string>(&stack))
                    archive.problems.push_back(name + ": " + *problem);
                else
                    keep(std::get<ListedSource>(std::move(stack)));
                continue;
            }
            if (!asset) {
                std::string list;
                for (const std::string& band : bands)
                    list += (list.empty() ? "" : ",") + band;
                archive.problems.push_back(name + ": the asset " + assetName + " has no bands called " + list);
                continue;
            }
            if (archive.bandNumbers.empty())
                archive.bandNumbers = numbers;
            if (numbers != archive.bandNumbers) {
                // One index reads the same band numbers of every file.
                archive.problems.push_back(name + ": the asset " + asset->key + " holds the bands in another order than "
                                           "the first item's");
                continue;
            }
        } else {
            asset = chooseStacAsset(item, assetName);
        }
        if (!asset) {
            archive.problems.push_back(name + ": " +
                                       (assetName.empty() ? std::string("no asset is a GeoTIFF or has the role visual")
                                                          : "no asset is called " + assetName));
            continue;
        }
        PlacedAsset placed = placeAsset(item, *asset, folder, indexFile);
        if (!placed.problem.empty()) {
            archive.problems.push_back(name + ": " + placed.problem);
            continue;
        }
        keep({placed.path, stacMeta(item), placed.location, placed.version});
    }
    if (!archive.bandNumbers.empty()) {
        // One index reads one set of band numbers: an asset's, or a stack's in the order named.
        const auto stacks = std::stable_partition(archive.sources.begin(), archive.sources.end(),
                                                  [](const ListedSource& s) { return s.parts.empty(); });
        for (auto it = stacks; it != archive.sources.end(); ++it)
            archive.problems.push_back(it->path + ": its bands are files of their own, while other items hold them in "
                                                  "one asset; index each kind into an index of its own");
        archive.sources.erase(stacks, archive.sources.end());
    }
    return archive;
}

std::string stacSearchUrl(const std::string& url, const StacSearch& search)
{
    std::string path = urlWithoutQuery(url);
    while (!path.empty() && path.back() == '/')
        path.pop_back();
    if ((url.rfind("http://", 0) != 0 && url.rfind("https://", 0) != 0) || !path.ends_with("/search"))
        throw Error(withoutQuery(url) + " is not the address of a STAC API's search",
                    "give the search endpoint, e.g. https://earth-search.aws.element84.com/v1/search");
    const auto encode = [](const std::string& text) { return percentEncoded(text, ":,"); };
    std::vector<std::string> parameters;
    if (search.bbox) {
        char box[160];
        std::snprintf(box, sizeof box, "%.10g,%.10g,%.10g,%.10g", (*search.bbox)[0], (*search.bbox)[1],
                      (*search.bbox)[2], (*search.bbox)[3]);
        parameters.push_back(std::string("bbox=") + box);
    }
    if (!search.from.empty() || !search.to.empty()) {
        const std::string from = search.from.empty() ? ".." : normaliseAcquisitionTime(search.from);
        const std::string to = search.to.empty() ? ".." : inclusiveUpperBound(search.to);
        if (from.empty() || to.empty())
            throw Error("the search's time span is not ISO 8601 (" + search.from + " – " + search.to + ")");
        parameters.push_back("datetime=" + encode(from + "/" + to));
    }
    if (!search.collections.empty()) {
        std::string names;
        for (const auto& c : search.collections)
            names += (names.empty() ? "" : ",") + c;
        parameters.push_back("collections=" + encode(names));
    }
    parameters.push_back("limit=100");
    std::string out = url;
    char separator = url.find('?') == std::string::npos ? '?' : '&';
    for (const auto& p : parameters) {
        out += separator + p;
        separator = '&';
    }
    return out;
}

StacArchive listedFiles(const std::filesystem::path& list, const std::filesystem::path& root,
                        const std::filesystem::path& indexFile)
{
    namespace fs = std::filesystem;
    std::error_code ec;
    if (!fs::is_regular_file(list, ec) || fs::file_size(list, ec) > (std::uintmax_t(256) << 20))
        throw Error(list.string() + " is not a list of files rscir reads (a text file of at most 256 MiB)");
    // Each line an item of a catalogue with one asset: the same checks as a catalogue's.
    StacWalk walk;
    std::ifstream in(list, std::ios::binary);
    std::string line;
    for (std::size_t number = 1; std::getline(in, line); ++number) {
        while (!line.empty() && (line.back() == '\r' || line.back() == ' ' || line.back() == '\t'))
            line.pop_back();
        line.erase(0, line.find_first_not_of(" \t"));
        if (line.empty() || line.front() == '#')
            continue;
        if (walk.items.size() >= kMaxStacItems) {
            walk.truncated = true;
            break;
        }
        StacItem item;
        item.id = "line " + std::to_string(number);
        item.location = fs::absolute(list).lexically_normal().string();
        StacAsset asset;
        asset.key = "file";
        asset.href = isUrl(line) ? line : resolveStacHref(item.location, line);
        asset.roles = {"visual"};
        item.assets.push_back(std::move(asset));
        walk.items.push_back(std::move(item));
    }
    StacArchive archive = stacArchive(walk, root, {}, indexFile);
    for (ListedSource& source : archive.sources)
        source.meta.stacId.clear(); // a line of a list is not a catalogue's item
    if (walk.truncated)
        archive.problems.push_back(list.string() + " holds more than " + std::to_string(kMaxStacItems) +
                                   " files; the rest are not read");
    return archive;
}

std::vector<std::string> catalogueBandNames(const std::string& text)
{
    std::vector<std::string> names;
    if (text.find_first_not_of("0123456789, ") == std::string::npos)
        return names; // band numbers
    std::stringstream stream(text);
    for (std::string name; std::getline(stream, name, ',');) {
        name.erase(0, name.find_first_not_of(' '));
        name.erase(name.find_last_not_of(' ') + 1);
        if (!name.empty())
            names.push_back(name.substr(0, 64));
    }
    if (names.size() != 1 && names.size() != 3)
        throw Error("\"" + text.substr(0, 200) + "\" names " + std::to_string(names.size()) +
                        " bands; give one (gray) or three (red, green, blue), e.g. red,green,blue");
    return names;
}

CatalogueRun catalogueRun(const std::string& source, std::filesystem::path archive, const std::string& asset,
                          const std::filesystem::path& indexFile, const std::filesystem::path& existingRoot,
                          const std::function<void(const std::string&)>& log, Progress* progress,
                          const std::vector<std::string>& bands)
{
    namespace fs = std::filesystem;
    const bool remote = isUrl(source);
    // An index keeps its folder: files of another folder would replace all it holds.
    if (!existingRoot.empty()) {
        std::error_code ec;
        if (archive.empty())
            archive = existingRoot;
        else if (fs::weakly_canonical(archive, ec) != fs::weakly_canonical(existingRoot, ec))
            throw Error("the index " + indexFile.string() + " holds the files of " + existingRoot.string() + ", not of " +
                            archive.string(),
                        "give the folder " + existingRoot.string() + ", or index the catalogue into a new index");
    }
    const bool isList = source.rfind(kListPrefix, 0) == 0;
    if (archive.empty()) // a server's catalogue names files on servers: the folder is the index's
        archive = remote ? fs::absolute(indexFile).parent_path()
                         : fs::absolute(isList ? source.substr(kListPrefix.size()) : source).parent_path();
    const auto say = [&](const std::string& line) {
        if (log)
            log(line);
    };
    if (isList) { // a plain list of files
        const fs::path list = source.substr(kListPrefix.size());
        say("reading the list " + list.string());
        StacArchive listing = listedFiles(list, archive, indexFile);
        for (const std::string& problem : listing.problems)
            say(problem);
        say(std::to_string(listing.sources.size()) + " files listed");
        if (listing.sources.empty())
            throw Error("the list " + list.string() + " names no file to index");
        return {archive, std::move(listing.sources), false};
    }
    say("reading the catalogue " + withoutQuery(source));
    std::int64_t read = 0;
    const StacWalk walk = walkStac(remote ? source : fs::absolute(source).lexically_normal().string(),
                                   [&](const std::string& location) {
                                       if (progress) {
                                           if (progress->isCancelled())
                                               throw Cancelled{}; // between two documents
                                           progress->report(read++, 0, "reading the catalogue");
                                       }
                                       return readStacLocation(location);
                                   });
    for (const std::string& problem : walk.problems)
        say(problem);
    if (walk.truncated)
        say("the catalogue is larger than rscir walks at once (" + std::to_string(kMaxStacItems) +
            " items); index its collections into indexes of their own (this run keeps what the index held)");
    StacArchive listing = stacArchive(walk, archive, asset, indexFile, bands);
    for (const std::string& problem : listing.problems)
        say(problem);
    say("the catalogue lists " + std::to_string(walk.items.size()) + (walk.items.size() == 1 ? " item" : " items") +
        " in " + std::to_string(walk.documents) + (walk.documents == 1 ? " document" : " documents") + "; " +
        std::to_string(listing.sources.size()) + " name files in " + archive.string());
    if (listing.sources.empty())
        throw Error("the catalogue " + withoutQuery(source) + " names no file to index in " + archive.string(),
                    asset.empty() ? "name the asset to index, or the folder that holds the files"
                                  : "check the asset's name and the folder");
    // Unread documents may list files already indexed: those stay until a run reads them.
    if (!bands.empty() && listing.bandNumbers.empty()) { // stacks: their bands in the order named
        listing.bandNumbers.resize(bands.size());
        std::iota(listing.bandNumbers.begin(), listing.bandNumbers.end(), 1);
    }
    return {archive, std::move(listing.sources), !walk.problems.empty() || walk.truncated,
            std::move(listing.bandNumbers)};
}

} // namespace rscir
