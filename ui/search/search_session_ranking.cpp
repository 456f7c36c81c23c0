// SearchSession's ranking: the method, lambda, nu and count; composing the scored terms through the core's Ranking; what a pending ranking waits for; the saved query; areas and filters; explanations and sweeps.
#include "ui/search/search_session.h"

#include "core/base/error.h"
#include "core/index/item_filter.h"
#include "ui/models/encoder_backend.h"
#include "ui/models/encoder_service.h"
#include "ui/common/errors.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QStringList>

namespace rscir::ui {

void SearchSession::connectAreas()
{
    connect(m_archive, &ArchiveService::areaReady, this, [this](const std::shared_ptr<const AreaRows>& area) {
        if (!m_matrix || !restricted() || area->key != m_areaKey || area->generation != m_matrix->generation ||
            area->fingerprint != m_matrix->fingerprint)
            return;
        m_areaRows = area;
        m_restricted.clear();
        m_pendingRestricted.clear();
        for (const auto& [key, scores] : m_scores)
            requestRestriction(scores);
        emit areaChanged();
        rebuild();
        updatePending();
    });
    connect(m_archive, &ArchiveService::areaFailed, this, [this](quint64, const QString& key, const QString& message) {
        if (key != m_areaKey)
            return;
        if (anchored()) {
            // Relative to a query without a place or a time: those parts are taken back,
            // the area and the rest of the filter stay.
            m_filter.samePlace.reset();
            m_filter.relative = QueryFilter::Time::Any;
            emit error(tr("The same place and before or after need the query's place and time: an archive item, or a "
                          "georeferenced and dated image. They are off."));
            updateRestriction();
            return;
        }
        // Whatever could not be applied is taken back, so that nothing shown claims it.
        const bool filtered = !m_filter.empty();
        m_area.reset();
        m_filter = {};
        m_areaKey.clear();
        emit areaChanged();
        emit error(filtered ? tr("The filter could not be applied: %1").arg(message)
                            : tr("The area could not be applied: %1").arg(message));
        rebuild();
        updatePending();
    });
}

void SearchSession::setMethod(Method method)
{
    if (method == m_method)
        return;
    m_method = method;
    if (method == Method::Basic) {
        m_basicFailedKey.clear(); // chosen again: prepared again if that failed or was cancelled
        rebuildBasic();
        if (!m_basicRanking && !m_hits.empty())
            clearHits(); // not another method's list under BASIC's name while BASIC is prepared
    }
    rerank();
    updatePending();
}

void SearchSession::setLambda(double lambda)
{
    setLambdaOf(m_method, lambda);
}

void SearchSession::setLambdaOf(Method method, double lambda)
{
    const bool basic = method == Method::Basic;
    double& kept = basic ? m_harris : m_lambda;
    lambda = std::clamp(lambda, 0.0, basic ? kHarrisMaximum : 1.0);
    if (lambda == kept)
        return;
    kept = lambda;
    if (basic == (m_method == Method::Basic))
        rerank();
}

void SearchSession::setAvoid(double nu)
{
    nu = std::clamp(nu, 0.0, 1.0);
    if (nu == m_avoid)
        return;
    m_avoid = nu;
    rerank();
}

void SearchSession::setTopK(int k)
{
    if (k == m_topK || k < 1)
        return;
    m_topK = k;
    rerank();
}

void SearchSession::dropRanking()
{
    m_ranking.reset();
    dropBasic();
    m_pendingTerms.clear();
    m_areaRows.reset();
    m_restricted.clear();
    m_pendingRestricted.clear();
    m_folded.clear();
    m_foldedCount = 0;
    if (!m_hits.empty())
        clearHits();
}

void SearchSession::clearHits()
{
    m_hits.clear();
    m_folded.clear();
    m_foldedCount = 0;
    emit resultsChanged();
}

void SearchSession::rebuild()
{
    rebuildBasic();
    const bool wanted =
        std::any_of(m_query.terms.begin(), m_query.terms.end(), [](const QueryTerm& t) { return !t.avoided; });
    std::vector<ScoredTerm> terms;
    double passMs = 0; // the slowest pass of the terms: what the user waited for at most
    bool complete = m_matrix && wanted;
    const auto& scores = restricted() ? m_restricted : m_scores;
    if (restricted() && !m_areaRows)
        complete = false;
    for (const QueryTerm& term : m_query.terms) {
        const auto it = scores.find(scoreKey(term));
        if (it == scores.end()) {
            complete = false;
            break;
        }
        terms.push_back({term.isImage(), term.avoided, it->second->embedding, it->second->scores});
        passMs = std::max(passMs, it->second->milliseconds);
    }
    if (!complete) {
        // Until every term is scored, the previous ranking stays on screen marked as
        // updating; with nothing wanted, there is no ranking.
        if (!wanted) {
            m_ranking.reset();
            clearHits();
        }
        return;
    }
    QElapsedTimer timer;
    timer.start();
    guarded(
        [&] {
            m_ranking = std::make_unique<const Ranking>(m_matrix->embeddings, terms,
                                                        m_areaRows ? m_areaRows->area : nullptr, hiddenItems());
        },
        [this](const QString& message) {
            m_ranking.reset(); // never the previous query's ranking shown as this one's
            clearHits();
            emit error(message);
        });
    if (m_method != Method::Basic)
        m_lastQueryMs = passMs + static_cast<double>(timer.nsecsElapsed()) / 1e6;
    rerank();
}

void SearchSession::setDistinct(std::optional<double> overlap)
{
    if (overlap == m_distinct)
        return;
    m_distinct = overlap;
    if (m_distinct && m_info && !m_places)
        m_archive->loadFootprints(m_info->generation); // rerank() follows in onPlaces()
    rerank();
    updatePending();
}

void SearchSession::onPlaces(const std::shared_ptr<const ArchiveFootprints>& places)
{
    if (!m_info || places->generation != m_info->generation || m_places == places)
        return;
    m_places = places;
    if (m_distinct) {
        rerank();
        updatePending();
    }
}

PlacedHits SearchSession::rankList(Method method, double lambda, std::size_t k) const
{
    PlacedHits placed;
    const Ranking* ranking = method == Method::Basic ? m_basicRanking.get() : m_ranking.get();
    if (!ranking)
        return placed;
    const auto rank = [&](std::size_t n) { return ranking->rank(method, lambda, n, m_avoid); };
    if (m_distinct && m_places) {
        placed = onePerPlace(k, *m_distinct, rank, [&](const Hit& hit) -> std::optional<std::pair<std::int64_t, ItemPlace>> {
            const std::int64_t id = itemIdOfRow(hit.index);
            if (const auto place = m_places->place(id))
                return std::pair{id, *place};
            return std::nullopt;
        });
    } else {
        placed.hits = rank(k);
        placed.folded.resize(placed.hits.size());
    }
    return placed;
}

void SearchSession::rerank()
{
    if (!activeRanking())
        return;
    QElapsedTimer timer;
    timer.start();
    PlacedHits placed;
    guarded([&] { placed = rankList(m_method, lambda(), static_cast<std::size_t>(m_topK)); },
            [this](const QString& message) { emit error(message); });
    m_hits = std::move(placed.hits);
    m_folded = std::move(placed.folded);
    m_folded.resize(m_hits.size());
    m_foldedCount = placed.foldedCount;
    m_lastRerankMs = static_cast<double>(timer.nsecsElapsed()) / 1e6;
    emit resultsChanged();
}

bool SearchSession::isCurrent() const
{
    if (m_pendingOpen != 0 || m_matrixPending || !m_pendingTerms.empty() || !m_pendingRestricted.empty() ||
        m_encoder->isBusy())
        return false;
    if (!m_matrix)
        return true; // nothing to rank against (no index, no model, or no embeddings)
    if (!basicCurrent())
        return false;
    if (restricted() && !m_areaRows)
        return false;
    if (m_distinct && !m_places && !m_placesFailed)
        return false; // listed one per place once the items' places are read
    for (const QueryTerm& term : m_query.terms)
        if (!(restricted() ? m_restricted : m_scores).count(scoreKey(term)))
            return false;
    return true;
}

void SearchSession::updatePending()
{
    const bool updating = !isCurrent();
    if (updating != m_updating) {
        m_updating = updating;
        emit updatingChanged(updating);
        if (updating) {
            m_stallReported = false;
            m_stallTimer.start();
        } else {
            m_stallTimer.stop();
            if (m_stallReported)
                emit information(tr("The ranking is current again."));
        }
    }
}

QStringList SearchSession::waitingFor() const
{
    QStringList parts;
    if (m_pendingOpen != 0)
        parts << tr("the index to open");
    if (m_matrixPending)
        parts << tr("the archive's embeddings to load");
    for (const QueryTerm& term : m_query.terms) {
        const QString key = scoreKey(term);
        if (!m_pendingTerms.count(key) && !m_pendingRestricted.count(key))
            continue;
        switch (term.kind) {
        case QueryTerm::Kind::Text: parts << tr("the text “%1”").arg(QString::fromStdString(term.text)); break;
        case QueryTerm::Kind::File:
            parts << tr("the image %1").arg(QFileInfo(QString::fromStdString(term.path)).fileName());
            break;
        case QueryTerm::Kind::Item: parts << tr("the archive item %1").arg(term.item); break;
        }
    }
    if (restricted() && m_matrix && !m_areaRows)
        parts << (m_filter.empty() ? tr("the area's items") : tr("the items the filter keeps"));
    if (m_distinct && m_info && !m_places && !m_placesFailed)
        parts << tr("where the archive's items lie (one result per place)");
    if (m_method == Method::Basic && !basicCurrent()) {
        if (m_basicSpaceKey != basicSpaceKey())
            parts << tr("BASIC's space (its corpora embedded, the archive's mean image)");
        else if (!m_pendingContexts.empty())
            parts << tr("the texts in the context of BASIC's subjects");
        else if (!m_basicAsked.isEmpty())
            parts << tr("BASIC's passes over the archive");
    }
    if (m_encoder->isBusy() && parts.isEmpty())
        parts << tr("the encoder (%n request(s) waiting)", nullptr, m_encoder->waiting());
    return parts;
}

void SearchSession::reportStall()
{
    if (!m_updating)
        return;
    const QStringList parts = waitingFor();
    m_stallReported = true;
    emit error(tr("The ranking has been waiting for %1 s for: %2.")
                   .arg(m_stallTimer.interval() / 1000)
                   .arg(parts.isEmpty() ? tr("nothing that is known") : parts.join(QStringLiteral("; "))));
}

std::set<std::int64_t> SearchSession::hiddenItems() const
{
    if (m_showQuery)
        return {};
    // A query file that is an archive file: the worker found its item when it scored it.
    return queryOwnItems(m_query, [this](const QueryTerm& term) -> std::optional<std::int64_t> {
        if (const auto it = m_scores.find(scoreKey(term)); it != m_scores.end() &&
                                                                                 it->second->archiveItem)
            return it->second->archiveItem;
        return std::nullopt;
    });
}

void SearchSession::setShowQuery(bool show)
{
    if (show == m_showQuery)
        return;
    m_showQuery = show;
    if (m_ranking)
        m_ranking = std::make_unique<const Ranking>(m_ranking->withHidden(hiddenItems()));
    if (m_basicRanking)
        m_basicRanking = std::make_unique<const Ranking>(m_basicRanking->withHidden(hiddenItems()));
    rerank();
}

SavedQuery SearchSession::savedQuery() const
{
    SavedQuery saved;
    saved.query = m_query;
    if (m_backend) {
        saved.modelName = m_backend->identity().name;
        saved.modelFingerprint = m_backend->identity().fingerprint;
    }
    saved.method = m_method;
    saved.lambda = lambda();
    if (m_method == Method::Basic)
        saved.basic = m_basicOptions;
    saved.avoid = m_avoid;
    saved.results = m_topK;
    saved.distinct = m_distinct;
    saved.matchGsd = m_matchGsd;
    if (m_area) {
        QueryArea area;
        area.bbox = m_area->bbox();
        if (!area.bbox)
            area.wkt = m_area->wkt();
        area.label = m_area->label();
        saved.area = area;
    }
    saved.filter = m_filter;
    return saved;
}

void SearchSession::setArea(std::optional<SpatialFilter> area)
{
    m_area = std::move(area);
    updateRestriction();
}

void SearchSession::setFilter(const QueryFilter& filter)
{
    m_filter = filter;
    updateRestriction();
}

bool SearchSession::anchored() const
{
    return needsAnchor(m_filter);
}

QString SearchSession::restrictionKey() const
{
    if (!restricted())
        return {};
    // Exact: two areas that print alike are still two areas.
    std::string key = m_area ? m_area->key() : std::string();
    if (!m_filter.empty()) {
        key += "\n" + filterKey(m_filter);
        if (anchored()) // relative to the query's images: another image, another anchor
            key += "\n" + anchorKey(m_query);
    }
    return QString::fromStdString(key);
}

void SearchSession::updateRestriction()
{
    const QString key = restrictionKey();
    if (key == m_areaKey)
        return;
    m_areaKey = key;
    m_areaRows.reset();
    m_restricted.clear();
    m_pendingRestricted.clear();
    requestArea();
    emit areaChanged();
    rebuild();
    updatePending();
}

std::optional<std::pair<std::size_t, std::size_t>> SearchSession::areaCounts() const
{
    if (!m_areaRows)
        return std::nullopt;
    return std::make_pair(m_areaRows->area->rows.size(), m_areaRows->area->withoutFootprint);
}

void SearchSession::requestArea()
{
    if (restricted() && m_matrix && !m_areaRows)
        m_archive->restrict(m_matrix, m_areaKey, Restriction{m_area, m_filter, m_query});
}

void SearchSession::requestRestriction(const std::shared_ptr<const TermScores>& scores)
{
    if (!m_areaRows || m_restricted.count(scores->key) || m_pendingRestricted.count(scores->key))
        return;
    m_pendingRestricted.insert(scores->key);
    m_archive->restrictScores(m_matrix, m_areaRows, scores);
}

std::int64_t SearchSession::itemIdOfRow(std::size_t row) const
{
    const auto* e = embeddings();
    return e && row < e->size() ? e->itemId(row) : 0;
}

std::optional<Hit> SearchSession::explain(std::int64_t itemId) const
{
    std::optional<Hit> hit;
    if (const Ranking* ranking = activeRanking())
        guarded([&] { hit = ranking->explain(itemId, m_method, lambda(), m_avoid); }, [](const QString&) {});
    return hit;
}

std::vector<std::vector<Hit>> SearchSession::sweep(const std::vector<double>& lambdas, int k) const
{
    std::vector<std::vector<Hit>> rows;
    if (!activeRanking())
        return rows;
    // The method of the window where it has a lambda (WeiCom, Slerp, BASIC); else WeiCom.
    const Method method = sweepMethod();
    for (double lambda : lambdas)
        rows.push_back(rankList(method, lambda, static_cast<std::size_t>(k)).hits); // as the window lists it
    return rows;
}

} // namespace rscir::ui
