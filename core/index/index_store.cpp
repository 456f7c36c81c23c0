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

std::string footprintText(const std::optional<Footprint>& fp)
{
    if (!fp)
        return {};
    nlohmann::json ring = nlohmann::json::array();
    for (const auto& p : *fp)
        ring.push_back({p[0], p[1]});
    return ring.dump();
}

SourceRecord readSource(const sql::Statement& s)
{
    SourceRecord r;
    r.id = s.integer(0);
    r.path = s.text(1);
    r.size = s.integer(2);
    r.mtime = s.integer(3);
    r.facts.width = static_cast<int>(s.integer(4));
    r.facts.height = static_cast<int>(s.integer(5));
    r.facts.bands = static_cast<int>(s.integer(6));
    r.facts.dataType = s.text(7);
    r.facts.driver = s.text(8);
    r.facts.crs = s.text(9);
    const auto gt = nlohmann::json::parse(s.text(10), nullptr, false);
    if (gt.is_array() && gt.size() == 6 && std::all_of(gt.begin(), gt.end(), [](const auto& v) { return v.is_number(); }))
        for (std::size_t i = 0; i < 6; ++i)
            r.facts.geoTransform[i] = gt[i].get<double>();
    r.facts.georeferenced = !r.facts.crs.empty();
    r.status = s.text(11);
    r.error = s.text(12);
    return r;
}

const char* kSourceColumns =
    "id, path, size, mtime, width, height, bands, data_type, driver, crs, geotransform, status, error";
const char* kItemColumns =
    "items.id, items.source_id, sources.path, x, y, w, h, footprint, sources.width, sources.height";

ItemRecord readItem(const sql::Statement& s)
{
    ItemRecord r;
    r.id = s.integer(0);
    r.sourceId = s.integer(1);
    r.path = s.text(2);
    r.window = {static_cast<int>(s.integer(3)), static_cast<int>(s.integer(4)), static_cast<int>(s.integer(5)),
                static_cast<int>(s.integer(6))};
    r.footprint = parseFootprintText(s.text(7));
    r.rasterWidth = s.isNull(8) ? 0 : static_cast<int>(s.integer(8));
    r.rasterHeight = s.isNull(9) ? 0 : static_cast<int>(s.integer(9));
    return r;
}

} // namespace

std::string ItemRecord::label() const
{
    const std::string name = std::filesystem::path(path).filename().string();
    const bool whole = window.x == 0 && window.y == 0 && (rasterWidth == 0 || window.width >= rasterWidth) &&
                       (rasterHeight == 0 || window.height >= rasterHeight);
    if (whole)
        return name;
    return name + " @" + std::to_string(window.x) + "," + std::to_string(window.y);
}

std::optional<Footprint> parseFootprintText(const std::string& text)
{
    if (text.empty())
        return std::nullopt;
    // From the index file, so from anyone: every point is checked before it is used.
    const auto ring = nlohmann::json::parse(text, nullptr, false);
    if (!ring.is_array() || ring.size() != 5)
        return std::nullopt;
    Footprint fp{};
    for (std::size_t i = 0; i < 5; ++i) {
        const auto& point = ring[i];
        if (!point.is_array() || point.size() != 2 || !point[0].is_number() || !point[1].is_number())
            return std::nullopt;
        fp[i] = {point[0].get<double>(), point[1].get<double>()};
    }
    if (!isValidFootprint(fp))
        return std::nullopt;
    return fp;
}

ArchiveSettings parseArchiveSettings(const std::string& text)
{
    const auto json = nlohmann::json::parse(text, nullptr, false);
    const auto damaged = [&](const std::string& what) {
        return Error("the index's archive settings are damaged: " + what, "re-index the archive into a new index file");
    };
    if (!json.is_object())
        throw damaged("not a JSON object");
    const auto integer = [&](const char* key, std::int64_t fallback, std::int64_t low, std::int64_t high) {
        if (!json.contains(key))
            return fallback;
        if (!json[key].is_number_integer() || json[key].get<std::int64_t>() < low || json[key].get<std::int64_t>() > high)
            throw damaged(std::string(key) + " must be a whole number from " + std::to_string(low) + " to " +
                          std::to_string(high));
        return json[key].get<std::int64_t>();
    };
    ArchiveSettings s;
    s.tile = static_cast<int>(integer("tile", 256, 1, 1000000));
    s.overlap = static_cast<int>(integer("overlap", 0, 0, s.tile - 1));
    s.stretch = static_cast<StretchMode>(integer("stretch", 0, 0, 2));
    if (json.contains("bands")) {
        if (!json["bands"].is_array() || json["bands"].size() > 3)
            throw damaged("bands must be a list of at most three band numbers");
        for (const auto& band : json["bands"]) {
            if (!band.is_number_integer() || band.get<std::int64_t>() < 1 || band.get<std::int64_t>() > 100000)
                throw damaged("bands must be a list of band numbers");
            s.bands.push_back(band.get<int>());
        }
    }
    return s;
}

RasterOptions ArchiveSettings::rasterOptions() const
{
    RasterOptions options;
    options.bands = bands;
    options.stretch = stretch;
    return options;
}

std::string ArchiveSettings::describe() const
{
    std::string bandText;
    for (int b : bands) {
        if (!bandText.empty())
            bandText += ',';
        bandText += std::to_string(b);
    }
    return "tile " + std::to_string(tile) + ", overlap " + std::to_string(overlap) + ", bands " +
           (bandText.empty() ? "auto (red, green, blue by colour interpretation, else 1, 2, 3; gray for one or two)"
                             : bandText) +
           ", stretch " +
           (stretch == StretchMode::Auto         ? "auto"
            : stretch == StretchMode::Percentile ? "percentile"
                                                 : "none");
}

