// Indexing benchmarks:
//   1. the whole pipeline (scan, decode and preprocess on a pool, encode, commit) on an
//      archive folder, against the encoder alone on the same images already preprocessed;
//   2. opening an index of N synthetic items (d = 768) and loading its embedding matrix:
//      seconds and peak memory.
//
//   bench_index --archive ../shared/data/aid --model ../shared/conformance/models/gelu_b32/open_clip.safetensors
//   bench_index --synthetic 1000000 [--keep /tmp/synthetic.rscir] [--model CHECKPOINT]

#include "core/base/error.h"
#include "core/clip/clip_model.h"
#include "core/imagery/preprocess.h"
#include "core/models/model_source.h"
#include "core/imagery/raster.h"
#include "core/models/clip_encoder.h"
#include "core/index/index_store.h"
#include "core/index/indexer.h"

#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <random>
#include <string>
#include <sys/resource.h>

using namespace rscir;
namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

namespace {

double seconds(Clock::time_point since)
{
    return std::chrono::duration<double>(Clock::now() - since).count();
}

double peakMemoryMiB()
{
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return static_cast<double>(usage.ru_maxrss) / 1024.0;
}

int pipelineVersusEncoder(const fs::path& archive, const fs::path& model, int batch, int jobs)
{
    ClipOptions options;
    options.device = DeviceChoice::Cpu;
    options.batchSize = batch;
    const ModelSource source = resolveModel(model.string(), Activation::Gelu);
    auto clip = ClipModel::load(source.checkpoint, options);
    ClipImageEncoder encoder(*clip, modelRecord(source, clip->config().embedDim, clip->config().name()));

    const fs::path index = fs::temp_directory_path() / "rscir-bench-index.rscir";
    for (const char* suffix : {"", "-wal", "-shm"})
        fs::remove(index.string() + suffix);
    auto start = Clock::now();
    IndexReport report;
    {
        auto store = IndexStore::open(index, true);
        IndexOptions indexOptions;
        indexOptions.batchSize = batch;
        indexOptions.jobs = jobs;
        report = indexArchive(*store, archive, encoder, indexOptions);
    }
    const double pipeline = seconds(start);
    const double pipelineRate = static_cast<double>(report.items) / pipeline;

    // The encoder alone on the same images, decoded and preprocessed beforehand.
    std::vector<float> pixels;
    std::size_t count = 0;
    const std::size_t perImage = 3u * static_cast<std::size_t>(clip->config().imageSize) * clip->config().imageSize;
    for (const auto& entry : fs::recursive_directory_iterator(archive)) {
        if (!entry.is_regular_file() || !looksLikeImage(entry.path()))
            continue;
        const auto raster = Raster::open(entry.path());
        for (const auto& window : tileWindows(raster->facts().width, raster->facts().height, 256, 0)) {
            const auto values = preprocessImage(raster->read(window), preprocessingOf(clip->config()));
            pixels.insert(pixels.end(), values.begin(), values.end());
            ++count;
        }
    }
    start = Clock::now();
    for (std::size_t first = 0; first < count; first += static_cast<std::size_t>(batch)) {
        const std::size_t n = std::min<std::size_t>(static_cast<std::size_t>(batch), count - first);
        encoder.encode(std::vector<float>(pixels.begin() + static_cast<std::ptrdiff_t>(first * perImage),
                                          pixels.begin() + static_cast<std::ptrdiff_t>((first + n) * perImage)),
                       n);
    }
    const double encoderRate = static_cast<double>(count) / seconds(start);
    // The pipeline with an encoder that does nothing: what decoding, preprocessing and writing cost.
    struct NullEncoder : ImageEncoder {
        ClipImageEncoder& real;
        explicit NullEncoder(ClipImageEncoder& r) : real(r) { }
        int imageSize() const override { return real.imageSize(); }
        ImagePreprocessing preprocessing() const override { return real.preprocessing(); }
        int dim() const override { return real.dim(); }
        ModelRecord identity() const override { return real.identity(); }
        std::vector<float> encode(const std::vector<float>&, std::size_t count) override
        {
            return std::vector<float>(count * static_cast<std::size_t>(dim()), 1.0f);
        }
    } nullEncoder(encoder);
    for (const char* suffix : {"", "-wal", "-shm"})
        fs::remove(index.string() + suffix);
    start = Clock::now();
    {
        auto store = IndexStore::open(index, true);
        IndexOptions indexOptions;
        indexOptions.batchSize = batch;
        indexOptions.jobs = jobs;
        indexArchive(*store, archive, nullEncoder, indexOptions);
    }
    const double prepareRate = static_cast<double>(report.items) / seconds(start);
    std::printf("pipeline: %zu items in %.2f s = %.1f items/s (%zu files, %zu failed)\n", report.items, pipeline,
                pipelineRate, report.files, report.failed);
    std::printf("encoder alone on the same preprocessed images: %.1f items/s\n", encoderRate);
    std::printf("decoding, preprocessing and writing alone (no model): %.1f items/s\n", prepareRate);
    std::printf("pipeline / encoder = %.2f\n", pipelineRate / encoderRate);
    for (const char* suffix : {"", "-wal", "-shm"})
        fs::remove(index.string() + suffix);
    return 0;
}

int openSynthetic(std::size_t items, const fs::path& keep, const std::string& modelPath)
{
    const fs::path index = keep.empty() ? fs::temp_directory_path() / "rscir-bench-synthetic.rscir" : keep;
    // With a model, the embeddings are recorded as that model's, so that the desktop
    // session benchmark can load it and search the archive.
    ModelRecord record{0, "synthetic", "ViT-L/14", "gelu", "synthetic", 768};
    if (!modelPath.empty()) {
        const ModelSource source = resolveModel(modelPath, Activation::Gelu);
        ClipOptions options;
        options.device = DeviceChoice::Cpu;
        const auto model = ClipModel::load(source.checkpoint, options);
        record = modelRecord(source, model->config().embedDim, model->config().name());
    }
    const int dim = record.dim;
    if (!fs::exists(index)) {
        std::printf("writing %zu synthetic items (d = %d) to %s ...\n", items, dim, index.string().c_str());
        std::fflush(stdout);
        const auto start = Clock::now();
        auto store = IndexStore::open(index, true);
        store->setArchiveRoot(fs::temp_directory_path());
        const auto model = store->ensureModel(record);
        std::mt19937 rng(1);
        std::normal_distribution<float> normal;
        constexpr std::size_t kPerSource = 1000;
        for (std::size_t first = 0; first < items; first += 10 * kPerSource) {
            IndexStore::Batch batch(*store);
            for (std::size_t s = first; s < std::min(items, first + 10 * kPerSource); s += kPerSource) {
                SourceRecord source;
                source.path = "scene_" + std::to_string(s / kPerSource) + ".tif";
                std::vector<NewItem> newItems(std::min(kPerSource, items - s));
                for (std::size_t i = 0; i < newItems.size(); ++i) {
                    newItems[i].window = {static_cast<int>(i % 100) * 256, static_cast<int>(i / 100) * 256, 256, 256};
                    newItems[i].embedding.resize(dim);
                    for (auto& v : newItems[i].embedding)
                        v = normal(rng);
                }
                batch.writeSource(source, newItems, model);
            }
            batch.commit();
        }
        std::printf("written in %.1f s (%.1f GiB)\n", seconds(start),
                    static_cast<double>(fs::file_size(index)) / (1u << 30));
    }
    const double before = peakMemoryMiB();
    const auto start = Clock::now();
    auto store = IndexStore::open(index, false, true);
    const double opened = seconds(start);
    const auto loaded = store->embeddings(store->models().front().id);
    const double total = seconds(start);
    std::printf("opened in %.3f s; mapped %zu x %zu embeddings (%.2f GiB) in %.3f s total; peak memory %.0f MiB "
                "(%.0f MiB before opening)\n",
                opened, loaded->size(), loaded->dim(), static_cast<double>(loaded->mappedBytes()) / (1u << 30), total,
                peakMemoryMiB(), before);
    if (keep.empty())
        for (const char* suffix : {"", "-wal", "-shm"})
            fs::remove(index.string() + suffix);
    return 0;
}

} // namespace

int main(int argc, char** argv)
{
    fs::path archive, model, keep;
    std::size_t synthetic = 0;
    int batch = 32;
    int jobs = 0;
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string key = argv[i];
        if (key == "--archive")
            archive = argv[i + 1];
        else if (key == "--model")
            model = argv[i + 1];
        else if (key == "--synthetic")
            synthetic = std::stoull(argv[i + 1]);
        else if (key == "--keep")
            keep = argv[i + 1];
        else if (key == "--batch")
            batch = std::stoi(argv[i + 1]);
        else if (key == "--jobs")
            jobs = std::stoi(argv[i + 1]);
    }
    try {
        setTorchThreads(0);
        if (!archive.empty() && !model.empty())
            return pipelineVersusEncoder(archive, model, batch, jobs);
        if (synthetic > 0)
            return openSynthetic(synthetic, keep, model);
    } catch (const Error& e) {
        std::fprintf(stderr, "bench_index: %s\n", e.what());
        return 1;
    }
    std::fprintf(stderr,
                 "usage: bench_index --archive DIR --model CHECKPOINT [--batch N] [--jobs N] | --synthetic N [--keep FILE] [--model CHECKPOINT]\n");
    return 2;
}
