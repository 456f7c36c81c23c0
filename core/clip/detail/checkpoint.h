#pragma once
// Private to core/clip: only core/clip/*.cpp and the tests may include this header.
/// \file
/// Reading CLIP weights from the containers found in the wild: safetensors, PyTorch
/// `torch.save` zip archives, and TorchScript archives. Internal to core/clip (it
/// includes libtorch); nothing is copied twice: each tensor is read straight into the
/// destination tensor the model owns.

#include <torch/torch.h>

#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace rscir::clip {

/// One tensor of a checkpoint: its name as stored, shape and type, and a function that
/// reads it into a contiguous CPU tensor of the same shape (converting the type).
struct StoredTensor {
    std::string name;
    std::vector<std::int64_t> shape;
    torch::ScalarType dtype = torch::kFloat;
    std::function<void(torch::Tensor& destination)> readInto;
};

struct Checkpoint {
    std::filesystem::path path;
    std::string format; ///< "safetensors", "pytorch", "torchscript"
    std::vector<StoredTensor> tensors;
    std::shared_ptr<void> keepAlive; ///< whatever the readers need while loading
};

/// Opens a checkpoint and lists its tensors without reading their data. Key wrappers
/// (`{"state_dict": ...}`, a `module.` prefix) are removed. Throws rscir::Error.
Checkpoint openCheckpoint(const std::filesystem::path& path);

} // namespace rscir::clip