ElementType parseStorage(const std::string& name)
{
    if (name == "fp16")
        return ElementType::Float16;
    if (name == "fp32")
        return ElementType::Float32;
    throw Error("unknown storage '" + name + "'", "use fp16 or fp32");
}

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
bool writableStorage(const std::filesystem::path& path)
{
    const auto folder = path.has_parent_path() ? path.parent_path() : std::filesystem::path(".");
    return ::access(path.c_str(), W_OK) == 0 && ::access(folder.c_str(), W_OK) == 0;
}

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
    const bool storageReadOnly = readOnly && !writableStorage(path);
    // (A writer of another account, where this one may not write, keeps a -wal while it
    // has the index open: then the log is read; without one, the file is read as it is.)
    std::error_code logEc;
    const sql::Access access = !readOnly          ? (create ? sql::Access::Create : sql::Access::Write)
                               : !storageReadOnly ? sql::Access::Write
                               : std::filesystem::exists(path.string() + "-wal", logEc) &&
                                         std::filesystem::exists(path.string() + "-shm", logEc)
                                   ? sql::Access::Read
                                   : sql::Access::Frozen;
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

std::filesystem::path IndexStore::archiveRoot() const
{
    const std::string root = meta("archive_root");
    if (root.empty())
        return {};
    std::filesystem::path p(root);
    return p.is_absolute() ? p : (std::filesystem::absolute(path()).parent_path() / p).lexically_normal();
}

std::string sourcePathProblem(const std::string& relative)
{
    if (relative.empty())
        return "the path is empty";
    if (relative.find('\0') != std::string::npos)
        return "the path holds a NUL byte";
    if (relative.rfind("/vsi", 0) == 0)
        return "it names a GDAL virtual file system";
    const std::filesystem::path p(relative);
    if (p.is_absolute() || relative.front() == '/')
        return "the path is absolute";
    for (const auto& part : p)
        if (part == "..")
            return "the path leads out of the archive folder (..)";
    return {};
}

std::filesystem::path IndexStore::sourceFile(const std::string& relative) const
{
    const auto root = archiveRoot();
    std::string why = sourcePathProblem(relative);
    const auto file = root / relative;
    // Links are resolved: the file itself must lie in the archive folder, wherever the
    // folder itself is.
    if (why.empty() && !resolvesInside(root, file))
        why = "it is a link that leads out of the archive folder";
    if (!why.empty())
        throw Error(ErrorCode::SourceOutsideArchive, {path().string(), relative, why},
                    path().string() + " names a source that rscir does not read: " + relative + " (" + why + ")",
                    "rscir reads only files inside the index's archive folder; index the archive again into a new "
                    "index file");
    return file;
}

void IndexStore::setArchiveRoot(const std::filesystem::path& root, bool mayBeRelative)
{
    // Relative to the index's folder when the archive lies beside or below it, so that
    // the archive and its index can move together.
    const auto absoluteRoot = std::filesystem::absolute(root).lexically_normal();
    const auto indexFolder = std::filesystem::absolute(path()).parent_path().lexically_normal();
    auto relative = absoluteRoot.lexically_relative(indexFolder);
    const bool inside = mayBeRelative && !relative.empty() && relative.begin()->string() != "..";
    setMeta("archive_root", inside ? relative.generic_string() : absoluteRoot.string());
}

std::optional<ArchiveSettings> IndexStore::settings() const
{
    const auto text = meta("settings");
    if (text.empty())
        return std::nullopt;
    return parseArchiveSettings(text);
}

void IndexStore::setSettings(const ArchiveSettings& s)
{
    setMeta("settings",
            nlohmann::json{
                {"tile", s.tile}, {"overlap", s.overlap}, {"bands", s.bands}, {"stretch", static_cast<int>(s.stretch)}}
                .dump());
}

std::int64_t IndexStore::ensureModel(const ModelRecord& model)
{
    if (const auto existing = findModel(model.fingerprint, model.activation)) {
        if (existing->dim != model.dim)
            throw Error("model " + model.name + " is in the index with dimension " + std::to_string(existing->dim));
        return existing->id;
    }
    m_db->prepare("INSERT INTO models(name, architecture, activation, fingerprint, dim) VALUES(?, ?, ?, ?, ?)")
        .bind(1, model.name)
        .bind(2, model.architecture)
        .bind(3, model.activation)
        .bind(4, model.fingerprint)
        .bind(5, model.dim)
        .run();
    return m_db->lastInsertId();
}

std::vector<ModelRecord> IndexStore::models() const
{
    std::vector<ModelRecord> out;
    auto s = m_db->prepare("SELECT id, name, architecture, activation, fingerprint, dim FROM models ORDER BY id");
    while (s.step())
    {
        // A dimension from a stranger's file sizes headers and rows: it must be sane.
        if (s.integer(5) < 1 || s.integer(5) > 65536)
            throw Error(path().string() + ": model " + s.text(1) + " has " + std::to_string(s.integer(5)) + " dimensions",
                        "the index is damaged; re-index the archive into a new index file");
        out.push_back({s.integer(0), s.text(1), s.text(2), s.text(3), s.text(4), static_cast<int>(s.integer(5))});
    }
    return out;
}

std::optional<ModelRecord> IndexStore::findModel(const std::string& fingerprint, const std::string& activation) const
{
    for (auto& m : models())
        if (m.fingerprint == fingerprint && m.activation == activation)
            return m;
    return std::nullopt;
}

std::vector<SourceRecord> IndexStore::sources() const
{
    std::vector<SourceRecord> out;
    auto s = m_db->prepare(std::string("SELECT ") + kSourceColumns + " FROM sources ORDER BY path");
    while (s.step())
        out.push_back(readSource(s));
    return out;
}

std::vector<std::int64_t> IndexStore::sourcesDoneFor(std::int64_t modelId) const
{
    std::vector<std::int64_t> out;
    auto s = m_db->prepare("SELECT source_id FROM source_models WHERE model_id = ? ORDER BY source_id");
    s.bind(1, modelId);
    while (s.step())
        out.push_back(s.integer(0));
    return out;
}

