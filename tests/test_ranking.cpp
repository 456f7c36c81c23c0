#include "core/base/error.h"
#include "core/base/threads.h"
#include "core/search/archive_embeddings.h"
#include "core/base/lru_cache.h"
#include "core/search/archive_search.h"
#include "core/search/query.h"
#include "core/search/ranking.h"
#include "tests/reference_math.h"

#include <QTest>

#include <algorithm>
#include <bit>
#include <span>
#include <tuple>
#include <cmath>
#include <limits>
#include <optional>
#include <numeric>
#include <random>
#include <atomic>
#include <chrono>
#include <thread>

#if defined(__linux__)
#include <cerrno>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>
#endif

using namespace rscir;

namespace {

EmbeddingMatrix randomMatrix(std::size_t n, std::size_t d, unsigned seed)
{
    std::mt19937 rng(seed);
    std::normal_distribution<float> normal;
    EmbeddingMatrix m(n, d);
    for (std::size_t i = 0; i < n * d; ++i)
        m.data()[i] = normal(rng);
    m.normaliseRows();
    return m;
}

Embedding randomEmbedding(std::size_t d, unsigned seed)
{
    std::mt19937 rng(seed);
    std::normal_distribution<float> normal;
    std::vector<float> v(d);
    for (auto& x : v)
        x = normal(rng);
    return Embedding(v);
}

/// The reference computation in double precision, written independently of the engine.
std::vector<double> referenceScores(const EmbeddingMatrix& m, const Embedding& image, const Embedding& text,
                                    Method method, double lambda)
{
    const std::size_t n = m.rows();
    std::vector<double> f(n), g(n);
    for (std::size_t i = 0; i < n; ++i) {
        double a = 0, b = 0;
        for (std::size_t c = 0; c < m.dim(); ++c) {
            a += double(m.row(i)[c]) * image.values()[c];
            b += double(m.row(i)[c]) * text.values()[c];
        }
        f[i] = a;
        g[i] = b;
    }
    std::vector<double> out(n);
    const auto nf = rscir::test::referenceNormalised(f), ng = rscir::test::referenceNormalised(g);
    for (std::size_t i = 0; i < n; ++i) {
        switch (method) {
        case Method::Image: out[i] = f[i]; break;
        case Method::Text: out[i] = g[i]; break;
        case Method::Average: out[i] = (f[i] + g[i]) / 2; break;
        case Method::WeiCom: out[i] = lambda * ng[i] + (1 - lambda) * nf[i]; break;
        case Method::Slerp: break; // checked by composedQueriesMatchAReference
        case Method::Basic: break; // checked by test_basic
        }
    }
    return out;
}

/// Raw similarities of every row to `q`, in double.
std::vector<double> referenceSimilarities(const EmbeddingMatrix& m, std::span<const float> q)
{
    std::vector<double> out(m.rows());
    for (std::size_t i = 0; i < m.rows(); ++i)
        for (std::size_t c = 0; c < m.dim(); ++c)
            out[i] += double(m.row(i)[c]) * double(q[c]);
    return out;
}

using rscir::test::referenceNormalised;

struct ReferenceTerm {
    Embedding embedding;
    bool image, avoided;
};

/// The README's definitions of a composed query, computed directly in double.
std::vector<double> referenceComposed(const EmbeddingMatrix& m, const std::vector<ReferenceTerm>& terms, Method method,
                                      double lambda, double nu)
{
    const std::size_t n = m.rows(), d = m.dim();
    std::vector<double> I(n, 0.5), T(n, 0.5), N(n, 0.0), rawI(n, 0.0), rawT(n, 0.0), rawN(n, 0.0);
    std::size_t ki = 0, kt = 0, kn = 0;
    std::vector<double> sumA(d, 0.0), sumB(d, 0.0);
    for (const auto& t : terms) {
        const auto s = referenceSimilarities(m, t.embedding.values());
        const auto z = referenceNormalised(s);
        auto [count, norm, raw] = t.avoided ? std::tie(kn, N, rawN) : t.image ? std::tie(ki, I, rawI) : std::tie(kt, T, rawT);
        if (count == 0)
            std::fill(norm.begin(), norm.end(), 0.0);
        ++count;
        for (std::size_t i = 0; i < n; ++i) {
            norm[i] += z[i];
            raw[i] += s[i];
        }
        if (!t.avoided)
            for (std::size_t c = 0; c < d; ++c)
                (t.image ? sumA : sumB)[c] += t.embedding.values()[c];
    }
    for (std::size_t i = 0; i < n; ++i) {
        if (ki) {
            I[i] /= double(ki);
            rawI[i] /= double(ki);
        }
        if (kt) {
            T[i] /= double(kt);
            rawT[i] /= double(kt);
        }
        if (kn) {
            N[i] /= double(kn);
            rawN[i] /= double(kn);
        }
    }
    const auto unit = [](std::vector<double> v) {
        double norm = 0;
        for (double x : v)
            norm += x * x;
        for (double& x : v)
            x /= std::sqrt(norm);
        return v;
    };
    std::vector<double> out(n);
    const std::vector<double> a = ki ? unit(sumA) : sumA, b = kt ? unit(sumB) : sumB;
    double dot = 0;
    for (std::size_t c = 0; c < d; ++c)
        dot += a[c] * b[c];
    const double theta = std::acos(std::clamp(dot, -1.0, 1.0));
    for (std::size_t i = 0; i < n; ++i) {
        double xa = 0, xb = 0;
        for (std::size_t c = 0; c < d; ++c) {
            xa += double(m.row(i)[c]) * a[c];
            xb += double(m.row(i)[c]) * b[c];
        }
        switch (method) {
        case Method::Image: out[i] = rawI[i] - nu * rawN[i]; break;
        case Method::Text: out[i] = rawT[i] - nu * rawN[i]; break;
        case Method::Average: out[i] = (rawI[i] + rawT[i]) / 2 - nu * rawN[i]; break;
        case Method::WeiCom: out[i] = lambda * T[i] + (1 - lambda) * I[i] - nu * N[i]; break;
        case Method::Slerp:
            if (ki && kt)
                out[i] = (std::sin((1 - lambda) * theta) * xa + std::sin(lambda * theta) * xb) / std::sin(theta);
            else
                out[i] = ki ? xa : xb;
            out[i] -= nu * rawN[i];
            break;
        case Method::Basic: break; // checked by test_basic
        }
    }
    return out;
}

ScoredTerm scoredTerm(const EmbeddingMatrix& m, const Embedding& e, bool image, bool avoided)
{
    std::vector<float> raw(m.rows());
    computeSimilarities(m, e.data(), nullptr, raw, {});
    return {image, avoided, std::vector<float>(e.values().begin(), e.values().end()),
            ModalityScores::fromSimilarities(std::move(raw))};
}

std::vector<std::size_t> stableOrder(const std::vector<float>& scores)
{
    std::vector<std::size_t> order(scores.size());
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return scores[a] > scores[b]; });
    return order;
}

} // namespace

