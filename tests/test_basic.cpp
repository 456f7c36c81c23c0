// BASIC against an independent implementation: the reference's calculate_rankings
// (billpsomas/icir, utils_retrieval.py) written again here in libtorch, operation for
// operation, in float64, on generated embeddings and corpora. For every switch (centring,
// projection, expansion, normalisation) and three Harris weights, the product's scores
// must be within 1e-5 of it and rank alike.

#include <torch/torch.h>

#include "core/base/error.h"
#include "core/base/npy.h"
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

/// The reference, as utils_retrieval.py's "basic" branch computes it (with the archive
/// mean as the image mean, and the synthetic set given as two matrices).
torch::Tensor reference(torch::Tensor image, torch::Tensor text, torch::Tensor database, torch::Tensor pos,
                        torch::Tensor neg, torch::Tensor genImages, torch::Tensor genTexts, const Switches& s, double aa,
                        int components, double harris)
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
    }
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
        std::mt19937 rng(11);
        std::vector<float> shared(dim), textBias(dim);
        std::normal_distribution<float> normal;
        for (std::size_t c = 0; c < dim; ++c) {
            shared[c] = 0.8f * normal(rng); // a common part, as real embeddings have
            textBias[c] = shared[c] + 0.5f * normal(rng);
        }
        const auto database = randomMatrix(400, dim, rng, shared);
        const auto images = randomMatrix(6, dim, rng, shared);
        const auto texts = randomMatrix(6, dim, rng, textBias);
        const auto subjects = randomMatrix(80, dim, rng, textBias);
        const auto styles = randomMatrix(50, dim, rng, textBias);
        const auto genImages = randomMatrix(30, dim, rng, shared);
        const auto genTexts = randomMatrix(30, dim, rng, textBias);

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
        const auto want = reference(db[static_cast<long>(queryRow)].unsqueeze(0), textTensor, db, subjects, styles,
                                    db.narrow(0, 0, 2), textTensor, {true, true, true, false}, 0.2, 40, 0.2)[0];
        auto order = torch::argsort(want, 0, true);
        std::vector<std::pair<std::int64_t, double>> expected;
        for (long i = 0; i < n && expected.size() < 10; ++i) {
            const long row = order[i].item<long>();
            if (row != static_cast<long>(queryRow)) // the query's own item is left out of the list
                expected.push_back({items[static_cast<std::size_t>(row)], want[row].item<double>()});
        }
        std::size_t line = 0;
        for (const QByteArray& raw : out.split('\n')) {
            if (raw.isEmpty())
                continue;
            const auto hit = nlohmann::json::parse(raw.toStdString());
            QVERIFY(line < expected.size());
            QCOMPARE(hit["item"].get<std::int64_t>(), expected[line].first);
            QVERIFY2(std::fabs(hit["score"].get<double>() - expected[line].second) < 1e-5,
                     qPrintable(QString::number(hit["score"].get<double>()) + " " + QString::number(expected[line].second)));
            ++line;
        }
        QCOMPARE(line, expected.size());
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
