#include "core/cli/archive_commands.h"

#include "core/cli/encoding.h"
#include "core/cli/options.h"
#include "core/base/error.h"
#include "core/base/files.h"
#include "core/base/text_lines.h"
#include "core/base/npy.h"
#include "core/imagery/preprocess.h"
#include "core/imagery/raster.h"
#include "core/models/basic_corpora.h"
#include "core/models/clip_encoder.h"
#include "core/index/index_store.h"
#include "core/index/chips.h"
#include "core/base/acquisition_time.h"
#include "core/index/label_export.h"
#include "core/index/distinct.h"
#include "core/index/indexer.h"
#include "core/index/item_filter.h"
#include "core/index/merge.h"
#include "core/index/shards.h"
#include "core/index/stac.h"
#include "core/index/query_image.h"
#include "core/index/result_export.h"
#include "core/index/score_map.h"
#include "core/index/spatial_filter.h"
#include "core/index/vector_store.h"
#include "core/search/query_file.h"
#include "core/search/archive_search.h"
#include "core/search/ranking.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <atomic>
#include <chrono>
#include <csignal>
#include <map>
#include <thread>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <memory>
#include <optional>
#include <set>
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

std::atomic<int> g_interrupted{0}; ///< the signal that interrupted the command, or 0 (lock-free)

struct IndexArgs {
    ModelOptions model;
    std::string archive, index, bands, storage, shard;
    /// Unset where not given: a new index takes the defaults, an existing one its own.
    std::optional<int> tile, overlap;
    std::optional<double> gsd;
    std::optional<std::string> stretch;
    std::string datePattern;
    std::string stac, asset; ///< a STAC catalogue as the archive, and the asset of its items to index
    std::string list; ///< a plain list of files (addresses or paths) as the archive
    /// A STAC API search (--stac .../search): the box, the time span and the collections asked for.
    std::string searchBox, searchFrom, searchTo;
    std::vector<std::string> collections;
    int jobs = 0, plan = 0;
    bool verify = false;
};

/// The raster settings of a run: the index's own where it has them, the defaults for a new
/// one, and what was given on the command line. Given settings that differ from an existing
/// index's are an error that names both.
ArchiveSettings runSettings(const IndexArgs& a, const std::optional<ArchiveSettings>& existing)
{
    ArchiveSettings s = existing.value_or(ArchiveSettings{});
    ArchiveSettings given = s;
    if (!a.bands.empty())
        given.bands = parseBands(a.bands);
    if (a.tile)
        given.tile = *a.tile;
    if (a.overlap)
        given.overlap = *a.overlap;
    if (a.gsd)
        given.gsd = *a.gsd;
    if (a.stretch)
        given.stretch = *a.stretch == "percentile" ? StretchMode::Percentile
                        : *a.stretch == "none"     ? StretchMode::None
                                                   : StretchMode::Auto;
    if (given.overlap >= given.tile)
        throw CLI::ValidationError("--overlap", "must be smaller than --tile (" + std::to_string(given.tile) + ")");
    if (existing && !(given == *existing))
        throw Error("the index was built with " + existing->describe() + "; this run asks for " + given.describe(),
                    "leave out --bands, --tile, --overlap, --gsd and --stretch to update it with its own settings, or "
                    "index into a new file");
    return given;
}

void printNotice(const std::string& line)
{
    std::cerr << "rscir: " << line << "\n";
}

/// The split of an archive into shards, as one JSON document; nothing is encoded.
int runPlan(const IndexArgs& a, const IndexOptions& options)
{
    const auto root = std::filesystem::absolute(a.archive).lexically_normal();
    requireImages(root);
    const auto files = listArchive(root, a.index.empty() ? std::filesystem::path() : std::filesystem::path(a.index));
    if (static_cast<std::size_t>(a.plan) > files.size())
        std::cerr << "rscir: " << a.plan << " shards for " << files.size() << (files.size() == 1 ? " file" : " files")
                  << ": " << a.plan - static_cast<int>(files.size())
                  << " of them would be empty (a shard holds whole files)\n";
    const int cores = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
    const ShardPlan plan = planShards(root, files, options.settings, a.plan, options.jobs > 0 ? options.jobs : cores);
    nlohmann::ordered_json parts = nlohmann::ordered_json::array();
    for (std::size_t i = 0; i < plan.parts.size(); ++i) {
        const auto& part = plan.parts[i];
        parts.push_back({{"shard", std::to_string(i + 1) + "/" + std::to_string(plan.parts.size())},
                         {"files", part.files.size()},
                         {"tiles", part.tiles},
                         {"pixels", part.pixels},
                         {"share", plan.pixels ? static_cast<double>(part.pixels) / static_cast<double>(plan.pixels) : 0.0}});
    }
    nlohmann::ordered_json json{{"archive", root.string()},
                                {"settings", options.settings.describe()},
                                {"shards", a.plan},
                                {"files", plan.files},
                                {"tiles", plan.tiles},
                                {"pixels", plan.pixels},
                                {"unreadable", plan.unreadable},
                                {"imbalance", plan.imbalance()},
                                {"plan", plan.fingerprint},
                                {"parts", parts}};
    std::cout << json.dump(2) << "\n";
    return 0;
}

/// Ctrl-C and SIGTERM (a scheduler's cancel) cancel `progress` while the object lives:
/// the command stops at its next step and keeps what it committed. One that has not
/// stopped within a second (a read that blocks, a long batch) ends there: everything an
/// index holds survives a kill at any moment.
class InterruptWatch {
public:
    explicit InterruptWatch(Progress& progress) : m_progress(progress)
    {
        g_interrupted = 0;
        std::signal(SIGINT, [](int signal) { g_interrupted = signal; });
        std::signal(SIGTERM, [](int signal) { g_interrupted = signal; });
        m_watcher = std::thread([this] {
            int waited = 0;
            while (!m_finished) {
                if (g_interrupted) {
                    m_progress.cancel();
                    if (++waited > 18) {
                        // Ends the way the signal itself would have (the shell sees which).
                        const int signal = g_interrupted;
                        std::signal(signal, SIG_DFL);
                        std::raise(signal);
                    }
                }
                std::this_thread::sleep_for(std::chrono::milliseconds(50));
            }
        });
    }
    ~InterruptWatch()
    {
        m_finished = true;
        m_watcher.join();
        std::signal(SIGINT, SIG_DFL);
        std::signal(SIGTERM, SIG_DFL);
    }

private:
    Progress& m_progress;
    std::atomic<bool> m_finished{false};
    std::thread m_watcher;
};

int runMerge(const std::string& output, const std::vector<std::string>& shardFiles)
{
    const Progress printer = stderrProgress();
    Progress progress([&printer](std::int64_t done, std::int64_t total, const std::string& stage) {
        printer.report(done, total, stage);
    });
    InterruptWatch watch(progress);
    std::vector<std::filesystem::path> shards(shardFiles.begin(), shardFiles.end());
    const MergeReport report = mergeIndexes(output, shards, &progress, printNotice);
    nlohmann::ordered_json json{{"index", output},
                                {"shards", report.shards},
                                {"files", report.sources},
                                {"failed", report.failed},
                                {"items", report.items},
                                {"models", report.models},
                                {"rows_copied_exactly", report.recentred == 0},
                                {"seconds", report.seconds}};
    std::cout << json.dump() << "\n";
    return 0;
}

/// WEST,SOUTH,EAST,NORTH in degrees, checked as an area on the earth.
std::array<double, 4> parseBox(const std::string& text, const char* option)
{
    std::array<double, 4> box{};
    std::stringstream stream(text);
    std::string part;
    std::size_t n = 0;
    while (std::getline(stream, part, ',')) {
        try {
            std::size_t used = 0;
            if (n >= 4)
                throw std::invalid_argument(part);
            box[n++] = std::stod(part, &used);
            if (used != part.size())
                throw std::invalid_argument(part);
        } catch (const std::exception&) {
            throw CLI::ValidationError(option, "give WEST,SOUTH,EAST,NORTH in degrees, e.g. 4.3,50.8,4.5,50.9");
        }
    }
    if (n != 4)
        throw CLI::ValidationError(option, "give WEST,SOUTH,EAST,NORTH in degrees, e.g. 4.3,50.8,4.5,50.9");
    try {
        (void)SpatialFilter::box(box[0], box[1], box[2], box[3]);
    } catch (const Error& e) {
        throw CLI::ValidationError(option, e.what());
    }
    return box;
}

