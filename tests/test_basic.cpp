// BASIC against an independent implementation: the reference's calculate_rankings
// (billpsomas/icir, utils_retrieval.py) written again here in libtorch, operation for
// operation, in float64, on generated embeddings and corpora. For every switch (centring,
// projection, expansion, normalisation) and three Harris weights, the product's scores
// must be within 1e-5 of it and rank alike.

#include <torch/torch.h>

#include "core/base/error.h"
#include "core/base/npy.h"
#include "core/search/archive_embeddings.h"
#include "core/search/archive_search.h"
#include "core/search/basic.h"
#include "core/search/query_file.h"
#include "core/search/ranking.h"
#include "tests/shared_data.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <nlohmann/json.hpp>

#include <cmath>
#include <optional>
#include <numeric>
#include <random>
#include <vector>

using namespace rscir;

namespace {

EmbeddingMatrix randomMatrix(std::size_t rows, std::size_t dim, std::mt19937& rng, const std::vector<float>& bias)
{
    std::normal_distribution<float> normal;
    EmbeddingMatrix m(rows, dim);
    for (std::size_t r = 0; r < rows; ++r) {
        auto row = m.row(r);
        double norm = 0;
        for (std::size_t c = 0; c < dim; ++c) {
            row[c] = normal(rng) + bias[c];
            norm += static_cast<double>(row[c]) * row[c];
        }
        for (auto& x : row)
            x = static_cast<float>(x / std::sqrt(norm));
    }
    return m;
}

/// A part common to every embedding (as real embeddings have), and the texts' own beside it.
std::pair<std::vector<float>, std::vector<float>> biases(std::size_t dim, std::mt19937& rng)
{
    std::vector<float> shared(dim), textBias(dim);
    std::normal_distribution<float> normal;
    for (std::size_t c = 0; c < dim; ++c) {
        shared[c] = 0.8f * normal(rng);
        textBias[c] = shared[c] + 0.5f * normal(rng);
    }
    return {shared, textBias};
}

/// Embeddings drawn for a test: an archive, queries, the two corpora and a synthetic set.
struct Generated {
    EmbeddingMatrix database, images, texts, subjects, styles, genImages, genTexts;
};
Generated generate(std::size_t dim, unsigned seed, std::size_t rows, std::size_t queries, std::size_t corpus)
{
    std::mt19937 rng(seed);
    const auto [shared, textBias] = biases(dim, rng);
    Generated g;
    g.database = randomMatrix(rows, dim, rng, shared);
    g.images = randomMatrix(queries, dim, rng, shared);
    g.texts = randomMatrix(queries, dim, rng, textBias);
    g.subjects = randomMatrix(corpus, dim, rng, textBias);
    g.styles = randomMatrix(corpus * 5 / 8, dim, rng, textBias);
    g.genImages = randomMatrix(corpus * 3 / 8, dim, rng, shared);
    g.genTexts = randomMatrix(corpus * 3 / 8, dim, rng, textBias);
    return g;
}

torch::Tensor tensorOf(const EmbeddingMatrix& m)
{
    return torch::from_blob(const_cast<float*>(m.data()), {static_cast<long>(m.rows()), static_cast<long>(m.dim())},
                            torch::kFloat)
        .to(torch::kDouble)
        .clone();
}

struct Switches {
    bool centre, project, expansion, normalise;
};

/// Terms to avoid, as the README defines them for BASIC (the reference has none): each
/// kind's mean, made as the query's own kind is (not expanded), lowers its side by nu times
/// its centred similarity, scaled as that side but not shifted by a minimum.
struct Avoided {
    torch::Tensor image, text; ///< one row each; undefined: none of that kind
    double nu = 0;
};

/// The reference, as utils_retrieval.py's "basic" branch computes it (with the archive
/// mean as the image mean, and the synthetic set given as two matrices).
torch::Tensor reference(torch::Tensor image, torch::Tensor text, torch::Tensor database, torch::Tensor pos,
                        torch::Tensor neg, torch::Tensor genImages, torch::Tensor genTexts, const Switches& s, double aa,
                        int components, double harris, const Avoided& avoided = {})
{
    image = image / image.norm(2, 1, true);
    text = text / text.norm(2, 1, true);
    database = database / database.norm(2, 1, true);
    pos = pos / pos.norm(2, 1, true);
    neg = neg / neg.norm(2, 1, true);
    torch::Tensor meanImg, meanTxt, cDb, cImg, cPos, cNeg, cTxt;
    if (s.centre) {
        meanImg = database.mean(0, true);
        meanTxt = pos.mean(0, true);
        cDb = database - meanImg;
        cImg = image - meanImg;
        cPos = pos - meanTxt;
        cNeg = neg - meanTxt;
        cTxt = text - meanTxt;
    } else {
        cDb = database, cImg = image, cPos = pos, cNeg = neg, cTxt = text;
    }
    torch::Tensor projection;
    if (s.project) {
        const auto sa = cPos.t().matmul(cPos) / (cPos.size(0) - 1);
        const auto sb = cNeg.t().matmul(cNeg) / (cNeg.size(0) - 1);
        const auto c = (1 - aa) * sa - aa * sb + 1e-5;
        auto [l, v] = torch::linalg::eigh(c, "L");
        l = l.flip({0});
        auto vt = -v.flip({1}).t();
        const long nc = std::min<long>(components, (l > 0).sum().item<long>());
        vt = vt.narrow(0, 0, nc);
        projection = vt.t().matmul(vt);
    } else {
        projection = torch::eye(cDb.size(1), torch::kDouble);
    }
    auto projImg = cImg.matmul(projection);
    if (s.expansion) {
        const auto init = projImg.matmul(cDb.t());
        auto [topValues, topIndices] = torch::topk(init, 25);
        auto topFeatures = cDb.index({topIndices}); // (queries, 25, dim)
        topFeatures = torch::cat({topFeatures, cImg.unsqueeze(1)}, 1);
        topValues = torch::cat({topValues, torch::ones({topValues.size(0), 1}, torch::kDouble)}, 1);
        topValues = torch::exp(0.1 * topValues);
        topValues = topValues / topValues.sum(1).unsqueeze(-1);
        topFeatures = (topFeatures * topValues.unsqueeze(-1)).sum(1);
        projImg = topFeatures.matmul(projection);
    }
    auto simImg = projImg.matmul(cDb.t());
    auto simText = cTxt.matmul(cDb.t());
    torch::Tensor avoidImg, avoidTxt;
    if (avoided.image.defined()) {
        auto a = avoided.image / avoided.image.norm(2, 1, true);
        if (s.centre)
            a = a - meanImg;
        avoidImg = a.matmul(projection).matmul(cDb.t());
    }
    if (avoided.text.defined()) {
        auto a = avoided.text / avoided.text.norm(2, 1, true);
        if (s.centre)
            a = a - meanTxt;
        avoidTxt = a.matmul(cDb.t());
    }
    if (s.normalise) {
        auto g = genImages / genImages.norm(2, 1, true);
        auto h = genTexts / genTexts.norm(2, 1, true);
        if (s.centre) {
            g = g - meanImg;
            h = h - meanTxt;
        }
        const auto imgMin = g.matmul(g.t()).min();
        const auto txtMin = h.matmul(g.t()).min();
        simText = (simText - txtMin) / imgMin.abs();
        simImg = (simImg - imgMin) / imgMin.abs();
        if (avoidImg.defined())
            avoidImg = avoidImg / imgMin.abs();
        if (avoidTxt.defined())
            avoidTxt = avoidTxt / imgMin.abs();
    }
    if (avoidImg.defined())
        simImg = simImg - avoided.nu * avoidImg;
    if (avoidTxt.defined())
        simText = simText - avoided.nu * avoidTxt;
    simText = torch::clamp(simText, 0);
    simImg = torch::clamp(simImg, 0);
    return simText * simImg - harris * (simText + simImg).pow(2);
}

/// Runs rscir with its cache in `cache`; its output, or nothing when it failed (said).
std::optional<QByteArray> runRscir(const QStringList& arguments, const QString& cache)
{
    QProcess p;
    auto environment = QProcessEnvironment::systemEnvironment();
    environment.insert("XDG_CACHE_HOME", cache);
    p.setProcessEnvironment(environment);
    p.start(QStringLiteral(RSCIR_BIN_DIR "/rscir"), arguments);
    p.waitForFinished(300000);
    if (p.exitCode() != 0)
        qWarning() << p.readAllStandardError();
    return p.exitCode() == 0 ? std::optional<QByteArray>(p.readAllStandardOutput()) : std::nullopt;
}

} // namespace