std::vector<ItemRecord> IndexStore::itemsOfSource(std::int64_t sourceId) const
{
    std::vector<ItemRecord> out;
    auto s =
        m_db->prepare(std::string("SELECT ") + kItemColumns +
                      " FROM items JOIN sources ON sources.id = items.source_id WHERE source_id = ? ORDER BY items.id");
    s.bind(1, sourceId);
    while (s.step())
        out.push_back(readItem(s));
    return out;
}

std::vector<ItemRecord> IndexStore::items() const
{
    std::vector<ItemRecord> out;
    auto s = m_db->prepare(std::string("SELECT ") + kItemColumns +
                           " FROM items JOIN sources ON sources.id = items.source_id ORDER BY items.id");
    while (s.step())
        out.push_back(readItem(s));
    return out;
}

std::vector<ItemRecord> IndexStore::itemsPage(std::int64_t afterId, int limit, const std::string& filter) const
{
    std::vector<ItemRecord> out;
    // The filter matches sources (thousands), not items (up to tens of millions): the items
    // of the matching sources are then found through the source index.
    auto s = m_db->prepare(
        std::string("SELECT ") + kItemColumns + " FROM items JOIN sources ON sources.id = items.source_id WHERE items.id > ?" +
        (filter.empty() ? " AND ? = ''"
                        : " AND items.source_id IN (SELECT id FROM sources WHERE instr(lower(path), lower(?)) > 0)") +
        " ORDER BY items.id LIMIT ?");
    s.bind(1, afterId).bind(2, filter).bind(3, limit);
    while (s.step())
        out.push_back(readItem(s));
    return out;
}

std::int64_t IndexStore::itemCount(const std::string& filter) const
{
    if (filter.empty())
        return itemCount();
    auto s = m_db->prepare("SELECT count(*) FROM items WHERE source_id IN "
                           "(SELECT id FROM sources WHERE instr(lower(path), lower(?)) > 0)");
    s.bind(1, filter);
    s.step();
    return s.integer(0);
}

std::optional<SourceRecord> IndexStore::source(std::int64_t id) const
{
    auto s = m_db->prepare(std::string("SELECT ") + kSourceColumns + " FROM sources WHERE id = ?");
    s.bind(1, id);
    if (!s.step())
        return std::nullopt;
    return readSource(s);
}

std::optional<std::int64_t> IndexStore::wholeFileItem(const std::filesystem::path& file) const
{
    std::error_code ec;
    const auto root = std::filesystem::weakly_canonical(archiveRoot(), ec);
    const auto canonical = std::filesystem::weakly_canonical(file, ec);
    if (ec || root.empty())
        return std::nullopt;
    const auto relative = canonical.lexically_relative(root);
    if (relative.empty() || relative.begin()->string() == "..")
        return std::nullopt;
    auto s = m_db->prepare("SELECT min(items.id), count(*) FROM items JOIN sources ON sources.id = items.source_id "
                           "WHERE sources.path = ? AND sources.status = 'done'");
    s.bind(1, relative.generic_string());
    if (!s.step() || s.integer(1) != 1)
        return std::nullopt;
    return s.integer(0);
}

std::optional<std::int64_t> IndexStore::findItem(const std::string& sourcePath, const Window& window) const
{
    auto s = m_db->prepare("SELECT min(items.id) FROM items JOIN sources ON sources.id = items.source_id "
                           "WHERE sources.path = ? AND x = ? AND y = ? AND w = ? AND h = ?");
    s.bind(1, sourcePath);
    s.bind(2, static_cast<std::int64_t>(window.x));
    s.bind(3, static_cast<std::int64_t>(window.y));
    s.bind(4, static_cast<std::int64_t>(window.width));
    s.bind(5, static_cast<std::int64_t>(window.height));
    if (!s.step() || s.isNull(0))
        return std::nullopt;
    return s.integer(0);
}

void IndexStore::setFilesFound(std::int64_t files)
{
    setMeta("scan_files", std::to_string(files));
}

std::optional<std::pair<std::int64_t, std::int64_t>> IndexStore::completeness() const
{
    const std::string found = meta("scan_files");
    if (found.empty())
        return std::nullopt;
    std::int64_t files = 0;
    try {
        files = std::stoll(found);
    } catch (const std::exception&) {
        return std::nullopt; // from the file: anything; an unreadable count says nothing
    }
    auto s = m_db->prepare("SELECT count(*) FROM sources WHERE status IN ('done', 'failed')");
    const std::int64_t recorded = s.step() ? s.integer(0) : 0;
    return std::make_pair(std::max<std::int64_t>(0, files), recorded);
}

std::optional<ItemRecord> IndexStore::item(std::int64_t id) const
{
    auto s = m_db->prepare(std::string("SELECT ") + kItemColumns +
                           " FROM items JOIN sources ON sources.id = items.source_id WHERE items.id = ?");
    s.bind(1, id);
    if (!s.step())
        return std::nullopt;
    return readItem(s);
}

std::vector<std::uint8_t> IndexStore::thumbnail(std::int64_t itemId) const
{
    auto s = m_db->prepare("SELECT thumbnail FROM items WHERE id = ?");
    s.bind(1, itemId);
    if (!s.step() || s.isNull(0))
        return {};
    const auto b = s.blob(0);
    return {b.begin(), b.end()};
}

std::int64_t IndexStore::itemCount() const
{
    if (schemaVersion() < 2) {
        auto s = m_db->prepare("SELECT count(*) FROM items");
        s.step();
        return s.integer(0);
    }
    auto s = m_db->prepare("SELECT value FROM counters WHERE name = 'items'");
    return s.step() ? s.integer(0) : 0;
}