/// The items of --stac as the archive's files (options.listed), in --archive or the
/// index's folder or the catalogue's; what the catalogue leaves out is said on stderr.
void listCatalogue(IndexArgs& a, IndexOptions& options, const std::filesystem::path& existingRoot)
{
    namespace fs = std::filesystem;
    std::string source;
    if (!a.list.empty()) {
        source = std::string(kListPrefix) + fs::absolute(a.list).lexically_normal().string();
    } else if (a.stac.find("://") != std::string::npos) {
        // A search's parameters are the user's own; a query the address came with (a token)
        // is used for this run and not kept.
        StacSearch search;
        if (!a.searchBox.empty())
            search.bbox = parseBox(a.searchBox, "--bbox");
        search.from = a.searchFrom;
        search.to = a.searchTo;
        search.collections = a.collections;
        source = search.empty() ? a.stac : stacSearchUrl(a.stac, search);
        options.catalogue = addressWithoutSecrets(source);
    } else {
        source = fs::absolute(a.stac).lexically_normal().string();
    }
    // Bands by name (red,green,blue): of one asset, or one single-band asset each.
    std::vector<std::string> bandNames;
    if (!a.stac.empty()) {
        try {
            bandNames = catalogueBandNames(a.bands);
        } catch (const Error& e) {
            throw CLI::ValidationError("--bands", e.message());
        }
    }
    CatalogueRun run = catalogueRun(source, a.archive, a.asset, a.index, existingRoot,
                                    [](const std::string& line) { std::cerr << "rscir: " << line << "\n"; },
                                    nullptr, bandNames);
    if (!bandNames.empty()) {
        options.catalogueBands = a.bands;
        a.bands.clear(); // the index reads these band numbers
        for (const int b : run.bandNumbers)
            a.bands += (a.bands.empty() ? "" : ",") + std::to_string(b);
    }
    a.archive = run.archive.string();
    options.listed = std::move(run.listed);
    options.listIsPartial = run.partial;
    if (options.catalogue.empty())
        options.catalogue = source;
    options.catalogueAsset = a.asset;
}

int runIndex(const IndexArgs& given)
{
    IndexArgs a = given;
    if (a.archive.empty() && a.stac.empty() && a.list.empty())
        throw CLI::RequiredError("--archive");
    if (!a.stac.empty() && !a.list.empty())
        throw CLI::ValidationError("--list", "give --stac or --list, not both");
    if (!a.asset.empty() && a.stac.empty())
        throw CLI::ValidationError("--asset", "names an asset of the items of --stac");
    if ((!a.searchBox.empty() || !a.searchFrom.empty() || !a.searchTo.empty() || !a.collections.empty()) &&
        a.stac.find("://") == std::string::npos)
        throw CLI::ValidationError("--stac", "--bbox, --from, --to and --collections ask a STAC API's search (an "
                                             "http(s) address ending in /search)");
    if ((!a.stac.empty() || !a.list.empty()) && (a.plan > 0 || !a.shard.empty()))
        throw CLI::ValidationError("--stac", "a catalogue is indexed whole: give no --plan or --shard with it");
    IndexOptions options;
    options.batchSize = a.model.batch;
    options.datePattern = a.datePattern;
    options.jobs = capThreads(a.jobs, "--jobs");
    if (!a.storage.empty())
        options.storage = parseStorage(a.storage);
    if (a.plan > 0) {
        options.settings = runSettings(a, std::nullopt);
        return runPlan(a, options);
    }
    if (a.index.empty())
        throw CLI::RequiredError("--index");
    if (a.model.model.empty())
        throw CLI::RequiredError("--model");
    if (!a.shard.empty())
        options.shard = parseShard(a.shard);

    const ModelSource source = a.model.source();
    const bool isNew = !std::filesystem::exists(a.index);
    const bool listed = !a.stac.empty() || !a.list.empty();
    if (!listed && isNew)
        requireImages(a.archive);
    auto store = IndexStore::open(a.index, true, false, printNotice);
    // A new index that fails before anything is indexed (a catalogue, the settings, the
    // model) is not left behind as an empty file.
    std::optional<LoadedModel> prepared;
    try {
        if (listed)
            listCatalogue(a, options, isNew ? std::filesystem::path() : store->archiveRoot());
        try {
            options.settings = runSettings(a, store->settings());
        } catch (const Error& e) {
            throw Error(a.index + ": " + e.message(), e.hint());
        }
        if (isNew && options.storage)
            store->setDefaultStorage(*options.storage);
        checkShardOfIndex(*store, options.shard); // before seconds of loading a model
        prepared.emplace(loadModel(source, a.model.clipOptions()));
    } catch (...) {
        if (isNew) {
            store.reset();
            std::error_code ec;
            for (const char* suffix : {"", "-journal", "-wal", "-shm"})
                std::filesystem::remove(a.index + suffix, ec);
        }
        throw;
    }
    LoadedModel loaded = std::move(*prepared);
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
    InterruptWatch watch(progress);

    if (a.verify) {
        const ModelRecord identity = encoder.identity();
        const auto model = store->findModel(identity.fingerprint, identity.activation);
        if (!model) {
            // Verifying another model would index the whole archive anew under it.
            std::string held;
            for (const auto& m : store->models())
                held += (held.empty() ? "" : ", ") + m.name + " (" + m.activation + ")";
            throw Error("--verify: the index holds no embeddings of " + identity.name + " (" + identity.activation +
                            "); it holds " + (held.empty() ? std::string("none") : held),
                        "give --model and --activation as the index was made with; nothing was changed");
        }
        try {
            const auto check = store->checkRows(model->id);
            if (check.damaged.empty())
                std::cerr << "rscir: --verify: all " << check.checked << " embeddings in " << check.file.string()
                          << " are sound\n";
            else
                std::cerr << "rscir: --verify: " << check.damaged.size() << " of " << check.checked
                          << " embeddings in " << check.file.string()
                          << " were damaged (not finite, or not of unit length): the " << check.sources
                          << (check.sources == 1 ? " file that holds them is" : " files that hold them are")
                          << " encoded again now\n";
        } catch (const std::exception& e) {
            // A store cut short or with a damaged header cannot be read row by row; the
            // indexing run below keeps what it can of it and encodes the rest again.
            std::cerr << "rscir: --verify: " << e.what() << "; this run repairs it\n";
        }
    }
    const IndexReport report = [&] {
        try {
            return indexArchive(*store, a.archive, encoder, options, &progress,
                                [](const std::string& line) { std::cerr << "rscir: " << line << "\n"; });
        } catch (const Cancelled&) {
            // What was committed stays: say how far it got and how to go on.
            if (const auto counts = store->completeness())
                std::cerr << "rscir: stopped with " << counts->second << " of " << counts->first
                          << " files indexed; run the same command again to go on where it stopped\n";
            throw;
        }
    }();
    nlohmann::ordered_json json{{"files", report.files},         {"unchanged", report.unchanged},
                                {"added", report.added},         {"changed", report.changed},
                                {"removed", report.removed},     {"failed", report.failed},
                                {"items_encoded", report.items}, {"seconds", report.seconds},
                                {"compacted", report.compacted}, {"missing_bands", report.missingBands}};
    if (report.missingBands > 0) {
        std::string bands;
        for (int b : options.settings.bands)
            bands += (bands.empty() ? "" : ",") + std::to_string(b);
        std::cerr << "rscir: " << report.missingBands << (report.missingBands == 1 ? " file was" : " files were")
                  << " skipped: they lack a band of the bands " << bands
                  << (a.bands.empty() ? " the index was made with" : " given") << "; index them with the automatic "
                  << "bands (no --bands) into another index\n";
    }
    std::cout << json.dump() << "\n";
    return 0;
}

struct SearchArgs {
    ModelOptions model;
    BasicOptions basic;
    const CLI::App* command = nullptr; ///< where --basic-* options were given (or not)
    std::string index, method, format = "json", output, queryFile, saveQuery, queriesFile;
    std::vector<std::string> images, texts, notImages, notTexts;
    std::vector<std::int64_t> items, notItems;
    std::optional<double> lambda; ///< unset: the saved query's, or the model's default
    std::optional<double> avoid; ///< nu; unset: the saved query's, or 0.5
    std::optional<int> topK;
    std::optional<double> distinct; ///< one result per place, at this overlap
    bool matchGsd = false; ///< query images resampled to the archive's ground resolution
    std::string bbox, aoi, aoiLayer;
    /// The filter (QueryFilter): given ones replace the saved query's.
    std::string from, to, gsdRange;
    std::vector<std::string> platforms;
    std::optional<double> maxCloud, samePlace;
    bool after = false, before = false;
    bool showQuery = false; ///< keep the query's own archive items in the list
    bool anyTerm() const
    {
        return !images.empty() || !texts.empty() || !notImages.empty() || !notTexts.empty() || !items.empty() ||
               !notItems.empty();
    }
};

/// Searches one index with any number of queries: the index, its embeddings and the model
/// are opened once; each term is embedded once (a text by the model, an indexed item from
/// its stored row) and scored in passes over the embeddings, two terms per pass.
class Searcher {
public:
    Searcher(const std::string& index, const ModelOptions& modelOptions)
        : m_modelOptions(modelOptions), m_source(modelOptions.source()), m_store(IndexStore::open(index, false, true)),
          m_model(indexedModel(*m_store, m_source)), m_embeddings(m_store->embeddings(m_model.id)),
          m_indexPath(std::filesystem::absolute(index).lexically_normal().string())
    {
    }
    const ModelSource& source() const { return m_source; }
    const ModelRecord& model() const { return m_model; }
    const IndexStore& store() const { return *m_store; }
    /// BASIC's settings for the queries that follow; other settings than the last build
    /// the space again (the corpora's embeddings are kept on disk).
    void setBasic(const BasicOptions& basic)
    {
        if (basic == m_basicArgs)
            return;
        m_basicArgs = basic;
        m_basicSpace.reset();
        m_basicNormalisation.reset();
    }

