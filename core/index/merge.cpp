#include "core/index/merge.h"

#include "core/base/error.h"
#include "core/base/progress.h"
#include "core/index/index_store.h"
#include "core/index/vector_store.h"

#include <algorithm>
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
    std::vector<std::shared_ptr<const ArchiveEmbeddings>> embeddings;
    std::vector<std::vector<std::int64_t>> doneFor; ///< per model, sorted source ids
    std::int64_t found = 0;
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
        const std::string prefix = m_index.filename().string();
        for (const auto& entry : fs::directory_iterator(m_index.parent_path().empty() ? "." : m_index.parent_path(), ec)) {
            const std::string file = entry.path().filename().string();
            if (file.rfind(prefix, 0) == 0)
                fs::remove(entry.path(), ec);
        }
    }
    const fs::path& index() const { return m_index; }
    void keep() { m_kept = true; }

private:
    fs::path m_index;
    bool m_kept = false;
};

bool sameModel(const ModelRecord& a, const ModelRecord& b)
{
    return a.fingerprint == b.fingerprint && a.activation == b.activation && a.dim == b.dim;
}

} // namespace

MergeReport mergeIndexes(const fs::path& output, const std::vector<fs::path>& shardPaths, Progress* progress,
                         const std::function<void(const std::string&)>& log)
