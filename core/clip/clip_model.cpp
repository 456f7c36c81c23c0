#include "core/clip/clip_model.h"

#include "core/base/threads.h"

#if defined(__x86_64__)
#include <cpuid.h>
#endif

#include "core/clip/detail/checkpoint.h"
#include "core/clip/detail/forward.h"
#include "core/clip/detail/layout.h"
#include "core/base/error.h"
#include "core/base/progress.h"

#include <torch/torch.h>
#include <torch/version.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <map>
#include <mutex>
#include <numeric>
#include <optional>
#include <regex>
#include <set>
#include <thread>

#include <dlfcn.h>

namespace rscir {

Activation parseActivation(std::string_view name)
{
    if (name == "gelu")
        return Activation::Gelu;
    if (name == "quickgelu")
        return Activation::QuickGelu;
    if (name == "gelu_tanh" || name == "gelu_pytorch_tanh")
        return Activation::GeluTanh;
    throw Error("unknown activation '" + std::string(name) + "'",
                "use gelu (open_clip, the paper's setting), quickgelu (OpenAI's original weights) or gelu_tanh "
                "(transformers' SigLIP)");
}

std::string_view activationName(Activation activation)
{
    switch (activation) {
    case Activation::QuickGelu:
        return "quickgelu";
    case Activation::GeluTanh:
        return "gelu_tanh";
    case Activation::Gelu:
        break;
    }
    return "gelu";
}

std::string_view familyName(ModelFamily family)
{
    return family == ModelFamily::Siglip ? "SigLIP" : "CLIP";
}

DeviceChoice parseDevice(std::string_view name)
{
    if (name == "auto")
        return DeviceChoice::Auto;
    if (name == "cpu")
        return DeviceChoice::Cpu;
    if (name == "cuda")
        return DeviceChoice::Cuda;
    throw Error("unknown device '" + std::string(name) + "'", "use auto, cpu or cuda");
}

Precision parsePrecision(std::string_view name)
{
    if (name == "auto")
        return Precision::Auto;
    if (name == "fp32")
        return Precision::Float32;
    if (name == "fp16")
        return Precision::Float16;
    if (name == "bf16")
        return Precision::BFloat16;
    throw Error("unknown precision '" + std::string(name) + "'", "use auto, fp32, fp16 or bf16");
}

CheckpointKind checkpointKind(const std::filesystem::path& path)
{
    const clip::Checkpoint checkpoint = clip::openCheckpoint(path);
    return {clip::isSiglipCheckpoint(checkpoint) ? ModelFamily::Siglip : ModelFamily::Clip,
            clip::isHuggingFaceLayout(checkpoint)};
}

std::optional<Activation> layoutActivation(const CheckpointKind& kind)
{
    if (kind.family != ModelFamily::Siglip)
        return std::nullopt;
    return kind.huggingFaceLayout ? Activation::GeluTanh : Activation::Gelu;
}

int attentionHeads(int width, int layers, int patch, int given)
{
    if (given > 0) {
        if (width % given != 0)
            throw Error("a width of " + std::to_string(width) + " cannot be split into " + std::to_string(given) +
                        " attention heads");
        return given;
    }
    // Published vision towers whose heads are not 64 wide (open_clip's configurations).
    struct Known {
        int width, layers, patch, heads;
    };
    constexpr Known kKnown[] = {
        {1280, 32, 14, 16}, // ViT-H/14: heads of 80
        {1408, 40, 14, 16}, // ViT-g/14: heads of 88
        {1664, 48, 14, 16}, // ViT-bigG/14: heads of 104
        {1152, 27, 14, 16}, // SigLIP So400m/14: heads of 72, in both towers
        {1152, 27, 16, 16}, // SigLIP So400m/16
        {1152, 27, 0, 16},
    };
    for (const Known& k : kKnown)
        if (k.width == width && k.layers == layers && k.patch == patch)
            return k.heads;
    if (width < 64)
        return 1;
    if (width % 64 != 0)
        throw Error("a width of " + std::to_string(width) +
                        " is not a multiple of 64, and how many attention heads it has cannot be read from the weights",
                    "give vision_heads and text_heads in the model folder's model.json, or import it with "
                    "rscir models import --vision-heads N --text-heads N");
    return width / 64;
}

std::string ClipConfig::familyLabel() const
{
    if (family == ModelFamily::Siglip)
        return "SigLIP";
    return contextLength > 77 ? "Long-CLIP" : "CLIP";
}

std::string ClipConfig::towers() const
{
    return "ViT " + std::to_string(visionWidth) + " wide, " + std::to_string(visionLayers) + " blocks, patch " +
           std::to_string(patchSize) + ", " + std::to_string(imageSize) + " px; text " + std::to_string(textWidth) +
           " wide, " + std::to_string(textLayers) + " blocks, " + std::to_string(contextLength) + " positions; " +
           std::to_string(embedDim) + " dimensions";
}

std::string ClipConfig::name() const
{
    if (family == ModelFamily::Siglip) {
        const std::string size = visionWidth == 768 && visionLayers == 12     ? "B"
                                 : visionWidth == 1024 && visionLayers == 24  ? "L"
                                 : visionWidth == 1152 && visionLayers == 27  ? "SO400M"
                                                                              : "";
        if (!size.empty())
            return "SigLIP ViT-" + size + "/" + std::to_string(patchSize) + "@" + std::to_string(imageSize);
        return "SigLIP ViT (image " + std::to_string(imageSize) + ", patch " + std::to_string(patchSize) + ", vision " +
               std::to_string(visionWidth) + "x" + std::to_string(visionLayers) + ", text " + std::to_string(textWidth) +
               "x" + std::to_string(textLayers) + ", embed " + std::to_string(embedDim) + ")";
    }
    const bool large =
        visionWidth == 1024 && visionLayers == 24 && textWidth == 768 && textLayers == 12 && embedDim == 768;
    const bool base =
        visionWidth == 768 && visionLayers == 12 && textWidth == 512 && textLayers == 12 && embedDim == 512;
    if (large && patchSize == 14 && imageSize == 224)
        return "ViT-L/14";
    if (large && patchSize == 14 && imageSize == 336)
        return "ViT-L/14@336";
    if (base && imageSize == 224 && (patchSize == 32 || patchSize == 16))
        return "ViT-B/" + std::to_string(patchSize);
    if (visionWidth == 1280 && visionLayers == 32 && patchSize == 14 && textWidth == 1024 && embedDim == 1024)
        return imageSize == 224 ? "ViT-H/14" : "ViT-H/14@" + std::to_string(imageSize);
    return "ViT (image " + std::to_string(imageSize) + ", patch " + std::to_string(patchSize) + ", vision " +
           std::to_string(visionWidth) + "x" + std::to_string(visionLayers) + ", text " + std::to_string(textWidth) +
           "x" + std::to_string(textLayers) + ", embed " + std::to_string(embedDim) + ")";
}

namespace {

/// OpenBLAS's own thread count, when OpenBLAS is the BLAS libtorch uses. Its worker
/// threads spin between calls and compete with libtorch's threads: small products (a
/// query, a short text) run faster on one BLAS thread, large batches on all of them.
/// Called with inferenceMutex() held.
int& blasThreadsSet()
{
    static int current = -1;
    return current;
}

void setBlasThreads(int threads)
{
    using SetThreads = void (*)(int);
    static const auto set = reinterpret_cast<SetThreads>(dlsym(RTLD_DEFAULT, "openblas_set_num_threads"));
    int& current = blasThreadsSet();
    if (set && threads != current) {
        set(threads);
        current = threads;
    }
}

/// What setBlasThreads last set (-1: nothing yet). Called with inferenceMutex() held.
int currentBlasThreads()
{
    return blasThreadsSet();
}

int cores()
{
    return static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
}

/// libtorch's and OpenBLAS's thread counts are process-wide. Every forward pass holds
/// this lock and sets the counts its own model asks for, so that two models (one
/// loading while another encodes, or a query beside an indexing run) never change them
/// under each other.
std::mutex& inferenceMutex()
{
    static std::mutex mutex;
    return mutex;
}

} // namespace

int setTorchThreads(int threads)
{
    std::lock_guard lock(inferenceMutex());
    at::set_num_threads(effectiveThreads(threads));
    return at::get_num_threads();
}

int effectiveThreads(int threads)
{
    // At most the process's thread budget (--threads, Preferences), which is the cores
    // there are unless the user set it.
    const int budget = static_cast<int>(threadBudget());
    return threads > 0 ? std::min({threads, cores(), budget}) : budget;
}

bool cudaAvailable()
{
    return torch::cuda::is_available();
}

// scaled_dot_product_attention arrived in libtorch 2.0; Debian's 1.13 computes attention
// as matmul, softmax, matmul.
#if TORCH_VERSION_MAJOR >= 2
#define RSCIR_FUSED_ATTENTION 1
#else
#define RSCIR_FUSED_ATTENTION 0
#endif

bool clip::fusedAttentionAvailable()
{
    return RSCIR_FUSED_ATTENTION != 0;
}

namespace clip {

// Declared in detail/layout.h: SigLIP's transformers layout names its encoder layers alike.
std::optional<Piece> fromHuggingFace(const std::string& name)
{
    static const std::regex layer(R"((vision|text)_model\.encoder\.layers\.(\d+)\.(.+))");
    std::smatch m;
    if (std::regex_match(name, m, layer)) {
        const std::string prefix =
            (m[1] == "vision" ? "visual.transformer.resblocks." : "transformer.resblocks.") + m[2].str() + ".";
        const std::string rest = m[3];
        static const std::map<std::string, std::string> renames = {
            {"layer_norm1.weight", "ln_1.weight"},
            {"layer_norm1.bias", "ln_1.bias"},
            {"layer_norm2.weight", "ln_2.weight"},
            {"layer_norm2.bias", "ln_2.bias"},
            {"self_attn.out_proj.weight", "attn.out_proj.weight"},
            {"self_attn.out_proj.bias", "attn.out_proj.bias"},
            {"mlp.fc1.weight", "mlp.c_fc.weight"},
            {"mlp.fc1.bias", "mlp.c_fc.bias"},
            {"mlp.fc2.weight", "mlp.c_proj.weight"},
            {"mlp.fc2.bias", "mlp.c_proj.bias"},
        };
        if (const auto it = renames.find(rest); it != renames.end())
            return Piece{prefix + it->second};
        static const std::regex qkv(R"(self_attn\.([qkv])_proj\.(weight|bias))");
        std::smatch p;
        if (std::regex_match(rest, p, qkv))
            return Piece{prefix + "attn.in_proj_" + p[2].str(), Piece::RowBlock, p[1] == "q" ? 0 : p[1] == "k" ? 1 : 2};
        return std::nullopt;
    }
    static const std::map<std::string, Piece> direct = {
        {"vision_model.embeddings.patch_embedding.weight", {"visual.conv1.weight"}},
        {"vision_model.embeddings.class_embedding", {"visual.class_embedding"}},
        {"vision_model.embeddings.position_embedding.weight", {"visual.positional_embedding"}},
        {"vision_model.pre_layrnorm.weight", {"visual.ln_pre.weight"}},
        {"vision_model.pre_layrnorm.bias", {"visual.ln_pre.bias"}},
        {"vision_model.post_layernorm.weight", {"visual.ln_post.weight"}},
        {"vision_model.post_layernorm.bias", {"visual.ln_post.bias"}},
        {"visual_projection.weight", {"visual.proj", Piece::Transposed}},
        {"text_model.embeddings.token_embedding.weight", {"token_embedding.weight"}},
        {"text_model.embeddings.position_embedding.weight", {"positional_embedding"}},
        {"text_model.final_layer_norm.weight", {"ln_final.weight"}},
        {"text_model.final_layer_norm.bias", {"ln_final.bias"}},
        {"text_projection.weight", {"text_projection", Piece::Transposed}},
        {"logit_scale", {"logit_scale"}},
    };
    if (const auto it = direct.find(name); it != direct.end())
        return it->second;
    return std::nullopt;
}

} // namespace clip

namespace {

using clip::Piece;
using clip::Shape;

std::string shapeText(const Shape& shape)
{
    std::string s = "[";
    for (std::size_t i = 0; i < shape.size(); ++i)
        s += (i ? ", " : "") + std::to_string(shape[i]);
    return s + "]";
}

/// Long-CLIP's text positions below this come from `positional_embedding`, the others
/// from `positional_embedding_res`.
constexpr std::int64_t kLongClipKeptPositions = 20;

bool ignorable(const std::string& name)
{
    return name.find("position_ids") != std::string::npos || name == "input_resolution" || name == "context_length" ||
           name == "vocab_size" || name.find("attn_mask") != std::string::npos;
}

/// Every parameter of a CLIP ViT with this configuration, in a fixed order.
std::vector<std::pair<std::string, Shape>> expectedShapes(const ClipConfig& c)
{
    std::vector<std::pair<std::string, Shape>> shapes;
    const auto blocks = [&](const std::string& prefix, int layers, std::int64_t w) {
        for (int i = 0; i < layers; ++i) {
            const std::string p = prefix + std::to_string(i) + ".";
            shapes.push_back({p + "ln_1.weight", {w}});
            shapes.push_back({p + "ln_1.bias", {w}});
            shapes.push_back({p + "attn.in_proj_weight", {3 * w, w}});
            shapes.push_back({p + "attn.in_proj_bias", {3 * w}});
            shapes.push_back({p + "attn.out_proj.weight", {w, w}});
            shapes.push_back({p + "attn.out_proj.bias", {w}});
            shapes.push_back({p + "ln_2.weight", {w}});
            shapes.push_back({p + "ln_2.bias", {w}});
            shapes.push_back({p + "mlp.c_fc.weight", {4 * w, w}});
            shapes.push_back({p + "mlp.c_fc.bias", {4 * w}});
            shapes.push_back({p + "mlp.c_proj.weight", {w, 4 * w}});
            shapes.push_back({p + "mlp.c_proj.bias", {w}});
        }
    };
    const std::int64_t vw = c.visionWidth, tw = c.textWidth, grid = c.imageSize / c.patchSize;
    shapes.push_back({"visual.conv1.weight", {vw, 3, c.patchSize, c.patchSize}});
    shapes.push_back({"visual.class_embedding", {vw}});
    shapes.push_back({"visual.positional_embedding", {grid * grid + 1, vw}});
    shapes.push_back({"visual.ln_pre.weight", {vw}});
    shapes.push_back({"visual.ln_pre.bias", {vw}});
    blocks("visual.transformer.resblocks.", c.visionLayers, vw);
    shapes.push_back({"visual.ln_post.weight", {vw}});
    shapes.push_back({"visual.ln_post.bias", {vw}});
    shapes.push_back({"visual.proj", {vw, c.embedDim}});
    shapes.push_back({"token_embedding.weight", {c.vocabSize, tw}});
    shapes.push_back({"positional_embedding", {c.contextLength, tw}});
    blocks("transformer.resblocks.", c.textLayers, tw);
    shapes.push_back({"ln_final.weight", {tw}});
    shapes.push_back({"ln_final.bias", {tw}});
    shapes.push_back({"text_projection", {tw, c.embedDim}});
    return shapes;
}

struct Norm {
    torch::Tensor weight, bias; ///< fp32, as every LayerNorm parameter is kept
    torch::Tensor lowWeight, lowBias; ///< in the compute type: only on CUDA in fp16 or bf16
};

struct Block {
    Norm ln1;
    torch::Tensor inW, inB, outW, outB;
    Norm ln2;
    torch::Tensor fcW, fcB, projW, projB;
};

struct Tower {
    std::vector<Block> blocks;
    int heads = 1;
};

/// SigLIP's attention pooling: one learned query attends over the tokens, then a
/// residual MLP on its LayerNorm.
struct PoolHead {
    torch::Tensor probe, inW, inB, outW, outB;
    Norm ln;
    torch::Tensor fcW, fcB, projW, projB;
};

} // namespace

struct ClipModel::Impl {
    ClipConfig config;
    ClipOptions options;
    std::string format;
    std::vector<std::string> unused;
    std::map<std::string, torch::Tensor> weights;
    torch::Device device = torch::kCPU;
    torch::ScalarType dtype = torch::kFloat;
    clip::ForwardTuning tuning;
    Tower vision, text;
    torch::Tensor conv1, classEmbedding, visionPositions, visualProj;
    torch::Tensor tokenEmbedding, textPositions, textProj;
    Norm lnPre, lnPost, lnFinal;
    torch::Tensor conv1Bias, textProjBias; ///< SigLIP only
    PoolHead pool; ///< SigLIP only

