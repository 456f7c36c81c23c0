#include "core/index/index_store.h"

#include "core/index/sqlite.h"
#include "core/index/vector_store.h"
#include "core/base/error.h"
#include "core/base/files.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <set>

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

// Opening an index: what a file is, the schema and its migrations, the meta table.

namespace rscir {

namespace {

const char* kSchemaV1 = R"sql(
CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS sources(
    id INTEGER PRIMARY KEY,
    path TEXT NOT NULL UNIQUE,
    size INTEGER NOT NULL,
    mtime INTEGER NOT NULL,
    width INTEGER, height INTEGER, bands INTEGER,
    data_type TEXT, driver TEXT, crs TEXT, geotransform TEXT,
    status TEXT NOT NULL,
    error TEXT);
CREATE TABLE IF NOT EXISTS items(
    id INTEGER PRIMARY KEY,
    source_id INTEGER NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
    x INTEGER NOT NULL, y INTEGER NOT NULL, w INTEGER NOT NULL, h INTEGER NOT NULL,
    footprint TEXT,
    thumbnail BLOB);
CREATE INDEX IF NOT EXISTS items_source ON items(source_id);
CREATE TABLE IF NOT EXISTS models(
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    architecture TEXT NOT NULL,
    activation TEXT NOT NULL,
    fingerprint TEXT NOT NULL,
    dim INTEGER NOT NULL,
    UNIQUE(fingerprint, activation));
CREATE TABLE IF NOT EXISTS embeddings(
    model_id INTEGER NOT NULL REFERENCES models(id) ON DELETE CASCADE,
    item_id INTEGER NOT NULL REFERENCES items(id) ON DELETE CASCADE,
    vector BLOB NOT NULL,
    PRIMARY KEY(model_id, item_id)) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS embeddings_item ON embeddings(item_id);
CREATE TABLE IF NOT EXISTS source_models(
    source_id INTEGER NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
    model_id INTEGER NOT NULL REFERENCES models(id) ON DELETE CASCADE,
    PRIMARY KEY(source_id, model_id)) WITHOUT ROWID;
)sql";

// Format 2: embeddings move from SQLite blobs to memory-mapped stores beside the index;
// SQLite keeps which row belongs to which item, the rows of deleted items, and counters.
const char* kSchemaV2 = R"sql(
CREATE TABLE IF NOT EXISTS stores(
    model_id INTEGER PRIMARY KEY REFERENCES models(id) ON DELETE CASCADE,
    storage TEXT NOT NULL,
    precision TEXT NOT NULL,
    generation INTEGER NOT NULL,
    rows INTEGER NOT NULL,
    dead INTEGER NOT NULL DEFAULT 0);
CREATE TABLE IF NOT EXISTS vector_rows(
    model_id INTEGER NOT NULL REFERENCES models(id) ON DELETE CASCADE,
    item_id INTEGER NOT NULL REFERENCES items(id) ON DELETE CASCADE,
    row INTEGER NOT NULL,
    PRIMARY KEY(model_id, item_id)) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS vector_rows_item ON vector_rows(item_id);
CREATE TABLE IF NOT EXISTS dead_rows(
    model_id INTEGER NOT NULL,
    row INTEGER NOT NULL,
    PRIMARY KEY(model_id, row)) WITHOUT ROWID;
CREATE TRIGGER IF NOT EXISTS vector_rows_dead AFTER DELETE ON vector_rows BEGIN
    INSERT OR IGNORE INTO dead_rows(model_id, row) VALUES(old.model_id, old.row);
    UPDATE stores SET dead = dead + 1 WHERE model_id = old.model_id;
END;
CREATE TABLE IF NOT EXISTS counters(name TEXT PRIMARY KEY, value INTEGER NOT NULL) WITHOUT ROWID;
INSERT OR IGNORE INTO counters(name, value) SELECT 'items', count(*) FROM items;
CREATE TRIGGER IF NOT EXISTS items_added AFTER INSERT ON items BEGIN
    UPDATE counters SET value = value + 1 WHERE name = 'items';
END;
CREATE TRIGGER IF NOT EXISTS items_removed AFTER DELETE ON items BEGIN
    UPDATE counters SET value = value - 1 WHERE name = 'items';
END;
)sql";