class TestBasic : public QObject {
    Q_OBJECT
private slots:
    void matchesTheReference_data()
    {
        QTest::addColumn<bool>("centre");
        QTest::addColumn<bool>("project");
        QTest::addColumn<bool>("expansion");
        QTest::addColumn<bool>("normalise");
        for (int bits = 0; bits < 16; ++bits)
            QTest::newRow(qPrintable(QStringLiteral("centre %1 project %2 expansion %3 normalise %4")
                                         .arg(bits & 1)
                                         .arg((bits >> 1) & 1)
                                         .arg((bits >> 2) & 1)
                                         .arg((bits >> 3) & 1)))
                << bool(bits & 1) << bool(bits & 2) << bool(bits & 4) << bool(bits & 8);
    }
    void matchesTheReference()
    {
        QFETCH(bool, centre);
        QFETCH(bool, project);
        QFETCH(bool, expansion);
        QFETCH(bool, normalise);
        torch::NoGradGuard noGrad;
        constexpr std::size_t dim = 24;
        const auto [database, images, texts, subjects, styles, genImages, genTexts] = generate(dim, 11, 400, 6, 80);

        BasicSettings settings;
        settings.centre = centre;
        settings.project = project;
        settings.expansion = expansion ? 25 : 0;
        settings.aa = 0.2;
        settings.components = 10; // fewer than the positive eigenvalues: the cut matters
        // The archive's own mean (what rscir uses without a given mean).
        std::vector<float> mean(dim, 0.0f);
        for (std::size_t r = 0; r < database.rows(); ++r)
            for (std::size_t c = 0; c < dim; ++c)
                mean[c] += database.row(r)[c] / static_cast<float>(database.rows());
        const BasicSpace space = BasicSpace::build(subjects, styles, mean, settings);
        std::optional<BasicNormalisation> normalisation;
        if (normalise)
            normalisation = space.normalisationOf(genImages, genTexts);
        const BasicNeighbours neighbours = neighboursIn(database);

        for (const double harris : {0.0, 0.1, 0.2}) {
            const auto want = reference(tensorOf(images), tensorOf(texts), tensorOf(database), tensorOf(subjects),
                                        tensorOf(styles), tensorOf(genImages), tensorOf(genTexts),
                                        {centre, project, expansion, normalise}, settings.aa, settings.components,
                                        harris);
            for (std::size_t q = 0; q < images.rows(); ++q) {
                const BasicQuery query = basicQuery(space, images.row(q).data(), texts.row(q).data(), &neighbours);
                std::vector<float> imageDots(database.rows()), textDots(database.rows());
                for (std::size_t r = 0; r < database.rows(); ++r) {
                    double a = 0, b = 0;
                    for (std::size_t c = 0; c < dim; ++c) {
                        a += static_cast<double>(query.image[c]) * database.row(r)[c];
                        b += static_cast<double>(query.text[c]) * database.row(r)[c];
                    }
                    imageDots[r] = static_cast<float>(a);
                    textDots[r] = static_cast<float>(b);
                }
                const auto got = basicScores(imageDots, textDots, query, normalisation, harris);
                const auto row = want[static_cast<long>(q)];
                double worst = 0;
                for (std::size_t r = 0; r < got.size(); ++r)
                    worst = std::max(worst, std::fabs(got[r] - row[static_cast<long>(r)].item<double>()));
                QVERIFY2(worst <= 1e-5, qPrintable(QStringLiteral("query %1, lambda %2: max |difference| %3")
                                                       .arg(q)
                                                       .arg(harris)
                                                       .arg(worst)));
                // The same order (where the reference's scores are apart by more than the tolerance).
                const auto order = torch::argsort(row, 0, true);
                for (long i = 0; i + 1 < order.size(0); ++i) {
                    const long a = order[i].item<long>(), b = order[i + 1].item<long>();
                    if (row[a].item<double>() - row[b].item<double>() > 1e-5)
                        QVERIFY2(got[static_cast<std::size_t>(a)] >= got[static_cast<std::size_t>(b)],
                                 qPrintable(QStringLiteral("query %1: rows %2 and %3 swapped").arg(q).arg(a).arg(b)));
                }
            }
        }
        if (project)
            QCOMPARE(space.components(), 10);
    }

