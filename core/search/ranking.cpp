#include "core/search/ranking.h"

#include "core/search/archive_embeddings.h"

#include "core/base/error.h"
#include "core/base/threads.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <optional>
#include <tuple>
#include <thread>


namespace rscir {

std::string_view methodName(Method method)
{
    switch (method) {
    case Method::Image: return "image";
    case Method::Text: return "text";
    case Method::Average: return "average";
    case Method::WeiCom: return "weicom";
    case Method::Slerp: return "slerp";
    case Method::Basic: return "basic";
    }
    return "";
}

Method parseMethod(std::string_view name)
{
    for (Method m : {Method::Image, Method::Text, Method::Average, Method::WeiCom, Method::Slerp, Method::Basic})
        if (methodName(m) == name)
            return m;
    throw Error("unknown method '" + std::string(name) + "'", "use weicom, image, text, average, slerp or basic");
}

std::vector<Method> allMethods()
{
    return {Method::Image, Method::Text, Method::Average, Method::WeiCom};
}

void computeSimilarities(const EmbeddingMatrix& matrix, const float* imageQuery, const float* textQuery,
                         std::span<float> imageOut, std::span<float> textOut, unsigned maxThreads)
{
    const std::size_t n = matrix.rows();
    const std::size_t d = matrix.dim();
    if ((imageQuery && imageOut.size() != n) || (textQuery && textOut.size() != n))
        throw Error("similarity output does not match the archive size");
    if (!imageQuery && !textQuery)
        return;
    // With one query, the other slot computes the same product into scratch space.
    const float* q1 = imageQuery ? imageQuery : textQuery;
    const float* q2 = textQuery ? textQuery : imageQuery;
    std::vector<float> scratch(imageQuery && textQuery ? 0 : n);
    float* out1 = imageQuery ? imageOut.data() : scratch.data();
    float* out2 = textQuery ? textOut.data() : scratch.data();
    // Large archives are split across cores: the pass is bound by memory bandwidth,
    // which one core alone does not saturate.
    const std::size_t work = n * d;
    const unsigned cores = maxThreads > 0 ? maxThreads : threadBudget();
    const unsigned threads = work < (1u << 22) ? 1u : std::max(1u, std::min(8u, cores));
    const float* data = matrix.data();
    // Each row's products are computed alone: the same on any number of threads.
    const std::size_t chunk = (n + threads - 1) / threads;
    parallelFor(threads, threads, [=](std::size_t t) {
        const std::size_t begin = t * chunk, end = std::min(n, begin + chunk);
        if (begin < end)
            dotRows(data + begin * d, ElementType::Float32, end - begin, d, q1, q2, out1 + begin, out2 + begin);
    });
}

namespace {

/// Runs `work(begin, end)` over [0, n) in blocks of a fixed size on up to `maxThreads`
/// threads; the blocks do not depend on the thread count, so neither do the results.
constexpr std::size_t kNormaliseBlock = 1u << 16;

template <typename Work>
void forBlocks(std::size_t n, unsigned maxThreads, Work&& work)
{
    const std::size_t blocks = (n + kNormaliseBlock - 1) / kNormaliseBlock;
    const unsigned cores = maxThreads > 0 ? maxThreads : threadBudget();
    parallelFor(blocks, std::min(8u, cores),
                [&](std::size_t b) { work(b, b * kNormaliseBlock, std::min(n, (b + 1) * kNormaliseBlock)); });
}

/// Phi on [kLow, kHigh] from a table of Phi and its derivative every 1/128, by cubic
/// Hermite interpolation: at most 6e-12 from 0.5 * erfc(-z / sqrt(2)), a thousandth of
/// a float's precision, at a fraction of erfc's cost. Outside, erfc itself (below kLow,
/// where Phi < 3.2e-5, so that its relative precision stays that of a float).
class NormalCdfTable {
public:
    static constexpr double kLow = -4.0, kHigh = 10.0, kStep = 1.0 / 128.0;
    NormalCdfTable()
    {
        const std::size_t n = static_cast<std::size_t>((kHigh - kLow) / kStep) + 2;
        m_value.resize(n);
        m_slope.resize(n);
        for (std::size_t i = 0; i < n; ++i) {
            const double z = kLow + static_cast<double>(i) * kStep;
            m_value[i] = 0.5 * std::erfc(-z / std::sqrt(2.0));
            m_slope[i] = kStep * std::exp(-0.5 * z * z) / std::sqrt(2.0 * 3.14159265358979323846);
        }
    }
    double operator()(double z) const
    {
        if (!(z >= kLow && z < kHigh))
            return 0.5 * std::erfc(-z / std::sqrt(2.0));
        const double t = (z - kLow) / kStep;
        const std::size_t i = static_cast<std::size_t>(t);
        const double u = t - static_cast<double>(i), u2 = u * u, u3 = u2 * u;
        return (2 * u3 - 3 * u2 + 1) * m_value[i] + (u3 - 2 * u2 + u) * m_slope[i] + (-2 * u3 + 3 * u2) * m_value[i + 1] +
               (u3 - u2) * m_slope[i + 1];
    }

private:
    std::vector<double> m_value, m_slope; ///< Phi and step * phi at each knot
};

} // namespace

double standardNormalCdf(double z)
{
    static const NormalCdfTable table;
    return table(z);
}

std::vector<float> normaliseScores(std::span<const float> s, unsigned maxThreads)
{
    const std::size_t n = s.size();
    std::vector<float> out(n, 0.5f);
    if (n < 2)
        return out;
    // Sums per block, added in block order: the same figures on any number of threads.
    const std::size_t blocks = (n + kNormaliseBlock - 1) / kNormaliseBlock;
    std::vector<double> partial(blocks, 0.0);
    forBlocks(n, maxThreads, [&](std::size_t b, std::size_t begin, std::size_t end) {
        double sum = 0.0;
        for (std::size_t i = begin; i < end; ++i)
            sum += s[i];
        partial[b] = sum;
    });
    double mean = 0.0;
    for (double p : partial)
        mean += p;
    if (!std::isfinite(mean))
        throw Error("a similarity is not finite (NaN or infinity)");
    mean /= static_cast<double>(n);
    forBlocks(n, maxThreads, [&](std::size_t b, std::size_t begin, std::size_t end) {
        double squares = 0.0;
        for (std::size_t i = begin; i < end; ++i) {
            const double d = s[i] - mean;
            squares += d * d;
        }
        partial[b] = squares;
    });
    double squares = 0.0;
    for (double p : partial)
        squares += p;
    const double stddev = std::sqrt(squares / static_cast<double>(n - 1));
    if (!(stddev > 0.0) || !std::isfinite(stddev))
        return out;
    const double inverse = 1.0 / stddev;
    forBlocks(n, maxThreads, [&](std::size_t, std::size_t begin, std::size_t end) {
        for (std::size_t i = begin; i < end; ++i)
            out[i] = static_cast<float>(standardNormalCdf((s[i] - mean) * inverse));
    });
    return out;
}

namespace {

/// The top-k of n scores that `fill(start, len, block)` writes a block at a time, in
/// blocks: a block whose best does not beat the worst kept is skipped without touching
/// the heap.
template <typename Fill>
std::vector<std::size_t> selectTopKBlocks(std::size_t n, std::size_t k, const Fill& fill)
{
    k = std::min(k, n);
    if (k == 0)
        return {};

    struct Entry {
        float score;
        std::size_t index;
    };
    // Heap ordered so that its front is the worst entry kept: lowest score, then highest index.
    const auto worseFirst = [](const Entry& p, const Entry& q) {
        return p.score > q.score || (p.score == q.score && p.index < q.index);
    };
    std::vector<Entry> heap;
    heap.reserve(k);

    constexpr std::size_t kBlock = 256;
    float block[kBlock];
    for (std::size_t start = 0; start < n; start += kBlock) {
        const std::size_t len = std::min(kBlock, n - start);
        fill(start, len, block);
        if (heap.size() == k) {
            // Items come in ascending index order, so an equal score never beats the kept worst.
            const float threshold = heap.front().score;
            int above = 0;
            for (std::size_t i = 0; i < len; ++i)
                above += block[i] > threshold;
            if (above == 0)
                continue;
        }
        for (std::size_t i = 0; i < len; ++i) {
            const Entry e{block[i], start + i};
            if (heap.size() < k) {
                heap.push_back(e);
                std::push_heap(heap.begin(), heap.end(), worseFirst);
            } else if (e.score > heap.front().score) {
                std::pop_heap(heap.begin(), heap.end(), worseFirst);
                heap.back() = e;
                std::push_heap(heap.begin(), heap.end(), worseFirst);
            }
        }
    }
    std::sort_heap(heap.begin(), heap.end(), worseFirst);
    std::vector<std::size_t> order(heap.size());
    for (std::size_t i = 0; i < heap.size(); ++i)
        order[i] = heap[i].index;
    return order;
}

/// The top-k selection of a * x + b * y (- c * z when `Three`).
template <bool Three>
std::vector<std::size_t> selectTopKOf(std::span<const float> x, std::span<const float> y, std::span<const float> z,
                                      float a, float b, float c, std::size_t k)
{
    const std::size_t n = x.size();
    if (y.size() != n || (Three && z.size() != n))
        throw Error("selectTopK: score vectors differ in length");
    const float* xs = x.data();
    const float* ys = y.data();
    const float* zs = z.data();
    return selectTopKBlocks(n, k, [&](std::size_t start, std::size_t len, float* block) {
        if constexpr (Three) {
            for (std::size_t i = 0; i < len; ++i)
                block[i] = a * xs[start + i] + b * ys[start + i] - c * zs[start + i];
        } else {
            for (std::size_t i = 0; i < len; ++i)
                block[i] = a * xs[start + i] + b * ys[start + i];
        }
    });
}

} // namespace

std::vector<std::size_t> selectTopK(std::span<const float> x, std::span<const float> y, float a, float b, std::size_t k)
{
    return selectTopKOf<false>(x, y, {}, a, b, 0.0f, k);
}

std::vector<std::size_t> selectTopK(std::span<const float> x, std::span<const float> y, std::span<const float> z,
                                    float a, float b, float c, std::size_t k)
{
    return selectTopKOf<true>(x, y, z, a, b, c, k);
}

std::shared_ptr<const ModalityScores> ModalityScores::fromSimilarities(std::vector<float> raw, unsigned maxThreads)
{
    // The culprit: the first value that is not finite, else (finite values whose sum is not)
    // the largest in magnitude. Always a valid index.
    const auto firstNotFinite = [&raw] {
        auto it = std::find_if(raw.begin(), raw.end(), [](float s) { return !std::isfinite(s); });
        if (it == raw.end())
            it = std::max_element(raw.begin(), raw.end(),
                                  [](float a, float b) { return std::fabs(a) < std::fabs(b); });
        return NotFiniteSimilarity(static_cast<std::size_t>(it - raw.begin()));
    };
    if (raw.size() < 2)
        for (float s : raw)
            if (!std::isfinite(s))
                throw firstNotFinite();
    auto scores = std::make_shared<ModalityScores>();
    // Throws for a value that is not finite (the sum is then not finite either); which one
    // is looked for only then.
    try {
        scores->normalised = normaliseScores(raw, maxThreads);
    } catch (const Error&) {
        throw firstNotFinite();
    }
    scores->raw = std::move(raw);
    return scores;
}

std::shared_ptr<const ModalityScores> ModalityScores::missing(std::size_t size)
{
    auto scores = std::make_shared<ModalityScores>();
    scores->raw.assign(size, 0.0f);
    scores->normalised.assign(size, 0.5f);
    scores->present = false;
    return scores;
}

namespace {

void checkQueryDimension(const Embedding* e, std::size_t dim, const char* what)
{
    if (e && !e->empty() && e->dim() != dim)
        throw Error(std::string("the query ") + what + " embedding has dimension " + std::to_string(e->dim()) +
                        "; the archive's embeddings have " + std::to_string(dim),
                    "the query and the archive must come from the same model");
}

} // namespace

namespace {

/// The mean of several terms' scores, raw and normalised, in double; one term is itself.
std::shared_ptr<const ModalityScores> meanOf(const std::vector<const ModalityScores*>& parts,
                                             const std::vector<std::shared_ptr<const ModalityScores>>& owners,
                                             unsigned maxThreads)
{
    if (owners.size() == 1)
        return owners.front();
    const std::size_t n = parts.front()->raw.size();
    auto mean = std::make_shared<ModalityScores>();
    mean->raw.resize(n);
    mean->normalised.resize(n);
    const double inverse = 1.0 / static_cast<double>(parts.size());
    forBlocks(n, maxThreads, [&](std::size_t, std::size_t begin, std::size_t end) {
        for (std::size_t i = begin; i < end; ++i) {
            double raw = 0, normalised = 0;
            for (const ModalityScores* part : parts) {
                raw += part->raw[i];
                normalised += part->normalised[i];
            }
            mean->raw[i] = static_cast<float>(raw * inverse);
            mean->normalised[i] = static_cast<float>(normalised * inverse);
        }
    });
    return mean;
}

/// The L2-normalised mean of embeddings, and the factor that turns the mean of their
/// similarities into the similarity to that direction: X.(sum e / |sum e|) = mean s * k / |sum e|.
std::optional<std::pair<std::vector<double>, double>> direction(const std::vector<const std::vector<float>*>& embeddings)
{
    if (embeddings.empty() || embeddings.front()->empty())
        return std::nullopt;
    std::vector<double> sum(embeddings.front()->size(), 0.0);
    for (const auto* e : embeddings) {
        if (e->size() != sum.size())
            return std::nullopt;
        for (std::size_t c = 0; c < sum.size(); ++c)
            sum[c] += (*e)[c];
    }
    double norm = 0;
    for (double v : sum)
        norm += v * v;
    norm = std::sqrt(norm);
    if (!(norm > 1e-12))
        return std::nullopt; // opposite embeddings: no direction
    for (double& v : sum)
        v /= norm;
    return std::make_pair(std::move(sum), static_cast<double>(embeddings.size()) / norm);
}

/// Slerp's scales and angle for one image and one text embedding (either may be missing).
void slerpGeometry(const Embedding* image, const Embedding* text, double& imageScale, double& textScale, double& theta)
{
    std::vector<float> a, b;
    if (image && !image->empty())
        a.assign(image->values().begin(), image->values().end());
    if (text && !text->empty())
        b.assign(text->values().begin(), text->values().end());
    const auto da = direction({&a});
    const auto db = direction({&b});
    if (da)
        imageScale = da->second;
    if (db)
        textScale = db->second;
    theta = -1;
    if (da && db) {
        double dot = 0;
        for (std::size_t c = 0; c < da->first.size() && c < db->first.size(); ++c)
            dot += da->first[c] * db->first[c];
        theta = std::acos(std::clamp(dot, -1.0, 1.0));
    } else if ((a.empty() || da) && (b.empty() || db)) {
        theta = 0;
    }
}

} // namespace

QuerySession::QuerySession(const EmbeddingMatrix& archive, const Embedding* image, const Embedding* text)
{
    checkQueryDimension(image, archive.dim(), "image");
    checkQueryDimension(text, archive.dim(), "text");
    const bool hasImage = image && !image->empty();
    const bool hasText = text && !text->empty();
    std::vector<float> imageRaw(hasImage ? archive.rows() : 0);
    std::vector<float> textRaw(hasText ? archive.rows() : 0);
    computeSimilarities(archive, hasImage ? image->data() : nullptr, hasText ? text->data() : nullptr, imageRaw,
                        textRaw);
    m_image =
        hasImage ? ModalityScores::fromSimilarities(std::move(imageRaw)) : ModalityScores::missing(archive.rows());
    m_text = hasText ? ModalityScores::fromSimilarities(std::move(textRaw)) : ModalityScores::missing(archive.rows());
    slerpGeometry(image, text, m_imageScale, m_textScale, m_theta);
}

QuerySession::QuerySession(const ArchiveEmbeddings& archive, const Embedding* image, const Embedding* text,
                           unsigned maxThreads)
{
    checkQueryDimension(image, archive.dim(), "image");
    checkQueryDimension(text, archive.dim(), "text");
    const bool hasImage = image && !image->empty();
    const bool hasText = text && !text->empty();
    std::vector<float> imageRaw(hasImage ? archive.size() : 0);
    std::vector<float> textRaw(hasText ? archive.size() : 0);
    archive.similarities(hasImage ? image->data() : nullptr, hasText ? text->data() : nullptr, imageRaw, textRaw,
                         maxThreads);
    m_image = hasImage ? ModalityScores::fromSimilarities(std::move(imageRaw), maxThreads)
                       : ModalityScores::missing(archive.size());
    m_text = hasText ? ModalityScores::fromSimilarities(std::move(textRaw), maxThreads)
                     : ModalityScores::missing(archive.size());
    slerpGeometry(image, text, m_imageScale, m_textScale, m_theta);
}

QuerySession::QuerySession(std::vector<float> imageSimilarities, std::vector<float> textSimilarities)
{
    const std::size_t n = std::max(imageSimilarities.size(), textSimilarities.size());
    m_image = imageSimilarities.empty() ? ModalityScores::missing(n)
                                        : ModalityScores::fromSimilarities(std::move(imageSimilarities));
    m_text = textSimilarities.empty() ? ModalityScores::missing(n)
                                      : ModalityScores::fromSimilarities(std::move(textSimilarities));
    if (m_image->raw.size() != m_text->raw.size())
        throw Error("image and text similarity vectors differ in length");
}

QuerySession::QuerySession(std::shared_ptr<const ModalityScores> image, std::shared_ptr<const ModalityScores> text)
    : m_image(std::move(image)), m_text(std::move(text))
{
    const std::size_t n = m_image ? m_image->raw.size() : (m_text ? m_text->raw.size() : 0);
    if (!m_image)
        m_image = ModalityScores::missing(n);
    if (!m_text)
        m_text = ModalityScores::missing(n);
    if (m_image->raw.size() != m_text->raw.size())
        throw Error("image and text similarity vectors differ in length");
}


QuerySession::QuerySession(const std::vector<ScoredTerm>& terms, unsigned maxThreads)
{
    std::size_t n = 0;
    bool sized = false;
    for (const auto& term : terms) {
        if (!term.scores)
            throw Error("a query term has no scores");
        if (sized && term.scores->raw.size() != n)
            throw Error("the query's terms were scored against archives of different sizes");
        n = term.scores->raw.size();
        sized = true;
    }
    const auto gather = [&](auto&& keep) {
        std::vector<const ModalityScores*> parts;
        std::vector<std::shared_ptr<const ModalityScores>> owners;
        std::vector<const std::vector<float>*> embeddings;
        for (const auto& term : terms)
            if (keep(term)) {
                parts.push_back(term.scores.get());
                owners.push_back(term.scores);
                embeddings.push_back(&term.embedding);
            }
        return std::make_tuple(parts, owners, embeddings);
    };
    const auto [imageParts, imageOwners, imageEmbeddings] =
        gather([](const ScoredTerm& t) { return t.image && !t.avoided; });
    const auto [textParts, textOwners, textEmbeddings] = gather([](const ScoredTerm& t) { return !t.image && !t.avoided; });
    const auto [avoidParts, avoidOwners, avoidEmbeddings] = gather([](const ScoredTerm& t) { return t.avoided; });
    m_image = imageParts.empty() ? ModalityScores::missing(n) : meanOf(imageParts, imageOwners, maxThreads);
    m_text = textParts.empty() ? ModalityScores::missing(n) : meanOf(textParts, textOwners, maxThreads);
    if (!avoidParts.empty())
        m_avoid = meanOf(avoidParts, avoidOwners, maxThreads);
    // Slerp's two directions and the angle between them.
    const auto a = direction(imageEmbeddings);
    const auto b = direction(textEmbeddings);
    if (a)
        m_imageScale = a->second;
    if (b)
        m_textScale = b->second;
    if (a && b && a->first.size() == b->first.size()) {
        double dot = 0;
        for (std::size_t c = 0; c < a->first.size(); ++c)
            dot += a->first[c] * b->first[c];
        m_theta = std::acos(std::clamp(dot, -1.0, 1.0));
    } else if ((imageParts.empty() || a) && (textParts.empty() || b)) {
        m_theta = 0; // one side only (or none): Slerp is that side
    }
}

QuerySession::QuerySession(std::shared_ptr<const ModalityScores> basicImage,
                           std::shared_ptr<const ModalityScores> basicText, BasicQuery query,
                           std::optional<BasicNormalisation> normalisation,
                           std::shared_ptr<const ModalityScores> avoidImage,
                           std::shared_ptr<const ModalityScores> avoidText)
{
    if (!basicImage && !basicText)
        throw Error("a BASIC query needs an image or a text");
    const std::size_t n = basicImage ? basicImage->raw.size() : basicText->raw.size();
    if ((basicImage && basicText && basicText->raw.size() != n) || (avoidImage && avoidImage->raw.size() != n) ||
        (avoidText && avoidText->raw.size() != n))
        throw Error("BASIC's image and text similarities cover different archives");
    auto fusion = std::make_shared<BasicFusion>();
    fusion->image = basicImage != nullptr;
    fusion->text = basicText != nullptr;
    fusion->avoidImage = std::move(avoidImage);
    fusion->avoidText = std::move(avoidText);
    query.image.clear();
    query.text.clear();
    query.avoidImage.clear();
    query.avoidText.clear();
    fusion->query = std::move(query);
    fusion->normalisation = normalisation;
    m_basic = std::move(fusion);
    m_image = basicImage ? std::move(basicImage) : ModalityScores::missing(n);
    m_text = basicText ? std::move(basicText) : ModalityScores::missing(n);
}

void QuerySession::checkBasic(double lambda) const
{
    if (!m_basic)
        throw Error("this query was not prepared for BASIC", "rank it with BASIC from the start");
    if (!(lambda >= 0.0 && lambda < kBasicHarrisLimit))
        throw Error("BASIC's Harris weight must lie in [0, 0.25); got " + std::to_string(lambda),
                    "at 0.25 and above no item scores above 0: s_t s_i - l (s_t + s_i)^2 <= (1 - 4 l) s_t s_i");
}

std::vector<float> QuerySession::basicScores(double lambda, double nu) const
{
    checkBasic(lambda);
    const auto span = [](const std::shared_ptr<const ModalityScores>& s) {
        return s ? std::span<const float>(s->raw) : std::span<const float>();
    };
    return rscir::basicScores(m_basic->image ? std::span<const float>(m_image->raw) : std::span<const float>(),
                              m_basic->text ? std::span<const float>(m_text->raw) : std::span<const float>(),
                              m_basic->query, m_basic->normalisation, lambda, span(m_basic->avoidImage),
                              span(m_basic->avoidText), nu);
}

Hit QuerySession::basicHit(std::size_t i, float score, float nu) const
{
    // The similarities BASIC fuses: centred (and projected, expanded) products, and the
    // same normalised (where a synthetic set is given), lowered by what is avoided and
    // clamped at 0: the two values Harris's rule fuses into the score.
    Hit h{i, score, 0, 0, 0, 0};
    const BasicFusionConstants f = m_basic->constants();
    const auto [si, st] = basicSides(m_image->raw[i], m_text->raw[i], f,
                                     m_basic->avoidImage ? m_basic->avoidImage->raw[i] : 0.0f,
                                     m_basic->avoidText ? m_basic->avoidText->raw[i] : 0.0f, nu);
    if (m_basic->image) {
        h.imageSimilarity = static_cast<float>(m_image->raw[i] - m_basic->query.imageOffset);
        h.imageNormalised = si;
    }
    if (m_basic->text) {
        h.textSimilarity = static_cast<float>(m_text->raw[i] - m_basic->query.textOffset);
        h.textNormalised = st;
    }
    // What to avoid: the mean of its centred similarities, and of the same scaled.
    int kinds = 0;
    if (m_basic->avoidImage) {
        h.avoidSimilarity += static_cast<float>(m_basic->avoidImage->raw[i] - m_basic->query.avoidImageOffset);
        h.avoidNormalised += m_basic->avoidImage->raw[i] * f.avoidImageScale - f.avoidImageShift;
        ++kinds;
    }
    if (m_basic->avoidText) {
        h.avoidSimilarity += static_cast<float>(m_basic->avoidText->raw[i] - m_basic->query.avoidTextOffset);
        h.avoidNormalised += m_basic->avoidText->raw[i] * f.avoidTextScale - f.avoidTextShift;
        ++kinds;
    }
    if (kinds == 2) {
        h.avoidSimilarity /= 2;
        h.avoidNormalised /= 2;
    }
    return h;
}

QuerySession::Terms QuerySession::terms(Method method, double lambda, double nu) const
{
    if (!m_image)
        throw Error("the query session is empty");
    if ((method == Method::Basic) != (m_basic != nullptr))
        throw Error(m_basic ? "this query was prepared for BASIC and ranks with it only"
                            : "this query was not prepared for BASIC",
                    "score the query for the method it ranks with");
    if (!(nu >= 0.0 && nu <= 1.0))
        throw Error("the weight of what to avoid must lie between 0 and 1; got " + std::to_string(nu));
    if (m_basic)
        return {}; // not a linear fusion: basicScores()
    const bool mixes = method == Method::WeiCom || method == Method::Slerp;
    if (mixes && !(lambda >= 0.0 && lambda <= 1.0))
        throw Error("lambda must lie between 0 and 1; got " + std::to_string(lambda));
    const std::span<const float> avoidRaw = m_avoid ? std::span<const float>(m_avoid->raw) : std::span<const float>();
    const float c = m_avoid ? static_cast<float>(nu) : 0.0f;
    switch (method) {
    case Method::Image: return {m_image->raw, m_text->raw, avoidRaw, 1.0f, 0.0f, c};
    case Method::Text: return {m_image->raw, m_text->raw, avoidRaw, 0.0f, 1.0f, c};
    case Method::Average: return {m_image->raw, m_text->raw, avoidRaw, 0.5f, 0.5f, c};
    case Method::WeiCom:
        return {m_image->normalised,
                m_text->normalised,
                m_avoid ? std::span<const float>(m_avoid->normalised) : std::span<const float>(),
                static_cast<float>(1.0 - lambda),
                static_cast<float>(lambda),
                c};
    case Method::Slerp: {
        if (m_theta < 0)
            throw Error("Slerp needs the query's embeddings", "this ranking was made from similarities alone");
        double wa = 0, wb = 0;
        if (!hasImage() || !hasText()) {
            wa = hasImage() ? 1.0 : 0.0; // one side only: that side
            wb = hasText() ? 1.0 : 0.0;
        } else if (std::sin(m_theta) < 1e-6) {
            wa = 1.0 - lambda; // (anti)parallel directions: the linear mix
            wb = lambda;
        } else {
            wa = std::sin((1.0 - lambda) * m_theta) / std::sin(m_theta);
            wb = std::sin(lambda * m_theta) / std::sin(m_theta);
        }
        return {m_image->raw, m_text->raw, avoidRaw, static_cast<float>(wa * m_imageScale),
                static_cast<float>(wb * m_textScale), c};
    }
    case Method::Basic: break; // not linear: basicScores()
    }
    throw Error("unknown method");
}

Hit QuerySession::hit(std::size_t i, const Terms& t) const
{
    Hit h{i,
          t.z.empty() ? t.a * t.x[i] + t.b * t.y[i] : t.a * t.x[i] + t.b * t.y[i] - t.c * t.z[i],
          m_image->raw[i],
          m_text->raw[i],
          m_image->normalised[i],
          m_text->normalised[i]};
    if (m_avoid) {
        h.avoidSimilarity = m_avoid->raw[i];
        h.avoidNormalised = m_avoid->normalised[i];
    }
    return h;
}

std::vector<float> QuerySession::scores(Method method, double lambda, double nu) const
{
    if (method == Method::Basic || m_basic) {
        terms(method, lambda, nu); // the same checks
        return basicScores(lambda, nu);
    }
    const Terms t = terms(method, lambda, nu);
    std::vector<float> out(t.x.size());
    if (t.z.empty())
        for (std::size_t i = 0; i < out.size(); ++i)
            out[i] = t.a * t.x[i] + t.b * t.y[i];
    else
        for (std::size_t i = 0; i < out.size(); ++i)
            out[i] = t.a * t.x[i] + t.b * t.y[i] - t.c * t.z[i];
    return out;
}

Hit QuerySession::explain(std::size_t index, Method method, double lambda, double nu) const
{
    if (index >= size())
        throw Error("item " + std::to_string(index) + " is outside the archive of " + std::to_string(size()));
    if (method == Method::Basic || m_basic) {
        terms(method, lambda, nu);
        checkBasic(lambda);
        return basicHit(index,
                        m_basic->fuse(index, m_basic->constants(), *m_image, *m_text, static_cast<float>(lambda),
                                      static_cast<float>(nu)),
                        static_cast<float>(nu));
    }
    return hit(index, terms(method, lambda, nu));
}

std::vector<Hit> QuerySession::rerank(Method method, double lambda, std::size_t k, double nu) const
{
    if (method == Method::Basic || m_basic) {
        terms(method, lambda, nu);
        checkBasic(lambda);
        // Fused a block at a time into the top-k: no vector of N scores.
        const BasicFusionConstants f = m_basic->constants();
        const float* xs = m_image->raw.data();
        const float* ys = m_text->raw.data();
        const float l = static_cast<float>(lambda);
        const float v = static_cast<float>(nu);
        const bool avoids = m_basic->avoidImage || m_basic->avoidText;
        const bool both = m_basic->image && m_basic->text;
        const float a = f.imageScale, b = f.imageShift, c = f.textScale, d = f.textShift;
        const auto order = selectTopKBlocks(size(), k, [&](std::size_t start, std::size_t len, float* block) {
            if (!avoids && both) {
                // basicFuse with its constants out of the loop, so that it vectorises
                for (std::size_t i = 0; i < len; ++i) {
                    const float si = std::max(xs[start + i] * a - b, 0.0f);
                    const float st = std::max(ys[start + i] * c - d, 0.0f);
                    block[i] = st * si - l * (st + si) * (st + si);
                }
            } else {
                for (std::size_t i = 0; i < len; ++i)
                    block[i] = m_basic->fuse(start + i, f, *m_image, *m_text, l, v);
            }
        });
        std::vector<Hit> hits;
        for (std::size_t i : order)
            hits.push_back(basicHit(i, m_basic->fuse(i, f, *m_image, *m_text, l, v), v));
        return hits;
    }
    const Terms t = terms(method, lambda, nu);
    const auto order = t.z.empty() ? selectTopK(t.x, t.y, t.a, t.b, k) : selectTopK(t.x, t.y, t.z, t.a, t.b, t.c, k);
    std::vector<Hit> hits;
    hits.reserve(order.size());
    for (std::size_t i : order)
        hits.push_back(hit(i, t));
    return hits;
}

} // namespace rscir
