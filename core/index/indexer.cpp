#include "core/index/indexer.h"
#include "core/index/stac.h"
#include "core/base/acquisition_time.h"
#include "core/base/hash.h"

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
            } else if (isRemoteSource(tasks[t].source.path)) {
                // A file on a server is not asked for its header just to plan (counted as one item).
            } else if (const auto header = rasterHeaderOf(tasks[t].file)) {
                count = std::max<std::int64_t>(1, tileCount(header->width, header->height,
                                                             options.settings.tileFor(*header),
                                                             options.settings.overlapFor(*header)));
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
void prepareTask(std::size_t index, const Task& task, const IndexOptions& options, const ImagePreprocessing& how,
                 MessageQueue& queue,
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
            const auto tiles = options.settings.windowsOf(end.facts);
            if (options.settings.gsd > 0 && log) {
                const auto own = groundResolution(end.facts);
                if (!own)
                    log(task.source.path + ": not georeferenced, so its windows are " +
                        std::to_string(options.settings.tile) + " of its own pixels, whatever their size on the ground");
                else if (*own > options.settings.gsd * 1.5)
                    log(task.source.path + ": " + metresText(*own) + " per pixel is coarser than the index's " +
                        metresText(options.settings.gsd) + ": its windows hold " +
                        std::to_string(options.settings.tileFor(end.facts)) + " pixels, shown enlarged");
            }
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
                // At one ground resolution a window of a finer source holds more pixels than a
                // tile: read at the tile's size (from overviews where the file has them), not whole.
                const int side = options.settings.gsd > 0 ? std::max(options.settings.tile, how.size) : 0;
                const ImageU8 image = side > 0 && std::max(window.width, window.height) > side
                                          ? raster->readScaled(window, side, &valid)
                                          : raster->read(window, &valid);
                if (!existingId && valid < options.minValidFraction)
                    continue;
                message = WindowMessage{index, {}, preprocessImage(image, how)};
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

/// Where a file of the archive is read: in the folder, or on a web server through GDAL
/// (at the location the catalogue gave in this run, its signature included, else its URL).
fs::path readPathOf(const fs::path& root, const std::string& relative, const IndexOptions& options)
{
    if (!isRemoteSource(relative))
        return root / relative;
    if (options.listed)
        for (const ListedSource& listed : *options.listed)
            if (listed.path == relative && !listed.location.empty())
                return gdalPathOfRemote(listed.location);
    return gdalPathOfRemote(relative);
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

namespace {

/// Checks the archive folder, the shard and the settings against what the index holds,
/// and points the index at the folder. Returns the folder, absolute.
fs::path bindArchive(IndexStore& store, const fs::path& archive, const IndexOptions& options,
                     const std::function<void(const std::string&)>& log)
{
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
    return root;
}

/// Decoders by default: half the thread budget beside a CPU encoder, all of it but the
/// host's thread beside a GPU; never more than the budget (they take turns within it).
int decoderJobs(const ImageEncoder& encoder, const IndexOptions& options)
{
    const int budget = static_cast<int>(threadBudget());
    return std::min(budget, options.jobs > 0        ? options.jobs
                            : encoder.usesCpu() ? std::max(1, budget / 2)
                                                : std::max(1, budget - 1));
}

/// The files of this run: the whole archive, or this shard's part of its split (recorded
/// in the index with the split's fingerprint).
std::vector<std::string> filesOfThisRun(IndexStore& store, const fs::path& root,
                                        const std::vector<std::string>& archiveFiles, const IndexOptions& options,
                                        int jobs, Progress* progress, const std::function<void(const std::string&)>& log)
{
    if (!options.shard)
        return archiveFiles;
    const auto shardOfIndex = store.shard();
    if (progress)
        progress->report(0, static_cast<std::int64_t>(archiveFiles.size()), "planning shards");
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
            std::to_string(archiveFiles.size()) + " files, " + share + " % of the pixels");
    }
    if (part.files.empty() && log)
        log("shard " + options.shard->text() + " holds no files: the archive has fewer files than shards");
    return part.files;
}

/// A new fp16 store keeps its rows relative to a centre: the mean embedding of files
/// spread evenly over the whole archive (the first tile of each), so that it is near the
/// archive's mean, and the same in every shard of a split (the merge then copies every
/// shard's rows exactly).
void centreNewStore(IndexStore& store, std::int64_t modelId, ImageEncoder& encoder, const fs::path& root,
                    const std::vector<std::string>& archiveFiles, const IndexOptions& options)
{
    const auto record = store.storeOf(modelId);
    if (!record || record->rows != 0 || record->storage != ElementType::Float16 || archiveFiles.empty())
        return;
    std::vector<float> pixels;
    std::size_t count = 0;
    const int size = encoder.imageSize();
    const std::size_t wanted = std::min<std::size_t>(32, archiveFiles.size());
    for (std::size_t k = 0; k < wanted; ++k) {
        const std::size_t i = k * archiveFiles.size() / wanted;
        try {
            const auto raster = Raster::open(readPathOf(root, archiveFiles[i], options), options.settings.rasterOptions());
            const auto& facts = raster->facts();
            const auto windows = options.settings.windowsOf(facts);
            if (windows.empty())
                continue;
            const int side = options.settings.gsd > 0 ? std::max(options.settings.tile, size) : 0;
            const Window& first = windows.front();
            const auto image = preprocessImage(side > 0 && std::max(first.width, first.height) > side
                                                   ? raster->readScaled(first, side)
                                                   : raster->read(first),
                                               encoder.preprocessing());
            pixels.insert(pixels.end(), image.begin(), image.end());
            ++count;
        } catch (const std::exception&) {
            // an unreadable file is recorded when its turn comes
        }
    }
    if (count == 0)
        return;
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

/// What a run does, found by comparing the files with what the index recorded.
struct RunPlan {
    std::map<std::string, SourceRecord> known; ///< the index's sources by path, before the run
    std::vector<Task> tasks; ///< files to read
    std::vector<SourceRecord> scanFailures; ///< files that cannot even be looked at
    std::vector<std::int64_t> toRemove; ///< sources gone, changed or left partial
};

/// The stacks of single-band files a catalogue lists, registered for reading under the
/// names readPathOf() gives them, each part where this run reads it.
void registerRunStacks(const fs::path& root, const IndexOptions& options)
{
    if (!options.listed)
        return;
    for (const ListedSource& listed : *options.listed) {
        if (listed.parts.empty())
            continue;
        std::vector<std::string> parts;
        for (std::size_t i = 0; i < listed.parts.size(); ++i)
            parts.push_back(i < listed.partLocations.size() && !listed.partLocations[i].empty()
                                ? gdalPathOfRemote(listed.partLocations[i])
                                : readPathOf(root, listed.parts[i], {}).string());
        registerBandStack(readPathOf(root, listed.path, {}).string(), std::move(parts), true);
    }
}

std::optional<SourceRecord> lookAt(const fs::path& root, const std::string& relative, bool& failed);

/// A local stack of single-band files as it is now: their sizes summed, the latest time.
std::optional<SourceRecord> lookAtStack(const fs::path& root, const std::string& relative,
                                        const std::vector<std::string>& parts, bool& failed)
{
    SourceRecord stack;
    stack.path = relative;
    for (const std::string& part : parts) {
        auto source = lookAt(root, part, failed);
        if (!source) {
            stack.error = "its band " + part + " is not a regular file";
            failed = true;
        } else if (failed) {
            stack.error = "its band " + part + ": " + source->error;
        }
        if (failed)
            return stack;
        stack.size += source->size;
        // The file clock's times may lie before its epoch: the first part's is the start.
        stack.mtime = &part == &parts.front() ? source->mtime : std::max(stack.mtime, source->mtime);
    }
    return stack;
}

/// A file of the archive as it is now, or a failure when it cannot be looked at; nullopt
/// for what is not a regular file.
std::optional<SourceRecord> lookAt(const fs::path& root, const std::string& relative, bool& failed)
{
    const fs::path p = root / relative;
    SourceRecord source;
    source.path = relative;
    failed = false;
    if (isRemoteSource(relative)) {
        // A file on a server is known by its address: indexed once, then unchanged (no
        // request per file to plan a run); a failed one is read again by the next run.
        if (const std::string why = remoteSourceProblem(relative); !why.empty()) {
            source.error = why;
            failed = true;
        }
        return source;
    }
    std::error_code statError;
    const auto status = fs::status(p, statError);
    if (!statError && !fs::is_regular_file(status))
        return std::nullopt;
    if (std::error_code linkError; !statError && fs::is_symlink(fs::symlink_status(p, linkError))) {
        // A link is followed only inside the archive folder: an index names files there.
        if (!resolvesInside(root, p)) {
            source.error = "it is a link that leads out of the archive folder; rscir reads only files inside it";
            failed = true;
            return source;
        }
    }
    if (!statError)
        source.size = static_cast<std::int64_t>(fs::file_size(p, statError));
    if (!statError)
        source.mtime = modificationTime(p, statError);
    if (statError) {
        source.error = "cannot read the file: " + statError.message();
        failed = true;
    }
    return source;
}

RunPlan planRun(const IndexStore& store, std::int64_t modelId, const fs::path& root,
                const std::vector<std::string>& listed, IndexReport& report, const IndexOptions& options)
{
    const bool keepUnlisted = options.listed && options.listIsPartial;
    std::map<std::string, std::string> locations; // a catalogue's remote files, read with their signatures
    std::map<std::string, std::int64_t> versions; // and what says they changed, as a number
    std::map<std::string, std::vector<std::string>> stacks; // local stacks of single-band files
    if (options.listed)
        for (const ListedSource& l : *options.listed) {
            if (!l.parts.empty() && !isRemoteSource(l.path))
                stacks.emplace(l.path, l.parts);
            if (!l.location.empty())
                locations.emplace(l.path, gdalPathOfRemote(l.location));
            if (!l.version.empty() && isRemoteSource(l.path))
                versions.emplace(l.path, static_cast<std::int64_t>(fnv1a64(l.version) >> 1)); // one number of the text
        }
    RunPlan plan;
    for (auto& s : store.sources())
        plan.known.emplace(s.path, std::move(s));
    const auto doneList = store.sourcesDoneFor(modelId);
    const std::set<std::int64_t> done(doneList.begin(), doneList.end());
    std::set<std::string> seen;
    for (const std::string& relative : listed) {
        seen.insert(relative);
        ++report.files;
        bool failed = false;
        const auto stack = stacks.find(relative);
        auto source = stack != stacks.end() ? lookAtStack(root, relative, stack->second, failed)
                                            : lookAt(root, relative, failed);
        if (!source)
            continue;
        if (failed) {
            plan.scanFailures.push_back(std::move(*source));
            continue;
        }
        if (const auto version = versions.find(relative); version != versions.end())
            source->mtime = version->second; // a remote file's: changed when the catalogue says so
        const auto location = locations.find(relative);
        Task task{*source, location != locations.end() ? fs::path(location->second) : readPathOf(root, relative, {}), {}};
        const auto found = plan.known.find(relative);
        if (found != plan.known.end()) {
            const SourceRecord& old = found->second;
            const bool same = old.size == source->size && old.mtime == source->mtime;
            if (old.status == "partial") {
                // Interrupted in the middle of a large raster: its items are indexed anew.
                plan.toRemove.push_back(old.id);
                plan.tasks.push_back(std::move(task));
                continue;
            }
            if (same && old.status == "done" && done.count(old.id)) {
                ++report.unchanged;
                continue;
            }
            if (same && old.status == "done") {
                task.existingItems = store.itemsOfSource(old.id); // another model indexed it: reuse its items
            } else if (!same) {
                plan.toRemove.push_back(old.id);
                ++report.changed;
            }
        }
        plan.tasks.push_back(std::move(task));
    }
    for (const auto& [path, source] : plan.known)
        if (!seen.count(path) && !keepUnlisted) {
            plan.toRemove.push_back(source.id);
            ++report.removed;
        }
    return plan;
}

/// Removes what is gone and records what could not be looked at, in one transaction, and
/// how many files this run set out to index: an index whose recorded sources fall short of
/// it was interrupted, and says so when it is opened.
void recordScan(IndexStore& store, const RunPlan& plan, IndexReport& report,
                const std::function<void(const std::string&)>& log)
{
    IndexStore::Batch batch(store);
    for (auto id : plan.toRemove)
        batch.removeSource(id);
    for (const auto& failure : plan.scanFailures) {
        batch.writeFailure(failure);
        if (log)
            log(failure.path + ": " + failure.error);
    }
    batch.commit();
    report.failed += plan.scanFailures.size();
    store.setFilesFound(static_cast<std::int64_t>(plan.tasks.size() + report.unchanged + plan.scanFailures.size()));
}

/// The encoding side of a run: files are decoded on `jobs` threads into a queue; here their
/// windows are encoded in batches and every file complete is committed.
class EncodingRun {
public:
    EncodingRun(IndexStore& store, std::int64_t modelId, ImageEncoder& encoder, const IndexOptions& options,
                const RunPlan& plan, IndexReport& report, const std::function<void(const std::string&)>& log)
        : m_store(store), m_datePattern(store.datePattern()), m_modelId(modelId), m_encoder(encoder), m_options(options), m_plan(plan), m_report(report),
          m_log(log), m_states(plan.tasks.size())
    {
        if (options.listed)
            for (const ListedSource& listed : *options.listed)
                m_listed.emplace(listed.path, listed.meta);
    }

    void run(int jobs, Progress* progress, std::chrono::steady_clock::time_point started)
    {
        const auto& tasks = m_plan.tasks;
        const std::size_t batchSize = static_cast<std::size_t>(std::max(1, m_options.batchSize));
        MessageQueue queue(2 * batchSize + static_cast<std::size_t>(jobs));
        std::atomic<std::size_t> nextTask{0};
        // The decoding threads log too (the tile count of a large raster).
        std::mutex logMutex;
        const std::function<void(const std::string&)> safeLog = [&](const std::string& line) {
            std::lock_guard lock(logMutex);
            if (m_log)
                m_log(line);
        };
        std::vector<std::thread> workers;
        const ImagePreprocessing how = m_encoder.preprocessing();
        for (int j = 0; j < jobs && static_cast<std::size_t>(j) < tasks.size(); ++j) {
            queue.addProducer();
            workers.emplace_back([&] {
                for (std::size_t t; (t = nextTask.fetch_add(1)) < tasks.size() && !queue.stopped();)
                    prepareTask(t, tasks[t], m_options, how, queue, safeLog);
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

        if (progress)
            progress->report(0, static_cast<std::int64_t>(tasks.size()), "indexing");
        for (bool drained = false; !drained;) {
            drained = encodeBatch(queue, batchSize);
            commitComplete();
            if (progress) {
                const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
                char stage[64];
                std::snprintf(stage, sizeof stage, "indexing, %.1f items/s",
                              elapsed > 0 ? double(m_report.items) / elapsed : 0.0);
                progress->report(static_cast<std::int64_t>(m_finished), static_cast<std::int64_t>(tasks.size()), stage);
                if (progress->isCancelled())
                    throw Cancelled{};
            }
        }
    }

    std::size_t finished() const { return m_finished; }

private:
    /// Takes up to a batch of windows from the queue (and the end messages between them)
    /// and encodes them. Returns true once the queue is drained.
    bool encodeBatch(MessageQueue& queue, std::size_t batchSize)
    {
        const int imageSize = m_encoder.imageSize();
        std::vector<std::pair<std::size_t, std::size_t>> slots; // (task, item index) of each image in the batch
        std::vector<float> pixels;
        const std::size_t perImage = 3u * static_cast<std::size_t>(imageSize) * imageSize;
        bool drained = false;
        while (slots.size() < batchSize) {
            auto message = queue.pop();
            if (!message) {
                drained = true;
                break;
            }
            if (auto* w = std::get_if<WindowMessage>(&*message)) {
                auto& state = m_states[w->task];
                slots.emplace_back(w->task, state.items.size());
                state.items.push_back(std::move(w->item));
                pixels.insert(pixels.end(), w->pixels.begin(), w->pixels.end());
            } else {
                auto& e = std::get<EndMessage>(*message);
                m_states[e.task].end = std::move(e);
            }
        }
        if (slots.empty())
            return drained;
        const auto embeddings = m_encoder.encode(pixels, pixels.size() / perImage);
        const std::size_t dim = static_cast<std::size_t>(m_encoder.dim());
        for (std::size_t i = 0; i < slots.size(); ++i) {
            auto& state = m_states[slots[i].first];
            auto& item = state.items[slots[i].second];
            item.embedding.assign(embeddings.begin() + static_cast<std::ptrdiff_t>(i * dim),
                                  embeddings.begin() + static_cast<std::ptrdiff_t>((i + 1) * dim));
            ++state.encoded;
        }
        m_report.items += slots.size();
        return drained;
    }

    /// Commits every file that is now complete, in one transaction.
    void commitComplete()
    {
        const auto& tasks = m_plan.tasks;
        IndexStore::Batch batch(m_store);
        bool wrote = false;
        for (std::size_t t = 0; t < m_states.size(); ++t) {
            auto& state = m_states[t];
            // A large raster's items are committed as they are encoded (the source stays
            // "partial" until its last tile), so that memory stays bounded and work is kept.
            if (!state.finished && !state.end && tasks[t].existingItems.empty() &&
                state.items.size() >= std::max<std::size_t>(1, m_options.partialCommitItems) &&
                state.encoded == state.items.size()) {
                batch.writeSource(tasks[t].source, state.items, m_modelId, false);
                state.items.clear();
                state.encoded = 0;
                wrote = true;
                continue;
            }
            if (state.finished || !state.end || (!state.end->failed && state.encoded < state.items.size()))
                continue;
            writeFinished(batch, t);
            wrote = true;
        }
        if (wrote)
            batch.commit();
    }

    void writeFinished(IndexStore::Batch& batch, std::size_t t)
    {
        auto& state = m_states[t];
        SourceRecord source = m_plan.tasks[t].source;
        source.facts = state.end->facts;
        source.meta.acquired = source.facts.acquired;
        source.meta.platform = source.facts.platform;
        source.meta.cloudCover = source.facts.cloudCover;
        if (!m_datePattern.empty())
            if (std::string named = acquisitionTimeFromName(fs::path(source.path).filename().string(), m_datePattern);
                !named.empty())
                source.meta.acquired = std::move(named);
        if (const auto listed = m_listed.find(source.path); listed != m_listed.end()) {
            // The catalogue's word wins; what it leaves out, the raster's own metadata gives.
            SourceMeta own = std::move(source.meta);
            source.meta = listed->second;
            if (source.meta.acquired.empty())
                source.meta.acquired = std::move(own.acquired);
            if (source.meta.platform.empty())
                source.meta.platform = std::move(own.platform);
            if (!source.meta.cloudCover)
                source.meta.cloudCover = own.cloudCover;
        }
        if (state.end->failed) {
            source.error = withoutQueries(state.end->error); // GDAL names the URL it failed on
            batch.writeFailure(source);
            ++m_report.failed;
            m_report.missingBands += state.end->missingBand;
            if (m_log)
                m_log(source.path + ": " + source.error);
        } else {
            if (source.facts.georeferenced && !state.items.empty() &&
                std::any_of(state.items.begin(), state.items.end(), [](const NewItem& i) { return !i.footprint; }) &&
                m_log)
                m_log(source.path + ": its georeferencing does not place it on the earth (" +
                      std::to_string(source.facts.geoTransform[1]) + " units per pixel); indexed without footprints");
            batch.writeSource(source, state.items, m_modelId);
            // New, or failed before and read now unchanged (a server that answers again): added.
            const auto known = m_plan.known.find(source.path);
            if (m_plan.tasks[t].existingItems.empty() &&
                (known == m_plan.known.end() ||
                 (known->second.status == "failed" && known->second.size == source.size &&
                  known->second.mtime == source.mtime)))
                ++m_report.added;
        }
        state.finished = true;
        state.items.clear();
        state.items.shrink_to_fit();
        ++m_finished;
    }

    IndexStore& m_store;
    std::string m_datePattern; ///< the index's: files are dated by their names
    std::map<std::string, SourceMeta> m_listed; ///< a catalogue's metadata, by path
    std::int64_t m_modelId;
    ImageEncoder& m_encoder;
    const IndexOptions& m_options;
    const RunPlan& m_plan;
    IndexReport& m_report;
    const std::function<void(const std::string&)>& m_log;
    std::vector<TaskState> m_states;
    std::size_t m_finished = 0;
};

/// Rows of deleted and changed files stay in the store as dead rows; once they are a
/// quarter of it (and worth it), the store is rewritten without them.
bool compactIfWorthIt(IndexStore& store, std::int64_t modelId, int dim, Progress* progress, std::size_t finished,
                      std::size_t total, const std::function<void(const std::string&)>& log)
{
    const auto record = store.storeOf(modelId);
    if (!record)
        return false;
    const std::uint64_t rowBytes = static_cast<std::uint64_t>(dim) * elementSize(record->storage);
    if (record->dead * 4 <= record->rows || record->dead * rowBytes < (64u << 20))
        return false;
    if (progress)
        progress->report(static_cast<std::int64_t>(finished), static_cast<std::int64_t>(total), "compacting");
    store.compact(std::nullopt, log);
    return true;
}

} // namespace

IndexReport indexArchive(IndexStore& store, const fs::path& archive, ImageEncoder& encoder, const IndexOptions& options,
                         Progress* progress, const std::function<void(const std::string&)>& log)
try {
    const auto started = std::chrono::steady_clock::now();
    IndexReport report;
    const std::string held = store.catalogue();
    const bool heldList = held.rfind(kListPrefix, 0) == 0;
    if (!options.listed && !held.empty())
        throw Error("the index " + store.path().string() + " holds the items of the catalogue " + held +
                        "; a scan of its folder would drop them",
                    heldList ? "index it from its list (rscir index --list " + held.substr(kListPrefix.size()) + ")"
                             : "index it from its catalogue (rscir index --stac " + held + ")");
    // A catalogue into an index of other files would replace them all.
    if (options.listed && held != options.catalogue && store.sourceCount("done") + store.sourceCount("failed") > 0)
        throw Error("the index " + store.path().string() + " holds " +
                        (held.empty() ? "the files of the folder " + store.archiveRoot().string()
                                      : "the items of the catalogue " + held) +
                        "; indexing " + options.catalogue + " into it would replace them",
                    "index the catalogue into a new index file");
    const fs::path root = bindArchive(store, archive, options, log);
    if (options.listed && !options.catalogue.empty())
        store.setCatalogue(options.catalogue, options.catalogueAsset, options.catalogueBands);
    if (options.listed) {
        // Before any is indexed: an interrupted run's stacks are read as they were indexed.
        std::map<std::string, std::vector<std::string>> stacks;
        for (const ListedSource& listed : *options.listed)
            if (!listed.parts.empty())
                stacks.emplace(listed.path, listed.parts);
        store.setSourceParts(stacks);
        registerRunStacks(root, options);
    }
    const bool newPattern = !options.datePattern.empty() && options.datePattern != store.datePattern();
    if (newPattern) {
        if (const std::string problem = datePatternProblem(options.datePattern); !problem.empty())
            throw Error(problem + ": \"" + options.datePattern + "\"");
        store.setDatePattern(options.datePattern);
    }
    const ModelRecord identity = encoder.identity();
    const std::int64_t modelId = store.ensureModel(identity);
    store.prepareStore(modelId, identity, options.storage, log);
    const int jobs = decoderJobs(encoder, options);

    const fs::path indexFile = fs::absolute(store.path()).lexically_normal();
    std::vector<std::string> archiveFiles;
    if (options.listed) {
        for (const ListedSource& listed : *options.listed)
            archiveFiles.push_back(listed.path);
        std::sort(archiveFiles.begin(), archiveFiles.end());
        archiveFiles.erase(std::unique(archiveFiles.begin(), archiveFiles.end()), archiveFiles.end());
    } else {
        archiveFiles = listArchive(root, indexFile);
    }
    const std::vector<std::string> listed = filesOfThisRun(store, root, archiveFiles, options, jobs, progress, log);
    centreNewStore(store, modelId, encoder, root, archiveFiles, options);
    const RunPlan plan = planRun(store, modelId, root, listed, report, options);
    recordScan(store, plan, report, log);

    if (log && !plan.tasks.empty())
        log(planSummary(plan.tasks, options, jobs, progress));
    EncodingRun encoding(store, modelId, encoder, options, plan, report, log);
    encoding.run(jobs, progress, started);
    report.compacted =
        compactIfWorthIt(store, modelId, encoder.dim(), progress, encoding.finished(), plan.tasks.size(), log);
    // A pattern given now dates the files indexed before it too.
    if (newPattern && log)
        log(std::to_string(store.dateSourcesByName(options.datePattern)) + " files dated by their names (" +
            options.datePattern + ")");
    else if (newPattern)
        store.dateSourcesByName(options.datePattern);
    // A catalogue's metadata of files indexed before (it may have changed since):
    // its times over the names'.
    if (options.listed) {
        std::map<std::string, SourceMeta> byPath;
        for (const ListedSource& listed : *options.listed)
            byPath.emplace(listed.path, listed.meta);
        store.setSourceMeta(byPath);
    }
    report.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    return report;
} catch (...) {
    rethrowAsError("indexing " + archive.string());
}

} // namespace rscir
