#pragma once
// A tiny CLIP ViT with random weights, written by the tests themselves: embed 8,
// image 64, patch 32, widths 64 with one block each, vocabulary 600, context 16.
// Real models use the same code paths, only larger.

#include <QString>

#include <nlohmann/json.hpp>

#include <cstdint>
#include <fstream>
#include <functional>
#include <map>
#include <random>
#include <string>
#include <vector>

namespace rscir::test {

using Shape = std::vector<std::int64_t>;
struct Entry {
    Shape shape;
    std::string dtype = "F32";
};

/// The tensors of a tiny CLIP ViT: embed 8, image 64, patch 32, widths 64, one block each, vocabulary 600.
inline std::map<std::string, Entry> tinyModel()
{
    std::map<std::string, Entry> m;
    const auto blocks = [&](const std::string& prefix, std::int64_t w) {
        const std::string p = prefix + "0.";
        m[p + "ln_1.weight"] = {{w}};
        m[p + "ln_1.bias"] = {{w}};
        m[p + "attn.in_proj_weight"] = {{3 * w, w}};
        m[p + "attn.in_proj_bias"] = {{3 * w}};
        m[p + "attn.out_proj.weight"] = {{w, w}};
        m[p + "attn.out_proj.bias"] = {{w}};
        m[p + "ln_2.weight"] = {{w}};
        m[p + "ln_2.bias"] = {{w}};
        m[p + "mlp.c_fc.weight"] = {{4 * w, w}};
        m[p + "mlp.c_fc.bias"] = {{4 * w}};
        m[p + "mlp.c_proj.weight"] = {{w, 4 * w}};
        m[p + "mlp.c_proj.bias"] = {{w}};
    };
    m["visual.conv1.weight"] = {{64, 3, 32, 32}};
    m["visual.class_embedding"] = {{64}};
    m["visual.positional_embedding"] = {{5, 64}};
    m["visual.ln_pre.weight"] = {{64}};
    m["visual.ln_pre.bias"] = {{64}};
    blocks("visual.transformer.resblocks.", 64);
    m["visual.ln_post.weight"] = {{64}};
    m["visual.ln_post.bias"] = {{64}};
    m["visual.proj"] = {{64, 8}};
    m["token_embedding.weight"] = {{600, 64}};
    m["positional_embedding"] = {{16, 64}};
    blocks("transformer.resblocks.", 64);
    m["ln_final.weight"] = {{64}};
    m["ln_final.bias"] = {{64}};
    m["text_projection"] = {{64, 8}};
    m["logit_scale"] = {{}};
    return m;
}

inline std::size_t count(const Shape& s)
{
    std::size_t n = 1;
    for (auto d : s)
        n *= static_cast<std::size_t>(d);
    return n;
}

/// Writes a safetensors file; `edit` may change the header before it is written.
inline std::string writeSafetensors(const QString& path, const std::map<std::string, Entry>& tensors,
                                    const std::function<void(nlohmann::json&)>& edit = {}, unsigned seed = 1)
{
    nlohmann::json header = nlohmann::json::object();
    std::string data;
    std::mt19937 rng(seed);
    std::normal_distribution<float> normal(0.0f, 0.02f);
    for (const auto& [name, entry] : tensors) {
        const std::size_t n = count(entry.shape);
        const std::size_t begin = data.size();
        for (std::size_t i = 0; i < n; ++i) {
            float v =
                name.find("ln_") != std::string::npos && name.find("weight") != std::string::npos ? 1.0f : normal(rng);
            data.append(reinterpret_cast<const char*>(&v), 4);
        }
        header[name] = {{"dtype", entry.dtype}, {"shape", entry.shape}, {"data_offsets", {begin, data.size()}}};
    }
    if (edit)
        edit(header);
    const std::string text = header.dump();
    std::ofstream out(path.toStdString(), std::ios::binary);
    const std::uint64_t length = text.size();
    out.write(reinterpret_cast<const char*>(&length), 8);
    out << text << data;
    return path.toStdString();
}

/// Writes the tiny model to `path` and returns the path.
inline std::string writeTinyModel(const QString& path, unsigned seed = 1)
{
    return writeSafetensors(path, tinyModel(), {}, seed);
}

} // namespace rscir::test
