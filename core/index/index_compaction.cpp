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

// Checking rows and compaction: dropping damaged and deleted rows, giving space back.

namespace rscir {

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