std::int64_t IndexStore::embeddingCount(std::int64_t modelId) const
{
    if (schemaVersion() < 2) {
        auto s = m_db->prepare("SELECT count(*) FROM embeddings WHERE model_id = ?");
        s.bind(1, modelId);
        s.step();
        return s.integer(0);
    }
    const auto store = storeOf(modelId);
    return store ? static_cast<std::int64_t>(store->live()) : 0;
}

struct IndexStore::Batch::Impl {
    sql::Transaction transaction;
    bool committed = false;
    explicit Impl(sql::Database& db) : transaction(db) { }
};

IndexStore::Batch::Batch(IndexStore& store) : m_store(store), m_impl(std::make_unique<Impl>(*store.m_db)) { }

IndexStore::Batch::~Batch()
{
    if (m_impl->committed)
        return;
    // The transaction rolls back; rows appended for it must not stay in the stores either,
    // and writers are opened again from what the index committed.
    for (auto& [id, writer] : m_store.m_writers)
        writer->rollback();
    m_store.m_writers.clear();
}

namespace {

std::int64_t upsertSource(sql::Database& db, const SourceRecord& r)
{
    nlohmann::json gt = nlohmann::json::array();
    for (double v : r.facts.geoTransform)
        gt.push_back(v);
    db.prepare("INSERT INTO sources(path, size, mtime, width, height, bands, data_type, driver, crs, geotransform, "
               "status, error) VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(path) DO UPDATE SET "
               "size = excluded.size, mtime = excluded.mtime, width = excluded.width, height = excluded.height, "
               "bands = excluded.bands, data_type = excluded.data_type, driver = excluded.driver, crs = excluded.crs, "
               "geotransform = excluded.geotransform, status = excluded.status, error = excluded.error")
        .bind(1, r.path)
        .bind(2, r.size)
        .bind(3, r.mtime)
        .bind(4, r.facts.width)
        .bind(5, r.facts.height)
        .bind(6, r.facts.bands)
        .bind(7, r.facts.dataType)
        .bind(8, r.facts.driver)
        .bind(9, r.facts.crs)
        .bind(10, gt.dump())
        .bind(11, r.status)
        .bind(12, r.error)
        .run();
    auto s = db.prepare("SELECT id FROM sources WHERE path = ?");
    s.bind(1, r.path);
    s.step();
    return s.integer(0);
}

} // namespace

void IndexStore::Batch::writeSource(SourceRecord source, const std::vector<NewItem>& items, std::int64_t modelId,
                                    bool complete)
{
    auto& db = *m_store.m_db;
    source.status = complete ? "done" : "partial";
    source.error.clear();
    const std::int64_t sourceId = upsertSource(db, source);
    auto insertItem =
        db.prepare("INSERT INTO items(source_id, x, y, w, h, footprint, thumbnail) VALUES(?, ?, ?, ?, ?, ?, ?)");
    StoreWriter& writer = m_store.writerFor(modelId);
    // An item's earlier row of this model (if any) becomes dead through the trigger.
    auto dropRow = db.prepare("DELETE FROM vector_rows WHERE model_id = ? AND item_id = ?");
    auto insertRow = db.prepare("INSERT INTO vector_rows(model_id, item_id, row) VALUES(?, ?, ?)");
    for (const auto& item : items) {
        std::int64_t itemId = item.existingId;
        if (!itemId) {
            insertItem.bind(1, sourceId)
                .bind(2, item.window.x)
                .bind(3, item.window.y)
                .bind(4, item.window.width)
                .bind(5, item.window.height);
            const std::string fp = footprintText(item.footprint);
            if (fp.empty())
                insertItem.bindNull(6);
            else
                insertItem.bind(6, fp);
            insertItem.bindBlob(7, item.thumbnail.data(), item.thumbnail.size());
            insertItem.run();
            itemId = db.lastInsertId();
        }
        if (item.existingId)
            dropRow.bind(1, modelId).bind(2, itemId).run();
        insertRow.bind(1, modelId).bind(2, itemId).bind(3, static_cast<std::int64_t>(writer.rows())).run();
        if (item.stored)
            writer.appendStored(itemId, item.embedding);
        else
            writer.append(itemId, item.embedding);
    }
    if (complete)
        db.prepare("INSERT OR IGNORE INTO source_models(source_id, model_id) VALUES(?, ?)")
            .bind(1, sourceId)
            .bind(2, modelId)
            .run();
}

void IndexStore::Batch::writeFailure(SourceRecord source)
{
    auto& db = *m_store.m_db;
    source.status = "failed";
    const std::int64_t id = upsertSource(db, source);
    // A file that fails now keeps no items from an earlier version.
    db.prepare("DELETE FROM items WHERE source_id = ?").bind(1, id).run();
    db.prepare("DELETE FROM source_models WHERE source_id = ?").bind(1, id).run();
}

void IndexStore::Batch::removeSource(std::int64_t sourceId)
{
    m_store.m_db->prepare("DELETE FROM sources WHERE id = ?").bind(1, sourceId).run();
}

void IndexStore::Batch::commit()
{
    // Rows reach the disk before the transaction that makes them visible commits.
    for (auto& [id, writer] : m_store.m_writers) {
        if (!writer->hasPending())
            continue;
        writer->flush();
        m_store.m_db->prepare("UPDATE stores SET rows = ? WHERE model_id = ?")
            .bind(1, static_cast<std::int64_t>(writer->rows()))
            .bind(2, id)
            .run();
    }
    m_impl->transaction.commit();
    m_impl->committed = true;
    for (auto& [id, writer] : m_store.m_writers)
        writer->committed();
}