class TestRanking : public QObject {
    Q_OBJECT
private slots:
    void normalCdfMatchesErfc()
    {
        // The interpolated Phi against erfc: absolutely within 1e-11 everywhere, and
        // relatively exact in the lower tail, where it is erfc itself.
        double worst = 0;
        for (double z = -12.0; z <= 12.0; z += 1.0 / 1024.0 + 1e-7) {
            const double exact = 0.5 * std::erfc(-z / std::sqrt(2.0));
            const double got = standardNormalCdf(z);
            worst = std::max(worst, std::fabs(got - exact));
            if (z < -4.0)
                QVERIFY(std::fabs(got - exact) <= 1e-14 * exact);
        }
        QVERIFY2(worst <= 1e-11, qPrintable(QString::number(worst)));
        QVERIFY(std::isnan(standardNormalCdf(std::nan(""))));
    }

    void aSimilarityThatIsNotFiniteIsNamedByItsRow()
    {
        const auto rowOf = [](std::vector<float> raw) -> std::optional<std::size_t> {
            try {
                ModalityScores::fromSimilarities(std::move(raw));
            } catch (const NotFiniteSimilarity& e) {
                return e.index();
            }
            return std::nullopt;
        };
        QCOMPARE(rowOf({0.1f, std::nanf(""), 0.2f, 0.3f}), std::optional<std::size_t>(1));
        QCOMPARE(rowOf({0.1f, 0.2f, std::numeric_limits<float>::infinity()}), std::optional<std::size_t>(2));
        QCOMPARE(rowOf({std::nanf("")}), std::optional<std::size_t>(0));
        // Huge finite values are summed in double precision: normalised, not an error.
        QCOMPARE(rowOf({0.1f, 3e38f, -3.2e38f, 3e38f, 3e38f}), std::optional<std::size_t>());
        QCOMPARE(rowOf({0.1f, 0.2f, 0.3f}), std::optional<std::size_t>());
    }