    /// One line on stderr where the index's last run stopped early: results come from part of it.
    void sayIfIncomplete() const
    {
        std::error_code ec;
        if (!std::filesystem::is_directory(m_store->archiveRoot(), ec))
            std::cerr << "rscir: the archive folder " << m_store->archiveRoot().string()
                      << " does not exist (was the index moved without it?): results name files there; rscir index "
                         "--archive FOLDER on the index points it at the folder\n";
        if (const auto counts = m_store->completeness(); counts && counts->second < counts->first)
            std::cerr << "rscir: the index is incomplete: " << counts->second << " of the " << counts->first
                      << " files found were indexed when its last run stopped; results come from those (rscir "
                         "index with the same arguments goes on)\n";
    }

    /// What to say of a stored row whose similarity is not finite: the file, the item, the repair.
    Error damagedRow(std::int64_t itemId) const
    {
        // The command with the index's own model, activation and archive folder; a folder
        // that is not there (an index that was moved) is said, not given as if it were.
        std::error_code ec;
        const auto root = m_store->archiveRoot();
        const bool rootThere = std::filesystem::is_directory(root, ec);
        std::string command = "rscir index --verify --archive " + (rootThere ? root.string() : std::string("FOLDER")) +
                              " --index " + m_indexPath + " --model " + m_modelOptions.model + " --activation " +
                              m_model.activation;
        if (!m_modelOptions.vocab.empty())
            command += " --vocab " + m_modelOptions.vocab;
        if (!rootThere)
            command += " (FOLDER: the archive's images; the index points at " + root.string() +
                       ", which does not exist)";
        return IndexStore::damagedRowError(itemId, m_store->storeFile(m_model.id), command);
    }

    /// A term for an item id of this index, with what identifies it across re-indexing.
    QueryTerm itemTerm(std::int64_t id) const
    {
        const auto item = m_store->item(id);
        if (!item)
            throw Error("item " + std::to_string(id) + " is not in the index " + m_indexPath);
        QueryTerm term = QueryTerm::ofItem(m_indexPath, id, m_store->sourceFile(item->path).string());
        term.source = item->path;
        term.window = {item->window.x, item->window.y, item->window.width, item->window.height};
        return term;
    }

    /// Binds a saved item to this index by its source and window (its id may have changed).
    void bind(QueryTerm& term) const
    {
        if (term.kind != QueryTerm::Kind::Item)
            return;
        const auto id = m_store->findItem(term.source, Window{term.window[0], term.window[1], term.window[2],
                                                              term.window[3]});
        if (!id)
            throw Error("the query's example " + term.source + " (window " + std::to_string(term.window[0]) + ", " +
                            std::to_string(term.window[1]) + ", " + std::to_string(term.window[2]) + " x " +
                            std::to_string(term.window[3]) + ") is not in the index " + m_indexPath,
                        "index the archive it comes from, or give the image as a file");
        const bool avoided = term.avoided;
        term = itemTerm(*id);
        term.avoided = avoided;
    }

    /// Every item's place and metadata, read once a filter is asked for.
    const ItemCatalogue& catalogue()
    {
        if (!m_catalogue)
            m_catalogue = std::make_unique<const ItemCatalogue>(ItemCatalogue::of(*m_store));
        return *m_catalogue;
    }

    /// Where and when the query was taken, where its filter needs that (else nothing).
    QueryAnchor anchorOf(const SavedQuery& saved)
    {
        if (!needsAnchor(saved.filter))
            return {};
        // Found once per query (a query image's header is read for it): checked before a
        // batch runs, then used by its search.
        const std::string key = anchorKey(saved.query);
        if (const auto known = m_anchors.find(key); known != m_anchors.end())
            return known->second;
        if (m_anchors.size() >= 4096)
            m_anchors.clear();
        return m_anchors[key] = queryAnchor(saved.query, *m_store, catalogue());
    }

    /// The rows an area and a filter keep (cached by their key), with a line on stderr
    /// saying how many; null when the query has neither.
    std::shared_ptr<const SearchArea> keptOf(const SavedQuery& saved)
    {
        if (!saved.area && saved.filter.empty())
            return nullptr;
        const SpatialFilter area = saved.area ? SpatialFilter::of(*saved.area) : SpatialFilter();
        const ItemConditions conditions = resolveConditions(saved.filter, anchorOf(saved));
        const std::string key = keptRowsKey(&area, conditions);
        if (const auto* kept = m_areas.find(key))
            return *kept;
        auto rows = std::make_shared<const SearchArea>(keptRows(&area, conditions, *m_embeddings, catalogue()));
        std::cerr << "rscir: ";
        if (area.active())
            std::cerr << "the area " << area.label();
        if (!saved.filter.empty())
            std::cerr << (area.active() ? " and " : "") << "the filter (" << conditions.describe() << ")";
        std::cerr << (area.active() && !saved.filter.empty() ? " keep " : " keeps ") << rows->rows.size() << " of "
                  << m_embeddings->size() << " items";
        if (rows->withoutFootprint > 0)
            std::cerr << " (" << rows->withoutFootprint << " without a footprint are left out)";
        if (rows->withoutMetadata > 0)
            std::cerr << " (" << rows->withoutMetadata << " that do not say what the filter asks are left out)";
        std::cerr << "\n";
        const std::size_t bytes = rows->rows.size() * sizeof(std::size_t);
        const auto& kept = m_areas.put(key, std::move(rows), bytes);
        auto result = kept; // the rows at hand stay, whatever they cost
        m_areas.trim([&](const std::string& k) { return k == key; });
        return result;
    }

    std::vector<RankedItem> search(const SavedQuery& saved, Method method, double lambda, double nu, std::size_t k,
                                   bool showQuery = false)
    {
        const Ranking ranking = rankingOf(saved, method, showQuery);
        std::vector<RankedItem> results;
        if (saved.distinct) {
            results = onePerPlace(ranking, method, lambda, nu, k, *saved.distinct);
        } else {
            for (const Hit& hit : ranking.rank(method, lambda, k, nu)) {
                if (auto item = m_store->item(m_embeddings->itemId(hit.index))) {
                    const std::string absolute = m_store->sourceFile(item->path).string();
                    results.push_back({std::move(*item), hit, absolute, {}});
                }
            }
        }
        attachAcquisition(results, *m_store);
        return results;
    }

    /// The query's terms scored and composed over the archive being ranked (the whole
    /// index, or the rows an area keeps), ready to be ranked for any lambda and nu.
    Ranking rankingOf(const SavedQuery& saved, Method method, bool showQuery)
    {
        const Query& query = saved.query;
        const bool matchGsd = saved.matchGsd;
        // With the archive's ground resolution, a query image is another image: another key.
        const std::optional<double> gsd = matchGsd ? archiveGroundResolution() : std::nullopt;
        const auto keyOf = [&](const QueryTerm& term) {
            return gsd && term.kind == QueryTerm::Kind::File ? term.key() + "\n@" + metresText(*gsd) : term.key();
        };
        if (query.empty())
            throw Error("the query has no terms");
        if ((method == Method::Slerp || method == Method::Basic) &&
            !std::any_of(query.terms.begin(), query.terms.end(), [](const QueryTerm& t) { return !t.avoided; }))
            throw Error(std::string(method == Method::Slerp ? "Slerp" : "BASIC") + " needs a wanted image or text");
        std::vector<TermEmbedding> inputs;
        // A long batch keeps a bounded set of embeddings; always the ones of the query at hand.
        std::set<std::string> keys;
        for (const QueryTerm& term : query.terms) {
            keys.insert(keyOf(term));
            if (!m_embedded.find(keyOf(term))) {
                auto embedding = embed(term, gsd);
                const std::size_t bytes = embedding.size() * sizeof(float);
                m_embedded.put(keyOf(term), std::move(embedding), bytes);
            }
        }
        m_embedded.trim([&](const std::string& key) { return keys.count(key) != 0; });
        for (const QueryTerm& term : query.terms)
            inputs.push_back({keyOf(term), *m_embedded.peek(keyOf(term))});
        // Normalised over the archive being ranked: the whole index, or the rows an area and a filter keep.
        const auto rows = keptOf(saved);
        std::set<std::int64_t> hidden;
        if (!showQuery)
            hidden = queryOwnItems(query, [&](const QueryTerm& term) -> std::optional<std::int64_t> {
                if (const auto item = m_store->wholeFileItem(term.path); item && m_embeddings->indexOf(*item))
                    return item;
                return std::nullopt;
            });
        if (method == Method::Basic)
            return Ranking(m_embeddings, basicSessionOf(query, inputs, rows.get()), rows, std::move(hidden));
        std::vector<std::shared_ptr<const ModalityScores>> scores;
        try {
            scores = m_search.score(inputs, rows.get());
        } catch (const NotFiniteSimilarity& e) {
            throw damagedRow(m_embeddings->itemId(e.index()));
        }
        std::vector<ScoredTerm> scored;
        for (std::size_t i = 0; i < query.terms.size(); ++i)
            scored.push_back({query.terms[i].isImage(), query.terms[i].avoided, *m_embedded.peek(inputs[i].key), scores[i]});
        // The query's own archive items are left out of the list (not of the statistics)
        // unless they are to be shown.
        return Ranking(m_embeddings, scored, rows, std::move(hidden));
    }