    void aSessionRanksAsItsScores()
    {
        std::mt19937 rng(5);
        std::uniform_real_distribution<float> u(-0.2f, 0.6f);
        auto image = std::make_shared<ModalityScores>(), text = std::make_shared<ModalityScores>();
        for (int i = 0; i < 1000; ++i) {
            image->raw.push_back(u(rng));
            text->raw.push_back(u(rng));
        }
        BasicQuery query;
        query.imageOffset = 0.05;
        query.textOffset = -0.02;
        const QuerySession session(image, text, query, BasicNormalisation{-0.4, -0.3});
        for (const double lambda : {0.0, 0.1, 0.2}) {
            const auto scores = session.scores(Method::Basic, lambda);
            const auto hits = session.rerank(Method::Basic, lambda, 50);
            QCOMPARE(hits.size(), std::size_t(50));
            std::vector<std::size_t> order(scores.size());
            std::iota(order.begin(), order.end(), 0);
            std::stable_sort(order.begin(), order.end(), [&](auto a, auto b) { return scores[a] > scores[b]; });
            for (std::size_t i = 0; i < hits.size(); ++i) {
                QCOMPARE(hits[i].index, order[i]);
                QCOMPARE(hits[i].score, scores[order[i]]);
            }
            QCOMPARE(session.explain(order[3], Method::Basic, lambda).score, scores[order[3]]);
        }
        // A BASIC session ranks with BASIC only, and a WeiCom session not with BASIC.
        QVERIFY_THROWS_EXCEPTION(Error, session.rerank(Method::WeiCom, 0.5, 10));
        QVERIFY_THROWS_EXCEPTION(Error, session.rerank(Method::Basic, -1, 10));
        QVERIFY_THROWS_EXCEPTION(Error, session.rerank(Method::Basic, 0.25, 10)); // no item could score above 0
        const QuerySession weicom(image->raw, text->raw);
        QVERIFY_THROWS_EXCEPTION(Error, weicom.rerank(Method::Basic, 0.1, 10));
    }

