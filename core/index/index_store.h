#pragma once
/// \file
/// The archive index: one SQLite database per archive (`*.rscir`) holding the sources
/// (files with their raster facts, status and error), the items (a source and a pixel
/// window, a WGS84 footprint, a thumbnail), the models, and for each model which row of
/// its embedding store (core/index/vector_store.h) belongs to which item. The rows
/// themselves live in the store's files beside the index and are memory-mapped for
/// search. WAL mode, so that searches read while an indexing run writes; a schema
/// version with migrations in code; paths relative to the archive root.

#include "core/imagery/raster.h"
#include "core/search/archive_embeddings.h"

#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace rscir {

namespace sql {
class Database;
}
class StoreWriter;
struct StoreIdentity;

/// What is known of a source's acquisition (format 3): from STAC, GDAL's metadata or the
/// file's name. Empty fields are unknown.
struct SourceMeta {
    std::string acquired; ///< ISO 8601 in UTC (acquisition_time.h)
    std::string platform;
    std::string collection;
    std::string stacId;
    std::optional<double> gsd; ///< metres, as the catalogue says
    std::optional<double> cloudCover; ///< percent
    bool empty() const
    {
        return acquired.empty() && platform.empty() && collection.empty() && stacId.empty() && !gsd && !cloudCover;
    }
    bool operator==(const SourceMeta&) const = default;
};

/// A file of the archive as a catalogue lists it: its path relative to the archive folder
/// and what the catalogue says of it.
struct ListedSource {
    std::string path;
    SourceMeta meta;
    /// Where to read it in this run when that is not `path`: a remote file's URL with its
    /// query (a signature), which the index does not keep.
    std::string location;
    /// For a remote file: what says it changed (the asset's checksum or size, the item's
    /// `updated`); another value than the index recorded reads it again.
    std::string version;
    /// A stack of single-band files read as one image, one per band in order (`path` is then
    /// the stack's name, no file): the files as `path` names one, and where to read them in
    /// this run (as `location`; "" for `parts`' own).
    std::vector<std::string> parts, partLocations;
};

struct SourceRecord {
    std::int64_t id = 0;
    std::string path; ///< relative to the archive root, '/'-separated
    std::int64_t size = 0;
    std::int64_t mtime = 0; ///< nanoseconds since the epoch
    RasterFacts facts;
    std::string status; ///< "done" or "failed"
    std::string error;
    SourceMeta meta;
};

struct ItemRecord {
    std::int64_t id = 0;
    std::int64_t sourceId = 0;
    std::string path;
    Window window;
    std::optional<Footprint> footprint;
    int rasterWidth = 0, rasterHeight = 0; ///< of its source raster (0: unknown)

    /// The file name, and for a window of a larger raster its pixel offset:
    /// "scene.tif @512,256", so that the windows of one raster can be told apart.
    std::string label() const;
};

struct ModelRecord {
    std::int64_t id = 0;
    std::string name;
    std::string architecture;
    std::string activation;
    std::string fingerprint; ///< identifies the checkpoint's content
    int dim = 0;
    /// What the encoder computes in ("fp32", "bf16", "fp16"): recorded with the rows it makes,
    /// not part of the model's identity in the index.
    std::string precision = "fp32";
};

/// How an index keeps one model's embeddings.
struct StoreRecord {
    std::int64_t modelId = 0;
    ElementType storage = ElementType::Float16;
    std::string precision; ///< what the rows were computed in; "unrecorded" for rows from format 1
    std::int64_t generation = 1;
    std::uint64_t rows = 0; ///< committed rows, live and dead
    std::uint64_t dead = 0; ///< rows of items that are gone, until a compaction
    std::uint64_t live() const { return rows - dead; }
};

ElementType parseStorage(const std::string& name); ///< "fp16" or "fp32"; throws rscir::Error otherwise