// Format 3: what is known of each source's acquisition (STAC, GDAL's metadata, the name).
const char* kSchemaV3 = R"sql(
CREATE TABLE IF NOT EXISTS source_meta(
    source_id INTEGER PRIMARY KEY REFERENCES sources(id) ON DELETE CASCADE,
    acquired TEXT, platform TEXT, collection TEXT, stac_id TEXT, gsd REAL, cloud_cover REAL);
CREATE INDEX IF NOT EXISTS source_meta_acquired ON source_meta(acquired);
)sql";

} // namespace

IndexStore::IndexStore(std::unique_ptr<sql::Database> db) : m_db(std::move(db)) { }

IndexStore::~IndexStore()
{
    m_writers.clear();
    if (m_writeLock >= 0)
        ::close(m_writeLock); // releases the flock
}

namespace {

enum class FileKind { New, Ours, Foreign, Damaged };

/// An SQLite file whose header says more pages than the file holds, or that SQLite cannot
/// read: damaged or cut short (a copy that stopped, a full disk). Empty when it looks whole.
std::string sqliteDamage(const std::filesystem::path& path)
{
    std::ifstream in(path, std::ios::binary);
    unsigned char header[100] = {};
    in.read(reinterpret_cast<char*>(header), sizeof header);
    const auto got = in.gcount();
    if (got < 16 || std::memcmp(header, "SQLite format 3", 16) != 0)
        return {}; // not an SQLite file at all
    if (got < 100)
        return "it ends inside its SQLite header (" + std::to_string(got) + " bytes)";
    const auto be32 = [&](int at) {
        return (std::uint32_t(header[at]) << 24) | (std::uint32_t(header[at + 1]) << 16) |
               (std::uint32_t(header[at + 2]) << 8) | std::uint32_t(header[at + 3]);
    };
    const std::uint32_t rawPage = (std::uint32_t(header[16]) << 8) | header[17];
    const std::uint64_t pageSize = rawPage == 1 ? 65536 : rawPage;
    const std::uint64_t pages = be32(28);
    // The page count is valid when the change counter matches "version-valid-for".
    std::error_code ec;
    const auto size = std::filesystem::file_size(path, ec);
    if (!ec && pages > 0 && be32(24) == be32(92) && size < pageSize * pages)
        return "it is " + std::to_string(size) + " bytes long, its header says " + std::to_string(pageSize * pages);
    return {};
}

/// The first 100 bytes of a regular file, read without blocking (a FIFO or a device is
/// refused before it is read); fewer when the file is shorter.
std::string fileHeader(const std::filesystem::path& path)
{
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
    if (fd < 0)
        throw Error("cannot open " + path.string() + ": " + std::strerror(errno));
    struct stat st {};
    if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        ::close(fd);
        throw Error(path.string() + " is not a regular file", "an index is a file; give the path of one");
    }
    std::string header(100, '\0');
    const auto got = ::pread(fd, header.data(), header.size(), 0);
    ::close(fd);
    header.resize(got > 0 ? static_cast<std::size_t>(got) : 0);
    return header;
}

bool nonEmptyFile(const std::filesystem::path& path)
{
    std::error_code ec;
    return std::filesystem::is_regular_file(path, ec) && std::filesystem::file_size(path, ec) > 0 && !ec;
}