    void normalisationIsTheSameOnAnyNumberOfThreads()
    {
        std::mt19937 rng(9);
        std::normal_distribution<float> normal;
        std::vector<float> s(300001);
        for (auto& v : s)
            v = 0.2f + 0.05f * normal(rng);
        const auto one = normaliseScores(s, 1);
        QCOMPARE(normaliseScores(s, 2), one);
        QCOMPARE(normaliseScores(s, 7), one);
        // And within a float's rounding of the direct formula.
        double mean = 0, squares = 0;
        for (float v : s)
            mean += v;
        mean /= double(s.size());
        for (float v : s)
            squares += (v - mean) * (v - mean);
        const double stddev = std::sqrt(squares / double(s.size() - 1));
        for (std::size_t i = 0; i < s.size(); i += 97) {
            const float exact = static_cast<float>(0.5 * std::erfc(-(s[i] - mean) / (stddev * std::sqrt(2.0))));
            QVERIFY(std::fabs(one[i] - exact) <= 6e-8f);
        }
        s[1234] = std::nanf("");
        QVERIFY_THROWS_EXCEPTION(rscir::Error, normaliseScores(s, 2));
    }

    void matchesDoublePrecisionReference_data()
    {
        QTest::addColumn<int>("method");
        QTest::addColumn<double>("lambda");
        QTest::newRow("image") << int(Method::Image) << 0.0;
        QTest::newRow("text") << int(Method::Text) << 0.0;
        QTest::newRow("average") << int(Method::Average) << 0.0;
        QTest::newRow("weicom 0.3") << int(Method::WeiCom) << 0.3;
        QTest::newRow("weicom 0.6") << int(Method::WeiCom) << 0.6;
    }
    void matchesDoublePrecisionReference()
    {
        QFETCH(int, method);
        QFETCH(double, lambda);
        const auto m = randomMatrix(2000, 37, 1);
        const auto image = randomEmbedding(37, 2), text = randomEmbedding(37, 3);
        const QuerySession session(m, &image, &text);
        const auto expected = referenceScores(m, image, text, Method(method), lambda);
        const auto scores = session.scores(Method(method), lambda);
        for (std::size_t i = 0; i < scores.size(); ++i)
            QVERIFY2(std::fabs(scores[i] - expected[i]) < 2e-6, qPrintable(QString::number(i)));
        const auto hits = session.rerank(Method(method), lambda, 50);
        QCOMPARE(hits.size(), std::size_t(50));
        // The top 50 by the reference, allowing swaps only between near-equal scores.
        for (std::size_t r = 0; r + 1 < hits.size(); ++r)
            QVERIFY(expected[hits[r].index] >= expected[hits[r + 1].index] - 1e-6);
        for (const Hit& h : hits) {
            QCOMPARE(h.score, scores[h.index]);
            QVERIFY(std::fabs(h.imageNormalised - session.image()->normalised[h.index]) == 0.0f);
        }
    }

    void lambdaEndsReproduceSingleModalities()
    {
        const auto m = randomMatrix(3000, 16, 4);
        const auto image = randomEmbedding(16, 5), text = randomEmbedding(16, 6);
        const QuerySession session(m, &image, &text);
        const auto order = [](const std::vector<Hit>& hits) {
            std::vector<std::size_t> out;
            for (const auto& h : hits)
                out.push_back(h.index);
            return out;
        };
        QCOMPARE(order(session.rerank(Method::WeiCom, 0.0, 3000)), order(session.rerank(Method::Image, 0, 3000)));
        QCOMPARE(order(session.rerank(Method::WeiCom, 1.0, 3000)), order(session.rerank(Method::Text, 0, 3000)));
    }

    void topKIsPrefixOfStableSort_data()
    {
        QTest::addColumn<int>("n");
        QTest::addColumn<int>("k");
        QTest::addColumn<int>("distinct");
        QTest::newRow("small") << 10 << 3 << 1000;
        QTest::newRow("k > n") << 7 << 20 << 1000;
        QTest::newRow("many ties") << 5000 << 100 << 5;
        QTest::newRow("all equal") << 1000 << 10 << 1;
        QTest::newRow("across blocks") << 100000 << 257 << 100000;
    }
    void topKIsPrefixOfStableSort()
    {
        QFETCH(int, n);
        QFETCH(int, k);
        QFETCH(int, distinct);
        std::mt19937 rng(7);
        std::uniform_int_distribution<int> pick(0, distinct - 1);
        std::vector<float> x(static_cast<std::size_t>(n)), y(static_cast<std::size_t>(n));
        for (int i = 0; i < n; ++i) {
            x[std::size_t(i)] = float(pick(rng)) / float(distinct);
            y[std::size_t(i)] = float(pick(rng)) / float(distinct);
        }
        std::vector<float> fused(x.size());
        for (std::size_t i = 0; i < x.size(); ++i)
            fused[i] = 0.25f * x[i] + 0.75f * y[i];
        const auto top = selectTopK(x, y, 0.25f, 0.75f, static_cast<std::size_t>(k));
        auto full = stableOrder(fused);
        full.resize(std::min<std::size_t>(full.size(), static_cast<std::size_t>(k)));
        QCOMPARE(top, full);
    }

