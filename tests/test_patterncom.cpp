#include "core/base/error.h"
#include "core/eval/patterncom.h"
#include "tests/reference_math.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <cmath>
#include <map>
#include <numeric>
#include <random>

using namespace rscir;

namespace {

void writeFile(const QString& path, const QByteArray& text)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(text);
}

/// A PatternNet-shaped dataset exercising class merging, duplicate rows, a file whose
/// name and folder disagree on its class, and a query image missing from the database.
void writeDataset(const QString& root)
{
    writeFile(root + "/patternnet.csv", "images/swimming_pool/swimmingpool001.jpg 0 swimming_pool\n"
                                        "images/swimming_pool/swimmingpool002.jpg 0 swimming_pool\n"
                                        "images/swimming_pool/swimmingpool003.jpg 0 swimming_pool\n"
                                        "images/dense_residential/denseresidential001.jpg 1 dense_residential\n"
                                        "images/sparse_residential/sparseresidential001.jpg 2 sparse_residential\n"
                                        "images/harbor/harbor001.jpg 3 harbor\n"
                                        "images/beach/harbor002.jpg 4 beach\n"
                                        "images/tennis_court/tenniscourt001.jpg 5 tennis_court\n"
                                        "images/tennis_court/tenniscourt002.jpg 5 tennis_court\n");
    writeFile(root + "/PatternCom/shape.csv", "swimmingpool001.jpg,shape,oval\n"
                                              "swimmingpool002.jpg,shape,rectangular\n"
                                              "swimmingpool003.jpg,shape,rectangular\n"
                                              "swimmingpool003.jpg,shape,kidney-shaped\n");
    writeFile(root + "/PatternCom/density.csv", "denseresidential001.jpg,density,dense\n"
                                                "sparseresidential001.jpg,density,sparse\n");
    writeFile(root + "/PatternCom/context.csv", "harbor001.jpg,context,with ships\n"
                                                "harbor002.jpg,context,empty\n");
    writeFile(root + "/PatternCom/color.csv", "tenniscourt001.jpg,color,red\r\n"
                                              "tenniscourt002.jpg,color,green\r\n"
                                              "tenniscourt009.jpg,color,green\r\n");
    writeFile(root + "/PatternCom/existence.csv", "swimmingpool001.jpg,existence,with trees\n"
                                                  "swimmingpool002.jpg,existence,no trees\n");
    writeFile(root + "/PatternCom/quantity.csv", "tenniscourt001.jpg,quantity,two\n"
                                                 "tenniscourt002.jpg,quantity,three\n");
}

struct Expected {
    std::size_t item;
    std::string prompt;
    std::vector<std::size_t> relevant;
};

/// The queries of the dataset above, worked out by hand from the protocol.
std::map<std::string, std::vector<Expected>> expectedQueries()
{
    return {
        {"shape",
         {{0, "kidney-shaped", {2}},
          {0, "rectangular", {1}},
          {1, "kidney-shaped", {2}},
          {1, "oval", {0}},
          {2, "kidney-shaped", {2}},
          {2, "oval", {0}},
          {2, "oval", {0}},
          {2, "rectangular", {1}}}},
        {"density", {{3, "sparse", {4}}, {4, "dense", {3}}}},
        {"context", {{5, "empty", {}}, {6, "with ships", {5}}}},
        {"color", {{7, "green", {8}}, {8, "red", {7}}}},
        {"existence", {{0, "no trees", {1}}, {1, "with trees", {0}}}},
        {"quantity", {{7, "three", {8}}, {8, "two", {7}}}},
    };
}

/// AP by a full stable sort, independent of the engine's rank counting.
double bruteForceAP(const std::vector<double>& scores, const std::vector<std::size_t>& relevant)
{
    if (relevant.empty())
        return 0.0;
    std::vector<std::size_t> order(scores.size());
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(), [&](auto a, auto b) { return scores[a] > scores[b]; });
    double sum = 0;
    std::size_t found = 0;
    for (std::size_t r = 0; r < order.size(); ++r)
        if (std::find(relevant.begin(), relevant.end(), order[r]) != relevant.end())
            sum += double(++found) / double(r + 1);
    return sum / double(relevant.size());
}

} // namespace

class TestPatternCom : public QObject {
    Q_OBJECT
private slots:
    void classMerging()
    {
        QCOMPARE(patternComClass("dense_residential"), std::string("residential"));
        QCOMPARE(patternComClass("ferry_terminal"), std::string("pier"));
        QCOMPARE(patternComClass("parking_space"), std::string("parking"));
        QCOMPARE(patternComClass("tennis_court"), std::string("tenniscourt"));
        QCOMPARE(patternComQueryClass("overpass017.jpg"), std::string("roadpass"));
        QCOMPARE(patternComQueryClass("closedroad3.jpg"), std::string("road"));
        QCOMPARE(patternComQueryClass("intersection012.jpg"), std::string("road"));
        QCOMPARE(patternComQueryClass("airplane001.jpg"), std::string("airplane"));
    }