/// A footprint as an index keeps it (a JSON ring of five [lon, lat] points); nullopt for
/// anything else, including points that are not on the earth.
std::optional<Footprint> parseFootprintText(const std::string& text);
/// A footprint as an index keeps it; empty for none.
std::string footprintText(const std::optional<Footprint>& footprint);

/// Settings fixed for an archive: items depend on them.
struct ArchiveSettings {
    int tile = 256;
    int overlap = 0;
    std::vector<int> bands;
    StretchMode stretch = StretchMode::Auto;
    /// Indexed at one ground resolution: metres per pixel of a tile, so that every window
    /// covers `tile` x `gsd` metres whatever its source's resolution (a window of a finer
    /// source holds more pixels; the model sees each at the same scale). 0: windows of `tile`
    /// pixels of each source.
    double gsd = 0;
    bool operator==(const ArchiveSettings&) const = default;
    std::string describe() const;
    /// The windows of a source: tileWindows() with tileFor() and overlapFor().
    std::vector<Window> windowsOf(const RasterFacts& facts) const;
    /// The tile and overlap in a source's pixels: as set, or, at one ground resolution, scaled
    /// by gsd over the source's own (a source without one keeps them as set).
    int tileFor(const RasterFacts& facts) const;
    int overlapFor(const RasterFacts& facts) const;
    /// How rasters of this archive are read: indexing, query images from outside the
    /// archive and the viewer all read through these options.
    RasterOptions rasterOptions() const;
};

/// Archive settings as an index keeps them (JSON); throws rscir::Error naming what is wrong.
ArchiveSettings parseArchiveSettings(const std::string& text);
/// Metres as settings and messages say them ("0.5 m").
std::string metresText(double metres);
/// The settings as an index keeps them (parseArchiveSettings reads them back).
std::string archiveSettingsText(const ArchiveSettings& settings);

/// What one item of a source carries when it is written.
struct NewItem {
    Window window;
    std::optional<Footprint> footprint;
    std::vector<std::uint8_t> thumbnail;
    std::vector<float> embedding;
    std::int64_t existingId = 0; ///< nonzero: the item exists; only its embedding is new
    /// `embedding` is the row as the store keeps it (StoreWriter::appendStored): a merge
    /// copies rows this way.
    bool stored = false;
};

/// Why a source path from an index cannot be read as one ("" when it can): an archive-
/// relative path without "..", not absolute, not a GDAL virtual file system.
std::string sourcePathProblem(const std::string& relative);
/// Whether a source is a file on a server (an http or https URL, or an s3://, gs:// or az://
/// object), read through GDAL, rather than a path in the archive folder.
bool isRemoteSource(std::string_view path);
/// The path GDAL reads a remote source by: /vsicurl/ for http(s), /vsis3/, /vsigs/, /vsiaz/.
std::string gdalPathOfRemote(const std::string& url);
/// Why rscir does not read a remote source ("" when it does): only those schemes, no user
/// name or password in it, no query or fragment (kept apart), no spaces or control characters.
std::string remoteSourceProblem(const std::string& url);

/// An archive's index: one SQLite file (sources, items, models, the catalogue of embedding
/// stores) and, beside it, one memory-mapped store of rows per model (vector_store.h).
/// Its implementation is split by responsibility, one file per section below.
class IndexStore {
public:
    static constexpr int kSchemaVersion = 3;
    /// SQLite's application id of an rscir index ("RSCI"); indexes of format 1 have none.
    static constexpr std::int64_t kApplicationId = 0x52534349;
    using Log = std::function<void(const std::string&)>;

    // ---- Opening, schema and migrations (index_store.cpp)

    /// Opens an index; with `create`, makes a new one (the archive root is then required).
    /// Throws rscir::Error for a file that is not an index, or one from a newer version.
    /// An index of an earlier format is converted when opened for writing (`log` says so);
    /// opened read-only, it is read as it is (schemaVersion() tells).
    static std::unique_ptr<IndexStore> open(const std::filesystem::path& path, bool create = false,
                                            bool readOnly = false, const Log& log = {});
    ~IndexStore();

