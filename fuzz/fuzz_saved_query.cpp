// A saved query (the JSON rscir writes, one per line of a batch) and its area, as the
// window and the command line read them, then written back.
#include "core/base/error.h"
#include "core/index/spatial_filter.h"
#include "core/search/query_file.h"

#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    try {
        const rscir::SavedQuery saved = rscir::queryFromJson(text, "fuzz");
        (void)rscir::queryToJson(saved);
        if (saved.area) {
            const auto area = rscir::SpatialFilter::of(*saved.area);
            (void)area.keeps({{{0, 0}, {1, 0}, {1, 1}, {0, 1}, {0, 0}}});
        }
    } catch (const rscir::Error&) {
    }
    return 0;
}
