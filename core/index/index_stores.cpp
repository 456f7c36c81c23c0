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

// The embedding-store catalogue: which store holds a model's rows, its writer, its generations, and mapping it for search.

namespace rscir {

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

void IndexStore::setStoreCentre(std::int64_t modelId, std::vector<float> centre)
{
    const auto store = storeOf(modelId);
    if (!store || store->rows != 0 || store->storage != ElementType::Float16)
        return;
    m_centres[modelId] = centre;
    writerFor(modelId).setCentre(std::move(centre));
}

} // namespace rscir
