#pragma once
/// \file
/// The composed search over one archive, the one path every ranking takes: the command
/// line (`rscir search`, `--queries` batches), the evaluations (`eval cir`, `eval
/// patterncom`, the workbench) and the window.
///
/// Two halves, because the window runs them on two threads:
/// - ArchiveSearch scores terms: the passes over the archive (two terms per pass), the
///   restriction to an area's rows, WeiCom's normalisation over the rows being ranked,
///   and a cache of all of it, bounded in bytes. It is not thread-safe: one thread uses it.
/// - Ranking composes scored terms: the fusion of a method, lambda and nu, top-k, the
///   query's own items left out, and rows of an area mapped back to the archive's rows.
///   It is immutable and cheap to re-rank, so the slider moves it on the GUI thread.
///
/// Both count in live rows of the archive's ArchiveEmbeddings; Hit::index is such a row.

#include "core/base/lru_cache.h"
#include "core/search/cache_limits.h"
#include "core/search/ranking.h"

#include <cstddef>
#include <cstdint>
#include <functional>
#include <list>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <span>
#include <string>
#include <vector>

namespace rscir {

class ArchiveEmbeddings;
struct Query;
struct QueryTerm;

/// The rows of an archive that a search ranks when it is restricted to an area: they are
/// the archive being ranked (WeiCom's normalisation is over them).
struct SearchArea {
    std::string key; ///< identifies the area: the same key, the same rows
    std::vector<std::size_t> rows; ///< live rows of the embeddings, ascending
    std::size_t withoutFootprint = 0; ///< rows left out because they have no footprint
    /// Rows left out because they lack what a filter asks of them: a date, a platform, a
    /// cloud cover, a ground resolution.
    std::size_t withoutMetadata = 0;
};

/// A query term that has an embedding, ready to be scored.
struct TermEmbedding {
    std::string key; ///< QueryTerm::key(): the same key, the same embedding
    std::span<const float> embedding; ///< L2-normalised, of the archive's dimension
};

/// The archive items a query names itself: its item terms, and the items of query files
/// that are whole files of the archive (`itemOfFile`; may be empty). A search leaves
/// them out of its list (not of the normalisation) unless they are to be shown.
std::set<std::int64_t> queryOwnItems(const Query& query,
                                     const std::function<std::optional<std::int64_t>(const QueryTerm&)>& itemOfFile);

/// A matrix in memory as an archive whose item ids are its row numbers (an evaluation's
/// database). The matrix must outlive the view; nothing is copied.
std::shared_ptr<const ArchiveEmbeddings> archiveOf(const EmbeddingMatrix& matrix);

class ArchiveSearch {
public:
    /// Bytes of score vectors kept between queries unless told otherwise (the terms of
    /// the query being ranked are always kept).
    static constexpr std::size_t kDefaultCacheBytes = cache_limits::kTermScoresBytes;

    /// Passes over `embeddings` run on up to `threads` threads (0: every core).
    explicit ArchiveSearch(std::shared_ptr<const ArchiveEmbeddings> embeddings, unsigned threads = 0,
                           std::size_t cacheBytes = kDefaultCacheBytes);
    ~ArchiveSearch();
    ArchiveSearch(const ArchiveSearch&) = delete;
    ArchiveSearch& operator=(const ArchiveSearch&) = delete;

    const std::shared_ptr<const ArchiveEmbeddings>& embeddings() const { return m_embeddings; }

    /// Each term's scores over `area`'s rows (null: every row), in the order given. Terms
    /// without cached similarities are scored in passes over the archive, two per pass.
    /// A stored row whose similarity is not finite throws NotFiniteSimilarity with that
    /// row's live index in the archive (not in the area); a query that is not finite or
    /// not of the archive's dimension throws Error.
    std::vector<std::shared_ptr<const ModalityScores>> score(const std::vector<TermEmbedding>& terms,
                                                             const SearchArea* area = nullptr);
    std::shared_ptr<const ModalityScores> score(const TermEmbedding& term, const SearchArea* area = nullptr);

    /// Keeps a term's scores over the whole archive that were computed elsewhere (by an
    /// earlier search of the same embeddings), so that restricting them to an area needs
    /// no pass. Scores of another size are refused.
    void remember(const std::string& termKey, std::shared_ptr<const ModalityScores> whole);

