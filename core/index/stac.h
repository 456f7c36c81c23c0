#pragma once
/// \file
/// STAC (SpatioTemporal Asset Catalog, 1.0 and 1.1) as a source of archives: static
/// catalogues and collections walked through their `child` and `item` links, Items, and
/// ItemCollections (a saved STAC API search, or an API's pages through `next` links). The
/// documents come from strangers: each is at most kMaxStacDocumentBytes, every field is
/// checked before it is used, a walk stops at links it has followed already (loops) and at
/// a limit of documents, and a document that cannot be read or parsed is one problem line,
/// not the end of the walk.

#include "core/index/index_store.h"

#include <array>
#include <cstddef>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace rscir {

class Progress;

inline constexpr std::size_t kMaxStacDocumentBytes = 16u << 20;
/// A walk stops at this many items (an archive of more is indexed in several walks).
inline constexpr std::size_t kMaxStacItems = 1000000;

/// One band of an asset (STAC 1.1 `bands`, or the `eo:bands` of 1.0).
struct StacBand {
    std::string name;
    std::string commonName; ///< eo:common_name (1.1) or common_name (1.0): red, green, blue, nir, ...
};

struct StacAsset {
    std::string key; ///< its name in the item's assets
    std::string href; ///< resolved against the item's own location
    std::string type; ///< media type
    std::vector<std::string> roles;
    std::vector<StacBand> bands;
    /// What says the file changed: its `file:checksum`, else `file:size`, else "" (the
    /// item's `updated` then).
    std::string version;
    bool hasRole(std::string_view role) const;
    /// A GeoTIFF (a COG too), by its media type, else by the extension of its href.
    bool isGeoTiff() const;
};

struct StacItem {
    std::string id;
    std::string collection;
    /// When it was acquired: `datetime`, else `start_datetime` (ISO 8601 as given).
    std::string datetime;
    std::string platform;
    std::string constellation;
    std::optional<double> gsd; ///< metres
    std::optional<double> cloudCover; ///< eo:cloud_cover, percent
    std::string updated; ///< when the item last changed, as given
    std::optional<std::array<double, 4>> bbox; ///< west, south, east, north
    std::vector<StacAsset> assets; ///< in the document's order
    std::string location; ///< where the item was read (a path or URL): relative hrefs resolve against it
};

/// What a document is.
enum class StacKind { Catalog, Collection, Item, ItemCollection, Unknown };

/// A document with the links a walk follows, resolved against `location`.
struct StacDocument {
    StacKind kind = StacKind::Unknown;
    std::string id;
    std::vector<std::string> children; ///< rel "child"
    std::vector<std::string> itemLinks; ///< rel "item"
    std::string next; ///< rel "next" of an ItemCollection (an API's next page), or empty
    std::vector<StacItem> items; ///< the Item itself, or an ItemCollection's features
};

/// Parses a STAC document read from `location` (a file path or an http(s) URL). Throws
/// rscir::Error naming `location` and what is wrong (not JSON, not STAC, a field of the
/// wrong type). An item without an id, or a link without an href, is left out.
StacDocument parseStacDocument(std::string_view text, const std::string& location);

/// `href` resolved against `base` (a path or URL, RFC 3986: `./a.json`, `../b/c.json`,
/// `/root.json`, `?page=2`, `//host/x`, absolute URLs as they are). A relative href of a
/// local document stays local; a `file:` href is followed only from a local document ("" from
/// a remote one: a server's catalogue never leads to this machine's files).
std::string resolveStacHref(const std::string& base, const std::string& href);

struct StacWalk {
    std::vector<StacItem> items; ///< every item found, each id once (the first met)
    std::vector<std::string> problems; ///< one line per document that could not be read or parsed
    std::size_t documents = 0; ///< documents read
    bool truncated = false; ///< stopped at the limit of documents or of items
};

/// Reads a document at a location (a path or URL), at most kMaxStacDocumentBytes; throws
/// rscir::Error. readStacLocation() reads files and, through GDAL's /vsicurl/, URLs.
using StacReader = std::function<std::string(const std::string& location)>;
std::string readStacLocation(const std::string& location);

/// Walks from `source` (a catalogue, collection, item or ItemCollection) through child and
/// item links, and an ItemCollection's next pages, breadth first; each location once.
StacWalk walkStac(const std::string& source, const StacReader& read = readStacLocation,
                  std::size_t maxDocuments = 200000);

/// The asset to index: the one named `name` when given (nullopt when the item has none by
/// that name), else the first with the role "visual", else the first GeoTIFF.
std::optional<StacAsset> chooseStacAsset(const StacItem& item, const std::string& name = {});

