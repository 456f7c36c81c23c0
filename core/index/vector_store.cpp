#include "core/index/vector_store.h"

#include "core/base/error.h"
#include "core/base/files.h"
#include "core/base/half.h"

#include <zlib.h>

#include <algorithm>
#include <bit>
#include <optional>
#include <cerrno>
#include <cmath>
#include <cstring>

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

namespace rscir {

static_assert(std::endian::native == std::endian::little, "the store format is little-endian");

namespace {

constexpr char kVectorsMagic[8] = {'R', 'S', 'C', 'I', 'R', 'V', 'E', 'C'};
constexpr char kIdsMagic[8] = {'R', 'S', 'C', 'I', 'R', 'I', 'D', 'S'};
constexpr std::uint32_t kIdsElement = 16;
constexpr std::size_t kOriginOffset = 48;
constexpr std::size_t kOriginBytes = 256;
constexpr std::size_t kCentreOffset = 512;
constexpr std::size_t kPage = 4096;

enum class Kind { Vectors, Ids };

std::string systemError(const std::string& what, const std::filesystem::path& path)
{
    return what + " " + path.string() + ": " + std::strerror(errno);
}

/// Opens a store file with `flags`, never through a symbolic link and never anything but a
/// regular file (a FIFO would block, a device has no end). With `create`, what was there is
/// removed first and the file made anew: a link planted in its place is not followed.
int openStoreFile(const std::filesystem::path& path, int flags, bool create)
{
    if (create && ::unlink(path.c_str()) != 0 && errno != ENOENT)
        throw Error(systemError("cannot replace", path));
    const int fd = ::open(path.c_str(), flags | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK | (create ? O_CREAT | O_EXCL : 0), 0644);
    if (fd < 0 && errno == ENOENT && !create)
        throw StoreDamaged("the embedding store " + path.string() + " is missing", 0);
    if (fd < 0 && errno == ELOOP)
        throw Error(ErrorCode::StoreIsLink, {path.string()}, "the embedding store " + path.string() + " is a symbolic link",
                    "rscir reads and writes an index's stores only as the files it made; remove the link and "
                    "index the archive again (rscir index repairs the store)");
    if (fd < 0)
        throw Error(systemError(create ? "cannot create" : "cannot open", path));
    struct stat st {};
    if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        ::close(fd);
        throw Error("the embedding store " + path.string() + " is not a regular file",
                    "remove it and index the archive again (rscir index repairs the store)");
    }
    return fd;
}

template <typename T>
void put(unsigned char* header, std::size_t offset, T value)
{
    std::memcpy(header + offset, &value, sizeof value);
}

template <typename T>
T get(const unsigned char* header, std::size_t offset)
{
    T value;
    std::memcpy(&value, header + offset, sizeof value);
    return value;
}

std::uint32_t headerCrc(const unsigned char* header, std::size_t bytes)
{
    return static_cast<std::uint32_t>(crc32(0L, header, static_cast<uInt>(bytes - 4)));
}

std::uint32_t elementCode(Kind kind, const StoreIdentity& identity)
{
    return kind == Kind::Ids ? kIdsElement : static_cast<std::uint32_t>(identity.element);
}

std::uint32_t valuesPerRow(Kind kind, const StoreIdentity& identity)
{
    return kind == Kind::Ids ? 1u : identity.dim;
}

std::size_t rowBytes(Kind kind, const StoreIdentity& identity)
{
    return kind == Kind::Ids ? sizeof(std::int64_t) : static_cast<std::size_t>(identity.dim) * elementSize(identity.element);
}

std::size_t headerBytes(Kind kind, const StoreIdentity& identity)
{
    return storeHeaderBytes(valuesPerRow(kind, identity));
}

std::vector<unsigned char> encodeHeader(Kind kind, const StoreIdentity& identity, std::uint64_t rows,
                                        const std::vector<float>& centre)
{
    std::vector<unsigned char> header(headerBytes(kind, identity), 0);
    std::memcpy(header.data(), kind == Kind::Ids ? kIdsMagic : kVectorsMagic, 8);
    put<std::uint32_t>(header.data(), 8, kStoreFormatVersion);
    put<std::uint32_t>(header.data(), 12, static_cast<std::uint32_t>(header.size()));
    put<std::uint32_t>(header.data(), 16, elementCode(kind, identity));
    put<std::uint32_t>(header.data(), 20, valuesPerRow(kind, identity));
    put<std::uint64_t>(header.data(), 24, rows);
    put<std::int64_t>(header.data(), 32, identity.modelId);
    put<std::int64_t>(header.data(), 40, identity.generation);
    std::memcpy(header.data() + kOriginOffset, identity.origin.data(), std::min(identity.origin.size(), kOriginBytes - 1));
    if (kind == Kind::Vectors && !centre.empty())
        std::memcpy(header.data() + kCentreOffset, centre.data(), centre.size() * sizeof(float));
    put<std::uint32_t>(header.data(), header.size() - 4, headerCrc(header.data(), header.size()));
    return header;
}

/// Checks a header against what the index says; returns the rows it records.
std::uint64_t checkHeader(const unsigned char* header, std::size_t bytes, Kind kind, const StoreIdentity& identity,
                          const std::filesystem::path& path)
{
    const std::size_t expectedBytes = headerBytes(kind, identity);
    const auto damaged = [&](const std::string& what) {
        return StoreDamaged("the embedding store " + path.string() + " " + what, 0);
    };
    if (bytes < 16)
        throw damaged("is too short to hold its header (" + std::to_string(bytes) + " bytes)");
    if (std::memcmp(header, kind == Kind::Ids ? kIdsMagic : kVectorsMagic, 8) != 0)
        throw damaged("is not an rscir embedding store (wrong magic)");
    const auto version = get<std::uint32_t>(header, 8);
    if (version > kStoreFormatVersion)
        throw Error("the embedding store " + path.string() + " was written by a newer rscir (store format " +
                        std::to_string(version) + "; this one reads " + std::to_string(kStoreFormatVersion) + ")",
                    "update rscir to open this index");
    if (version == 0 || get<std::uint32_t>(header, 12) != expectedBytes)
        throw damaged("has an unknown header layout (" + std::to_string(get<std::uint32_t>(header, 12)) +
                      " header bytes; a store of this model has " + std::to_string(expectedBytes) + ")");
    if (bytes < expectedBytes)
        throw damaged("is too short to hold its header (" + std::to_string(bytes) + " bytes)");
    if (get<std::uint32_t>(header, expectedBytes - 4) != headerCrc(header, expectedBytes))
        throw damaged("has a damaged header (checksum mismatch)");
    if (get<std::uint32_t>(header, 16) != elementCode(kind, identity) ||
        get<std::uint32_t>(header, 20) != valuesPerRow(kind, identity))
        throw damaged("holds " + std::to_string(get<std::uint32_t>(header, 20)) + " values of type " +
                      std::to_string(get<std::uint32_t>(header, 16)) + " per row; the index expects " +
                      std::to_string(valuesPerRow(kind, identity)) + " of type " +
                      std::to_string(elementCode(kind, identity)));
    if (get<std::int64_t>(header, 32) != identity.modelId || get<std::int64_t>(header, 40) != identity.generation)
        throw damaged("belongs to another model or generation than the index names");
    const char* origin = reinterpret_cast<const char*>(header + kOriginOffset);
    const std::string stored(origin, strnlen(origin, kOriginBytes));
    const std::string expected = identity.origin.substr(0, kOriginBytes - 1);
    if (stored != expected)
        throw damaged("was made by \"" + stored + "\"; the index expects \"" + expected + "\"");
    return get<std::uint64_t>(header, 24);
}

/// Reads and checks a store file's header and length; returns the rows it can give and
/// the centre its rows are stored against.
std::uint64_t inspect(int fd, Kind kind, const StoreIdentity& identity, const std::filesystem::path& path,
                      std::uint64_t committedRows, std::uint64_t& fileRows, std::vector<float>* centre = nullptr)
{
    struct stat st{};
    if (::fstat(fd, &st) != 0)
        throw Error(systemError("cannot read", path));
    if (identity.dim == 0)
        throw StoreDamaged("the embedding store " + path.string() + " belongs to a model without dimensions", 0);
    // Only as much as this model's header takes: a hostile size field cannot make us read more.
    std::vector<unsigned char> header(headerBytes(kind, identity));
    const auto readHeader = [&] {
        ssize_t got = 0;
        while (static_cast<std::size_t>(got) < header.size()) {
            const ssize_t n = ::pread(fd, header.data() + got, header.size() - static_cast<std::size_t>(got), got);
            if (n < 0 && errno == EINTR)
                continue;
            if (n < 0)
                throw Error(systemError("cannot read", path));
            if (n == 0)
                break;
            got += n;
        }
        return static_cast<std::size_t>(got);
    };
    std::uint64_t headerRows = 0;
    // A writer rewrites the header after each batch; a read that overlaps it can see half of
    // each. Such a header fails its checksum and is read again.
    for (int attempt = 0;; ++attempt) {
        try {
            headerRows = checkHeader(header.data(), readHeader(), kind, identity, path);
            break;
        } catch (const StoreDamaged&) {
            if (attempt == 3)
                throw;
            ::usleep(2000);
        }
    }
    if (centre && kind == Kind::Vectors) {
        centre->resize(identity.dim);
        std::memcpy(centre->data(), header.data() + kCentreOffset, identity.dim * sizeof(float));
        for (const float v : *centre)
            if (!std::isfinite(v))
                throw StoreDamaged("the embedding store " + path.string() + " has a centre that is not finite", 0);
    }
    const std::uint64_t bytes = static_cast<std::uint64_t>(st.st_size);
    fileRows = (bytes - header.size()) / rowBytes(kind, identity);
    const std::uint64_t usable = std::min(headerRows, fileRows);
    if (usable < committedRows)
        throw StoreDamaged("the embedding store " + path.string() + " holds " + std::to_string(usable) +
                               " rows; the index has committed " + std::to_string(committedRows),
                           usable);
    return usable;
}

void writeAll(int fd, const void* data, std::size_t bytes, std::uint64_t offset, const std::filesystem::path& path)
{
    const auto* p = static_cast<const unsigned char*>(data);
    while (bytes > 0) {
        const ssize_t n = ::pwrite(fd, p, bytes, static_cast<off_t>(offset));
        if (n < 0) {
            if (errno == EINTR)
                continue;
            throw Error(systemError("cannot write", path));
        }
        p += n;
        bytes -= static_cast<std::size_t>(n);
        offset += static_cast<std::uint64_t>(n);
    }
}

void sync(int fd, const std::filesystem::path& path)
{
    if (::fdatasync(fd) != 0)
        throw Error(systemError("cannot write", path));
}

} // namespace

