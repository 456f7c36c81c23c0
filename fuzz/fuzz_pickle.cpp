// The pickle reader on arbitrary bytes: an rscir::Error or a document, never a crash.
#include "core/base/error.h"
#include "core/clip/pickle.h"

#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    try {
        rscir::pickle::load({reinterpret_cast<const char*>(data), size});
    } catch (const rscir::Error&) {
    }
    return 0;
}