std::optional<StoreRecord> IndexStore::storeOf(std::int64_t modelId) const
{
    if (schemaVersion() < 2)
        return std::nullopt;
    auto s = m_db->prepare("SELECT storage, precision, generation, rows, dead FROM stores WHERE model_id = ?");
    s.bind(1, modelId);
    if (!s.step())
        return std::nullopt;
    StoreRecord r;
    r.modelId = modelId;
    r.storage = parseStorage(s.text(0));
    r.precision = s.text(1);
    r.generation = s.integer(2);
    r.rows = static_cast<std::uint64_t>(s.integer(3));
    r.dead = static_cast<std::uint64_t>(s.integer(4));
    if (s.integer(3) < 0 || s.integer(4) < 0 || r.dead > r.rows || r.generation < 1)
        throw Error(path().string() + ": the record of the embedding store of model " + std::to_string(modelId) +
                        " is inconsistent",
                    "the index is damaged; re-index the archive into a new index file");
    return r;
}

ElementType IndexStore::defaultStorage() const
{
    const std::string value = meta("default_storage");
    return value.empty() ? ElementType::Float16 : parseStorage(value);
}

void IndexStore::setDefaultStorage(ElementType storage)
{
    setMeta("default_storage", elementName(storage));
}

StoreIdentity IndexStore::storeIdentity(const StoreRecord& store) const
{
    const auto model = [&]() -> std::optional<ModelRecord> {
        for (auto& m : models())
            if (m.id == store.modelId)
                return m;
        return std::nullopt;
    }();
    if (!model)
        throw Error(path().string() + ": the index has no model with id " + std::to_string(store.modelId));
    StoreIdentity identity;
    identity.modelId = store.modelId;
    identity.generation = store.generation;
    identity.element = store.storage;
    identity.dim = static_cast<std::uint32_t>(model->dim);
    identity.origin = "fingerprint=" + model->fingerprint + ";activation=" + model->activation;
    return identity;
}

void IndexStore::createStore(std::int64_t modelId, ElementType storage, const std::string& precision)
{
    StoreRecord created;
    created.modelId = modelId;
    created.storage = storage;
    created.precision = precision;
    // Files of an earlier attempt that never committed are replaced.
    auto writer = std::make_unique<StoreWriter>(storeFiles(path(), modelId, created.generation), storeIdentity(created),
                                                0, true);
    m_db->prepare("INSERT INTO stores(model_id, storage, precision, generation, rows, dead) VALUES(?, ?, ?, ?, 0, 0)")
        .bind(1, modelId)
        .bind(2, elementName(created.storage))
        .bind(3, created.precision)
        .bind(4, created.generation)
        .run();
    m_writers[modelId] = std::move(writer);
}

StoreWriter& IndexStore::writerFor(std::int64_t modelId)
{
    if (const auto it = m_writers.find(modelId); it != m_writers.end())
        return *it->second;
    // A centre fixed for an empty store holds for every writer of it (a batch that rolls
    // back opens the writers again).
    const auto withCentre = [&](StoreWriter& writer) -> StoreWriter& {
        if (const auto centre = m_centres.find(modelId); centre != m_centres.end() && writer.rows() == 0)
            writer.setCentre(centre->second);
        return writer;
    };
    const auto store = storeOf(modelId);
    if (!store) {
        // A writer that did not prepare the store (tests, benchmarks) gets the default one.
        createStore(modelId, defaultStorage(), "fp32");
        return withCentre(*m_writers.at(modelId));
    }
    try {
        auto writer = std::make_unique<StoreWriter>(storeFiles(path(), modelId, store->generation),
                                                    storeIdentity(*store), store->rows, false);
        return withCentre(*m_writers.emplace(modelId, std::move(writer)).first->second);
    } catch (const StoreDamaged& e) {
        throw Error(e.what(), "run rscir index on the archive again: it keeps what it can and indexes the rest anew");
    }
}

void IndexStore::prepareStore(std::int64_t modelId, const ModelRecord& model, std::optional<ElementType> storage,
                              const Log& log)
try {
    auto store = storeOf(modelId);
    if (!store) {
        sql::Transaction t(*m_db);
        createStore(modelId, storage.value_or(defaultStorage()), model.precision);
        t.commit();
        m_writers[modelId]->committed();
        return;
    }
    if (storage && *storage != store->storage)
        throw Error("the embeddings of " + model.name + " in " + path().string() + " are stored as " +
                        elementName(store->storage) + "; this run asks for " + elementName(*storage),
                    std::string("convert them with rscir compact --storage ") + elementName(*storage) +
                        ", or leave --storage out");
    if (store->precision != model.precision) {
        if (store->precision != "unrecorded" && store->live() > 0)
            throw Error("the embeddings of " + model.name + " in " + path().string() + " were computed in " +
                            store->precision + "; this run computes them in " + model.precision,
                        "rows of different precision are not mixed in one index: index with --precision " +
                            store->precision + ", or into a new index file");
        if (log && store->live() > 0)
            log("the precision of the existing embeddings of " + model.name +
                " was not recorded (index format 1); new rows are computed in " + model.precision);
        m_db->prepare("UPDATE stores SET precision = ? WHERE model_id = ?").bind(1, model.precision).bind(2, modelId).run();
        store->precision = model.precision;
    }
    // Files of other generations are the remains of an interrupted compaction.
    removeOtherGenerations(modelId, store->generation);
    m_writers.erase(modelId);
    try {
        m_writers[modelId] = std::make_unique<StoreWriter>(storeFiles(path(), modelId, store->generation),
                                                           storeIdentity(*store), store->rows, false);
    } catch (const StoreDamaged& damaged) {
        repairStore(*store, damaged.usableRows());
        if (log)
            log(std::string(damaged.what()) + "; kept " + std::to_string(damaged.usableRows()) +
                " rows, the files whose rows were lost are indexed again");
        m_writers.erase(modelId);
        m_writers[modelId] = std::make_unique<StoreWriter>(storeFiles(path(), modelId, store->generation),
                                                           storeIdentity(*store), damaged.usableRows(),
                                                           damaged.usableRows() == 0);
    }
} catch (...) {
    rethrowAsError("preparing the embedding store of " + path().string());
}

