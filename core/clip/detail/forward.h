#pragma once
// Private to core/clip: only core/clip/*.cpp, the tests and the benchmarks include this header.
/// \file
/// Ways into a loaded model that the public header does not offer, for measurements
/// (bench/gpu): the image tower on a batch that is already on the model's device, and
/// switches between equivalent ways of computing the forward pass. Every default is the
/// way that measured faster; the others stay so that the benchmark can show it.

#include "core/clip/clip_model.h"

#include <torch/torch.h>

namespace rscir::clip {

struct ForwardTuning {
    /// One fused kernel (scaled_dot_product_attention, softmax in fp32 inside it) rather
    /// than matmul, softmax, matmul; only where the libtorch has it (2.0 and later).
    bool fusedAttention = true;
    /// On CUDA in fp16 or bf16: LayerNorm straight on the half tensor with half copies
    /// of its parameters (the kernel computes mean, variance and the affine map in fp32)
    /// rather than on an fp32 copy of the activations.
    bool halfLayerNorm = true;
    /// On CUDA: image batches staged in pinned host memory and copied without blocking;
    /// the embeddings stay on the device until the call's one synchronisation.
    bool pinnedTransfers = true;
};

/// Whether this libtorch offers scaled_dot_product_attention.
bool fusedAttentionAvailable();

struct ModelAccess {
    static ForwardTuning& tuning(ClipModel& model);
    static torch::Device device(const ClipModel& model);
    /// The image tower on N x 3 x S x S pixels on the model's device (any float type):
    /// N x D L2-normalised fp32 embeddings, left on the device, nothing waited for.
    static torch::Tensor encodeImages(ClipModel& model, const torch::Tensor& pixels);
};

} // namespace rscir::clip
