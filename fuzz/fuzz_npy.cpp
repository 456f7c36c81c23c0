// The .npy reader on arbitrary bytes.
#include "core/base/error.h"
#include "core/base/npy.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    try {
        const auto array = rscir::parseNpy({reinterpret_cast<const char*>(data), size});
        (void)array.toFloat();
    } catch (const rscir::Error&) {
    }
    return 0;
}
