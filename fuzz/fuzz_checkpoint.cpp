// A whole checkpoint file (safetensors header, torch.save zip, TorchScript archive) through
// openCheckpoint, and every small tensor read.
#include "core/base/error.h"
#include "checkpoint.h" // core/clip/detail, through rscir_clip_internals
#include "fuzz/fuzz_input.h"

#include <torch/torch.h>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const auto file = rscir::fuzz::asFile(data, size, ".ckpt");
    try {
        const auto checkpoint = rscir::clip::openCheckpoint(file);
        for (const auto& tensor : checkpoint.tensors) {
            std::int64_t numel = 1;
            for (const auto d : tensor.shape)
                numel = d > 0 && numel <= (1 << 20) / d ? numel * d : (1 << 21);
            if (numel > (1 << 20))
                continue;
            torch::Tensor out = torch::empty(tensor.shape, torch::TensorOptions().dtype(tensor.dtype));
            tensor.readInto(out);
        }
    } catch (const rscir::Error&) {
    }
    return 0;
}