    void avoidedTermsLowerTheirSide_data()
    {
        QTest::addColumn<bool>("project");
        QTest::addColumn<bool>("normalise");
        for (int bits = 0; bits < 4; ++bits)
            QTest::newRow(qPrintable(QStringLiteral("project %1 normalise %2").arg(bits & 1).arg(bits >> 1)))
                << bool(bits & 1) << bool(bits & 2);
    }
    void avoidedTermsLowerTheirSide()
    {
        // Terms to avoid against the definition written in libtorch above, through the
        // archive search (the passes a window or rscir search makes), for three weights nu.
        QFETCH(bool, project);
        QFETCH(bool, normalise);
        torch::NoGradGuard noGrad;
        constexpr std::size_t dim = 20;
        const auto [database, images, texts, subjects, styles, genImages, genTexts] = generate(dim, 23, 300, 2, 64);
        BasicSettings settings;
        settings.project = project;
        settings.components = 8;
        const auto archive = archiveOf(database);
        const BasicSpace space = BasicSpace::build(subjects, styles, archiveMean(*archive), settings);
        std::optional<BasicNormalisation> normalisation;
        if (normalise)
            normalisation = space.normalisationOf(genImages, genTexts);
        ArchiveSearch search(archive, 1);
        const auto query = database.row(4), avoidImage = database.row(9);
        BasicRequest request{{query}, {texts.row(0)}, std::make_shared<const BasicSpace>(space), normalisation, "test",
                             {avoidImage}, {texts.row(1)}};
        const QuerySession session = basicSession(search, request);
        BasicRequest plainRequest = request;
        plainRequest.avoidImages.clear();
        plainRequest.avoidTexts.clear();
        const QuerySession plain = basicSession(search, plainRequest);
        const auto rowOf = [&](std::span<const float> r) {
            return torch::from_blob(const_cast<float*>(r.data()), {1, static_cast<long>(dim)}, torch::kFloat)
                .to(torch::kDouble)
                .clone();
        };
        for (const double nu : {0.0, 0.5, 1.0}) {
            const auto want = reference(rowOf(query), rowOf(texts.row(0)), tensorOf(database), tensorOf(subjects),
                                        tensorOf(styles), tensorOf(genImages), tensorOf(genTexts),
                                        {true, project, true, normalise}, settings.aa, settings.components, 0.1,
                                        {rowOf(avoidImage), rowOf(texts.row(1)), nu})[0];
            const auto got = session.scores(Method::Basic, 0.1, nu);
            double worst = 0;
            for (std::size_t r = 0; r < got.size(); ++r)
                worst = std::max(worst, std::fabs(got[r] - want[static_cast<long>(r)].item<double>()));
            QVERIFY2(worst <= 1e-5, qPrintable(QStringLiteral("nu %1: max |difference| %2").arg(nu).arg(worst)));
            // Moving nu needs no pass: the top of the list is the scores' top.
            const auto hits = session.rerank(Method::Basic, 0.1, 5, nu);
            const auto best = std::max_element(got.begin(), got.end()) - got.begin();
            QCOMPARE(hits.front().index, static_cast<std::size_t>(best));
            QCOMPARE(hits.front().score, got[static_cast<std::size_t>(best)]);
        }
        // Nothing to avoid at nu 0: the scores without the terms, exactly.
        QVERIFY(session.scores(Method::Basic, 0.1, 0.0) == plain.scores(Method::Basic, 0.1, 0.0));
        // Avoiding the best item (an image avoided is its own nearest: a(x) = |P(x - m)|^2 > 0)
        // lowers its image side; with Harris's weight 0 its score then falls.
        const auto bestOf = [](const std::vector<float>& s, std::size_t skip) {
            std::size_t best = skip == 0 ? 1 : 0;
            for (std::size_t i = 0; i < s.size(); ++i)
                if (i != skip && s[i] > s[best])
                    best = i;
            return best;
        };
        const auto plainScores = plain.scores(Method::Basic, 0.0, 0.0);
        const std::size_t top = bestOf(plainScores, 4); // not the query's own row
        QVERIFY(plainScores[top] > 0);
        BasicRequest avoidTop = plainRequest;
        avoidTop.avoidImages = {database.row(top)};
        QVERIFY(basicSession(search, avoidTop).scores(Method::Basic, 0.0, 1.0)[top] < plainScores[top]);
        // An avoided image in a query of a text alone lowers the text's side.
        BasicRequest textOnly{{}, {texts.row(0)}, request.space, normalisation, "test", {}, {}};
        const auto textScores = basicSession(search, textOnly).scores(Method::Basic, 0.1, 1.0);
        const std::size_t textTop = bestOf(textScores, textScores.size());
        textOnly.avoidImages = {database.row(textTop)};
        const auto lowered = basicSession(search, textOnly).scores(Method::Basic, 0.1, 1.0);
        QVERIFY(lowered[textTop] < textScores[textTop]);
    }

