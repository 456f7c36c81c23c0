#include "core/base/error.h"
#include "core/search/ranking.h"

#include <QTest>

#include <algorithm>
#include <cmath>
#include <numeric>
#include <random>

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
    const auto normalise = [](const std::vector<double>& s) {
        const double mean = std::accumulate(s.begin(), s.end(), 0.0) / double(s.size());
        double var = 0;
        for (double x : s)
            var += (x - mean) * (x - mean);
        const double sd = std::sqrt(var / double(s.size() - 1));
        std::vector<double> out;
        for (double x : s)
            out.push_back(0.5 * (1 + std::erf((x - mean) / sd / std::sqrt(2.0))));
        return out;
    };
    std::vector<double> out(n);
    const auto nf = normalise(f), ng = normalise(g);
    for (std::size_t i = 0; i < n; ++i) {
        switch (method) {
        case Method::Image: out[i] = f[i]; break;
        case Method::Text: out[i] = g[i]; break;
        case Method::Average: out[i] = (f[i] + g[i]) / 2; break;
        case Method::WeiCom: out[i] = lambda * ng[i] + (1 - lambda) * nf[i]; break;
        }
    }
    return out;
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

    void queryEmbeddingsAreNormalised()
    {
        const Embedding e(std::vector<float>{3.0f, 4.0f});
        QCOMPARE(e.values()[0], 0.6f);
        QCOMPARE(e.values()[1], 0.8f);
    }
};

QTEST_GUILESS_MAIN(TestRanking)
#include "test_ranking.moc"