/// What a file is. Ours is known by the application id in its header, read as bytes: a
/// write-ahead log that a full disk or a kill left unapplied changes nothing of that
/// header, while its main file may be half-written. Anything else is read through an
/// immutable connection: nothing of it is changed, no -wal or -shm made, before it is known
/// to be ours (an index of format 1, whose header has no id).
FileKind identifyIndexFile(const std::filesystem::path& path, std::int64_t applicationId, std::string& why)
{
    std::error_code ec;
    if (!std::filesystem::exists(path, ec))
        return FileKind::New;
    const std::string header = fileHeader(path);
    const bool hasLog = nonEmptyFile(path.string() + "-wal");
    if (header.empty() && !hasLog)
        return FileKind::New;
    if (header.empty()) {
        // Ours has its header in the main file before it ever has a log (the application id
        // is written before the log is switched on): this log is another program's.
        why = "its main file is empty, with a write-ahead log beside it";
        return FileKind::Damaged;
    }
    const bool sqliteMagic = header.size() >= 16 && std::memcmp(header.data(), "SQLite format 3", 16) == 0;
    if (sqliteMagic && header.size() >= 72) {
        const auto* h = reinterpret_cast<const unsigned char*>(header.data());
        const std::uint32_t id = (std::uint32_t(h[68]) << 24) | (std::uint32_t(h[69]) << 16) |
                                 (std::uint32_t(h[70]) << 8) | std::uint32_t(h[71]);
        if (id == static_cast<std::uint32_t>(applicationId))
            return FileKind::Ours; // ours, possibly before its tables were made or with a log not yet applied
    }
    if (!sqliteMagic) {
        why = "it is not an SQLite database";
        return FileKind::Foreign;
    }
    sqlite3* db = nullptr;
    struct Closer {
        sqlite3*& db;
        ~Closer() { sqlite3_close(db); }
    } closer{db};
    // Immutable: nothing is made beside another program's file (a read-only connection to
    // a database with a log would make its -shm).
    const std::string uri = sql::fileUri(path, "immutable=1");
    if (sqlite3_open_v2(uri.c_str(), &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, nullptr) != SQLITE_OK) {
        why = "it cannot be opened as an SQLite database";
        return FileKind::Foreign;
    }
    const auto number = [&](const char* sql, const char* bind = nullptr) -> std::optional<std::int64_t> {
        sqlite3_stmt* stmt = nullptr;
        if (sqlite3_prepare_v2(db, sql, -1, &stmt, nullptr) != SQLITE_OK)
            return std::nullopt;
        if (bind)
            sqlite3_bind_text(stmt, 1, bind, -1, SQLITE_STATIC);
        std::optional<std::int64_t> out;
        if (sqlite3_step(stmt) == SQLITE_ROW)
            out = sqlite3_column_int64(stmt, 0);
        sqlite3_finalize(stmt);
        return out;
    };
    const auto application = number("PRAGMA application_id");
    if (application && *application == applicationId)
        return FileKind::Ours; // its log carries the header
    // Not ours by its header: an SQLite file cut short is damaged, not another program's.
    // (Ours is never judged by its length: a writer may be extending it right now, and a
    // log may hold what its main file lacks.)
    if (why = hasLog ? std::string() : sqliteDamage(path); !why.empty())
        return FileKind::Damaged;
    const auto tables = number("SELECT count(*) FROM sqlite_master");
    if (!application || !tables) {
        why = "SQLite cannot read it";
        return FileKind::Damaged;
    }
    if (*application == 0) {
        const auto has = [&](const char* table) {
            return number("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = ?", table).value_or(0) > 0;
        };
        if (has("meta") && has("sources") && has("items") && has("models")) {
            sqlite3_stmt* stmt = nullptr;
            bool rscir = false;
            if (sqlite3_prepare_v2(db, "SELECT value FROM meta WHERE key = 'created_by'", -1, &stmt, nullptr) == SQLITE_OK &&
                sqlite3_step(stmt) == SQLITE_ROW) {
                const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0));
                rscir = text && std::string(text) == "rscir";
            }
            sqlite3_finalize(stmt);
            if (rscir)
                return FileKind::Ours; // an index of format 1
        }
        why = *tables == 0 ? "it is an SQLite database without tables that rscir did not make"
                           : "it is an SQLite database of another program";
        return FileKind::Foreign;
    }
    char id[32];
    std::snprintf(id, sizeof id, "0x%08llx", static_cast<unsigned long long>(*application));
    why = std::string("it is an SQLite database of another program (application id ") + id + ")";
    return FileKind::Foreign;
}

/// Whether the index file and its folder may be written: not on a read-only mount, not
/// without permission (where SQLite could not make its -wal and -shm beside it).
} // namespace

std::unique_ptr<IndexStore> IndexStore::open(const std::filesystem::path& path, bool create, bool readOnly,
                                             const Log& log)