    void theCommandLineRanksAsTheReference()
    {
        // rscir search --method basic on an index, against the reference computed here from
        // the index's exported embeddings, the corpora's embeddings as rscir kept them, and
        // the text's embedding from rscir embed.
        RSCIR_REQUIRE_CONFORMANCE();
        const QString corpora = rscir::test::sharedDir() + "/data/basic-corpora";
        if (!QFile::exists(corpora + "/subjects.csv"))
            QSKIP("the reference's corpora are not in ../shared/data/basic-corpora");
        const QString c = rscir::test::conformanceDir();
        QTemporaryDir work;
        const QStringList model{"--model", c + "/models/gelu_b32/open_clip.safetensors", "--activation", "gelu",
                                "--vocab", c + "/bpe_simple_vocab_16e6.txt.gz", "--device", "cpu"};
        const auto run = [&](const QStringList& arguments) { return runRscir(arguments, work.filePath("cache")); };
        const QString index = work.filePath("mini.rscir");
        QVERIFY(run(QStringList{"index", "--archive", c + "/mini_patternnet/images", "--index", index, "--storage", "fp32"} +
                    model));
        QVERIFY(run(QStringList{"export", "--index", index, "--output", work.filePath("export")} + model));
        const auto database = readNpy(work.filePath("export/embeddings.npy").toStdString());
        const long n = static_cast<long>(database.shape[0]), d = static_cast<long>(database.shape[1]);
        const auto values = database.toFloat();
        const auto db = torch::from_blob(const_cast<float*>(values.data()), {n, d}, torch::kFloat).to(torch::kDouble).clone();
        // items.tsv: the item id of each row.
        std::vector<std::int64_t> items;
        QFile tsv(work.filePath("export/items.tsv"));
        QVERIFY(tsv.open(QIODevice::ReadOnly));
        for (const QByteArray& line : tsv.readAll().split('\n').mid(1))
            if (!line.isEmpty())
                items.push_back(line.split('\t').front().toLongLong());
        QCOMPARE(static_cast<long>(items.size()), n);
        const std::size_t queryRow = 7;
        const QByteArray out = *run(QStringList{"search", "--index", index, "--item", QString::number(items[queryRow]),
                                               "--text", "with trees", "--method", "basic", "--basic-corpora", corpora,
                                               "--basic-contextualize", "0", "--basic-components", "40", "--lambda",
                                               "0.2", "--top-k", "10", "--format", "json"} +
                                   model);
        QVERIFY(!out.isEmpty());
        // Saved with its settings, the query ranks the same when replayed without them.
        QVERIFY(run(QStringList{"search", "--index", index, "--item", QString::number(items[queryRow]), "--text",
                                "with trees", "--method", "basic", "--basic-corpora", corpora, "--basic-contextualize",
                                "0", "--basic-components", "40", "--lambda", "0.2", "--top-k", "10", "--save-query",
                                work.filePath("q.json")} +
                    model));
        QCOMPARE(*run(QStringList{"search", "--index", index, "--query", work.filePath("q.json"), "--format", "json"} +
                      model),
                 out);
        const auto text = nlohmann::json::parse(
            run(QStringList{"embed", "--text", "with trees"} + model).value_or("{}").toStdString())["embedding"].get<std::vector<float>>();
        // The corpora's embeddings as rscir kept them (subjects: 1,842 rows; styles: 1,000).
        torch::Tensor subjects, styles;
        for (const QString& file : QDir(work.filePath("cache/rscir/basic")).entryList({"*.npy"})) {
            const auto m = readNpy(work.filePath("cache/rscir/basic/" + file).toStdString());
            const auto v = m.toFloat();
            auto t = torch::from_blob(const_cast<float*>(v.data()), {static_cast<long>(m.shape[0]), d}, torch::kFloat)
                         .to(torch::kDouble)
                         .clone();
            (m.shape[0] > 1000 ? subjects : styles) = t;
        }
        QVERIFY(subjects.defined() && styles.defined());
        QCOMPARE(subjects.size(0), 1842L); // as Python's csv.reader reads it: the header is a row too
        QCOMPARE(styles.size(0), 1000L);
        const auto textTensor =
            torch::from_blob(const_cast<float*>(text.data()), {1, d}, torch::kFloat).to(torch::kDouble).clone();
        // The list rscir printed against the reference's order and scores.
        const auto compare = [&](const QByteArray& printed, const torch::Tensor& want) {
            auto order = torch::argsort(want, 0, true);
            std::vector<std::pair<std::int64_t, double>> expected;
            for (long i = 0; i < n && expected.size() < 10; ++i) {
                const long row = order[i].item<long>();
                if (row != static_cast<long>(queryRow)) // the query's own item is left out of the list
                    expected.push_back({items[static_cast<std::size_t>(row)], want[row].item<double>()});
            }
            std::size_t line = 0;
            for (const QByteArray& raw : printed.split('\n')) {
                if (raw.isEmpty())
                    continue;
                const auto hit = nlohmann::json::parse(raw.toStdString());
                QVERIFY(line < expected.size());
                QCOMPARE(hit["item"].get<std::int64_t>(), expected[line].first);
                QVERIFY2(std::fabs(hit["score"].get<double>() - expected[line].second) < 1e-5,
                         qPrintable(QString::number(hit["score"].get<double>()) + " " +
                                    QString::number(expected[line].second)));
                ++line;
            }
            QCOMPARE(line, expected.size());
        };
        const auto queryTensor = db[static_cast<long>(queryRow)].unsqueeze(0);
        compare(out, reference(queryTensor, textTensor, db, subjects, styles, db.narrow(0, 0, 2), textTensor,
                               {true, true, true, false}, 0.2, 40, 0.2)[0]);
        // A text to avoid, at the default weight 0.5.
        const QByteArray avoiding = *run(QStringList{"search", "--index", index, "--item",
                                                     QString::number(items[queryRow]), "--text", "with trees",
                                                     "--not-text", "a road", "--method", "basic", "--basic-corpora",
                                                     corpora, "--basic-contextualize", "0", "--basic-components", "40",
                                                     "--lambda", "0.2", "--top-k", "10", "--format", "json"} +
                                         model);
        QVERIFY(avoiding != out);
        const auto road = nlohmann::json::parse(
            run(QStringList{"embed", "--text", "a road"} + model).value_or("{}").toStdString())["embedding"].get<std::vector<float>>();
        const auto roadTensor =
            torch::from_blob(const_cast<float*>(road.data()), {1, d}, torch::kFloat).to(torch::kDouble).clone();
        compare(avoiding, reference(queryTensor, textTensor, db, subjects, styles, db.narrow(0, 0, 2), textTensor,
                                    {true, true, true, false}, 0.2, 40, 0.2, {torch::Tensor(), roadTensor, 0.5})[0]);

        // The window opens that query, saved, with BASIC and its settings, and ranks it as rscir
        // search does (the same items, the same scores).
        QVERIFY(run(QStringList{"search", "--index", index, "--item", QString::number(items[queryRow]), "--text",
                                "with trees", "--not-text", "a road", "--method", "basic", "--basic-corpora", corpora,
                                "--basic-contextualize", "0", "--basic-components", "40", "--lambda", "0.2",
                                "--top-k", "10", "--save-query", work.filePath("avoiding.json")} +
                    model));
        QFile script(work.filePath("window.json"));
        QVERIFY(script.open(QIODevice::WriteOnly));
        script.write(nlohmann::json::array(
                         {{{"open_index", index.toStdString()}},
                          {{"load_model", {{"model", (c + "/models/gelu_b32/open_clip.safetensors").toStdString()},
                                           {"activation", "gelu"},
                                           {"vocab", (c + "/bpe_simple_vocab_16e6.txt.gz").toStdString()}}}},
                          {{"open_query", work.filePath("avoiding.json").toStdString()}},
                          {{"wait", true}},
                          {{"export", work.filePath("window.csv").toStdString()}},
                          {{"quit", true}}})
                         .dump()
                         .c_str());
        script.close();
        QProcess window;
        auto environment = QProcessEnvironment::systemEnvironment();
        environment.insert("QT_QPA_PLATFORM", "offscreen");
        environment.insert("XDG_CACHE_HOME", work.filePath("cache"));
        environment.insert("XDG_CONFIG_HOME", work.filePath("config"));
        environment.insert("XDG_DATA_HOME", work.filePath("data"));
        window.setProcessEnvironment(environment);
        window.start(QStringLiteral(RSCIR_BIN_DIR "/rscir-desktop"), {"--script", script.fileName()});
        QVERIFY(window.waitForFinished(300000));
        QVERIFY2(window.exitCode() == 0, window.readAllStandardError().constData());
        QFile csv(work.filePath("window.csv"));
        QVERIFY(csv.open(QIODevice::ReadOnly));
        std::vector<std::pair<std::int64_t, double>> shown;
        for (const QByteArray& line : csv.readAll().split('\n').mid(1))
            if (!line.isEmpty())
                shown.push_back({line.split(',').at(1).toLongLong(), line.split(',').at(8).toDouble()});
        std::vector<std::pair<std::int64_t, double>> printed;
        for (const QByteArray& raw : avoiding.split('\n'))
            if (!raw.isEmpty()) {
                const auto hit = nlohmann::json::parse(raw.toStdString());
                printed.push_back({hit["item"].get<std::int64_t>(), hit["score"].get<double>()});
            }
        QCOMPARE(shown.size(), printed.size());
        for (std::size_t i = 0; i < shown.size(); ++i) {
            QCOMPARE(shown[i].first, printed[i].first);
            QVERIFY2(std::fabs(shown[i].second - printed[i].second) < 1e-9,
                     qPrintable(QString::number(shown[i].second) + " " + QString::number(printed[i].second)));
        }
    }

