#include "core/index/indexer.h"

#include "core/base/error.h"
#include "core/base/files.h"
#include "core/base/threads.h"
#include "core/base/progress.h"
#include "core/imagery/preprocess.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <condition_variable>
#include <deque>
#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <thread>
#include <variant>

namespace rscir {

namespace fs = std::filesystem;

namespace {

struct Task {
    SourceRecord source; // path, size, mtime
    fs::path file;
    std::vector<ItemRecord> existingItems; // encode these windows instead of tiling anew
};

struct WindowMessage {
    std::size_t task;
    NewItem item;
    std::vector<float> pixels;
};

struct EndMessage {
    std::size_t task;
    RasterFacts facts;
    bool failed = false;
    bool missingBand = false; ///< failed because it lacks a band the run asks for
    std::string error;
};

using Message = std::variant<WindowMessage, EndMessage>;

/// A bounded queue between the decoding threads and the encoder.
class MessageQueue {
public:
    explicit MessageQueue(std::size_t capacity) : m_capacity(capacity) { }

    /// False when the consumer has stopped.
    bool push(Message message)
    {
        std::unique_lock lock(m_mutex);
        m_notFull.wait(lock, [&] { return m_queue.size() < m_capacity || m_stopped; });
        if (m_stopped)
            return false;
        m_queue.push_back(std::move(message));
        m_notEmpty.notify_one();
        return true;
    }

    /// Waits for a message; empty when every producer is done and the queue is drained.
    std::optional<Message> pop()
    {
        std::unique_lock lock(m_mutex);
        m_notEmpty.wait(lock, [&] { return !m_queue.empty() || m_producers == 0; });
        if (m_queue.empty())
            return std::nullopt;
        Message message = std::move(m_queue.front());
        m_queue.pop_front();
        m_notFull.notify_one();
        return message;
    }