    bool siglip() const { return config.family == ModelFamily::Siglip; }

    bool fusedAttention() const { return RSCIR_FUSED_ATTENTION && tuning.fusedAttention; }

    /// LayerNorm computed in fp32 whatever the compute type: on an fp32 copy, or on CUDA
    /// by the half kernel itself, which accumulates and normalises in fp32.
    torch::Tensor layerNorm(const torch::Tensor& x, const Norm& n) const
    {
        const std::int64_t width = n.weight.size(0);
        const double eps = config.layerNormEpsilon;
        if (x.scalar_type() == torch::kFloat)
            return torch::layer_norm(x, {width}, n.weight, n.bias, eps);
        if (tuning.halfLayerNorm && n.lowWeight.defined())
            return torch::layer_norm(x, {width}, n.lowWeight, n.lowBias, eps);
        return torch::layer_norm(x.to(torch::kFloat), {width}, n.weight, n.bias, eps).to(dtype);
    }

    /// Softmax(q k^T / sqrt(d) + mask) v over heads, the softmax in fp32. `mask` is only
    /// given (the causal mask) where attention is not fused.
    torch::Tensor attend(const torch::Tensor& q, const torch::Tensor& k, const torch::Tensor& v, bool causal,
                         const torch::Tensor& mask) const
    {
#if RSCIR_FUSED_ATTENTION
        if (fusedAttention())
            return at::scaled_dot_product_attention(q, k, v, {}, 0.0, causal);
#endif
        auto scores = torch::matmul(q * (1.0 / std::sqrt(static_cast<double>(q.size(-1)))), k.transpose(-2, -1));
        if (causal)
            scores = scores + mask;
        auto attention = torch::softmax(scores.to(torch::kFloat), -1).to(dtype);
        return torch::matmul(attention, v);
    }