    void queriesFollowTheProtocol()
    {
        QTemporaryDir dir;
        writeDataset(dir.path());
        const auto dataset = loadPatternCom(dir.path().toStdString());
        QCOMPARE(dataset.paths.size(), std::size_t(9));
        QCOMPARE(dataset.classes[3], std::string("residential"));
        QCOMPARE(dataset.classes[6], std::string("beach"));
        QCOMPARE(dataset.warnings.size(), std::size_t(1));
        QVERIFY(QString::fromStdString(dataset.warnings[0]).contains("color.csv:3"));
        const auto expected = expectedQueries();
        QCOMPARE(dataset.attributes.size(), std::size_t(6));
        for (const auto& attribute : dataset.attributes) {
            const auto& want = expected.at(attribute.name);
            QCOMPARE(attribute.queries.size(), want.size());
            // Compare as sorted (item, prompt) lists: the order of prompts is not part of the protocol.
            std::vector<std::tuple<std::size_t, std::string, std::vector<std::size_t>>> got, exp;
            for (const auto& q : attribute.queries)
                got.emplace_back(q.item, q.prompt, q.relevant);
            for (const auto& q : want)
                exp.emplace_back(q.item, q.prompt, q.relevant);
            std::sort(got.begin(), got.end());
            std::sort(exp.begin(), exp.end());
            QVERIFY2(got == exp, attribute.name.c_str());
        }
    }

    void evaluateRankingByHand()
    {
        const std::vector<float> scores{0.9f, 0.8f, 0.7f, 0.6f};
        const auto m = evaluateRanking(scores, {1, 3}); // ranks 2 and 4
        QCOMPARE(m.averagePrecision, 0.5);
        QCOMPARE(m.precisionAt[0], 2.0 / 5.0);
        QCOMPARE(m.recallAt[0], 1.0);
        // Ties go to the lower index: item 2 of three equal scores is third.
        QCOMPARE(evaluateRanking(std::vector<float>{0.5f, 0.5f, 0.5f}, {2}).averagePrecision, 1.0 / 3.0);
        QCOMPARE(evaluateRanking(std::vector<float>{0.5f, 0.5f, 0.5f}, {0}).averagePrecision, 1.0);
        QCOMPARE(evaluateRanking(scores, {}).averagePrecision, 0.0);
        // Relevant items at ranks 1, 3, 6: (1/1 + 2/3 + 3/6) / 3.
        const std::vector<float> six{6, 5, 4, 3, 2, 1};
        QCOMPARE(evaluateRanking(six, {0, 2, 5}).averagePrecision, (1.0 + 2.0 / 3.0 + 0.5) / 3.0);
    }

    void meanAPMatchesAnIndependentComputation()
    {
        QTemporaryDir dir;
        writeDataset(dir.path());
        const auto dataset = loadPatternCom(dir.path().toStdString());
        std::mt19937 rng(42);
        const std::size_t d = 6;
        EmbeddingMatrix images(dataset.paths.size(), d);
        for (std::size_t i = 0; i < images.rows(); ++i) {
            const auto v = rscir::test::randomUnitVector(rng, d);
            std::copy(v.begin(), v.end(), images.row(i).begin());
        }
        std::map<std::string, std::vector<float>> texts;
        int encoderCalls = 0;
        const auto encode = [&](const std::string& prompt) {
            ++encoderCalls;
            auto& v = texts[prompt];
            if (v.empty())
                v = rscir::test::randomUnitVector(rng, d);
            return Embedding(v);
        };
        PatternComOptions options;
        options.methods = {Method::Image, Method::Text, Method::Average, Method::WeiCom, Method::Slerp};
        options.lambdas = {0.5};
        const auto result = runPatternCom(dataset, images, encode, options);
        QCOMPARE(encoderCalls, 13); // distinct prompts, each encoded once

        const auto similarities = [&](const std::vector<float>& q) {
            std::vector<double> s(images.rows());
            for (std::size_t i = 0; i < s.size(); ++i)
                for (std::size_t c = 0; c < d; ++c)
                    s[i] += double(images.row(i)[c]) * q[c];
            return s;
        };
        for (const auto& [attribute, queries] : expectedQueries()) {
            std::map<std::string, double> sums;
            for (const auto& q : queries) {
                const std::vector<float> imageQuery(images.row(q.item).begin(), images.row(q.item).end());
                const auto f = similarities(imageQuery), g = similarities(texts.at(q.prompt));
                const auto nf = rscir::test::referenceNormalised(f), ng = rscir::test::referenceNormalised(g);
                std::vector<double> avg(f.size()), wei(f.size()), slerp(f.size());
                // Slerp at 0.5 of two unit vectors: (x.a + x.b) sin(theta/2) / sin(theta).
                double dot = 0;
                for (std::size_t c = 0; c < d; ++c)
                    dot += double(imageQuery[c]) * texts.at(q.prompt)[c];
                const double theta = std::acos(dot);
                for (std::size_t i = 0; i < f.size(); ++i) {
                    avg[i] = (f[i] + g[i]) / 2;
                    wei[i] = 0.5 * ng[i] + 0.5 * nf[i];
                    slerp[i] = (f[i] + g[i]) * std::sin(theta / 2) / std::sin(theta);
                }
                const auto rounded = [](double ap) { return std::round(ap * 10000.0) / 100.0; };
                sums["image"] += rounded(bruteForceAP(f, q.relevant));
                sums["text"] += rounded(bruteForceAP(g, q.relevant));
                sums["average"] += rounded(bruteForceAP(avg, q.relevant));
                sums["weicom"] += rounded(bruteForceAP(wei, q.relevant));
                sums["slerp"] += rounded(bruteForceAP(slerp, q.relevant));
            }
            for (const char* method : {"image", "text", "average"})
                QVERIFY2(std::fabs(result.baselines.at(method).meanAP.at(attribute) -
                                   sums[method] / double(queries.size())) < 1e-9,
                         (std::string(method) + " " + attribute).c_str());
            QVERIFY(std::fabs(result.weicom.at("0.5").meanAP.at(attribute) - sums["weicom"] / double(queries.size())) <
                    1e-9);
            QVERIFY(std::fabs(result.slerp.at("0.5").meanAP.at(attribute) - sums["slerp"] / double(queries.size())) <
                    1e-9);
        }
        // The context query whose prompt has no relevant item counts as AP 0.
        const auto json = QString::fromStdString(result.toJson());
        QVERIFY(json.startsWith("{\"image\":{\"color\":"));
        QVERIFY(json.contains("\"weicom\":{\"0.5\":{"));
        QVERIFY(json.contains("\"slerp\":{\"0.5\":{"));
        QVERIFY(json.contains("\"avg\""));
    }