void IndexStore::removeOtherGenerations(std::int64_t modelId, std::int64_t generation)
{
    // Only names this index's stores of this model can have: <index>.<model>-<generation>.vec|.ids
    const std::string prefix = path().filename().string() + "." + std::to_string(modelId) + "-";
    std::error_code ec;
    const auto folder = path().parent_path().empty() ? std::filesystem::path(".") : path().parent_path();
    std::vector<std::filesystem::path> remove;
    for (const auto& entry : std::filesystem::directory_iterator(folder, ec)) {
        const std::string name = entry.path().filename().string();
        if (name.size() <= prefix.size() || name.compare(0, prefix.size(), prefix) != 0)
            continue;
        const std::string rest = name.substr(prefix.size());
        const auto dot = rest.find('.');
        if (dot == std::string::npos || dot == 0 || (rest.substr(dot) != ".vec" && rest.substr(dot) != ".ids"))
            continue;
        const std::string digits = rest.substr(0, dot);
        if (digits.size() > 18 || !std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; }))
            continue;
        if (std::stoll(digits) != generation && entry.is_regular_file(ec))
            remove.push_back(entry.path());
    }
    for (const auto& file : remove)
        std::filesystem::remove(file, ec);
}

std::filesystem::path IndexStore::storeFile(std::int64_t modelId) const
{
    const auto store = storeOf(modelId);
    return store ? storeFiles(path(), modelId, store->generation).vectors : std::filesystem::path();
}

Error IndexStore::damagedRowError(std::int64_t itemId, const std::filesystem::path& storeFile,
                                  const std::string& repair)
{
    return Error(ErrorCode::DamagedEmbedding, {std::to_string(itemId), storeFile.string()},
                 "the embedding of item " + std::to_string(itemId) + " in " + storeFile.string() +
                     " is damaged (not a finite number)",
                 "check every row and encode the damaged ones again: " + repair);
}

IndexStore::RowCheck IndexStore::checkRows(std::int64_t modelId, double tolerance)
{
    RowCheck check;
    if (!storeOf(modelId))
        return check;
    check.file = storeFile(modelId);
    const auto rows = embeddings(modelId);
    const std::size_t dim = rows->dim();
    rows->forEachBlock([&](std::size_t first, std::span<const float> block) {
        for (std::size_t r = 0; r * dim < block.size(); ++r) {
            double squares = 0;
            bool finite = true;
            for (const float v : block.subspan(r * dim, dim)) {
                finite = finite && std::isfinite(v);
                squares += static_cast<double>(v) * v;
            }
            if (!finite || !std::isfinite(squares) || std::fabs(std::sqrt(squares) - 1.0) > tolerance)
                check.damaged.push_back(rows->itemId(first + r));
        }
        return true;
    });
    check.checked = rows->size();
    if (check.damaged.empty())
        return check;
    sql::Transaction t(*m_db);
    std::set<std::int64_t> sources;
    auto sourceOf = m_db->prepare("SELECT source_id FROM items WHERE id = ?");
    // The trigger marks each dropped row dead; a compaction reclaims it.
    auto drop = m_db->prepare("DELETE FROM vector_rows WHERE model_id = ? AND item_id = ?");
    auto undone = m_db->prepare("DELETE FROM source_models WHERE model_id = ? AND source_id = ?");
    for (const std::int64_t item : check.damaged) {
        sourceOf.bind(1, item);
        if (sourceOf.step())
            sources.insert(sourceOf.integer(0));
        sourceOf.reset();
        drop.bind(1, modelId).bind(2, item).run();
    }
    for (const std::int64_t source : sources)
        undone.bind(1, modelId).bind(2, source).run();
    t.commit();
    check.sources = static_cast<std::int64_t>(sources.size());
    return check;
}

void IndexStore::repairStore(const StoreRecord& store, std::uint64_t usableRows)
{
    const auto usable = static_cast<std::int64_t>(usableRows);
    sql::Transaction t(*m_db);
    // Sources with a lost row are no longer done for this model: the next run encodes them again.
    m_db->prepare("DELETE FROM source_models WHERE model_id = ? AND source_id IN (SELECT items.source_id FROM "
                  "vector_rows JOIN items ON items.id = vector_rows.item_id WHERE vector_rows.model_id = ? AND "
                  "vector_rows.row >= ?)")
        .bind(1, store.modelId)
        .bind(2, store.modelId)
        .bind(3, usable)
        .run();
    m_db->prepare("DELETE FROM vector_rows WHERE model_id = ? AND row >= ?").bind(1, store.modelId).bind(2, usable).run();
    m_db->prepare("DELETE FROM dead_rows WHERE model_id = ? AND row >= ?").bind(1, store.modelId).bind(2, usable).run();
    m_db->prepare("UPDATE stores SET rows = ?, dead = (SELECT count(*) FROM dead_rows WHERE model_id = ?) "
                  "WHERE model_id = ?")
        .bind(1, usable)
        .bind(2, store.modelId)
        .bind(3, store.modelId)
        .run();
    t.commit();
}