    torch::Tensor activate(const torch::Tensor& x) const
    {
        if (options.activation == Activation::QuickGelu)
            return x * torch::sigmoid(1.702 * x);
        if (options.activation == Activation::GeluTanh && device.is_cpu()) {
            // The same function as x * sigmoid(2u), u = sqrt(2/pi) (x + 0.044715 x^3), in four
            // in-place passes: libtorch's CPU kernel is three times slower in bf16 (fp32 values
            // agree within 5e-7). On CUDA its one fused kernel is the faster.
            constexpr double kTwoRootTwoOverPi = 1.5957691216057308;
            auto y = x * x;
            y.mul_(0.044715 * kTwoRootTwoOverPi).add_(kTwoRootTwoOverPi).mul_(x);
            return y.sigmoid_().mul_(x);
        }
        if (options.activation == Activation::GeluTanh)
            return torch::gelu(x, "tanh");
        return torch::gelu(x);
    }

    torch::Tensor runBlock(torch::Tensor x, const Block& p, int heads, bool causal, const torch::Tensor& mask) const
    {
        const auto batch = x.size(0), length = x.size(1), width = x.size(2);
        const auto headDim = width / heads;
        auto y = layerNorm(x, p.ln1);
        auto qkv = torch::linear(y, p.inW, p.inB).view({batch, length, 3, heads, headDim}).permute({2, 0, 3, 1, 4});
        auto out = attend(qkv[0], qkv[1], qkv[2], causal, mask).permute({0, 2, 1, 3}).reshape({batch, length, width});
        x = x + torch::linear(out, p.outW, p.outB);
        y = layerNorm(x, p.ln2);
        y = activate(torch::linear(y, p.fcW, p.fcB));
        return x + torch::linear(y, p.projW, p.projB);
    }