std::size_t storeHeaderBytes(std::uint32_t valuesPerRow)
{
    const std::size_t needed = kCentreOffset + 4u * static_cast<std::size_t>(valuesPerRow) + 4u;
    return (needed + kPage - 1) / kPage * kPage;
}

StoreFiles storeFiles(const std::filesystem::path& index, std::int64_t modelId, std::int64_t generation)
{
    const std::string stem = index.filename().string() + "." + std::to_string(modelId) + "-" + std::to_string(generation);
    return {index.parent_path() / (stem + ".vec"), index.parent_path() / (stem + ".ids")};
}

std::vector<ArchiveEmbeddings::Segment> liveSegments(std::uint64_t rows, const std::vector<std::uint64_t>& deadRows)
{
    std::vector<ArchiveEmbeddings::Segment> live;
    std::uint64_t next = 0;
    for (const std::uint64_t dead : deadRows) {
        if (dead >= rows)
            break;
        if (dead > next)
            live.push_back({next, dead - next});
        next = std::max(next, dead + 1);
    }
    if (rows > next)
        live.push_back({next, rows - next});
    return live;
}

StoreWriter::StoreWriter(StoreFiles files, StoreIdentity identity, std::uint64_t committedRows, bool create)
    : m_files(std::move(files)), m_identity(std::move(identity)), m_committed(committedRows), m_flushed(committedRows)
{
    try {
        m_vectors = openStoreFile(m_files.vectors, O_RDWR, create);
        m_ids = openStoreFile(m_files.ids, O_RDWR, create);
        if (create) {
            if (committedRows != 0)
                throw Error("a new embedding store cannot hold committed rows");
            m_centre.assign(m_identity.dim, 0.0f);
            writeHeaders(0);
            // The new names must reach the disk before the index commits rows in them.
            const auto folder = m_files.vectors.parent_path().empty() ? std::filesystem::path(".")
                                                                      : m_files.vectors.parent_path();
            const int dir = ::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
            if (dir >= 0) {
                ::fsync(dir);
                ::close(dir);
            }
            return;
        }
        std::uint64_t vectorRows = 0, idRows = 0;
        // Both files are checked before either is judged: the rows that can be kept are
        // those that both still hold.
        std::optional<StoreDamaged> damage;
        std::uint64_t usable = committedRows;
        try {
            usable = std::min(usable, inspect(m_vectors, Kind::Vectors, m_identity, m_files.vectors, committedRows,
                                              vectorRows, &m_centre));
        } catch (const StoreDamaged& e) {
            damage = e;
            usable = std::min(usable, e.usableRows());
        }
        try {
            usable = std::min(usable, inspect(m_ids, Kind::Ids, m_identity, m_files.ids, committedRows, idRows));
        } catch (const StoreDamaged& e) {
            if (!damage)
                damage = e;
            usable = std::min(usable, e.usableRows());
        }
        if (damage)
            throw StoreDamaged(damage->what(), usable);
        // Rows past the committed count are the remains of an interrupted run.
        if (vectorRows != committedRows || idRows != committedRows)
            cut(committedRows);
        writeHeaders(committedRows);
    } catch (...) {
        if (m_vectors >= 0)
            ::close(m_vectors);
        if (m_ids >= 0)
            ::close(m_ids);
        throw;
    }
}

