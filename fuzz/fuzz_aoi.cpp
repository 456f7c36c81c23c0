// An area of interest from a GIS file (GeoJSON here; GDAL/OGR reads the others the same
// way) and as WKT: its polygons, vertex budget, reprojection and test against a footprint.
#include "core/base/error.h"
#include "core/index/spatial_filter.h"
#include "fuzz/fuzz_input.h"

#include <cstdint>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const rscir::Footprint unit{{{10, 10}, {11, 10}, {11, 11}, {10, 11}, {10, 10}}};
    try {
        const auto file = rscir::fuzz::asFile(data, size, "-aoi.geojson");
        const auto area = rscir::SpatialFilter::fromFile(file);
        (void)area.keeps(unit);
        (void)area.rings();
    } catch (const rscir::Error&) {
    }
    try {
        const auto area = rscir::SpatialFilter::polygons(std::string(reinterpret_cast<const char*>(data), size), "fuzz");
        (void)area.keeps(unit);
    } catch (const rscir::Error&) {
    }
    return 0;
}
