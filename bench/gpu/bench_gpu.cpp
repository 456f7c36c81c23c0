// The CLIP encoder on a GPU (or, to check the program, on the CPU): conformance of the
// fixtures on the device, image-tower throughput with the FLOPs it reaches, text-tower
// latency and peak memory, written as one JSON document. bench/gpu/run.sh builds it against
// the machine's libtorch, runs it beside the same forward in Python and merges the two.
//
//   bench_gpu --device cuda --fixtures bench/gpu/fixtures --models DIR --out cpp.json
//             [--archs B-32,L-14] [--dtypes fp16,bf16] [--batches 1,8,32,128,256]
//             [--seconds 1] [--deadline EPOCH] [--work DIR] [--ablation-batch 128] [--cpu-ablation]
//
// DIR holds <arch>.safetensors as bench/synthetic_vit.py writes them. --work receives the
// probe inputs and embeddings that the Python side compares against its own forward.

#include "core/base/error.h"
#include "core/base/npy.h"
#include "core/clip/clip_model.h"
#include "forward.h" // core/clip/detail, through rscir_clip_internals

#include <torch/torch.h>

#ifdef RSCIR_CUDA_MEMORY_STATS
#include <c10/cuda/CUDACachingAllocator.h>
#endif

#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iostream>
#include <optional>
#include <span>
#include <sstream>
#include <string>
#include <vector>

using namespace rscir;
using json = nlohmann::json;
namespace fs = std::filesystem;

namespace {

double epochSeconds()
{
    return std::chrono::duration<double>(std::chrono::system_clock::now().time_since_epoch()).count();
}

std::vector<std::string> splitList(const std::string& text)
{
    std::vector<std::string> items;
    std::stringstream in(text);
    for (std::string item; std::getline(in, item, ',');)
        if (!item.empty())
            items.push_back(item);
    return items;
}

struct Options {
    std::string device = "cuda";
    fs::path fixtures;
    fs::path models;
    fs::path out = "bench_gpu.json";
    fs::path work;
    std::vector<std::string> archs = {"B-32", "L-14"};
    std::vector<std::string> dtypes; // default: fp16,bf16 on CUDA, fp32 on the CPU
    std::vector<int> batches = {1, 8, 32, 128, 256};
    double seconds = 1.0;
    double deadline = 0; // epoch seconds; 0: an hour from the start
    int ablationBatch = 128;
    bool cpuAblation = false;
};

Options parseOptions(int argc, char** argv)
{
    Options o;
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        const auto value = [&]() -> std::string {
            if (i + 1 >= argc)
                throw Error(a + " needs a value");
            return argv[++i];
        };
        if (a == "--device")
            o.device = value();
        else if (a == "--fixtures")
            o.fixtures = value();
        else if (a == "--models")
            o.models = value();
        else if (a == "--out")
            o.out = value();
        else if (a == "--work")
            o.work = value();
        else if (a == "--archs")
            o.archs = splitList(value());
        else if (a == "--dtypes")
            o.dtypes = splitList(value());
        else if (a == "--batches") {
            o.batches.clear();
            for (const auto& b : splitList(value()))
                o.batches.push_back(std::stoi(b));
        } else if (a == "--seconds")
            o.seconds = std::stod(value());
        else if (a == "--deadline")
            o.deadline = std::stod(value());
        else if (a == "--ablation-batch")
            o.ablationBatch = std::stoi(value());
        else if (a == "--cpu-ablation")
            o.cpuAblation = true;
        else
            throw Error("unknown option " + a);
    }
    if (o.device != "cuda" && o.device != "cpu")
        throw Error("--device is cuda or cpu");
    if (o.dtypes.empty())
        o.dtypes = o.device == "cuda" ? std::vector<std::string>{"fp16", "bf16"} : std::vector<std::string>{"fp32"};
    if (o.batches.empty() || *std::min_element(o.batches.begin(), o.batches.end()) < 1)
        throw Error("--batches needs positive sizes");
    if (o.deadline <= 0)
        o.deadline = epochSeconds() + 3600;
    return o;
}

