#include "core/search/archive_search.h"

#include "core/base/error.h"
#include "core/base/hash.h"
#include "core/search/archive_embeddings.h"
#include "core/search/query.h"

#include <algorithm>
#include <cmath>

namespace rscir {

std::set<std::int64_t> queryOwnItems(const Query& query,
                                     const std::function<std::optional<std::int64_t>(const QueryTerm&)>& itemOfFile)
{
    std::set<std::int64_t> items;
    for (const QueryTerm& term : query.terms) {
        if (term.kind == QueryTerm::Kind::Item)
            items.insert(term.item);
        // A query file that is a whole file of the archive is that item: left out alike.
        if (term.kind == QueryTerm::Kind::File && itemOfFile)
            if (const auto item = itemOfFile(term))
                items.insert(*item);
    }
    return items;
}

std::shared_ptr<const ArchiveEmbeddings> archiveOf(const EmbeddingMatrix& matrix)
{
    auto ids = std::make_shared<std::vector<std::int64_t>>(matrix.rows());
    for (std::size_t r = 0; r < ids->size(); ++r)
        (*ids)[r] = static_cast<std::int64_t>(r);
    std::vector<ArchiveEmbeddings::Segment> live;
    if (matrix.rows() > 0)
        live.push_back({0, matrix.rows()});
    const std::int64_t* data = ids->data();
    return std::make_shared<const ArchiveEmbeddings>(matrix.data(), ElementType::Float32, matrix.rows(), matrix.dim(),
                                                     data, std::move(live), std::move(ids), false);
}

namespace {

std::size_t bytesOf(const ModalityScores& s)
{
    return (s.raw.size() + s.normalised.size()) * sizeof(float);
}

} // namespace

ArchiveSearch::ArchiveSearch(std::shared_ptr<const ArchiveEmbeddings> embeddings, unsigned threads,
                             std::size_t cacheBytes)
    : m_embeddings(std::move(embeddings)), m_threads(threads), m_cache(cacheBytes)
{
    if (!m_embeddings)
        throw Error("a search needs an archive's embeddings");
}

ArchiveSearch::~ArchiveSearch() = default;

void ArchiveSearch::clearCache()
{
    m_cache.clear();
}

std::shared_ptr<const std::vector<float>> ArchiveSearch::wholeRaw(const std::string& term) const
{
    const Entry* entry = m_cache.peek({std::string(), term});
    if (!entry)
        return nullptr;
    if (entry->scores) // the whole archive's scores hold its raw similarities: no second copy
        return {entry->scores, &entry->scores->raw};
    return entry->raw;
}

void ArchiveSearch::put(const Key& key, Entry entry)
{
    const std::size_t bytes = entry.scores ? bytesOf(*entry.scores) : entry.raw->size() * sizeof(float);
    m_cache.put(key, std::move(entry), bytes);
}

void ArchiveSearch::trim(const std::set<std::string>& keep)
{
    // Least recently used first; the terms of the query at hand stay, whatever they cost.
    m_cache.trim([&](const Key& key) { return keep.count(key.second) != 0; });
}

void ArchiveSearch::remember(const std::string& termKey, std::shared_ptr<const ModalityScores> whole)
{
    if (!whole || whole->raw.size() != m_embeddings->size() || whole->normalised.size() != whole->raw.size())
        throw Error("scores of " + std::to_string(whole ? whole->raw.size() : 0) + " rows for an archive of " +
                    std::to_string(m_embeddings->size()));
    const Key key{std::string(), termKey};
    if (const Entry* entry = m_cache.find(key); entry && entry->scores)
        return;
    put(key, Entry{std::move(whole), nullptr});
    trim({termKey});
}

std::shared_ptr<const ModalityScores> ArchiveSearch::score(const TermEmbedding& term, const SearchArea* area)
{
    return score(std::vector<TermEmbedding>{term}, area).front();
}

std::vector<std::shared_ptr<const ModalityScores>> ArchiveSearch::score(const std::vector<TermEmbedding>& terms,
                                                                       const SearchArea* area)
{
    const std::string areaKey = area ? "area:" + area->key : std::string();
    const std::size_t n = m_embeddings->size();
    if (area)
        for (std::size_t r : area->rows)
            if (r >= n)
                throw Error("an area names row " + std::to_string(r) + " of an archive of " + std::to_string(n));
    // The terms that need a pass: neither their scores over these rows nor their raw
    // similarities over the archive are kept.
    std::vector<const TermEmbedding*> pending;
    for (const TermEmbedding& term : terms) {
        if (m_cache.contains({areaKey, term.key}) || wholeRaw(term.key))
            continue;
        if (std::any_of(pending.begin(), pending.end(), [&](const TermEmbedding* p) { return p->key == term.key; }))
            continue;
        if (term.embedding.size() != m_embeddings->dim())
            throw Error("the query has " + std::to_string(term.embedding.size()) +
                        " dimensions, the archive's embeddings " + std::to_string(m_embeddings->dim()));
        if (!std::all_of(term.embedding.begin(), term.embedding.end(), [](float v) { return std::isfinite(v); }))
            throw Error("the query's embedding is not finite (NaN or infinity)");
        pending.push_back(&term);
    }
    for (std::size_t i = 0; i < pending.size(); i += 2) {
        const TermEmbedding* a = pending[i];
        const TermEmbedding* b = i + 1 < pending.size() ? pending[i + 1] : nullptr;
        auto sa = std::make_shared<std::vector<float>>(n);
        auto sb = std::make_shared<std::vector<float>>(b ? n : 0);
        m_embeddings->similarities(a->embedding.data(), b ? b->embedding.data() : nullptr, *sa, *sb, m_threads);
        put({std::string(), a->key}, Entry{nullptr, std::move(sa)});
        if (b)
            put({std::string(), b->key}, Entry{nullptr, std::move(sb)});
    }
    std::vector<std::shared_ptr<const ModalityScores>> out;
    std::set<std::string> keep;
    for (const TermEmbedding& term : terms) {
        keep.insert(term.key);
        const Key key{areaKey, term.key};
        if (const Entry* entry = m_cache.find(key); entry && entry->scores) {
            out.push_back(entry->scores);
            continue;
        }
        const auto raw = wholeRaw(term.key);
        std::vector<float> values;
        if (area) {
            values.reserve(area->rows.size());
            for (std::size_t r : area->rows)
                values.push_back((*raw)[r]);
        } else {
            values = *raw;
        }
        std::shared_ptr<const ModalityScores> scores;
        try {
            scores = ModalityScores::fromSimilarities(std::move(values), m_threads);
        } catch (const NotFiniteSimilarity& e) {
            // The query is finite (checked above): a stored row is not. Its row in the archive.
            throw NotFiniteSimilarity(area ? area->rows[e.index()] : e.index());
        }
        put(key, Entry{scores, nullptr});
        out.push_back(std::move(scores));
    }
    trim(keep);
    return out;
}

Ranking::Ranking(std::shared_ptr<const ArchiveEmbeddings> embeddings, const std::vector<ScoredTerm>& terms,
                 std::shared_ptr<const SearchArea> area, std::set<std::int64_t> hidden)
    : m_embeddings(std::move(embeddings)), m_area(std::move(area)), m_hidden(std::move(hidden)), m_session(terms)
{
    if (!m_embeddings)
        throw Error("a ranking needs an archive's embeddings");
    const std::size_t rows = m_area ? m_area->rows.size() : m_embeddings->size();
    if (!terms.empty() && m_session.size() != rows)
        throw Error("the query's terms were scored over " + std::to_string(m_session.size()) + " rows, the ranking has " +
                    std::to_string(rows));
}

Ranking::Ranking(std::shared_ptr<const ArchiveEmbeddings> embeddings, QuerySession basic,
                 std::shared_ptr<const SearchArea> area, std::set<std::int64_t> hidden)
    : m_embeddings(std::move(embeddings)), m_area(std::move(area)), m_hidden(std::move(hidden)), m_session(std::move(basic))
{
    if (!m_embeddings || !m_session.isBasic())
        throw Error("a BASIC ranking needs an archive's embeddings and a BASIC session");
    const std::size_t rows = m_area ? m_area->rows.size() : m_embeddings->size();
    if (m_session.size() != rows)
        throw Error("the query was scored over " + std::to_string(m_session.size()) + " rows, the ranking has " +
                    std::to_string(rows));
}

namespace {

/// The mean of L2-normalised vectors (empty when there are none).
std::vector<float> meanOf(const std::vector<std::span<const float>>& vectors)
{
    if (vectors.empty())
        return {};
    std::vector<double> sum(vectors.front().size(), 0.0);
    for (const auto& v : vectors) {
        if (v.size() != sum.size())
            throw Error("the query's embeddings have different dimensions");
        double norm = 0;
        for (const float x : v)
            norm += static_cast<double>(x) * x;
        norm = norm > 0 ? std::sqrt(norm) : 1.0;
        for (std::size_t c = 0; c < v.size(); ++c)
            sum[c] += v[c] / norm;
    }
    std::vector<float> mean(sum.size());
    for (std::size_t c = 0; c < sum.size(); ++c)
        mean[c] = static_cast<float>(sum[c] / static_cast<double>(vectors.size()));
    return mean;
}

std::string vectorKey(const std::string& prefix, std::span<const float> v)
{
    return prefix + std::to_string(fnv1a64(std::string_view(reinterpret_cast<const char*>(v.data()), v.size_bytes())));
}

} // namespace

BasicRequest basicRequestOf(const std::vector<BasicTerm>& terms, std::shared_ptr<const BasicSpace> space,
                            std::optional<BasicNormalisation> normalisation, std::string key)
{
    BasicRequest request{{}, {}, std::move(space), normalisation, std::move(key), {}, {}};
    for (const BasicTerm& term : terms)
        (term.image ? (term.avoided ? request.avoidImages : request.images)
                    : (term.avoided ? request.avoidTexts : request.texts))
            .push_back(term.embedding);
    return request;
}

QuerySession basicSession(ArchiveSearch& search, const BasicRequest& request, const SearchArea* area)
{
    if (!request.space)
        throw Error("BASIC needs its space (corpora and image mean)");
    const auto image = meanOf(request.images), text = meanOf(request.texts);
    const auto avoidImage = meanOf(request.avoidImages), avoidText = meanOf(request.avoidTexts);
    if (image.empty() && text.empty())
        throw Error("BASIC needs a wanted image or text");
    const auto& embeddings = search.embeddings();
    // The expansion's neighbours among the rows being ranked: one pass with the projected query.
    BasicNeighbours neighbours;
    neighbours.nearest = [&](std::span<const float> v, std::size_t k) {
        const auto scores = search.score(TermEmbedding{vectorKey("basic-expansion\n" + request.key + "\n", v), v}, area);
        auto top = selectTopK(scores->raw, scores->raw, 1.0f, 0.0f, std::min(k, scores->raw.size()));
        if (area)
            for (auto& row : top)
                row = area->rows[row];
        return top;
    };
    neighbours.row = [&](std::size_t row) { return embeddings->values(row); };
    const auto pointer = [](const std::vector<float>& v) { return v.empty() ? nullptr : v.data(); };
    BasicQuery query = basicQuery(*request.space, pointer(image), pointer(text), &neighbours, pointer(avoidImage),
                                  pointer(avoidText));
    std::vector<TermEmbedding> terms;
    const auto add = [&](const char* kind, const std::vector<float>& v) {
        if (!v.empty())
            terms.push_back({vectorKey(kind + request.key + "\n", v), v});
    };
    add("basic-image\n", query.image);
    add("basic-text\n", query.text);
    add("basic-avoid-image\n", query.avoidImage);
    add("basic-avoid-text\n", query.avoidText);
    const auto scores = search.score(terms, area);
    std::size_t next = 0;
    const auto take = [&](const std::vector<float>& v) {
        return v.empty() ? std::shared_ptr<const ModalityScores>() : scores[next++];
    };
    auto imageScores = take(query.image), textScores = take(query.text);
    auto avoidImageScores = take(query.avoidImage), avoidTextScores = take(query.avoidText);
    return QuerySession(std::move(imageScores), std::move(textScores), std::move(query), request.normalisation,
                        std::move(avoidImageScores), std::move(avoidTextScores));
}

std::vector<Hit> Ranking::rank(Method method, double lambda, std::size_t k, double nu) const
{
    if (!m_embeddings)
        return {};
    // k more are ranked, so that k remain once the query's own items are left out.
    auto hits = m_session.rerank(method, lambda, k + m_hidden.size(), nu);
    std::vector<Hit> kept;
    kept.reserve(std::min(k, hits.size()));
    for (Hit& hit : hits) {
        if (kept.size() >= k)
            break;
        if (m_area)
            hit.index = m_area->rows[hit.index];
        if (!m_hidden.empty() && m_hidden.count(m_embeddings->itemId(hit.index)))
            continue;
        kept.push_back(hit);
    }
    return kept;
}

std::vector<float> Ranking::scores(Method method, double lambda, double nu) const
{
    return m_embeddings ? m_session.scores(method, lambda, nu) : std::vector<float>();
}

std::optional<Hit> Ranking::explain(std::int64_t itemId, Method method, double lambda, double nu) const
{
    if (!m_embeddings)
        return std::nullopt;
    const auto row = m_embeddings->indexOf(itemId);
    if (!row)
        return std::nullopt;
    std::size_t position = *row;
    if (m_area) {
        const auto& rows = m_area->rows;
        const auto it = std::lower_bound(rows.begin(), rows.end(), *row);
        if (it == rows.end() || *it != *row)
            return std::nullopt; // outside the area: not ranked
        position = static_cast<std::size_t>(it - rows.begin());
    }
    Hit hit = m_session.explain(position, method, lambda, nu);
    hit.index = *row;
    return hit;
}

} // namespace rscir