    /// How many results the last search folded under better ones at their place.
    std::size_t lastFolded() const { return m_lastFolded; }

private:
    /// The first k results of the ranking at different places (onePerPlace).
    std::vector<RankedItem> onePerPlace(const Ranking& ranking, Method method, double lambda, double nu, std::size_t k,
                                        double overlap)
    {
        std::map<std::int64_t, ItemRecord> items; // read once, for the place and for the result
        const PlacedHits placed = rscir::onePerPlace(
            k, overlap, [&](std::size_t n) { return ranking.rank(method, lambda, n, nu); },
            [&](const Hit& hit) -> std::optional<std::pair<std::int64_t, ItemPlace>> {
                const std::int64_t id = m_embeddings->itemId(hit.index);
                auto known = items.find(id); // a longer walk meets the first hits again
                if (known == items.end()) {
                    auto item = m_store->item(id);
                    if (!item)
                        return std::nullopt;
                    known = items.emplace(id, std::move(*item)).first;
                }
                return std::pair{id, placeOf(known->second)};
            });
        m_lastFolded = placed.foldedCount;
        std::vector<RankedItem> results;
        for (std::size_t i = 0; i < placed.hits.size(); ++i) {
            ItemRecord& item = items.at(m_embeddings->itemId(placed.hits[i].index));
            const std::string absolute = m_store->sourceFile(item.path).string();
            results.push_back({std::move(item), placed.hits[i], absolute, placed.folded[i]});
        }
        return results;
    }

    /// BASIC's session of a query whose terms are embedded (`inputs`, in the query's order).
    QuerySession basicSessionOf(const Query& query, const std::vector<TermEmbedding>& inputs, const SearchArea* rows)
    {
        prepareBasic();
        std::vector<std::vector<float>> contextualised;
        contextualised.reserve(query.terms.size()); // the spans below point into it
        std::vector<BasicTerm> terms;
        for (std::size_t i = 0; i < query.terms.size(); ++i) {
            const QueryTerm& term = query.terms[i];
            std::span<const float> embedding = inputs[i].embedding;
            if (!term.isImage() && m_basicArgs.contextualize > 0) {
                // The subjects a text is put beside are the corpora's: their key is part of its key.
                const std::string key = "context\n" + m_basicKey + "\n" + std::to_string(m_basicArgs.contextualize) +
                                        "\n" + inputs[i].key;
                if (!m_embedded.find(key)) {
                    auto values = contextualisedText(basicTextModel(encoder(), m_model.fingerprint), term.text,
                                                     m_basicSubjects, m_basicArgs.contextualize);
                    const std::size_t bytes = values.size() * sizeof(float);
                    m_embedded.put(key, std::move(values), bytes);
                }
                contextualised.push_back(*m_embedded.peek(key));
                embedding = contextualised.back();
            }
            terms.push_back({term.isImage(), term.avoided, embedding});
        }
        const BasicRequest request = basicRequestOf(terms, m_basicSpace, m_basicNormalisation, m_basicKey);
        return basicSession(m_search, request, rows);
    }

    /// BASIC's space for this model and archive, built once: the corpora embedded with the
    /// model (kept on disk), the mean image (the archive's, or a given one), the projection.
    void prepareBasic()
    {
        if (m_basicSpace)
            return;
        Progress progress = stderrProgress();
        BasicPrepared p = rscir::prepareBasic(basicTextModel(encoder(), m_model.fingerprint), [&] { return archiveMean(*m_embeddings); },
                                              m_basicArgs, &progress);
        m_basicSpace = std::move(p.space);
        m_basicNormalisation = p.normalisation;
        m_basicSubjects = std::move(p.subjects);
        m_basicKey = std::move(p.key);
        std::cerr << "rscir: " << p.description << "\n";
    }

    /// The archive's ground resolution, found once; said once when there is none.
    std::optional<double> archiveGroundResolution()
    {
        if (!m_groundResolution) {
            m_groundResolution = m_store->groundResolution().value_or(0.0);
            if (*m_groundResolution > 0)
                std::cerr << "rscir: query images are resampled to the archive's ground resolution, "
                          << metresText(*m_groundResolution) << " per pixel\n";
            else
                std::cerr << "rscir: the archive is not georeferenced: --match-gsd leaves query images as they are\n";
        }
        return *m_groundResolution > 0 ? m_groundResolution : std::nullopt;
    }

    std::vector<float> embed(const QueryTerm& term, std::optional<double> gsd)
    {
        switch (term.kind) {
        case QueryTerm::Kind::Item: {
            const auto row = m_embeddings->indexOf(term.item);
            if (!row)
                throw Error("item " + std::to_string(term.item) + " has no embedding of this model in the index");
            return toVector(Embedding(m_embeddings->values(*row)));
        }
        case QueryTerm::Kind::File: {
            // An image that is an indexed file of one item reuses its stored embedding.
            if (const auto item = m_store->wholeFileItem(term.path))
                if (const auto row = m_embeddings->indexOf(*item))
                    return toVector(Embedding(m_embeddings->values(*row)));
            LoadedModel& m = encoder();
            if (gsd && !queryGroundResolution(term.path))
                std::cerr << "rscir: " << term.path << " is not georeferenced: it is encoded at its own resolution\n";
            const ArchiveSettings settings = m_store->settings().value_or(ArchiveSettings{});
            const auto pixels =
                queryImagePixels(term.path, settings.rasterOptions(), preprocessingOf(m.model->config()),
                                 gsd ? std::optional<GroundScale>(GroundScale{*gsd, settings.tile}) : std::nullopt);
            return toVector(Embedding(m.model->encodeImages(pixels, 1)));
        }
        case QueryTerm::Kind::Text: break;
        }
        return toVector(encoder().encodeText(term.text));
    }
    static std::vector<float> toVector(const Embedding& e) { return {e.values().begin(), e.values().end()}; }
    LoadedModel& encoder()
    {
        if (!m_encoder)
            m_encoder = std::make_unique<LoadedModel>(loadModel(m_source, m_modelOptions.clipOptions()));
        return *m_encoder;
    }

    BasicOptions m_basicArgs;
    std::shared_ptr<const BasicSpace> m_basicSpace;
    std::optional<BasicNormalisation> m_basicNormalisation;
    std::vector<std::string> m_basicSubjects;
    std::string m_basicKey;
    const ModelOptions& m_modelOptions;
    ModelSource m_source;
    std::unique_ptr<IndexStore> m_store;
    ModelRecord m_model;
    std::shared_ptr<const ArchiveEmbeddings> m_embeddings;
    std::string m_indexPath;
    std::unique_ptr<LoadedModel> m_encoder;
    std::size_t m_lastFolded = 0;
    std::optional<double> m_groundResolution; ///< the archive's (0: none), once asked for
    LruCache<std::string, std::vector<float>> m_embedded{cache_limits::kTermEmbeddingsBytes};
    ArchiveSearch m_search{m_embeddings};
    std::unique_ptr<const ItemCatalogue> m_catalogue; ///< read once an area or a filter is asked for
    std::map<std::string, QueryAnchor> m_anchors; ///< by the query's terms, at most 4096
    LruCache<std::string, std::shared_ptr<const SearchArea>> m_areas{cache_limits::kAreaRowsBytes}; ///< by their key
};

/// What one search runs: the terms and every setting resolved.
struct ResolvedQuery {
    SavedQuery saved;
    Method method;
    double lambda, nu;
    int topK;
    std::string lambdaFrom; ///< where lambda came from, in words
};

/// One line on stderr: the lambda a search ranks with, and why that one.
void sayLambda(const ResolvedQuery& q)
{
    if (q.method != Method::WeiCom && q.method != Method::Slerp && q.method != Method::Basic)
        return;
    std::ostringstream text;
    text.imbue(std::locale::classic());
    text << std::fixed << std::setprecision(2) << q.lambda;
    std::cerr << "rscir: " << (q.method == Method::Basic ? "Harris weight " : "lambda ") << text.str() << " ("
              << q.lambdaFrom << ")\n";
}