/// What a catalogue says of an item, as the index keeps it (its time in rscir's form).
SourceMeta stacMeta(const StacItem& item);

/// The files a walk's items name, as an archive in `root`: each item's chosen asset (see
/// chooseStacAsset) with the item's metadata: a file inside `root`, or an http(s) URL (kept
/// without its query, read with it in this run). One line per item left out says why (no
/// usable asset, a file outside the folder or through a link out of it, a hidden file, one
/// that is not an image by its name, `indexFile` or its side files, a URL rscir does not
/// read); two items naming one file keep the first.
///
/// `bands` (names, e.g. red,green,blue: a band's `name` or common name) picks bands: of one
/// asset that has them all (the named one, else the first GeoTIFF), read as the index's band
/// numbers (`bandNumbers`, the same for every item: an item that orders them otherwise is
/// left out); else, with no asset named, one single-band asset per band (Sentinel-2 style;
/// by its key or its band's name), read as one image (ListedSource::parts).
struct StacArchive {
    std::vector<ListedSource> sources;
    std::vector<std::string> problems;
    std::vector<int> bandNumbers; ///< the bands of one asset that `bands` named, 1-based
};
StacArchive stacArchive(const StacWalk& walk, const std::filesystem::path& root, const std::string& asset = {},
                        const std::filesystem::path& indexFile = {}, const std::vector<std::string>& bands = {});

/// What to ask a STAC API's search for (GET `…/search?bbox=…&datetime=…&collections=…`).
struct StacSearch {
    std::optional<std::array<double, 4>> bbox; ///< west, south, east, north
    std::string from, to; ///< ISO 8601; either may be open
    std::vector<std::string> collections;
    bool empty() const { return !bbox && from.empty() && to.empty() && collections.empty(); }
};
/// `url` (a search endpoint) with the search's parameters added to its query, percent-encoded,
/// and a page size of 100. Throws rscir::Error for a source that is not an http(s) address.
std::string stacSearchUrl(const std::string& url, const StacSearch& search);

/// A plain list of files as the archive: one http(s) address or path (relative to the
/// list's folder) per line; blank lines and lines starting with # are passed over. Problems
/// (an address rscir does not read, a file outside `root`) are one line each.
StacArchive listedFiles(const std::filesystem::path& list, const std::filesystem::path& root,
                        const std::filesystem::path& indexFile = {});

/// How catalogueRun() and an index name a plain list of files as their source: "list:" and its path.
inline constexpr std::string_view kListPrefix = "list:";

/// A catalogue made the files of an indexing run (what `rscir index --stac` and the
/// window's *Index STAC Catalogue* do alike).
struct CatalogueRun {
    std::filesystem::path archive; ///< the folder: given, else the index's own, else the catalogue's (or the index's for a server's)
    std::vector<ListedSource> listed;
    bool partial = false; ///< a document could not be read, or the walk stopped at its limit
    std::vector<int> bandNumbers; ///< the index's bands when `bands` were named: of one asset, or 1, 2, 3 of stacks
};
/// Walks `source`, says each problem through `log` (one line each) and what it found, and
/// lists the files to index. `existingRoot`: the folder of an index that exists (another one
/// given is refused: its files would replace the index's). Throws rscir::Error when nothing
/// is left to index.
/// `progress` (may be null) counts the documents read, and its cancellation stops the walk
/// between two documents (rscir::Cancelled).
CatalogueRun catalogueRun(const std::string& source, std::filesystem::path archive, const std::string& asset,
                          const std::filesystem::path& indexFile, const std::filesystem::path& existingRoot,
                          const std::function<void(const std::string&)>& log, Progress* progress = nullptr,
                          const std::vector<std::string>& bands = {});

/// The band names of a --bands text ("red,green,blue"; a band's name or common name), or
/// none when it gives band numbers ("4,3,2"). Throws rscir::Error unless one or three.
std::vector<std::string> catalogueBandNames(const std::string& text);

/// A message with every URL's query string left out (GDAL names the URL it failed on).
std::string withoutQueries(std::string text);
/// An address as rscir may keep it (an index's catalogue, the window's settings): without a
/// user name or password and fragment, and without its query unless that is a STAC search's
/// own (bbox, datetime, collections, limit only). A path is returned as it is.
std::string addressWithoutSecrets(const std::string& address);
/// A URL without its query and fragment: how the index keeps a remote file.
std::string urlWithoutQuery(const std::string& url);

/// A location without its query string (signatures, tokens): what messages and logs may
/// show of it.
std::string withoutQuery(const std::string& location);

} // namespace rscir