try {
    std::error_code ec;
    const bool exists = std::filesystem::exists(path, ec);
    if (!exists && !create)
        throw Error("the index " + path.string() + " does not exist", "create it with rscir index");
    // Before any connection that could write: another program's file stays as it is.
    std::string why;
    const FileKind kind = identifyIndexFile(path, kApplicationId, why);
    if (kind == FileKind::Foreign)
        throw Error(path.string() + " is not an rscir index: " + why, "rscir leaves it as it is; give the index another file name");
    if (kind == FileKind::Damaged)
        throw Error(ErrorCode::DamagedIndex, {path.string(), why},
                    "the index " + path.string() + " is damaged or truncated: " + why,
                    "rscir leaves it as it is; restore it from a copy, or index the archive into a new file");
    // (An SQLite file cut short is taken for an index: its header no longer says whose it is.)
    if (kind == FileKind::New && !create)
        throw Error(path.string() + " is empty; it is not an rscir index");
    // A reader where it could write opens for writing and never writes (query_only): when it
    // is the last connection to close, SQLite folds the log back and removes -wal and -shm,
    // so that reading leaves nothing behind. On read-only storage nobody can be writing; a
    // file without a log is read as it is, creating nothing.
    const bool storageReadOnly = readOnly && !sql::writableStorage(path);
    const sql::Access access = !readOnly ? (create ? sql::Access::Create : sql::Access::Write)
                                         : sql::readingAccess(path);
    auto store = std::unique_ptr<IndexStore>(new IndexStore(std::make_unique<sql::Database>(path, access)));
    store->m_storageReadOnly = storageReadOnly;
    if (!readOnly) {
        // One writer at a time: its stores' row counts, truncations and compactions assume
        // that nobody else appends. Readers take no lock (they map committed rows only).
        store->m_writeLock = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | (create ? O_CREAT : 0), 0644);
        if (store->m_writeLock < 0)
            throw Error("cannot open " + path.string() + ": " + std::strerror(errno));
        if (::flock(store->m_writeLock, LOCK_EX | LOCK_NB) != 0)
            throw Error(path.string() + " is being written by another rscir (an indexing run or a compaction)",
                        "wait for it to finish, then try again");
    }
    auto& db = *store->m_db;
    {
        db.exec("PRAGMA foreign_keys = ON"); // this connection only; nothing is written
        if (readOnly && !storageReadOnly)
            db.exec("PRAGMA query_only = ON");
        const bool empty = [&] {
            auto q = db.prepare("SELECT count(*) FROM sqlite_master");
            return q.step() && q.integer(0) == 0;
        }();
        if (empty && readOnly)
            throw Error(path.string() + " holds nothing yet: the run that created it stopped before it stored anything",
                        "run rscir index on the archive again to make it");
        if (empty) {
            // Large pages keep a thumbnail inside its B-tree page instead of an overflow chain;
            // the application id first, so that an interrupted creation is still known as ours.
            db.exec("PRAGMA page_size = 65536");
            db.exec("PRAGMA application_id = " + std::to_string(kApplicationId));
        }
        if (!readOnly) {
            db.exec("PRAGMA journal_mode = WAL");
            db.exec("PRAGMA synchronous = NORMAL");
        }
        if (empty)
            store->migrate(log);
        const std::string version = store->meta("schema_version");
        const int v = version.empty() ? 0 : std::stoi(version);
        if (v > kSchemaVersion)
            throw Error(path.string() + " was written by a newer rscir (index format " + version + "; this one reads " +
                            std::to_string(kSchemaVersion) + ")",
                        "update rscir to open it");
        if (v < kSchemaVersion && !readOnly)
            store->migrate(log);
        auto hasMeta = db.prepare("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'source_meta'");
        store->m_hasSourceMeta = hasMeta.step() && hasMeta.integer(0) > 0;
        if (!readOnly && v >= 2) {
            // Files of other generations are what a compaction killed after its commit (the
            // old one) or before it (the new one) left; this writer alone may remove them.
            for (const auto& model : store->models())
                if (const auto record = store->storeOf(model.id))
                    store->removeOtherGenerations(model.id, record->generation);
        }
    }
    return store;
} catch (...) {
    rethrowAsError(path.string());
}

int IndexStore::readOnlyCause() const
{
    return m_storageReadOnly ? static_cast<int>(sql::readOnlyCause(path())) : 0;
}

std::string IndexStore::whyReadOnly() const
{
    return sql::readOnlyText(static_cast<sql::ReadOnlyCause>(readOnlyCause()));
}

