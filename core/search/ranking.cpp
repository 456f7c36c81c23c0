#include "core/search/ranking.h"

#include "core/search/archive_embeddings.h"

#include "core/base/error.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <thread>


namespace rscir {

std::string_view methodName(Method method)
{
    switch (method) {
    case Method::Image: return "image";
    case Method::Text: return "text";
    case Method::Average: return "average";
    case Method::WeiCom: return "weicom";
    }
    return "";
}

Method parseMethod(std::string_view name)
{
    for (Method m : allMethods())
        if (methodName(m) == name)
            return m;
    throw Error("unknown method '" + std::string(name) + "'", "use weicom, image, text or average");
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
    const unsigned cores = maxThreads > 0 ? maxThreads : std::thread::hardware_concurrency();
    const unsigned threads = work < (1u << 22) ? 1u : std::max(1u, std::min(8u, cores));
    const float* data = matrix.data();
    if (threads == 1) {
        dotRows(data, ElementType::Float32, n, d, q1, q2, out1, out2);
        return;
    }
    std::vector<std::thread> pool;
    const std::size_t chunk = (n + threads - 1) / threads;
    for (unsigned t = 0; t < threads; ++t) {
        const std::size_t begin = t * chunk, end = std::min(n, begin + chunk);
        if (begin >= end)
            break;
        pool.emplace_back([=] {
            dotRows(data + begin * d, ElementType::Float32, end - begin, d, q1, q2, out1 + begin, out2 + begin);
        });
    }
    for (auto& thread : pool)
        thread.join();
}

namespace {

/// Runs `work(begin, end)` over [0, n) in blocks of a fixed size on up to `maxThreads`
/// threads; the blocks do not depend on the thread count, so neither do the results.
constexpr std::size_t kNormaliseBlock = 1u << 16;

template <typename Work>
void forBlocks(std::size_t n, unsigned maxThreads, Work&& work)
{
    const std::size_t blocks = (n + kNormaliseBlock - 1) / kNormaliseBlock;
    const unsigned cores = maxThreads > 0 ? maxThreads : std::max(1u, std::thread::hardware_concurrency());
    const unsigned threads = static_cast<unsigned>(std::min<std::size_t>(std::min(8u, cores), blocks));
    const auto range = [&](std::size_t first, std::size_t last) {
        for (std::size_t b = first; b < last; ++b)
            work(b, b * kNormaliseBlock, std::min(n, (b + 1) * kNormaliseBlock));
    };
    if (threads <= 1) {
        range(0, blocks);
        return;
    }
    std::vector<std::thread> pool;
    const std::size_t per = (blocks + threads - 1) / threads;
    for (unsigned t = 0; t < threads; ++t)
        if (t * per < blocks)
            pool.emplace_back([&, t] { range(t * per, std::min(blocks, (t + 1) * per)); });
    for (auto& thread : pool)
        thread.join();
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

std::vector<std::size_t> selectTopK(std::span<const float> x, std::span<const float> y, float a, float b, std::size_t k)
{
    const std::size_t n = x.size();
    if (y.size() != n)
        throw Error("selectTopK: score vectors differ in length");
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
    const float* xs = x.data();
    const float* ys = y.data();
    for (std::size_t start = 0; start < n; start += kBlock) {
        const std::size_t len = std::min(kBlock, n - start);
        for (std::size_t i = 0; i < len; ++i)
            block[i] = a * xs[start + i] + b * ys[start + i];
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

std::shared_ptr<const ModalityScores> ModalityScores::fromSimilarities(std::vector<float> raw, unsigned maxThreads)
{
    if (raw.size() < 2)
        for (float s : raw)
            if (!std::isfinite(s))
                throw Error("a similarity is not finite (NaN or infinity)");
    auto scores = std::make_shared<ModalityScores>();
    // Throws for a value that is not finite (the sum is then not finite either).
    scores->normalised = normaliseScores(raw, maxThreads);
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

QuerySession::Terms QuerySession::terms(Method method, double lambda) const
{
    if (!m_image)
        throw Error("the query session is empty");
    switch (method) {
    case Method::Image: return {m_image->raw, m_text->raw, 1.0f, 0.0f};
    case Method::Text: return {m_image->raw, m_text->raw, 0.0f, 1.0f};
    case Method::Average: return {m_image->raw, m_text->raw, 0.5f, 0.5f};
    case Method::WeiCom:
        if (!(lambda >= 0.0 && lambda <= 1.0))
            throw Error("lambda must lie between 0 and 1; got " + std::to_string(lambda));
        return {m_image->normalised, m_text->normalised, static_cast<float>(1.0 - lambda), static_cast<float>(lambda)};
    }
    throw Error("unknown method");
}

Hit QuerySession::hit(std::size_t i, const Terms& t) const
{
    return {
        i, t.a * t.x[i] + t.b * t.y[i], m_image->raw[i], m_text->raw[i], m_image->normalised[i], m_text->normalised[i]};
}

std::vector<float> QuerySession::scores(Method method, double lambda) const
{
    const Terms t = terms(method, lambda);
    std::vector<float> out(t.x.size());
    for (std::size_t i = 0; i < out.size(); ++i)
        out[i] = t.a * t.x[i] + t.b * t.y[i];
    return out;
}

Hit QuerySession::explain(std::size_t index, Method method, double lambda) const
{
    if (index >= size())
        throw Error("item " + std::to_string(index) + " is outside the archive of " + std::to_string(size()));
    return hit(index, terms(method, lambda));
}

std::vector<Hit> QuerySession::rerank(Method method, double lambda, std::size_t k) const
{
    const Terms t = terms(method, lambda);
    const auto order = selectTopK(t.x, t.y, t.a, t.b, k);
    std::vector<Hit> hits;
    hits.reserve(order.size());
    for (std::size_t i : order)
        hits.push_back(hit(i, t));
    return hits;
}

} // namespace rscir
