#pragma once
/// \file
/// The search state of one window, on the GUI thread: the open archive (a snapshot from
/// the archive service), the current model, the query as a value, and the cached
/// scores of each query term. Everything heavy happens elsewhere: the archive service
/// reads matrices and runs matrix passes, the encoder service encodes. Replies are
/// tagged with the index generation, the model's fingerprint and the term's key;
/// whatever no longer matches the current state is dropped, so a ranking shown is
/// always the ranking of the current query, model and index. Moving lambda or changing
/// the method re-ranks the cached vectors here: one O(N) fusion and a top-k selection.

#include "ui/archive/archive_service.h"

#include "core/base/lru_cache.h"
#include "core/base/progress.h"
#include "core/search/cache_limits.h"
#include "core/search/query.h"
#include "core/search/query_file.h"
#include "core/search/ranking.h"

#include <QObject>
#include <QPointer>
#include <QString>
#include <QStringList>
#include <QTimer>

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>

namespace rscir {
struct BasicPrepared;
}

namespace rscir::ui {

class EncoderBackend;
class EncoderService;
class Job;
class JobManager;

class SearchSession : public QObject {
    Q_OBJECT
public:
    SearchSession(ArchiveService* archive, EncoderService* encoder, QObject* parent = nullptr);
    ~SearchSession() override;

    /// Opens an index in the archive service; archiveChanged() or error() follows. The
    /// open index stays until the new one has opened.
    void openIndex(const QString& path);
    /// Opens the current index again (after an indexing run changed it).
    void reopenIndex();
    void closeIndex();
    /// The open index: a snapshot, or null.
    std::shared_ptr<const ArchiveInfo> archive() const { return m_info; }
    QString indexPath() const { return m_info ? m_info->path : QString(); }
    bool isOpening() const { return m_pendingOpen != 0; }
    /// A read-only connection for lookups by item id (labels, the viewer, exports).
    IndexStore* store() const { return m_lookup.get(); }

    /// The model queries and the archive matrix come from. Every term is scored again
    /// with it before a ranking is shown.
    void setBackend(std::shared_ptr<EncoderBackend> backend);
    std::shared_ptr<EncoderBackend> backend() const { return m_backend; }
    std::size_t searchableItems() const { return m_matrix ? m_matrix->rows() : 0; }
    std::shared_ptr<const ArchiveMatrix> matrix() const { return m_matrix; }
    const ArchiveEmbeddings* embeddings() const { return m_matrix ? m_matrix->embeddings.get() : nullptr; }

    const Query& query() const { return m_query; }
    /// Replaces the whole query (a saved query opened, for example); undoable.
    void setQuery(const Query& query);
    /// Adds an archive item as a wanted or avoided image term (More / Less like this).
    /// An item already in the query changes its role instead; undoable.
    void addItemTerm(std::int64_t itemId, bool avoided);
    void addImageFileTerm(const QString& path, bool avoided);
    void addTextTerm(const QString& text, bool avoided);
    void removeTerm(int index);
    void setTermAvoided(int index, bool avoided);
    /// Goes back to the query before its last change; false when there is none.
    bool undo();
    bool canUndo() const { return !m_undo.empty(); }
    /// +1 when the item is a wanted term of the query, -1 when it is avoided, 0 otherwise.
    int termMark(std::int64_t itemId) const;
    /// The query and its settings, as a saved query records them.
    SavedQuery savedQuery() const;
    /// A saved query's terms, bound to the open index: items by source and window. Terms
    /// that cannot be bound are left out and named in `dropped`.
    Query bindQuery(const Query& query, QStringList* dropped) const;
    /// A term for an item of the open index, with what identifies it across re-indexing.
    std::optional<QueryTerm> itemTerm(std::int64_t itemId) const;
    void setQueryItem(std::int64_t itemId);
    void setQueryImageFile(const QString& path);
    void setQueryText(const QString& text);
    void clearQueryImage();
    QString queryImageLabel() const;
    std::optional<std::int64_t> queryItem() const;
    QString queryImagePath() const;
    QString queryText() const;
    bool hasImage() const; ///< the image term is scored
    bool hasText() const; ///< the text term is scored

