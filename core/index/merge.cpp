#include "core/index/merge.h"

#include "core/base/error.h"
#include "core/base/progress.h"
#include "core/index/index_store.h"
#include "core/index/vector_store.h"

#include <algorithm>
#include <cctype>
#include <csignal>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <fcntl.h>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <unistd.h>

namespace rscir {

namespace fs = std::filesystem;

namespace {

struct Shard {
    fs::path path;
    std::unique_ptr<IndexStore> store;
    IndexStore::ShardRecord record;
    std::vector<ModelRecord> models; ///< in the order of the first shard's models
    std::vector<std::shared_ptr<const ArchiveEmbeddings>> embeddings; ///< while its rows are copied
    std::vector<StoreRecord> stores; ///< per model
    std::vector<std::vector<float>> centres; ///< per model
    std::vector<std::int64_t> rows; ///< live rows per model
    std::int64_t found = 0, recorded = 0, items = 0;
};

std::string name(const fs::path& p)
{
    return p.string();
}

/// Removes the hidden output and its stores unless it was moved into place.
class Scratch {
public:
    explicit Scratch(fs::path index) : m_index(std::move(index)) { }
    ~Scratch()
    {
        if (m_kept)
            return;
        std::error_code ec;
        // The index, its journal files and its stores: the name, then '-' or '.' or nothing.
        const std::string prefix = m_index.filename().string();
        for (const auto& entry : fs::directory_iterator(m_index.parent_path().empty() ? "." : m_index.parent_path(), ec)) {
            const std::string file = entry.path().filename().string();
            if (file.rfind(prefix, 0) == 0 &&
                (file.size() == prefix.size() || file[prefix.size()] == '-' || file[prefix.size()] == '.'))
                fs::remove(entry.path(), ec);
        }
    }
    const fs::path& index() const { return m_index; }
    void keep() { m_kept = true; }

private:
    fs::path m_index;
    bool m_kept = false;
};

/// Removes what merges into `target` that were killed left behind: the scratch files of
/// process ids that no longer run (`.NAME.merging-PID` and the files beside it).
void removeStaleScratch(const fs::path& target)
{
    const std::string prefix = "." + target.filename().string() + ".merging-";
    std::error_code ec;
    std::vector<fs::path> stale;
    for (const auto& entry : fs::directory_iterator(target.parent_path().empty() ? "." : target.parent_path(), ec)) {
        const std::string file = entry.path().filename().string();
        if (file.rfind(prefix, 0) != 0)
            continue;
        std::size_t end = prefix.size();
        while (end < file.size() && std::isdigit(static_cast<unsigned char>(file[end])))
            ++end;
        if (end == prefix.size() || end - prefix.size() > 9 || (end < file.size() && file[end] != '-' && file[end] != '.'))
            continue;
        const auto pid = static_cast<pid_t>(std::stol(file.substr(prefix.size(), end - prefix.size())));
        if (pid != ::getpid() && ::kill(pid, 0) != 0 && errno == ESRCH)
            stale.push_back(entry.path());
    }
    for (const auto& file : stale)
        fs::remove(file, ec);
}

bool sameModel(const ModelRecord& a, const ModelRecord& b)
{
    return a.fingerprint == b.fingerprint && a.activation == b.activation && a.dim == b.dim;
}

/// What every shard must share with the first: the archive, its settings and its models.
struct Common {
    fs::path root;
    ArchiveSettings settings;
    std::vector<ModelRecord> models; ///< the first shard's
};

/// The output's model for each of the first shard's models, and whether the shards' rows
/// of it can be copied as they are stored (one fp16 centre for all).
struct OutputModel {
    std::int64_t id = 0;
    bool exact = true;
};

void checkOutputPath(const fs::path& output, const std::vector<fs::path>& shardPaths)
{
    if (shardPaths.empty())
        throw Error("there is nothing to merge", "give the shards' index files");
    std::error_code ec;
    if (fs::exists(output, ec))
        throw Error(name(output) + " exists already", "merge into a new file; rscir does not replace an index");
    const fs::path folder = fs::absolute(output).parent_path();
    if (!fs::is_directory(folder, ec))
        throw Error("the folder " + folder.string() + " does not exist", "create it, or merge into another folder");
}

/// Opens a shard read-only and checks that it is a complete shard of this format.
Shard openShard(const fs::path& path)
{
    Shard shard;
    shard.path = path;
    shard.store = IndexStore::open(path, false, true);
    if (shard.store->schemaVersion() != IndexStore::kSchemaVersion)
        throw Error(name(path) + " is an index of an earlier format",
                    "update it first with rscir index --shard on its archive");
    const auto record = shard.store->shard();
    if (!record)
        throw Error(name(path) + " holds a whole archive, not a shard", "merge the indexes that rscir index --shard I/N made");
    shard.record = *record;
    const auto completeness = shard.store->completeness();
    if (!completeness || completeness->second < completeness->first)
        throw Error("shard " + std::to_string(record->index) + "/" + std::to_string(record->count) + " (" + name(path) +
                        ") is incomplete: " +
                        (completeness ? std::to_string(completeness->second) + " of " +
                                            std::to_string(completeness->first) + " files were indexed"
                                      : std::string("its indexing never started")),
                    "run its rscir index --shard again to finish it");
    shard.found = completeness->first;
    return shard;
}

std::string describeModel(const ModelRecord& m)
{
    return m.name + " (" + m.activation + ", " + std::to_string(m.dim) + " dimensions, fingerprint " + m.fingerprint + ")";
}

/// Finds each of the common models in a shard and records its store, centre and rows;
/// each must be stored alike and cover every file the shard indexed.
void matchModels(Shard& shard, const Shard& first, const Common& common)
{
    const std::string which = name(shard.path);
    const auto own = shard.store->models();
    if (own.size() != common.models.size())
        throw Error(which + " holds embeddings of " + std::to_string(own.size()) +
                    (own.size() == 1 ? " model, " : " models, ") + name(first.path) + " of " +
                    std::to_string(common.models.size()));
    for (const auto& model : common.models) {
        const auto found = std::find_if(own.begin(), own.end(), [&](const ModelRecord& m) { return sameModel(m, model); });
        if (found == own.end()) {
            std::string has;
            for (const auto& m : own)
                has += (has.empty() ? "" : "; ") + describeModel(m);
            throw Error(which + " was not indexed with " + describeModel(model) + " like " + name(first.path) +
                            "; it holds " + has,
                        "index every shard with the same model and activation");
        }
        const auto store = shard.store->storeOf(found->id);
        const auto reference = first.store->storeOf(model.id);
        if (!store || !reference)
            throw Error(which + " has no embeddings of " + model.name);
        if (store->storage != reference->storage || store->precision != reference->precision)
            throw Error(which + " keeps " + model.name + "'s embeddings as " + elementName(store->storage) +
                        " computed in " + store->precision + ", " + name(first.path) + " as " +
                        elementName(reference->storage) + " computed in " + reference->precision);
        shard.models.push_back(*found);
        shard.stores.push_back(*store);
        // Every file indexed must be indexed with every model.
        const auto doneCount = static_cast<std::int64_t>(shard.store->sourcesDoneFor(found->id).size());
        if (doneCount != shard.store->sourceCount("done"))
            throw Error(which + " has " + std::to_string(shard.store->sourceCount("done") - doneCount) +
                            " files not indexed with " + model.name,
                        "run rscir index --shard with that model on this shard again to finish it");
        const auto embeddings = shard.store->embeddings(found->id);
        shard.centres.push_back(embeddings->storedRows() ? embeddings->centre() : std::vector<float>());
        shard.rows.push_back(static_cast<std::int64_t>(embeddings->size()));
    }
}

/// Checks that the shards are the N shards of one split of one archive, indexed alike.
Common checkShardsAgree(std::vector<Shard>& shards)
{
    const Shard& first = shards.front();
    Common common;
    common.root = fs::absolute(first.store->archiveRoot()).lexically_normal();
    const auto settings = first.store->settings();
    common.models = first.store->models();
    if (!settings || common.models.empty())
        throw Error(name(first.path) + " holds no indexed files");
    common.settings = *settings;
    std::set<int> present;
    for (auto& shard : shards) {
        const std::string which = name(shard.path);
        if (shard.record.count != first.record.count)
            throw Error(which + " is shard " + std::to_string(shard.record.index) + " of " +
                        std::to_string(shard.record.count) + ", " + name(first.path) + " one of " +
                        std::to_string(first.record.count));
        if (!present.insert(shard.record.index).second)
            throw Error("shard " + std::to_string(shard.record.index) + "/" + std::to_string(shard.record.count) +
                        " is given twice (" + which + ")");
        if (fs::absolute(shard.store->archiveRoot()).lexically_normal() != common.root)
            throw Error(which + " indexes " + shard.store->archiveRoot().string() + ", " + name(first.path) +
                        " indexes " + common.root.string());
        if (!(shard.store->settings() == settings))
            throw Error(which + " was built with " +
                        (shard.store->settings() ? shard.store->settings()->describe() : "nothing") + ", " +
                        name(first.path) + " with " + settings->describe());
        matchModels(shard, first, common);
        shard.recorded = shard.store->completeness()->second;
        shard.items = shard.store->itemCount();
    }
    for (auto& shard : shards)
        if (shard.record.plan != first.record.plan)
            throw Error(name(shard.path) + " and " + name(first.path) +
                            " were split from different archive contents (files were added, removed or changed "
                            "between their runs)",
                        "index every shard again with the same archive");
    for (int i = 1; i <= first.record.count; ++i)
        if (!present.count(i))
            throw Error("shard " + std::to_string(i) + "/" + std::to_string(first.record.count) + " is missing",
                        "give every shard's index file");
    return common;
}

/// Makes the output's models and stores; a store's rows are copied exactly when every
/// shard with rows stored them around one centre, else rounded again.
std::vector<OutputModel> prepareOutput(IndexStore& out, const std::vector<Shard>& shards, const Common& common,
                                       MergeReport& report, const std::function<void(const std::string&)>& log)
{
    const Shard& first = shards.front();
    out.setArchiveRoot(common.root);
    out.setSettings(common.settings);
    std::vector<OutputModel> outModels;
    for (std::size_t m = 0; m < common.models.size(); ++m) {
        const StoreRecord& reference = first.stores[m];
        OutputModel model;
        model.id = out.ensureModel(first.models[m]);
        out.prepareStore(model.id, first.models[m], reference.storage);
        // Shards without rows (every file failed) have no centre to agree on.
        bool firstWithRows = true;
        std::vector<float> centre;
        for (const auto& shard : shards) {
            if (shard.centres[m].empty())
                continue;
            if (firstWithRows)
                centre = shard.centres[m];
            else if (shard.centres[m] != centre)
                model.exact = false;
            firstWithRows = false;
        }
        if (reference.storage == ElementType::Float16 && !centre.empty())
            out.setStoreCentre(model.id, centre);
        if (!model.exact) {
            ++report.recentred;
            if (log)
                log(first.models[m].name + ": the shards' embeddings were stored around different centres (were they "
                    "computed on different kinds of machine?); their fp16 rows are rounded again, not copied");
        }
        outModels.push_back(model);
    }
    report.models = common.models.size();
    return outModels;
}

/// The names the output's stores will have must be free: before hours of copying, and
/// again before they are moved into place.
void checkStoreNamesFree(const fs::path& target, IndexStore& out, const std::vector<OutputModel>& models)
{
    std::error_code ec;
    for (const auto& model : models) {
        const StoreFiles to = storeFiles(target, model.id, out.storeOf(model.id)->generation);
        for (const auto& file : {to.vectors, to.ids})
            if (fs::exists(file, ec))
                throw Error(name(file) + " exists already (an embedding store left by an index of that name)",
                            "remove it, or merge into another file name");
    }
}

/// Copies the shards' sources, items and rows into the output, one shard open at a time,
/// in transactions of about 4,096 items.
class Copier {
public:
    Copier(IndexStore& out, const std::vector<OutputModel>& models, MergeReport& report)
        : m_out(out), m_models(models), m_report(report) { }

