#include "ui/archive/archive_service.h"

#include "core/base/error.h"
#include "core/base/threads.h"
#include "ui/common/errors.h"

#include <QDate>
#include <QElapsedTimer>
#include <QMetaObject>

#include <algorithm>
#include <map>
#include <thread>

namespace rscir::ui {

/// Lives in the service's thread; owns the index connection and the matrices. Every
/// request names the generation it was made for; requests for another generation than
/// the open one are answered with nothing (their sender has moved on).
class ArchiveWorker : public QObject {
    Q_OBJECT
public:
    explicit ArchiveWorker(ArchiveService* service) : m_service(service) { }

    void open(quint64 generation, const QString& path)
    {
        try {
            auto store = IndexStore::open(path.toStdString(), false, true);
            auto info = std::make_shared<ArchiveInfo>();
            info->generation = generation;
            info->path = path;
            info->root = QString::fromStdString(store->archiveRoot().string());
            info->catalogue = QString::fromStdString(store->catalogue());
            info->catalogueAsset = QString::fromStdString(store->catalogueAsset());
            info->catalogueBands = QString::fromStdString(store->catalogueBands());
            info->settings = store->settings();
            info->items = store->itemCount();
            info->readOnly = store->onReadOnlyStorage();
            info->readOnlyCause = store->readOnlyCause();
            info->groundResolution = store->groundResolution();
            if (const auto counts = store->completeness()) {
                info->filesFound = counts->first;
                info->filesRecorded = counts->second;
            }
            if (store->schemaVersion() < IndexStore::kSchemaVersion)
                info->notice = ArchiveService::tr(
                    "This index was written in an earlier format; its embeddings are read into memory. Indexing the "
                    "archive again converts it to the format that opens at once.");
            // Only now does the new index replace the open one.
            m_store = std::move(store);
            m_generation = generation;
            m_matrices.clear();
            m_search.reset();
            m_counts.clear();
            m_footprints.reset();
            emit m_service->opened(info);
        } catch (...) {
            emit m_service->openFailed(path, currentErrorText());
        }
    }

    void close()
    {
        m_store.reset();
        m_matrices.clear();
        m_search.reset();
        m_counts.clear();
        m_footprints.reset();
        m_generation = 0;
    }

    void loadMatrix(quint64 generation, const ModelRecord& model)
    {
        if (!current(generation))
            return;
        const QString fingerprint = QString::fromStdString(model.fingerprint);
        const std::string key = model.fingerprint + "/" + model.activation;
        if (const auto it = m_matrices.find(key); it != m_matrices.end()) {
            emit m_service->matrixReady(it->second);
            return;
        }
        try {
            const auto record = m_store->findModel(model.fingerprint, model.activation);
            if (!record) {
                emit m_service->matrixMissing(generation, fingerprint);
                return;
            }
            auto matrix = std::make_shared<ArchiveMatrix>();
            matrix->generation = generation;
            matrix->fingerprint = model.fingerprint;
            matrix->activation = model.activation;
            matrix->embeddings = m_store->embeddings(record->id);
            matrix->storeFile = m_store->storeFile(record->id).string();
            // One model's matrix at a time: a national archive's matrix is gigabytes.
            m_matrices.clear();
            m_search.reset();
            m_matrices.emplace(key, matrix);
            emit m_service->matrixReady(matrix);
        } catch (...) {
            emit m_service->matrixFailed(generation, fingerprint, currentErrorText());
        }
    }

