// SearchSession's BASIC: its space prepared once as a job, the contextualised texts, the
// worker's passes, and the ranking the Harris weight moves without another pass.
#include "ui/search/search_session.h"

#include "core/base/progress.h"
#include "core/models/basic_corpora.h"
#include "core/search/archive_embeddings.h"
#include "ui/common/background.h"
#include "ui/common/errors.h"
#include "ui/jobs/jobs.h"
#include "ui/models/encoder_backend.h"

#include <QDir>
#include <QFileInfo>
#include <QFutureWatcher>

namespace rscir::ui {

namespace {

/// What BASIC's space depends on among its settings (contextualisation is the texts').
QString spaceSettingsKey(const BasicOptions& o)
{
    return QStringLiteral("%1\n%2\n%3\n%4\n%5\n%6")
        .arg(QString::fromStdString(o.corpora), QString::fromStdString(o.mean), QString::number(o.aa, 'g', 17),
             QString::number(o.components), QString::number(o.expansion), QString::fromStdString(o.norm));
}

struct Contextualised {
    std::vector<float> values;
    QString error; ///< empty when it worked
};

} // namespace

void SearchSession::connectBasic()
{
    connect(m_archive, &ArchiveService::basicScored, this, &SearchSession::onBasicScored);
    connect(m_archive, &ArchiveService::basicFailed, this, [this](quint64, const QString& key, const QString& message) {
        if (key != m_basicAsked)
            return;
        m_basicAsked.clear();
        m_basicRankFailed = key; // said once; asked again when the query, area or settings change
        failBasic();
        emit error(message);
        updatePending();
    });
}

void SearchSession::failBasic()
{
    m_basicRanking.reset();
    m_basicKey.clear();
    if (m_method == Method::Basic && !m_hits.empty())
        clearHits(); // never another query's or settings' ranking shown as this one's
}

const Ranking* SearchSession::activeRanking() const
{
    return m_method == Method::Basic ? m_basicRanking.get() : m_ranking.get();
}

void SearchSession::setBasicOptions(const BasicOptions& options)
{
    if (options == m_basicOptions)
        return;
    m_basicOptions = options;
    m_basicFailedKey.clear(); // other settings: worth a try
    rebuildBasic();
    updatePending();
}

QString SearchSession::basicSpaceKey() const
{
    if (!m_matrix || !m_backend)
        return {};
    // The archive's mean centres the images: another opening of the index may have other items.
    return QStringLiteral("%1\n%2\n%3\n")
               .arg(QString::fromStdString(m_backend->textIdentity()), QString::number(m_matrix->generation),
                    QString::fromStdString(m_matrix->fingerprint)) +
           spaceSettingsKey(m_basicOptions);
}

QString SearchSession::basicContextKey(const QueryTerm& term) const
{
    return m_basicSpaceKey + QStringLiteral("\ncontext %1\n").arg(m_basicOptions.contextualize) +
           QString::fromStdString(term.key());
}

QString SearchSession::basicDescription() const
{
    if (!m_basic || m_basicSpaceKey != basicSpaceKey())
        return {};
    const BasicOptions& o = m_basicOptions;
    const QString mean = o.mean == "archive" ? tr("the archive's mean image")
                                             : QFileInfo(QString::fromStdString(o.mean)).fileName();
    const QString corpora = o.corpora.empty() ? tr("rscir's remote-sensing corpora")
                                              : QDir::toNativeSeparators(QString::fromStdString(o.corpora));
    const QString expansion = o.expansion > 0 ? tr("expanded with %n item(s)", nullptr, o.expansion) : tr("not expanded");
    const QString norm = o.norm == "none" ? tr("not normalised")
                                          : tr("normalised with %1").arg(QFileInfo(QString::fromStdString(o.norm)).fileName());
    return tr("BASIC: centred with %1, %n component(s) from %2, %3, %4", nullptr, m_basic->space->components())
        .arg(mean, corpora, expansion, norm);
}

void SearchSession::prepareBasicSpace(const QString& key)
{
    if (m_basicJob && m_basicJobKey == key)
        return;
    if (m_basicJob)
        m_basicJob->cancel(); // of other settings, another model or archive: not wanted now
    m_basicJobKey = key;
    if (!m_jobs) {
        m_basicFailedKey = key;
        emit error(tr("BASIC cannot be prepared in this window."));
        return;
    }
    auto result = std::make_shared<std::shared_ptr<const BasicPrepared>>();
    const BasicTextModel text = basicTextModelOf(m_backend);
    const auto embeddings = m_matrix->embeddings;
    const BasicOptions options = m_basicOptions;
    const QString corporaStage = tr("embedding BASIC's corpora");
    const std::string meanStage = tr("reading the archive's mean image").toStdString();
    auto* job = new FunctionJob(tr("Preparing BASIC for %1").arg(m_backend->modelName()),
                                [=](Progress& progress) {
                                    StageProgress relay(progress, corporaStage);
                                    if (progress.isCancelled())
                                        throw Cancelled{};
                                    BasicPrepared prepared = prepareBasic(
                                        text,
                                        [&] {
                                            progress.report(0, 0, meanStage);
                                            return archiveMean(*embeddings, &progress);
                                        },
                                        options, relay.get());
                                    if (progress.isCancelled())
                                        throw Cancelled{};
                                    *result = std::make_shared<const BasicPrepared>(std::move(prepared));
                                });
    // A space is adopted, or its failure said, only while it is the one the window needs.
    connect(job, &Job::finished, this, [this, key, result] {
        if (key != m_basicJobKey)
            return;
        m_basicJobKey.clear();
        if (key == basicSpaceKey()) {
            m_basic = *result;
            m_basicSpaceKey = key;
            m_contexts.eraseIf([](const QString&) { return true; });
            rebuildBasic(); // the results' header says how the space was made
            rerank();
        }
        updatePending();
    });
    const auto ended = [this, key](const QString& message, bool error) {
        if (key != m_basicJobKey)
            return;
        m_basicJobKey.clear();
        if (key == basicSpaceKey()) {
            m_basicFailedKey = key;
            failBasic();
            if (error)
                emit this->error(message);
            else
                emit information(message);
        }
        updatePending();
    };
    connect(job, &Job::failed, this, [this, ended](const QString& message) {
        ended(tr("BASIC could not be prepared: %1").arg(inUserLanguage(message)), true);
    });
    connect(job, &Job::cancelled, this,
            [this, ended] { ended(tr("BASIC's preparation was cancelled. Choose BASIC again to prepare it."), false); });
    m_basicJob = m_jobs->start(job);
}

void SearchSession::requestContext(const QueryTerm& term, const QString& key)
{
    if (m_pendingContexts.count(key))
        return;
    m_pendingContexts.insert(key);
    const BasicTextModel text = basicTextModelOf(m_backend);
    const auto prepared = m_basic;
    const std::string words = term.text;
    const int count = m_basicOptions.contextualize;
    const auto work = m_basicWork; // cancelled with the session, or when the model or archive changes
    auto* watcher = new QFutureWatcher<Contextualised>(this);
    connect(watcher, &QFutureWatcher<Contextualised>::finished, this, [this, watcher, key] {
        watcher->deleteLater();
        if (!m_pendingContexts.erase(key))
            return; // dropped meanwhile (another model, archive or settings)
        const Contextualised result = watcher->result();
        if (!result.error.isEmpty()) {
            m_failedContexts.insert(key);
            failBasic();
            emit error(tr("BASIC could not embed the text in context: %1").arg(result.error));
        } else {
            m_contexts.put(key, result.values, result.values.size() * sizeof(float));
        }
        rebuildBasic();
        updatePending();
    });
    watcher->setFuture(background::run([text, prepared, words, count, work] {
        Contextualised out;
        try {
            out.values = contextualisedText(text, words, prepared->subjects, count, work.get());
        } catch (const Cancelled&) {
            out.error = QStringLiteral("cancelled");
        } catch (...) {
            out.error = currentErrorText();
        }
        return out;
    }));
}

QString SearchSession::basicRankingKey() const
{
    const QString space = basicSpaceKey();
    if (space.isEmpty() || space != m_basicSpaceKey || (restricted() && !m_areaRows))
        return {};
    QString key = space + QStringLiteral("\narea ") + m_areaKey +
                  QStringLiteral("\ncontext %1").arg(m_basicOptions.contextualize);
    bool wanted = false;
    for (const QueryTerm& term : m_query.terms) {
        wanted = wanted || !term.avoided;
        if (!m_scores.count(scoreKey(term)))
            return {};
        if (!term.isImage() && m_basicOptions.contextualize > 0 && !m_contexts.contains(basicContextKey(term)))
            return {};
        key += (term.avoided ? QStringLiteral("\n-") : QStringLiteral("\n+")) + scoreKey(term);
    }
    return wanted ? key : QString();
}

bool SearchSession::basicContextFailed() const
{
    return std::any_of(m_query.terms.begin(), m_query.terms.end(), [this](const QueryTerm& term) {
        return !term.isImage() && m_basicOptions.contextualize > 0 && m_failedContexts.count(basicContextKey(term));
    });
}

void SearchSession::rebuildBasic()
{
    if (std::none_of(m_query.terms.begin(), m_query.terms.end(), [](const QueryTerm& t) { return !t.avoided; })) {
        // Nothing wanted: no BASIC ranking, not even the previous query's.
        m_basicRanking.reset();
        m_basicKey.clear();
        m_basicAsked.clear();
        return;
    }
    if (m_method != Method::Basic)
        return;
    const QString space = basicSpaceKey();
    if (space.isEmpty() || space == m_basicFailedKey)
        return;
    if (space != m_basicSpaceKey) {
        prepareBasicSpace(space);
        return;
    }
    if (m_basicJob && !m_basicJobKey.isEmpty()) {
        m_basicJob->cancel(); // back to the space already made: the other is not needed
        m_basicJobKey.clear();
    }
    for (const QueryTerm& term : m_query.terms)
        if (!term.isImage() && m_basicOptions.contextualize > 0 && m_scores.count(scoreKey(term)) &&
            !m_contexts.contains(basicContextKey(term)) && !m_failedContexts.count(basicContextKey(term)))
            requestContext(term, basicContextKey(term));
    const QString key = basicRankingKey();
    if (key.isEmpty() || key == m_basicAsked)
        return;
    if (key == m_basicKey || key == m_basicRankFailed) {
        m_basicAsked.clear(); // what the worker was asked is not this query's any more
        return;
    }
    auto request = std::make_shared<BasicScoring>();
    request->key = key;
    // Each term with the embedding BASIC ranks by: a text's in context where that is on.
    for (const QueryTerm& term : m_query.terms) {
        const bool context = !term.isImage() && m_basicOptions.contextualize > 0;
        request->terms.push_back({term.isImage(), term.avoided,
                                  context ? *m_contexts.peek(basicContextKey(term))
                                          : m_scores.at(scoreKey(term))->embedding});
    }
    request->space = m_basic->space;
    request->normalisation = m_basic->normalisation;
    request->spaceKey = m_basic->key;
    m_basicAsked = key;
    m_archive->scoreBasic(m_matrix, restricted() ? m_areaRows : nullptr, std::move(request));
}

void SearchSession::onBasicScored(const std::shared_ptr<const BasicScores>& scores)
{
    if (!m_matrix || scores->generation != m_matrix->generation || scores->fingerprint != m_matrix->fingerprint ||
        scores->key != m_basicAsked)
        return;
    m_basicAsked.clear();
    if (scores->key != basicRankingKey()) {
        // The query, the area or the settings moved on while the worker ranked: asked anew.
        rebuildBasic();
        updatePending();
        return;
    }
    guarded(
        [&] {
            m_basicRanking = std::make_unique<const Ranking>(m_matrix->embeddings, *scores->session,
                                                             m_areaRows ? m_areaRows->area : nullptr, hiddenItems());
            m_basicKey = scores->key;
        },
        [this](const QString& message) {
            failBasic();
            emit error(message);
        });
    if (m_method == Method::Basic) {
        m_lastQueryMs = scores->milliseconds;
        rerank();
    }
    updatePending();
}

bool SearchSession::basicCurrent() const
{
    if (m_method != Method::Basic)
        return true;
    const QString space = basicSpaceKey();
    if (space.isEmpty() || space == m_basicFailedKey)
        return true; // nothing to wait for: no archive or model, or it failed and said so
    if (space != m_basicSpaceKey || !m_basicAsked.isEmpty() || !m_pendingContexts.empty())
        return false;
    const bool wanted =
        std::any_of(m_query.terms.begin(), m_query.terms.end(), [](const QueryTerm& t) { return !t.avoided; });
    if (!wanted || basicContextFailed())
        return true; // nothing to rank, or it failed and said so
    const QString key = basicRankingKey();
    return !key.isEmpty() && (key == m_basicKey || key == m_basicRankFailed);
}

void SearchSession::dropBasic()
{
    m_basicRanking.reset();
    m_basicKey.clear();
    m_basicAsked.clear();
    m_basicRankFailed.clear();
    m_pendingContexts.clear();
    // Texts in context for another model or archive stop at their next batch.
    m_basicWork->cancel();
    m_basicWork = std::make_shared<Progress>();
    if (m_basicJob && !m_basicJobKey.isEmpty() && m_basicJobKey != basicSpaceKey()) {
        m_basicJob->cancel();
        m_basicJobKey.clear();
    }
}

} // namespace rscir::ui