    /// Restricts the ranking to the items whose footprint meets `area` (nullopt: the whole
    /// archive). The kept items are the archive being ranked: the normalisation is theirs.
    void setArea(std::optional<SpatialFilter> area);
    const std::optional<SpatialFilter>& area() const { return m_area; }
    /// How many items the area keeps, and how many were left out for having no footprint;
    /// nullopt while that is being worked out or when there is no area.
    std::optional<std::pair<std::size_t, std::size_t>> areaCounts() const;
    /// Restricts the ranking to the items acquired in a span, by a platform, under a cloud
    /// cover, at a resolution, at the query's place (QueryFilter); with an area, to both.
    /// The kept items are the archive being ranked, as with an area.
    void setFilter(const QueryFilter& filter);
    const QueryFilter& filter() const { return m_filter; }
    /// The kept rows, once the worker has them (areaChanged() says when): how many, how
    /// many were left out for lacking what the filter asks, and the filter in words.
    std::shared_ptr<const AreaRows> keptRows() const { return m_areaRows; }
    /// Whether an area or a filter restricts the ranking.
    bool restricted() const { return m_area.has_value() || !m_filter.empty(); }

    void setMethod(Method method);
    /// The current method's lambda: WeiCom's and Slerp's in [0, 1], or BASIC's Harris
    /// weight in [0, kHarrisMaximum]; each method keeps its own.
    void setLambda(double lambda);
    /// A method's lambda, whichever method ranks now (WeiCom and Slerp share theirs).
    void setLambdaOf(Method method, double lambda);
    /// The largest Harris weight the window offers (at 0.25 no item scores above 0).
    static constexpr double kHarrisMaximum = 0.24;

    /// BASIC's settings (corpora, image mean, projection, expansion, contextualised texts,
    /// normalisation). Its space is prepared once per model, archive and settings, as a job
    /// with progress (the corpora embedded by the model, the archive's mean read); the
    /// query's passes run in the archive worker, and the Harris weight re-ranks here.
    void setBasicOptions(const BasicOptions& options);
    const BasicOptions& basicOptions() const { return m_basicOptions; }
    /// Where BASIC's preparation runs as a job; without a manager BASIC cannot rank.
    void setJobs(JobManager* jobs) { m_jobs = jobs; }
    /// BASIC's space in one line (what centres, how many components, which corpora), once
    /// prepared for the current model, archive and settings; empty before.
    QString basicDescription() const;
    /// nu, the weight of avoided terms, in [0, 1].
    void setAvoid(double nu);
    double avoid() const { return m_avoid; }
    void setTopK(int k);
    /// Whether the query's own archive items stay in the results (by default they are
    /// left out of the list; they count in the normalisation either way).
    void setShowQuery(bool show);
    bool showsQuery() const { return m_showQuery; }
    /// One result per place: a result whose place overlaps a better one's with at least
    /// this intersection over union is folded under it (nullopt: every result is listed).
    /// Only the list changes, not the scores; the items' places are read once per archive.
    void setDistinct(std::optional<double> overlap);
    std::optional<double> distinct() const { return m_distinct; }
    /// Query images resampled to the archive's ground resolution before they are encoded
    /// (a georeferenced query in a georeferenced archive; others are read as they are).
    void setMatchGsd(bool on);
    bool matchGsd() const { return m_matchGsd; }
    /// The resolution query images are resampled to now: the archive's, when matching is on.
    std::optional<double> matchedResolution() const;
    /// The hits are one per place now (asked for, and the items' places were read).
    bool listsOnePerPlace() const { return m_distinct && m_places; }
    /// Per hit (as hits()): the items folded under it, best first; and how many in all.
    const std::vector<std::vector<std::int64_t>>& folded() const { return m_folded; }
    std::size_t foldedCount() const { return m_foldedCount; }
    Method method() const { return m_method; }
    double lambda() const { return m_method == Method::Basic ? m_harris : m_lambda; }
    int topK() const { return m_topK; }