    void degenerateInputsGiveDefinedResults()
    {
        // One item: z-scores are undefined, every normalised score is 0.5.
        QuerySession single(std::vector<float>{0.7f}, std::vector<float>{0.1f});
        QCOMPARE(single.rerank(Method::WeiCom, 0.5, 5).front().score, 0.5f);
        // Zero variance.
        QuerySession flat(std::vector<float>(10, 0.2f), std::vector<float>{0, 1, 2, 3, 4, 5, 6, 7, 8, 9});
        for (float v : flat.image()->normalised)
            QCOMPARE(v, 0.5f);
        QCOMPARE(flat.rerank(Method::WeiCom, 0.0, 3).front().index, std::size_t(0)); // all tied: lowest index
        // A missing modality: text-only order is the item order, WeiCom follows the image.
        const auto m = randomMatrix(100, 8, 8);
        const auto image = randomEmbedding(8, 9);
        const QuerySession noText(m, &image, nullptr);
        QVERIFY(!noText.hasText());
        QCOMPARE(noText.rerank(Method::Text, 0, 3).front().index, std::size_t(0));
        QCOMPARE(noText.rerank(Method::WeiCom, 0.7, 1).front().index, noText.rerank(Method::Image, 0, 1).front().index);
        // Empty archive.
        const QuerySession empty(EmbeddingMatrix(0, 8), &image, nullptr);
        QVERIFY(empty.rerank(Method::WeiCom, 0.5, 10).empty());
        for (const auto& hit : noText.rerank(Method::WeiCom, 0.5, 100))
            QVERIFY(std::isfinite(hit.score));
    }

    void badInputIsRejected()
    {
        const auto m = randomMatrix(10, 8, 10);
        const auto image = randomEmbedding(8, 11);
        const QuerySession session(m, &image, nullptr);
        QVERIFY_THROWS_EXCEPTION(Error, session.rerank(Method::WeiCom, 1.5, 3));
        QVERIFY_THROWS_EXCEPTION(Error, session.rerank(Method::WeiCom, -0.01, 3));
        QVERIFY_THROWS_EXCEPTION(Error, session.rerank(Method::WeiCom, std::nan(""), 3));
        const auto wrongDim = randomEmbedding(9, 12);
        QVERIFY_THROWS_EXCEPTION(Error, (void)QuerySession(m, &wrongDim, nullptr));
        std::vector<float> values{1.0f, std::nanf("")};
        QVERIFY_THROWS_EXCEPTION(Error, (void)Embedding(values));
        QVERIFY_THROWS_EXCEPTION(Error, (void)EmbeddingMatrix(1, 2, values));
        QVERIFY_THROWS_EXCEPTION(Error, (void)Embedding(std::vector<float>{0.0f, 0.0f}));
        QVERIFY_THROWS_EXCEPTION(Error, (void)QuerySession(std::vector<float>{1.0f, INFINITY}, {}));
        QVERIFY_THROWS_EXCEPTION(Error, parseMethod("best"));
        QCOMPARE(parseMethod("weicom"), Method::WeiCom);
    }

    void composedQueriesMatchAReference()
    {
        // Every method, 1-3 wanted images, 1-3 wanted texts, 0-2 avoided terms, against the
        // definitions computed in double here.
        const auto m = randomMatrix(600, 24, 21);
        unsigned seed = 100;
        for (int images = 1; images <= 3; ++images)
            for (int texts = 1; texts <= 3; ++texts)
                for (int avoided = 0; avoided <= 2; ++avoided) {
                    std::vector<ReferenceTerm> reference;
                    std::vector<ScoredTerm> terms;
                    const auto add = [&](bool image, bool avoid) {
                        reference.push_back({randomEmbedding(24, ++seed), image, avoid});
                        terms.push_back(scoredTerm(m, reference.back().embedding, image, avoid));
                    };
                    for (int i = 0; i < images; ++i)
                        add(true, false);
                    for (int i = 0; i < texts; ++i)
                        add(false, false);
                    for (int i = 0; i < avoided; ++i)
                        add(i % 2 == 0, true); // an avoided image, then an avoided text
                    const QuerySession session(terms);
                    QCOMPARE(session.hasAvoided(), avoided > 0);
                    for (Method method : {Method::Image, Method::Text, Method::Average, Method::WeiCom, Method::Slerp})
                        for (double lambda : {0.0, 0.35, 1.0})
                            for (double nu : {0.0, 0.5, 1.0}) {
                                const auto expected = referenceComposed(m, reference, method, lambda, nu);
                                const auto got = session.scores(method, lambda, nu);
                                for (std::size_t i = 0; i < got.size(); ++i)
                                    QVERIFY2(std::fabs(got[i] - expected[i]) < 1e-5,
                                             qPrintable(QStringLiteral("%1 images %2 texts %3 avoided, %4, lambda %5 nu "
                                                                       "%6: item %7 %8 vs %9")
                                                            .arg(images)
                                                            .arg(texts)
                                                            .arg(avoided)
                                                            .arg(QString::fromLatin1(methodName(method)))
                                                            .arg(lambda)
                                                            .arg(nu)
                                                            .arg(i)
                                                            .arg(got[i])
                                                            .arg(expected[i])));
                                const auto hits = session.rerank(method, lambda, 30, nu);
                                for (std::size_t r = 0; r < hits.size(); ++r) {
                                    QCOMPARE(hits[r].score, got[hits[r].index]);
                                    if (r + 1 < hits.size())
                                        QVERIFY(expected[hits[r].index] >= expected[hits[r + 1].index] - 1e-5);
                                }
                            }
                }
    }