    /// Embeddings (fp32, L2-normalised) of a batch, left on the model's device.
    torch::Tensor encodeImageBatch(const torch::Tensor& pixels) const
    {
        if (siglip())
            return encodeSiglipImageBatch(pixels);
        const auto batch = pixels.size(0);
        auto x = torch::conv2d(pixels.to(device, dtype), conv1, {}, config.patchSize);
        x = x.reshape({batch, x.size(1), -1}).permute({0, 2, 1});
        auto cls = classEmbedding.view({1, 1, -1}).expand({batch, 1, x.size(2)});
        x = torch::cat({cls, x}, 1) + visionPositions;
        x = layerNorm(x, lnPre);
        for (const auto& block : vision.blocks)
            x = runBlock(x, block, vision.heads, false, {});
        x = layerNorm(x.select(1, 0), lnPost);
        x = torch::matmul(x, visualProj).to(torch::kFloat);
        return x / x.norm(2, -1, true);
    }

    /// SigLIP's image tower: patches plus positions (no class token), the blocks, the final
    /// LayerNorm over every token, then the attention-pooling head.
    torch::Tensor encodeSiglipImageBatch(const torch::Tensor& pixels) const
    {
        const auto batch = pixels.size(0);
        auto x = torch::conv2d(pixels.to(device, dtype), conv1, conv1Bias, config.patchSize);
        // Contiguous tokens: an addition keeps its first operand's (permuted) layout, which
        // every block would then pay for.
        x = x.reshape({batch, x.size(1), -1}).permute({0, 2, 1}).contiguous() + visionPositions;
        for (const auto& block : vision.blocks)
            x = runBlock(x, block, vision.heads, false, {});
        x = layerNorm(x, lnPost);
        // The head's products are small (one query; a batch of rows): one BLAS thread.
        const int blasThreads = currentBlasThreads();
        setBlasThreads(1);
        x = attentionPool(x).to(torch::kFloat);
        if (blasThreads > 0)
            setBlasThreads(blasThreads);
        return x / x.norm(2, -1, true);
    }

    /// The probe's query is the same for every image: it is projected once per batch.
    torch::Tensor attentionPool(const torch::Tensor& x) const
    {
        const auto batch = x.size(0), length = x.size(1), width = x.size(2);
        const std::int64_t heads = vision.heads, headDim = width / heads;
        auto q = torch::linear(pool.probe.view({1, width}), pool.inW.narrow(0, 0, width), pool.inB.narrow(0, 0, width))
                     .view({1, heads, 1, headDim})
                     .expand({batch, heads, 1, headDim});
        auto kv = torch::linear(x, pool.inW.narrow(0, width, 2 * width), pool.inB.narrow(0, width, 2 * width))
                      .view({batch, length, 2, heads, headDim})
                      .permute({2, 0, 3, 1, 4});
        auto out = attend(q.contiguous(), kv[0], kv[1], false, {}).reshape({batch, width});
        auto y = torch::linear(out, pool.outW, pool.outB);
        auto hidden = activate(torch::linear(layerNorm(y, pool.ln), pool.fcW, pool.fcB));
        return y + torch::linear(hidden, pool.projW, pool.projB);
    }

    /// SigLIP's text tower: the whole padded context, no mask, the last position through
    /// the final LayerNorm and a linear head with bias.
    torch::Tensor encodeSiglipTextBatch(const std::vector<const std::vector<int>*>& sequences) const
    {
        const auto batch = static_cast<std::int64_t>(sequences.size());
        const std::int64_t length = config.contextLength;
        auto ids = torch::empty({batch * length}, torch::kLong);
        std::int64_t* data = ids.data_ptr<std::int64_t>();
        for (std::size_t i = 0; i < sequences.size(); ++i)
            std::copy(sequences[i]->begin(), sequences[i]->end(), data + static_cast<std::int64_t>(i) * length);
        auto x = tokenEmbedding.index_select(0, ids.to(device)).view({batch, length, -1}) + textPositions;
        for (const auto& block : text.blocks)
            x = runBlock(x, block, text.heads, false, {});
        x = torch::linear(layerNorm(x.select(1, length - 1), lnFinal), textProj, textProjBias).to(torch::kFloat);
        return x / x.norm(2, -1, true);
    }

    torch::Tensor encodeTextBatch(const std::vector<const std::vector<int>*>& sequences) const
    {
        if (siglip())
            return encodeSiglipTextBatch(sequences);
        const auto batch = static_cast<std::int64_t>(sequences.size());
        std::int64_t length = 0;
        std::vector<std::int64_t> eot(sequences.size());
        for (std::size_t i = 0; i < sequences.size(); ++i) {
            const auto& s = *sequences[i];
            eot[i] = std::max_element(s.begin(), s.end()) - s.begin();
            length = std::max(length, eot[i] + 1);
        }
        // The token ids (batch x length) and, after them, the flat index of each EOT: one
        // transfer to the device.
        auto indices = torch::zeros({batch * length + batch}, torch::kLong);
        std::int64_t* data = indices.data_ptr<std::int64_t>();
        for (std::size_t i = 0; i < sequences.size(); ++i) {
            const auto row = static_cast<std::int64_t>(i);
            for (std::int64_t j = 0; j <= eot[i]; ++j)
                data[row * length + j] = (*sequences[i])[static_cast<std::size_t>(j)];
            data[batch * length + row] = row * length + eot[i];
        }
        indices = indices.to(device);
        auto x = tokenEmbedding.index_select(0, indices.narrow(0, 0, batch * length)).view({batch, length, -1}) +
                 textPositions.narrow(0, 0, length);
        torch::Tensor mask;
        if (!fusedAttention())
            mask = torch::full({length, length}, -std::numeric_limits<float>::infinity(),
                               torch::TensorOptions().device(device).dtype(torch::kFloat))
                       .triu(1)
                       .to(dtype);
        for (const auto& block : text.blocks)
            x = runBlock(x, block, text.heads, true, mask);
        // LayerNorm is per position: only the EOT positions need it.
        x = x.reshape({batch * length, -1}).index_select(0, indices.narrow(0, batch * length, batch));
        x = torch::matmul(layerNorm(x, lnFinal), textProj).to(torch::kFloat);
        return x / x.norm(2, -1, true);
    }

    Norm norm(const std::string& prefix) const
    {
        Norm n{weights.at(prefix + "weight"), weights.at(prefix + "bias"), {}, {}};
        if (device.is_cuda() && dtype != torch::kFloat) {
            n.lowWeight = n.weight.to(dtype);
            n.lowBias = n.bias.to(dtype);
        }
        return n;
    }

