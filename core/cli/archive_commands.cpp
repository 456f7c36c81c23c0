#include "core/cli/archive_commands.h"

#include "core/cli/encoding.h"
#include "core/cli/options.h"
#include "core/base/error.h"
#include "core/base/npy.h"
#include "core/clip/preprocess.h"
#include "core/index/clip_encoder.h"
#include "core/index/index_store.h"
#include "core/index/indexer.h"
#include "core/index/query_image.h"
#include "core/index/result_export.h"
#include "core/index/vector_store.h"
#include "core/search/ranking.h"

#include <nlohmann/json.hpp>

#include <array>
#include <atomic>
#include <chrono>
#include <csignal>
#include <map>
#include <thread>
#include <fstream>
#include <iostream>
#include <memory>
#include <optional>
#include <sstream>

namespace rscir::cli {

namespace {

std::vector<int> parseBands(const std::string& text)
{
    std::vector<int> bands;
    std::stringstream stream(text);
    std::string part;
    while (std::getline(stream, part, ',')) {
        try {
            std::size_t used = 0;
            const int b = std::stoi(part, &used);
            if (used != part.size() || b < 1)
                throw std::invalid_argument(part);
            bands.push_back(b);
        } catch (const std::exception&) {
            throw CLI::ValidationError("--bands", "'" + part + "' is not a band number (1, 2, ...)");
        }
    }
    if (bands.size() != 1 && bands.size() != 3)
        throw CLI::ValidationError("--bands", "give one band (gray) or three (red,green,blue), e.g. 4,3,2");
    return bands;
}

std::atomic<bool> g_interrupted{false};

struct IndexArgs {
    ModelOptions model;
    std::string archive, index, bands, stretch = "auto", storage;
    int tile = 256, overlap = 0, jobs = 0;
};

void printNotice(const std::string& line)
{
    std::cerr << "rscir: " << line << "\n";
}

int runIndex(const IndexArgs& a)
{
    IndexOptions options;
    if (!a.bands.empty())
        options.settings.bands = parseBands(a.bands);
    options.settings.tile = a.tile;
    options.settings.overlap = a.overlap;
    options.settings.stretch = a.stretch == "percentile" ? StretchMode::Percentile
                               : a.stretch == "none"     ? StretchMode::None
                                                         : StretchMode::Auto;
    if (a.overlap >= a.tile)
        throw CLI::ValidationError("--overlap", "must be smaller than --tile");
    options.batchSize = a.model.batch;
    options.jobs = capThreads(a.jobs, "--jobs");
    if (!a.storage.empty())
        options.storage = parseStorage(a.storage);

    const ModelSource source = a.model.source();
    const bool isNew = !std::filesystem::exists(a.index);
    auto store = IndexStore::open(a.index, true, false, printNotice);
    if (isNew && options.storage)
        store->setDefaultStorage(*options.storage);
    LoadedModel loaded = loadModel(source, a.model.clipOptions());
    ClipImageEncoder encoder(*loaded.model,
                             modelRecord(source, loaded.model->config().embedDim, loaded.model->config().name()));
    std::cerr << "rscir: indexing " << a.archive << " with " << loaded.model->config().name() << " ("
              << activationName(source.activation) << ") on " << loaded.model->deviceName() << ", embeddings computed in "
              << loaded.model->precisionName() << "\n";

    // Ctrl-C stops after the current batch; what was committed stays.
    const Progress printer = stderrProgress();
    Progress progress([&printer](std::int64_t done, std::int64_t total, const std::string& stage) {
        printer.report(done, total, stage);
    });
    g_interrupted = false;
    std::signal(SIGINT, [](int) { g_interrupted = true; });
    std::signal(SIGTERM, [](int) { g_interrupted = true; });
    std::atomic<bool> finished{false};
    std::thread watcher([&] {
        while (!finished) {
            if (g_interrupted)
                progress.cancel();
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
        }
    });
    struct Stop {
        std::atomic<bool>& finished;
        std::thread& watcher;
        ~Stop()
        {
            finished = true;
            watcher.join();
            std::signal(SIGINT, SIG_DFL);
            std::signal(SIGTERM, SIG_DFL);
        }
    } stop{finished, watcher};

    const IndexReport report = indexArchive(*store, a.archive, encoder, options, &progress,
                                            [](const std::string& line) { std::cerr << "rscir: " << line << "\n"; });
    nlohmann::ordered_json json{{"files", report.files},         {"unchanged", report.unchanged},
                                {"added", report.added},         {"changed", report.changed},
                                {"removed", report.removed},     {"failed", report.failed},
                                {"items_encoded", report.items}, {"seconds", report.seconds},
                                {"compacted", report.compacted}};
    std::cout << json.dump() << "\n";
    return 0;
}

struct SearchArgs {
    ModelOptions model;
    std::string index, image, text, method = "weicom", format = "json", output;
    std::int64_t item = 0;
    std::optional<double> lambda; ///< unset: the model's default
    int topK = 20;
};

int runSearch(const SearchArgs& a)
{
    if (a.image.empty() && a.item == 0 && a.text.empty())
        throw CLI::ValidationError("search", "give a query: --image FILE or --item ID, and/or --text STRING");
    if (!a.image.empty() && a.item != 0)
        throw CLI::ValidationError("search", "give --image or --item, not both");
    const Method method = [&] {
        try {
            return parseMethod(a.method);
        } catch (const Error& e) {
            throw CLI::ValidationError("--method", e.what());
        }
    }();
    if (a.lambda && !(*a.lambda >= 0.0 && *a.lambda <= 1.0))
        throw CLI::ValidationError("--lambda", "must lie between 0 and 1");

    const ModelSource source = a.model.source();
    const double lambda = a.lambda ? *a.lambda : source.defaultLambda.value_or(0.5);
    auto store = IndexStore::open(a.index, false, true);
    const ModelRecord model = indexedModel(*store, source);
    const auto loaded = store->embeddings(model.id);

    std::unique_ptr<LoadedModel> encoder;
    const auto needEncoder = [&]() -> LoadedModel& {
        if (!encoder)
            encoder = std::make_unique<LoadedModel>(loadModel(source, a.model.clipOptions()));
        return *encoder;
    };
    Embedding imageQuery, textQuery;
    if (a.item != 0) {
        const auto row = loaded->indexOf(a.item);
        if (!row)
            throw Error("item " + std::to_string(a.item) + " is not in the index (or has no embedding of this model)");
        imageQuery = Embedding(loaded->values(*row));
    } else if (!a.image.empty()) {
        // An image that is an indexed file of one item reuses its stored embedding.
        if (const auto item = store->wholeFileItem(a.image))
            if (const auto row = loaded->indexOf(*item))
                imageQuery = Embedding(loaded->values(*row));
        if (imageQuery.empty()) {
            LoadedModel& m = needEncoder();
            const auto pixels = queryImagePixels(a.image, store->settings().value_or(ArchiveSettings{}).rasterOptions(),
                                                 m.model->config().imageSize);
            imageQuery = Embedding(m.model->encodeImages(pixels, 1));
        }
    }
    if (!a.text.empty())
        textQuery = needEncoder().encodeText(a.text);

    const QuerySession session(*loaded, &imageQuery, &textQuery);
    const auto hits = session.rerank(method, lambda, static_cast<std::size_t>(a.topK));
    std::vector<RankedItem> results;
    for (const auto& hit : hits)
        if (auto item = store->item(loaded->itemId(hit.index)))
            results.push_back({*item, hit});
    if (!a.output.empty())
        writeResultsFile(a.output, results);
    else if (a.format == "json")
        writeResultsJsonLines(std::cout, results);
    else if (a.format == "csv")
        writeResultsCsv(std::cout, results);
    else
        writeResultsGeoJson(std::cout, results);
    return 0;
}

int runInfo(const std::string& index)
{
    auto store = IndexStore::open(index, false, true);
    nlohmann::ordered_json json;
    const auto sources = store->sources();
    json["sources"] = sources.size();
    json["items"] = store->itemCount();
    json["models"] = nlohmann::json::array();
    json["format"] = store->schemaVersion();
    for (const auto& m : store->models()) {
        nlohmann::ordered_json model{{"name", m.name},
                                     {"items", store->embeddingCount(m.id)},
                                     {"architecture", m.architecture},
                                     {"activation", m.activation},
                                     {"dim", m.dim}};
        if (const auto s = store->storeOf(m.id)) {
            model["storage"] = elementName(s->storage);
            model["computed_in"] = s->precision;
            model["rows"] = s->rows;
            model["dead_rows"] = s->dead;
            model["store_bytes"] = storeHeaderBytes(static_cast<std::uint32_t>(m.dim)) + s->rows * static_cast<std::uint64_t>(m.dim) * elementSize(s->storage);
        } else {
            model["storage"] = "database (index format 1)";
        }
        json["models"].push_back(model);
    }
    json["failed"] = nlohmann::json::array();
    for (const auto& s : sources)
        if (s.status == "failed")
            json["failed"].push_back({{"path", s.path}, {"error", s.error}});
    json["archive"] = store->archiveRoot().string();
    if (const auto settings = store->settings())
        json["settings"] = settings->describe();
    std::cout << json.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
    return 0;
}

int runExport(const ModelOptions& modelOptions, const std::string& index, const std::string& format,
              const std::string& output)
{
    if (format != "npy")
        throw CLI::ValidationError("--format", "only npy is supported");
    auto store = IndexStore::open(index, false, true);
    const ModelRecord model = indexedModel(*store, modelOptions.source());
    const auto loaded = store->embeddings(model.id);
    std::filesystem::create_directories(output);
    // Streamed as float32 whatever the store keeps, a block of rows at a time.
    writeNpy(std::filesystem::path(output) / "embeddings.npy", NpyType::Float32,
             {static_cast<std::int64_t>(loaded->size()), static_cast<std::int64_t>(loaded->dim())},
             [&](std::ostream& out) {
                 std::vector<float> block;
                 constexpr std::size_t kRows = 4096;
                 for (std::size_t start = 0; start < loaded->size() && out; start += kRows) {
                     const std::size_t n = std::min(kRows, loaded->size() - start);
                     block.resize(n * loaded->dim());
                     for (std::size_t r = 0; r < n; ++r)
                         loaded->copyValues(start + r, std::span<float>(block).subspan(r * loaded->dim(), loaded->dim()));
                     out.write(reinterpret_cast<const char*>(block.data()),
                               static_cast<std::streamsize>(block.size() * sizeof(float)));
                 }
             });
    std::map<std::int64_t, ItemRecord> items;
    for (auto& item : store->items())
        items.emplace(item.id, std::move(item));
    std::ofstream tsv(std::filesystem::path(output) / "items.tsv");
    tsv << "item\tpath\tx\ty\twidth\theight\n";
    for (std::size_t i = 0; i < loaded->size(); ++i) {
        const std::int64_t id = loaded->itemId(i);
        const auto& item = items.at(id);
        tsv << id << "\t" << item.path << "\t" << item.window.x << "\t" << item.window.y << "\t" << item.window.width
            << "\t" << item.window.height << "\n";
    }
    if (!tsv.flush())
        throw Error("cannot write " + (std::filesystem::path(output) / "items.tsv").string());
    std::cerr << "rscir: wrote " << loaded->size() << " embeddings of dimension " << loaded->dim() << " to " << output
              << "\n";
    return 0;
}

int runCompact(const std::string& index, const std::string& storage)
{
    auto store = IndexStore::open(index, false, false, printNotice);
    std::optional<ElementType> target;
    if (!storage.empty())
        target = parseStorage(storage);
    for (const auto& line : store->compact(target))
        std::cerr << "rscir: " << line << "\n";
    if (target)
        store->setDefaultStorage(*target);
    return 0;
}

} // namespace

std::function<int()> addArchiveCommands(CLI::App& app)
{
    auto indexArgs = std::make_shared<IndexArgs>();
    auto* index = app.add_subcommand("index", "Index a folder of imagery (resumable; re-run to update)");
    indexArgs->model.add(index);
    index->add_option("--archive", indexArgs->archive, "Folder of images and rasters")
        ->required()
        ->check(CLI::ExistingDirectory);
    index->add_option("--index", indexArgs->index, "Index file to create or update (*.rscir)")->required();
    index->add_option("--bands", indexArgs->bands, "Display bands, 1-based: one (gray) or three, e.g. 4,3,2");
    index->add_option("--tile", indexArgs->tile, "Tile size in pixels for large rasters")
        ->check(CLI::Range(32, 100000));
    index->add_option("--overlap", indexArgs->overlap, "Tile overlap in pixels")->check(atLeast(0));
    index
        ->add_option("--stretch", indexArgs->stretch, "auto (8-bit as is, others 2-98 % percentiles), percentile, none")
        ->check(CLI::IsMember({"auto", "percentile", "none"}));
    index->add_option("--jobs", indexArgs->jobs, "Decoding threads (0 = every core, half of them with a CPU encoder)")
        ->check(atLeast(0));
    index
        ->add_option("--storage", indexArgs->storage,
                     "How a new index keeps embeddings: fp16 (default: half the memory and scan time) or fp32")
        ->check(CLI::IsMember({"fp16", "fp32"}));

    auto compactArgs = std::make_shared<std::array<std::string, 2>>(); // index, storage
    auto* compact = app.add_subcommand(
        "compact", "Rewrite an index's embedding stores without the rows of deleted files, and give free space back");
    compact->add_option("--index", (*compactArgs)[0], "Index file")->required()->check(CLI::ExistingFile);
    compact->add_option("--storage", (*compactArgs)[1], "Convert the stores to fp16 or fp32")
        ->check(CLI::IsMember({"fp16", "fp32"}));

    auto searchArgs = std::make_shared<SearchArgs>();
    auto* search = app.add_subcommand("search", "Search an index with an image and/or a text");
    searchArgs->model.add(search);
    search->add_option("--index", searchArgs->index, "Index file")->required();
    search->add_option("--image", searchArgs->image, "Query image file")->check(CLI::ExistingFile);
    search->add_option("--item", searchArgs->item, "Query item id from the index")->check(atLeast(1));
    search->add_option("--text", searchArgs->text, "Query text (the modification)");
    search->add_option("--method", searchArgs->method, "weicom, image, text or average");
    search->add_option("--lambda", searchArgs->lambda, "WeiCom's lambda in [0, 1] (default: the model's)")
        ->check(between(0.0, 1.0));
    search->add_option("--top-k", searchArgs->topK, "Number of results (1 to 100000)")
        ->check(integerIn(1, 100000));
    search->add_option("--format", searchArgs->format, "json, csv or geojson")
        ->check(CLI::IsMember({"json", "csv", "geojson"}));
    search->add_option("--output", searchArgs->output,
                       "Write the results to this file instead (.csv, .geojson or .gpkg, by its extension)");

    auto infoIndex = std::make_shared<std::string>();
    auto* info = app.add_subcommand("info", "Describe an index: counts, models, files that failed");
    info->add_option("--index", *infoIndex, "Index file")->required();

    auto exportModel = std::make_shared<ModelOptions>();
    auto exportArgs = std::make_shared<std::array<std::string, 3>>(); // index, format, output
    (*exportArgs)[1] = "npy";
    auto* exportCommand = app.add_subcommand("export", "Export a model's embeddings for Python (.npy + items.tsv)");
    exportModel->add(exportCommand);
    exportCommand->add_option("--index", (*exportArgs)[0], "Index file")->required();
    exportCommand->add_option("--format", (*exportArgs)[1], "npy")->check(CLI::IsMember({"npy"}));
    exportCommand->add_option("--output", (*exportArgs)[2], "Output folder")->required();

    return [=]() -> int {
        if (index->parsed())
            return runIndex(*indexArgs);
        if (search->parsed())
            return runSearch(*searchArgs);
        if (info->parsed())
            return runInfo(*infoIndex);
        if (compact->parsed())
            return runCompact((*compactArgs)[0], (*compactArgs)[1]);
        if (exportCommand->parsed())
            return runExport(*exportModel, (*exportArgs)[0], (*exportArgs)[1], (*exportArgs)[2]);
        return -1;
    };
}

} // namespace rscir::cli