    void onePairIsTheSingleQueryBitForBit()
    {
        // One wanted image and one wanted text, nothing avoided: the same hits, bit for bit,
        // as the two-term session, for every method and lambda.
        const auto m = randomMatrix(5000, 32, 31);
        const auto image = randomEmbedding(32, 32), text = randomEmbedding(32, 33);
        const QuerySession pair(m, &image, &text);
        const QuerySession terms({scoredTerm(m, image, true, false), scoredTerm(m, text, false, false)});
        for (Method method : {Method::Image, Method::Text, Method::Average, Method::WeiCom, Method::Slerp})
            for (double lambda : {0.0, 0.1, 0.5, 0.77, 1.0}) {
                const auto a = pair.rerank(method, lambda, 200), b = terms.rerank(method, lambda, 200);
                QCOMPARE(a.size(), b.size());
                for (std::size_t r = 0; r < a.size(); ++r) {
                    QCOMPARE(a[r].index, b[r].index);
                    QCOMPARE(std::bit_cast<std::uint32_t>(a[r].score), std::bit_cast<std::uint32_t>(b[r].score));
                    QCOMPARE(std::bit_cast<std::uint32_t>(a[r].imageNormalised),
                             std::bit_cast<std::uint32_t>(b[r].imageNormalised));
                }
            }
        // nu changes nothing where nothing is avoided.
        QCOMPARE(terms.scores(Method::WeiCom, 0.5, 1.0), terms.scores(Method::WeiCom, 0.5, 0.0));
    }

    void slerpAtTheEndsAndAtADegenerateAngle()
    {
        const auto m = randomMatrix(2000, 16, 41);
        const auto image = randomEmbedding(16, 42), text = randomEmbedding(16, 43);
        const QuerySession session(m, &image, &text);
        const auto order = [](const std::vector<Hit>& hits) {
            std::vector<std::size_t> out;
            for (const auto& h : hits)
                out.push_back(h.index);
            return out;
        };
        // lambda 0 is the image, 1 the text.
        QCOMPARE(order(session.rerank(Method::Slerp, 0.0, 100)), order(session.rerank(Method::Image, 0, 100)));
        QCOMPARE(order(session.rerank(Method::Slerp, 1.0, 100)), order(session.rerank(Method::Text, 0, 100)));
        // The same direction twice (theta = 0) and opposite directions (theta = pi): sin theta
        // is 0, and Slerp falls back to the linear mix instead of dividing by it.
        std::vector<float> opposite(image.values().begin(), image.values().end());
        for (auto& v : opposite)
            v = -v;
        const Embedding negated(opposite);
        for (const Embedding* other : {&image, &negated}) {
            const QuerySession degenerate(m, &image, other);
            const auto scores = degenerate.scores(Method::Slerp, 0.3);
            const auto s = referenceSimilarities(m, image.values()), t = referenceSimilarities(m, other->values());
            for (std::size_t i = 0; i < scores.size(); ++i) {
                QVERIFY(std::isfinite(scores[i]));
                QVERIFY(std::fabs(scores[i] - (0.7 * s[i] + 0.3 * t[i])) < 1e-5);
            }
        }
        // Two wanted images that cancel out have no direction: an error, not NaN.
        std::vector<ScoredTerm> cancelling{scoredTerm(m, image, true, false), scoredTerm(m, negated, true, false),
                                           scoredTerm(m, text, false, false)};
        QVERIFY_THROWS_EXCEPTION(Error, QuerySession(cancelling).rerank(Method::Slerp, 0.5, 5));
        // Similarities alone (no embeddings): Slerp cannot be computed, the others can.
        const QuerySession bare(session.image(), session.text());
        QVERIFY_THROWS_EXCEPTION(Error, bare.rerank(Method::Slerp, 0.5, 5));
        QCOMPARE(bare.rerank(Method::WeiCom, 0.5, 5).size(), std::size_t(5));
        // nu outside [0, 1] is refused.
        QVERIFY_THROWS_EXCEPTION(Error, session.rerank(Method::WeiCom, 0.5, 5, 1.5));
        QVERIFY_THROWS_EXCEPTION(Error, session.rerank(Method::WeiCom, 0.5, 5, -0.1));
        QCOMPARE(parseMethod("slerp"), Method::Slerp);
    }

