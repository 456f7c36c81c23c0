#include "core/index/index_store.h"

#include "core/index/sqlite.h"
#include "core/base/error.h"

#include <nlohmann/json.hpp>

#include <cstring>

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

std::string footprintText(const std::optional<Footprint>& fp)
{
    if (!fp)
        return {};
    nlohmann::json ring = nlohmann::json::array();
    for (const auto& p : *fp)
        ring.push_back({p[0], p[1]});
    return ring.dump();
}

std::optional<Footprint> parseFootprint(const std::string& text)
{
    if (text.empty())
        return std::nullopt;
    const auto ring = nlohmann::json::parse(text, nullptr, false);
    if (!ring.is_array() || ring.size() != 5)
        return std::nullopt;
    Footprint fp{};
    for (std::size_t i = 0; i < 5; ++i)
        fp[i] = {ring[i][0].get<double>(), ring[i][1].get<double>()};
    return fp;
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
    if (gt.is_array() && gt.size() == 6)
        for (std::size_t i = 0; i < 6; ++i)
            r.facts.geoTransform[i] = gt[i].get<double>();
    r.facts.georeferenced = !r.facts.crs.empty();
    r.status = s.text(11);
    r.error = s.text(12);
    return r;
}

const char* kSourceColumns =
    "id, path, size, mtime, width, height, bands, data_type, driver, crs, geotransform, status, error";
const char* kItemColumns = "items.id, items.source_id, sources.path, x, y, w, h, footprint";

ItemRecord readItem(const sql::Statement& s)
{
    ItemRecord r;
    r.id = s.integer(0);
    r.sourceId = s.integer(1);
    r.path = s.text(2);
    r.window = {static_cast<int>(s.integer(3)), static_cast<int>(s.integer(4)), static_cast<int>(s.integer(5)),
                static_cast<int>(s.integer(6))};
    r.footprint = parseFootprint(s.text(7));
    return r;
}

} // namespace

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
           (bandText.empty() ? "auto" : bandText) + ", stretch " +
           (stretch == StretchMode::Auto         ? "auto"
            : stretch == StretchMode::Percentile ? "percentile"
                                                 : "none");
}

std::optional<std::size_t> LoadedEmbeddings::rowOf(std::int64_t itemId) const
{
    const auto it = std::lower_bound(itemIds.begin(), itemIds.end(), itemId);
    if (it == itemIds.end() || *it != itemId)
        return std::nullopt;
    return static_cast<std::size_t>(it - itemIds.begin());
}

IndexStore::IndexStore(std::unique_ptr<sql::Database> db) : m_db(std::move(db)) { }
IndexStore::~IndexStore() = default;

std::unique_ptr<IndexStore> IndexStore::open(const std::filesystem::path& path, bool create, bool readOnly)
try {
    std::error_code ec;
    const bool exists = std::filesystem::exists(path, ec);
    if (!exists && !create)
        throw Error("the index " + path.string() + " does not exist", "create it with rscir index");
    auto store = std::unique_ptr<IndexStore>(new IndexStore(std::make_unique<sql::Database>(path, create, readOnly)));
    auto& db = *store->m_db;
    try {
        db.exec("PRAGMA foreign_keys = ON");
        if (!exists)
            // Large pages keep a ViT-L/14 embedding (3 KiB) and a thumbnail inside their B-tree
            // pages instead of overflow chains, so that loading a matrix reads the file in order.
            db.exec("PRAGMA page_size = 65536");
        if (!readOnly) {
            db.exec("PRAGMA journal_mode = WAL");
            db.exec("PRAGMA synchronous = NORMAL");
        }
        auto check = db.prepare("SELECT count(*) FROM sqlite_master");
        check.step();
        const bool empty = check.integer(0) == 0;
        if (empty && readOnly)
            throw Error(path.string() + " is empty; it is not an rscir index");
        if (empty || !exists)
            store->migrate();
        auto table = db.prepare("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'meta'");
        table.step();
        if (table.integer(0) == 0)
            throw Error(path.string() + " is an SQLite database but not an rscir index");
        const std::string version = store->meta("schema_version");
        const int v = version.empty() ? 0 : std::stoi(version);
        if (v > kSchemaVersion)
            throw Error(path.string() + " was written by a newer rscir (index format " + version + "; this one reads " +
                            std::to_string(kSchemaVersion) + ")",
                        "update rscir to open it");
        if (v < kSchemaVersion && !readOnly)
            store->migrate();
    } catch (const Error&) {
        throw;
    }
    return store;
} catch (...) {
    rethrowAsError(path.string());
}

void IndexStore::migrate()
{
    // Migrations run in order inside one transaction; version 1 is the first schema.
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
    setMeta("schema_version", std::to_string(kSchemaVersion));
    t.commit();
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
    return p.is_absolute() ? p : (path().parent_path() / p).lexically_normal();
}

void IndexStore::setArchiveRoot(const std::filesystem::path& root)
{
    // Relative to the index's folder when the archive lies beside or below it, so that
    // the archive and its index can move together.
    const auto absoluteRoot = std::filesystem::absolute(root).lexically_normal();
    const auto indexFolder = std::filesystem::absolute(path()).parent_path().lexically_normal();
    auto relative = absoluteRoot.lexically_relative(indexFolder);
    const bool inside = !relative.empty() && relative.begin()->string() != "..";
    setMeta("archive_root", inside ? relative.generic_string() : absoluteRoot.string());
}