/// FLOPs of one image through the image tower, counting the matrix products (2 per
/// multiply-add): patch embedding, per block QKV, attention (scores and weighted sum),
/// output projection and the MLP, and the final projection of the class token.
double imageFlops(const ClipConfig& c)
{
    const double w = c.visionWidth, grid = c.imageSize / c.patchSize, n = grid * grid + 1;
    const double patch = 2.0 * grid * grid * (3.0 * c.patchSize * c.patchSize) * w;
    const double block = 2.0 * n * w * (3 * w + w + 4 * w + 4 * w) + 2.0 * 2.0 * n * n * w;
    return patch + c.visionLayers * block + 2.0 * w * c.embedDim;
}

/// Deterministic pixels in [-2, 2] (a linear congruential sequence): the same on every machine.
void fillPixels(std::vector<float>& pixels, std::uint32_t seed)
{
    std::uint32_t state = seed * 2654435761u + 1u;
    for (float& p : pixels) {
        state = state * 1664525u + 1013904223u;
        p = static_cast<float>(state >> 8) / static_cast<float>(1u << 24) * 4.0f - 2.0f;
    }
}

struct Difference {
    double maxAbs = 0;
    double minCos = 1;
};

Difference compareRows(const std::vector<float>& got, const std::vector<float>& expected, std::size_t dim)
{
    if (got.size() != expected.size())
        throw Error("compared arrays differ in size: " + std::to_string(got.size()) + " and " +
                    std::to_string(expected.size()));
    Difference d;
    for (std::size_t r = 0; r < got.size() / dim; ++r) {
        double dot = 0, a = 0, b = 0;
        for (std::size_t c = 0; c < dim; ++c) {
            const double x = got[r * dim + c], y = expected[r * dim + c];
            d.maxAbs = std::max(d.maxAbs, std::fabs(x - y));
            dot += x * y;
            a += x * x;
            b += y * y;
        }
        d.minCos = std::min(d.minCos, dot / std::sqrt(a * b));
    }
    return d;
}

Precision precisionOf(const std::string& dtype)
{
    return parsePrecision(dtype);
}

/// The tolerance each precision is held to: fp32 to the CPU's (the conformance tests);
/// fp16 and bf16 to what their rounding allows, reported beside what was reached.
std::pair<double, double> toleranceOf(const std::string& dtype)
{
    if (dtype == "fp16")
        return {2e-3, 0.9999};
    if (dtype == "bf16")
        return {1.5e-2, 0.999};
    return {1e-4, 0.99999};
}

class Bench {
public:
    explicit Bench(Options options)
        : m_o(std::move(options)), m_cuda(m_o.device == "cuda"),
          m_device(m_cuda ? torch::Device(torch::kCUDA, 0) : torch::Device(torch::kCPU))
    {
    }

    int run()
    {
        environment();
        // The matrix product first: on the CPU the encoder changes OpenBLAS's thread count.
        section("matmul_peak", [&] { matmulPeak(); });
        section("conformance", [&] { conformance(); });
        section("models", [&] { models(); });
        if (m_o.cpuAblation)
            section("cpu_ablation", [&] { cpuAblation(); });
        m_result["peak_memory_mib"] = m_overallPeak > 0 ? json(m_overallPeak) : json(nullptr);
        m_result["finished"] = true;
        save();
        return m_failed ? 1 : 0;
    }

private:
    Options m_o;
    bool m_cuda;
    torch::Device m_device;
    json m_result = json::object();
    bool m_failed = false;
    double m_overallPeak = 0;

    bool timeLeft(double reserve = 0) const { return epochSeconds() + reserve < m_o.deadline; }

    void skip(const std::string& what, const std::string& why)
    {
        m_result["skipped"].push_back({{"what", what}, {"why", why}});
        std::cerr << "bench_gpu: skipped " << what << ": " << why << "\n";
    }

    void save() const
    {
        const fs::path temporary = m_o.out.string() + ".part";
        {
            std::ofstream out(temporary);
            out << m_result.dump(1) << "\n";
        }
        fs::rename(temporary, m_o.out);
    }

