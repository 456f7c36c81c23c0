#pragma once
/// \file
/// The embedding store: one model's embeddings of an archive as two flat files beside
/// the index, memory-mapped for search.
///
///     <index>.<model id>-<generation>.vec   header, then rows of `dim` values (fp32 or fp16)
///     <index>.<model id>-<generation>.ids   header, then one int64 item id per row
///
/// Each file starts with a header of H bytes, a multiple of 4096 (all numbers little-endian):
///
///     offset  size  field
///          0     8  magic: "RSCIRVEC" (rows) or "RSCIRIDS" (item ids)
///          8     4  format version (1)
///         12     4  header size H in bytes: 4096 * ceil((516 + 4 * values per row) / 4096)
///         16     4  element type: 1 fp32, 2 fp16 (IEEE binary16), 16 int64 (ids)
///         20     4  values per row (the model's dimension; 1 for ids)
///         24     8  rows written and flushed
///         32     8  model id (in the index)
///         40     8  generation (grows with every compaction)
///         48   256  what made the rows: "fingerprint=…;activation=…", NUL-padded
///        512  4*d   the centre c: float32, one per value (zeros for fp32 rows and ids)
///      H - 4     4  CRC-32 of bytes 0..H-5
///
/// Rows follow the header in the order they were appended. An fp16 row holds x - c, the
/// embedding x less the centre (given before the first row, else the mean of the first
/// rows written): embeddings of one model share a large common part, and rounding only the
/// rest to half precision keeps similarities four times closer to float32. A search
/// adds q·c to each row's q·(x - c). The index (SQLite) is the
/// authority: it holds the committed row count, which item each row belongs to, and
/// which rows belong to deleted items ("dead" until a compaction rewrites the store).
/// Rows are flushed before the transaction that makes them visible commits, so a store
/// is never shorter than the index says unless something outside rscir damaged it;
/// rows past the committed count are the remains of an interrupted run and are cut off
/// by the next writer.

#include "core/search/archive_embeddings.h"

#include <cstdint>
#include <filesystem>
#include <memory>
#include <span>
#include <string>
#include <vector>

namespace rscir {

struct StoreFiles {
    std::filesystem::path vectors;
    std::filesystem::path ids;
};
/// The files of a model's store of `generation`, beside `index` (names made of numbers only).
StoreFiles storeFiles(const std::filesystem::path& index, std::int64_t modelId, std::int64_t generation);

/// What a store's header must say for its rows to be used.
struct StoreIdentity {
    std::int64_t modelId = 0;
    std::int64_t generation = 0;
    ElementType element = ElementType::Float32;
    std::uint32_t dim = 0;
    std::string origin; ///< "fingerprint=…;activation=…"
};

inline constexpr std::uint32_t kStoreFormatVersion = 1;
/// The header size of a file with `valuesPerRow` values per row.
std::size_t storeHeaderBytes(std::uint32_t valuesPerRow);

/// A store that cannot be used as the index describes it. `usableRows` is how many of
/// its rows can be kept (0 when the header itself is wrong).
class StoreDamaged : public std::runtime_error {
public:
    StoreDamaged(const std::string& message, std::uint64_t usableRows)
        : std::runtime_error(message), m_usable(usableRows)
    {
    }
    std::uint64_t usableRows() const { return m_usable; }

private:
    std::uint64_t m_usable;
};

/// Appends rows to a store. Rows are buffered until flush(), which writes them, syncs
/// them to disk and records them in the headers; the owner then commits the index
/// transaction and calls committed(). rollback() cuts the files back to the committed rows.
class StoreWriter {
public:
    /// Opens the store of `identity` with `committedRows` rows committed in the index;
    /// with `create`, makes new, empty files (replacing any). Rows past the committed
    /// count are cut off. Throws StoreDamaged for a store shorter than committed or with
    /// a header that does not match, and rscir::Error for a store from a newer rscir or
    /// files that cannot be written.
    StoreWriter(StoreFiles files, StoreIdentity identity, std::uint64_t committedRows, bool create);
    ~StoreWriter();
    StoreWriter(const StoreWriter&) = delete;
    StoreWriter& operator=(const StoreWriter&) = delete;

    const StoreIdentity& identity() const { return m_identity; }
    const StoreFiles& files() const { return m_files; }
    std::uint64_t committedRows() const { return m_committed; }
    std::uint64_t rows() const { return m_flushed + m_pendingIds.size(); } ///< committed, flushed and pending
    bool hasPending() const { return rows() != m_committed; }

    /// Fixes the centre of a new fp16 store (instead of the mean of its first rows), so that
    /// a compaction keeps rows exactly as they were.
    void setCentre(std::vector<float> centre);
    /// Buffers one row; it is converted to the store's element type when flushed.
    void append(std::int64_t itemId, std::span<const float> values);
    /// Buffers one row as a store of this element type keeps it (for fp16: the embedding
    /// less the centre, each value exactly a half) after setCentre(): how a merge copies
    /// rows bit for bit.
    void appendStored(std::int64_t itemId, std::span<const float> stored);
    void flush();
    void committed();
    void rollback();

private:
    void writeHeaders(std::uint64_t rows);
    void cut(std::uint64_t rows);
    StoreFiles m_files;
    StoreIdentity m_identity;
    int m_vectors = -1;
    int m_ids = -1;
    std::uint64_t m_committed = 0;
    std::uint64_t m_flushed = 0;
    std::vector<float> m_pendingRows;
    std::vector<std::int64_t> m_pendingIds;
    std::vector<bool> m_pendingStored; ///< per pending row: appendStored()
    std::vector<float> m_centre; ///< fixed by the first rows written (fp16); zeros otherwise
    bool m_centreGiven = false;
};

/// Maps the first `committedRows` rows of a store read-only, leaving out `deadRows`
/// (sorted). Throws StoreDamaged or rscir::Error (newer format, unreadable file).
std::shared_ptr<const ArchiveEmbeddings> mapStore(const StoreFiles& files, const StoreIdentity& identity,
                                                  std::uint64_t committedRows,
                                                  const std::vector<std::uint64_t>& deadRows);

/// The live runs of `rows` rows without `deadRows` (sorted, unique, each < rows).
std::vector<ArchiveEmbeddings::Segment> liveSegments(std::uint64_t rows, const std::vector<std::uint64_t>& deadRows);

} // namespace rscir