    void score(const std::shared_ptr<const ArchiveMatrix>& matrix, const QString& key, std::vector<float> embedding,
               std::int64_t archiveItem = 0)
    {
        if (!current(matrix->generation) || !held(*matrix))
            return;
        try {
            QElapsedTimer timer;
            timer.start();
            auto result = std::make_shared<TermScores>();
            result->generation = matrix->generation;
            result->fingerprint = matrix->fingerprint;
            result->key = key;
            const Embedding query(embedding);
            result->embedding.assign(query.values().begin(), query.values().end());
            result->archiveItem = archiveItem;
            result->scores = scoreOver(*matrix, key, result->embedding, nullptr);
            result->milliseconds = static_cast<double>(timer.nsecsElapsed()) / 1e6;
            emit m_service->scored(result);
        } catch (...) {
            emit m_service->termFailed(matrix->generation, QString::fromStdString(matrix->fingerprint), key,
                                       currentErrorText());
        }
    }

    void scoreItem(const std::shared_ptr<const ArchiveMatrix>& matrix, const QString& key, qint64 itemId)
    {
        if (!current(matrix->generation))
            return;
        const auto row = matrix->embeddings->indexOf(itemId);
        if (!row) {
            emit m_service->termFailed(matrix->generation, QString::fromStdString(matrix->fingerprint), key,
                                       ArchiveService::tr("Item %1 has no embedding of the current model.").arg(itemId));
            return;
        }
        score(matrix, key, matrix->embeddings->values(*row));
    }

    void scoreFile(const std::shared_ptr<const ArchiveMatrix>& matrix, const QString& key, const QString& path)
    {
        if (!current(matrix->generation))
            return;
        std::optional<std::size_t> row;
        std::int64_t archiveItem = 0;
        try {
            if (const auto item = m_store->wholeFileItem(path.toStdString())) {
                row = matrix->embeddings->indexOf(*item);
                archiveItem = *item;
            }
        } catch (...) {
            // Not an item of the archive (or not readable as one): encode it.
        }
        if (!row) {
            emit m_service->needsEncoding(matrix->generation, QString::fromStdString(matrix->fingerprint), key);
            return;
        }
        score(matrix, key, matrix->embeddings->values(*row), archiveItem);
    }

    std::shared_ptr<const ArchiveFootprints> footprints()
    {
        if (!m_footprints) {
            auto f = std::make_shared<ArchiveFootprints>();
            static_cast<ItemCatalogue&>(*f) = ItemCatalogue::of(*m_store);
            f->generation = m_generation;
            f->withFootprint = static_cast<std::size_t>(
                std::count_if(f->footprints.begin(), f->footprints.end(), [](const auto& p) { return p.has_value(); }));
            std::map<qint64, std::uint32_t> days;
            std::vector<qint64> dayOfSource(f->sources.size(), 0);
            for (std::size_t s = 0; s < f->sources.size(); ++s)
                if (f->sources[s].acquired.size() >= 10) {
                    const QDate day =
                        QDate::fromString(QString::fromLatin1(f->sources[s].acquired.substr(0, 10)), Qt::ISODate);
                    dayOfSource[s] = day.isValid() ? day.toJulianDay() : 0;
                }
            for (const std::uint32_t s : f->sourceOf)
                if (dayOfSource[s] != 0)
                    ++days[dayOfSource[s]];
            f->days.assign(days.begin(), days.end());
            f->platformNames = f->platforms();
            m_footprints = std::move(f);
        }
        return m_footprints;
    }

    void loadFootprints(quint64 generation)
    {
        if (!current(generation))
            return;
        try {
            emit m_service->footprintsReady(footprints());
        } catch (...) {
            // The map stays empty; whoever waits for the places is told.
            emit m_service->footprintsFailed(generation, currentErrorText());
        }
    }