std::shared_ptr<const ArchiveEmbeddings> IndexStore::embeddings(std::int64_t modelId) const
try {
    if (schemaVersion() < 2)
        return legacyEmbeddings(modelId);
    // A compaction may replace the store between reading its record and mapping it: try again.
    for (int attempt = 0;; ++attempt) {
        std::optional<StoreRecord> store;
        std::vector<std::uint64_t> dead;
        {
            // One read transaction: the record and the dead rows come from the same snapshot.
            const sql::ReadTransaction snapshot(*m_db);
            store = storeOf(modelId);
            if (!store) {
                // A model whose first rows were never committed has none.
                bool known = false;
                for (const auto& m : models())
                    known = known || m.id == modelId;
                if (!known)
                    throw Error("the index " + path().string() + " has no model with id " + std::to_string(modelId));
                return std::make_shared<const ArchiveEmbeddings>(EmbeddingMatrix(), std::vector<std::int64_t>{});
            }
            auto s = m_db->prepare("SELECT row FROM dead_rows WHERE model_id = ? AND row >= 0 AND row < ? ORDER BY row");
            s.bind(1, modelId).bind(2, static_cast<std::int64_t>(store->rows));
            // A count from the index file sizes nothing by itself: the rows read do.
            dead.reserve(static_cast<std::size_t>(std::min<std::uint64_t>(store->dead, 1u << 20)));
            while (s.step())
                dead.push_back(static_cast<std::uint64_t>(s.integer(0)));
        }
        // Whether the record read again is no longer the one mapped (a writer committed).
        const auto changed = [&](const std::optional<StoreRecord>& now) {
            return !now || now->generation != store->generation || now->rows != store->rows || now->dead != store->dead;
        };
        std::shared_ptr<const ArchiveEmbeddings> mapped;
        try {
            mapped = mapStore(storeFiles(path(), modelId, store->generation), storeIdentity(*store), store->rows, dead);
        } catch (const StoreDamaged& e) {
            if (attempt < 8 && changed(storeOf(modelId)))
                continue; // a writer changed the store meanwhile
            throw Error(e.what(), "run rscir index on the archive again: it keeps what it can and indexes the rest anew");
        }
        // The store's item ids against the index, at 64 rows spread over it: a store of
        // another index, or ids overwritten, would rank the wrong items without a word.
        const sql::ReadTransaction snapshot(*m_db);
        if (changed(storeOf(modelId))) {
            if (attempt < 8)
                continue; // a writer committed meanwhile
        } else {
            auto rowOf = m_db->prepare("SELECT row FROM vector_rows WHERE model_id = ? AND item_id = ?");
            const std::size_t n = mapped->size(), samples = std::min<std::size_t>(n, 64);
            for (std::size_t k = 0; k < samples; ++k) {
                const std::size_t index = samples < 2 ? 0 : k * (n - 1) / (samples - 1);
                rowOf.bind(1, modelId).bind(2, mapped->itemId(index));
                const bool agrees = rowOf.step() && static_cast<std::uint64_t>(rowOf.integer(0)) == mapped->storedRow(index);
                rowOf.reset();
                if (!agrees)
                    throw Error("the embedding store " + storeFiles(path(), modelId, store->generation).ids.string() +
                                    " names item " + std::to_string(mapped->itemId(index)) + " at row " +
                                    std::to_string(mapped->storedRow(index)) + ", which the index does not",
                                "the store was damaged or replaced; run rscir index on the archive again: it keeps "
                                "what it can and indexes the rest anew");
            }
        }
        return mapped;
    }
} catch (...) {
    rethrowAsError("reading the embeddings of " + path().string());
}

std::shared_ptr<const ArchiveEmbeddings> IndexStore::legacyEmbeddings(std::int64_t modelId) const
{
    // Format 1 keeps each embedding as a blob: one sequential read into memory.
    const ModelRecord* model = nullptr;
    const auto all = models();
    for (const auto& m : all)
        if (m.id == modelId)
            model = &m;
    if (!model)
        throw Error("the index has no model with id " + std::to_string(modelId));
    const sql::ReadTransaction snapshot(*m_db);
    const std::size_t count = static_cast<std::size_t>(embeddingCount(modelId));
    const std::size_t dim = static_cast<std::size_t>(model->dim);
    EmbeddingMatrix matrix(count, dim);
    std::vector<std::int64_t> ids;
    ids.reserve(count);
    auto s = m_db->prepare("SELECT item_id, vector FROM embeddings WHERE model_id = ? ORDER BY item_id");
    s.bind(1, modelId);
    std::size_t row = 0;
    while (row < count && s.step()) {
        const auto blob = s.blob(1);
        if (blob.size() != dim * 4)
            throw Error(path().string() + ": the embedding of item " + std::to_string(s.integer(0)) + " has " +
                            std::to_string(blob.size()) + " bytes; expected " + std::to_string(dim * 4),
                        "the index is damaged; re-index the archive");
        std::memcpy(matrix.row(row).data(), blob.data(), blob.size());
        ids.push_back(s.integer(0));
        ++row;
    }
    if (row != count)
        throw Error(path().string() + ": the index holds fewer embeddings than it counts", "the index is damaged");
    matrix.checkFinite();
    return std::make_shared<const ArchiveEmbeddings>(std::move(matrix), std::move(ids));
}