std::optional<ArchiveSettings> IndexStore::settings() const
{
    const auto text = meta("settings");
    if (text.empty())
        return std::nullopt;
    const auto json = nlohmann::json::parse(text, nullptr, false);
    ArchiveSettings s;
    s.tile = json.value("tile", 256);
    s.overlap = json.value("overlap", 0);
    s.bands = json.value("bands", std::vector<int>{});
    s.stretch = static_cast<StretchMode>(json.value("stretch", 0));
    return s;
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
        out.push_back({s.integer(0), s.text(1), s.text(2), s.text(3), s.text(4), static_cast<int>(s.integer(5))});
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
    auto s = m_db->prepare(std::string("SELECT ") + kItemColumns +
                           " FROM items JOIN sources ON sources.id = items.source_id WHERE items.id > ? "
                           "AND instr(lower(sources.path), lower(?)) > 0 ORDER BY items.id LIMIT ?");
    s.bind(1, afterId).bind(2, filter).bind(3, limit);
    while (s.step())
        out.push_back(readItem(s));
    return out;
}

std::int64_t IndexStore::itemCount(const std::string& filter) const
{
    auto s = m_db->prepare("SELECT count(*) FROM items JOIN sources ON sources.id = items.source_id "
                           "WHERE instr(lower(sources.path), lower(?)) > 0");
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
    auto s = m_db->prepare("SELECT count(*) FROM items");
    s.step();
    return s.integer(0);
}

std::int64_t IndexStore::embeddingCount(std::int64_t modelId) const
{
    auto s = m_db->prepare("SELECT count(*) FROM embeddings WHERE model_id = ?");
    s.bind(1, modelId);
    s.step();
    return s.integer(0);
}

struct IndexStore::Batch::Impl {
    sql::Transaction transaction;
    explicit Impl(sql::Database& db) : transaction(db) { }
};

IndexStore::Batch::Batch(IndexStore& store) : m_store(store), m_impl(std::make_unique<Impl>(*store.m_db)) { }
IndexStore::Batch::~Batch() = default;

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

void IndexStore::Batch::writeSource(SourceRecord source, const std::vector<NewItem>& items, std::int64_t modelId)
{
    auto& db = *m_store.m_db;
    source.status = "done";
    source.error.clear();
    const std::int64_t sourceId = upsertSource(db, source);
    auto insertItem =
        db.prepare("INSERT INTO items(source_id, x, y, w, h, footprint, thumbnail) VALUES(?, ?, ?, ?, ?, ?, ?)");
    auto insertEmbedding = db.prepare("INSERT OR REPLACE INTO embeddings(model_id, item_id, vector) VALUES(?, ?, ?)");
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
        insertEmbedding.bind(1, modelId).bind(2, itemId).bindBlob(3, item.embedding.data(), item.embedding.size() * 4);
        insertEmbedding.run();
    }
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
    m_impl->transaction.commit();
}

LoadedEmbeddings IndexStore::loadEmbeddings(std::int64_t modelId) const
try {
    const ModelRecord* model = nullptr;
    const auto all = models();
    for (const auto& m : all)
        if (m.id == modelId)
            model = &m;
    if (!model)
        throw Error("the index has no model with id " + std::to_string(modelId));
    // One read transaction: the count and the rows come from the same snapshot, even
    // while an indexing run writes (WAL).
    m_db->exec("BEGIN");
    struct EndRead {
        sql::Database& db;
        ~EndRead() { sqlite3_exec(db.handle(), "COMMIT", nullptr, nullptr, nullptr); }
    } endRead{*m_db};
    const std::size_t count = static_cast<std::size_t>(embeddingCount(modelId));
    const std::size_t dim = static_cast<std::size_t>(model->dim);
    LoadedEmbeddings loaded;
    loaded.matrix = EmbeddingMatrix(count, dim);
    loaded.itemIds.reserve(count);
    // The primary key (model_id, item_id) makes this one range scan in item order.
    auto s = m_db->prepare("SELECT item_id, vector FROM embeddings WHERE model_id = ? ORDER BY item_id");
    s.bind(1, modelId);
    std::size_t row = 0;
    while (s.step() && row < count) {
        const auto blob = s.blob(1);
        if (blob.size() != dim * 4)
            throw Error(path().string() + ": the embedding of item " + std::to_string(s.integer(0)) + " has " +
                            std::to_string(blob.size()) + " bytes; expected " + std::to_string(dim * 4),
                        "the index is damaged; re-index the archive");
        std::memcpy(loaded.matrix.row(row).data(), blob.data(), blob.size());
        loaded.itemIds.push_back(s.integer(0));
        ++row;
    }
    if (row != count)
        throw Error(path().string() + ": the index holds fewer embeddings than it counts", "the index is damaged");
    loaded.matrix.checkFinite();
    return loaded;
} catch (...) {
    rethrowAsError("reading the embeddings of " + path().string());
}

} // namespace rscir