    void restrict(const std::shared_ptr<const ArchiveMatrix>& matrix, const QString& key, const Restriction& restriction)
    {
        if (!current(matrix->generation))
            return;
        try {
            QElapsedTimer timer;
            timer.start();
            const auto all = footprints();
            const ItemConditions conditions = resolveConditions(
                restriction.filter,
                needsAnchor(restriction.filter) ? queryAnchor(restriction.query, *m_store, *all) : QueryAnchor{});
            auto area = std::make_shared<AreaRows>();
            area->generation = matrix->generation;
            area->fingerprint = matrix->fingerprint;
            area->key = key;
            area->area = std::make_shared<const SearchArea>(keptRows(
                restriction.area ? &*restriction.area : nullptr, conditions, *matrix->embeddings, *all));
            if (!restriction.filter.empty()) {
                auto kept = std::make_shared<std::vector<bool>>(all->ids.size(), false);
                for (const std::size_t row : area->area->rows)
                    if (const auto at = all->find(matrix->embeddings->itemId(row)))
                        (*kept)[*at] = true;
                area->keptItems = std::move(kept);
            }
            area->milliseconds = static_cast<double>(timer.nsecsElapsed()) / 1e6;
            emit m_service->areaReady(area);
        } catch (...) {
            emit m_service->areaFailed(matrix->generation, key, currentErrorText());
        }
    }

    void restrictScores(const std::shared_ptr<const ArchiveMatrix>& matrix, const std::shared_ptr<const AreaRows>& area,
                        const std::shared_ptr<const TermScores>& scores)
    {
        if (!current(area->generation) || scores->generation != area->generation ||
            matrix->generation != area->generation || !held(*matrix))
            return;
        try {
            QElapsedTimer timer;
            timer.start();
            auto result = std::make_shared<TermScores>(*scores);
            // The term's similarities over the whole matrix came with it: no second pass.
            searchOf(*matrix).remember(scores->key.toStdString(), scores->scores);
            result->scores = scoreOver(*matrix, scores->key, scores->embedding, area->area.get());
            result->area = area->key;
            result->milliseconds = scores->milliseconds + static_cast<double>(timer.nsecsElapsed()) / 1e6;
            emit m_service->scored(result);
        } catch (...) {
            emit m_service->termFailed(area->generation, QString::fromStdString(area->fingerprint), scores->key,
                                       currentErrorText());
        }
    }

    void scoreBasic(const std::shared_ptr<const ArchiveMatrix>& matrix, const std::shared_ptr<const AreaRows>& area,
                    const std::shared_ptr<const BasicScoring>& request)
    {
        if (!current(matrix->generation) || !held(*matrix) || (area && area->generation != matrix->generation))
            return;
        try {
            QElapsedTimer timer;
            timer.start();
            std::vector<BasicTerm> terms;
            for (const auto& term : request->terms)
                terms.push_back({term.image, term.avoided, term.embedding});
            const BasicRequest basic =
                basicRequestOf(terms, request->space, request->normalisation, request->spaceKey);
            auto result = std::make_shared<BasicScores>();
            result->generation = matrix->generation;
            result->fingerprint = matrix->fingerprint;
            result->key = request->key;
            try {
                result->session = std::make_shared<const QuerySession>(
                    basicSession(searchOf(*matrix), basic, area ? area->area.get() : nullptr));
            } catch (const NotFiniteSimilarity& e) {
                // The search names the row of the archive, also over an area.
                throw IndexStore::damagedRowError(matrix->embeddings->itemId(e.index()), matrix->storeFile,
                                                  "rscir index --verify");
            }
            result->milliseconds = static_cast<double>(timer.nsecsElapsed()) / 1e6;
            emit m_service->basicScored(result);
        } catch (...) {
            emit m_service->basicFailed(matrix->generation, request->key, currentErrorText());
        }
    }

    void page(quint64 generation, const QString& filter, qint64 afterId, int limit)
    {
        if (!current(generation))
            return;
        try {
            emit m_service->pageReady(generation, filter, afterId, m_store->itemsPage(afterId, limit, filter.toStdString()));
        } catch (...) {
            emit m_service->pageReady(generation, filter, afterId, {});
        }
    }

    void count(quint64 generation, const QString& filter)
    {
        if (!current(generation))
            return;
        auto it = m_counts.find(filter);
        if (it == m_counts.end()) {
            qint64 n = 0;
            try {
                n = filter.isEmpty() ? m_store->itemCount() : m_store->itemCount(filter.toStdString());
            } catch (...) {
            }
            it = m_counts.emplace(filter, n).first;
        }
        emit m_service->countReady(generation, filter, it->second);
    }

private:
    bool current(quint64 generation) const { return m_store && generation == m_generation; }