    void patternComReportsBasicBesideWeiCom()
    {
        RSCIR_REQUIRE_CONFORMANCE();
        const QString corpora = rscir::test::sharedDir() + "/data/basic-corpora";
        if (!QFile::exists(corpora + "/subjects.csv"))
            QSKIP("the reference's corpora are not in ../shared/data/basic-corpora");
        const QString c = rscir::test::conformanceDir();
        QTemporaryDir work;
        const auto eval = [&](const QString& methods) {
            const auto out = runRscir(QStringList{"eval", "patterncom", "--dataset", c + "/mini_patternnet", "--model",
                     c + "/models/gelu_b32/open_clip.safetensors", "--activation", "gelu", "--vocab",
                     c + "/bpe_simple_vocab_16e6.txt.gz", "--device", "cpu", "--methods", methods, "--lambdas", "0.5",
                     "--basic-corpora", corpora, "--basic-contextualize", "2", "--basic-lambdas", "0,0.1"},
                                      work.filePath("cache"));
            return nlohmann::json::parse(out.value_or("").toStdString(), nullptr, false);
        };
        const auto both = eval("weicom,basic");
        const auto weicomAlone = eval("weicom");
        QVERIFY(both.is_object() && weicomAlone.is_object());
        // WeiCom's figures do not change when BASIC is asked for beside it.
        QVERIFY(both["weicom"] == weicomAlone["weicom"]);
        QVERIFY(both["basic"].contains("0.0") && both["basic"].contains("0.1"));
        for (const auto& [lambda, perAttribute] : both["basic"].items()) {
            const double avg = perAttribute["avg"].get<double>();
            QVERIFY2(avg > 0 && avg <= 100, lambda.c_str());
        }
        // Other Harris weights rank otherwise.
        QVERIFY(both["basic"]["0.0"]["avg"] != both["basic"]["0.1"]["avg"]);
    }

