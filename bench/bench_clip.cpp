// CLIP encoder benchmarks on random weights of the published shapes:
//   image encoder throughput (images/s) of a ViT-B/32 at batch 1, 8, 32, and the same
//   forward pass driven from Python (Debian's python3-torch, the same libtorch) for the ratio;
//   indexing throughput of ViT-B/32 and ViT-L/14 in fp32 and in bf16 (--precision bf16,
//   fast where the processor computes bf16 natively);
//   ViT-L/14 text tower latency for 3- and 20-token prompts (EOT truncation) vs all 77 positions;
//   SigLIP beside the CLIP of its width, in one run: a synthetic SigLIP ViT-B/16 (transformers
//   layout) against CLIP ViT-B/16, and the SigLIP conformance fixture (../shared, when it is
//   there) against a CLIP of the fixture's size, each in fp32 and bf16.
// The weight files are written once to $RSCIR_BENCH_DIR (default /tmp/rscir-bench).

#include "core/clip/clip_model.h"

#include <benchmark/benchmark.h>
#include <nlohmann/json.hpp>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <random>
#include <string>

using namespace rscir;

namespace {

struct Shape {
    int embed, image, patch, visionWidth, visionLayers, textWidth, textLayers;
    bool siglip = false; ///< SigLIP in transformers' layout: no class token, attention pooling
    int context = 77, vocab = 49408;
};

using TensorList = std::vector<std::pair<std::string, std::vector<std::int64_t>>>;

TensorList clipTensors(const Shape& s)
{
    TensorList tensors;
    const auto blocks = [&](const std::string& prefix, int layers, std::int64_t w) {
        for (int i = 0; i < layers; ++i) {
            const std::string p = prefix + std::to_string(i) + ".";
            for (const char* ln : {"ln_1", "ln_2"}) {
                tensors.push_back({p + ln + ".weight", {w}});
                tensors.push_back({p + ln + ".bias", {w}});
            }
            tensors.push_back({p + "attn.in_proj_weight", {3 * w, w}});
            tensors.push_back({p + "attn.in_proj_bias", {3 * w}});
            tensors.push_back({p + "attn.out_proj.weight", {w, w}});
            tensors.push_back({p + "attn.out_proj.bias", {w}});
            tensors.push_back({p + "mlp.c_fc.weight", {4 * w, w}});
            tensors.push_back({p + "mlp.c_fc.bias", {4 * w}});
            tensors.push_back({p + "mlp.c_proj.weight", {w, 4 * w}});
            tensors.push_back({p + "mlp.c_proj.bias", {w}});
        }
    };
    const std::int64_t grid = s.image / s.patch;
    tensors.push_back({"visual.conv1.weight", {s.visionWidth, 3, s.patch, s.patch}});
    tensors.push_back({"visual.class_embedding", {s.visionWidth}});
    tensors.push_back({"visual.positional_embedding", {grid * grid + 1, s.visionWidth}});
    for (const char* ln : {"visual.ln_pre", "visual.ln_post", "ln_final"}) {
        const std::int64_t w = std::string(ln) == "ln_final" ? s.textWidth : s.visionWidth;
        tensors.push_back({std::string(ln) + ".weight", {w}});
        tensors.push_back({std::string(ln) + ".bias", {w}});
    }
    blocks("visual.transformer.resblocks.", s.visionLayers, s.visionWidth);
    tensors.push_back({"visual.proj", {s.visionWidth, s.embed}});
    tensors.push_back({"token_embedding.weight", {s.vocab, s.textWidth}});
    tensors.push_back({"positional_embedding", {s.context, s.textWidth}});
    blocks("transformer.resblocks.", s.textLayers, s.textWidth);
    tensors.push_back({"text_projection", {s.textWidth, s.embed}});
    return tensors;
}

/// A SigLIP model with transformers' key names (SiglipModel).
TensorList siglipTensors(const Shape& s)
{
    TensorList tensors;
    const auto mlp = [&](const std::string& p, std::int64_t w) {
        tensors.push_back({p + "mlp.fc1.weight", {4 * w, w}});
        tensors.push_back({p + "mlp.fc1.bias", {4 * w}});
        tensors.push_back({p + "mlp.fc2.weight", {w, 4 * w}});
        tensors.push_back({p + "mlp.fc2.bias", {w}});
    };
    const auto layers = [&](const std::string& tower, int count, std::int64_t w) {
        for (int i = 0; i < count; ++i) {
            const std::string p = tower + "_model.encoder.layers." + std::to_string(i) + ".";
            for (const char* ln : {"layer_norm1", "layer_norm2"}) {
                tensors.push_back({p + ln + ".weight", {w}});
                tensors.push_back({p + ln + ".bias", {w}});
            }
            for (const char* proj : {"q_proj", "k_proj", "v_proj", "out_proj"}) {
                tensors.push_back({p + "self_attn." + proj + ".weight", {w, w}});
                tensors.push_back({p + "self_attn." + proj + ".bias", {w}});
            }
            mlp(p, w);
        }
    };
    const std::int64_t grid = s.image / s.patch, vw = s.visionWidth, tw = s.textWidth;
    tensors.push_back({"vision_model.embeddings.patch_embedding.weight", {vw, 3, s.patch, s.patch}});
    tensors.push_back({"vision_model.embeddings.patch_embedding.bias", {vw}});
    tensors.push_back({"vision_model.embeddings.position_embedding.weight", {grid * grid, vw}});
    layers("vision", s.visionLayers, vw);
    for (const char* ln : {"vision_model.post_layernorm", "vision_model.head.layernorm", "text_model.final_layer_norm"}) {
        const std::int64_t w = std::string(ln).rfind("text", 0) == 0 ? tw : vw;
        tensors.push_back({std::string(ln) + ".weight", {w}});
        tensors.push_back({std::string(ln) + ".bias", {w}});
    }
    tensors.push_back({"vision_model.head.probe", {1, 1, vw}});
    tensors.push_back({"vision_model.head.attention.in_proj_weight", {3 * vw, vw}});
    tensors.push_back({"vision_model.head.attention.in_proj_bias", {3 * vw}});
    tensors.push_back({"vision_model.head.attention.out_proj.weight", {vw, vw}});
    tensors.push_back({"vision_model.head.attention.out_proj.bias", {vw}});
    mlp("vision_model.head.", vw);
    tensors.push_back({"text_model.embeddings.token_embedding.weight", {s.vocab, tw}});
    tensors.push_back({"text_model.embeddings.position_embedding.weight", {s.context, tw}});
    layers("text", s.textLayers, tw);
    tensors.push_back({"text_model.head.weight", {vw, tw}});
    tensors.push_back({"text_model.head.bias", {vw}});
    return tensors;
}

std::filesystem::path benchDir()
{
    const char* env = std::getenv("RSCIR_BENCH_DIR");
    std::filesystem::path dir = env ? env : "/tmp/rscir-bench";
    std::filesystem::create_directories(dir);
    return dir;
}

/// Writes random weights of the given CLIP shape as open_clip-named safetensors.
std::filesystem::path randomCheckpoint(const std::string& name, const Shape& s)
{
    const auto path = benchDir() / (name + ".safetensors");
    if (std::filesystem::exists(path))
        return path;
    const TensorList tensors = s.siglip ? siglipTensors(s) : clipTensors(s);

    nlohmann::json header = nlohmann::json::object();
    std::uint64_t offset = 0;
    for (const auto& [key, shape] : tensors) {
        std::uint64_t n = 1;
        for (auto d : shape)
            n *= static_cast<std::uint64_t>(d);
        header[key] = {{"dtype", "F32"}, {"shape", shape}, {"data_offsets", {offset, offset + 4 * n}}};
        offset += 4 * n;
    }
    // Write in header order (the JSON object is sorted by key).
    const std::string text = header.dump();
    const auto partial = path.string() + ".part";
    std::ofstream out(partial, std::ios::binary);
    const std::uint64_t length = text.size();
    out.write(reinterpret_cast<const char*>(&length), 8);
    out << text;
    std::map<std::uint64_t, std::pair<std::string, std::uint64_t>> byOffset;
    for (const auto& [key, info] : header.items())
        byOffset[info["data_offsets"][0].get<std::uint64_t>()] = {
            key, (info["data_offsets"][1].get<std::uint64_t>() - info["data_offsets"][0].get<std::uint64_t>()) / 4};
    std::mt19937 rng(5);
    std::normal_distribution<float> normal(0.0f, 0.02f);
    std::vector<float> buffer;
    for (const auto& [start, entry] : byOffset) {
        buffer.resize(entry.second);
        const bool scale = (entry.first.find("ln_") != std::string::npos ||
                            entry.first.find("norm") != std::string::npos) &&
                           entry.first.find("weight") != std::string::npos;
        for (auto& v : buffer)
            v = scale ? 1.0f : normal(rng);
        out.write(reinterpret_cast<const char*>(buffer.data()), static_cast<std::streamsize>(buffer.size() * 4));
    }
    out.close();
    std::filesystem::rename(partial, path);
    return path;
}

/// The SigLIP conformance fixture, where ../shared is beside the source tree.
std::filesystem::path siglipFixture()
{
    const char* shared = std::getenv("RSCIR_SHARED_DIR");
    return std::filesystem::path(shared ? shared : RSCIR_SOURCE_DIR "/../shared") / "conformance/siglip/hf/model.safetensors";
}

ClipModel& model(const std::string& name, Precision precision = Precision::Float32)
{
    static std::map<std::pair<std::string, Precision>, std::unique_ptr<ClipModel>> models;
    auto& slot = models[{name, precision}];
    if (!slot) {
        static const std::map<std::string, Shape> shapes = {
            {"ViT-B-32", {512, 224, 32, 768, 12, 512, 12}},
            {"ViT-L-14", {768, 224, 14, 1024, 24, 768, 12}},
            {"ViT-B-16", {512, 224, 16, 768, 12, 512, 12}},
            {"SigLIP-B-16", {768, 224, 16, 768, 12, 768, 12, true, 64, 32000}},
            {"CLIP-fixture-size", {96, 64, 16, 96, 2, 96, 2, false, 16, 500}}, // the SigLIP fixture's size
        };
        ClipOptions options;
        options.device = DeviceChoice::Cpu;
        options.batchSize = 64;
        options.precision = precision;
        options.activation = name.rfind("SigLIP", 0) == 0 ? Activation::GeluTanh : Activation::Gelu;
        if (name == "SigLIP-fixture") {
            options.visionHeads = options.textHeads = 3;
            slot = ClipModel::load(siglipFixture(), options);
        } else {
            if (name == "CLIP-fixture-size")
                options.visionHeads = options.textHeads = 3;
            slot = ClipModel::load(randomCheckpoint(name, shapes.at(name)), options);
        }
    }
    return *slot;
}

/// Indexing throughput: a batch of 16 images through the image tower.
void BM_Indexing(benchmark::State& state, const std::string& name, Precision precision)
{
    if (name == "SigLIP-fixture" && !std::filesystem::exists(siglipFixture())) {
        state.SkipWithError("the SigLIP fixture is not there (set RSCIR_SHARED_DIR)");
        return;
    }
    auto& m = model(name, precision);
    constexpr std::size_t batch = 16;
    const std::size_t side = static_cast<std::size_t>(m.config().imageSize);
    std::vector<float> pixels(batch * 3 * side * side);
    std::mt19937 rng(5);
    std::normal_distribution<float> normal;
    for (auto& v : pixels)
        v = normal(rng);
    for (auto _ : state)
        benchmark::DoNotOptimize(m.encodeImages(pixels, batch).data());
    state.counters["images/s"] =
        benchmark::Counter(static_cast<double>(state.iterations() * batch), benchmark::Counter::kIsRate);
    state.SetLabel(m.config().name() + ", " + m.precisionName() +
                   (cpuHasNativeBf16() ? ", native bf16" : ", no native bf16"));
}

void BM_ImageEncoderB32(benchmark::State& state)
{
    auto& m = model("ViT-B-32");
    const std::size_t batch = static_cast<std::size_t>(state.range(0));
    std::vector<float> pixels(batch * 3 * 224 * 224, 0.1f);
    for (auto _ : state)
        benchmark::DoNotOptimize(m.encodeImages(pixels, batch).data());
    state.counters["images/s"] =
        benchmark::Counter(static_cast<double>(state.iterations() * batch), benchmark::Counter::kIsRate);
}

void BM_TextTowerL14(benchmark::State& state)
{
    auto& m = model("ViT-L-14");
    std::vector<int> tokens{49406};
    for (int i = 1; i + 1 < state.range(0); ++i)
        tokens.push_back(320 + i);
    tokens.push_back(49407);
    for (auto _ : state)
        benchmark::DoNotOptimize(m.encodeTexts({tokens}).data());
    state.SetLabel(std::to_string(state.range(0)) + " positions");
}

BENCHMARK(BM_ImageEncoderB32)->Arg(1)->Arg(8)->Arg(32)->Unit(benchmark::kMillisecond)->UseRealTime()->MinTime(3.0);
BENCHMARK(BM_TextTowerL14)->Arg(3)->Arg(20)->Arg(77)->Unit(benchmark::kMillisecond)->UseRealTime()->MinTime(2.0);
BENCHMARK_CAPTURE(BM_Indexing, B32_fp32, std::string("ViT-B-32"), Precision::Float32)
    ->Unit(benchmark::kMillisecond)->UseRealTime()->MinTime(3.0);
BENCHMARK_CAPTURE(BM_Indexing, B32_bf16, std::string("ViT-B-32"), Precision::BFloat16)
    ->Unit(benchmark::kMillisecond)->UseRealTime()->MinTime(3.0);
BENCHMARK_CAPTURE(BM_Indexing, L14_fp32, std::string("ViT-L-14"), Precision::Float32)
    ->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(2);
BENCHMARK_CAPTURE(BM_Indexing, L14_bf16, std::string("ViT-L-14"), Precision::BFloat16)
    ->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(2);

} // namespace