    int schemaVersion() const;
    /// Opened read-only where nothing may be written (a read-only mount or folder, a file
    /// without write permission): searches work, nothing can be stored in it.
    bool onReadOnlyStorage() const { return m_storageReadOnly; }
    /// Why it is on read-only storage: 0 not, 1 a file system mounted read-only, 2 a file and
    /// 3 a folder this account may not write; whyReadOnly() says it in a sentence.
    int readOnlyCause() const;
    std::string whyReadOnly() const;

    // ---- The archive, its sources and items, models, shards (index_sources.cpp)

    const std::filesystem::path& path() const;
    std::filesystem::path archiveRoot() const;
    /// The file of a source on this machine: the archive folder and its relative path.
    /// Throws rscir::Error (ErrorCode::SourceOutsideArchive) for a path an index may not
    /// name: absolute, with "..", a GDAL virtual file system, or a link out of the folder.
    /// A stack of single-band files (sourceParts) is a name registered for Raster::open
    /// (registerBandStack): beside its first file, or its address; each part checked as a file.
    std::filesystem::path sourceFile(const std::string& relative) const;
    /// The files a source stacks, one per band (paths as a source's), when it is a stack of a
    /// catalogue's single-band assets; empty for a file.
    std::vector<std::string> sourceParts(const std::string& relative) const;
    /// Records the stacks of a run (by path); a source that is no stack any more loses its parts.
    void setSourceParts(const std::map<std::string, std::vector<std::string>>& byPath);
    /// Kept relative to the index's folder when the archive lies below it (they can move
    /// together) unless `mayBeRelative` is false: a shard, copied elsewhere to be merged,
    /// keeps the absolute path.
    void setArchiveRoot(const std::filesystem::path& root, bool mayBeRelative = true);
    std::optional<ArchiveSettings> settings() const;
    void setSettings(const ArchiveSettings& settings);
    /// The archive's ground resolution in metres per pixel: the settings' gsd, else the
    /// median of its georeferenced sources'; nullopt when none is georeferenced.
    std::optional<double> groundResolution() const;

    std::int64_t ensureModel(const ModelRecord& model);
    std::vector<ModelRecord> models() const;
    std::optional<ModelRecord> findModel(const std::string& fingerprint, const std::string& activation) const;

    std::vector<SourceRecord> sources() const;
    std::vector<std::int64_t> sourcesDoneFor(std::int64_t modelId) const;
    std::vector<ItemRecord> itemsOfSource(std::int64_t sourceId) const;
    std::vector<ItemRecord> items() const;
    /// Items in id order after `afterId`, at most `limit`, whose path contains `filter`.
    std::vector<ItemRecord> itemsPage(std::int64_t afterId, int limit, const std::string& filter = {}) const;
    std::int64_t itemCount(const std::string& filter) const;
    std::optional<SourceRecord> source(std::int64_t id) const;
    /// The item of a file inside the archive that was indexed whole (one item), if any:
    /// a query image that is such a file reuses its stored embedding.
    std::optional<std::int64_t> wholeFileItem(const std::filesystem::path& file) const;
    std::optional<ItemRecord> item(std::int64_t id) const;
    /// The item of a source (archive-relative path) and window, if indexed: how a saved
    /// query finds its example again after the archive was indexed anew.
    std::optional<std::int64_t> findItem(const std::string& sourcePath, const Window& window) const;
    std::vector<std::uint8_t> thumbnail(std::int64_t itemId) const;
    std::int64_t itemCount() const; ///< kept as a counter: no scan
    std::int64_t embeddingCount(std::int64_t modelId) const; ///< live rows of the model's store

    /// Files the last indexing run found and files recorded (indexed or failed): fewer
    /// recorded than found means the run was interrupted. Nullopt before any run.
    std::optional<std::pair<std::int64_t, std::int64_t>> completeness() const;
    /// Records how many files an indexing run found (before it indexes them).
    void setFilesFound(std::int64_t files);

