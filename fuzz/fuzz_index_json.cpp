// The JSON fields an index keeps (footprints, settings) as they are read back.
#include "core/base/error.h"
#include "core/index/index_store.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const std::string text(reinterpret_cast<const char*>(data), size);
    try {
        (void)rscir::parseFootprintText(text);
        (void)rscir::parseArchiveSettings(text);
    } catch (const rscir::Error&) {
    }
    return 0;
}
