#pragma once
/// \file
/// Which items of an index a search ranks: those in its area (spatial_filter.h) that also
/// meet its filter (query_file.h) — acquired in a time span, by a platform, under a cloud
/// cover, at a ground resolution, at the query's own place before or after the query. The
/// kept items are the archive being ranked: WeiCom's normalisation is over them, so a
/// filtered search equals a search of an archive that holds only the kept items. The
/// window and the command line both resolve their filters here.

#include "core/imagery/raster.h"
#include "core/search/archive_search.h"
#include "core/search/query_file.h"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace rscir {

class ArchiveEmbeddings;
class IndexStore;
class SpatialFilter;

/// What a filter needs of every item of an index, read once: ids ascending.
struct ItemCatalogue {
    struct Source {
        std::string acquired; ///< rscir's form, "" when undated
        std::string platform; ///< lower case, "" when unknown
        std::optional<double> gsd; ///< metres per pixel: the catalogue's, else the raster's own
        std::optional<double> cloudCover; ///< percent
    };
    std::vector<std::int64_t> ids;
    std::vector<std::optional<Footprint>> footprints;
    std::vector<std::int64_t> sourceIds;
    std::vector<Window> windows;
    std::vector<std::uint32_t> sourceOf; ///< per item, its entry in `sources`
    std::vector<Source> sources;
    std::map<std::int64_t, std::uint32_t> sourceEntry; ///< a source's id -> its entry in `sources`

    /// Every item and source of the index.
    static ItemCatalogue of(const IndexStore& store);
    /// The position of an item in the lists; nullopt for an id that is not there.
    std::optional<std::size_t> find(std::int64_t id) const;
    /// The different platforms, sorted (for a filter bar).
    std::vector<std::string> platforms() const;
};

/// A filter with what it is relative to resolved: the query's place and time.
struct ItemConditions {
    QueryFilter filter;
    std::optional<Footprint> queryPlace; ///< with filter.samePlace
    std::int64_t querySource = 0; ///< the query item's source, for places without a footprint (0: none)
    Window queryWindow;
    std::string queryTime; ///< with filter.relative, rscir's form
    /// Identifies the conditions: the same key, the same rows.
    std::string key() const;
    /// In words, for the command line's line on stderr ("acquired 2020-06-01 – 2020-06-30, cloud ≤ 20 %").
    std::string describe() const;
};

/// Where and when a query was taken, as far as it says (queryAnchor): its place, as a
/// footprint or as a window of an indexed source, and its acquisition time.
struct QueryAnchor {
    std::optional<Footprint> place;
    std::int64_t sourceId = 0;
    Window window;
    std::string time;
};
/// Whether `filter` is relative to the query (the same place, after or before it).
bool needsAnchor(const QueryFilter& filter);
/// Identifies a filter as it keeps items: times normalised, platforms in any order and case
/// are one key. What it is relative to is not part of it (anchorKey, ItemConditions::key).
std::string filterKey(const QueryFilter& filter);
/// Identifies what queryAnchor() reads of a query: its wanted images.
std::string anchorKey(const Query& query);

/// Where and when a query was taken: its first wanted image that is an archive item (an
/// item term, or a file indexed whole), else its first wanted image file: a file of the
/// archive indexed in windows (its footprint from its header, its time as the index has it),
/// or any georeferenced or dated image (both from its header). Empty when it has none.
QueryAnchor queryAnchor(const Query& query, const IndexStore& store, const ItemCatalogue& catalogue);

/// The conditions of `filter` for a query anchored at `anchor`. Throws rscir::Error when
/// the filter needs what the anchor lacks, saying what to give.
ItemConditions resolveConditions(const QueryFilter& filter, const QueryAnchor& anchor);

/// Identifies what an area (when active; may be null) and conditions keep: the same key,
/// the same rows (SearchArea::key, and the command line's cache of kept rows).
std::string keptRowsKey(const SpatialFilter* area, const ItemConditions& conditions);

/// The rows of `embeddings` that `area` (when active; may be null) and `conditions` keep.
/// Rows left out because they lack what is asked of them (a footprint, a date, a platform,
/// a cloud cover) are counted.
SearchArea keptRows(const SpatialFilter* area, const ItemConditions& conditions, const ArchiveEmbeddings& embeddings,
                    const ItemCatalogue& catalogue);

} // namespace rscir
