#include "core/search/archive_embeddings.h"

#include "core/base/threads.h"

#include "core/base/error.h"
#include "core/base/files.h"
#include "core/base/half.h"

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <thread>

#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>
#endif
#include <fcntl.h>
#include <unistd.h>

namespace rscir {

std::size_t elementSize(ElementType type)
{
    return type == ElementType::Float16 ? 2 : 4;
}

const char* elementName(ElementType type)
{
    return type == ElementType::Float16 ? "fp16" : "fp32";
}

namespace {

/// Eight independent partial sums per query let the compiler keep them in vector registers.
template <typename Load>
inline void dot2(std::size_t d, const float* q1, const float* q2, float& out1, float& out2, Load load)
{
    float s1[8] = {0, 0, 0, 0, 0, 0, 0, 0};
    float s2[8] = {0, 0, 0, 0, 0, 0, 0, 0};
    std::size_t c = 0;
    for (; c + 8 <= d; c += 8)
        for (int j = 0; j < 8; ++j) {
            const float x = load(c + j);
            s1[j] += x * q1[c + j];
            s2[j] += x * q2[c + j];
        }
    float t1 = 0, t2 = 0;
    for (; c < d; ++c) {
        const float x = load(c);
        t1 += x * q1[c];
        t2 += x * q2[c];
    }
    out1 = ((s1[0] + s1[4]) + (s1[1] + s1[5])) + ((s1[2] + s1[6]) + (s1[3] + s1[7])) + t1;
    out2 = ((s2[0] + s2[4]) + (s2[1] + s2[5])) + ((s2[2] + s2[6]) + (s2[3] + s2[7])) + t2;
}

#if defined(__x86_64__) || defined(__i386__)
template <bool Half>
__attribute__((target("avx2,fma,f16c"))) inline __m256 load8(const void* row, std::size_t c)
{
    if constexpr (Half)
        return _mm256_cvtph_ps(_mm_loadu_si128(reinterpret_cast<const __m128i*>(static_cast<const std::uint16_t*>(row) + c)));
    else
        return _mm256_loadu_ps(static_cast<const float*>(row) + c);
}

template <bool Half>
__attribute__((target("avx2,fma,f16c"))) void dotRowsAvx2(const void* data, std::size_t rows, std::size_t d,
                                                          const float* q1, const float* q2, float* out1, float* out2)
{
    const std::size_t rowBytes = d * (Half ? 2 : 4);
    for (std::size_t r = 0; r < rows; ++r) {
        const void* row = static_cast<const unsigned char*>(data) + r * rowBytes;
        __m256 a0 = _mm256_setzero_ps(), a1 = _mm256_setzero_ps(), b0 = _mm256_setzero_ps(), b1 = _mm256_setzero_ps();
        std::size_t c = 0;
        for (; c + 16 <= d; c += 16) {
            const __m256 x0 = load8<Half>(row, c), x1 = load8<Half>(row, c + 8);
            a0 = _mm256_fmadd_ps(x0, _mm256_loadu_ps(q1 + c), a0);
            a1 = _mm256_fmadd_ps(x1, _mm256_loadu_ps(q1 + c + 8), a1);
            b0 = _mm256_fmadd_ps(x0, _mm256_loadu_ps(q2 + c), b0);
            b1 = _mm256_fmadd_ps(x1, _mm256_loadu_ps(q2 + c + 8), b1);
        }
        alignas(32) float sa[8], sb[8];
        _mm256_store_ps(sa, _mm256_add_ps(a0, a1));
        _mm256_store_ps(sb, _mm256_add_ps(b0, b1));
        float t1 = ((sa[0] + sa[4]) + (sa[1] + sa[5])) + ((sa[2] + sa[6]) + (sa[3] + sa[7]));
        float t2 = ((sb[0] + sb[4]) + (sb[1] + sb[5])) + ((sb[2] + sb[6]) + (sb[3] + sb[7]));
        for (; c < d; ++c) {
            const float x = Half ? halfToFloat(static_cast<const std::uint16_t*>(row)[c]) : static_cast<const float*>(row)[c];
            t1 += x * q1[c];
            t2 += x * q2[c];
        }
        out1[r] = t1;
        out2[r] = t2;
    }
}

bool haveAvx2()
{
    static const bool have =
        __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma") && __builtin_cpu_supports("f16c");
    return have;
}
#endif

} // namespace

void dotRows(const void* data, ElementType type, std::size_t rows, std::size_t d, const float* q1, const float* q2,
             float* out1, float* out2)
{
    const bool half = type == ElementType::Float16;
#if defined(__x86_64__) || defined(__i386__)
    if (haveAvx2())
        return half ? dotRowsAvx2<true>(data, rows, d, q1, q2, out1, out2)
                    : dotRowsAvx2<false>(data, rows, d, q1, q2, out1, out2);
#endif
    for (std::size_t r = 0; r < rows; ++r) {
        if (half) {
            const auto* row = static_cast<const std::uint16_t*>(data) + r * d;
            dot2(d, q1, q2, out1[r], out2[r], [row](std::size_t c) { return halfToFloat(row[c]); });
        } else {
            const auto* row = static_cast<const float*>(data) + r * d;
            dot2(d, q1, q2, out1[r], out2[r], [row](std::size_t c) { return row[c]; });
        }
    }
}

namespace {

Error storeShortened()
{
    return Error("the embedding store was shortened or removed while it was open",
                 "another program changed it; open the index again");
}

} // namespace

ArchiveEmbeddings::ArchiveEmbeddings(const void* data, ElementType type, std::size_t rows, std::size_t dim,
                                     const std::int64_t* ids, std::vector<Segment> live,
                                     std::shared_ptr<const void> owner, bool mapped, std::vector<float> centre,
                                     int fd, std::uint64_t fileOffset)
    : m_data(data), m_type(type), m_rows(rows), m_dim(dim), m_ids(ids), m_live(std::move(live)),
      m_owner(std::move(owner)), m_mapped(mapped), m_centre(std::move(centre)), m_fd(fd), m_fileOffset(fileOffset)
{
    if (!m_centre.empty() && m_centre.size() != m_dim)
        throw Error("the centre of an embedding store does not match its dimension");
    finish();
}

ArchiveEmbeddings::ArchiveEmbeddings(EmbeddingMatrix matrix, std::vector<std::int64_t> itemIds)
    : m_matrix(std::move(matrix)), m_ownIds(std::move(itemIds))
{
    if (m_ownIds.size() != m_matrix.rows())
        throw Error("an embedding matrix of " + std::to_string(m_matrix.rows()) + " rows came with " +
                    std::to_string(m_ownIds.size()) + " item ids");
    m_data = m_matrix.data();
    m_type = ElementType::Float32;
    m_rows = m_matrix.rows();
    m_dim = m_matrix.dim();
    m_ids = m_ownIds.data();
    if (m_rows > 0)
        m_live.push_back({0, m_rows});
    finish();
}

void ArchiveEmbeddings::finish()
{
    m_rowBytes = m_dim * elementSize(m_type);
    m_firstIndex.clear();
    m_firstIndex.reserve(m_live.size());
    m_size = 0;
    std::uint64_t end = 0;
    for (const auto& s : m_live) {
        if (s.count == 0 || s.row < end || s.row + s.count > m_rows)
            throw Error("the live rows of an embedding store overlap or lie outside it");
        end = s.row + s.count;
        m_firstIndex.push_back(m_size);
        m_size += static_cast<std::size_t>(s.count);
    }
}

std::size_t ArchiveEmbeddings::rowOfIndex(std::size_t index) const
{
    // Most stores have one run; the others few (rows of deleted items until compaction).
    if (m_live.size() == 1)
        return static_cast<std::size_t>(m_live.front().row) + index;
    const auto it = std::upper_bound(m_firstIndex.begin(), m_firstIndex.end(), index) - 1;
    const auto& s = m_live[static_cast<std::size_t>(it - m_firstIndex.begin())];
    return static_cast<std::size_t>(s.row) + (index - *it);
}

std::optional<std::size_t> ArchiveEmbeddings::indexOf(std::int64_t itemId) const
{
    for (std::size_t k = 0; k < m_live.size(); ++k) {
        const std::int64_t* ids = m_ids + m_live[k].row;
        const std::size_t count = static_cast<std::size_t>(m_live[k].count);
        const std::int64_t* found = std::find(ids, ids + count, itemId);
        if (found != ids + count)
            return m_firstIndex[k] + static_cast<std::size_t>(found - ids);
    }
    return std::nullopt;
}

void ArchiveEmbeddings::copyValues(std::size_t index, std::span<float> out) const
{
    if (index >= m_size || out.size() != m_dim)
        throw Error("row " + std::to_string(index) + " is outside the archive of " + std::to_string(m_size));
    copyStoredRow(rowOfIndex(index), out);
    if (!m_centre.empty())
        for (std::size_t c = 0; c < m_dim; ++c)
            out[c] += m_centre[c];
}

void ArchiveEmbeddings::copyStoredRow(std::uint64_t rowNumber, std::span<float> out) const
{
    if (rowNumber >= m_rows || out.size() != m_dim)
        throw Error("row " + std::to_string(rowNumber) + " is outside the store of " + std::to_string(m_rows) + " rows");
    std::vector<unsigned char> buffer;
    decodeRow(storedRows(rowNumber, 1, buffer), out.data());
}

const unsigned char* ArchiveEmbeddings::storedRows(std::uint64_t row, std::size_t count,
                                                   std::vector<unsigned char>& buffer) const
{
    if (m_fd < 0)
        return static_cast<const unsigned char*>(m_data) + row * m_rowBytes;
    // A mapped store is read from its file: a row of a file another program shortened is an
    // error, where reading the mapping would end the process (SIGBUS).
    buffer.resize(count * m_rowBytes);
    if (!readFully(m_fd, buffer.data(), buffer.size(), m_fileOffset + row * m_rowBytes))
        throw storeShortened();
    return buffer.data();
}

void ArchiveEmbeddings::decodeRow(const unsigned char* row, float* out) const
{
    if (m_type == ElementType::Float16) {
        const auto* h = reinterpret_cast<const std::uint16_t*>(row);
        for (std::size_t c = 0; c < m_dim; ++c)
            out[c] = halfToFloat(h[c]);
    } else {
        std::copy_n(reinterpret_cast<const float*>(row), m_dim, out);
    }
}

void ArchiveEmbeddings::copyValues(std::size_t first, std::size_t count, std::span<float> out) const
{
    if (first > m_size || count > m_size - first || out.size() != count * m_dim)
        throw Error("rows " + std::to_string(first) + " to " + std::to_string(first + count) +
                    " are outside the archive of " + std::to_string(m_size));
    std::vector<unsigned char> buffer;
    for (std::size_t done = 0; done < count;) {
        const std::size_t index = first + done;
        const std::size_t k = static_cast<std::size_t>(
            std::upper_bound(m_firstIndex.begin(), m_firstIndex.end(), index) - m_firstIndex.begin() - 1);
        const std::size_t runEnd = m_firstIndex[k] + static_cast<std::size_t>(m_live[k].count);
        const std::size_t run = std::min(count - done, runEnd - index);
        const unsigned char* rows = storedRows(m_live[k].row + (index - m_firstIndex[k]), run, buffer);
        for (std::size_t r = 0; r < run; ++r) {
            float* target = out.data() + (done + r) * m_dim;
            decodeRow(rows + r * m_rowBytes, target);
            if (!m_centre.empty())
                for (std::size_t c = 0; c < m_dim; ++c)
                    target[c] += m_centre[c];
        }
        done += run;
    }
}

void ArchiveEmbeddings::forEachBlock(const std::function<bool(std::size_t, std::span<const float>)>& visit,
                                     std::size_t blockRows) const
{
    std::vector<float> block;
    for (std::size_t first = 0; first < m_size; first += blockRows) {
        const std::size_t count = std::min(blockRows, m_size - first);
        block.resize(count * m_dim);
        copyValues(first, count, block);
        if (!visit(first, block))
            return;
    }
}

std::vector<float> ArchiveEmbeddings::values(std::size_t index) const
{
    std::vector<float> out(m_dim);
    copyValues(index, out);
    return out;
}

std::vector<std::int64_t> ArchiveEmbeddings::itemIds() const
{
    std::vector<std::int64_t> out;
    out.reserve(m_size);
    for (const auto& s : m_live)
        out.insert(out.end(), m_ids + s.row, m_ids + s.row + s.count);
    return out;
}

std::size_t ArchiveEmbeddings::privateBytes() const
{
    return m_live.capacity() * sizeof(Segment) + m_firstIndex.capacity() * sizeof(std::size_t) +
           (m_mapped ? m_rows * sizeof(std::int64_t) : m_rows * (m_rowBytes + sizeof(std::int64_t)));
}

void ArchiveEmbeddings::similarities(const float* q1, const float* q2, std::span<float> out1, std::span<float> out2,
                                     unsigned maxThreads) const
{
    if ((q1 && out1.size() != m_size) || (q2 && out2.size() != m_size))
        throw Error("similarity output does not match the archive size");
    if (!q1 && !q2)
        return;
    // With one query, the other slot computes the same product into scratch space.
    std::vector<float> scratch(q1 && q2 ? 0 : m_size);
    float* o1 = q1 ? out1.data() : scratch.data();
    float* o2 = q2 ? out2.data() : scratch.data();
    if (!q1)
        q1 = q2;
    if (!q2)
        q2 = q1;
    // Rows hold x - c: q·x = q·(x - c) + q·c.
    float offset1 = 0, offset2 = 0;
    if (!m_centre.empty()) {
        double s1 = 0, s2 = 0;
        for (std::size_t c = 0; c < m_dim; ++c) {
            s1 += static_cast<double>(q1[c]) * m_centre[c];
            s2 += static_cast<double>(q2[c]) * m_centre[c];
        }
        offset1 = static_cast<float>(s1);
        offset2 = static_cast<float>(s2);
    }
    // The pass is bound by memory bandwidth, which one core alone does not saturate.
    const std::size_t work = m_size * m_dim;
    const unsigned cores = maxThreads > 0 ? maxThreads : threadBudget();
    const unsigned threads = work < (1u << 22) ? 1u : std::max(1u, std::min(8u, cores));
    // A store read from its file goes through the page cache in pieces that stay in the
    // core's cache while both products are computed (reading a fresh mapping would first
    // map every page into the process: 0.8 s of page faults for 15 GB). The kernel is
    // asked for the next 128 MiB whenever less than 64 MiB lie ahead, so that a cold cache
    // streams from disk (3 GB/s here, against 0.9 GB/s with the kernel's own read-ahead).
    const bool fromFile = m_fd >= 0;
    std::atomic<bool> unreadable{false};
    const std::size_t pieceRows =
        std::max<std::size_t>(1, (fromFile ? (512u << 10) : (8u << 20)) / std::max<std::size_t>(1, m_rowBytes));
    constexpr std::uint64_t kAhead = 64u << 20;
    const auto run = [&](std::size_t begin, std::size_t end) {
        std::vector<unsigned char> buffer(fromFile ? pieceRows * m_rowBytes : 0);
        std::uint64_t advisedUntil = 0;
        // Walk the live runs that overlap [begin, end) of the live index.
        std::size_t k = static_cast<std::size_t>(
            std::upper_bound(m_firstIndex.begin(), m_firstIndex.end(), begin) - m_firstIndex.begin() - 1);
        std::size_t index = begin;
        while (index < end && k < m_live.size()) {
            const auto& s = m_live[k];
            const std::size_t offset = index - m_firstIndex[k];
            const std::size_t count = std::min<std::size_t>(static_cast<std::size_t>(s.count) - offset, end - index);
            const std::uint64_t firstRow = s.row + offset;
            for (std::size_t done = 0; done < count; done += pieceRows) {
                const std::size_t n = std::min(pieceRows, count - done);
                const unsigned char* rows = static_cast<const unsigned char*>(m_data) + (firstRow + done) * m_rowBytes;
                if (fromFile) {
                    const std::uint64_t at = m_fileOffset + (firstRow + done) * m_rowBytes;
                    if (at + kAhead > advisedUntil) {
                        ::posix_fadvise(m_fd, static_cast<off_t>(at), static_cast<off_t>(2 * kAhead), POSIX_FADV_WILLNEED);
                        advisedUntil = at + 2 * kAhead;
                    }
                    if (!readFully(m_fd, buffer.data(), n * m_rowBytes, at)) {
                        // Shortened under us by another program: reading the mapping there would crash.
                        unreadable = true;
                        return;
                    }
                    rows = buffer.data();
                }
                float* p1 = o1 + index + done;
                float* p2 = o2 + index + done;
                dotRows(rows, m_type, n, m_dim, q1, q2, p1, p2);
                if (!m_centre.empty())
                    for (std::size_t r = 0; r < n; ++r) {
                        p1[r] += offset1;
                        p2[r] += offset2;
                    }
            }
            index += count;
            ++k;
        }
    };
    if (m_size == 0)
        return;
    const auto check = [&] {
        if (unreadable)
            throw storeShortened();
    };
    // Within the process's thread budget; each row's products are computed alone, so the
    // result is the same on any number of threads.
    const std::size_t chunk = (m_size + threads - 1) / threads;
    parallelFor(threads, threads, [&](std::size_t t) {
        const std::size_t begin = t * chunk, end = std::min(m_size, begin + chunk);
        if (begin < end)
            run(begin, end);
    });
    check();
}

} // namespace rscir