    /// A term's scores over the matrix (or an area's rows of it), through the matrix's
    /// search: its cache holds each term's similarities, so an area costs no second pass.
    ArchiveSearch& searchOf(const ArchiveMatrix& matrix)
    {
        if (!m_search || m_search->embeddings() != matrix.embeddings)
            m_search = std::make_unique<ArchiveSearch>(matrix.embeddings, ArchiveService::passThreads());
        return *m_search;
    }

    /// Whether `matrix` is the one this worker holds (a request for one it let go is stale).
    bool held(const ArchiveMatrix& matrix) const
    {
        return std::any_of(m_matrices.begin(), m_matrices.end(),
                           [&](const auto& m) { return m.second->embeddings == matrix.embeddings; });
    }

    std::shared_ptr<const ModalityScores> scoreOver(const ArchiveMatrix& matrix, const QString& key,
                                                    const std::vector<float>& embedding, const SearchArea* area)
    {
        try {
            return searchOf(matrix).score(TermEmbedding{key.toStdString(), embedding}, area);
        } catch (const NotFiniteSimilarity& e) {
            // A damaged stored row (the query itself is finite): the file and the repair.
            throw IndexStore::damagedRowError(matrix.embeddings->itemId(e.index()), matrix.storeFile,
                                              "rscir index --verify");
        }
    }