StoreWriter::~StoreWriter()
{
    if (hasPending())
        rollback();
    ::close(m_vectors);
    ::close(m_ids);
}

void StoreWriter::cut(std::uint64_t rows)
{
    if (::ftruncate(m_vectors, static_cast<off_t>(headerBytes(Kind::Vectors, m_identity) +
                                                  rows * rowBytes(Kind::Vectors, m_identity))) != 0)
        throw Error(systemError("cannot shorten", m_files.vectors));
    if (::ftruncate(m_ids, static_cast<off_t>(headerBytes(Kind::Ids, m_identity) + rows * sizeof(std::int64_t))) != 0)
        throw Error(systemError("cannot shorten", m_files.ids));
}

void StoreWriter::writeHeaders(std::uint64_t rows)
{
    const auto vectors = encodeHeader(Kind::Vectors, m_identity, rows, m_centre);
    const auto ids = encodeHeader(Kind::Ids, m_identity, rows, {});
    writeAll(m_vectors, vectors.data(), vectors.size(), 0, m_files.vectors);
    writeAll(m_ids, ids.data(), ids.size(), 0, m_files.ids);
    sync(m_vectors, m_files.vectors);
    sync(m_ids, m_files.ids);
}

void StoreWriter::append(std::int64_t itemId, std::span<const float> values)
{
    if (values.size() != m_identity.dim)
        throw Error("an embedding of dimension " + std::to_string(values.size()) + " cannot go into a store of " +
                    std::to_string(m_identity.dim));
    for (const float v : values)
        if (!std::isfinite(v))
            throw Error("the embedding of item " + std::to_string(itemId) + " is not finite");
    m_pendingRows.insert(m_pendingRows.end(), values.begin(), values.end());
    m_pendingIds.push_back(itemId);
    m_pendingStored.push_back(false);
}