    void section(const std::string& name, const std::function<void()>& body)
    {
        try {
            body();
        } catch (const c10::Error& e) {
            error(name, e.what_without_backtrace());
        } catch (const std::exception& e) {
            error(name, e.what());
        }
        save();
    }

    void error(const std::string& where, const std::string& what)
    {
        m_failed = true;
        m_result["errors"].push_back({{"where", where}, {"what", what}});
        std::cerr << "bench_gpu: " << where << ": " << what << "\n";
    }

    void synchronize() const
    {
        if (m_cuda)
            torch::cuda::synchronize();
    }

    void resetPeak() const
    {
#ifdef RSCIR_CUDA_MEMORY_STATS
        if (m_cuda)
            c10::cuda::CUDACachingAllocator::resetPeakStats(0);
#endif
    }

    /// Peak bytes allocated and reserved by libtorch's CUDA allocator since the last reset, in MiB.
    json peakMemory()
    {
#ifdef RSCIR_CUDA_MEMORY_STATS
        if (m_cuda) {
            const auto stats = c10::cuda::CUDACachingAllocator::getDeviceStats(0);
            const double allocated = static_cast<double>(stats.allocated_bytes[0].peak) / (1 << 20);
            const double reserved = static_cast<double>(stats.reserved_bytes[0].peak) / (1 << 20);
            m_overallPeak = std::max(m_overallPeak, allocated);
            return {{"allocated", allocated}, {"reserved", reserved}};
        }
#endif
        return nullptr;
    }

    void releaseCache() const
    {
#ifdef RSCIR_CUDA_MEMORY_STATS
        if (m_cuda)
            c10::cuda::CUDACachingAllocator::emptyCache();
#endif
    }

    struct Timing {
        double secondsPerRun = 0;
        int runs = 0;
    };

    /// Runs `once` to warm up, times one more run, then as many as fit in --seconds (3 to
    /// 200), waiting for the device after each so that no run overlaps the clock.
    Timing measure(const std::function<void()>& once) const
    {
        using Clock = std::chrono::steady_clock;
        once();
        synchronize();
        auto start = Clock::now();
        once();
        synchronize();
        const double first = std::chrono::duration<double>(Clock::now() - start).count();
        const int runs = std::clamp(static_cast<int>(m_o.seconds / std::max(first, 1e-6)), 3, 200);
        start = Clock::now();
        for (int i = 0; i < runs; ++i) {
            once();
            synchronize();
        }
        return {std::chrono::duration<double>(Clock::now() - start).count() / runs, runs};
    }

    void environment()
    {
        if (m_cuda) {
            // fp32 on the GPU means fp32: no TF32 in cuBLAS or cuDNN (the conformance checks).
            at::globalContext().setAllowTF32CuBLAS(false);
            at::globalContext().setAllowTF32CuDNN(false);
        }
        json& env = m_result["environment"];
        env["libtorch"] = TORCH_VERSION;
        env["device"] = m_o.device;
        env["cuda_available"] = cudaAvailable();
        env["cuda_devices"] = m_cuda ? static_cast<int>(torch::cuda::device_count()) : 0;
        env["cudnn_available"] = m_cuda && torch::cuda::cudnn_is_available();
        env["cpu_threads"] = setTorchThreads(0);
        env["fused_attention_available"] = clip::fusedAttentionAvailable();
        env["tf32"] = m_cuda ? json(false) : json(nullptr);
#ifdef RSCIR_CUDA_MEMORY_STATS
        env["memory_stats"] = true;
#else
        env["memory_stats"] = false;
#endif
        json& bench = m_result["bench"];
        bench["archs"] = m_o.archs;
        bench["dtypes"] = m_o.dtypes;
        bench["batches"] = m_o.batches;
        bench["seconds_per_measurement"] = m_o.seconds;
        bench["deadline"] = m_o.deadline;
        if (m_cuda && !cudaAvailable())
            throw Error("--device cuda, but this libtorch has no usable CUDA device");
        save();
    }

    // ---- conformance ----------------------------------------------------------------