/// "MIN:MAX", "MIN:" or ":MAX" in metres.
std::pair<std::optional<double>, std::optional<double>> gsdRangeOf(const std::string& text)
{
    const auto colon = text.find(':');
    const auto bound = [&](const std::string& part) -> std::optional<double> {
        if (part.empty())
            return std::nullopt;
        try {
            std::size_t used = 0;
            const double value = std::stod(part, &used);
            if (used == part.size() && std::isfinite(value) && value >= 0)
                return value;
        } catch (const std::exception&) {
        }
        throw CLI::ValidationError("--gsd", "give MIN:MAX in metres per pixel, e.g. 0.3:1 (MIN: or :MAX for one bound)");
    };
    if (colon == std::string::npos || text.find(':', colon + 1) != std::string::npos || text.size() == 1)
        throw CLI::ValidationError("--gsd", "give MIN:MAX in metres per pixel, e.g. 0.3:1 (MIN: or :MAX for one bound)");
    return {bound(text.substr(0, colon)), bound(text.substr(colon + 1))};
}

/// The filter options given on the command line, over the saved query's filter.
void applyFilterOptions(QueryFilter& filter, const SearchArgs& a)
{
    if (!a.from.empty())
        filter.from = a.from;
    if (!a.to.empty())
        filter.to = a.to;
    if (!a.platforms.empty()) {
        filter.platforms.clear();
        for (std::string name : a.platforms) { // split at commas by the option
            name.erase(0, name.find_first_not_of(" \t"));
            name.erase(name.find_last_not_of(" \t") + 1);
            if (!name.empty())
                filter.platforms.push_back(name);
        }
    }
    if (a.maxCloud)
        filter.maxCloud = a.maxCloud;
    if (!a.gsdRange.empty())
        std::tie(filter.gsdMin, filter.gsdMax) = gsdRangeOf(a.gsdRange);
    if (a.samePlace)
        filter.samePlace = a.samePlace;
    if (a.after)
        filter.relative = QueryFilter::Time::After;
    if (a.before)
        filter.relative = QueryFilter::Time::Before;
    checkQueryFilter(filter, {});
}

ResolvedQuery resolve(SavedQuery saved, const SearchArgs& a, Searcher& searcher)
{
    if (!a.method.empty()) {
        Method method = Method::WeiCom;
        try {
            method = parseMethod(a.method);
        } catch (const Error& e) {
            throw CLI::ValidationError("--method", e.what());
        }
        // BASIC's lambda is Harris's weight, WeiCom's and Slerp's a mix: a saved query's
        // lambda does not carry over to or from BASIC.
        if (saved.method && (*saved.method == Method::Basic) != (method == Method::Basic))
            saved.lambda.reset();
        saved.method = method;
    }
    // BASIC's lambda is Harris's weight: the reference's 0.1 unless given.
    const bool basic = saved.method == Method::Basic;
    const std::string lambdaFrom = a.lambda ? "--lambda"
                                   : saved.lambda ? "the saved query's"
                                   : basic ? "BASIC's default Harris weight"
                                   : searcher.source().defaultLambda
                                       ? "the default of the model " + searcher.model().name
                                       : "the model " + searcher.model().name + " names none; the default for such models";
    if (a.lambda)
        saved.lambda = a.lambda;
    if (a.avoid)
        saved.avoid = a.avoid;
    if (a.topK)
        saved.results = a.topK;
    if (a.distinct)
        saved.distinct = a.distinct;
    if (a.matchGsd)
        saved.matchGsd = true;
    if (!a.bbox.empty()) {
        const std::array<double, 4> box = parseBox(a.bbox, "--bbox");
        saved.area = QueryArea{box, {}, SpatialFilter::box(box[0], box[1], box[2], box[3]).label()};
    } else if (!a.aoi.empty()) {
        const SpatialFilter filter = SpatialFilter::fromFile(a.aoi, a.aoiLayer);
        saved.area = QueryArea{std::nullopt, filter.wkt(), filter.label()};
    } else if (saved.area && saved.area->bbox) {
        const auto& box = *saved.area->bbox;
        (void)SpatialFilter::box(box[0], box[1], box[2], box[3]); // a saved box is checked like a given one
    }
    applyFilterOptions(saved.filter, a);
    // Checked here, before the first search of a batch: a query image that is not there.
    for (const QueryTerm& term : saved.query.terms) {
        std::error_code ec;
        if (term.kind == QueryTerm::Kind::File && !std::filesystem::is_regular_file(term.path, ec))
            throw Error("the query image " + term.path + " does not exist");
    }
    for (QueryTerm& term : saved.query.terms)
        searcher.bind(term);
    // A filter relative to the query is checked here, before the first search of a batch.
    if (needsAnchor(saved.filter))
        (void)resolveConditions(saved.filter, searcher.anchorOf(saved));
    if (!saved.modelFingerprint.empty() && saved.modelFingerprint != searcher.model().fingerprint)
        std::cerr << "rscir: the query was saved with the model " << saved.modelName << "; it is ranked with "
                  << searcher.model().name << "\n";
    saved.modelName = searcher.model().name;
    saved.modelFingerprint = searcher.model().fingerprint;
    if (basic && saved.lambda && *saved.lambda >= kBasicHarrisLimit)
        throw CLI::ValidationError("--lambda", "BASIC's Harris weight must lie below 0.25 (at 0.25 and above no item "
                                               "scores above 0)");
    if (!basic && a.command)
        for (const char* option : {"--basic-corpora", "--basic-mean", "--basic-aa", "--basic-components",
                                   "--basic-expansion", "--basic-contextualize", "--basic-norm"})
            if (a.command->count(option) > 0) {
                std::cerr << "rscir: the --basic-… options apply to --method basic only; this query ranks with "
                          << methodName(saved.method.value_or(Method::WeiCom)) << "\n";
                break;
            }
    // BASIC's settings: the saved query's, with those given on the line over them; kept with it.
    if (basic) {
        saved.basic = basicOptionsFor(a.command, a.basic, saved.basic);
        searcher.setBasic(*saved.basic);
    } else {
        saved.basic.reset();
    }
    ResolvedQuery r{saved, saved.method.value_or(Method::WeiCom),
                    saved.lambda.value_or(basic ? BasicSettings{}.harrisLambda
                                                : searcher.source().defaultLambda.value_or(kDefaultLambda)),
                    saved.avoid.value_or(kDefaultAvoid), saved.results.value_or(20), std::move(lambdaFrom)};
    r.saved.method = r.method;
    r.saved.lambda = r.lambda;
    r.saved.avoid = r.nu;
    r.saved.results = r.topK;
    return r;
}

/// One line on stderr after a search with one result per place: how many were folded.
void sayFolded(const ResolvedQuery& q, const Searcher& searcher)
{
    if (!q.saved.distinct)
        return;
    std::ostringstream overlap;
    overlap.imbue(std::locale::classic());
    overlap << std::setprecision(3) << *q.saved.distinct;
    std::cerr << "rscir: one result per place (overlap " << overlap.str() << "): " << searcher.lastFolded()
              << (searcher.lastFolded() == 1 ? " result was" : " results were")
              << " folded under a better one at its place (listed as \"folded\" in JSON)\n";
}

