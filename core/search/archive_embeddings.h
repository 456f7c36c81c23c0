#pragma once
/// \file
/// An archive's embeddings of one model as search sees them: N live rows of d values,
/// float32 or IEEE half, with the item id of each row. The rows live in memory that
/// someone else keeps alive (a memory-mapped store, or a matrix in memory) and may have
/// holes: rows of deleted items that a store keeps until it is compacted. Everything
/// here counts in *live* rows, so that the similarity vectors, WeiCom's normalisation
/// and top-k see exactly the archive's current items.

#include "core/search/embedding.h"

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <vector>

namespace rscir {

/// How a store holds each value.
enum class ElementType : std::uint32_t {
    Float32 = 1,
    Float16 = 2, ///< IEEE 754 binary16
};
std::size_t elementSize(ElementType type);
const char* elementName(ElementType type); ///< "fp32" or "fp16"

/// Dot products of `rows` consecutive rows (`d` elements of `type` each, at `data`) with
/// two queries. AVX2/FMA (and F16C for half) where the processor has them, a portable
/// loop elsewhere.
void dotRows(const void* data, ElementType type, std::size_t rows, std::size_t d, const float* q1, const float* q2,
             float* out1, float* out2);

class ArchiveEmbeddings {
public:
    /// A run of live rows: `count` rows from row `row` of the underlying array.
    struct Segment {
        std::uint64_t row = 0;
        std::uint64_t count = 0;
    };

    /// Rows of `type` at `data` (`rows` x `dim`, row-major) with their item ids at `ids`;
    /// only the rows of `live` are part of the archive (sorted, not overlapping). `owner`
    /// keeps `data` and `ids` alive. `mapped`: the memory is a file mapping (page cache),
    /// not the process's own. A `centre` (dim values) is added to every row: the rows
    /// hold each embedding less the centre. With `fd` (kept open by `owner`), passes read
    /// the rows from that file at `fileOffset` (where `data` is mapped from) instead of
    /// through the mapping.
    ArchiveEmbeddings(const void* data, ElementType type, std::size_t rows, std::size_t dim, const std::int64_t* ids,
                      std::vector<Segment> live, std::shared_ptr<const void> owner, bool mapped,
                      std::vector<float> centre = {}, int fd = -1, std::uint64_t fileOffset = 0);
    /// Owns a float32 matrix and its item ids (every row live).
    ArchiveEmbeddings(EmbeddingMatrix matrix, std::vector<std::int64_t> itemIds);

    std::size_t size() const { return m_size; } ///< live rows
    std::size_t dim() const { return m_dim; }
    ElementType elementType() const { return m_type; }
    std::size_t storedRows() const { return m_rows; } ///< live and dead rows of the underlying array

    std::int64_t itemId(std::size_t index) const { return m_ids[rowOfIndex(index)]; }
    /// The row of the underlying array that live row `index` is.
    std::uint64_t storedRow(std::size_t index) const { return rowOfIndex(index); }
    /// The live index of an item; a linear pass over the ids (about 10 ms at 10^7 rows).
    std::optional<std::size_t> indexOf(std::int64_t itemId) const;
    /// Row `index` as float32.
    std::vector<float> values(std::size_t index) const;
    /// Row `row` of the underlying array (live or dead) as it is kept: for fp16 rows, the
    /// embedding less the centre (each value exactly a half).
    void copyStoredRow(std::uint64_t row, std::span<float> out) const;
    void copyValues(std::size_t index, std::span<float> out) const;
    /// Live rows [first, first + count) as float32 (`out` holds count × dim values), read
    /// with one read per run of consecutive rows: how compaction and export copy a store.
    void copyValues(std::size_t first, std::size_t count, std::span<float> out) const;
    /// Every live row as float32, in order, `blockRows` at a time: `visit(first, values)`
    /// gets rows [first, first + values.size() / dim()) and returns false to stop.
    void forEachBlock(const std::function<bool(std::size_t first, std::span<const float> values)>& visit,
                      std::size_t blockRows = 4096) const;
    /// The item ids of every live row, in order.
    std::vector<std::int64_t> itemIds() const;

    /// One pass computing the cosine similarity of every live row to up to two queries
    /// (either may be null; its output is then left alone; each given output must hold
    /// size() values). Split over at most `maxThreads` threads (0: every core). A mapped
    /// store is read ahead of the pass, so that a cold cache streams from disk.
    void similarities(const float* q1, const float* q2, std::span<float> out1, std::span<float> out2,
                      unsigned maxThreads = 0) const;

    std::size_t rowBytes() const { return m_rowBytes; }
    const std::vector<float>& centre() const { return m_centre; } ///< empty: rows are the embeddings
    /// Bytes of rows held as a file mapping (0 for a matrix in memory; ids are read into memory).
    std::size_t mappedBytes() const { return m_mapped ? m_rows * m_rowBytes : 0; }
    /// Bytes held in the process's own memory (a matrix in memory, the live-run table).
    std::size_t privateBytes() const;

private:
    std::size_t rowOfIndex(std::size_t index) const;
    void decodeRow(const unsigned char* row, float* out) const;
    /// `count` consecutive stored rows from `row`, as they are kept: in the matrix, or read
    /// from the store's file into `buffer`.
    const unsigned char* storedRows(std::uint64_t row, std::size_t count, std::vector<unsigned char>& buffer) const;
    void finish();

    const void* m_data = nullptr;
    ElementType m_type = ElementType::Float32;
    std::size_t m_rows = 0;
    std::size_t m_dim = 0;
    std::size_t m_rowBytes = 0;
    const std::int64_t* m_ids = nullptr;
    std::vector<Segment> m_live;
    std::vector<std::size_t> m_firstIndex; ///< live index of each segment's first row
    std::size_t m_size = 0;
    std::shared_ptr<const void> m_owner;
    bool m_mapped = false;
    std::vector<float> m_centre; ///< empty: none
    int m_fd = -1; ///< the rows' file, for passes (owned by m_owner)
    std::uint64_t m_fileOffset = 0;
    // When built from a matrix in memory.
    EmbeddingMatrix m_matrix;
    std::vector<std::int64_t> m_ownIds;
};

} // namespace rscir