int main(int argc, char** argv)
{
    benchmark::Initialize(&argc, argv);
    std::printf("libtorch threads: %d\n", setTorchThreads(0));
    benchmark::RunSpecifiedBenchmarks();
    // The same forward pass from Python, same libtorch, same machine, same run.
    const char* python = std::getenv("RSCIR_BENCH_PYTHON");
    const std::string interpreter = python ? python : "/usr/bin/python3";
    const std::filesystem::path script = std::filesystem::path(RSCIR_SOURCE_DIR) / "bench" / "clip_forward.py";
    const std::string command = interpreter + " " + script.string() + " " +
                                (benchDir() / "ViT-B-32.safetensors").string() + " --threads " +
                                std::to_string(setTorchThreads(0)) + " --batches 1,8,32";
    std::printf("\nPython reference (%s):\n", command.c_str());
    std::fflush(stdout);
    if (std::system(command.c_str()) != 0)
        std::printf(
            "  (python3-torch is not installed: install it to compare, e.g. packaging/install-deps.sh --extras)\n");
    benchmark::Shutdown();
    return 0;
}
// SigLIP beside the CLIP of its width, in one run (the attention-pooling head is one query).
BENCHMARK_CAPTURE(BM_Indexing, SigLIP_fixture_fp32, std::string("SigLIP-fixture"), Precision::Float32)
    ->Unit(benchmark::kMillisecond)->UseRealTime()->MinTime(2.0);