void StoreWriter::appendStored(std::int64_t itemId, std::span<const float> stored)
{
    if (m_identity.element == ElementType::Float16 && !m_centreGiven && m_flushed == 0)
        throw Error("rows are copied into a new fp16 store only after its centre is fixed");
    append(itemId, stored);
    m_pendingStored.back() = true;
}

void StoreWriter::setCentre(std::vector<float> centre)
{
    if (rows() != 0 || centre.size() != m_identity.dim || m_identity.element != ElementType::Float16)
        return;
    m_centre = std::move(centre);
    m_centreGiven = true;
}

void StoreWriter::flush()
{
    if (m_pendingIds.empty())
        return;
    const std::size_t dim = m_identity.dim;
    const std::size_t count = m_pendingIds.size();
    std::vector<unsigned char> bytes;
    if (m_identity.element == ElementType::Float16) {
        if (m_flushed == 0 && !m_centreGiven) {
            // The first rows fix the centre: their mean, in float32.
            std::vector<double> sum(dim, 0.0);
            for (std::size_t r = 0; r < count; ++r)
                for (std::size_t c = 0; c < dim; ++c)
                    sum[c] += m_pendingRows[r * dim + c];
            for (std::size_t c = 0; c < dim; ++c)
                m_centre[c] = static_cast<float>(sum[c] / static_cast<double>(count));
        }
        bytes.resize(count * dim * 2);
        for (std::size_t i = 0; i < count * dim; ++i) {
            const bool stored = m_pendingStored[i / dim];
            const std::uint16_t h = floatToHalf(stored ? m_pendingRows[i] : m_pendingRows[i] - m_centre[i % dim]);
            std::memcpy(bytes.data() + 2 * i, &h, 2);
        }
    } else {
        bytes.resize(count * dim * 4);
        std::memcpy(bytes.data(), m_pendingRows.data(), bytes.size());
    }
    // Rows first, then the headers that count them: a header never counts rows that are not on disk.
    writeAll(m_vectors, bytes.data(), bytes.size(),
             headerBytes(Kind::Vectors, m_identity) + m_flushed * rowBytes(Kind::Vectors, m_identity), m_files.vectors);
    writeAll(m_ids, m_pendingIds.data(), m_pendingIds.size() * sizeof(std::int64_t),
             headerBytes(Kind::Ids, m_identity) + m_flushed * sizeof(std::int64_t), m_files.ids);
    sync(m_vectors, m_files.vectors);
    sync(m_ids, m_files.ids);
    const std::uint64_t rows = m_flushed + m_pendingIds.size();
    writeHeaders(rows);
    m_flushed = rows;
    m_pendingRows.clear();
    m_pendingIds.clear();
    m_pendingStored.clear();
}

