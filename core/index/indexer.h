#pragma once
/// \file
/// The indexing pipeline: scan an archive folder, decode and preprocess on a thread
/// pool, encode in batches on the calling thread (which owns the model), and commit
/// each batch's completed files in one transaction. Incremental (new, changed and
/// deleted files), resumable after any interruption, cancellable within one batch;
/// a file that cannot be read is recorded with its reason and the run goes on.

#include "core/imagery/preprocess.h"
#include "core/index/index_store.h"
#include "core/index/shards.h"

#include <functional>
#include <optional>
#include <string>

namespace rscir {

class Progress;

/// What the pipeline needs of an image encoder; the CLIP model is one.
class ImageEncoder {
public:
    virtual ~ImageEncoder() = default;
    virtual int imageSize() const = 0;
    /// How an image becomes the model's pixels (CLIP's unless the encoder says otherwise).
    virtual ImagePreprocessing preprocessing() const { return clipPreprocessing(imageSize()); }
    virtual int dim() const = 0;
    virtual ModelRecord identity() const = 0;
    /// `count` preprocessed images (3 x S x S each) -> count x dim normalised values.
    virtual std::vector<float> encode(const std::vector<float>& pixels, std::size_t count) = 0;
    /// Whether encoding runs on the processor's cores (then decoding takes only half of them).
    virtual bool usesCpu() const { return true; }
};

struct IndexOptions {
    ArchiveSettings settings;
    int batchSize = 32;
    int jobs = 0; ///< decoding threads; 0 = every core, or half of them when the encoder runs on the CPU, or half of
                  ///< them when the encoder runs on the CPU
    int thumbnailSize = 192;
    double minValidFraction = 0.05; ///< windows with fewer valid pixels (nodata borders) are left out
    /// How a model's new embedding store keeps its rows; unset: the index's default (fp16).
    std::optional<ElementType> storage;
    /// A raster with more tiles than this is committed in parts of this many items as it is
    /// encoded (it is "partial" until its last tile; an interrupted one is indexed anew).
    std::size_t partialCommitItems = 2048;
    /// Index only this part of the archive (planShards()): an index holds one shard or a
    /// whole archive, never both, and keeps which.
    std::optional<ShardSpec> shard;
    /// Dates files by their names (acquisitionTimeFromName: "%Y%m%d" for S2A_20200612_...);
    /// kept by the index, so that later runs date new files the same way. Empty: the
    /// index's own, else GDAL's metadata (ACQUISITIONDATETIME, TIFFTAG_DATETIME).
    std::string datePattern;
    /// The archive's files as a catalogue lists them (a STAC catalogue): indexed instead of
    /// the folder's, their catalogue metadata kept (its time over GDAL's and the name's).
    std::optional<std::vector<ListedSource>> listed;
    /// The list is part of the archive (a document of the catalogue could not be read):
    /// indexed files it does not name are kept, not removed.
    bool listIsPartial = false;
    /// The catalogue `listed` comes from and its asset, kept by the index (IndexStore::catalogue).
    std::string catalogue, catalogueAsset;
    std::string catalogueBands; ///< the bands asked of it by name ("red,green,blue"), kept with it
};

struct IndexReport {
    std::size_t files = 0; ///< image files found
    std::size_t unchanged = 0; ///< already indexed for this model
    std::size_t added = 0; ///< newly indexed
    std::size_t changed = 0; ///< re-indexed after a change
    std::size_t removed = 0; ///< gone from the archive
    std::size_t failed = 0; ///< could not be read (recorded)
    /// Of those, files without a band the run's --bands names (a 3-band file when 4,3,2 is asked).
    std::size_t missingBands = 0;
    std::size_t items = 0; ///< items encoded in this run
    double seconds = 0;
    bool compacted = false; ///< the store was rewritten without the rows of deleted items
};

/// Whether `archive` holds at least one file with an image extension (hidden folders
/// skipped), found without reading the whole tree. Checked before an index is made, so
/// that an empty folder is said to be one before anything is written.
bool archiveHasImages(const std::filesystem::path& archive);
/// Throws rscir::Error saying that `archive` holds no imagery when archiveHasImages() is
/// false: the one check the command line and the application make before a new index.
void requireImages(const std::filesystem::path& archive);
/// Throws rscir::Error when `store` holds another shard than `shard`, a whole archive while a
/// shard is asked for, or a shard while none is: checked before a model is loaded.
void checkShardOfIndex(const IndexStore& store, const std::optional<ShardSpec>& shard);

/// Indexes `archive` into `store` with `encoder`. Progress reports files done/total
/// ("indexing"); `log` receives one line per failed file. Throws rscir::Cancelled when
/// cancelled (what was committed stays) and rscir::Error when the index cannot be written.
IndexReport indexArchive(IndexStore& store, const std::filesystem::path& archive, ImageEncoder& encoder,
                         const IndexOptions& options, Progress* progress = nullptr,
                         const std::function<void(const std::string&)>& log = {});

} // namespace rscir
