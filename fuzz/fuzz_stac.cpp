// A STAC document (catalogue, collection, item or item collection) as indexing reads it,
// with its links and hrefs resolved, and the asset it would index chosen.
#include "core/base/error.h"
#include "core/index/stac.h"

#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    for (const char* location : {"/data/catalog/items/a.json", "https://example.org/stac/collection.json?token=x"}) {
        try {
            const rscir::StacDocument doc = rscir::parseStacDocument(text, location);
            for (const rscir::StacItem& item : doc.items) {
                (void)rscir::chooseStacAsset(item);
                (void)rscir::chooseStacAsset(item, "visual");
            }
        } catch (const rscir::Error&) {
        }
    }
    return 0;
}