void StoreWriter::committed()
{
    m_committed = m_flushed;
}

void StoreWriter::rollback()
{
    m_pendingRows.clear();
    m_pendingIds.clear();
    m_pendingStored.clear();
    if (m_flushed == m_committed)
        return;
    m_flushed = m_committed;
    // Best effort: a writer that opens the store later cuts the same rows off.
    try {
        cut(m_committed);
        writeHeaders(m_committed);
    } catch (const Error&) {
    }
}

namespace {

struct Mapping {
    void* address = MAP_FAILED;
    std::size_t length = 0;
    int fd = -1; ///< kept open for passes that read the file
    ~Mapping()
    {
        if (address != MAP_FAILED)
            ::munmap(address, length);
        if (fd >= 0)
            ::close(fd);
    }
};

/// A store file opened for reading, its header checked against the identity and the
/// committed rows (closed with this object).
struct CheckedFile {
    int fd;
    CheckedFile(const std::filesystem::path& path, Kind kind, const StoreIdentity& identity, std::uint64_t committedRows,
                std::vector<float>* centre)
        : fd(openStoreFile(path, O_RDONLY, false))
    {
        try {
            std::uint64_t fileRows = 0;
            inspect(fd, kind, identity, path, committedRows, fileRows, centre);
        } catch (...) {
            ::close(fd);
            throw;
        }
    }
    ~CheckedFile() { ::close(fd); }
    CheckedFile(const CheckedFile&) = delete;
    CheckedFile& operator=(const CheckedFile&) = delete;
};

void mapVectors(const std::filesystem::path& path, const StoreIdentity& identity, std::uint64_t committedRows,
                Mapping& mapping, std::vector<float>* centre)
{
    const CheckedFile file(path, Kind::Vectors, identity, committedRows, centre);
    // Only the committed rows: what a running indexer appends later is not part of this snapshot.
    mapping.length = headerBytes(Kind::Vectors, identity) + committedRows * rowBytes(Kind::Vectors, identity);
    mapping.address = ::mmap(nullptr, mapping.length, PROT_READ, MAP_SHARED, file.fd, 0);
    if (mapping.address == MAP_FAILED)
        throw Error(systemError("cannot map", path));
    mapping.fd = ::fcntl(file.fd, F_DUPFD_CLOEXEC, 0);
}

/// The first `committedRows` item ids, read into memory (8 bytes a row, against a row's
/// hundreds): no read of an id can fault when another program shortens the file later.
std::vector<std::int64_t> readIds(const std::filesystem::path& path, const StoreIdentity& identity,
                                  std::uint64_t committedRows)
{
    const CheckedFile file(path, Kind::Ids, identity, committedRows, nullptr);
    std::vector<std::int64_t> ids(static_cast<std::size_t>(committedRows));
    errno = 0;
    if (!readFully(file.fd, reinterpret_cast<unsigned char*>(ids.data()), ids.size() * sizeof(std::int64_t),
                   headerBytes(Kind::Ids, identity))) {
        if (errno != 0)
            throw Error(systemError("cannot read", path));
        throw StoreDamaged("the embedding store " + path.string() + " ends before its last row", 0);
    }
    return ids;
}

} // namespace

std::shared_ptr<const ArchiveEmbeddings> mapStore(const StoreFiles& files, const StoreIdentity& identity,
                                                  std::uint64_t committedRows,
                                                  const std::vector<std::uint64_t>& deadRows)
{
    auto mappings = std::make_shared<std::pair<Mapping, std::vector<std::int64_t>>>();
    std::vector<float> centre;
    mapVectors(files.vectors, identity, committedRows, mappings->first, &centre);
    mappings->second = readIds(files.ids, identity, committedRows);
    const auto* rows = static_cast<const unsigned char*>(mappings->first.address) + headerBytes(Kind::Vectors, identity);
    const auto* ids = mappings->second.data();
    if (identity.element != ElementType::Float16)
        centre.clear();
    return std::make_shared<const ArchiveEmbeddings>(rows, identity.element, static_cast<std::size_t>(committedRows),
                                                     identity.dim, ids, liveSegments(committedRows, deadRows),
                                                     std::shared_ptr<const void>(mappings, mappings.get()), true,
                                                     std::move(centre), mappings->first.fd,
                                                     headerBytes(Kind::Vectors, identity));
}

} // namespace rscir