    void addProducer()
    {
        std::lock_guard lock(m_mutex);
        ++m_producers;
    }
    void producerDone()
    {
        std::lock_guard lock(m_mutex);
        --m_producers;
        m_notEmpty.notify_all();
    }
    void stop()
    {
        std::lock_guard lock(m_mutex);
        m_stopped = true;
        m_queue.clear();
        m_notFull.notify_all();
    }
    bool stopped()
    {
        std::lock_guard lock(m_mutex);
        return m_stopped;
    }

private:
    std::mutex m_mutex;
    std::condition_variable m_notFull, m_notEmpty;
    std::deque<Message> m_queue;
    std::size_t m_capacity;
    int m_producers = 0;
    bool m_stopped = false;
};

/// One line on what the run will do, before it starts: files and the tiles they make. Only
/// raster headers are read (on `jobs` threads); a file that cannot be opened counts as one
/// and fails later with its reason.
std::string planSummary(const std::vector<Task>& tasks, const IndexOptions& options, int jobs, Progress* progress)
{
    std::atomic<std::int64_t> tiles{0}, largest{0};
    std::atomic<std::size_t> largestTask{tasks.size()};
    std::mutex largestMutex;
    parallelFor(
        tasks.size(), static_cast<unsigned>(std::max(1, jobs)),
        [&](std::size_t t) {
            std::int64_t count = 1;
            if (!tasks[t].existingItems.empty()) {
                count = static_cast<std::int64_t>(tasks[t].existingItems.size());
            } else if (const auto size = imageSizeOf(tasks[t].file)) {
                count = std::max<std::int64_t>(
                    1, tileCount(size->first, size->second, options.settings.tile, options.settings.overlap));
            }
            tiles += count;
            std::lock_guard lock(largestMutex);
            if (count > largest) {
                largest = count;
                largestTask = t;
            }
        },
        [&] { return progress && progress->isCancelled(); });
    if (progress && progress->isCancelled())
        throw Cancelled{};
    std::string line = std::to_string(tasks.size()) + (tasks.size() == 1 ? " file" : " files") + " to index: " +
                       std::to_string(tiles.load()) + (tiles == 1 ? " item" : " items") + ", windows of at most " +
                       std::to_string(options.settings.tile) + " pixels";
    if (largest > 1 && largestTask < tasks.size() && tasks.size() > 1)
        line += " (the most from " + tasks[largestTask].source.path + ": " + std::to_string(largest.load()) + ")";
    return line;
}

/// Reads one file into window messages and an end message.
void prepareTask(std::size_t index, const Task& task, const IndexOptions& options, int imageSize, MessageQueue& queue,
                 const std::function<void(const std::string&)>& log)
{
    EndMessage end{index, {}, false, false, {}};
    try {
        const RasterOptions rasterOptions = options.settings.rasterOptions();
        const auto raster = Raster::open(task.file, rasterOptions);
        end.facts = raster->facts();
        checkPixelLimit(task.file, end.facts.width, end.facts.height, maxIndexedPixels(), "RSCIR_MAX_INDEX_MEGAPIXELS");
        std::vector<std::pair<Window, std::int64_t>> windows;
        if (!task.existingItems.empty()) {
            for (const auto& item : task.existingItems)
                windows.emplace_back(item.window, item.id);
        } else {
            const auto tiles =
                tileWindows(end.facts.width, end.facts.height, options.settings.tile, options.settings.overlap);
            if (tiles.size() > 1000000)
                throw Error(task.file.string() + " would make " + std::to_string(tiles.size()) +
                            " tiles; that is more than any real scene at this tile size");
            if (tiles.size() > 10000 && log)
                log(task.source.path + ": " + std::to_string(end.facts.width) + " x " + std::to_string(end.facts.height) +
                    " pixels make " + std::to_string(tiles.size()) + " tiles; they are committed as they are encoded");
            for (const auto& w : tiles)
                windows.emplace_back(w, 0);
        }
        for (const auto& [window, existingId] : windows) {
            if (queue.stopped())
                return;
            std::optional<WindowMessage> message;
            {
                // Decoding computes within the process's thread budget, beside the encoder;
                // the share is let go before the queue, which may wait for the encoder.
                const ThreadShare share(1);
                double valid = 1.0;
                const ImageU8 image = raster->read(window, &valid);
                if (!existingId && valid < options.minValidFraction)
                    continue;
                message = WindowMessage{index, {}, clipPreprocess(image, imageSize)};
                message->item.window = window;
                message->item.existingId = existingId;
                if (!existingId) {
                    message->item.footprint = raster->footprint(window);
                    message->item.thumbnail = encodeJpeg(scaleToFit(image, options.thumbnailSize));
                }
            }
            if (!queue.push(std::move(*message)))
                return;
        }
    } catch (const Error& e) {
        end.failed = true;
        end.missingBand = dynamic_cast<const MissingBand*>(&e) != nullptr;
        end.error = e.message();
    } catch (const std::exception& e) {
        end.failed = true;
        end.error = e.what();
    }
    queue.push(std::move(end));
}

struct TaskState {
    std::vector<NewItem> items;
    std::size_t encoded = 0;
    std::optional<EndMessage> end;
    bool finished = false;
};

std::int64_t modificationTime(const fs::path& path, std::error_code& ec)
{
    const auto t = fs::last_write_time(path, ec);
    return std::chrono::duration_cast<std::chrono::nanoseconds>(t.time_since_epoch()).count();
}

} // namespace

bool archiveHasImages(const fs::path& archive)
{
    std::error_code ec;
    for (auto it = fs::recursive_directory_iterator(archive, fs::directory_options::skip_permission_denied, ec);
         !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
        const std::string name = it->path().filename().string();
        if (!name.empty() && name[0] == '.') {
            if (it->is_directory(ec))
                it.disable_recursion_pending();
            continue;
        }
        if (looksLikeImage(it->path()) && !it->is_directory(ec))
            return true;
    }
    return false;
}

void checkShardOfIndex(const IndexStore& store, const std::optional<ShardSpec>& shard)
{
    const auto record = store.shard();
    if (shard) {
        if (record && (record->index != shard->index || record->count != shard->count))
            throw Error("the index " + store.path().string() + " holds shard " + std::to_string(record->index) + "/" +
                            std::to_string(record->count) + "; this run asks for shard " + shard->text(),
                        "give each shard its own index file");
        if (!record && store.completeness())
            throw Error("the index " + store.path().string() + " holds a whole archive; a shard goes into an index of its own",
                        "give each shard its own index file");
    } else if (record) {
        throw Error("the index " + store.path().string() + " holds shard " + std::to_string(record->index) + "/" +
                        std::to_string(record->count) + " of an archive",
                    "give --shard " + std::to_string(record->index) + "/" + std::to_string(record->count) +
                        " to update it, or merge the shards with rscir merge");
    }
}

void requireImages(const fs::path& archive)
{
    if (!archiveHasImages(archive))
        throw Error(ErrorCode::NoImagery, {archive.string()},
                    archive.string() + " holds no images or rasters (" + std::to_string(imageExtensions().size()) +
                        " kinds are read, e.g. .tif, .jpg, .png); no index was written",
                    "choose the folder that holds the imagery");
}

IndexReport indexArchive(IndexStore& store, const fs::path& archive, ImageEncoder& encoder, const IndexOptions& options,
                         Progress* progress, const std::function<void(const std::string&)>& log)
try {
    const auto started = std::chrono::steady_clock::now();
    IndexReport report;
    std::error_code ec;
    if (!fs::is_directory(archive, ec))
        throw Error(ErrorCode::ArchiveFolderMissing, {archive.string()},
                    "the archive folder " + archive.string() + " does not exist or is not a folder");
    checkShardOfIndex(store, options.shard); // before anything of the index changes
    if (const auto existing = store.settings()) {
        if (!(*existing == options.settings))
            throw Error("the index " + store.path().string() + " was built with " + existing->describe() +
                            "; this run asks for " + options.settings.describe(),
                        "use the same settings, or a new index file");
    } else {
        store.setSettings(options.settings);
    }
    const fs::path root = fs::absolute(archive).lexically_normal();
    if (store.archiveRoot().empty() || fs::absolute(store.archiveRoot()).lexically_normal() != root) {
        if (!store.archiveRoot().empty() && log)
            log("the index pointed at " + store.archiveRoot().string() + "; it now points at " + root.string());
        store.setArchiveRoot(root, !options.shard);
    } else if (options.shard) {
        store.setArchiveRoot(root, false); // a shard moves to be merged: its archive stays where it is
    }
    const ModelRecord identity = encoder.identity();
    const std::int64_t modelId = store.ensureModel(identity);
    store.prepareStore(modelId, identity, options.storage, log);

    // Decoders by default: half the thread budget beside a CPU encoder, all of it but the
    // host's thread beside a GPU; never more than the budget (they take turns within it).
    const int budget = static_cast<int>(threadBudget());
    const int jobs = std::min(budget, options.jobs > 0 ? options.jobs
                                      : encoder.usesCpu() ? std::max(1, budget / 2)
                                                          : std::max(1, budget - 1));

    // Scan.
    const fs::path indexFile = fs::absolute(store.path()).lexically_normal();
    const std::vector<std::string> archiveFiles = listArchive(root, indexFile);
    std::vector<std::string> listed = archiveFiles;
    const auto shardOfIndex = store.shard();
    if (options.shard) {
        if (progress)
            progress->report(0, static_cast<std::int64_t>(listed.size()), "planning shards");
        const ShardPlan plan = planShards(root, archiveFiles, options.settings, options.shard->count, jobs, progress);
        if (shardOfIndex && !shardOfIndex->plan.empty() && shardOfIndex->plan != plan.fingerprint && log)
            log("the archive changed since this shard was last indexed: the split is made anew, so merge it only with "
                "shards indexed after this change");
        store.setShard({options.shard->index, options.shard->count, plan.fingerprint});
        const ShardPart& part = plan.parts[static_cast<std::size_t>(options.shard->index - 1)];
        if (log) {
            char share[32];
            std::snprintf(share, sizeof share, "%.1f", plan.pixels ? 100.0 * part.pixels / plan.pixels : 0.0);
            log("shard " + options.shard->text() + ": " + std::to_string(part.files.size()) + " of " +
                std::to_string(listed.size()) + " files, " + share + " % of the pixels");
        }
        listed = part.files;
        if (listed.empty() && log)
            log("shard " + options.shard->text() + " holds no files: the archive has fewer files than shards");
    }
    // A new fp16 store keeps its rows relative to a centre: the mean embedding of files
    // spread evenly over the whole archive (the first tile of each), so that it is near
    // the archive's mean, and the same in every shard of a split (the merge then copies
    // every shard's rows exactly).
    if (const auto record = store.storeOf(modelId);
        record && record->rows == 0 && record->storage == ElementType::Float16 && !archiveFiles.empty()) {
        std::vector<float> pixels;
        std::size_t count = 0;
        const int size = encoder.imageSize();
        const std::size_t wanted = std::min<std::size_t>(32, archiveFiles.size());
        for (std::size_t k = 0; k < wanted; ++k) {
            const std::size_t i = k * archiveFiles.size() / wanted;
            try {
                const auto raster = Raster::open(root / archiveFiles[i], options.settings.rasterOptions());
                const auto& facts = raster->facts();
                const auto windows = tileWindows(facts.width, facts.height, options.settings.tile, options.settings.overlap);
                if (windows.empty())
                    continue;
                const auto image = clipPreprocess(raster->read(windows.front()), size);
                pixels.insert(pixels.end(), image.begin(), image.end());
                ++count;
            } catch (const std::exception&) {
                // an unreadable file is recorded when its turn comes
            }
        }
        if (count > 0) {
            const auto embeddings = encoder.encode(pixels, count);
            const std::size_t dim = static_cast<std::size_t>(encoder.dim());
            std::vector<double> sum(dim, 0.0);
            for (std::size_t r = 0; r < count; ++r)
                for (std::size_t c = 0; c < dim; ++c)
                    sum[c] += embeddings[r * dim + c];
            std::vector<float> centre(dim);
            for (std::size_t c = 0; c < dim; ++c)
                centre[c] = static_cast<float>(sum[c] / static_cast<double>(count));
            store.setStoreCentre(modelId, std::move(centre));
        }
    }
    std::map<std::string, SourceRecord> known;
    for (auto& s : store.sources())
        known.emplace(s.path, std::move(s));
    const auto doneList = store.sourcesDoneFor(modelId);
    const std::set<std::int64_t> done(doneList.begin(), doneList.end());
    std::vector<Task> tasks;
    std::vector<SourceRecord> scanFailures;
    std::vector<std::int64_t> toRemove;
    std::set<std::string> seen;
    for (const std::string& relative : listed) {
        const fs::path p = root / relative;
        SourceRecord source;
        source.path = relative;
        seen.insert(source.path);
        ++report.files;
        std::error_code statError;
        const auto status = fs::status(p, statError);
        if (!statError && !fs::is_regular_file(status))
            continue;
        if (std::error_code linkError; !statError && fs::is_symlink(fs::symlink_status(p, linkError))) {
            // A link is followed only inside the archive folder: an index names files there.
            if (!resolvesInside(root, p)) {
                source.error = "it is a link that leads out of the archive folder; rscir reads only files inside it";
                scanFailures.push_back(source);
                continue;
            }
        }
        if (!statError)
            source.size = static_cast<std::int64_t>(fs::file_size(p, statError));
        if (!statError)
            source.mtime = modificationTime(p, statError);
        if (statError) {
            source.error = "cannot read the file: " + statError.message();
            scanFailures.push_back(source);
            continue;
        }
        Task task{source, p, {}};
        const auto found = known.find(source.path);
        if (found != known.end()) {
            const SourceRecord& old = found->second;
            const bool same = old.size == source.size && old.mtime == source.mtime;
            if (old.status == "partial") {
                // Interrupted in the middle of a large raster: its items are indexed anew.
                toRemove.push_back(old.id);
                tasks.push_back(std::move(task));
                continue;
            }
            if (same && old.status == "done" && done.count(old.id)) {
                ++report.unchanged;
                continue;
            }
            if (same && old.status == "done") {
                task.existingItems = store.itemsOfSource(old.id); // another model indexed it: reuse its items
            } else if (!same) {
                toRemove.push_back(old.id);
                ++report.changed;
            }
        }
        tasks.push_back(std::move(task));
    }
    for (const auto& [path, source] : known)
        if (!seen.count(path)) {
            toRemove.push_back(source.id);
            ++report.removed;
        }
    {
        IndexStore::Batch batch(store);
        for (auto id : toRemove)
            batch.removeSource(id);
        for (const auto& failure : scanFailures) {
            batch.writeFailure(failure);
            if (log)
                log(failure.path + ": " + failure.error);
        }
        batch.commit();
    }
    report.failed += scanFailures.size();
    // How many files this run set out to index: an index whose recorded sources fall short
    // of it was interrupted, and says so when it is opened.
    store.setFilesFound(static_cast<std::int64_t>(tasks.size() + report.unchanged + scanFailures.size()));

    // Decode on a pool, encode here, commit per batch.
    const std::size_t batchSize = static_cast<std::size_t>(std::max(1, options.batchSize));
    if (log && !tasks.empty())
        log(planSummary(tasks, options, jobs, progress));
    MessageQueue queue(2 * batchSize + static_cast<std::size_t>(jobs));
    std::atomic<std::size_t> nextTask{0};
    // The decoding threads log too (the tile count of a large raster).
    std::mutex logMutex;
    const std::function<void(const std::string&)> safeLog = [&](const std::string& line) {
        std::lock_guard lock(logMutex);
        if (log)
            log(line);
    };
    std::vector<std::thread> workers;
    const int imageSize = encoder.imageSize();
    for (int j = 0; j < jobs && static_cast<std::size_t>(j) < tasks.size(); ++j) {
        queue.addProducer();
        workers.emplace_back([&] {
            for (std::size_t t; (t = nextTask.fetch_add(1)) < tasks.size() && !queue.stopped();)
                prepareTask(t, tasks[t], options, imageSize, queue, safeLog);
            queue.producerDone();
        });
    }
    struct Joiner {
        MessageQueue& queue;
        std::vector<std::thread>& workers;
        ~Joiner()
        {
            queue.stop();
            for (auto& w : workers)
                w.join();
        }
    } joiner{queue, workers};

    std::vector<TaskState> states(tasks.size());
    std::size_t finished = 0;
    const std::size_t total = tasks.size();
    if (progress)
        progress->report(0, static_cast<std::int64_t>(total), "indexing");
    bool drained = false;
    while (!drained) {
        std::vector<std::pair<std::size_t, std::size_t>> slots; // (task, item index) of each image in the batch
        std::vector<float> pixels;
        const std::size_t perImage = 3u * static_cast<std::size_t>(imageSize) * imageSize;
        while (slots.size() < batchSize) {
            auto message = queue.pop();
            if (!message) {
                drained = true;
                break;
            }
            if (auto* w = std::get_if<WindowMessage>(&*message)) {
                auto& state = states[w->task];
                slots.emplace_back(w->task, state.items.size());
                state.items.push_back(std::move(w->item));
                pixels.insert(pixels.end(), w->pixels.begin(), w->pixels.end());
            } else {
                auto& e = std::get<EndMessage>(*message);
                states[e.task].end = std::move(e);
            }
        }
        if (!slots.empty()) {
            const auto embeddings = encoder.encode(pixels, pixels.size() / perImage);
            const std::size_t dim = static_cast<std::size_t>(encoder.dim());
            for (std::size_t i = 0; i < slots.size(); ++i) {
                auto& state = states[slots[i].first];
                auto& item = state.items[slots[i].second];
                item.embedding.assign(embeddings.begin() + static_cast<std::ptrdiff_t>(i * dim),
                                      embeddings.begin() + static_cast<std::ptrdiff_t>((i + 1) * dim));
                ++state.encoded;
            }
            report.items += slots.size();
        }
        // Commit every file that is now complete, in one transaction.
        IndexStore::Batch batch(store);
        bool wrote = false;
        for (std::size_t t = 0; t < states.size(); ++t) {
            auto& state = states[t];
            // A large raster's items are committed as they are encoded (the source stays
            // "partial" until its last tile), so that memory stays bounded and work is kept.
            if (!state.finished && !state.end && tasks[t].existingItems.empty() &&
                state.items.size() >= std::max<std::size_t>(1, options.partialCommitItems) &&
                state.encoded == state.items.size()) {
                batch.writeSource(tasks[t].source, state.items, modelId, false);
                state.items.clear();
                state.encoded = 0;
                wrote = true;
                continue;
            }
            if (state.finished || !state.end || (!state.end->failed && state.encoded < state.items.size()))
                continue;
            SourceRecord source = tasks[t].source;
            source.facts = state.end->facts;
            if (state.end->failed) {
                source.error = state.end->error;
                batch.writeFailure(source);
                ++report.failed;
                report.missingBands += state.end->missingBand;
                if (log)
                    log(source.path + ": " + source.error);
            } else {
                if (source.facts.georeferenced && !state.items.empty() &&
                    std::any_of(state.items.begin(), state.items.end(), [](const NewItem& i) { return !i.footprint; }) &&
                    log)
                    log(source.path + ": its georeferencing does not place it on the earth (" +
                        std::to_string(source.facts.geoTransform[1]) + " units per pixel); indexed without footprints");
                batch.writeSource(source, state.items, modelId);
                if (tasks[t].existingItems.empty() && !known.count(source.path))
                    ++report.added;
            }
            state.finished = true;
            state.items.clear();
            state.items.shrink_to_fit();
            ++finished;
            wrote = true;
        }
        if (wrote)
            batch.commit();
        if (progress) {
            const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
            char stage[64];
            std::snprintf(stage, sizeof stage, "indexing, %.1f items/s",
                          elapsed > 0 ? double(report.items) / elapsed : 0.0);
            progress->report(static_cast<std::int64_t>(finished), static_cast<std::int64_t>(total), stage);
            if (progress->isCancelled())
                throw Cancelled{};
        }
    }
    // Rows of deleted and changed files stay in the store as dead rows; once they are a
    // quarter of it (and worth it), the store is rewritten without them.
    if (const auto record = store.storeOf(modelId)) {
        const std::uint64_t rowBytes = static_cast<std::uint64_t>(encoder.dim()) * elementSize(record->storage);
        if (record->dead * 4 > record->rows && record->dead * rowBytes >= (64u << 20)) {
            if (progress)
                progress->report(static_cast<std::int64_t>(finished), static_cast<std::int64_t>(total), "compacting");
            store.compact(std::nullopt, log);
            report.compacted = true;
        }
    }
    report.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    return report;
} catch (...) {
    rethrowAsError("indexing " + archive.string());
}

} // namespace rscir