    Tower tower(const std::string& prefix, int layers, int heads) const
    {
        Tower t;
        t.heads = heads;
        for (int i = 0; i < layers; ++i) {
            const std::string p = prefix + std::to_string(i) + ".";
            const auto w = [&](const char* name) { return weights.at(p + name); };
            t.blocks.push_back({norm(p + "ln_1."), w("attn.in_proj_weight"), w("attn.in_proj_bias"),
                                w("attn.out_proj.weight"), w("attn.out_proj.bias"), norm(p + "ln_2."),
                                w("mlp.c_fc.weight"), w("mlp.c_fc.bias"), w("mlp.c_proj.weight"),
                                w("mlp.c_proj.bias")});
        }
        return t;
    }

    void bindSiglip()
    {
        conv1 = weights.at("visual.conv1.weight");
        conv1Bias = weights.at("visual.conv1.bias");
        visionPositions = weights.at("visual.positional_embedding");
        lnPost = norm("visual.ln_post.");
        const auto w = [&](const char* name) { return weights.at(std::string("visual.attn_pool.") + name); };
        pool = {w("probe"),         w("in_proj_weight"), w("in_proj_bias"), w("out_proj.weight"),
                w("out_proj.bias"), norm("visual.attn_pool.ln_1."), w("mlp.c_fc.weight"), w("mlp.c_fc.bias"),
                w("mlp.c_proj.weight"), w("mlp.c_proj.bias")};
        tokenEmbedding = weights.at("token_embedding.weight");
        textPositions = weights.at("positional_embedding");
        lnFinal = norm("ln_final.");
        textProj = weights.at("text_projection.weight");
        textProjBias = weights.at("text_projection.bias");
        vision = tower("visual.transformer.resblocks.", config.visionLayers, config.visionHeads());
        text = tower("transformer.resblocks.", config.textLayers, config.textHeads());
    }