int runSearch(const SearchArgs& a)
{
    if (!a.queriesFile.empty() && (a.anyTerm() || !a.queryFile.empty() || !a.saveQuery.empty() || !a.output.empty()))
        throw CLI::ValidationError("--queries", "takes its terms from the file: give no terms, --query, --save-query "
                                                "or --output with it");
    if (a.queriesFile.empty() && a.queryFile.empty() && a.images.empty() && a.items.empty() && a.texts.empty())
        throw CLI::ValidationError("search", "give a query: --image FILE or --item ID, and/or --text STRING "
                                             "(or --query FILE.json)");
    if (!a.bbox.empty() && !a.aoi.empty())
        throw CLI::ValidationError("--bbox", "give --bbox or --aoi, not both");
    if (!a.aoiLayer.empty() && a.aoi.empty())
        throw CLI::ValidationError("--aoi-layer", "names a layer of --aoi FILE");
    if (!a.queriesFile.empty() && a.format != "json")
        throw CLI::ValidationError("--format", "--queries prints JSON lines only");

    Searcher searcher(a.index, a.model);
    searcher.setBasic(a.basic);
    searcher.sayIfIncomplete();
    if (!a.queriesFile.empty()) {
        // Every line is read and checked before the first search.
        std::ifstream in(a.queriesFile, std::ios::binary);
        if (!in)
            throw Error("cannot read " + a.queriesFile);
        std::vector<std::pair<std::size_t, ResolvedQuery>> queries;
        std::string line;
        for (std::size_t number = 1; readBoundedLine(in, line, a.queriesFile + " line " + std::to_string(number));
             ++number) {
            if (number > 1000000)
                throw Error(a.queriesFile + " has more than a million lines", "is this a file of queries, one per line?");
            if (line.find_first_not_of(" \t\r") == std::string::npos)
                continue;
            if (queries.size() >= 100000)
                throw Error(a.queriesFile + " has more than 100,000 queries; split it");
            const std::string where = a.queriesFile + " line " + std::to_string(number);
            try {
                queries.emplace_back(number, resolve(queryFromJson(line, where), a, searcher));
            } catch (const Error& e) {
                const std::string message = e.what();
                throw Error(message.rfind(where, 0) == 0 ? message : where + ": " + message);
            }
        }
        // Said once, for the first line that ranks with a lambda; then for each line whose
        // lambda differs from it, in value or in where it came from.
        const ResolvedQuery* first = nullptr;
        for (const auto& [number, q] : queries) {
            if (q.method != Method::WeiCom && q.method != Method::Slerp)
                continue;
            if (!first) {
                first = &q;
                sayLambda(q);
            } else if (q.lambda != first->lambda || q.lambdaFrom != first->lambdaFrom) {
                std::ostringstream value;
                value.imbue(std::locale::classic());
                value << std::fixed << std::setprecision(2) << q.lambda;
                std::cerr << "rscir: " << a.queriesFile << " line " << number << ": lambda " << value.str() << " ("
                          << q.lambdaFrom << ")\n";
            }
        }
        for (const auto& [number, q] : queries) {
            const auto results =
                searcher.search(q.saved, q.method, q.lambda, q.nu, static_cast<std::size_t>(q.topK), a.showQuery);
            writeResultsBatchLine(std::cout, number, results);
        }
        return 0;
    }

    SavedQuery saved;
    if (!a.queryFile.empty())
        saved = readQueryFile(a.queryFile);
    for (const auto id : a.items)
        saved.query.terms.push_back(searcher.itemTerm(id));
    for (const auto& image : a.images)
        saved.query.terms.push_back(QueryTerm::ofFile(std::filesystem::absolute(image).lexically_normal().string()));
    for (const auto& text : a.texts)
        if (text.find_first_not_of(" \t\r\n") != std::string::npos)
            saved.query.terms.push_back(QueryTerm::ofText(text));
    const auto avoid = [](QueryTerm term) {
        term.avoided = true;
        return term;
    };
    for (const auto id : a.notItems)
        saved.query.terms.push_back(avoid(searcher.itemTerm(id)));
    for (const auto& image : a.notImages)
        saved.query.terms.push_back(
            avoid(QueryTerm::ofFile(std::filesystem::absolute(image).lexically_normal().string())));
    for (const auto& text : a.notTexts)
        if (text.find_first_not_of(" \t\r\n") != std::string::npos)
            saved.query.terms.push_back(avoid(QueryTerm::ofText(text)));
    if (saved.query.empty())
        throw CLI::ValidationError("search", "the query has no terms");
    const ResolvedQuery q = [&] {
        try {
            return resolve(std::move(saved), a, searcher);
        } catch (const Error& e) {
            const std::string message = e.what();
            if (a.queryFile.empty() || message.rfind(a.queryFile, 0) == 0)
                throw;
            throw Error(a.queryFile + ": " + message);
        }
    }();
    sayLambda(q);
    const auto results =
        searcher.search(q.saved, q.method, q.lambda, q.nu, static_cast<std::size_t>(q.topK), a.showQuery);
    sayFolded(q, searcher);
    const std::string queryJson = queryToJson(q.saved);
    if (!a.saveQuery.empty())
        writeQueryFile(a.saveQuery, q.saved);
    const bool geometry = a.format == "geojson" || a.output.ends_with(".geojson") || a.output.ends_with(".json") ||
                          a.output.ends_with(".gpkg");
    if (const auto missing = withoutFootprint(results); geometry && missing > 0)
        std::cerr << "rscir: " << missing << " of " << results.size()
                  << " results have no footprint (not georeferenced): their geometry is empty\n";
    if (!a.output.empty())
        writeResultsFile(a.output, results, queryJson);
    else if (a.format == "json")
        writeResultsJsonLines(std::cout, results);
    else if (a.format == "csv")
        writeResultsCsv(std::cout, results);
    else
        writeResultsGeoJson(std::cout, results, queryJson);
    return 0;
}

struct ScoreMapArgs {
    SearchArgs search; ///< the index, the model, --query and the settings that override it
    std::string source, output;
    bool force = false;
};

/// The archive-relative path of a source given as a path (absolute, or relative to here) or
/// as the index names it.
std::string sourceInIndex(const IndexStore& store, const std::string& given)
{
    if (store.sourceId(given))
        return given;
    std::error_code ec;
    const auto root = std::filesystem::weakly_canonical(store.archiveRoot(), ec);
    const auto file = std::filesystem::weakly_canonical(std::filesystem::absolute(given), ec);
    const auto relative = file.lexically_relative(root).generic_string();
    if (!relative.empty() && relative.rfind("..", 0) != 0 && store.sourceId(relative))
        return relative;
    throw Error(given + " is not a file of the index's archive (" + store.archiveRoot().string() + ")",
                "give a file the index holds, as a path or as rscir search names it");
}

int runScoreMap(const ScoreMapArgs& a)
{
    Searcher searcher(a.search.index, a.search.model);
    searcher.sayIfIncomplete();
    const IndexStore& store = searcher.store();
    const std::string path = sourceInIndex(store, a.source);
    const auto source = store.source(*store.sourceId(path));
    const auto settings = store.settings().value_or(ArchiveSettings{});
    const ResolvedQuery q = resolve(readQueryFile(a.search.queryFile), a.search, searcher);
    sayLambda(q);
    // Every window is mapped, the query's own included; scores are those a search reports.
    const Ranking ranking = searcher.rankingOf(q.saved, q.method, true);
    std::vector<std::pair<Window, float>> scores;
    for (const ItemRecord& item : store.itemsOfSource(source->id))
        if (const auto hit = ranking.explain(item.id, q.method, q.lambda, q.nu))
            scores.emplace_back(item.window, hit->score);
    const ScoreMapReport report =
        writeScoreMap(a.output, source->facts, settings.tileFor(source->facts), settings.overlapFor(source->facts), scores, a.force,
                      {{"RSCIR_QUERY", queryToJson(q.saved)}, {"RSCIR_SOURCE", path}});
    if (!source->facts.georeferenced)
        std::cerr << "rscir: " << path << " is not georeferenced: the score map has no CRS (pixel grid only)\n";
    if (report.offGrid > 0)
        std::cerr << "rscir: " << report.offGrid << " windows do not lie on the tiling of the index (tile "
                  << settings.tileFor(source->facts) << ", overlap " << settings.overlapFor(source->facts)
                  << ") and are left out\n";
    nlohmann::ordered_json json{{"output", a.output},      {"source", path},
                                {"columns", report.columns}, {"rows", report.rows},
                                {"scored", report.scored},   {"windows", static_cast<std::size_t>(report.columns) * report.rows}};
    std::cout << json.dump() << "\n";
    return 0;
}

struct ChipsArgs {
    SearchArgs search; ///< the index, the model, --query, --top-k, --distinct
    std::string output;
    std::string labels; ///< a side file of labels, instead of the index's own
    bool asSeen = false, force = false;
};