    struct FixtureModel {
        std::string name; ///< e.g. gelu_b32/open_clip.safetensors
        fs::path checkpoint;
        Activation activation = Activation::Gelu;
        int visionHeads = 0, textHeads = 0;
        fs::path expectedImages, expectedTexts;
    };

    void conformance()
    {
        const fs::path dir = m_o.fixtures;
        if (dir.empty() || !fs::exists(dir / "manifest.json")) {
            skip("conformance", "no fixtures (run bench/gpu/prepare.sh)");
            return;
        }
        std::ifstream in(dir / "manifest.json");
        const json manifest = json::parse(in);
        std::vector<float> pixels;
        std::size_t imageCount = 0;
        for (const auto& image : manifest["images"]) {
            const auto stem = fs::path(image.get<std::string>()).stem().string();
            const auto values = readNpy(dir / "expected" / ("pixels_" + stem + ".npy")).toFloat();
            pixels.insert(pixels.end(), values.begin(), values.end());
            ++imageCount;
        }
        std::vector<std::vector<int>> tokens;
        for (const auto& text : manifest["texts"])
            tokens.push_back(text["tokens"].get<std::vector<int>>());

        std::vector<FixtureModel> fixtures;
        for (const auto& [name, model] : manifest["models"].items())
            for (const auto& file : model["files"]) {
                const fs::path checkpoint = dir / "models" / name / file.get<std::string>();
                if (!fs::exists(checkpoint))
                    continue;
                fixtures.push_back({name + "/" + file.get<std::string>(), checkpoint,
                                    parseActivation(model["activation"].get<std::string>()), 0, 0,
                                    dir / "expected" / (name + "_image_embeddings.npy"),
                                    dir / "expected" / (name + "_text_embeddings.npy")});
            }
        if (fs::exists(dir / "headwidth" / "model.json")) {
            std::ifstream settings(dir / "headwidth" / "model.json");
            const json m = json::parse(settings);
            fixtures.push_back({"headwidth/open_clip.safetensors", dir / "headwidth" / "open_clip.safetensors",
                                parseActivation(m["activation"].get<std::string>()), m["vision_heads"].get<int>(),
                                m["text_heads"].get<int>(), dir / "headwidth" / "expected_image_embeddings.npy",
                                dir / "headwidth" / "expected_text_embeddings.npy"});
        }
        const std::vector<std::string> dtypes =
            m_cuda ? std::vector<std::string>{"fp32", "fp16", "bf16"} : std::vector<std::string>{"fp32", "bf16"};
        for (const auto& fixture : fixtures)
            for (const auto& dtype : dtypes) {
                if (!timeLeft(30)) {
                    skip("conformance " + fixture.name + " " + dtype, "time budget");
                    continue;
                }
                ClipOptions options;
                options.activation = fixture.activation;
                options.device = m_cuda ? DeviceChoice::Cuda : DeviceChoice::Cpu;
                options.precision = precisionOf(dtype);
                options.batchSize = 5; // several batches, one of them partial
                options.visionHeads = fixture.visionHeads;
                options.textHeads = fixture.textHeads;
                auto model = ClipModel::load(fixture.checkpoint, options);
                const auto dim = static_cast<std::size_t>(model->config().embedDim);
                const auto images =
                    compareRows(model->encodeImages(pixels, imageCount), readNpy(fixture.expectedImages).toFloat(), dim);
                const auto texts =
                    compareRows(model->encodeTexts(tokens), readNpy(fixture.expectedTexts).toFloat(), dim);
                const auto [maxAbs, minCos] = toleranceOf(dtype);
                const bool pass = std::max(images.maxAbs, texts.maxAbs) <= maxAbs &&
                                  std::min(images.minCos, texts.minCos) >= minCos;
                m_result["conformance"].push_back({
                    {"model", fixture.name},
                    {"dtype", dtype},
                    {"device", model->deviceName()},
                    {"images", {{"count", imageCount}, {"max_abs", images.maxAbs}, {"min_cos", images.minCos}}},
                    {"texts", {{"count", tokens.size()}, {"max_abs", texts.maxAbs}, {"min_cos", texts.minCos}}},
                    {"tolerance", {{"max_abs", maxAbs}, {"min_cos", minCos}}},
                    {"within_tolerance", pass},
                });
                std::cerr << "bench_gpu: conformance " << fixture.name << " " << dtype << ": max |diff| "
                          << std::max(images.maxAbs, texts.maxAbs) << ", min cos "
                          << std::min(images.minCos, texts.minCos) << (pass ? "" : "  OUTSIDE TOLERANCE") << "\n";
                if (!pass && dtype == "fp32")
                    m_failed = true;
            }
    }