    void cirReportsBasicBesideWeiCom()
    {
        RSCIR_REQUIRE_CONFORMANCE();
        const QString corpora = rscir::test::sharedDir() + "/data/basic-corpora";
        if (!QFile::exists(corpora + "/subjects.csv"))
            QSKIP("the reference's corpora are not in ../shared/data/basic-corpora");
        const QString c = rscir::test::conformanceDir();
        QTemporaryDir work;
        QFile csv(work.filePath("rows.csv"));
        QVERIFY(csv.open(QIODevice::WriteOnly));
        csv.write("image,text,target\n"
                  "beach/beach001.jpg,with a bridge,bridge/bridge001.jpg\n"
                  "airplane/airplane001.jpg,on a beach,beach/beach002.jpg\n"
                  "bridge/bridge002.jpg,with planes,airplane/airplane002.jpg\n");
        csv.close();
        const auto eval = [&](const QString& methods) {
            const auto out = runRscir(QStringList{"eval", "cir", "--csv", csv.fileName(), "--images", c + "/mini_patternnet/images", "--model",
                     c + "/models/gelu_b32/open_clip.safetensors", "--activation", "gelu", "--vocab",
                     c + "/bpe_simple_vocab_16e6.txt.gz", "--device", "cpu", "--methods", methods, "--lambdas", "0.5",
                     "--basic-corpora", corpora, "--basic-contextualize", "0", "--basic-lambdas", "0,0.1"},
                                      work.filePath("cache"));
            return nlohmann::json::parse(out.value_or("").toStdString(), nullptr, false);
        };
        const auto both = eval("weicom,basic");
        const auto weicomAlone = eval("weicom");
        QVERIFY(both.is_object() && weicomAlone.is_object());
        QCOMPARE(both["results"].size(), std::size_t(3)); // WeiCom 0.5, BASIC 0 and 0.1
        QVERIFY(both["results"][0] == weicomAlone["results"][0]); // WeiCom's figures do not change
        QCOMPARE(both["results"][1]["method"].get<std::string>(), std::string("basic"));
        QCOMPARE(both["results"][2]["lambda"].get<double>(), 0.1);
        QVERIFY(both["results"][2]["mAP"].get<double>() >= 0);
    }

