#pragma once
/// \file
/// A CLIP ViT or a SigLIP model (image and text towers) running in libtorch, with its
/// configuration read off the checkpoint's weight shapes; the family is told by the keys
/// (a SigLIP vision tower pools with an attention head). The activation cannot be read off
/// the weights: QuickGELU is correct for OpenAI's original weights; exact GELU is how
/// open_clip builds ViT-L-14, and so how the WeiCom paper's numbers (CLIP and RemoteCLIP)
/// were computed; transformers' SigLIP uses tanh-approximated GELU, open_clip's SigLIP
/// towers exact GELU.
///
/// This header does not include libtorch.

#include <algorithm>
#include <cstddef>
#include <filesystem>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace rscir {

class Progress;

namespace clip {
struct ModelAccess;
}

enum class Activation { Gelu, QuickGelu, GeluTanh };
/// CLIP: class token, causal text mask, text pooled at the end token, projections without
/// bias. SigLIP: no class token, attention pooling, bidirectional text pooled at the last
/// position through a linear head with bias, LayerNorm epsilon 1e-6.
enum class ModelFamily { Clip, Siglip };
enum class DeviceChoice { Auto, Cpu, Cuda };
enum class Precision { Auto, Float32, Float16, BFloat16 }; ///< Auto: fp32 on CPU, fp16 on CUDA

Activation parseActivation(std::string_view name); ///< "gelu" | "quickgelu" | "gelu_tanh"
std::string_view activationName(Activation activation);
std::string_view familyName(ModelFamily family); ///< "CLIP" | "SigLIP"
DeviceChoice parseDevice(std::string_view name); ///< "auto" | "cpu" | "cuda"
Precision parsePrecision(std::string_view name); ///< "auto" | "fp32" | "fp16" | "bf16"

/// The shape of a CLIP ViT. The attention heads cannot be read off the weights: they are
/// given (a model folder's model.json), or known for a published shape, or width / 64.
struct ClipConfig {
    int embedDim = 0;
    int imageSize = 0;
    int patchSize = 0;
    int visionWidth = 0;
    int visionLayers = 0;
    int textWidth = 0;
    int textLayers = 0;
    int contextLength = 0;
    int vocabSize = 0;
    ModelFamily family = ModelFamily::Clip;
    bool huggingFaceLayout = false; ///< the checkpoint's keys were transformers' (a SigLIP
                                    ///< text is then cleaned as transformers does it)
    int visionMlp = 0; ///< hidden width of the blocks' MLPs (4 x width in CLIP)
    int textMlp = 0;
    int headMlp = 0; ///< SigLIP: the attention-pooling head's MLP
    double layerNormEpsilon = 1e-5;

    int visionHeadCount = 0; ///< set when the model is loaded; 0: width / 64
    int textHeadCount = 0;

    int visionHeads() const { return visionHeadCount > 0 ? visionHeadCount : std::max(1, visionWidth / 64); }
    int textHeads() const { return textHeadCount > 0 ? textHeadCount : std::max(1, textWidth / 64); }
    /// "ViT-L/14" (or "SigLIP ViT-B/16@224") for a published configuration, otherwise a
    /// description of the shape.
    std::string name() const;
    /// "CLIP", "Long-CLIP" (a CLIP text tower of more than 77 positions) or "SigLIP".
    std::string familyLabel() const;
    /// The towers' sizes for a person: "ViT-B/16, 224 px; text 512 wide, 12 blocks, 77 positions".
    std::string towers() const;
};

struct ClipOptions {
    Activation activation = Activation::Gelu;
    /// false: nobody said; a SigLIP model then takes its layout's own (tanh-approximated
    /// GELU for the transformers layout, exact GELU for open_clip's), a CLIP model GELU.
    bool activationGiven = true;
    DeviceChoice device = DeviceChoice::Auto;
    Precision precision = Precision::Auto;
    int threads = 0; ///< CPU threads for libtorch; 0 = every core
    int batchSize = 32;
    int visionHeads = 0; ///< attention heads of the vision tower; 0: known shape, else width / 64
    int textHeads = 0; ///< the same for the text tower
};