std::vector<std::string> IndexStore::compact(std::optional<ElementType> storage, const Log& log)
try {
    std::vector<std::string> report;
    for (const auto& model : models()) {
        auto store = storeOf(model.id);
        if (!store)
            continue;
        const ElementType target = storage.value_or(store->storage);
        if (store->dead == 0 && target == store->storage) {
            report.push_back(model.name + ": " + std::to_string(store->rows) + " rows, nothing to reclaim");
            continue;
        }
        // The live rows, in order, into the next generation's files; readers of the old
        // generation keep their mapping until they let go of it.
        const auto current = embeddings(model.id);
        m_writers.erase(model.id);
        StoreRecord next = *store;
        next.generation = store->generation + 1;
        next.storage = target;
        next.rows = current->size();
        next.dead = 0;
        const StoreFiles nextFiles = storeFiles(path(), model.id, next.generation);
        auto writer = std::make_unique<StoreWriter>(nextFiles, storeIdentity(next), 0, true);
        if (next.storage == store->storage)
            writer->setCentre(current->centre());
        const std::size_t dim = current->dim();
        current->forEachBlock([&](std::size_t first, std::span<const float> block) {
            for (std::size_t r = 0; r * dim < block.size(); ++r)
                writer->append(current->itemId(first + r), block.subspan(r * dim, dim));
            if (writer->rows() % 65536 == 0)
                writer->flush();
            return true;
        });
        writer->flush();
        sql::Transaction t(*m_db);
        // Live row i of the old store is row i of the new one; rows before the first dead
        // row keep their number.
        {
            auto renumber = m_db->prepare("UPDATE vector_rows SET row = ? WHERE model_id = ? AND item_id = ?");
            const auto itemIds = current->itemIds();
            auto firstMoved = m_db->prepare("SELECT min(row) FROM dead_rows WHERE model_id = ?");
            firstMoved.bind(1, model.id);
            const std::size_t unchanged =
                firstMoved.step() && !firstMoved.isNull(0) ? static_cast<std::size_t>(std::max<std::int64_t>(0, firstMoved.integer(0))) : 0;
            for (std::size_t i = std::min(unchanged, itemIds.size()); i < itemIds.size(); ++i)
                renumber.bind(1, static_cast<std::int64_t>(i)).bind(2, model.id).bind(3, itemIds[i]).run();
        }
        m_db->prepare("DELETE FROM dead_rows WHERE model_id = ?").bind(1, model.id).run();
        m_db->prepare("UPDATE stores SET storage = ?, generation = ?, rows = ?, dead = 0 WHERE model_id = ?")
            .bind(1, elementName(next.storage))
            .bind(2, next.generation)
            .bind(3, static_cast<std::int64_t>(next.rows))
            .bind(4, model.id)
            .run();
        t.commit();
        writer->committed();
        const StoreFiles oldFiles = storeFiles(path(), model.id, store->generation);
        std::error_code ec;
        std::filesystem::remove(oldFiles.vectors, ec);
        std::filesystem::remove(oldFiles.ids, ec);
        const std::string line = model.name + ": " + std::to_string(store->rows) + " rows (" + elementName(store->storage) +
                                 ") -> " + std::to_string(next.rows) + " rows (" + elementName(next.storage) + ")";
        if (log)
            log(line);
        report.push_back(line);
    }
    try {
        m_db->exec("VACUUM");
    } catch (const Error& e) {
        if ((sqlite3_extended_errcode(m_db->handle()) & 0xff) != SQLITE_FULL)
            throw;
        // Everything above is committed: the index is whole; only the free pages stay.
        report.push_back("the index is complete and consistent; its database's free space was not given back (" +
                         e.message() + "); run rscir compact again when there is room");
    }
    return report;
} catch (...) {
    rethrowAsError("compacting " + path().string());
}

} // namespace rscir

namespace rscir {

std::optional<IndexStore::ShardRecord> IndexStore::shard() const
{
    const std::string text = meta("shard");
    if (text.empty())
        return std::nullopt;
    const auto json = nlohmann::json::parse(text, nullptr, false);
    ShardRecord record;
    if (!json.is_object() || !json.contains("index") || !json.contains("count") || !json["index"].is_number_integer() ||
        !json["count"].is_number_integer())
        throw Error("the index " + path().string() + " describes its shard in a way rscir cannot read: " + text);
    record.index = json["index"].get<int>();
    record.count = json["count"].get<int>();
    if (json.contains("plan") && json["plan"].is_string())
        record.plan = json["plan"].get<std::string>();
    if (record.count < 1 || record.index < 1 || record.index > record.count)
        throw Error("the index " + path().string() + " names a shard that cannot exist: " + text);
    return record;
}

void IndexStore::setShard(const ShardRecord& shard)
{
    setMeta("shard", nlohmann::json{{"index", shard.index}, {"count", shard.count}, {"plan", shard.plan}}.dump());
}

void IndexStore::setStoreCentre(std::int64_t modelId, std::vector<float> centre)
{
    const auto store = storeOf(modelId);
    if (!store || store->rows != 0 || store->storage != ElementType::Float16)
        return;
    m_centres[modelId] = centre;
    writerFor(modelId).setCentre(std::move(centre));
}

std::vector<std::pair<ItemRecord, std::uint64_t>> IndexStore::itemRowsOfSource(std::int64_t sourceId,
                                                                               std::int64_t modelId,
                                                                               std::int64_t afterId, int limit) const
{
    std::vector<std::pair<ItemRecord, std::uint64_t>> out;
    auto s = m_db->prepare(std::string("SELECT ") + kItemColumns +
                           ", vector_rows.row FROM items JOIN sources ON sources.id = items.source_id JOIN vector_rows "
                           "ON vector_rows.item_id = items.id AND vector_rows.model_id = ? WHERE items.source_id = ? "
                           "AND items.id > ? ORDER BY items.id LIMIT ?");
    s.bind(1, modelId).bind(2, sourceId).bind(3, afterId).bind(4, limit);
    while (s.step())
        out.emplace_back(readItem(s), static_cast<std::uint64_t>(s.integer(10)));
    return out;
}

std::vector<SourceRecord> IndexStore::sourcesPage(std::int64_t afterId, int limit) const
{
    std::vector<SourceRecord> out;
    auto s = m_db->prepare(std::string("SELECT ") + kSourceColumns + " FROM sources WHERE id > ? ORDER BY id LIMIT ?");
    s.bind(1, afterId).bind(2, limit);
    while (s.step())
        out.push_back(readSource(s));
    return out;
}

std::int64_t IndexStore::sourceCount(const std::string& status) const
{
    auto s = m_db->prepare("SELECT count(*) FROM sources WHERE status = ?");
    s.bind(1, status);
    return s.step() ? s.integer(0) : 0;
}

std::optional<std::int64_t> IndexStore::sourceId(const std::string& sourcePath) const
{
    auto s = m_db->prepare("SELECT id FROM sources WHERE path = ?");
    s.bind(1, sourcePath);
    if (s.step())
        return s.integer(0);
    return std::nullopt;
}

} // namespace rscir
