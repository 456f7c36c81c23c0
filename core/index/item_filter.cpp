#include "core/index/item_filter.h"

#include "core/base/acquisition_time.h"
#include "core/base/error.h"
#include "core/index/distinct.h"
#include "core/index/index_store.h"
#include "core/index/spatial_filter.h"
#include "core/search/archive_embeddings.h"
#include "core/search/query.h"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <map>
#include <set>

namespace rscir {

namespace {

std::string lowered(std::string text)
{
    std::transform(text.begin(), text.end(), text.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return text;
}

std::string number(double value)
{
    char text[64];
    std::snprintf(text, sizeof text, "%.17g", value);
    return text;
}

/// A number as people write it: "20", "0.5".
std::string shortNumber(double value)
{
    char text[64];
    std::snprintf(text, sizeof text, "%.6g", value);
    return text;
}

/// The time as a person reads it: the date alone at midnight.
std::string readable(const std::string& time)
{
    if (time.size() == 20 && time.compare(10, 10, "T00:00:00Z") == 0)
        return time.substr(0, 10);
    if (time.size() == 20 && time.compare(10, 10, "T23:59:59Z") == 0)
        return time.substr(0, 10);
    return time;
}

} // namespace

ItemCatalogue ItemCatalogue::of(const IndexStore& store)
{
    ItemCatalogue c;
    auto& entry = c.sourceEntry;
    for (const SourceRecord& source : store.sources()) {
        Source s;
        s.acquired = source.meta.acquired.empty() ? source.facts.acquired : source.meta.acquired;
        s.platform = lowered(source.meta.platform);
        s.gsd = source.meta.gsd ? source.meta.gsd : groundResolution(source.facts);
        s.cloudCover = source.meta.cloudCover;
        entry.emplace(source.id, static_cast<std::uint32_t>(c.sources.size()));
        c.sources.push_back(std::move(s));
    }
    for (ItemRecord& item : store.items()) {
        const auto it = entry.find(item.sourceId);
        if (it == entry.end())
            continue; // an item of a source that is being removed
        c.ids.push_back(item.id);
        c.footprints.push_back(item.footprint);
        c.sourceIds.push_back(item.sourceId);
        c.windows.push_back(item.window);
        c.sourceOf.push_back(it->second);
    }
    return c;
}

std::optional<std::size_t> ItemCatalogue::find(std::int64_t id) const
{
    const auto it = std::lower_bound(ids.begin(), ids.end(), id);
    if (it == ids.end() || *it != id)
        return std::nullopt;
    return static_cast<std::size_t>(it - ids.begin());
}

std::vector<std::string> ItemCatalogue::platforms() const
{
    std::set<std::string> names;
    for (const Source& s : sources)
        if (!s.platform.empty())
            names.insert(s.platform);
    return {names.begin(), names.end()};
}

std::string filterKey(const QueryFilter& filter)
{
    if (filter.empty())
        return {};
    std::string key = "from:" + (filter.from.empty() ? "" : normaliseAcquisitionTime(filter.from)) +
                      "|to:" + (filter.to.empty() ? "" : inclusiveUpperBound(filter.to)) + "|platform:";
    std::vector<std::string> platforms;
    for (const auto& p : filter.platforms)
        platforms.push_back(lowered(p));
    std::sort(platforms.begin(), platforms.end());
    for (const auto& p : platforms)
        key += p + ",";
    key += "|cloud:" + (filter.maxCloud ? number(*filter.maxCloud) : "") +
           "|gsd:" + (filter.gsdMin ? number(*filter.gsdMin) : "") + ":" + (filter.gsdMax ? number(*filter.gsdMax) : "");
    if (filter.samePlace)
        key += "|same:" + number(*filter.samePlace);
    if (filter.relative != QueryFilter::Time::Any)
        key += filter.relative == QueryFilter::Time::After ? "|after" : "|before";
    return key;
}

std::string anchorKey(const Query& query)
{
    std::string key;
    for (const QueryTerm& term : query.terms)
        if (term.isImage() && !term.avoided)
            key += term.key() + "\n";
    return key;
}

std::string ItemConditions::key() const
{
    std::string key = filterKey(filter);
    if (filter.samePlace) {
        key += "@";
        if (queryPlace)
            for (const auto& corner : *queryPlace)
                key += number(corner[0]) + "," + number(corner[1]) + ";";
        else
            key += std::to_string(querySource) + ":" + std::to_string(queryWindow.x) + "," +
                   std::to_string(queryWindow.y) + "," + std::to_string(queryWindow.width) + "," +
                   std::to_string(queryWindow.height);
    }
    if (filter.relative != QueryFilter::Time::Any)
        key += ":" + queryTime;
    return key;
}

std::string ItemConditions::describe() const
{
    std::vector<std::string> parts;
    if (!filter.from.empty() && !filter.to.empty())
        parts.push_back("acquired " + readable(normaliseAcquisitionTime(filter.from)) + " – " +
                        readable(inclusiveUpperBound(filter.to)));
    else if (!filter.from.empty())
        parts.push_back("acquired from " + readable(normaliseAcquisitionTime(filter.from)));
    else if (!filter.to.empty())
        parts.push_back("acquired until " + readable(inclusiveUpperBound(filter.to)));
    if (!filter.platforms.empty()) {
        std::string names;
        for (const auto& p : filter.platforms)
            names += (names.empty() ? "" : ", ") + p;
        parts.push_back("platform " + names);
    }
    if (filter.maxCloud)
        parts.push_back("cloud ≤ " + shortNumber(*filter.maxCloud) + " %");
    if (filter.gsdMin && filter.gsdMax)
        parts.push_back("ground resolution " + shortNumber(*filter.gsdMin) + "–" + shortNumber(*filter.gsdMax) + " m");
    else if (filter.gsdMin)
        parts.push_back("ground resolution ≥ " + shortNumber(*filter.gsdMin) + " m");
    else if (filter.gsdMax)
        parts.push_back("ground resolution ≤ " + shortNumber(*filter.gsdMax) + " m");
    if (filter.samePlace)
        parts.push_back("the query's place (overlap ≥ " + shortNumber(*filter.samePlace) + ")");
    if (filter.relative == QueryFilter::Time::After)
        parts.push_back("after the query (" + readable(queryTime) + ")");
    else if (filter.relative == QueryFilter::Time::Before)
        parts.push_back("before the query (" + readable(queryTime) + ")");
    std::string text;
    for (const auto& p : parts)
        text += (text.empty() ? "" : ", ") + p;
    return text;
}

bool needsAnchor(const QueryFilter& filter)
{
    return filter.samePlace.has_value() || filter.relative != QueryFilter::Time::Any;
}

namespace {

/// The time the index has for a file of its archive (catalogue, name or header), "" when
/// the file is not one of its sources.
std::string indexedTime(const std::filesystem::path& file, const IndexStore& store, const ItemCatalogue& catalogue)
{
    std::error_code ec;
    const auto root = std::filesystem::weakly_canonical(store.archiveRoot(), ec);
    const auto relative = std::filesystem::weakly_canonical(file, ec).lexically_relative(root).generic_string();
    if (ec || relative.empty() || relative.rfind("..", 0) == 0)
        return {};
    const auto source = store.sourceId(relative);
    const auto entry = source ? catalogue.sourceEntry.find(*source) : catalogue.sourceEntry.end();
    return entry == catalogue.sourceEntry.end() ? std::string() : catalogue.sources[entry->second].acquired;
}

} // namespace

QueryAnchor queryAnchor(const Query& query, const IndexStore& store, const ItemCatalogue& catalogue)
{
    for (const QueryTerm& term : query.terms) {
        if (term.avoided || !term.isImage())
            continue;
        std::optional<std::int64_t> item;
        if (term.kind == QueryTerm::Kind::Item)
            item = term.item;
        else if (term.kind == QueryTerm::Kind::File)
            item = store.wholeFileItem(term.path);
        if (item) {
            if (const auto at = catalogue.find(*item))
                return {catalogue.footprints[*at], catalogue.sourceIds[*at], catalogue.windows[*at],
                        catalogue.sources[catalogue.sourceOf[*at]].acquired};
        }
    }
    for (const QueryTerm& term : query.terms) {
        if (term.avoided || term.kind != QueryTerm::Kind::File)
            continue;
        try {
            const auto raster = Raster::open(term.path);
            const RasterFacts& facts = raster->facts();
            QueryAnchor anchor;
            anchor.place = raster->footprint(Window{0, 0, facts.width, facts.height});
            anchor.time = indexedTime(term.path, store, catalogue);
            if (anchor.time.empty())
                anchor.time = facts.acquired;
            if (anchor.place || !anchor.time.empty())
                return anchor;
        } catch (const Error&) {
            // Not a raster GDAL reads: it anchors nothing (encoding it says why).
        }
    }
    return {};
}

ItemConditions resolveConditions(const QueryFilter& filter, const QueryAnchor& anchor)
{
    checkQueryFilter(filter, {});
    ItemConditions c;
    c.filter = filter;
    if (filter.samePlace) {
        if (!anchor.place && anchor.sourceId == 0)
            throw Error("the same place needs the query's place: an archive item, or a georeferenced image",
                        "give the example as --item ID (or an image of the archive), or leave out --same-place");
        c.queryPlace = anchor.place;
        c.querySource = anchor.sourceId;
        c.queryWindow = anchor.window;
    }
    if (filter.relative != QueryFilter::Time::Any) {
        if (anchor.time.empty())
            throw Error(std::string(filter.relative == QueryFilter::Time::After ? "--after" : "--before") +
                            " needs the query's acquisition time, and the query's image has none",
                        "give the example as a dated archive item, or give --from/--to instead");
        c.queryTime = anchor.time;
    }
    return c;
}

std::string keptRowsKey(const SpatialFilter* area, const ItemConditions& conditions)
{
    const std::string spatial = area && area->active() ? area->key() : std::string();
    return conditions.filter.empty() ? spatial : spatial + "\n" + conditions.key();
}

SearchArea keptRows(const SpatialFilter* area, const ItemConditions& conditions, const ArchiveEmbeddings& embeddings,
                    const ItemCatalogue& catalogue)
{
    const QueryFilter& f = conditions.filter;
    const std::string from = f.from.empty() ? "" : normaliseAcquisitionTime(f.from);
    const std::string to = f.to.empty() ? "" : inclusiveUpperBound(f.to);
    const bool needsTime = !from.empty() || !to.empty() || f.relative != QueryFilter::Time::Any;
    std::set<std::string> platforms;
    for (const auto& p : f.platforms)
        platforms.insert(lowered(p));
    std::optional<PlaceMatcher> place;
    if (f.samePlace)
        place.emplace(ItemPlace{conditions.queryPlace, conditions.querySource, conditions.queryWindow});
    const bool spatial = area && area->active();

    SearchArea kept;
    kept.key = keptRowsKey(area, conditions);
    for (std::size_t r = 0; r < embeddings.size(); ++r) {
        const auto at = catalogue.find(embeddings.itemId(r));
        if (!at) { // a row without an item: no place, no metadata
            if (spatial)
                ++kept.withoutFootprint;
            else if (!f.empty())
                ++kept.withoutMetadata;
            continue;
        }
        const auto& footprint = catalogue.footprints[*at];
        if (spatial) {
            if (!footprint) {
                ++kept.withoutFootprint;
                continue;
            }
            if (!area->keeps(*footprint))
                continue;
        }
        const ItemCatalogue::Source& s = catalogue.sources[catalogue.sourceOf[*at]];
        if ((needsTime && s.acquired.empty()) || (!platforms.empty() && s.platform.empty()) ||
            (f.maxCloud && !s.cloudCover) || ((f.gsdMin || f.gsdMax) && !s.gsd)) {
            ++kept.withoutMetadata;
            continue;
        }
        if ((!from.empty() && s.acquired < from) || (!to.empty() && s.acquired > to))
            continue;
        if (f.relative == QueryFilter::Time::After && !(s.acquired > conditions.queryTime))
            continue;
        if (f.relative == QueryFilter::Time::Before && !(s.acquired < conditions.queryTime))
            continue;
        if (!platforms.empty() && !platforms.count(s.platform))
            continue;
        if (f.maxCloud && *s.cloudCover > *f.maxCloud)
            continue;
        if ((f.gsdMin && *s.gsd < *f.gsdMin) || (f.gsdMax && *s.gsd > *f.gsdMax))
            continue;
        if (place &&
            place->overlap(ItemPlace{footprint, catalogue.sourceIds[*at], catalogue.windows[*at]}) < *f.samePlace) {
            if (!footprint && conditions.queryPlace)
                ++kept.withoutFootprint; // its place is not known: said, not silently dropped
            continue;
        }
        kept.rows.push_back(r);
    }
    return kept;
}

} // namespace rscir