/// A checkpoint's family and key layout, from its keys alone (no weights are read).
struct CheckpointKind {
    ModelFamily family = ModelFamily::Clip;
    bool huggingFaceLayout = false; ///< transformers' names (`vision_model.*`), else open_clip's
};
/// Throws rscir::Error when the file is not a checkpoint.
CheckpointKind checkpointKind(const std::filesystem::path& checkpoint);
/// The activation a layout implies where nobody says: a SigLIP model in the transformers
/// layout computes tanh-approximated GELU (transformers' default), in open_clip's exact
/// GELU (timm's and open_clip's default); CLIP: none (the user must say).
std::optional<Activation> layoutActivation(const CheckpointKind& kind);

/// The attention heads of a tower of this width and depth (`patch` for a vision tower,
/// 0 for a text tower): `given` when positive (it must divide the width), else the count
/// of a published architecture with this shape (ViT-H/14, ViT-g/14 and ViT-bigG/14 have
/// vision heads of width 80 or 88 or 104, not 64), else width / 64 (one head below 64).
/// Throws rscir::Error when the width is not a multiple of the heads.
int attentionHeads(int width, int layers, int patch, int given);

/// A loaded model. Not thread-safe: one thread owns it (the encoder worker).
class ClipModel {
public:
    /// Reads the checkpoint (safetensors, torch.save zip, TorchScript), checks every key
    /// and shape, and builds the model on the chosen device. Throws rscir::Error.
    static std::unique_ptr<ClipModel> load(const std::filesystem::path& checkpoint, const ClipOptions& options,
                                           Progress* progress = nullptr);
    ~ClipModel();

    const ClipConfig& config() const;
    const ClipOptions& options() const;
    std::string deviceName() const; ///< "CPU (16 threads)" or "CUDA device 0"
    bool usesCpu() const; ///< the one test of whether this model runs on the CPU
    const char* precisionName() const; ///< what forward passes compute in: "fp32", "fp16" or "bf16"
    const std::string& checkpointFormat() const; ///< "safetensors", "pytorch", "torchscript"
    /// Keys of the checkpoint that the model does not use (reported, not fatal).
    const std::vector<std::string>& unusedKeys() const;

    /// Encodes `count` preprocessed images (3 x S x S float32 each, CHW, back to back).
    /// Returns count x embedDim L2-normalised values.
    std::vector<float> encodeImages(std::span<const float> pixels, std::size_t count);
    /// Encodes token sequences. CLIP: [SOT] ... [EOT], no padding, at most the context;
    /// only the first EOT+1 positions are computed, which is exact under the causal mask.
    /// SigLIP: exactly the context, padded by the tokenizer (the tower attends to the
    /// padding and pools the last position).
    std::vector<float> encodeTexts(const std::vector<std::vector<int>>& tokens);

private:
    friend struct clip::ModelAccess; // core/clip/detail/forward.h: measurements
    struct Impl;
    explicit ClipModel(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> m_impl;
};

/// Sets libtorch's intra-op thread count (0 = every core); returns the count in use.
/// Forward passes set their model's own count per call; this is for benchmarks.
int setTorchThreads(int threads);
/// The CPU threads a forward pass asks for, for a requested count: 0 = the process's whole
/// thread budget (core/base/threads.h), and never more than the budget or the cores. A pass
/// holds a ThreadShare of the budget and runs on what that share got.
int effectiveThreads(int threads);
/// Whether this libtorch build can use a CUDA device.
bool cudaAvailable();
/// Whether the processor computes bf16 natively (AVX512-BF16 or AMX), so that bf16
/// inference on the CPU is faster than fp32 rather than emulated.
bool cpuHasNativeBf16();

} // namespace rscir
