#pragma once
/// \file
/// The archive index: one SQLite database per archive (`*.rscir`) holding the sources
/// (files with their raster facts, status and error), the items (a source and a pixel
/// window, a WGS84 footprint, a thumbnail), the models, and one embedding per item and
/// model. WAL mode, so that searches read while an indexing run writes; a schema version
/// with migrations in code; paths relative to the archive root.

#include "core/imagery/raster.h"
#include "core/search/embedding.h"

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace rscir {

namespace sql {
class Database;
}

struct SourceRecord {
    std::int64_t id = 0;
    std::string path; ///< relative to the archive root, '/'-separated
    std::int64_t size = 0;
    std::int64_t mtime = 0; ///< nanoseconds since the epoch
    RasterFacts facts;
    std::string status; ///< "done" or "failed"
    std::string error;
};

struct ItemRecord {
    std::int64_t id = 0;
    std::int64_t sourceId = 0;
    std::string path;
    Window window;
    std::optional<Footprint> footprint;
};

struct ModelRecord {
    std::int64_t id = 0;
    std::string name;
    std::string architecture;
    std::string activation;
    std::string fingerprint; ///< identifies the checkpoint's content
    int dim = 0;
};

/// Settings fixed for an archive: items depend on them.
struct ArchiveSettings {
    int tile = 256;
    int overlap = 0;
    std::vector<int> bands;
    StretchMode stretch = StretchMode::Auto;
    bool operator==(const ArchiveSettings&) const = default;
    std::string describe() const;
    /// How rasters of this archive are read: indexing, query images from outside the
    /// archive and the viewer all read through these options.
    RasterOptions rasterOptions() const;
};

/// A model's embeddings in item order, ready for search.
struct LoadedEmbeddings {
    EmbeddingMatrix matrix;
    std::vector<std::int64_t> itemIds; ///< row -> item id
    std::optional<std::size_t> rowOf(std::int64_t itemId) const;
};

/// What one item of a source carries when it is written.
struct NewItem {
    Window window;
    std::optional<Footprint> footprint;
    std::vector<std::uint8_t> thumbnail;
    std::vector<float> embedding;
    std::int64_t existingId = 0; ///< nonzero: the item exists; only its embedding is new
};

class IndexStore {
public:
    static constexpr int kSchemaVersion = 1;

    /// Opens an index; with `create`, makes a new one (the archive root is then required).
    /// Throws rscir::Error for a file that is not an index, or one from a newer version.
    static std::unique_ptr<IndexStore> open(const std::filesystem::path& path, bool create = false,
                                            bool readOnly = false);
    ~IndexStore();

    const std::filesystem::path& path() const;
    std::filesystem::path archiveRoot() const;
    void setArchiveRoot(const std::filesystem::path& root);
    std::optional<ArchiveSettings> settings() const;
    void setSettings(const ArchiveSettings& settings);

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
    std::vector<std::uint8_t> thumbnail(std::int64_t itemId) const;
    std::int64_t itemCount() const;
    std::int64_t embeddingCount(std::int64_t modelId) const;

    /// All writes go through batches: one transaction each.
    class Batch {
    public:
        explicit Batch(IndexStore& store);
        ~Batch();
        /// Writes a source that was read completely, with its items and their embeddings
        /// for `modelId`, and marks it done for that model.
        void writeSource(SourceRecord source, const std::vector<NewItem>& items, std::int64_t modelId);
        void writeFailure(SourceRecord source);
        void removeSource(std::int64_t sourceId);
        void commit();

    private:
        IndexStore& m_store;
        struct Impl;
        std::unique_ptr<Impl> m_impl;
    };

    /// One sequential read of every embedding of a model into a contiguous matrix.
    LoadedEmbeddings loadEmbeddings(std::int64_t modelId) const;

private:
    explicit IndexStore(std::unique_ptr<sql::Database> db);
    void migrate();
    std::string meta(const std::string& key) const;
    void setMeta(const std::string& key, const std::string& value);
    std::unique_ptr<sql::Database> m_db;
};

} // namespace rscir
