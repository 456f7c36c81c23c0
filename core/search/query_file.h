#pragma once
/// \file
/// Saved queries: a composed query with the settings that rank it, as a small JSON
/// document (the README documents the format). Files come from strangers: everything is
/// validated, and an error names the file and the field.

#include "core/search/query.h"
#include "core/search/ranking.h"

#include <array>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace rscir {

/// The area a query is restricted to, as a saved query records it: a WGS84 box, or
/// polygons as WKT (in WGS84 longitude/latitude).
struct QueryArea {
    std::optional<std::array<double, 4>> bbox; ///< west, south, east, north
    std::string wkt;
    std::string label; ///< where it came from (a file name, "drawn rectangle")
    bool operator==(const QueryArea&) const = default;
};

struct SavedQuery {
    static constexpr int kVersion = 1;
    Query query;
    std::string modelName; ///< the model that ranked it (informative)
    std::string modelFingerprint; ///< its fingerprint: another model ranks the same terms differently
    std::optional<Method> method;
    std::optional<double> lambda;
    std::optional<double> avoid; ///< nu, the weight of avoided terms
    std::optional<int> results; ///< how many results were asked for
    std::optional<QueryArea> area; ///< the spatial filter, if any
    /// One result per place: the overlap (intersection over union) at which a result is
    /// folded under a better one; unset, every result is listed.
    std::optional<double> distinct;
    /// Query images resampled to the archive's ground resolution before they are encoded.
    bool matchGsd = false;
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
