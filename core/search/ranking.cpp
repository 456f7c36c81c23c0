#include "core/search/ranking.h"

#include "core/base/error.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <thread>

#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>
#endif

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

namespace {

/// Dot products of one row with up to two queries; eight independent partial sums
/// per query let the compiler keep them in vector registers.
inline void dot2(const float* row, const float* q1, const float* q2, std::size_t d, float& out1, float& out2)
{
    float s1[8] = {0, 0, 0, 0, 0, 0, 0, 0};
    float s2[8] = {0, 0, 0, 0, 0, 0, 0, 0};
    std::size_t c = 0;
    for (; c + 8 <= d; c += 8)
        for (int j = 0; j < 8; ++j) {
            s1[j] += row[c + j] * q1[c + j];
            s2[j] += row[c + j] * q2[c + j];
        }
    float t1 = 0, t2 = 0;
    for (; c < d; ++c) {
        t1 += row[c] * q1[c];
        t2 += row[c] * q2[c];
    }
    out1 = ((s1[0] + s1[4]) + (s1[1] + s1[5])) + ((s1[2] + s1[6]) + (s1[3] + s1[7])) + t1;
    out2 = ((s2[0] + s2[4]) + (s2[1] + s2[5])) + ((s2[2] + s2[6]) + (s2[3] + s2[7])) + t2;
}

#if defined(__x86_64__) || defined(__i386__)
/// The same pass with AVX2 and FMA, chosen at run time where the processor has them.
__attribute__((target("avx2,fma"))) void dotRowsAvx2(const float* data, std::size_t rows, std::size_t d,
                                                     const float* q1, const float* q2, float* out1, float* out2)
{
    for (std::size_t r = 0; r < rows; ++r) {
        const float* row = data + r * d;
        __m256 a0 = _mm256_setzero_ps(), a1 = _mm256_setzero_ps(), b0 = _mm256_setzero_ps(), b1 = _mm256_setzero_ps();
        std::size_t c = 0;
        for (; c + 16 <= d; c += 16) {
            const __m256 x0 = _mm256_loadu_ps(row + c), x1 = _mm256_loadu_ps(row + c + 8);
            a0 = _mm256_fmadd_ps(x0, _mm256_loadu_ps(q1 + c), a0);
            a1 = _mm256_fmadd_ps(x1, _mm256_loadu_ps(q1 + c + 8), a1);
            b0 = _mm256_fmadd_ps(x0, _mm256_loadu_ps(q2 + c), b0);
            b1 = _mm256_fmadd_ps(x1, _mm256_loadu_ps(q2 + c + 8), b1);
        }
        alignas(32) float sa[8], sb[8];
        _mm256_store_ps(sa, _mm256_add_ps(a0, a1));
        _mm256_store_ps(sb, _mm256_add_ps(b0, b1));
        float t1 = ((sa[0] + sa[4]) + (sa[1] + sa[5])) + ((sa[2] + sa[6]) + (sa[3] + sa[7]));
        float t2 = ((sb[0] + sb[4]) + (sb[1] + sb[5])) + ((sb[2] + sb[6]) + (sb[3] + sb[7]));
        for (; c < d; ++c) {
            t1 += row[c] * q1[c];
            t2 += row[c] * q2[c];
        }
        out1[r] = t1;
        out2[r] = t2;
    }
}

bool haveAvx2()
{
    static const bool have = __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
    return have;
}
#endif

void dotRows(const float* data, std::size_t rows, std::size_t d, const float* q1, const float* q2, float* out1,
             float* out2)
{
#if defined(__x86_64__) || defined(__i386__)
    if (haveAvx2())
        return dotRowsAvx2(data, rows, d, q1, q2, out1, out2);
#endif
    for (std::size_t r = 0; r < rows; ++r)
        dot2(data + r * d, q1, q2, d, out1[r], out2[r]);
}

} // namespace

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
        dotRows(data, n, d, q1, q2, out1, out2);
        return;
    }
    std::vector<std::thread> pool;
    const std::size_t chunk = (n + threads - 1) / threads;
    for (unsigned t = 0; t < threads; ++t) {
        const std::size_t begin = t * chunk, end = std::min(n, begin + chunk);
        if (begin >= end)
            break;
        pool.emplace_back([=] { dotRows(data + begin * d, end - begin, d, q1, q2, out1 + begin, out2 + begin); });
    }
    for (auto& thread : pool)
        thread.join();
}

std::vector<float> normaliseScores(std::span<const float> s)
{
    const std::size_t n = s.size();
    std::vector<float> out(n, 0.5f);
    if (n < 2)
        return out;
    double mean = 0.0;
    for (float x : s)
        mean += x;
    mean /= static_cast<double>(n);
    double squares = 0.0;
    for (float x : s) {
        const double d = x - mean;
        squares += d * d;
    }
    const double stddev = std::sqrt(squares / static_cast<double>(n - 1));
    if (!(stddev > 0.0) || !std::isfinite(stddev))
        return out;
    const double scale = 1.0 / (stddev * std::sqrt(2.0));
    for (std::size_t i = 0; i < n; ++i)
        out[i] = static_cast<float>(0.5 * std::erfc(-(s[i] - mean) * scale));
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

std::shared_ptr<const ModalityScores> ModalityScores::fromSimilarities(std::vector<float> raw)
{
    for (float s : raw)
        if (!std::isfinite(s))
            throw Error("a similarity is not finite (NaN or infinity)");
    auto scores = std::make_shared<ModalityScores>();
    scores->normalised = normaliseScores(raw);
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

QuerySession::QuerySession(const EmbeddingMatrix& archive, const Embedding* image, const Embedding* text)
{
    const auto check = [&](const Embedding* e, const char* what) {
        if (e && !e->empty() && e->dim() != archive.dim())
            throw Error(std::string("the query ") + what + " embedding has dimension " + std::to_string(e->dim()) +
                            "; the archive's embeddings have " + std::to_string(archive.dim()),
                        "the query and the archive must come from the same model");
    };
    check(image, "image");
    check(text, "text");
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