    // ---- the card's matrix throughput ---------------------------------------------------

    void matmulPeak()
    {
        const std::int64_t n = m_cuda ? 8192 : 1024;
        const auto dtype = m_cuda ? torch::kBFloat16 : torch::kFloat;
        c10::InferenceMode guard;
        torch::manual_seed(0);
        auto a = torch::randn({n, n}, torch::TensorOptions().device(m_device).dtype(dtype));
        auto b = torch::randn({n, n}, torch::TensorOptions().device(m_device).dtype(dtype));
        auto c = torch::empty({n, n}, torch::TensorOptions().device(m_device).dtype(dtype));
        const Timing t = measure([&] { torch::matmul_out(c, a, b); });
        const double tflops = 2.0 * n * n * n / t.secondsPerRun / 1e12;
        m_result["matmul_peak"] = {{"dtype", m_cuda ? "bf16" : "fp32"},
                                   {"size", n},
                                   {"runs", t.runs},
                                   {"ms", t.secondsPerRun * 1e3},
                                   {"tflops", tflops}};
        std::cerr << "bench_gpu: " << n << "^3 matrix product: " << tflops << " TFLOP/s\n";
    }

    // ---- the published shapes ---------------------------------------------------------

    void models()
    {
        const int maxBatch = *std::max_element(m_o.batches.begin(), m_o.batches.end());
        for (const auto& arch : m_o.archs) {
            const fs::path checkpoint = m_o.models / (arch + ".safetensors");
            if (!fs::exists(checkpoint)) {
                skip("ViT-" + arch, checkpoint.string() + " is missing (bench/synthetic_vit.py writes it)");
                continue;
            }
            for (std::size_t d = 0; d < m_o.dtypes.size(); ++d) {
                const std::string& dtype = m_o.dtypes[d];
                const std::string what = "ViT-" + arch + " " + dtype;
                if (!timeLeft(20)) {
                    skip(what, "time budget");
                    continue;
                }
                try {
                    ClipOptions options;
                    options.device = m_cuda ? DeviceChoice::Cuda : DeviceChoice::Cpu;
                    options.precision = precisionOf(dtype);
                    options.batchSize = maxBatch; // one call, one batch
                    const auto start = std::chrono::steady_clock::now();
                    auto model = ClipModel::load(checkpoint, options);
                    const double loadSeconds =
                        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
                    std::cerr << "bench_gpu: " << model->config().name() << " " << dtype << " loaded in "
                              << loadSeconds << " s on " << model->deviceName() << "\n";
                    m_result["loads"].push_back({{"arch", arch},
                                                 {"dtype", dtype},
                                                 {"seconds", loadSeconds},
                                                 {"model", model->config().name()},
                                                 {"device", model->deviceName()}});
                    imageThroughput(*model, arch, dtype);
                    probe(*model, arch, dtype);
                    if (d == 0) {
                        textLatency(*model, arch, dtype);
                        ablation(*model, arch, dtype);
                    }
                } catch (const c10::Error& e) {
                    error(what, e.what_without_backtrace());
                } catch (const std::exception& e) {
                    error(what, e.what());
                }
                releaseCache();
                save();
            }
        }
    }