    const std::vector<Hit>& hits() const { return m_hits; }
    std::int64_t itemIdOfRow(std::size_t row) const;
    std::optional<Hit> explain(std::int64_t itemId) const;
    /// The top k for each lambda (the paper's Figure 1 for this query).
    std::vector<std::vector<Hit>> sweep(const std::vector<double>& lambdas, int k) const;
    /// The method a sweep ranks with: the window's where it has a lambda, else WeiCom.
    Method sweepMethod() const { return m_method == Method::Slerp || m_method == Method::Basic ? m_method : Method::WeiCom; }
    bool hasQuery() const { return activeRanking() != nullptr; }
    /// True when nothing is pending: the index is open, the matrix of the current model
    /// is read, every term of the query is scored, and the hits are of this state.
    bool isCurrent() const;
    /// What a pending ranking waits for, in words (empty when it is current).
    QStringList waitingFor() const;
    /// How long a ranking may stay pending before the session says what it waits for.
    static constexpr int kStallSeconds = 20;
    void setStallInterval(int milliseconds) { m_stallTimer.setInterval(milliseconds); }

    /// The slowest pass over the archive of the ranking's terms (in the worker) and the fusion.
    double lastQueryMilliseconds() const { return m_lastQueryMs; }
    double lastRerankMilliseconds() const { return m_lastRerankMs; }

signals:
    void archiveChanged();
    void resultsChanged();
    void queryChanged();
    void embeddingsChanged();
    /// Something is pending (true) or everything is current again (false).
    void updatingChanged(bool updating);
    void error(const QString& message);
    void information(const QString& message);
    /// The area changed, or how many items it keeps became known.
    void areaChanged();

private:
    /// The archive service's replies about areas: an area's rows, or why it failed.
    void connectAreas();
    void onOpened(const std::shared_ptr<const ArchiveInfo>& info);
    void onMatrix(const std::shared_ptr<const ArchiveMatrix>& matrix);
    void onScored(const std::shared_ptr<const TermScores>& scores);
    void onEncoded(const QString& fingerprint, const QString& key, const QVector<float>& values);
    void onTermFailed(const QString& key, const QString& message);
    void requestMatrix();
    void requestArea();
    /// The key of what restricts the ranking now: the area, the filter and, for a filter
    /// relative to the query, the query's images. A new key asks for new rows.
    QString restrictionKey() const;
    void updateRestriction();
    bool anchored() const; ///< the filter is relative to the query (same place, before, after)
    void requestRestriction(const std::shared_ptr<const TermScores>& scores);
    /// The query's own archive items, unless they are shown (their ids).
    std::set<std::int64_t> hiddenItems() const;
    void requestTerms();
    void requestTerm(const QueryTerm& term);
    void setImageTerm(std::optional<QueryTerm> term);
    /// Applies a change to the query: remembers the previous one for undo, scores new terms.
    void changeQuery(const std::function<void(Query&)>& change);
    /// Says that m_query is another query now, and scores and restricts it.
    void queryReplaced();
    void rebuild();
    void rerank();
    /// The ranking the current method lists: BASIC's, or the terms' (WeiCom and the others).
    const Ranking* activeRanking() const;
    // BASIC (search_session_basic.cpp)
    void connectBasic(); ///< the archive worker's replies about BASIC's sessions
    QString basicSpaceKey() const; ///< the model, the archive and the settings; empty without both
    QString basicContextKey(const QueryTerm& term) const; ///< a text's contextualised embedding
    /// The key of BASIC's ranking of the current query, once everything it needs is here;
    /// empty while something is missing (rebuildBasic() asks for it).
    QString basicRankingKey() const;
    void rebuildBasic();
    void prepareBasicSpace(const QString& key);
    void requestContext(const QueryTerm& term, const QString& key);
    void onBasicScored(const std::shared_ptr<const BasicScores>& scores);
    bool basicCurrent() const;
    /// A text of the query could not be put in context (said): BASIC cannot rank it.
    bool basicContextFailed() const;
    /// BASIC's ranking is not the current one's: none is listed under BASIC's name.
    void failBasic();
    void dropBasic();
    /// The list the window shows for these settings: the top k, or one per place.
    PlacedHits rankList(Method method, double lambda, std::size_t k) const;
    /// The archive service read where the items lie: one result per place can be listed.
    void onPlaces(const std::shared_ptr<const ArchiveFootprints>& places);
    void dropRanking();
    /// No list: the hits and what is folded under them go, and resultsChanged() says so.
    void clearHits();
    void updatePending();
    void reportStall();
    std::string fingerprint() const;