    /// Bytes the cache holds now, and its limit.
    std::size_t cachedBytes() const { return m_cache.bytes(); }
    std::size_t cacheLimit() const { return m_cache.budget(); }
    void clearCache();

private:
    struct Entry {
        std::shared_ptr<const ModalityScores> scores; ///< normalised over the area
        std::shared_ptr<const std::vector<float>> raw; ///< whole archive, not normalised (when scores is null)
    };
    using Key = std::pair<std::string, std::string>; ///< (area key, term key); "" is the whole archive
    std::shared_ptr<const std::vector<float>> wholeRaw(const std::string& term) const;
    void put(const Key& key, Entry entry);
    void trim(const std::set<std::string>& keep);

    std::shared_ptr<const ArchiveEmbeddings> m_embeddings;
    unsigned m_threads;
    LruCache<Key, Entry> m_cache;
};

/// What BASIC needs of a query: its wanted images and texts (L2-normalised embeddings,
/// averaged per kind before centring), the space, and the normalisation (none: off).
struct BasicRequest {
    std::vector<std::span<const float>> images, texts;
    std::shared_ptr<const BasicSpace> space;
    std::optional<BasicNormalisation> normalisation;
    std::string key; ///< identifies the space and settings, for the cache of scores
    /// Terms to avoid, averaged per kind as the wanted ones (core/search/basic.h says how they lower a score).
    std::vector<std::span<const float>> avoidImages, avoidTexts;
};

/// A query's term as BASIC takes it: an image or a text, wanted or to avoid, and the
/// embedding it ranks by (a text's in the context of the subjects, where that is on).
struct BasicTerm {
    bool image = true;
    bool avoided = false;
    std::span<const float> embedding;
};

/// The request of a query's terms, each kind wanted and to avoid apart (basicSession
/// averages each): how the command line and the window make it alike.
BasicRequest basicRequestOf(const std::vector<BasicTerm>& terms, std::shared_ptr<const BasicSpace> space,
                            std::optional<BasicNormalisation> normalisation, std::string key);

/// BASIC's session for `request` over `area`'s rows (null: every row): the expansion's
/// pass (with an image and expansion on), then one pass for both BASIC vectors (and one
/// more for the vectors to avoid, where there are terms to avoid).
QuerySession basicSession(ArchiveSearch& search, const BasicRequest& request, const SearchArea* area = nullptr);

/// A composed query over one archive, ranked and re-ranked from its terms' cached
/// scores: no pass over the archive, one O(N) fusion and a top-k per ranking.
class Ranking {
public:
    Ranking() = default;
    /// `terms` scored over `area`'s rows (null: every row of `embeddings`); `hidden`: the
    /// items left out of the lists (queryOwnItems, or empty to show them).
    Ranking(std::shared_ptr<const ArchiveEmbeddings> embeddings, const std::vector<ScoredTerm>& terms,
            std::shared_ptr<const SearchArea> area = nullptr, std::set<std::int64_t> hidden = {});
    /// A BASIC ranking: a session of BASIC's two products over `area`'s rows (basicTerms()).
    Ranking(std::shared_ptr<const ArchiveEmbeddings> embeddings, QuerySession basic,
            std::shared_ptr<const SearchArea> area = nullptr, std::set<std::int64_t> hidden = {});

    bool empty() const { return !m_embeddings; }
    std::size_t size() const { return m_session.size(); } ///< rows being ranked
    const std::shared_ptr<const SearchArea>& area() const { return m_area; }
    const std::set<std::int64_t>& hidden() const { return m_hidden; }

    /// The same ranking with other items left out of its lists (no fusion, no pass).
    Ranking withHidden(std::set<std::int64_t> hidden) const
    {
        Ranking r = *this;
        r.m_hidden = std::move(hidden);
        return r;
    }

    /// The best k items that are not hidden; each Hit::index is a live row of the archive.
    std::vector<Hit> rank(Method method, double lambda, std::size_t k, double nu = kDefaultAvoid) const;
    /// The fused score of every ranked row, in the order of the area's rows (or the archive's).
    std::vector<float> scores(Method method, double lambda, double nu = kDefaultAvoid) const;
    /// An item's scores; nullopt when it is not among the ranked rows.
    std::optional<Hit> explain(std::int64_t itemId, Method method, double lambda, double nu = kDefaultAvoid) const;

private:
    std::shared_ptr<const ArchiveEmbeddings> m_embeddings;
    std::shared_ptr<const SearchArea> m_area;
    std::set<std::int64_t> m_hidden;
    QuerySession m_session;
};

} // namespace rscir
