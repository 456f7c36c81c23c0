// A model catalogue file (JSON) as `rscir models --catalogue` reads it.
#include "core/base/error.h"
#include "core/models/catalogue.h"
#include "fuzz/fuzz_input.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const auto file = rscir::fuzz::asFile(data, size, ".json");
    try {
        (void)rscir::modelCatalogue(file);
    } catch (const rscir::Error&) {
    }
    return 0;
}