    void copyShard(Shard& shard, Progress* progress, std::int64_t& done, std::int64_t total)
    {
        shard.store = IndexStore::open(shard.path, false, true);
        for (std::size_t m = 0; m < m_models.size(); ++m)
            shard.embeddings.push_back(shard.store->embeddings(shard.models[m].id));
        for (std::int64_t after = 0;;) {
            const auto sources = shard.store->sourcesPage(after, 256);
            if (sources.empty())
                break;
            after = sources.back().id;
            for (const SourceRecord& source : sources) {
                if (progress && progress->isCancelled())
                    throw Cancelled{};
                copySource(shard, source);
                ++done;
            }
            if (progress)
                progress->report(done, total, "merging");
        }
        shard.embeddings.clear();
        shard.store.reset();
    }

    void finish() { commitAfter(0); }

private:
    static constexpr int kPage = 1024;

    void copySource(Shard& shard, SourceRecord source)
    {
        if (const auto why = sourcePathProblem(source.path); !why.empty())
            throw Error(ErrorCode::SourceOutsideArchive, {shard.path.string(), source.path, why},
                        name(shard.path) + " names a source that rscir does not read: " + source.path + " (" + why + ")",
                        "a shard names files inside its archive folder; index that shard again");
        if (m_out.sourceId(source.path))
            throw Error(source.path + " is in more than one shard (again in " + name(shard.path) + ")",
                        "merge the shards of one split: rscir index --shard gives each file to one shard");
        const std::int64_t shardSourceId = source.id;
        source.id = 0;
        if (source.status == "failed") {
            batch().writeFailure(source);
            ++m_report.failed;
        } else if (source.status == "done") {
            for (std::size_t m = 0; m < m_models.size(); ++m)
                copyRows(shard, source, shardSourceId, m);
        } else {
            throw Error(source.path + " in " + name(shard.path) + " is only partly indexed",
                        "run its rscir index --shard again to finish it");
        }
        ++m_report.sources;
        ++m_pending;
        commitAfter(4096);
    }