    void lambdaKeys()
    {
        QCOMPARE(formatLambda(0.0), std::string("0.0"));
        QCOMPARE(formatLambda(1.0), std::string("1.0"));
        QCOMPARE(formatLambda(0.3), std::string("0.3"));
        QCOMPARE(formatLambda(0.05), std::string("0.05"));
    }

    void malformedInput_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<QString>("message");
        QTest::newRow("missing fields") << "PatternCom/shape.csv" << QByteArray("swimmingpool001.jpg,shape\n")
                                        << "shape.csv:1";
        QTest::newRow("unknown attribute")
            << "PatternCom/shape.csv" << QByteArray("swimmingpool001.jpg,shape,oval\nswimmingpool002.jpg,size,big\n")
            << "shape.csv:2";
        QTest::newRow("empty attribute file") << "PatternCom/density.csv" << QByteArray("") << "no usable rows";
        QTest::newRow("short database line")
            << "patternnet.csv" << QByteArray("images/a/a001.jpg 0\n") << "patternnet.csv:1";
        QTest::newRow("empty database") << "patternnet.csv" << QByteArray("\n\n") << "lists no images";
        QTest::newRow("image outside the folder")
            << "patternnet.csv" << QByteArray("../../home/u/a001.jpg 0 a\n") << "patternnet.csv:1: ../../home";
        QTest::newRow("absolute image") << "patternnet.csv" << QByteArray("/etc/a001.jpg 0 a\n") << "lies outside";
    }
    void malformedInput()
    {
        QFETCH(QString, file);
        QFETCH(QByteArray, content);
        QFETCH(QString, message);
        QTemporaryDir dir;
        writeDataset(dir.path());
        writeFile(dir.filePath(file), content);
        try {
            loadPatternCom(dir.path().toStdString());
            QFAIL("malformed input was accepted");
        } catch (const Error& e) {
            QVERIFY2(QString::fromStdString(e.what()).contains(message), e.what());
        }
    }

    void missingFiles()
    {
        QTemporaryDir dir;
        writeDataset(dir.path());
        QFile::remove(dir.filePath("PatternCom/quantity.csv"));
        QVERIFY_THROWS_EXCEPTION(Error, loadPatternCom(dir.path().toStdString()));
        QVERIFY_THROWS_EXCEPTION(Error, loadPatternCom((dir.path() + "/nowhere").toStdString()));
    }

    void wrongEmbeddingCountIsAnError()
    {
        QTemporaryDir dir;
        writeDataset(dir.path());
        const auto dataset = loadPatternCom(dir.path().toStdString());
        const EmbeddingMatrix images(3, 4);
        QVERIFY_THROWS_EXCEPTION(Error, runPatternCom(dataset, images, [](const std::string&) {
                                     return Embedding(std::vector<float>{1, 0, 0, 0});
                                 }));
    }
};

QTEST_GUILESS_MAIN(TestPatternCom)
#include "test_patterncom.moc"