    void aSearchRanksAnAreaAsAnArchiveOfItsRowsAlone()
    {
        // The engine's composed search against the same query run by hand over a matrix
        // that holds only the area's rows: identical scores, row mapping and hidden items.
        const std::size_t n = 300, d = 24;
        const auto m = randomMatrix(n, d, 41);
        std::vector<std::int64_t> ids(n);
        for (std::size_t i = 0; i < n; ++i)
            ids[i] = static_cast<std::int64_t>(1000 + 3 * i);
        const auto archive = std::make_shared<const ArchiveEmbeddings>(m.copy(), ids);
        auto area = std::make_shared<SearchArea>();
        area->key = "test";
        for (std::size_t r = 0; r < n; r += 3)
            area->rows.push_back(r);
        const auto image = Embedding(std::vector<float>(m.row(area->rows[4]).begin(), m.row(area->rows[4]).end()));
        const auto text = randomEmbedding(d, 42), avoided = randomEmbedding(d, 43);
        ArchiveSearch search(archive, 1);
        const auto toVector = [](const Embedding& e) { return std::vector<float>(e.values().begin(), e.values().end()); };
        const std::vector<float> vi = toVector(image), vt = toVector(text), va = toVector(avoided);
        const auto scored = search.score({{"i", vi}, {"t", vt}, {"a", va}}, area.get());
        const std::vector<ScoredTerm> terms{{true, false, vi, scored[0]}, {false, false, vt, scored[1]},
                                            {false, true, va, scored[2]}};
        const std::int64_t queryItem = ids[area->rows[4]];
        const Ranking ranking(archive, terms, area, {queryItem});

        EmbeddingMatrix sub(area->rows.size(), d);
        for (std::size_t j = 0; j < area->rows.size(); ++j)
            std::copy_n(m.row(area->rows[j]).begin(), d, sub.row(j).begin());
        const auto alone = [&](const Embedding& e) {
            std::vector<float> raw(sub.rows());
            computeSimilarities(sub, e.data(), nullptr, raw, {});
            return ModalityScores::fromSimilarities(std::move(raw));
        };
        const QuerySession byHand(std::vector<ScoredTerm>{{true, false, vi, alone(image)},
                                                          {false, false, vt, alone(text)},
                                                          {false, true, va, alone(avoided)}});
        for (Method method : {Method::WeiCom, Method::Slerp, Method::Average, Method::Image}) {
            const auto expected = byHand.rerank(method, 0.3, 11, 0.6);
            const auto got = ranking.rank(method, 0.3, 10, 0.6);
            QCOMPARE(got.size(), std::size_t(10));
            std::size_t e = 0;
            for (const Hit& hit : got) {
                while (ids[area->rows[expected[e].index]] == queryItem)
                    ++e; // the query's own item is left out of the list
                QCOMPARE(hit.index, area->rows[expected[e].index]);
                QCOMPARE(std::bit_cast<std::uint32_t>(hit.score), std::bit_cast<std::uint32_t>(expected[e].score));
                ++e;
            }
            // explain() gives the listed values, and nothing for a row outside the area.
            const auto explained = ranking.explain(ids[got[3].index], method, 0.3, 0.6);
            QVERIFY(explained);
            QCOMPARE(explained->score, got[3].score);
            QVERIFY(!ranking.explain(ids[1], method, 0.3, 0.6));
        }
        // Another area's scores are those of its own rows, from the same similarities.
        SearchArea other{"other", {0, 1, 2, 5, 8}, 0};
        const auto again = search.score(TermEmbedding{"t", vt}, &other);
        QCOMPARE(again->raw.size(), std::size_t(5));
        QCOMPARE(again->raw[3], search.score(TermEmbedding{"t", vt})->raw[5]);
        // A query of the wrong dimension or not finite is refused before any pass.
        std::vector<float> wrong(d + 1, 0.1f), nan(d, std::numeric_limits<float>::quiet_NaN());
        QVERIFY_THROWS_EXCEPTION(Error, search.score(TermEmbedding{"w", wrong}));
        QVERIFY_THROWS_EXCEPTION(Error, search.score(TermEmbedding{"n", nan}));
    }