int IndexStore::schemaVersion() const
{
    const std::string version = meta("schema_version");
    return version.empty() ? 0 : std::stoi(version);
}

void IndexStore::migrate(const Log& log)
{
    // Migrations run in order inside one transaction; version 1 is the first schema. The
    // stores that format 2 writes are flushed before that transaction commits; a run that
    // is interrupted leaves an index of the old format and store files the next run replaces.
    sql::Transaction t(*m_db);
    const std::string version = [&] {
        auto s = m_db->prepare("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'meta'");
        s.step();
        return s.integer(0) ? meta("schema_version") : std::string();
    }();
    const int from = version.empty() ? 0 : std::stoi(version);
    if (from < 1) {
        m_db->exec(kSchemaV1);
        setMeta("created_by", "rscir");
    }
    if (from < 2) {
        m_db->exec(kSchemaV2);
        m_db->exec("PRAGMA application_id = " + std::to_string(kApplicationId));
        if (from == 1)
            migrateEmbeddingsToStores(log);
        m_db->exec("DROP TABLE IF EXISTS embeddings");
    }
    if (from < 3)
        m_db->exec(kSchemaV3);
    setMeta("schema_version", std::to_string(kSchemaVersion));
    t.commit();
    for (auto& [id, writer] : m_writers)
        writer->committed();
}

void IndexStore::migrateEmbeddingsToStores(const Log& log)
{
    // Rows of format 1 are float32 blobs; they move as they are (fp32: nothing is lost).
    std::size_t moved = 0;
    for (const auto& model : models()) {
        StoreRecord store;
        store.modelId = model.id;
        store.storage = ElementType::Float32;
        store.precision = "unrecorded";
        auto writer = std::make_unique<StoreWriter>(storeFiles(path(), model.id, store.generation),
                                                    storeIdentity(store), 0, true);
        auto insertRow = m_db->prepare("INSERT INTO vector_rows(model_id, item_id, row) VALUES(?, ?, ?)");
        auto s = m_db->prepare("SELECT item_id, vector FROM embeddings WHERE model_id = ? ORDER BY item_id");
        s.bind(1, model.id);
        std::vector<float> row(static_cast<std::size_t>(model.dim));
        while (s.step()) {
            const auto blob = s.blob(1);
            if (blob.size() != row.size() * 4)
                throw Error(path().string() + ": the embedding of item " + std::to_string(s.integer(0)) + " has " +
                                std::to_string(blob.size()) + " bytes; expected " + std::to_string(row.size() * 4),
                            "the index is damaged; re-index the archive into a new index file");
            std::memcpy(row.data(), blob.data(), blob.size());
            insertRow.bind(1, model.id).bind(2, s.integer(0)).bind(3, static_cast<std::int64_t>(writer->rows())).run();
            writer->append(s.integer(0), row);
            if (writer->rows() % 65536 == 0)
                writer->flush();
        }
        writer->flush();
        store.rows = writer->rows();
        m_db->prepare("INSERT INTO stores(model_id, storage, precision, generation, rows, dead) VALUES(?, ?, ?, ?, ?, 0)")
            .bind(1, model.id)
            .bind(2, elementName(store.storage))
            .bind(3, store.precision)
            .bind(4, store.generation)
            .bind(5, static_cast<std::int64_t>(store.rows))
            .run();
        moved += store.rows;
        m_writers[model.id] = std::move(writer);
    }
    setMeta("default_storage", "fp32");
    if (log)
        log("converted " + path().string() + " to index format 2: " + std::to_string(moved) +
            " embeddings moved from the database into memory-mapped stores (fp32) beside it; rscir compact "
            "gives the database's freed space back");
}

const std::filesystem::path& IndexStore::path() const
{
    return m_db->path();
}

std::string IndexStore::meta(const std::string& key) const
{
    auto s = m_db->prepare("SELECT value FROM meta WHERE key = ?");
    s.bind(1, key);
    return s.step() ? s.text(0) : std::string();
}

void IndexStore::setMeta(const std::string& key, const std::string& value)
{
    m_db->prepare("INSERT INTO meta(key, value) VALUES(?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value")
        .bind(1, key)
        .bind(2, value)
        .run();
}

} // namespace rscir
