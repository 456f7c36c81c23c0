#pragma once
/// \file
/// A spatial filter: an area on the earth (a WGS84 box, or polygons from a drawing or a
/// GIS file) that keeps the archive items whose footprint polygon intersects it. The
/// ranking then runs over the kept items only: they are the archive being ranked, so
/// WeiCom's mean and standard deviation are theirs. Items without a footprint are not
/// kept while a filter is on.

#include "core/imagery/raster.h"
#include "core/search/archive_search.h"
#include "core/search/query_file.h"

#include <array>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace rscir {

class ArchiveEmbeddings;

class SpatialFilter {
public:
    SpatialFilter(); ///< no filter: keeps nothing (check active() first)
    ~SpatialFilter();
    SpatialFilter(const SpatialFilter&);
    SpatialFilter& operator=(const SpatialFilter&);

    /// WEST, SOUTH, EAST, NORTH in degrees; WEST > EAST crosses the antimeridian. Throws
    /// rscir::Error for values off the earth or SOUTH > NORTH.
    static SpatialFilter box(double west, double south, double east, double north);
    /// Polygons (Polygon or MultiPolygon WKT) in WGS84 longitude/latitude. Throws rscir::Error.
    static SpatialFilter polygons(const std::string& wkt, const std::string& label = {});
    /// The area a saved query records (its box, else its polygons). Throws rscir::Error.
    static SpatialFilter of(const QueryArea& area);
    /// The polygons of a GIS file's layer (the first layer with polygons, or `layer`), in
    /// any CRS, reprojected to WGS84. Throws rscir::Error naming the file.
    static SpatialFilter fromFile(const std::filesystem::path& file, const std::string& layer = {});

    bool active() const { return m_impl != nullptr; }
    /// Whether the footprint polygon itself (not only its bounding box) meets the area.
    bool keeps(const Footprint& footprint) const;
    /// The box, when the filter is one.
    std::optional<std::array<double, 4>> bbox() const;
    /// The area as WKT in WGS84 (a box as its polygon or polygons).
    std::string wkt() const;
    /// Where it came from: "drawn rectangle", a file name, "4.1, 50.2 – 4.6, 50.5".
    std::string label() const;
    /// The area's rings in lon/lat (outer rings and holes), for drawing.
    std::vector<std::vector<std::array<double, 2>>> rings() const;
    /// West, south, east, north of the area (a box across the antimeridian: its own values).
    std::array<double, 4> extent() const;
    /// Identifies the area exactly (two areas that print alike are still two areas):
    /// "bbox:W,S,E,N" with every digit, or "wkt:" and its WKT.
    std::string key() const;

private:
    struct Impl;
    std::shared_ptr<const Impl> m_impl;
};

/// The rows to rank: those whose footprint the filter keeps. `footprints[i]` is row i's.
std::vector<std::size_t> filterRows(const SpatialFilter& filter,
                                    const std::vector<std::optional<Footprint>>& footprints);

} // namespace rscir