    /// One model's rows of a source, page by page; the first model also writes the items.
    void copyRows(Shard& shard, const SourceRecord& source, std::int64_t shardSourceId, std::size_t m)
    {
        const auto& embeddings = *shard.embeddings[m];
        const bool exact = m_models[m].exact;
        const auto& centre = embeddings.centre();
        const std::size_t dim = embeddings.dim();
        for (std::int64_t afterItem = 0;;) {
            const auto rows = shard.store->itemRowsOfSource(shardSourceId, shard.models[m].id, afterItem, kPage);
            std::vector<NewItem> copies(rows.size());
            for (std::size_t i = 0; i < rows.size(); ++i) {
                const auto& [item, row] = rows[i];
                NewItem& copy = copies[i];
                copy.window = item.window;
                copy.embedding.resize(dim);
                embeddings.copyStoredRow(row, copy.embedding);
                copy.stored = exact;
                if (!exact && !centre.empty())
                    for (std::size_t c = 0; c < dim; ++c)
                        copy.embedding[c] += centre[c];
                if (m == 0) {
                    copy.footprint = item.footprint;
                    copy.thumbnail = shard.store->thumbnail(item.id);
                } else if (const auto existing = m_out.findItem(source.path, item.window)) {
                    copy.existingId = *existing;
                } else {
                    throw Error("an item of " + source.path + " in " + name(shard.path) +
                                " has embeddings of one model but not of another");
                }
            }
            // A source of more than a page is "partial" until its last page is written.
            const bool last = rows.size() < static_cast<std::size_t>(kPage);
            batch().writeSource(source, copies, m_models[m].id, last);
            if (m == 0)
                m_report.items += copies.size();
            m_pending += copies.size();
            if (last)
                return;
            afterItem = rows.back().first.id;
            commitAfter(4096);
        }
    }

