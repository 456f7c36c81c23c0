// A composed benchmark's CSV (xView2-CIR's layout, or any with image, text and target).
#include "core/base/error.h"
#include "core/eval/cir.h"
#include "fuzz/fuzz_input.h"

#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    try {
        const auto dataset = rscir::loadCirCsv(rscir::fuzz::asFile(data, size, "-benchmark.csv"));
        (void)rscir::missingTargets(dataset, {"a.png", "b.png"});
    } catch (const rscir::Error&) {
    }
    return 0;
}