    /// Which shard of an archive this index holds (made by `rscir index --shard I/N`),
    /// and the fingerprint of the split it was made from; nullopt for a whole archive.
    struct ShardRecord {
        int index = 0; ///< from 1
        int count = 0;
        std::string plan;
    };
    std::optional<ShardRecord> shard() const;
    void setShard(const ShardRecord& shard);
    /// The item ids of a source with their rows in the model's store, in item order, at
    /// most `limit` after item `afterId`.
    std::vector<std::pair<ItemRecord, std::uint64_t>> itemRowsOfSource(std::int64_t sourceId, std::int64_t modelId,
                                                                      std::int64_t afterId, int limit) const;
    /// Sources in id order after `afterId`, at most `limit`.
    std::vector<SourceRecord> sourcesPage(std::int64_t afterId, int limit) const;
    /// How many sources have this status ("done", "failed", "partial").
    std::int64_t sourceCount(const std::string& status) const;
    /// The id of the source at an archive-relative path.
    std::optional<std::int64_t> sourceId(const std::string& path) const;
    /// Sets the acquisition time of every source whose file name `pattern` dates
    /// (acquisitionTimeFromName); returns how many. One transaction.
    std::size_t dateSourcesByName(const std::string& pattern);
    /// The date pattern the index dates its files' names by ("" for none).
    std::string datePattern() const;
    void setDatePattern(const std::string& pattern);
    /// The STAC catalogue whose items the index holds (its address without a query), and the
    /// asset indexed; "" for an index of a folder. Such an index is updated from its
    /// catalogue, never from a scan of its folder (which would drop the catalogue's items).
    std::string catalogue() const;
    std::string catalogueAsset() const;
    /// The bands asked of the catalogue by name (red,green,blue), "" for none.
    std::string catalogueBands() const;
    void setCatalogue(const std::string& source, const std::string& asset, const std::string& bands = {});
    /// Replaces the metadata of the sources named (by path) where it differs, in one
    /// transaction; paths the index does not hold are passed over. Returns how many changed.
    std::size_t setSourceMeta(const std::map<std::string, SourceMeta>& byPath);
    /// The earliest and latest acquisition times of the sources, and how many are dated.
    struct AcquisitionSpan {
        std::string first, last;
        std::int64_t dated = 0;
    };
    AcquisitionSpan acquisitionSpan() const;

    /// All writes go through batches: one transaction each.
    class Batch {
    public:
        explicit Batch(IndexStore& store);
        ~Batch();
        /// Writes a source that was read completely, with its items, appends their embeddings
        /// to the store of `modelId` (made ready with prepareStore()), and marks it done for
        /// that model.
        /// With `complete` false, writes a first part of a large source's items: the source is
        /// then "partial" (searchable, not done for the model; a later run indexes it anew).
        void writeSource(SourceRecord source, const std::vector<NewItem>& items, std::int64_t modelId,
                         bool complete = true);
        void writeFailure(SourceRecord source);
        void removeSource(std::int64_t sourceId);
        /// Flushes the appended rows to disk, then commits the transaction that makes them
        /// visible. Without commit() (an exception), the transaction rolls back and the
        /// stores are cut back to their committed rows.
        void commit();

    private:
        IndexStore& m_store;
        struct Impl;
        std::unique_ptr<Impl> m_impl;
    };

    // ---- The embedding-store catalogue (index_stores.cpp)