    void theScoreCacheKeepsToItsBudget()
    {
        const std::size_t n = 1000, d = 16;
        const auto m = randomMatrix(n, d, 51);
        std::vector<std::int64_t> ids(n);
        std::iota(ids.begin(), ids.end(), 1);
        const auto archive = std::make_shared<const ArchiveEmbeddings>(m.copy(), ids);
        // Room for three terms' scores over the archive (8 bytes per row each).
        ArchiveSearch search(archive, 1, 3 * n * 8);
        std::vector<std::vector<float>> queries;
        for (unsigned q = 0; q < 10; ++q) {
            const auto e = randomEmbedding(d, 60 + q);
            queries.emplace_back(e.values().begin(), e.values().end());
        }
        std::vector<std::shared_ptr<const ModalityScores>> first;
        for (unsigned q = 0; q < 10; ++q) {
            first.push_back(search.score(TermEmbedding{std::to_string(q), queries[q]}));
            QVERIFY(search.cachedBytes() <= search.cacheLimit());
        }
        // An evicted term is scored again, to the same values.
        const auto again = search.score(TermEmbedding{"0", queries[0]});
        QVERIFY(again != first[0]);
        QCOMPARE(again->normalised, first[0]->normalised);
        // The terms of one call stay, whatever they cost.
        std::vector<TermEmbedding> many;
        for (unsigned q = 0; q < 10; ++q)
            many.push_back({std::to_string(q), queries[q]});
        const auto all = search.score(many);
        QCOMPARE(all.size(), std::size_t(10));
        QCOMPARE(search.cachedBytes(), std::size_t(10 * n * 8));
    }

    void workersComputeBehindTheGui()
    {
#if defined(__linux__)
        const auto niceOfThisThread = [] {
            errno = 0;
            return ::getpriority(PRIO_PROCESS, static_cast<id_t>(::syscall(SYS_gettid)));
        };
        const int before = niceOfThisThread();
        int worker = -100, child = -100;
        std::thread([&] {
            computeBehindTheGuiOnThisThread();
            worker = niceOfThisThread();
            std::thread([&] { child = niceOfThisThread(); }).join(); // what a pass's helpers get
        }).join();
        QCOMPARE(worker, std::max(before, kBackgroundNice));
        QCOMPARE(child, worker);
        QCOMPARE(niceOfThisThread(), before); // the calling (GUI) thread keeps its own
#else
        QSKIP("thread priorities are set on Linux only");
#endif
    }

    void anLruCacheDropsTheLeastRecentlyUsedBeyondItsBudget()
    {
        LruCache<std::string, std::vector<float>> cache(3 * 40);
        for (const char* key : {"a", "b", "c"})
            cache.put(key, std::vector<float>(10, 1.f), 40);
        cache.trim();
        QCOMPARE(cache.size(), std::size_t(3));
        QVERIFY(cache.find("a")); // a is now the most recently used: b is the oldest
        cache.put("d", std::vector<float>(10, 2.f), 40);
        QCOMPARE(cache.bytes(), std::size_t(160)); // over budget until trimmed
        cache.trim();
        QVERIFY(!cache.contains("b"));
        QVERIFY(cache.contains("a") && cache.contains("c") && cache.contains("d"));
        QCOMPARE(cache.bytes(), std::size_t(120));
        // What the caller keeps stays, whatever it costs; the rest goes oldest first.
        cache.put("big", std::vector<float>(100, 3.f), 400);
        cache.trim([](const std::string& key) { return key == "big" || key == "d"; });
        QVERIFY(cache.contains("big") && cache.contains("d"));
        QVERIFY(!cache.contains("a") && !cache.contains("c"));
        QCOMPARE(cache.bytes(), std::size_t(440));
        // peek does not mark a value used; replacing a key counts its bytes once.
        cache.put("d", std::vector<float>(1, 4.f), 4);
        QCOMPARE(cache.bytes(), std::size_t(404));
        QCOMPARE(cache.peek("d")->front(), 4.f);
        cache.eraseIf([](const std::string& key) { return key.size() > 1; });
        QCOMPARE(cache.size(), std::size_t(1));
        QCOMPARE(cache.bytes(), std::size_t(4));
    }

    void aDamagedRowIsNamedByItsArchiveRow()
    {
        const std::size_t n = 50, d = 8;
        auto m = randomMatrix(n, d, 71);
        m.row(37)[2] = std::numeric_limits<float>::quiet_NaN();
        std::vector<std::int64_t> ids(n);
        std::iota(ids.begin(), ids.end(), 1);
        const auto archive = std::make_shared<const ArchiveEmbeddings>(std::move(m), ids);
        ArchiveSearch search(archive, 1);
        const auto e = randomEmbedding(d, 72);
        const std::vector<float> v(e.values().begin(), e.values().end());
        SearchArea area{"a", {1, 20, 37, 40}, 0};
        try {
            search.score(TermEmbedding{"q", v}, &area);
            QFAIL("a row that is not finite was scored");
        } catch (const NotFiniteSimilarity& error) {
            QCOMPARE(error.index(), std::size_t(37));
        }
        // An area without the row ranks.
        SearchArea clean{"b", {1, 20, 40}, 0};
        QCOMPARE(search.score(TermEmbedding{"q", v}, &clean)->raw.size(), std::size_t(3));
    }