/// Writes each hit of a saved query as a chip into a folder, with their footprints.
int runExportChips(const ChipsArgs& a)
{
    namespace fs = std::filesystem;
    Searcher searcher(a.search.index, a.search.model);
    searcher.sayIfIncomplete();
    const ResolvedQuery q = resolve(readQueryFile(a.search.queryFile), a.search, searcher);
    sayLambda(q);
    auto results = searcher.search(q.saved, q.method, q.lambda, q.nu, static_cast<std::size_t>(q.topK));
    sayFolded(q, searcher);
    attachLabels(results, LabelStore::read(a.labels.empty() ? a.search.index : a.labels, a.search.index));
    const fs::path folder(a.output);
    const RasterOptions options = searcher.store().settings().value_or(ArchiveSettings{}).rasterOptions();
    const auto names = exportChips(folder, results, options, a.asSeen, a.force, queryToJson(q.saved));
    nlohmann::ordered_json chips = nlohmann::json::array();
    for (std::size_t i = 0; i < results.size(); ++i)
        chips.push_back({{"rank", i + 1}, {"item", results[i].item.id}, {"chip", names[i]}, {"score", results[i].hit.score}});
    std::cout << nlohmann::ordered_json{{"folder", folder.string()}, {"footprints", "chips.gpkg"}, {"chips", chips}}.dump()
              << "\n";
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
    json["read_only"] = store->onReadOnlyStorage();
    if (store->onReadOnlyStorage())
        json["read_only_because"] = store->whyReadOnly();
    if (const auto settings = store->settings())
        json["settings"] = settings->describe();
    if (const auto resolution = store->groundResolution())
        json["ground_resolution_m"] = *resolution;
    if (const auto span = store->acquisitionSpan(); span.dated > 0)
        json["acquired"] = {{"first", span.first}, {"last", span.last}, {"files", span.dated}};
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
    if (const std::string catalogue = store->catalogue(); !catalogue.empty()) {
        json["catalogue"] = {{"source", catalogue}, {"asset", store->catalogueAsset()}};
        if (const std::string bands = store->catalogueBands(); !bands.empty())
            json["catalogue"]["bands"] = bands;
    }
    if (const auto shard = store->shard()) {
        json["shard"] = std::to_string(shard->index) + "/" + std::to_string(shard->count);
        json["shard_plan"] = shard->plan;
    }
    if (const auto completeness = store->completeness(); completeness && completeness->second < completeness->first)
        json["incomplete"] = {{"files_found", completeness->first},
                              {"files_recorded", completeness->second},
                              {"what_to_do", "run rscir index on it again: it goes on where it stopped"}};
    if (const auto settings = store->settings()) {
        json["settings"] = settings->describe();
        // Which bands the model sees, per kind of raster: the settings' list, or the rule
        // applied to each indexed file's header (at most 10,000 files are opened).
        std::map<std::string, std::int64_t> used;
        std::size_t opened = 0;
        const RasterOptions options = settings->rasterOptions();
        for (const auto& source : sources) {
            if (source.status != "done")
                continue;
            std::string key;
            if (!settings->bands.empty()) {
                for (int b : settings->bands)
                    key += (key.empty() ? "" : ",") + std::to_string(b);
            } else if (opened < 10000) {
                ++opened;
                try {
                    const auto raster = Raster::open(store->sourceFile(source.path), options);
                    for (int b : raster->displayBands())
                        key += (key.empty() ? "" : ",") + std::to_string(b);
                } catch (const Error&) {
                    key = "unreadable now";
                }
            } else {
                key = "not checked (more than 10,000 files)";
            }
            ++used[key];
        }
        nlohmann::ordered_json bands = nlohmann::ordered_json::object();
        for (const auto& [key, count] : used)
            bands[key] = count;
        json["bands_used"] = bands;
    }
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
    for (const char* file : {"embeddings.npy", "items.tsv"}) {
        std::error_code ec;
        const auto path = std::filesystem::path(output) / file;
        if (std::filesystem::is_symlink(std::filesystem::symlink_status(path, ec)))
            throw Error(path.string() + " is a symbolic link; rscir does not write through links",
                        "choose another folder, or remove the link");
    }
    // Streamed as float32 whatever the store keeps, a block of rows at a time.
    writeNpy(std::filesystem::path(output) / "embeddings.npy", NpyType::Float32,
             {static_cast<std::int64_t>(loaded->size()), static_cast<std::int64_t>(loaded->dim())},
             [&](std::ostream& out) {
                 loaded->forEachBlock([&](std::size_t, std::span<const float> block) {
                     out.write(reinterpret_cast<const char*>(block.data()),
                               static_cast<std::streamsize>(block.size() * sizeof(float)));
                     return static_cast<bool>(out); // a full disk stops the reading too
                 });
             });
    std::map<std::int64_t, ItemRecord> items;
    for (auto& item : store->items())
        items.emplace(item.id, std::move(item));
    std::ofstream tsv(std::filesystem::path(output) / "items.tsv");
    tsv << "item\tpath\tx\ty\twidth\theight\tlongitude\tlatitude\twkt\n";
    tsv << std::setprecision(15);
    for (std::size_t i = 0; i < loaded->size(); ++i) {
        const std::int64_t id = loaded->itemId(i);
        const auto& item = items.at(id);
        tsv << id << "\t" << tsvField(item.path) << "\t" << item.window.x << "\t" << item.window.y << "\t" << item.window.width
            << "\t" << item.window.height << "\t";
        if (item.footprint) {
            // Georeferenced: the footprint's centre and the footprint (EPSG:4326).
            const auto centre = footprintCentre(*item.footprint);
            tsv << centre[0] << "\t" << centre[1] << "\t" << footprintWkt(*item.footprint);
        } else {
            tsv << "\t\t";
        }
        tsv << "\n";
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

/// --from, --to, --platform, --max-cloud, --gsd, --same-place, --after, --before.
void addFilterOptions(CLI::App* command, SearchArgs& a)
{
    command->add_option("--from", a.from, "Only items acquired at or after this ISO 8601 date or time (2020-06-01)");
    command->add_option("--to", a.to,
                        "Only items acquired at or before this ISO 8601 date or time (a date includes its whole day)");
    command->add_option("--platform", a.platforms,
                        "Only items of these platforms (sentinel-2a, landsat-8, ...), as their catalogue names them; "
                        "comma-separated or repeated, without case")
        ->delimiter(',');
    command->add_option("--max-cloud", a.maxCloud, "Only items whose catalogue gives a cloud cover of at most this percent")
        ->check(CLI::Range(0.0, 100.0));
    command->add_option("--gsd", a.gsdRange,
                        "Only items of this ground resolution, MIN:MAX metres per pixel (MIN: or :MAX for one bound)");
    command->add_option("--same-place", a.samePlace,
                        "Only items at the query's place: whose footprint overlaps the query item's by this "
                        "intersection over union or more (change queries)")
        ->expected(0, 1)
        ->default_str(samePlaceDefaultText())
        ->check(overlapValidator());
    auto* after = command->add_flag("--after", a.after, "Only items acquired after the query's own image");
    command->add_flag("--before", a.before, "Only items acquired before the query's own image")->excludes(after);
}

std::function<int()> addArchiveCommands(CLI::App& app)
{
    auto indexArgs = std::make_shared<IndexArgs>();
    auto* index = app.add_subcommand("index", "Index a folder of imagery (resumable; re-run to update)");
    indexArgs->model.add(index, false);
    index->add_option("--archive", indexArgs->archive,
                      "Folder of images and rasters (with --stac: the folder that holds the catalogue's files; "
                      "default: the catalogue's folder)")
        ->check(CLI::ExistingDirectory);
    index->add_option("--stac", indexArgs->stac,
                      "Index the items of a STAC catalogue, collection, item or ItemCollection (a file or an http(s) "
                      "URL; child and item links and next pages are followed), with their dates, platforms, cloud "
                      "cover and resolution");
    index->add_option("--list", indexArgs->list,
                      "Index the files a text file lists, one http(s) address or path per line (# starts a comment)")
        ->check(CLI::ExistingFile);
    index->add_option("--bbox", indexArgs->searchBox,
                      "With --stac …/search (a STAC API): only items meeting WEST,SOUTH,EAST,NORTH (WGS84 degrees)");
    index->add_option("--from", indexArgs->searchFrom, "With --stac …/search: only items acquired from this ISO 8601 time");
    index->add_option("--to", indexArgs->searchTo, "With --stac …/search: only items acquired until this ISO 8601 time");
    index->add_option("--collections", indexArgs->collections,
                      "With --stac …/search: only items of these collections (comma-separated or repeated)")
        ->delimiter(',');
    index->add_option("--asset", indexArgs->asset,
                      "With --stac: the asset of each item to index (default: the first with the role visual, else "
                      "the first GeoTIFF)");
    index->add_option("--index", indexArgs->index, "Index file to create or update (*.rscir)");
    index
        ->add_option("--shard", indexArgs->shard,
                     "Index only part I of N of the archive (e.g. 2/3), into an index of its own; join the parts "
                     "with rscir merge")
        ->check([](const std::string& text) {
            try {
                parseShard(text);
                return std::string();
            } catch (const Error& e) {
                return std::string(e.what());
            }
        });
    index->add_option("--plan", indexArgs->plan,
                      "Print how the archive splits into N shards (files, tiles, pixels of each) and index nothing")
        ->check(integerIn(1, 100000));
    index->add_option("--bands", indexArgs->bands,
                      "Display bands, 1-based: one (gray) or three, e.g. 4,3,2 (an existing index: its own); with "
                      "--stac also by name, e.g. red,green,blue: of one asset, or one single-band asset each");
    index->add_option("--tile", indexArgs->tile, "Tile size in pixels for large rasters (default 256; an existing "
                                                 "index: its own)")
        ->check(CLI::Range(32, 100000));
    index->add_option("--overlap", indexArgs->overlap, "Tile overlap in pixels (default 0; an existing index: its own)")
        ->check(atLeast(0));
    index
        ->add_option("--gsd", indexArgs->gsd,
                     "Index an archive of mixed resolutions at one: metres per tile pixel, so that every window covers "
                     "tile x gsd metres (tile and overlap are then in pixels at that resolution; an existing index: "
                     "its own)")
        ->check(CLI::Range(0.001, 100000.0));
    index
        ->add_option("--date-pattern", indexArgs->datePattern,
                     "Date files by their names, e.g. %Y%m%d for S2A_20200612_T31UFT.tif (%Y %m %d, and %H %M %S; "
                     "* any run); kept by the index for later runs. Without it: GDAL's metadata "
                     "(ACQUISITIONDATETIME, TIFFTAG_DATETIME)")
        ->check([](const std::string& pattern) { return datePatternProblem(pattern); });
    index
        ->add_option("--stretch", indexArgs->stretch,
                     "auto (8-bit as is, others 2-98 % percentiles; the default), percentile, none (an existing "
                     "index: its own)")
        ->check(CLI::IsMember({"auto", "percentile", "none"}));
    index->add_flag("--verify", indexArgs->verify,
                    "Check every stored embedding of the model (finite, unit length) and encode the damaged ones "
                    "again");
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
    auto* search = app.add_subcommand(
        "search", "Search an index with a composed query: images and texts to want or to avoid");
    searchArgs->model.add(search);
    search->add_option("--index", searchArgs->index, "Index file")->required();
    const auto repeatable = [&](const char* name, auto& target, const char* help) {
        return search->add_option(name, target, help)->allow_extra_args(false);
    };
    repeatable("--image", searchArgs->images, "A wanted example image file (repeatable)")->check(CLI::ExistingFile);
    repeatable("--item", searchArgs->items, "A wanted example: an item id of the index (repeatable)")
        ->check(atLeast(1));
    repeatable("--text", searchArgs->texts, "A wanted text, e.g. the modification (repeatable)");
    repeatable("--not-image", searchArgs->notImages, "An image file to avoid (repeatable)")->check(CLI::ExistingFile);
    repeatable("--not-item", searchArgs->notItems, "An item id to avoid (repeatable)")->check(atLeast(1));
    repeatable("--not-text", searchArgs->notTexts, "A text to avoid, e.g. clouds (repeatable)");
    search->add_option("--method", searchArgs->method, "weicom (default), image, text, average, slerp or basic");
    search->add_option("--lambda", searchArgs->lambda,
                       "WeiCom's and Slerp's lambda in [0, 1] (default: the model's); BASIC's Harris weight (default 0.1)")
        ->check(between(0.0, 1.0));
    addBasicOptions(search, searchArgs->basic);
    searchArgs->command = search;
    search->add_option("--avoid", searchArgs->avoid, "Weight nu in [0, 1] of the terms to avoid (default 0.5)")
        ->check(between(0.0, 1.0));
    search->add_option("--top-k", searchArgs->topK, "Number of results (1 to 100000; default 20)")
        ->check(integerIn(1, 100000));
    search->add_option("--format", searchArgs->format, "json, csv or geojson")
        ->check(CLI::IsMember({"json", "csv", "geojson"}));
    search->add_option("--output", searchArgs->output,
                       "Write the results to this file instead (.csv, .geojson or .gpkg, by its extension)");
    search->add_option("--bbox", searchArgs->bbox,
                       "Only items whose footprint meets this box: WEST,SOUTH,EAST,NORTH in WGS84 degrees "
                       "(WEST > EAST crosses the antimeridian)");
    search->add_option("--aoi", searchArgs->aoi,
                       "Only items whose footprint meets the polygons of this file (GeoJSON, GeoPackage, Shapefile; "
                       "any CRS)")
        ->check(CLI::ExistingFile);
    search->add_option("--aoi-layer", searchArgs->aoiLayer, "The layer of --aoi to use (default: the first with polygons)");
    search->add_option("--distinct", searchArgs->distinct,
                       "One result per place: leave out a result whose footprint (or, without one, its window in "
                       "the same file) overlaps a better one's by this intersection over union or more; the scores "
                       "and their normalisation do not change")
        ->expected(0, 1)
        ->default_str("0.3")
        ->check(overlapValidator());
    addFilterOptions(search, *searchArgs);
    search->add_flag("--match-gsd", searchArgs->matchGsd,
                     "Resample a georeferenced query image to the archive's ground resolution before it is encoded "
                     "(the archive's --gsd, else the median of its sources'), so that it shows things at the scale "
                     "the archive's windows do");
    search->add_flag("--show-query", searchArgs->showQuery,
                     "Keep the query's own archive items in the results (they are left out by default; they count in "
                     "the normalisation either way)");
    search->add_option("--query", searchArgs->queryFile,
                       "A saved query (JSON): its terms and settings; terms given here are added, settings override")
        ->check(CLI::ExistingFile);
    search->add_option("--save-query", searchArgs->saveQuery, "Also write the query to this file (JSON)");
    search->add_option("--queries", searchArgs->queriesFile,
                       "Run one saved query per line of this file (JSON lines); prints {\"query\": line, \"hits\": "
                       "[...]} per query")
        ->check(CLI::ExistingFile);

    auto mergeOutput = std::make_shared<std::string>();
    auto mergeShards = std::make_shared<std::vector<std::string>>();
    auto* merge = app.add_subcommand("merge", "Join the shards of an archive (rscir index --shard) into one index");
    merge->add_option("--index", *mergeOutput, "The index to write (must not exist)")->required();
    merge->add_option("shards", *mergeShards, "The shards' index files")->required()->check(CLI::ExistingFile);

    auto scoreMapArgs = std::make_shared<ScoreMapArgs>();
    auto* scoreMap = app.add_subcommand("scoremap", "Map a saved query's score over one scene of the archive: a "
                                                    "Float32 GeoTIFF, one pixel per window, in the scene's CRS");
    scoreMapArgs->search.model.add(scoreMap);
    scoreMap->add_option("--index", scoreMapArgs->search.index, "Index file")->required();
    scoreMap->add_option("--query", scoreMapArgs->search.queryFile, "The saved query (JSON)")
        ->required()
        ->check(CLI::ExistingFile);
    scoreMap->add_option("--source", scoreMapArgs->source, "The scene: a file of the archive")->required();
    scoreMap->add_option("--output", scoreMapArgs->output, "The GeoTIFF to write")->required();
    scoreMap->add_flag("--force", scoreMapArgs->force, "Replace the output if it exists");
    scoreMap->add_option("--method", scoreMapArgs->search.method, "Overrides the query's method");
    scoreMap->add_option("--lambda", scoreMapArgs->search.lambda, "Overrides the query's lambda")->check(between(0.0, 1.0));
    scoreMap->add_option("--avoid", scoreMapArgs->search.avoid, "Overrides the query's nu")->check(between(0.0, 1.0));

    auto infoIndex = std::make_shared<std::string>();
    auto* info = app.add_subcommand("info", "Describe an index: counts, models, files that failed");
    info->add_option("--index", *infoIndex, "Index file")->required();

    auto exportModel = std::make_shared<ModelOptions>();
    auto exportArgs = std::make_shared<std::array<std::string, 3>>(); // index, format, output
    (*exportArgs)[1] = "npy";
    auto* exportCommand = app.add_subcommand("export", "Export a model's embeddings for Python (.npy + items.tsv)");
    exportModel->add(exportCommand, false); // required without a subcommand: checked when it runs
    exportCommand->add_option("--index", (*exportArgs)[0], "Index file");
    exportCommand->add_option("--format", (*exportArgs)[1], "npy")->check(CLI::IsMember({"npy"}));
    exportCommand->add_option("--output", (*exportArgs)[2], "Output folder");
    auto chipsArgs = std::make_shared<ChipsArgs>();
    auto* chips = exportCommand->add_subcommand(
        "chips", "Write each hit of a saved query as a chip: its window as a GeoTIFF with the source's bands and "
                 "bit depth (or, with --as-seen, the RGB the model saw as PNG with a world file), and their "
                 "footprints as chips.gpkg");
    chipsArgs->search.model.add(chips);
    chips->add_option("--index", chipsArgs->search.index, "Index file")->required();
    chips->add_option("--query", chipsArgs->search.queryFile, "The saved query (JSON)")
        ->required()
        ->check(CLI::ExistingFile);
    chips->add_option("--top-k", chipsArgs->search.topK, "Number of chips (default: the query's, else 20)")
        ->check(integerIn(1, 100000));
    chips->add_option("--distinct", chipsArgs->search.distinct, "One chip per place (see rscir search --distinct)")
        ->expected(0, 1)
        ->default_str("0.3")
        ->check(overlapValidator());
    chips->add_option("--output", chipsArgs->output, "The folder to write into (made if missing)")->required();
    chips->add_flag("--as-seen", chipsArgs->asSeen, "The RGB the model saw, as PNG with a world file");
    chips->add_option("--labels", chipsArgs->labels,
                      "Name the labels of this side file in chips.gpkg (default: the index's own labels)");
    chips->add_flag("--force", chipsArgs->force, "Replace chips that exist");

    return [=]() -> int {
        if (index->parsed())
            return runIndex(*indexArgs);
        if (merge->parsed())
            return runMerge(*mergeOutput, *mergeShards);
        if (search->parsed())
            return runSearch(*searchArgs);
        if (info->parsed())
            return runInfo(*infoIndex);
        if (scoreMap->parsed())
            return runScoreMap(*scoreMapArgs);
        if (compact->parsed())
            return runCompact((*compactArgs)[0], (*compactArgs)[1]);
        if (chips->parsed())
            return runExportChips(*chipsArgs);
        if (exportCommand->parsed()) {
            if ((*exportArgs)[0].empty() || (*exportArgs)[2].empty() || exportModel->model.empty())
                throw CLI::ValidationError("export", "give --index, --model and --output (or: rscir export chips ...)");
            return runExport(*exportModel, (*exportArgs)[0], (*exportArgs)[1], (*exportArgs)[2]);
        }
        return -1;
    };
}

} // namespace rscir::cli