    void bind()
    {
        if (siglip())
            return bindSiglip();
        conv1 = weights.at("visual.conv1.weight");
        classEmbedding = weights.at("visual.class_embedding");
        visionPositions = weights.at("visual.positional_embedding");
        lnPre = norm("visual.ln_pre.");
        lnPost = norm("visual.ln_post.");
        visualProj = weights.at("visual.proj");
        tokenEmbedding = weights.at("token_embedding.weight");
        textPositions = weights.at("positional_embedding");
        lnFinal = norm("ln_final.");
        textProj = weights.at("text_projection");
        vision = tower("visual.transformer.resblocks.", config.visionLayers, config.visionHeads());
        text = tower("transformer.resblocks.", config.textLayers, config.textHeads());
    }
};

ClipModel::ClipModel(std::unique_ptr<Impl> impl) : m_impl(std::move(impl)) { }
ClipModel::~ClipModel() = default;

const ClipConfig& ClipModel::config() const
{
    return m_impl->config;
}
const ClipOptions& ClipModel::options() const
{
    return m_impl->options;
}
const std::string& ClipModel::checkpointFormat() const
{
    return m_impl->format;
}
const std::vector<std::string>& ClipModel::unusedKeys() const
{
    return m_impl->unused;
}

bool ClipModel::usesCpu() const
{
    return m_impl->device.is_cpu();
}

const char* ClipModel::precisionName() const
{
    return m_impl->dtype == torch::kHalf ? "fp16" : m_impl->dtype == torch::kBFloat16 ? "bf16" : "fp32";
}

bool cpuHasNativeBf16()
{
#if defined(__x86_64__)
    __builtin_cpu_init();
    unsigned a = 0, b = 0, c = 0, d = 0;
    // CPUID leaf 7, sub-leaf 1: EAX bit 5 is AVX512_BF16; sub-leaf 0: EDX bit 22 is AMX-BF16.
    if (__get_cpuid_max(0, nullptr) < 7)
        return false;
    __cpuid_count(7, 1, a, b, c, d);
    const bool avx512bf16 = (a >> 5) & 1u;
    __cpuid_count(7, 0, a, b, c, d);
    const bool amxbf16 = (d >> 22) & 1u;
    return avx512bf16 || amxbf16;
#else
    return false;
#endif
}

std::string ClipModel::deviceName() const
{
    if (m_impl->device.is_cuda())
        return "CUDA device " + std::to_string(m_impl->device.index() < 0 ? 0 : m_impl->device.index()) +
               (m_impl->dtype == torch::kHalf       ? " (fp16)"
                : m_impl->dtype == torch::kBFloat16 ? " (bf16)"
                                                    : " (fp32)");
    const int threads = effectiveThreads(m_impl->options.threads);
    return "CPU (" + std::to_string(threads) + (threads == 1 ? " thread" : " threads") +
           (m_impl->dtype == torch::kBFloat16 ? ", bf16)" : ")");
}

std::unique_ptr<ClipModel> ClipModel::load(const std::filesystem::path& path, const ClipOptions& options,
                                           Progress* progress)
{
    c10::InferenceMode guard;
    auto impl = std::make_unique<Impl>();
    impl->options = options;
    const clip::Checkpoint checkpoint = clip::openCheckpoint(path);
    impl->format = checkpoint.format;
    const std::string file = path.string();

    // Map stored names to canonical pieces.
    std::vector<Piece> pieces;
    std::map<std::string, Shape> canonicalShapes;
    const bool huggingFace = clip::isHuggingFaceLayout(checkpoint);
    const bool siglip = clip::isSiglipCheckpoint(checkpoint);
    ClipConfig& c = impl->config;
    c.family = siglip ? ModelFamily::Siglip : ModelFamily::Clip;
    c.huggingFaceLayout = huggingFace;
    // Long-CLIP keeps the text positions from the 21st on in a second table.
    const clip::StoredTensor* longClipPositions = nullptr;
    bool resnet = false;
    for (const auto& stored : checkpoint.tensors) {
        std::optional<Piece> piece;
        if (siglip)
            piece = clip::siglipPiece(stored.name, huggingFace);
        else if (huggingFace)
            piece = clip::fromHuggingFace(stored.name);
        else
            piece = Piece{stored.name};
        if (stored.name.rfind("visual.layer1.", 0) == 0)
            resnet = true;
        if (!siglip && stored.name == "positional_embedding_res") {
            longClipPositions = &stored;
            continue;
        }
        if (siglip && (stored.name == "logit_scale" || stored.name == "logit_bias"))
            continue;
        if (!piece || ignorable(stored.name)) {
            if (!ignorable(stored.name))
                impl->unused.push_back(stored.name);
            continue;
        }
        piece->source = &stored;
        if (piece->kind == Piece::Whole)
            canonicalShapes[piece->target] = stored.shape;
        else if (piece->kind == Piece::Transposed)
            canonicalShapes[piece->target] = Shape(stored.shape.rbegin(), stored.shape.rend());
        else if (piece->kind == Piece::Reshaped) {
            Shape shape = stored.shape;
            while (shape.size() > 1 && shape.front() == 1)
                shape.erase(shape.begin());
            canonicalShapes[piece->target] = shape;
        }
        pieces.push_back(*piece);
    }
    if (resnet)
        throw Error(file + " is a ResNet CLIP model (e.g. RemoteCLIP-RN50)", "only ViT models are supported");

    // The configuration, read off the shapes as OpenAI's build_model does.
    const auto shapeOf = [&](const std::string& key, std::size_t rank) -> const Shape& {
        const auto it = canonicalShapes.find(key);
        if (it == canonicalShapes.end())
            throw Error(file + " lacks " + key + "; it is not a CLIP ViT checkpoint");
        if (it->second.size() != rank)
            throw Error(file + " has " + key + " of shape " + shapeText(it->second) + "; expected " +
                        std::to_string(rank) + " dimensions");
        return it->second;
    };
    const auto countLayers = [&](const std::string& prefix) {
        int layers = 0;
        while (canonicalShapes.count(prefix + std::to_string(layers) + ".ln_1.weight"))
            ++layers;
        return layers;
    };
    const Shape& conv = shapeOf("visual.conv1.weight", 4);
    const Shape& positions = shapeOf("visual.positional_embedding", 2);
    const Shape& tokens = shapeOf("token_embedding.weight", 2);
    const Shape& textPositions = shapeOf("positional_embedding", 2);
    // CLIP's projections are [width, embed]; SigLIP's text head is a Linear, [embed, width].
    const Shape& textProjection = shapeOf(siglip ? "text_projection.weight" : "text_projection", 2);
    const std::int64_t embedDim = siglip ? textProjection[0] : textProjection[1];
    // Every size read off a shape is checked before anything is built from it: a crafted
    // checkpoint must not divide by zero, allocate without bound or build a model whose
    // heads do not divide its width.
    const auto sane = [&](std::int64_t value, std::int64_t low, std::int64_t high, const std::string& what) {
        if (value < low || value > high)
            throw Error(file + ": " + what + " is " + std::to_string(value) + "; a CLIP ViT has " + std::to_string(low) +
                            " to " + std::to_string(high),
                        "the checkpoint is damaged or not a CLIP model");
        return static_cast<int>(value);
    };
    c.visionWidth = sane(conv[0], 1, 8192, "the vision width (visual.conv1.weight)");
    sane(conv[1], 3, 3, "the number of colour channels (visual.conv1.weight)");
    c.patchSize = sane(conv[2], 1, 128, "the patch size (visual.conv1.weight)");
    if (conv[3] != conv[2])
        throw Error(file + ": visual.conv1.weight has non-square patches " + shapeText(conv));
    sane(positions[0], 2, 4097, "the number of image positions (visual.positional_embedding)");
    sane(tokens[0], 1, 1000000, "the vocabulary size (token_embedding.weight)");
    sane(tokens[1], 1, 8192, "the text width (token_embedding.weight)");
    sane(textPositions[0], 1, 4096, "the context length (positional_embedding)");
    sane(embedDim, 1, 8192, "the embedding dimension (text_projection)");
    // CLIP's image positions are a square grid plus the class token; SigLIP has none.
    const int classTokens = siglip ? 0 : 1;
    const auto grid = static_cast<int>(std::lround(std::sqrt(static_cast<double>(positions[0] - classTokens))));
    if (grid * grid + classTokens != positions[0])
        throw Error(file + ": visual.positional_embedding has " + std::to_string(positions[0]) + " rows, which is not " +
                    (siglip ? "a square grid" : "a square grid plus one"));
    c.imageSize = grid * c.patchSize;
    c.visionLayers = countLayers("visual.transformer.resblocks.");
    c.vocabSize = static_cast<int>(tokens[0]);
    c.textWidth = static_cast<int>(tokens[1]);
    c.contextLength = static_cast<int>(textPositions[0]);
    c.textLayers = countLayers("transformer.resblocks.");
    c.embedDim = static_cast<int>(embedDim);
    if (c.visionLayers == 0 || c.textLayers == 0)
        throw Error(file + " has no transformer blocks in one of its towers");
    c.visionMlp = 4 * c.visionWidth;
    c.textMlp = 4 * c.textWidth;
    if (siglip) {
        // MLP widths are not always 4 x width (So400m: 4304 for 1152): read off the weights.
        const auto hidden = [&](const std::string& key) {
            return sane(shapeOf(key, 2)[0], 1, 65536, "the MLP width (" + key + ")");
        };
        c.visionMlp = hidden("visual.transformer.resblocks.0.mlp.c_fc.weight");
        c.textMlp = hidden("transformer.resblocks.0.mlp.c_fc.weight");
        c.headMlp = hidden("visual.attn_pool.mlp.c_fc.weight");
        c.layerNormEpsilon = 1e-6;
        if (c.embedDim != c.visionWidth)
            throw Error(file + ": the text head gives " + std::to_string(c.embedDim) +
                            " values, but the image tower, which has no projection, gives " +
                            std::to_string(c.visionWidth),
                        "the checkpoint is damaged or not a SigLIP model");
        if (!options.activationGiven)
            impl->options.activation = *layoutActivation({c.family, huggingFace});
    }
    if (longClipPositions && longClipPositions->shape != textPositions)
        throw Error(file + ": positional_embedding_res has shape " + shapeText(longClipPositions->shape) +
                    "; Long-CLIP keeps it the shape of positional_embedding " + shapeText(textPositions));
    // The heads: given, or of a published shape, or width / 64; never a silent guess.
    try {
        c.visionHeadCount = attentionHeads(c.visionWidth, c.visionLayers, c.patchSize, options.visionHeads);
    } catch (const Error& e) {
        throw Error(file + ": the vision tower: " + e.what());
    }
    try {
        c.textHeadCount = attentionHeads(c.textWidth, c.textLayers, 0, options.textHeads);
    } catch (const Error& e) {
        throw Error(file + ": the text tower: " + e.what());
    }
    sane(c.imageSize, 1, 4096, "the image size (patch size times the grid)");
    sane(c.visionLayers, 1, 256, "the number of vision blocks");
    sane(c.textLayers, 1, 256, "the number of text blocks");

    // Validate every expected key before reading any data.
    const auto expected = siglip ? clip::siglipExpectedShapes(c) : expectedShapes(c);
    {
        // The model may not need more parameters than the file can hold (2 bytes each at
        // least): views that share a small storage must not describe a huge model.
        long double parameters = 0;
        for (const auto& [key, shape] : expected) {
            long double n = 1;
            for (const auto d : shape)
                n *= static_cast<long double>(d);
            parameters += n;
        }
        std::error_code ec;
        const auto bytes = std::filesystem::is_regular_file(path, ec) ? std::filesystem::file_size(path, ec) : 0;
        if (!ec && bytes > 0 && parameters * 2 > static_cast<long double>(bytes) + (1 << 20))
            throw Error(file + " describes a model of " + std::to_string(static_cast<long long>(parameters)) +
                            " parameters, more than its " + std::to_string(bytes) + " bytes can hold",
                        "the checkpoint is damaged or crafted");
    }
    std::map<std::string, std::vector<const Piece*>> byTarget;
    for (const auto& piece : pieces)
        byTarget[piece.target].push_back(&piece);
    for (const auto& [key, shape] : expected) {
        const auto it = byTarget.find(key);
        if (it == byTarget.end())
            throw Error(file + " lacks " + key + ", which a " + c.name() + " model needs",
                        "the checkpoint is incomplete or not a CLIP model");
        for (const Piece* piece : it->second) {
            Shape found = piece->source->shape;
            Shape want = shape;
            if (piece->kind == Piece::Transposed)
                std::reverse(found.begin(), found.end());
            if (piece->kind == Piece::RowBlock)
                want[0] = want[0] / 3 * piece->blocks;
            if (piece->kind == Piece::Reshaped)
                while (found.size() > want.size() && found.front() == 1)
                    found.erase(found.begin());
            if (found != want)
                throw Error(file + " has " + piece->source->name + " of shape " + shapeText(piece->source->shape) +
                            "; expected " +
                            shapeText(piece->kind == Piece::Transposed ? Shape(want.rbegin(), want.rend()) : want) +
                            " for " + c.name());
        }
        if (key.find("in_proj") != std::string::npos && it->second.front()->kind == Piece::RowBlock) {
            std::vector<int> blocks;
            for (const Piece* piece : it->second)
                for (int b = 0; b < piece->blocks; ++b)
                    blocks.push_back(piece->block + b);
            std::sort(blocks.begin(), blocks.end());
            if (blocks != std::vector<int>{0, 1, 2})
                throw Error(file + " lacks one of the q, k, v projections of " + key);
        }
    }
    std::set<std::string> expectedKeys;
    for (const auto& [key, shape] : expected)
        expectedKeys.insert(key);
    for (const auto& piece : pieces)
        if (!expectedKeys.count(piece.target) && piece.target != "logit_scale")
            impl->unused.push_back(piece.source->name);

    // Allocate the parameters once and read each stored tensor straight into them.
    std::size_t done = 0;
    for (const auto& [key, shape] : expected) {
        torch::Tensor parameter = torch::empty(shape, torch::kFloat);
        for (const Piece* piece : byTarget.at(key)) {
            try {
                if (piece->kind == Piece::Whole) {
                    piece->source->readInto(parameter);
                } else if (piece->kind == Piece::Transposed) {
                    torch::Tensor stored = torch::empty(piece->source->shape, torch::kFloat);
                    piece->source->readInto(stored);
                    parameter.copy_(stored.t());
                } else if (piece->kind == Piece::Reshaped) {
                    torch::Tensor stored = torch::empty(piece->source->shape, torch::kFloat);
                    piece->source->readInto(stored);
                    parameter.copy_(stored.view(shape));
                } else {
                    const std::int64_t rows = shape[0] / 3;
                    torch::Tensor part = parameter.narrow(0, piece->block * rows, piece->blocks * rows);
                    piece->source->readInto(part);
                }
                // Long-CLIP: rows 0-19 of the text positions from positional_embedding, the
                // rest from positional_embedding_res (its model masks the two tables so).
                if (key == "positional_embedding" && longClipPositions && shape[0] > kLongClipKeptPositions) {
                    torch::Tensor rest = torch::empty(longClipPositions->shape, torch::kFloat);
                    longClipPositions->readInto(rest);
                    const std::int64_t n = shape[0] - kLongClipKeptPositions;
                    parameter.narrow(0, kLongClipKeptPositions, n).copy_(rest.narrow(0, kLongClipKeptPositions, n));
                }
            } catch (const c10::Error& e) {
                throw Error(file + ": reading " + piece->source->name + " failed: " + e.what_without_backtrace());
            }
        }
        if (!torch::isfinite(parameter).all().item<bool>())
            throw Error(file + ": " + key + " holds NaN or infinite values", "the checkpoint is damaged");
        impl->weights.emplace(key, std::move(parameter));
        if (progress) {
            if (progress->isCancelled())
                throw Cancelled{};
            progress->report(static_cast<std::int64_t>(++done), static_cast<std::int64_t>(expected.size()),
                             "loading weights");
        }
    }

    // Device and precision.
    bool useCuda = options.device == DeviceChoice::Cuda;
    if (options.device == DeviceChoice::Auto)
        useCuda = torch::cuda::is_available();
    if (useCuda && !torch::cuda::is_available())
        throw Error("CUDA was requested but this build of libtorch has no usable CUDA device",
                    "use --device cpu, or build against a CUDA libtorch (Torch_DIR)");
    impl->device = useCuda ? torch::Device(torch::kCUDA, 0) : torch::Device(torch::kCPU);
    impl->dtype = torch::kFloat;
    if (useCuda && (options.precision == Precision::Auto || options.precision == Precision::Float16))
        impl->dtype = torch::kHalf;
    else if (options.precision == Precision::BFloat16)
        impl->dtype = torch::kBFloat16;
    else if (!useCuda && options.precision == Precision::Float16)
        throw Error("fp16 inference is only offered on CUDA", "use fp32 (or bf16) on the CPU");
    if (useCuda && impl->dtype == torch::kFloat) {
        // fp32 on the GPU is asked for to get the reference's numbers: no TF32, which cuDNN
        // (the patch embedding) would otherwise use by default. The setting is process-wide.
        at::globalContext().setAllowTF32CuBLAS(false);
        at::globalContext().setAllowTF32CuDNN(false);
    }
    for (auto& [key, tensor] : impl->weights) {
        const bool layerNormParameter = key.find("ln_") != std::string::npos;
        tensor = tensor.to(impl->device, layerNormParameter ? torch::kFloat : impl->dtype);
    }
    impl->bind();
    return std::unique_ptr<ClipModel>(new ClipModel(std::move(impl)));
}

std::vector<float> ClipModel::encodeImages(std::span<const float> pixels, std::size_t count)
{
    const auto& c = m_impl->config;
    const std::size_t perImage = 3u * static_cast<std::size_t>(c.imageSize) * c.imageSize;
    if (pixels.size() != perImage * count)
        throw Error("encodeImages: expected " + std::to_string(count) + " images of 3 x " +
                    std::to_string(c.imageSize) + " x " + std::to_string(c.imageSize) + " values");
    c10::InferenceMode guard;
    std::vector<float> out(count * static_cast<std::size_t>(c.embedDim));
    const std::size_t batch = static_cast<std::size_t>(std::max(1, m_impl->options.batchSize));
    // The lock first (no forward pass holds threads of the budget while it waits), then all
    // its threads at once: a pass runs on the same number of threads every time, so that
    // its result never depends on what else runs. On a GPU the host needs one.
    std::lock_guard lock(inferenceMutex());
    const ThreadShare share(m_impl->device.is_cpu() ? static_cast<unsigned>(effectiveThreads(m_impl->options.threads)) : 1u,
                            ThreadShare::Wait::ForAll);
    at::set_num_threads(static_cast<int>(share.threads()));
    try {
        // On CUDA each batch goes through pinned memory and is copied without blocking, so
        // that the host never waits inside the call; the embeddings are copied back once.
        const bool staged = m_impl->device.is_cuda() && m_impl->tuning.pinnedTransfers;
        torch::Tensor onDevice;
        if (staged)
            onDevice = torch::empty({static_cast<std::int64_t>(count), c.embedDim},
                                    torch::TensorOptions().device(m_impl->device).dtype(torch::kFloat));
        for (std::size_t start = 0; start < count; start += batch) {
            const std::size_t n = std::min(batch, count - start);
            const float* first = pixels.data() + start * perImage;
            const std::vector<std::int64_t> shape = {static_cast<std::int64_t>(n), 3, c.imageSize, c.imageSize};
            if (staged) {
                // The pinned block returns to libtorch's host cache when `host` goes, but is
                // handed out again only once the copy recorded on it has finished.
                // libtorch's copy runs on its own intra-op threads; a parallel_for compiled
                // here would not (this library is built without OpenMP) and took 15 times
                // longer on a 16-core GPU machine.
                auto host = torch::empty(shape, torch::TensorOptions().dtype(torch::kFloat).pinned_memory(true));
                host.copy_(torch::from_blob(const_cast<float*>(first), shape, torch::kFloat));
                onDevice.narrow(0, static_cast<std::int64_t>(start), static_cast<std::int64_t>(n))
                    .copy_(m_impl->encodeImageBatch(host.to(m_impl->device, torch::kFloat, /*non_blocking=*/true)));
                continue;
            }
            setBlasThreads(n >= 16 ? at::get_num_threads() : 1);
            auto input = torch::from_blob(const_cast<float*>(first), shape, torch::kFloat);
            auto embeddings = m_impl->encodeImageBatch(input).cpu().contiguous();
            std::copy_n(embeddings.data_ptr<float>(), n * static_cast<std::size_t>(c.embedDim),
                        out.data() + start * static_cast<std::size_t>(c.embedDim));
        }
        if (staged) {
            const auto embeddings = onDevice.cpu();
            std::copy_n(embeddings.data_ptr<float>(), out.size(), out.data());
        }
    } catch (const c10::Error& e) {
        throw Error(std::string("the image encoder failed: ") + e.what_without_backtrace());
    }
    return out;
}

std::vector<float> ClipModel::encodeTexts(const std::vector<std::vector<int>>& tokens)
{
    const auto& c = m_impl->config;
    for (const auto& sequence : tokens) {
        if (c.family == ModelFamily::Siglip && sequence.size() != static_cast<std::size_t>(c.contextLength))
            throw Error("a SigLIP token sequence must be padded to the context of " + std::to_string(c.contextLength) +
                        " ids");
        if (sequence.empty() || sequence.size() > static_cast<std::size_t>(c.contextLength))
            throw Error("a token sequence must hold 1 to " + std::to_string(c.contextLength) + " ids");
        for (int id : sequence)
            if (id < 0 || id >= c.vocabSize)
                throw Error("token id " + std::to_string(id) + " is outside the vocabulary of " +
                            std::to_string(c.vocabSize));
    }
    c10::InferenceMode guard;
    // Batch sequences of similar length together: each batch computes only up to its
    // longest EOT, so short prompts never pay for the full context.
    std::vector<std::size_t> order(tokens.size());
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(),
                     [&](std::size_t a, std::size_t b) { return tokens[a].size() < tokens[b].size(); });
    std::vector<float> out(tokens.size() * static_cast<std::size_t>(c.embedDim));
    const std::size_t batch = static_cast<std::size_t>(std::max(1, m_impl->options.batchSize));
    // The lock first (no forward pass holds threads of the budget while it waits), then all
    // its threads at once: a pass runs on the same number of threads every time, so that
    // its result never depends on what else runs. On a GPU the host needs one.
    std::lock_guard lock(inferenceMutex());
    const ThreadShare share(m_impl->device.is_cpu() ? static_cast<unsigned>(effectiveThreads(m_impl->options.threads)) : 1u,
                            ThreadShare::Wait::ForAll);
    at::set_num_threads(static_cast<int>(share.threads()));
    setBlasThreads(1);
    try {
        for (std::size_t start = 0; start < order.size(); start += batch) {
            const std::size_t n = std::min(batch, order.size() - start);
            std::vector<const std::vector<int>*> sequences;
            for (std::size_t i = 0; i < n; ++i)
                sequences.push_back(&tokens[order[start + i]]);
            auto embeddings = m_impl->encodeTextBatch(sequences).cpu().contiguous();
            const float* data = embeddings.data_ptr<float>();
            for (std::size_t i = 0; i < n; ++i)
                std::copy_n(data + i * static_cast<std::size_t>(c.embedDim), c.embedDim,
                            out.data() + order[start + i] * static_cast<std::size_t>(c.embedDim));
        }
    } catch (const c10::Error& e) {
        throw Error(std::string("the text encoder failed: ") + e.what_without_backtrace());
    }
    return out;
}

} // namespace rscir

namespace rscir::clip {

ForwardTuning& ModelAccess::tuning(ClipModel& model)
{
    return model.m_impl->tuning;
}

torch::Device ModelAccess::device(const ClipModel& model)
{
    return model.m_impl->device;
}

torch::Tensor ModelAccess::encodeImages(ClipModel& model, const torch::Tensor& pixels)
{
    c10::InferenceMode guard;
    // The lock first (no forward pass holds threads of the budget while it waits), then all
    // its threads at once: a pass runs on the same number of threads every time, so that
    // its result never depends on what else runs. On a GPU the host needs one.
    std::lock_guard lock(inferenceMutex());
    const ThreadShare share(model.m_impl->device.is_cpu() ? static_cast<unsigned>(effectiveThreads(model.m_impl->options.threads)) : 1u,
                            ThreadShare::Wait::ForAll);
    at::set_num_threads(static_cast<int>(share.threads()));
    setBlasThreads(pixels.size(0) >= 16 ? at::get_num_threads() : 1);
    return model.m_impl->encodeImageBatch(pixels);
}

} // namespace rscir::clip
