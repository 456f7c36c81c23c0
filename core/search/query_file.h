#pragma once
/// \file
/// Saved queries: a composed query with the settings that rank it, as a small JSON
/// document (the README documents the format). Files come from strangers: everything is
/// validated, and an error names the file and the field.

#include "core/search/basic.h"
#include "core/search/query.h"
#include "core/search/ranking.h"

#include <array>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace rscir {

/// The area a query is restricted to, as a saved query records it: a WGS84 box, or
/// polygons as WKT (in WGS84 longitude/latitude).
struct QueryArea {
    std::optional<std::array<double, 4>> bbox; ///< west, south, east, north
    std::string wkt;
    std::string label; ///< where it came from (a file name, "drawn rectangle")
    bool operator==(const QueryArea&) const = default;
};

/// Which items a query ranks by what is known of them besides their place: when they were
/// acquired, by which platform, how cloudy and how fine they are, and whether they show the
/// query's own place. The kept items are the archive being ranked, as with an area.
struct QueryFilter {
    std::string from, to; ///< acquisition times as given (ISO 8601); `to` includes its whole day
    std::vector<std::string> platforms; ///< any of them, compared without case
    std::optional<double> maxCloud; ///< percent, 0 to 100
    std::optional<double> gsdMin, gsdMax; ///< metres per pixel, inclusive
    /// Only items whose footprint overlaps the query item's by at least this intersection
    /// over union (change queries: the same scene at another time).
    std::optional<double> samePlace;
    /// Relative to the query's own acquisition time: only later, or only earlier, items.
    enum class Time { Any, After, Before } relative = Time::Any;
    bool empty() const
    {
        return from.empty() && to.empty() && platforms.empty() && !maxCloud && !gsdMin && !gsdMax && !samePlace &&
               relative == Time::Any;
    }
    bool operator==(const QueryFilter&) const = default;
};

/// Throws rscir::Error naming `where` when a filter's values are out of range or its times
/// are not times ("from" after "to", a cloud cover above 100 %, ...).
void checkQueryFilter(const QueryFilter& filter, const std::string& where);

/// The default overlap of `--same-place`.
constexpr double kDefaultSamePlaceOverlap = 0.5;

struct SavedQuery {
    static constexpr int kVersion = 2; ///< 2 adds "filter"; a query without one is written as 1
    Query query;
    std::string modelName; ///< the model that ranked it (informative)
    std::string modelFingerprint; ///< its fingerprint: another model ranks the same terms differently
    std::optional<Method> method;
    std::optional<double> lambda;
    std::optional<double> avoid; ///< nu, the weight of avoided terms
    std::optional<int> results; ///< how many results were asked for
    std::optional<QueryArea> area; ///< the spatial filter, if any
    QueryFilter filter; ///< time, platform, cloud cover, resolution, same place
    /// One result per place: the overlap (intersection over union) at which a result is
    /// folded under a better one; unset, every result is listed.
    std::optional<double> distinct;
    /// Query images resampled to the archive's ground resolution before they are encoded.
    bool matchGsd = false;
    /// BASIC's settings, kept with a query that ranks with BASIC (`"basic": {...}`).
    std::optional<BasicOptions> basic;
};

/// The query as one line of JSON.
std::string queryToJson(const SavedQuery& query);
/// Parses a saved query; `where` names it in errors ("q.json", "queries.jsonl line 3").
/// Throws rscir::Error.
SavedQuery queryFromJson(std::string_view text, const std::string& where);
SavedQuery readQueryFile(const std::filesystem::path& path);
/// Writes the file through a temporary beside it, so that a failure leaves no half file.
void writeQueryFile(const std::filesystem::path& path, const SavedQuery& query);


} // namespace rscir