BENCHMARK_CAPTURE(BM_Indexing, CLIP_fixture_size_fp32, std::string("CLIP-fixture-size"), Precision::Float32)
    ->Unit(benchmark::kMillisecond)->UseRealTime()->MinTime(2.0);
BENCHMARK_CAPTURE(BM_Indexing, SigLIP_fixture_bf16, std::string("SigLIP-fixture"), Precision::BFloat16)
    ->Unit(benchmark::kMillisecond)->UseRealTime()->MinTime(2.0);
BENCHMARK_CAPTURE(BM_Indexing, CLIP_fixture_size_bf16, std::string("CLIP-fixture-size"), Precision::BFloat16)
    ->Unit(benchmark::kMillisecond)->UseRealTime()->MinTime(2.0);
BENCHMARK_CAPTURE(BM_Indexing, SigLIP_B16_fp32, std::string("SigLIP-B-16"), Precision::Float32)
    ->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(3);
BENCHMARK_CAPTURE(BM_Indexing, CLIP_B16_fp32, std::string("ViT-B-16"), Precision::Float32)
    ->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(3);
BENCHMARK_CAPTURE(BM_Indexing, SigLIP_B16_bf16, std::string("SigLIP-B-16"), Precision::BFloat16)
    ->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(3);
BENCHMARK_CAPTURE(BM_Indexing, CLIP_B16_bf16, std::string("ViT-B-16"), Precision::BFloat16)
    ->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(3);