    void theQuerysOwnItemsAreItsItemsAndArchiveFiles()
    {
        Query query;
        query.terms.push_back(QueryTerm::ofItem("/x.rscir", 7));
        query.terms.push_back(QueryTerm::ofFile("/archive/a.tif"));
        query.terms.push_back(QueryTerm::ofFile("/elsewhere/b.tif"));
        query.terms.push_back(QueryTerm::ofText("a pond"));
        const auto own = queryOwnItems(query, [](const QueryTerm& t) -> std::optional<std::int64_t> {
            if (t.path == "/archive/a.tif")
                return 12;
            return std::nullopt;
        });
        QCOMPARE(own, (std::set<std::int64_t>{7, 12}));
        QCOMPARE(queryOwnItems(query, {}), (std::set<std::int64_t>{7}));
    }

    void oneThreadBudgetForEveryComputation()
    {
        // Two computations at once (say a pass and an encode) with a budget of one thread:
        // never two tasks at the same time; with two threads, never more than two.
        for (unsigned budget : {1u, 2u}) {
            setThreadBudget(budget);
            std::atomic<int> active{0}, most{0};
            const auto task = [&](std::size_t) {
                const int now = ++active;
                for (int seen = most; now > seen && !most.compare_exchange_weak(seen, now);) {
                }
                std::this_thread::sleep_for(std::chrono::microseconds(300));
                --active;
            };
            std::thread other([&] { parallelFor(200, 0, task); });
            {
                const ThreadShare encode(0); // a forward pass asking for every thread
                for (unsigned i = 0; i < 50 * encode.threads(); ++i)
                    task(i);
            }
            parallelFor(200, 0, task);
            other.join();
            QVERIFY2(most <= static_cast<int>(budget), qPrintable(QString::number(most)));
        }
        // Work inside a share never waits for itself, and a nested loop runs.
        setThreadBudget(1);
        std::atomic<int> done{0};
        {
            const ThreadShare outer(1);
            parallelFor(10, 0, [&](std::size_t) { parallelFor(3, 0, [&](std::size_t) { ++done; }); });
        }
        QCOMPARE(done.load(), 30);
        // The GUI's thread never waits: with every thread of the budget held, it computes alone.
        {
            const ThreadShare all(0);
            std::atomic<bool> computed{false};
            std::thread gui([&] {
                computeWithoutWaitingOnThisThread();
                parallelFor(4, 0, [&](std::size_t) {});
                computed = true;
            });
            for (int i = 0; i < 500 && !computed; ++i)
                std::this_thread::sleep_for(std::chrono::milliseconds(10));
            QVERIFY(computed.load());
            gui.join();
        }
        setThreadBudget(0);
        QCOMPARE(threadBudget(), coreCount());
        setThreadBudget(100000);
        QCOMPARE(threadBudget(), coreCount()); // never more than the cores
        setThreadBudget(0);
    }

    void parallelForPassesFailuresAndStops()
    {
        setThreadBudget(4);
        std::atomic<int> ran{0};
        try {
            parallelFor(1000, 4, [&](std::size_t i) {
                ++ran;
                if (i == 10)
                    throw Error("task 10 failed");
            });
            QFAIL("the failure was not passed on");
        } catch (const Error& e) {
            QCOMPARE(std::string(e.what()), std::string("task 10 failed"));
        }
        QVERIFY(ran < 1000); // no further task starts once one failed (a few may be under way)
        std::atomic<int> stopped{0};
        parallelFor(
            1000, 4, [&](std::size_t) { ++stopped; }, [&] { return stopped >= 5; });
        QVERIFY(stopped < 1000);
        // Results written per index are the same on any number of threads.
        const auto m = randomMatrix(70000, 64, 81);
        const auto q = randomEmbedding(64, 82);
        std::vector<float> one(m.rows()), many(m.rows());
        computeSimilarities(m, q.data(), nullptr, one, {}, 1);
        computeSimilarities(m, q.data(), nullptr, many, {}, 4);
        QVERIFY(one == many);
        setThreadBudget(0);
    }

    void queryEmbeddingsAreNormalised()
    {
        const Embedding e(std::vector<float>{3.0f, 4.0f});
        QCOMPARE(e.values()[0], 0.6f);
        QCOMPARE(e.values()[1], 0.8f);
    }
};

QTEST_GUILESS_MAIN(TestRanking)
#include "test_ranking.moc"
