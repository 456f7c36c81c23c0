#include "core/clip/detail/layout.h"

#include <algorithm>
#include <regex>

namespace rscir::clip {

bool isSiglipCheckpoint(const Checkpoint& checkpoint)
{
    return std::any_of(checkpoint.tensors.begin(), checkpoint.tensors.end(), [](const StoredTensor& t) {
        return t.name == "vision_model.head.probe" || t.name == "visual.trunk.attn_pool.latent";
    });
}

bool isHuggingFaceLayout(const Checkpoint& checkpoint)
{
    return std::any_of(checkpoint.tensors.begin(), checkpoint.tensors.end(), [](const StoredTensor& t) {
        return t.name.rfind("vision_model.", 0) == 0 || t.name.rfind("text_model.", 0) == 0;
    });
}

namespace {

/// The parts of a timm transformer block.
std::optional<Piece> timmBlockPart(const std::string& prefix, const std::string& rest)
{
    static const std::map<std::string, std::string> timm = {
        {"norm1.weight", "ln_1.weight"},         {"norm1.bias", "ln_1.bias"},
        {"norm2.weight", "ln_2.weight"},         {"norm2.bias", "ln_2.bias"},
        {"attn.qkv.weight", "attn.in_proj_weight"}, {"attn.qkv.bias", "attn.in_proj_bias"},
        {"attn.proj.weight", "attn.out_proj.weight"}, {"attn.proj.bias", "attn.out_proj.bias"},
        {"mlp.fc1.weight", "mlp.c_fc.weight"},   {"mlp.fc1.bias", "mlp.c_fc.bias"},
        {"mlp.fc2.weight", "mlp.c_proj.weight"}, {"mlp.fc2.bias", "mlp.c_proj.bias"},
    };
    if (const auto it = timm.find(rest); it != timm.end())
        return Piece{prefix + it->second};
    return std::nullopt;
}

} // namespace

std::optional<Piece> siglipPiece(const std::string& name, bool huggingFace)
{
    static const std::regex hfLayer(R"((vision|text)_model\.encoder\.layers\.(\d+)\.(.+))");
    static const std::regex timmBlock(R"(visual\.trunk\.blocks\.(\d+)\.(.+))");
    static const std::regex textBlock(R"(text\.transformer\.resblocks\.(\d+)\.(.+))");
    std::smatch m;
    if (huggingFace && std::regex_match(name, m, hfLayer))
        return fromHuggingFace(name); // the encoder layers are named as CLIPModel's
    if (!huggingFace && std::regex_match(name, m, timmBlock))
        return timmBlockPart("visual.transformer.resblocks." + m[1].str() + ".", m[2]);
    if (!huggingFace && std::regex_match(name, m, textBlock))
        return Piece{"transformer.resblocks." + m[1].str() + "." + m[2].str()}; // open_clip's own names

    static const std::map<std::string, Piece> hf = {
        {"vision_model.embeddings.patch_embedding.weight", {"visual.conv1.weight"}},
        {"vision_model.embeddings.patch_embedding.bias", {"visual.conv1.bias"}},
        {"vision_model.embeddings.position_embedding.weight", {"visual.positional_embedding"}},
        {"vision_model.post_layernorm.weight", {"visual.ln_post.weight"}},
        {"vision_model.post_layernorm.bias", {"visual.ln_post.bias"}},
        {"vision_model.head.probe", {"visual.attn_pool.probe", Piece::Reshaped}},
        {"vision_model.head.attention.in_proj_weight", {"visual.attn_pool.in_proj_weight"}},
        {"vision_model.head.attention.in_proj_bias", {"visual.attn_pool.in_proj_bias"}},
        {"vision_model.head.attention.out_proj.weight", {"visual.attn_pool.out_proj.weight"}},
        {"vision_model.head.attention.out_proj.bias", {"visual.attn_pool.out_proj.bias"}},
        {"vision_model.head.layernorm.weight", {"visual.attn_pool.ln_1.weight"}},
        {"vision_model.head.layernorm.bias", {"visual.attn_pool.ln_1.bias"}},
        {"vision_model.head.mlp.fc1.weight", {"visual.attn_pool.mlp.c_fc.weight"}},
        {"vision_model.head.mlp.fc1.bias", {"visual.attn_pool.mlp.c_fc.bias"}},
        {"vision_model.head.mlp.fc2.weight", {"visual.attn_pool.mlp.c_proj.weight"}},
        {"vision_model.head.mlp.fc2.bias", {"visual.attn_pool.mlp.c_proj.bias"}},
        {"text_model.embeddings.token_embedding.weight", {"token_embedding.weight"}},
        {"text_model.embeddings.position_embedding.weight", {"positional_embedding"}},
        {"text_model.final_layer_norm.weight", {"ln_final.weight"}},
        {"text_model.final_layer_norm.bias", {"ln_final.bias"}},
        {"text_model.head.weight", {"text_projection.weight"}},
        {"text_model.head.bias", {"text_projection.bias"}},
    };
    static const std::map<std::string, Piece> openClip = {
        {"visual.trunk.patch_embed.proj.weight", {"visual.conv1.weight"}},
        {"visual.trunk.patch_embed.proj.bias", {"visual.conv1.bias"}},
        {"visual.trunk.pos_embed", {"visual.positional_embedding", Piece::Reshaped}},
        {"visual.trunk.norm.weight", {"visual.ln_post.weight"}},
        {"visual.trunk.norm.bias", {"visual.ln_post.bias"}},
        {"visual.trunk.attn_pool.latent", {"visual.attn_pool.probe", Piece::Reshaped}},
        {"visual.trunk.attn_pool.q.weight", {"visual.attn_pool.in_proj_weight", Piece::RowBlock, 0, 1}},
        {"visual.trunk.attn_pool.q.bias", {"visual.attn_pool.in_proj_bias", Piece::RowBlock, 0, 1}},
        {"visual.trunk.attn_pool.kv.weight", {"visual.attn_pool.in_proj_weight", Piece::RowBlock, 1, 2}},
        {"visual.trunk.attn_pool.kv.bias", {"visual.attn_pool.in_proj_bias", Piece::RowBlock, 1, 2}},
        {"visual.trunk.attn_pool.proj.weight", {"visual.attn_pool.out_proj.weight"}},
        {"visual.trunk.attn_pool.proj.bias", {"visual.attn_pool.out_proj.bias"}},
        {"visual.trunk.attn_pool.norm.weight", {"visual.attn_pool.ln_1.weight"}},
        {"visual.trunk.attn_pool.norm.bias", {"visual.attn_pool.ln_1.bias"}},
        {"visual.trunk.attn_pool.mlp.fc1.weight", {"visual.attn_pool.mlp.c_fc.weight"}},
        {"visual.trunk.attn_pool.mlp.fc1.bias", {"visual.attn_pool.mlp.c_fc.bias"}},
        {"visual.trunk.attn_pool.mlp.fc2.weight", {"visual.attn_pool.mlp.c_proj.weight"}},
        {"visual.trunk.attn_pool.mlp.fc2.bias", {"visual.attn_pool.mlp.c_proj.bias"}},
        {"text.token_embedding.weight", {"token_embedding.weight"}},
        {"text.positional_embedding", {"positional_embedding"}},
        {"text.ln_final.weight", {"ln_final.weight"}},
        {"text.ln_final.bias", {"ln_final.bias"}},
        {"text.text_projection.weight", {"text_projection.weight"}},
        {"text.text_projection.bias", {"text_projection.bias"}},
    };
    const auto& direct = huggingFace ? hf : openClip;
    if (const auto it = direct.find(name); it != direct.end())
        return it->second;
    return std::nullopt;
}

std::vector<std::pair<std::string, Shape>> siglipExpectedShapes(const ClipConfig& c)
{
    std::vector<std::pair<std::string, Shape>> shapes;
    const auto mlp = [&](const std::string& p, std::int64_t w, std::int64_t hidden) {
        shapes.push_back({p + "mlp.c_fc.weight", {hidden, w}});
        shapes.push_back({p + "mlp.c_fc.bias", {hidden}});
        shapes.push_back({p + "mlp.c_proj.weight", {w, hidden}});
        shapes.push_back({p + "mlp.c_proj.bias", {w}});
    };
    const auto blocks = [&](const std::string& prefix, int layers, std::int64_t w, std::int64_t hidden) {
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
            mlp(p, w, hidden);
        }
    };
    const std::int64_t vw = c.visionWidth, tw = c.textWidth, grid = c.imageSize / c.patchSize;
    shapes.push_back({"visual.conv1.weight", {vw, 3, c.patchSize, c.patchSize}});
    shapes.push_back({"visual.conv1.bias", {vw}});
    shapes.push_back({"visual.positional_embedding", {grid * grid, vw}});
    blocks("visual.transformer.resblocks.", c.visionLayers, vw, c.visionMlp);
    shapes.push_back({"visual.ln_post.weight", {vw}});
    shapes.push_back({"visual.ln_post.bias", {vw}});
    shapes.push_back({"visual.attn_pool.probe", {vw}});
    shapes.push_back({"visual.attn_pool.in_proj_weight", {3 * vw, vw}});
    shapes.push_back({"visual.attn_pool.in_proj_bias", {3 * vw}});
    shapes.push_back({"visual.attn_pool.out_proj.weight", {vw, vw}});
    shapes.push_back({"visual.attn_pool.out_proj.bias", {vw}});
    shapes.push_back({"visual.attn_pool.ln_1.weight", {vw}});
    shapes.push_back({"visual.attn_pool.ln_1.bias", {vw}});
    mlp("visual.attn_pool.", vw, c.headMlp);
    shapes.push_back({"token_embedding.weight", {c.vocabSize, tw}});
    shapes.push_back({"positional_embedding", {c.contextLength, tw}});
    blocks("transformer.resblocks.", c.textLayers, tw, c.textMlp);
    shapes.push_back({"ln_final.weight", {tw}});
    shapes.push_back({"ln_final.bias", {tw}});
    shapes.push_back({"text_projection.weight", {c.embedDim, tw}});
    shapes.push_back({"text_projection.bias", {c.embedDim}});
    return shapes;
}

} // namespace rscir::clip