    void imageThroughput(ClipModel& model, const std::string& arch, const std::string& dtype)
    {
        const auto& c = model.config();
        const std::size_t perImage = 3u * static_cast<std::size_t>(c.imageSize) * c.imageSize;
        const int maxBatch = *std::max_element(m_o.batches.begin(), m_o.batches.end());
        std::vector<float> host(perImage * static_cast<std::size_t>(maxBatch));
        fillPixels(host, 7);
        const double flops = imageFlops(c);
        for (const int batch : m_o.batches) {
            const std::string what = "ViT-" + arch + " " + dtype + " batch " + std::to_string(batch);
            if (!timeLeft(10)) {
                skip(what, "time budget");
                continue;
            }
            releaseCache();
            resetPeak();
            // On the device already: the forward alone, as the FLOP count describes it.
            auto onDevice = torch::from_blob(host.data(), {batch, 3, c.imageSize, c.imageSize}, torch::kFloat)
                                .to(clip::ModelAccess::device(model));
            const Timing resident = measure([&] { clip::ModelAccess::encodeImages(model, onDevice); });
            onDevice = torch::Tensor();
            // From host memory to host memory, as the application calls it.
            const std::span<const float> pixels(host.data(), perImage * static_cast<std::size_t>(batch));
            const Timing endToEnd = measure([&] { model.encodeImages(pixels, static_cast<std::size_t>(batch)); });
            const double imagesPerSecond = batch / resident.secondsPerRun;
            m_result["image_throughput"].push_back({
                {"arch", arch},
                {"model", c.name()},
                {"dtype", dtype},
                {"batch", batch},
                {"gflop_per_image", flops / 1e9},
                {"forward", {{"ms", resident.secondsPerRun * 1e3}, {"runs", resident.runs}, {"images_per_s", imagesPerSecond}}},
                {"end_to_end",
                 {{"ms", endToEnd.secondsPerRun * 1e3},
                  {"runs", endToEnd.runs},
                  {"images_per_s", batch / endToEnd.secondsPerRun}}},
                {"tflops", imagesPerSecond * flops / 1e12},
                {"peak_memory_mib", peakMemory()},
            });
            std::cerr << "bench_gpu: " << what << ": " << imagesPerSecond << " images/s on the device ("
                      << imagesPerSecond * flops / 1e12 << " TFLOP/s), " << batch / endToEnd.secondsPerRun
                      << " images/s from host memory\n";
        }
    }

    /// Embeddings of four fixed images, for the Python side to compare with its own forward.
    void probe(ClipModel& model, const std::string& arch, const std::string& dtype)
    {
        if (m_o.work.empty())
            return;
        const auto& c = model.config();
        const std::int64_t count = 4;
        const fs::path pixelsFile = m_o.work / ("probe_pixels_" + arch + ".npy");
        std::vector<float> pixels(static_cast<std::size_t>(count) * 3 * c.imageSize * c.imageSize);
        fillPixels(pixels, 11);
        if (!fs::exists(pixelsFile))
            writeNpy(pixelsFile, pixels.data(), {count, 3, c.imageSize, c.imageSize});
        const auto embeddings = model.encodeImages(pixels, static_cast<std::size_t>(count));
        writeNpy(m_o.work / ("probe_" + arch + "_" + dtype + ".npy"), embeddings.data(), {count, c.embedDim});
    }