    ArchiveService* m_service;
    std::unique_ptr<IndexStore> m_store;
    quint64 m_generation = 0;
    std::map<std::string, std::shared_ptr<const ArchiveMatrix>> m_matrices;
    std::map<QString, qint64> m_counts; ///< counts per filter, for this generation
    std::shared_ptr<const ArchiveFootprints> m_footprints; ///< of this generation, read once asked for
    std::unique_ptr<ArchiveSearch> m_search; ///< of the matrix scored last
};

std::optional<ItemPlace> ArchiveFootprints::place(std::int64_t id) const
{
    const auto it = std::lower_bound(ids.begin(), ids.end(), id);
    if (it == ids.end() || *it != id)
        return std::nullopt;
    const auto i = static_cast<std::size_t>(it - ids.begin());
    ItemPlace place;
    if (i < footprints.size())
        place.footprint = footprints[i];
    if (i < sourceIds.size() && i < windows.size()) { // a map's footprints alone have neither
        place.sourceId = sourceIds[i];
        place.window = windows[i];
    }
    return place;
}

ArchiveService::ArchiveService(QObject* parent) : QObject(parent)
{
    qRegisterMetaType<std::shared_ptr<const rscir::ui::ArchiveInfo>>();
    qRegisterMetaType<std::shared_ptr<const rscir::ui::ArchiveMatrix>>();
    qRegisterMetaType<std::shared_ptr<const rscir::ui::TermScores>>();
    qRegisterMetaType<std::vector<rscir::ItemRecord>>();
    qRegisterMetaType<std::shared_ptr<const rscir::ui::ArchiveFootprints>>();
    qRegisterMetaType<std::shared_ptr<const rscir::ui::AreaRows>>();
    qRegisterMetaType<std::shared_ptr<const rscir::ui::BasicScores>>();
    m_thread.setObjectName(QStringLiteral("archive"));
    m_worker = new ArchiveWorker(this);
    m_worker->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    // started() is emitted on the new thread: its work yields the cores to the window.
    connect(&m_thread, &QThread::started, &m_thread, [] { computeBehindTheGuiOnThisThread(); }, Qt::DirectConnection);
    m_thread.start();
}

ArchiveService::~ArchiveService()
{
    // Signals of a reply in flight must not reach receivers that are being destroyed.
    blockSignals(true);
    m_thread.quit();
    m_thread.wait();
}

unsigned ArchiveService::passThreads()
{
    return std::max(1u, threadBudget() - 1);
}

quint64 ArchiveService::open(const QString& path)
{
    const quint64 generation = ++m_nextGeneration;
    QMetaObject::invokeMethod(m_worker, [w = m_worker, generation, path] { w->open(generation, path); });
    return generation;
}

void ArchiveService::release(std::shared_ptr<const ArchiveMatrix> matrix)
{
    if (matrix)
        QMetaObject::invokeMethod(m_worker, [m = std::move(matrix)]() mutable { m.reset(); });
}

void ArchiveService::close()
{
    QMetaObject::invokeMethod(m_worker, [w = m_worker] { w->close(); });
}

void ArchiveService::loadMatrix(quint64 generation, const ModelRecord& model)
{
    QMetaObject::invokeMethod(m_worker, [w = m_worker, generation, model] { w->loadMatrix(generation, model); });
}

void ArchiveService::score(std::shared_ptr<const ArchiveMatrix> matrix, const QString& key, std::vector<float> embedding)
{
    QMetaObject::invokeMethod(m_worker, [w = m_worker, matrix, key, e = std::move(embedding)]() mutable {
        w->score(matrix, key, std::move(e));
    });
}

void ArchiveService::scoreItem(std::shared_ptr<const ArchiveMatrix> matrix, const QString& key, qint64 itemId)
{
    QMetaObject::invokeMethod(m_worker, [w = m_worker, matrix, key, itemId] { w->scoreItem(matrix, key, itemId); });
}

void ArchiveService::scoreFile(std::shared_ptr<const ArchiveMatrix> matrix, const QString& key, const QString& path)
{
    QMetaObject::invokeMethod(m_worker, [w = m_worker, matrix, key, path] { w->scoreFile(matrix, key, path); });
}

void ArchiveService::loadFootprints(quint64 generation)
{
    QMetaObject::invokeMethod(m_worker, [w = m_worker, generation] { w->loadFootprints(generation); });
}

void ArchiveService::restrict(std::shared_ptr<const ArchiveMatrix> matrix, const QString& key,
                              const Restriction& restriction)
{
    // Each step of a spin box asks anew: only the last one asked is worked out.
    const quint64 request = ++*m_restrictions;
    QMetaObject::invokeMethod(m_worker, [w = m_worker, matrix, key, restriction, request, latest = m_restrictions] {
        if (request == latest->load())
            w->restrict(matrix, key, restriction);
    });
}

void ArchiveService::restrictScores(std::shared_ptr<const ArchiveMatrix> matrix, std::shared_ptr<const AreaRows> area,
                                    std::shared_ptr<const TermScores> scores)
{
    QMetaObject::invokeMethod(m_worker,
                              [w = m_worker, matrix, area, scores] { w->restrictScores(matrix, area, scores); });
}

void ArchiveService::scoreBasic(std::shared_ptr<const ArchiveMatrix> matrix, std::shared_ptr<const AreaRows> area,
                                std::shared_ptr<const BasicScoring> request)
{
    // A query changed while the worker was busy: only the last one asked is ranked.
    const quint64 id = ++*m_basicRequests;
    QMetaObject::invokeMethod(m_worker, [w = m_worker, matrix, area, request, id, latest = m_basicRequests] {
        if (id == latest->load())
            w->scoreBasic(matrix, area, request);
    });
}

void ArchiveService::requestPage(quint64 generation, const QString& filter, qint64 afterId, int limit)
{
    QMetaObject::invokeMethod(m_worker,
                              [w = m_worker, generation, filter, afterId, limit] { w->page(generation, filter, afterId, limit); });
}

void ArchiveService::requestCount(quint64 generation, const QString& filter)
{
    QMetaObject::invokeMethod(m_worker, [w = m_worker, generation, filter] { w->count(generation, filter); });
}

} // namespace rscir::ui

#include "archive_service.moc"
