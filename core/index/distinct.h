#pragma once
/// \file
/// One hit per place: with overlapping windows (`--overlap`), neighbours of one scene score
/// alike and crowd the top of a ranking. Walking the ranking, an item is kept unless its
/// place overlaps a kept item's with an intersection over union at or above a threshold;
/// then it is folded under the first such keeper. Folding touches the list only, never
/// the scores or their normalisation.

#include "core/imagery/raster.h"
#include "core/search/ranking.h"

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <vector>

class OGRPolygon;

namespace rscir {

struct ItemRecord;

/// Where an item lies: its footprint (WGS84 longitude, latitude) where it has one, and its
/// pixel window in its source.
struct ItemPlace {
    std::optional<Footprint> footprint;
    std::int64_t sourceId = 0;
    Window window;
};

ItemPlace placeOf(const ItemRecord& item);

/// The intersection over union of two places: of their footprints when both have one
/// (in longitude and latitude, across the antimeridian too), else of their pixel windows
/// when they lie in the same source, else 0.
double placeOverlap(const ItemPlace& a, const ItemPlace& b);

/// placeOverlap() of one place with many: its polygon is built once.
class PlaceMatcher {
public:
    explicit PlaceMatcher(ItemPlace place);
    ~PlaceMatcher();
    PlaceMatcher(PlaceMatcher&&) noexcept;
    double overlap(const ItemPlace& other) const;

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

/// The default threshold of `--distinct`.
constexpr double kDefaultDistinctOverlap = 0.3;

/// Greedy folding over a ranking, offered best first.
class PlaceFolder {
public:
    /// `threshold` in (0, 1]; throws rscir::Error otherwise.
    explicit PlaceFolder(double threshold);
    ~PlaceFolder();
    PlaceFolder(PlaceFolder&&) noexcept;

    /// The next item of the ranking: nullopt when it is kept, else the position (among
    /// the kept items, from 0) of the keeper it is folded under.
    std::optional<std::size_t> offer(const ItemPlace& place);
    std::size_t keptCount() const;

private:
    double m_threshold;
    std::vector<PlaceMatcher> m_kept;
};

/// A ranking with one result per place.
struct PlacedHits {
    std::vector<Hit> hits; ///< best first, at most k
    std::vector<std::vector<std::int64_t>> folded; ///< per hit: the items folded under it, best first
    std::size_t foldedCount = 0;
};

/// The first `k` results of a ranking that lie at different places: `rank(n)` gives the
/// ranking's first n hits, `where(hit)` the hit's item id and place (nullopt: the hit is
/// left out). The ranking is walked best first and more of it is read until k are kept or
/// it ends; the command line and the window both list results this way.
PlacedHits onePerPlace(std::size_t k, double overlap, const std::function<std::vector<Hit>(std::size_t)>& rank,
                       const std::function<std::optional<std::pair<std::int64_t, ItemPlace>>(const Hit&)>& where);

} // namespace rscir