    void textLatency(ClipModel& model, const std::string& arch, const std::string& dtype)
    {
        std::vector<int> longPrompt = {49406};
        for (int i = 0; i < 75; ++i)
            longPrompt.push_back(320 + 37 * i);
        longPrompt.push_back(49407);
        const std::vector<std::pair<std::string, std::vector<int>>> prompts = {
            {"3 tokens", {49406, 1579, 49407}}, // "white"
            {"77 tokens", longPrompt},
        };
        for (const auto& [label, tokens] : prompts) {
            if (!timeLeft(5)) {
                skip("text latency ViT-" + arch + " " + label, "time budget");
                continue;
            }
            const std::vector<std::vector<int>> one = {tokens};
            for (int i = 0; i < 3; ++i)
                model.encodeTexts(one);
            std::vector<double> ms;
            const auto start = std::chrono::steady_clock::now();
            while (ms.size() < 200 &&
                   (ms.size() < 10 ||
                    std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count() < m_o.seconds)) {
                const auto t0 = std::chrono::steady_clock::now();
                model.encodeTexts(one);
                ms.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count());
            }
            std::sort(ms.begin(), ms.end());
            const auto at = [&](double q) { return ms[static_cast<std::size_t>(q * (ms.size() - 1))]; };
            m_result["text_latency"].push_back({{"arch", arch},
                                                {"dtype", dtype},
                                                {"prompt", label},
                                                {"tokens", tokens.size()},
                                                {"runs", ms.size()},
                                                {"median_ms", at(0.5)},
                                                {"p10_ms", at(0.1)},
                                                {"p90_ms", at(0.9)}});
            std::cerr << "bench_gpu: text ViT-" << arch << " " << dtype << " " << label << ": " << at(0.5)
                      << " ms (median)\n";
        }
    }

    /// Each faster way against the plain one it replaced, at one batch size: speed and the
    /// largest difference of the embeddings.
    void ablation(ClipModel& model, const std::string& arch, const std::string& dtype)
    {
        struct Variant {
            std::string name;
            std::function<void(clip::ForwardTuning&)> set;
        };
        std::vector<Variant> variants = {{"default", [](clip::ForwardTuning&) {}}};
        if (clip::fusedAttentionAvailable())
            variants.push_back({"unfused_attention", [](clip::ForwardTuning& t) { t.fusedAttention = false; }});
        if (m_cuda && dtype != "fp32")
            variants.push_back({"layernorm_on_fp32_copy", [](clip::ForwardTuning& t) { t.halfLayerNorm = false; }});
        if (m_cuda)
            variants.push_back({"pageable_transfers", [](clip::ForwardTuning& t) { t.pinnedTransfers = false; }});
        if (variants.size() == 1) {
            skip("ablation ViT-" + arch, "no alternative applies to this libtorch and device");
            return;
        }
        const int maxBatch = *std::max_element(m_o.batches.begin(), m_o.batches.end());
        const int batch = std::min(m_o.ablationBatch, maxBatch);
        const auto& c = model.config();
        const std::size_t perImage = 3u * static_cast<std::size_t>(c.imageSize) * c.imageSize;
        std::vector<float> host(perImage * static_cast<std::size_t>(batch));
        fillPixels(host, 13);
        const std::span<const float> pixels(host);
        clip::ForwardTuning& tuning = clip::ModelAccess::tuning(model);
        const clip::ForwardTuning defaults = tuning;
        std::vector<float> reference;
        for (const auto& variant : variants) {
            if (!timeLeft(10)) {
                skip("ablation ViT-" + arch + " " + variant.name, "time budget");
                continue;
            }
            tuning = defaults;
            variant.set(tuning);
            auto onDevice = torch::from_blob(host.data(), {batch, 3, c.imageSize, c.imageSize}, torch::kFloat)
                                .to(clip::ModelAccess::device(model));
            const Timing resident = measure([&] { clip::ModelAccess::encodeImages(model, onDevice); });
            onDevice = torch::Tensor();
            const Timing endToEnd = measure([&] { model.encodeImages(pixels, static_cast<std::size_t>(batch)); });
            const auto embeddings = model.encodeImages(pixels, static_cast<std::size_t>(batch));
            if (reference.empty())
                reference = embeddings;
            const auto difference = compareRows(embeddings, reference, static_cast<std::size_t>(c.embedDim));
            m_result["ablation"].push_back({{"arch", arch},
                                            {"dtype", dtype},
                                            {"batch", batch},
                                            {"variant", variant.name},
                                            {"forward_ms", resident.secondsPerRun * 1e3},
                                            {"end_to_end_ms", endToEnd.secondsPerRun * 1e3},
                                            {"max_abs_vs_default", difference.maxAbs},
                                            {"min_cos_vs_default", difference.minCos}});
            std::cerr << "bench_gpu: ablation ViT-" << arch << " " << dtype << " batch " << batch << " "
                      << variant.name << ": " << resident.secondsPerRun * 1e3 << " ms on the device, "
                      << endToEnd.secondsPerRun * 1e3 << " ms from host memory\n";
        }
        tuning = defaults;
        if (m_cuda && timeLeft(10))
            stagingBreakdown(model, host, batch);
    }

    /// The steps of a batch's way from host memory to the device, each timed alone. The
    /// parallel_for here is compiled without OpenMP, as the project's libraries are: it
    /// runs on one thread, which is why the encoder stages with libtorch's own copy.
    void stagingBreakdown(ClipModel& model, std::vector<float>& host, int batch)
    {
        const auto& c = model.config();
        const std::vector<std::int64_t> shape = {batch, 3, c.imageSize, c.imageSize};
        const auto pinned = torch::TensorOptions().dtype(torch::kFloat).pinned_memory(true);
        const auto device = clip::ModelAccess::device(model);
        auto source = torch::from_blob(host.data(), shape, torch::kFloat);
        auto held = torch::empty(shape, pinned);
        json steps;
        const auto step = [&](const char* name, const std::function<void()>& once) {
            const Timing t = measure(once);
            steps[name] = t.secondsPerRun * 1e3;
            std::cerr << "bench_gpu: staging " << name << ": " << t.secondsPerRun * 1e3 << " ms\n";
        };
        step("pinned_alloc", [&] { auto block = torch::empty(shape, pinned); });
        step("memcpy_parallel_for", [&] {
            float* to = held.data_ptr<float>();
            const float* from = host.data();
            at::parallel_for(0, held.numel(), 1 << 18, [&](std::int64_t begin, std::int64_t end) {
                std::memcpy(to + begin, from + begin, static_cast<std::size_t>(end - begin) * sizeof(float));
            });
        });
        step("memcpy_one_thread", [&] { std::memcpy(held.data_ptr<float>(), host.data(), held.numel() * sizeof(float)); });
        step("torch_copy", [&] { held.copy_(source); });
        step("pinned_to_device", [&] { auto d = held.to(device, torch::kFloat, true); synchronize(); });
        step("pageable_to_device", [&] { auto d = source.to(device, torch::kFloat); synchronize(); });
        step("alloc_copy_to_device", [&] {
            auto block = torch::empty(shape, pinned);
            block.copy_(source);
            auto d = block.to(device, torch::kFloat, true);
            synchronize();
        });
        m_result["staging_breakdown"].push_back({{"batch", batch}, {"threads", at::get_num_threads()},
                                                 {"megabytes", held.numel() * 4.0 / 1e6}, {"ms", steps}});
    }

    /// On a GPU machine the CPU path runs on libtorch 2.x, which has fused attention:
    /// measured there too, ViT-B/32 in fp32 at batch 8.
    void cpuAblation()
    {
        const fs::path checkpoint = m_o.models / "B-32.safetensors";
        if (!clip::fusedAttentionAvailable() || !fs::exists(checkpoint) || !timeLeft(30)) {
            skip("cpu_ablation", "needs libtorch 2.x, B-32.safetensors and time");
            return;
        }
        ClipOptions options;
        options.device = DeviceChoice::Cpu;
        options.batchSize = 8;
        auto model = ClipModel::load(checkpoint, options);
        const auto& c = model->config();
        std::vector<float> host(8u * 3u * static_cast<std::size_t>(c.imageSize) * c.imageSize);
        fillPixels(host, 17);
        clip::ForwardTuning& tuning = clip::ModelAccess::tuning(*model);
        std::vector<float> reference;
        for (const bool fused : {true, false}) {
            tuning.fusedAttention = fused;
            const Timing t = measure([&] { model->encodeImages(host, 8); });
            const auto embeddings = model->encodeImages(host, 8);
            if (reference.empty())
                reference = embeddings;
            const auto difference = compareRows(embeddings, reference, static_cast<std::size_t>(c.embedDim));
            m_result["cpu_ablation"].push_back({{"arch", "B-32"},
                                                {"dtype", "fp32"},
                                                {"batch", 8},
                                                {"threads", setTorchThreads(0)},
                                                {"variant", fused ? "default" : "unfused_attention"},
                                                {"ms", t.secondsPerRun * 1e3},
                                                {"max_abs_vs_default", difference.maxAbs}});
        }
    }
};

} // namespace

int main(int argc, char** argv)
{
    try {
        return Bench(parseOptions(argc, argv)).run();
    } catch (const std::exception& e) {
        std::cerr << "bench_gpu: " << e.what() << "\n";
        return 2;
    }
}