    void aSavedQueryKeepsBasicsSettings()
    {
        SavedQuery q;
        q.query.setText("with trees");
        q.method = Method::Basic;
        q.lambda = 0.1;
        BasicOptions b;
        b.corpora = "/data/corpora";
        b.mean = "mean.npy";
        b.aa = 0.3;
        b.components = 40;
        b.expansion = 0;
        b.contextualize = 5;
        b.norm = "set.npy";
        q.basic = b;
        const SavedQuery back = queryFromJson(queryToJson(q), "q.json");
        QVERIFY(back.basic && *back.basic == b);
        // Hostile values are refused with one line naming the field.
        for (const char* json : {R"({"rscir_query": 2, "terms": [{"text": "x"}], "basic": 3})",
                                 R"({"rscir_query": 2, "terms": [{"text": "x"}], "basic": {"corpora": "", "mean": "archive", "norm": "none",
                                     "aa": 2, "components": 1, "expansion": 0, "contextualize": 0}})",
                                 R"({"rscir_query": 2, "terms": [{"text": "x"}], "basic": {"corpora": "", "mean": "archive", "norm": "none",
                                     "aa": 0.2, "components": 0, "expansion": 0, "contextualize": 0}})",
                                 R"({"rscir_query": 2, "terms": [{"text": "x"}], "basic": {"corpora": 5, "mean": "archive", "norm": "none",
                                     "aa": 0.2, "components": 1, "expansion": 0, "contextualize": 0}})"}) {
            try {
                queryFromJson(json, "q.json");
                QFAIL(json);
            } catch (const Error& e) {
                QVERIFY2(QString(e.what()).contains("basic"), e.what());
            }
        }
        // A Harris weight of 0.25 or more is refused by the file's reader (the window and the
        // command line alike), naming the file and the field; WeiCom's lambda may be 0.3.
        try {
            queryFromJson(R"({"rscir_query": 2, "terms": [{"text": "x"}], "method": "basic", "lambda": 0.3})", "q.json");
            QFAIL("a Harris weight of 0.3 was read");
        } catch (const Error& e) {
            QVERIFY2(QString(e.what()).contains("q.json") && QString(e.what()).contains("lambda"), e.what());
        }
        QCOMPARE(*queryFromJson(R"({"rscir_query": 2, "terms": [{"text": "x"}], "method": "weicom", "lambda": 0.3})",
                                "q.json")
                      .lambda,
                 0.3);
    }

    void oneSideAloneRanksByItself()
    {
        BasicQuery query;
        query.imageOffset = 0.1;
        const std::vector<float> image{0.5f, 0.2f, 0.9f};
        const auto scores = basicScores(image, {}, query, std::nullopt, 0.1);
        QVERIFY(scores[2] > scores[0] && scores[0] > scores[1]);
        QVERIFY_THROWS_EXCEPTION(Error, basicScores({}, {}, query, std::nullopt, 0.1));
    }

    void fewerCorpusTextsThanDimensionsKeepOnlyRealComponents()
    {
        // 10 subjects and 6 styles in 24 dimensions: C has a null space whose eigenvalues
        // are 0 up to rounding; none of it is kept, and the count is the same every time.
        std::mt19937 rng(9);
        std::vector<float> bias(24, 0.3f);
        const auto subjects = randomMatrix(10, 24, rng, bias);
        const auto styles = randomMatrix(6, 24, rng, bias);
        BasicSettings settings;
        settings.components = 250;
        const auto a = BasicSpace::build(subjects, styles, std::vector<float>(24, 0.1f), settings);
        const auto b = BasicSpace::build(subjects, styles, std::vector<float>(24, 0.1f), settings);
        QVERIFY(a.components() > 0);
        QVERIFY2(a.components() <= 10, qPrintable(QString::number(a.components()))); // rank of Sa, and the 1e-5 term
        QCOMPARE(a.components(), b.components());
    }

    void refusesWhatCannotBeBuilt()
    {
        std::mt19937 rng(3);
        const std::vector<float> zero(8, 0.0f);
        const auto a = randomMatrix(5, 8, rng, zero);
        QVERIFY_THROWS_EXCEPTION(Error, BasicSpace::build(EmbeddingMatrix(0, 8), a, zero, {}));
        QVERIFY_THROWS_EXCEPTION(Error, BasicSpace::build(a, a, std::vector<float>(7, 0.0f), {}));
        BasicSettings bad;
        bad.aa = 2;
        QVERIFY_THROWS_EXCEPTION(Error, BasicSpace::build(a, a, zero, bad));
    }
};

QTEST_GUILESS_MAIN(TestBasic)
#include "test_basic.moc"
