#include "core/index/index_store.h"
#include "core/index/stac.h"
#include "core/base/acquisition_time.h"

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
#include <map>
#include <set>

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

// Sources and items: the archive they belong to, reading them, and writing them in batches.

namespace rscir {

namespace {

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

std::filesystem::path IndexStore::archiveRoot() const
{
    const std::string root = meta("archive_root");
    if (root.empty())
        return {};
    std::filesystem::path p(root);
    return p.is_absolute() ? p : (std::filesystem::absolute(path()).parent_path() / p).lexically_normal();
}

namespace {

/// The remote schemes rscir reads, and GDAL's virtual file system for each (the cloud ones
/// with GDAL's own credential settings: AWS_*, GS_*, AZURE_*).
constexpr std::pair<std::string_view, std::string_view> kRemoteSchemes[] = {
    {"http://", "/vsicurl/"}, {"https://", "/vsicurl/"}, {"s3://", "/vsis3/"}, {"gs://", "/vsigs/"}, {"az://", "/vsiaz/"}};

} // namespace

bool isRemoteSource(std::string_view path)
{
    return std::any_of(std::begin(kRemoteSchemes), std::end(kRemoteSchemes),
                       [&](const auto& s) { return path.rfind(s.first, 0) == 0; });
}

std::string gdalPathOfRemote(const std::string& url)
{
    for (const auto& [scheme, vsi] : kRemoteSchemes)
        if (url.rfind(scheme, 0) == 0)
            return std::string(vsi) + (vsi == "/vsicurl/" ? url : url.substr(scheme.size()));
    throw Error(url.substr(0, 256) + " is not an address rscir reads (http, https, s3, gs, az)");
}

std::string remoteSourceProblem(const std::string& url)
{
    if (!isRemoteSource(url))
        return "only http, https, s3, gs and az addresses are read";
    if (url.size() > 4096)
        return "the address is longer than 4096 bytes";
    if (std::any_of(url.begin(), url.end(), [](unsigned char c) { return c <= 0x20 || c == 0x7f; }))
        return "the address holds spaces or control characters";
    if (url.find_first_of("?#") != std::string::npos)
        return "the address holds a query or fragment";
    const auto start = url.find("://") + 3;
    const auto authorityEnd = url.find('/', start);
    const std::string authority = url.substr(start, authorityEnd == std::string::npos ? std::string::npos : authorityEnd - start);
    if (authority.empty())
        return "the address names no server";
    if (authority.find('@') != std::string::npos)
        return "the address holds a user name or password (give them through GDAL's settings)";
    return {};
}

std::string sourcePathProblem(const std::string& relative)
{
    if (isRemoteSource(relative))
        return remoteSourceProblem(relative);
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

bool IndexStore::hasSourcePartsTable() const
{
    if (!m_hasSourceParts) { // looked up again while it is not there: another process may make it
        auto has = m_db->prepare("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'source_parts'");
        if (has.step() && has.integer(0) > 0)
            m_hasSourceParts = true;
    }
    return m_hasSourceParts;
}

std::vector<std::string> IndexStore::sourceParts(const std::string& relative) const
{
    std::vector<std::string> parts;
    if (!hasSourcePartsTable())
        return parts;
    auto s = m_db->prepare("SELECT parts FROM source_parts WHERE path = ?");
    s.bind(1, relative);
    if (!s.step())
        return parts;
    const auto json = nlohmann::json::parse(s.text(0), nullptr, false);
    if (!json.is_array() || json.empty() || json.size() > 16)
        throw Error(ErrorCode::SourceOutsideArchive, {path().string(), relative, "its list of bands is damaged"},
                    path().string() + " names a stack of bands it cannot read: " + relative);
    for (const auto& part : json) {
        if (!part.is_string())
            throw Error(path().string() + " names a stack of bands it cannot read: " + relative);
        parts.push_back(part.get<std::string>());
    }
    return parts;
}

void IndexStore::setSourceParts(const std::map<std::string, std::vector<std::string>>& byPath)
{
    if (byPath.empty() && !hasSourcePartsTable())
        return; // an index that never held a stack is not changed
    sql::Transaction t(*m_db);
    m_db->exec("CREATE TABLE IF NOT EXISTS source_parts(path TEXT PRIMARY KEY, parts TEXT NOT NULL)");
    m_hasSourceParts = true;
    // Stacks of sources gone are dropped with them; those of this run are written anew.
    m_db->exec("DELETE FROM source_parts WHERE path NOT IN (SELECT path FROM sources)");
    auto write = m_db->prepare("INSERT OR REPLACE INTO source_parts(path, parts) VALUES(?, ?)");
    for (const auto& [source, parts] : byPath) {
        write.bind(1, source).bind(2, nlohmann::json(parts).dump());
        write.run();
    }
    t.commit();
}

std::filesystem::path IndexStore::sourceFile(const std::string& relative) const
{
    if (const auto parts = sourceParts(relative); !parts.empty()) {
        // The stack's own name too: it is registered for every reader of this process.
        if (const std::string why = sourcePathProblem(relative); !why.empty())
            throw Error(ErrorCode::SourceOutsideArchive, {path().string(), relative.substr(0, 256), why},
                        path().string() + " names a stack of bands that rscir does not read: " +
                            relative.substr(0, 256) + " (" + why + ")");
        std::vector<std::string> files; // each a file of its own, never a stack
        for (const std::string& part : parts)
            files.push_back(fileOf(part).string());
        const std::string name = isRemoteSource(relative) ? relative : (archiveRoot() / relative).string();
        registerBandStack(name, std::move(files));
        return name;
    }
    return fileOf(relative);
}

std::filesystem::path IndexStore::fileOf(const std::string& relative) const
{
    if (isRemoteSource(relative)) { // read through GDAL, never as a local path
        if (const std::string why = remoteSourceProblem(relative); !why.empty())
            throw Error(ErrorCode::SourceOutsideArchive, {path().string(), relative.substr(0, 256), why},
                        path().string() + " names a source that rscir does not read: " + relative.substr(0, 256) +
                            " (" + why + ")",
                        "index the catalogue again into a new index file");
        return gdalPathOfRemote(relative);
    }
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
    setMeta("settings", archiveSettingsText(s));
}

std::optional<double> IndexStore::groundResolution() const
{
    if (const auto s = settings(); s && s->gsd > 0)
        return s->gsd;
    std::vector<double> resolutions;
    std::int64_t after = 0;
    for (;;) {
        const auto page = sourcesPage(after, 1000);
        if (page.empty())
            break;
        for (const SourceRecord& source : page)
            if (source.status != "failed")
                if (const auto r = rscir::groundResolution(source.facts))
                    resolutions.push_back(*r);
        after = page.back().id;
    }
    if (resolutions.empty())
        return std::nullopt;
    std::nth_element(resolutions.begin(), resolutions.begin() + resolutions.size() / 2, resolutions.end());
    return resolutions[resolutions.size() / 2];
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
    attachMeta(out);
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
    std::vector<SourceRecord> one{readSource(s)};
    attachMeta(one);
    return std::move(one.front());
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

/// A source's acquisition facts (format 3), replacing what was known; none removes them.
void writeMeta(sql::Database& db, std::int64_t sourceId, const SourceMeta& m)
{
    if (m.empty()) {
        db.prepare("DELETE FROM source_meta WHERE source_id = ?").bind(1, sourceId).run();
        return;
    }
    auto s = db.prepare("INSERT OR REPLACE INTO source_meta(source_id, acquired, platform, collection, stac_id, gsd, "
                        "cloud_cover) VALUES(?, ?, ?, ?, ?, ?, ?)");
    s.bind(1, sourceId).bind(2, m.acquired).bind(3, m.platform).bind(4, m.collection).bind(5, m.stacId);
    if (m.gsd)
        s.bind(6, *m.gsd);
    else
        s.bindNull(6);
    if (m.cloudCover)
        s.bind(7, *m.cloudCover);
    else
        s.bindNull(7);
    s.run();
}

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
    const std::int64_t id = s.integer(0);
    writeMeta(db, id, r.meta);
    return id;
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
    attachMeta(out);
    return out;
}

void IndexStore::attachMeta(std::vector<SourceRecord>& sources) const
{
    if (!m_hasSourceMeta || sources.empty())
        return;
    std::map<std::int64_t, SourceRecord*> byId;
    std::int64_t low = sources.front().id, high = low;
    for (SourceRecord& r : sources) {
        byId[r.id] = &r;
        low = std::min(low, r.id);
        high = std::max(high, r.id);
    }
    auto s = m_db->prepare("SELECT source_id, acquired, platform, collection, stac_id, gsd, cloud_cover FROM "
                           "source_meta WHERE source_id BETWEEN ? AND ?");
    s.bind(1, low).bind(2, high);
    while (s.step()) {
        const auto it = byId.find(s.integer(0));
        if (it == byId.end())
            continue;
        SourceMeta& m = it->second->meta;
        // From the index file, so from anyone: a time that is not one is not kept.
        m.acquired = normaliseAcquisitionTime(s.text(1));
        m.platform = s.text(2).substr(0, 256);
        m.collection = s.text(3).substr(0, 256);
        m.stacId = s.text(4).substr(0, 1024);
        if (!s.isNull(5) && std::isfinite(s.real(5)) && s.real(5) > 0)
            m.gsd = s.real(5);
        if (!s.isNull(6) && std::isfinite(s.real(6)) && s.real(6) >= 0 && s.real(6) <= 100)
            m.cloudCover = s.real(6);
    }
}

std::size_t IndexStore::setSourceMeta(const std::map<std::string, SourceMeta>& byPath)
{
    if (byPath.empty())
        return 0;
    sql::Transaction t(*m_db);
    std::size_t changed = 0;
    std::int64_t after = 0;
    for (;;) {
        const auto page = sourcesPage(after, 1000);
        if (page.empty())
            break;
        for (const SourceRecord& source : page) {
            const auto it = byPath.find(source.path);
            if (it == byPath.end())
                continue;
            SourceMeta meta = it->second;
            if (meta.acquired.empty())
                meta.acquired = source.meta.acquired; // the raster's own, or its name's
            if (meta == source.meta)
                continue;
            writeMeta(*m_db, source.id, meta);
            ++changed;
        }
        after = page.back().id;
    }
    t.commit();
    return changed;
}

std::size_t IndexStore::dateSourcesByName(const std::string& pattern)
{
    sql::Transaction t(*m_db);
    std::size_t dated = 0;
    std::int64_t after = 0;
    auto write = m_db->prepare("INSERT INTO source_meta(source_id, acquired) VALUES(?, ?) "
                               "ON CONFLICT(source_id) DO UPDATE SET acquired = excluded.acquired");
    for (;;) {
        const auto page = sourcesPage(after, 1000);
        if (page.empty())
            break;
        for (const SourceRecord& source : page) {
            const std::string when =
                acquisitionTimeFromName(std::filesystem::path(source.path).filename().string(), pattern);
            if (when.empty())
                continue;
            write.bind(1, source.id).bind(2, when);
            write.run();
            ++dated;
        }
        after = page.back().id;
    }
    t.commit();
    return dated;
}

std::string IndexStore::datePattern() const
{
    const std::string pattern = meta("date_pattern");
    return datePatternProblem(pattern).empty() ? pattern : std::string();
}

void IndexStore::setDatePattern(const std::string& pattern)
{
    setMeta("date_pattern", pattern);
}

std::string IndexStore::catalogue() const
{
    // From the index file, so from anyone: a server's address without user or query (but a
    // search's own parameters), an absolute path, or "list:" and an absolute path.
    const std::string held = meta("stac_catalogue");
    if (held.size() > 8192)
        return {};
    if (held.rfind("http://", 0) == 0 || held.rfind("https://", 0) == 0) {
        const std::string address = held.substr(0, held.find('?'));
        return remoteSourceProblem(address).empty() ? held : std::string();
    }
    const std::string path = held.rfind(kListPrefix, 0) == 0 ? held.substr(kListPrefix.size()) : held;
    return !path.empty() && path.front() == '/' && path.find('\0') == std::string::npos ? held : std::string();
}

std::string IndexStore::catalogueAsset() const
{
    return meta("stac_asset").substr(0, 256);
}

std::string IndexStore::catalogueBands() const
{
    return meta("stac_bands").substr(0, 256);
}

void IndexStore::setCatalogue(const std::string& source, const std::string& asset, const std::string& bands)
{
    setMeta("stac_catalogue", source.substr(0, 8192)); // callers give it without secrets (addressWithoutSecrets)
    setMeta("stac_asset", asset);
    setMeta("stac_bands", bands);
}

IndexStore::AcquisitionSpan IndexStore::acquisitionSpan() const
{
    AcquisitionSpan span;
    if (!m_hasSourceMeta)
        return span;
    auto s = m_db->prepare("SELECT min(acquired), max(acquired), count(acquired) FROM source_meta "
                           "WHERE acquired IS NOT NULL AND acquired != ''");
    if (s.step() && !s.isNull(0)) {
        span.first = normaliseAcquisitionTime(s.text(0));
        span.last = normaliseAcquisitionTime(s.text(1));
        span.dated = s.integer(2);
    }
    return span;
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