    std::optional<StoreRecord> storeOf(std::int64_t modelId) const;
    /// How new stores keep their rows: the index's choice, fp16 unless it was made with fp32.
    ElementType defaultStorage() const;
    void setDefaultStorage(ElementType storage);
    /// Makes the model's store ready to take rows before an indexing run: creates it (as
    /// `storage`, or the index's default), or checks it. Rows of another precision than
    /// `model.precision` are not mixed in: that is an error. A damaged store keeps the rows
    /// it can and the sources whose rows were lost are indexed again (`log` says which).
    void prepareStore(std::int64_t modelId, const ModelRecord& model, std::optional<ElementType> storage,
                      const Log& log = {});
    /// The file that holds the model's rows, for messages; empty without a store.
    std::filesystem::path storeFile(std::int64_t modelId) const;
    /// What to say of a stored row whose similarity is not finite: the item, the file, and
    /// `repair` (the command to run), in one wording for the command line and the window.
    static Error damagedRowError(std::int64_t itemId, const std::filesystem::path& storeFile,
                                 const std::string& repair);

    /// Fixes the centre of the model's new fp16 store before its first row (see
    /// StoreWriter::setCentre): shards of one archive share it, so that merging them
    /// copies their rows exactly. Ignored for a store that has rows or keeps fp32.
    void setStoreCentre(std::int64_t modelId, std::vector<float> centre);
    /// The model's embeddings for search: its store mapped read-only (an index of format 1,
    /// opened read-only, is read into memory). Throws rscir::Error naming the file when the
    /// store is missing, damaged or from a newer rscir.
    std::shared_ptr<const ArchiveEmbeddings> embeddings(std::int64_t modelId) const;

    // ---- Checking rows and compaction (index_compaction.cpp)

    /// What checkRows() found.
    struct RowCheck {
        std::filesystem::path file; ///< the store's rows (.vec)
        std::uint64_t checked = 0; ///< live rows read
        std::vector<std::int64_t> damaged; ///< items whose row is not finite or not of unit length
        std::int64_t sources = 0; ///< files that hold them: indexed again by the next run
    };
    /// Reads every live row of the model's store; a row with a value that is not finite, or
    /// whose length is off 1 by more than `tolerance` (fp16 keeps it within about 1e-3), is
    /// damaged. The damaged rows are dropped and their files are no longer done for the
    /// model, so that the next indexing run encodes them again.
    RowCheck checkRows(std::int64_t modelId, double tolerance = 0.01);
    /// Rewrites stores without the rows of deleted items (and, with `storage`, in another
    /// element type), then gives the database's free pages back. Returns one line per store.
    std::vector<std::string> compact(std::optional<ElementType> storage = std::nullopt, const Log& log = {});

private:
    explicit IndexStore(std::unique_ptr<sql::Database> db);
    void migrate(const Log& log);
    void migrateEmbeddingsToStores(const Log& log);
    void repairStore(const StoreRecord& store, std::uint64_t usableRows);
    void createStore(std::int64_t modelId, ElementType storage, const std::string& precision);
    StoreIdentity storeIdentity(const StoreRecord& store) const;
    StoreWriter& writerFor(std::int64_t modelId);
    std::shared_ptr<const ArchiveEmbeddings> legacyEmbeddings(std::int64_t modelId) const;
    std::string meta(const std::string& key) const;
    void setMeta(const std::string& key, const std::string& value);
    void removeOtherGenerations(std::int64_t modelId, std::int64_t generation);
    std::unique_ptr<sql::Database> m_db;
    std::map<std::int64_t, std::unique_ptr<StoreWriter>> m_writers;
    std::map<std::int64_t, std::vector<float>> m_centres; ///< setStoreCentre(), for writers opened again
    bool m_storageReadOnly = false;
    mutable bool m_hasSourceParts = false; ///< a run recorded stacks (hasSourcePartsTable)
    bool hasSourcePartsTable() const;
    /// A source's file: in the archive folder (links resolved inside it), or a server's address.
    std::filesystem::path fileOf(const std::string& relative) const;
    bool m_hasSourceMeta = false; ///< the table of format 3 is there (a format-2 index read as it is has none)
    void attachMeta(std::vector<SourceRecord>& sources) const;
    int m_writeLock = -1; ///< an exclusive flock on the index file while it is open for writing
};

} // namespace rscir