    ArchiveService* m_archive;
    EncoderService* m_encoder;
    std::shared_ptr<const ArchiveInfo> m_info;
    std::unique_ptr<IndexStore> m_lookup;
    quint64 m_pendingOpen = 0;
    std::shared_ptr<EncoderBackend> m_backend;
    std::shared_ptr<const ArchiveMatrix> m_matrix;
    bool m_matrixPending = false;
    Query m_query;
    std::map<QString, std::shared_ptr<const TermScores>> m_scores; ///< of m_matrix, by term key
    std::set<QString> m_pendingTerms;
    /// Embeddings of query terms by (model fingerprint, term key): a text is encoded once
    /// per model; kept within a byte budget.
    LruCache<std::pair<std::string, QString>, std::vector<float>> m_encoded{cache_limits::kTermEmbeddingsBytes};
    std::unique_ptr<const Ranking> m_ranking; ///< the current query over m_matrix (and m_area)
    /// The key of a term's scores: its own key, and for a query image resampled to the
    /// archive's resolution that resolution too.
    QString scoreKey(const QueryTerm& term) const;
    std::optional<double> m_distinct;
    bool m_matchGsd = false;
    std::shared_ptr<const ArchiveFootprints> m_places; ///< where m_info's items lie, once read
    bool m_placesFailed = false; ///< they could not be read: every result is listed
    std::vector<std::vector<std::int64_t>> m_folded; ///< as m_hits
    std::size_t m_foldedCount = 0;
    std::optional<SpatialFilter> m_area;
    QueryFilter m_filter;
    QString m_areaKey;
    std::shared_ptr<const AreaRows> m_areaRows; ///< of m_matrix and m_area, once the worker has them
    std::map<QString, std::shared_ptr<const TermScores>> m_restricted; ///< term scores over m_areaRows
    std::set<QString> m_pendingRestricted;
    Method m_method = Method::WeiCom;
    double m_lambda = 0.5;
    // BASIC's state: the space of m_basicSpaceKey, the job preparing another, the
    // contextualised texts, and the ranking of m_basicKey (the latest the worker sent).
    double m_harris = BasicSettings{}.harrisLambda;
    BasicOptions m_basicOptions;
    JobManager* m_jobs = nullptr;
    std::shared_ptr<const BasicPrepared> m_basic;
    QString m_basicSpaceKey;
    QPointer<Job> m_basicJob;
    QString m_basicJobKey;
    QString m_basicFailedKey; ///< a space whose preparation failed: not tried again until something changes
    LruCache<QString, std::vector<float>> m_contexts{cache_limits::kTermEmbeddingsBytes};
    std::set<QString> m_pendingContexts;
    std::set<QString> m_failedContexts; ///< said once; tried again with another model, archive or settings
    std::shared_ptr<Progress> m_basicWork = std::make_shared<Progress>(); ///< cancels texts in context
    QString m_basicRankFailed; ///< a ranking the worker could not make (said): not asked again
    std::unique_ptr<const Ranking> m_basicRanking;
    QString m_basicKey; ///< of m_basicRanking
    QString m_basicAsked; ///< the ranking asked of the worker, until it answers
    double m_avoid = kDefaultAvoid;
    std::vector<Query> m_undo; ///< earlier queries, the latest last
    int m_topK = 100;
    bool m_showQuery = false;
    std::vector<Hit> m_hits;
    bool m_updating = false;
    QTimer m_stallTimer; ///< runs while the ranking is pending
    bool m_stallReported = false;
    double m_lastQueryMs = 0, m_lastRerankMs = 0;
};

} // namespace rscir::ui