    IndexStore::Batch& batch()
    {
        if (!m_batch)
            m_batch.emplace(m_out);
        return *m_batch;
    }

    void commitAfter(std::size_t items)
    {
        if (m_batch && m_pending >= items) {
            m_batch->commit();
            m_batch.reset();
            m_pending = 0;
        }
    }

    IndexStore& m_out;
    const std::vector<OutputModel>& m_models;
    MergeReport& m_report;
    std::optional<IndexStore::Batch> m_batch;
    std::size_t m_pending = 0;
};

/// Moves the finished output into place: the stores under their final names, then the
/// index (link() never replaces a file); when that fails, the stores go back under the
/// hidden name, to be removed with it.
void moveIntoPlace(Scratch& scratch, const fs::path& target,
                   const std::vector<std::pair<std::int64_t, std::int64_t>>& generations)
{
    std::vector<std::pair<fs::path, fs::path>> moved;
    const auto moveBack = [&] {
        std::error_code ignored;
        for (const auto& [from, to] : moved)
            fs::rename(to, from, ignored);
    };
    try {
        for (const auto& [id, generation] : generations) {
            const StoreFiles from = storeFiles(scratch.index(), id, generation);
            const StoreFiles to = storeFiles(target, id, generation);
            for (const auto& [a, b] : {std::pair{from.vectors, to.vectors}, std::pair{from.ids, to.ids}}) {
                fs::rename(a, b);
                moved.emplace_back(a, b);
            }
        }
    } catch (...) {
        moveBack();
        throw;
    }
    if (::link(scratch.index().c_str(), target.c_str()) != 0) {
        const int error = errno;
        moveBack();
        throw Error("cannot create " + name(target) + ": " + std::strerror(error),
                    error == EEXIST ? "merge into a new file; rscir does not replace an index"
                                    : "merge into a folder on a file system with hard links (a local disk)");
    }
    scratch.keep();
    std::error_code ec;
    fs::remove(scratch.index(), ec);
    const int directory = ::open(target.parent_path().c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (directory >= 0) {
        ::fsync(directory);
        ::close(directory);
    }
}

} // namespace

MergeReport mergeIndexes(const fs::path& output, const std::vector<fs::path>& shardPaths, Progress* progress,
                         const std::function<void(const std::string&)>& log)
try {
    const auto started = std::chrono::steady_clock::now();
    MergeReport report;
    checkOutputPath(output, shardPaths);

    // Open and check every shard before anything is written.
    std::vector<Shard> shards;
    for (const auto& path : shardPaths)
        shards.push_back(openShard(path));
    const Common common = checkShardsAgree(shards);
    // One shard open at a time from here on: thousands of shards must not hold thousands
    // of files and mappings.
    for (auto& shard : shards)
        shard.store.reset();

    // The output, under a hidden name beside it until it is complete.
    const fs::path target = fs::absolute(output).lexically_normal();
    removeStaleScratch(target);
    Scratch scratch(target.parent_path() / ("." + target.filename().string() + ".merging-" + std::to_string(::getpid())));
    auto out = IndexStore::open(scratch.index(), true, false);
    const std::vector<OutputModel> models = prepareOutput(*out, shards, common, report, log);
    checkStoreNamesFree(target, *out, models);

    std::int64_t total = 0, found = 0, items = 0;
    std::vector<std::int64_t> rows(models.size(), 0);
    for (const auto& shard : shards) {
        total += shard.recorded;
        found += shard.found;
        items += shard.items;
        for (std::size_t m = 0; m < models.size(); ++m)
            rows[m] += shard.rows[m];
    }
    out->setFilesFound(found);
    if (progress)
        progress->report(0, total, "merging");
    Copier copier(*out, models, report);
    std::int64_t done = 0;
    for (auto& shard : shards)
        copier.copyShard(shard, progress, done, total);
    copier.finish();

    if (out->itemCount() != items)
        throw Error("the merged index holds " + std::to_string(out->itemCount()) + " items, the shards " +
                    std::to_string(items));
    for (std::size_t m = 0; m < models.size(); ++m)
        if (out->embeddingCount(models[m].id) != rows[m])
            throw Error("the merged index holds " + std::to_string(out->embeddingCount(models[m].id)) + " rows of " +
                        common.models[m].name + ", the shards " + std::to_string(rows[m]));

    std::vector<std::pair<std::int64_t, std::int64_t>> generations;
    for (const auto& model : models)
        generations.emplace_back(model.id, out->storeOf(model.id)->generation);
    checkStoreNamesFree(target, *out, models);
    out.reset();
    moveIntoPlace(scratch, target, generations);
    report.shards = shards.size();
    report.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    return report;
} catch (...) {
    rethrowAsError("merging into " + output.string());
}

} // namespace rscir