try {
    const auto started = std::chrono::steady_clock::now();
    MergeReport report;
    if (shardPaths.empty())
        throw Error("there is nothing to merge", "give the shards' index files");
    std::error_code ec;
    if (fs::exists(output, ec))
        throw Error(name(output) + " exists already", "merge into a new file; rscir does not replace an index");

    // Open and check every shard before anything is written.
    std::vector<Shard> shards;
    for (const auto& path : shardPaths) {
        Shard shard;
        shard.path = path;
        shard.store = IndexStore::open(path, false, true);
        if (shard.store->schemaVersion() != IndexStore::kSchemaVersion)
            throw Error(name(path) + " is an index of an earlier format",
                        "update it first with rscir index --shard on its archive");
        const auto record = shard.store->shard();
        if (!record)
            throw Error(name(path) + " holds a whole archive, not a shard",
                        "merge the indexes that rscir index --shard I/N made");
        shard.record = *record;
        const auto completeness = shard.store->completeness();
        if (!completeness || completeness->second < completeness->first)
            throw Error("shard " + std::to_string(record->index) + "/" + std::to_string(record->count) + " (" +
                            name(path) + ") is incomplete: " +
                            (completeness ? std::to_string(completeness->second) + " of " +
                                                std::to_string(completeness->first) + " files were indexed"
                                          : std::string("its indexing never started")),
                        "run its rscir index --shard again to finish it");
        shard.found = completeness->first;
        shards.push_back(std::move(shard));
    }
    const Shard& first = shards.front();
    const fs::path root = fs::absolute(first.store->archiveRoot()).lexically_normal();
    const auto settings = first.store->settings();
    const auto models = first.store->models();
    if (!settings || models.empty())
        throw Error(name(first.path) + " holds no indexed files");
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
        if (fs::absolute(shard.store->archiveRoot()).lexically_normal() != root)
            throw Error(which + " indexes " + shard.store->archiveRoot().string() + ", " + name(first.path) +
                        " indexes " + root.string());
        if (!(shard.store->settings() == settings))
            throw Error(which + " was built with " + (shard.store->settings() ? shard.store->settings()->describe() : "nothing") +
                        ", " + name(first.path) + " with " + settings->describe());
        const auto own = shard.store->models();
        if (own.size() != models.size())
            throw Error(which + " holds " + std::to_string(own.size()) + " models, " + name(first.path) + " " +
                        std::to_string(models.size()));
        for (const auto& model : models) {
            const auto found = std::find_if(own.begin(), own.end(), [&](const ModelRecord& m) { return sameModel(m, model); });
            if (found == own.end())
                throw Error(which + " was not indexed with " + model.name + " (" + model.activation + ", fingerprint " +
                            model.fingerprint + ") like " + name(first.path));
            const auto store = shard.store->storeOf(found->id);
            const auto reference = first.store->storeOf(
                std::find_if(models.begin(), models.end(), [&](const ModelRecord& m) { return sameModel(m, model); })->id);
            if (!store || !reference)
                throw Error(which + " has no embeddings of " + model.name);
            if (store->storage != reference->storage || store->precision != reference->precision)
                throw Error(which + " keeps " + model.name + "'s embeddings as " + elementName(store->storage) + " computed in " +
                            store->precision + ", " + name(first.path) + " as " + elementName(reference->storage) +
                            " computed in " + reference->precision);
            shard.models.push_back(*found);
            auto done = shard.store->sourcesDoneFor(found->id);
            std::sort(done.begin(), done.end());
            shard.doneFor.push_back(std::move(done));
        }
    }
    for (auto& shard : shards) {
        const std::string which = name(shard.path);
        if (shard.record.plan != first.record.plan)
            throw Error(which + " and " + name(first.path) +
                            " were split from different archive contents (files were added, removed or changed "
                            "between their runs)",
                        "index every shard again with the same archive");
    }
    for (int i = 1; i <= first.record.count; ++i)
        if (!present.count(i))
            throw Error("shard " + std::to_string(i) + "/" + std::to_string(first.record.count) + " is missing",
                        "give every shard's index file");

    // The output, under a hidden name beside it until it is complete.
    const fs::path target = fs::absolute(output).lexically_normal();
    Scratch scratch(target.parent_path() / ("." + target.filename().string() + ".merging-" + std::to_string(::getpid())));
    auto out = IndexStore::open(scratch.index(), true, false);
    out->setArchiveRoot(root);
    out->setSettings(*settings);
    std::vector<std::int64_t> outModel;
    std::vector<bool> exact;
    for (std::size_t m = 0; m < models.size(); ++m) {
        const auto reference = *first.store->storeOf(first.models[m].id);
        const std::int64_t id = out->ensureModel(first.models[m]);
        out->prepareStore(id, first.models[m], reference.storage);
        outModel.push_back(id);
        // Shards without rows (every file failed) have no centre to agree on.
        bool same = true, firstWithRows = true;
        std::vector<float> centre;
        for (auto& shard : shards) {
            shard.embeddings.push_back(shard.store->embeddings(shard.models[m].id));
            if (shard.embeddings.back()->storedRows() == 0)
                continue;
            if (firstWithRows)
                centre = shard.embeddings.back()->centre();
            else if (shard.embeddings.back()->centre() != centre)
                same = false;
            firstWithRows = false;
        }
        if (reference.storage == ElementType::Float16 && !centre.empty())
            out->setStoreCentre(id, centre);
        exact.push_back(same);
        if (!same) {
            ++report.recentred;
            if (log)
                log(first.models[m].name + ": the shards' embeddings were stored around different centres (were they "
                    "computed on different kinds of machine?); their fp16 rows are rounded again, not copied");
        }
    }
    report.models = models.size();

    std::int64_t total = 0, found = 0;
    for (const auto& shard : shards) {
        total += shard.store->completeness()->second;
        found += shard.found;
    }
    out->setFilesFound(found);
    std::int64_t done = 0;
    if (progress)
        progress->report(0, total, "merging");

    constexpr int kPage = 1024;
    const std::size_t dim = static_cast<std::size_t>(models.front().dim);
    std::optional<IndexStore::Batch> batch;
    std::size_t pending = 0;
    const auto flush = [&](bool force) {
        if (batch && (force || pending >= 4096)) {
            batch->commit();
            batch.reset();
            pending = 0;
        }
    };
    for (auto& shard : shards) {
        for (std::int64_t after = 0;;) {
            const auto sources = shard.store->sourcesPage(after, 256);
            if (sources.empty())
                break;
            after = sources.back().id;
            for (SourceRecord source : sources) {
                if (progress && progress->isCancelled())
                    throw Cancelled{};
                if (out->sourceId(source.path))
                    throw Error(source.path + " is in more than one shard (again in " + name(shard.path) + ")",
                                "merge the shards of one split: rscir index --shard gives each file to one shard");
                const std::int64_t shardSourceId = source.id;
                source.id = 0;
                if (!batch)
                    batch.emplace(*out);
                if (source.status == "failed") {
                    batch->writeFailure(source);
                    ++report.failed;
                } else if (source.status == "done") {
                    for (std::size_t m = 0; m < models.size(); ++m) {
                        if (!std::binary_search(shard.doneFor[m].begin(), shard.doneFor[m].end(), shardSourceId))
                            throw Error(source.path + " in " + name(shard.path) + " was not indexed with " +
                                            models[m].name,
                                        "run rscir index --shard with that model on this shard again to finish it");
                        const auto& embeddings = *shard.embeddings[m];
                        const auto& centre = embeddings.centre();
                        for (std::int64_t afterItem = 0;;) {
                            const auto rows =
                                shard.store->itemRowsOfSource(shardSourceId, shard.models[m].id, afterItem, kPage);
                            std::vector<NewItem> items;
                            items.reserve(rows.size());
                            for (const auto& [item, row] : rows) {
                                NewItem copy;
                                copy.window = item.window;
                                copy.embedding.resize(dim);
                                embeddings.copyStoredRow(row, copy.embedding);
                                if (exact[m]) {
                                    copy.stored = true;
                                } else if (!centre.empty()) {
                                    for (std::size_t c = 0; c < dim; ++c)
                                        copy.embedding[c] += centre[c];
                                }
                                if (m == 0) {
                                    copy.footprint = item.footprint;
                                    copy.thumbnail = shard.store->thumbnail(item.id);
                                } else {
                                    const auto existing = out->findItem(source.path, item.window);
                                    if (!existing)
                                        throw Error("an item of " + source.path + " in " + name(shard.path) +
                                                    " has embeddings of one model but not of another");
                                    copy.existingId = *existing;
                                }
                                items.push_back(std::move(copy));
                            }
                            const bool last = rows.size() < static_cast<std::size_t>(kPage);
                            if (!rows.empty())
                                afterItem = rows.back().first.id;
                            batch->writeSource(source, items, outModel[m], last);
                            if (m == 0)
                                report.items += items.size();
                            pending += items.size();
                            if (last)
                                break;
                            if (pending >= 4096) {
                                flush(true);
                                batch.emplace(*out);
                            }
                        }
                    }
                } else {
                    throw Error(source.path + " in " + name(shard.path) + " is only partly indexed",
                                "run its rscir index --shard again to finish it");
                }
                ++report.sources;
                ++done;
                ++pending;
                flush(false);
            }
            if (progress)
                progress->report(done, total, "merging");
        }
        shard.embeddings.clear();
    }
    flush(true);
    if (static_cast<std::int64_t>(report.items) != out->itemCount())
        throw Error("the merged index holds " + std::to_string(out->itemCount()) + " items, the shards " +
                    std::to_string(report.items));

    // Into place: the stores under their final names, then the index, which must not exist.
    std::vector<std::pair<std::int64_t, std::int64_t>> generations;
    for (const auto id : outModel)
        generations.emplace_back(id, out->storeOf(id)->generation);
    out.reset();
    for (const auto& [id, generation] : generations) {
        const StoreFiles to = storeFiles(target, id, generation);
        for (const auto& file : {to.vectors, to.ids})
            if (fs::exists(file, ec))
                throw Error(name(file) + " exists already (an embedding store left by an index of that name)",
                            "remove it, or merge into another file name");
    }
    for (const auto& [id, generation] : generations) {
        const StoreFiles from = storeFiles(scratch.index(), id, generation);
        const StoreFiles to = storeFiles(target, id, generation);
        fs::rename(from.vectors, to.vectors);
        fs::rename(from.ids, to.ids);
    }
    if (::link(scratch.index().c_str(), target.c_str()) != 0)
        throw Error("cannot create " + name(target) + ": " + std::strerror(errno));
    scratch.keep();
    fs::remove(scratch.index(), ec);
    const int folder = ::open(target.parent_path().c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (folder >= 0) {
        ::fsync(folder);
        ::close(folder);
    }
    report.shards = shards.size();
    report.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    return report;
} catch (...) {
    rethrowAsError("merging into " + output.string());
}

} // namespace rscir
