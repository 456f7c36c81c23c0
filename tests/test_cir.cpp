// The generic composed-retrieval benchmark against a computation written here, on a small
// generated dataset (several targets per row, a target missing from the database, a
// duplicate row), xView2-CIR's header, malformed rows, and lambda ranges.
#include "core/base/error.h"
#include "core/eval/cir.h"
#include "core/eval/dataset_path.h"
#include "core/eval/patterncom.h"
#include "tests/reference_math.h"

#include <QTemporaryDir>
#include <QTest>

#include <clocale>

#include <nlohmann/json.hpp>

#include <cmath>
#include <fstream>
#include <map>
#include <random>

using namespace rscir;

namespace {

const auto normalise = rscir::test::referenceNormalised;

/// A text encoder for the tests: each new text a random unit vector, the same text the same one.
struct RandomTexts {
    std::mt19937& rng;
    std::size_t dim;
    std::map<std::string, std::vector<float>> texts;
    Embedding operator()(const std::string& text)
    {
        auto& v = texts[text];
        if (v.empty())
            v = rscir::test::randomUnitVector(rng, dim);
        return Embedding(v);
    }
};

} // namespace

class TestCir : public QObject {
    Q_OBJECT
private slots:
    void metricsMatchAnIndependentComputation()
    {
        QTemporaryDir dir;
        const std::size_t n = 40, d = 6;
        std::mt19937 rng(3);
        std::vector<std::string> database;
        EmbeddingMatrix images(n, d);
        for (std::size_t i = 0; i < n; ++i) {
            database.push_back("img/" + std::to_string(i) + ".png");
            const auto v = rscir::test::randomUnitVector(rng, d);
            std::copy(v.begin(), v.end(), images.row(i).begin());
        }
        {
            std::ofstream csv(dir.filePath("b.csv").toStdString());
            csv << "image,text,target\n"
                << "img/1.png,flooded,img/2.png;img/3.png\n"
                << "img/4.png,\"burnt, black\",img/5.png\n"
                << "img/6.png,flooded,img/7.png;img/404.png\n" // a target missing from the database
                << "\n"
                << "img/1.png,flooded,img/2.png;img/3.png\n"; // a duplicate row counts again
        }
        const CirDataset dataset = loadCirCsv(dir.filePath("b.csv").toStdString());
        QCOMPARE(dataset.rows.size(), std::size_t(4));
        QCOMPARE(dataset.rows[1].text, std::string("burnt, black"));
        QCOMPARE(dataset.rows[3].line, std::size_t(5)); // rows numbered by their line after the header
        RandomTexts encode{rng, d, {}};
        CirOptions options;
        options.lambdas = {0.3, 0.7};
        const auto json = nlohmann::json::parse(runCir(dataset, database, images, std::ref(encode), options));
        QCOMPARE(json["results"].size(), std::size_t(2 + 3));

        const auto sims = [&](const std::vector<float>& q) {
            std::vector<double> s(n);
            for (std::size_t i = 0; i < n; ++i)
                for (std::size_t c = 0; c < d; ++c)
                    s[i] += double(images.row(i)[c]) * q[c];
            return s;
        };
        for (const auto& result : json["results"]) {
            const std::string method = result["method"];
            const double lambda = result["lambda"].is_null() ? 0.0 : result["lambda"].get<double>();
            double apSum = 0, r1 = 0, r5 = 0;
            for (std::size_t q = 0; q < dataset.rows.size(); ++q) {
                const auto& row = dataset.rows[q];
                const std::size_t qi = std::stoul(row.image.substr(4));
                const std::vector<float> qv(images.row(qi).begin(), images.row(qi).end());
                const auto f = sims(qv), g = sims(encode.texts.at(row.text));
                const auto nf = normalise(f), ng = normalise(g);
                std::vector<double> score(n);
                for (std::size_t i = 0; i < n; ++i)
                    score[i] = method == "image"     ? f[i]
                               : method == "text"    ? g[i]
                               : method == "average" ? (f[i] + g[i]) / 2
                                                     : lambda * ng[i] + (1 - lambda) * nf[i];
                std::vector<std::size_t> ranks;
                for (const auto& t : row.targets) {
                    if (t == "img/404.png")
                        continue;
                    const std::size_t ti = std::stoul(t.substr(4));
                    std::size_t rank = 1;
                    for (std::size_t i = 0; i < n; ++i)
                        if (i != ti && i != qi && score[i] > score[ti])
                            ++rank;
                    ranks.push_back(rank);
                }
                std::sort(ranks.begin(), ranks.end());
                double ap = 0;
                for (std::size_t m = 0; m < ranks.size(); ++m)
                    ap += double(m + 1) / double(ranks[m]);
                ap /= double(row.targets.size());
                apSum += ap;
                r1 += ranks.front() <= 1;
                r5 += ranks.front() <= 5;
                QVERIFY(std::fabs(result["queries"][q]["ap"].get<double>() - 100 * ap) < 1e-7); // percent
                QCOMPARE(result["queries"][q]["first_rank"].get<std::size_t>(), ranks.front());
                QCOMPARE(result["queries"][q]["row"].get<std::size_t>(), row.line);
            }
            QVERIFY(std::fabs(result["mAP"].get<double>() - 100 * apSum / 4) < 1e-7);
            QCOMPARE(result["recall"]["1"].get<double>(), 100.0 * r1 / 4);
            QCOMPARE(result["recall"]["5"].get<double>(), 100.0 * r5 / 4);
        }
        // The query image among the targets: left out by default, found at rank 1 when kept.
        {
            std::ofstream csv(dir.filePath("self.csv").toStdString());
            csv << "image,text,target\nimg/1.png,flooded,img/1.png\n";
        }
        const auto self = loadCirCsv(dir.filePath("self.csv").toStdString());
        CirOptions keep = options;
        keep.methods = {Method::Image};
        QVERIFY(nlohmann::json::parse(runCir(self, database, images, std::ref(encode), keep))["results"][0]["queries"][0]["first_rank"]
                    .is_null());
        keep.excludeQuery = false;
        QCOMPARE(nlohmann::json::parse(runCir(self, database, images, std::ref(encode), keep))["results"][0]["queries"][0]["first_rank"]
                     .get<int>(),
                 1);
    }

    void theSamePlaceEqualsADatabaseOfThatPlace()
    {
        // 40 images at four places (every fourth image at one): conditioned on the scene, a
        // row ranks as it does over a database holding only the images at its place.
        QTemporaryDir dir;
        const std::size_t n = 40, d = 6;
        std::mt19937 rng(5);
        std::vector<std::string> database, only;
        std::vector<std::optional<Footprint>> footprints;
        EmbeddingMatrix images(n, d), subset(n / 4, d);
        for (std::size_t i = 0; i < n; ++i) {
            database.push_back("img/" + std::to_string(100 + i) + ".png");
            const auto v = rscir::test::randomUnitVector(rng, d);
            std::copy(v.begin(), v.end(), images.row(i).begin());
            const double x = 10.0 + 0.01 * static_cast<double>(i % 4);
            footprints.push_back(Footprint{{{x, 45.0}, {x + 0.005, 45.0}, {x + 0.005, 45.005}, {x, 45.005}, {x, 45.0}}});
            if (i % 4 == 1) {
                std::copy(v.begin(), v.end(), subset.row(only.size()).begin());
                only.push_back(database.back());
            }
        }
        {
            std::ofstream csv(dir.filePath("c.csv").toStdString());
            csv << "image,text,target\n"
                << "img/101.png,flooded,img/105.png;img/117.png;img/102.png\n"; // img/102 lies elsewhere
        }
        const CirDataset dataset = loadCirCsv(dir.filePath("c.csv").toStdString());
        RandomTexts encode{rng, d, {}};
        CirOptions conditioned;
        conditioned.lambdas = {0.3, 0.7};
        conditioned.samePlace = 0.5;
        conditioned.footprints = footprints;
        CirOptions whole;
        whole.lambdas = conditioned.lambdas;
        const auto a = nlohmann::json::parse(runCir(dataset, database, images, std::ref(encode), conditioned));
        const auto b = nlohmann::json::parse(runCir(dataset, only, subset, std::ref(encode), whole));
        QCOMPARE(a["same_place"].get<double>(), 0.5);
        QCOMPARE(a["results"].size(), b["results"].size());
        for (std::size_t r = 0; r < a["results"].size(); ++r) {
            QCOMPARE(a["results"][r]["mAP"].get<double>(), b["results"][r]["mAP"].get<double>());
            QVERIFY(a["results"][r]["queries"][0]["first_rank"] == b["results"][r]["queries"][0]["first_rank"]);
        }
        // A query image without a footprint is said to be one.
        conditioned.footprints[1].reset();
        QVERIFY_THROWS_EXCEPTION(Error, runCir(dataset, database, images, std::ref(encode), conditioned));
    }

    void xview2LayoutAndMalformedRows()
    {
        QTemporaryDir dir;
        {
            std::ofstream csv(dir.filePath("xview2_cir.csv").toStdString());
            csv << "image,query_default,query_alt1,query_alt2,target\n"
                << "pre/a.png,post earthquake,after the quake,destroyed,post/a.png\n";
        }
        auto data = loadCirCsv(dir.filePath("xview2_cir.csv").toStdString());
        QCOMPARE(data.textColumn, std::string("query_default"));
        QCOMPARE(data.rows.front().text, std::string("post earthquake"));
        data = loadCirCsv(dir.filePath("xview2_cir.csv").toStdString(), "query_alt1");
        QCOMPARE(data.rows.front().text, std::string("after the quake"));
        const auto refused = [&](const std::string& content, const QString& words) {
            std::ofstream(dir.filePath("bad.csv").toStdString()) << content;
            try {
                loadCirCsv(dir.filePath("bad.csv").toStdString());
                QFAIL("a malformed benchmark was read");
            } catch (const Error& e) {
                QVERIFY2(QString::fromStdString(e.what()).contains(words) &&
                             QString::fromStdString(e.what()).contains(QStringLiteral("bad.csv")),
                         e.what());
            }
        };
        refused("image,text,target\na.png,x\n", QStringLiteral("line 2"));
        // Names that leave the dataset's folder: a report would embed files from elsewhere.
        refused("image,text,target\n../secret.png,x,b.png\n", QStringLiteral("line 2: ../secret.png lies outside"));
        refused("image,text,target\na.png,x,b.png;/home/u/c.png\n", QStringLiteral("line 2: /home/u/c.png lies outside"));
        refused("image,text,target\na.png,\"x,b.png\n", QStringLiteral("line 2: a quoted field"));
        refused("picture,text,target\n", QStringLiteral("the header needs"));
        refused("image,text,target\na.png,,b.png\n", QStringLiteral("line 2"));
    }

    void linksOutOfTheDatasetFolderAreRefused()
    {
        // images/escape.jpg, a link to a private image beside the folder: its name is
        // harmless, where it leads is not.
        QTemporaryDir dir;
        const std::filesystem::path root = dir.filePath("dataset").toStdString();
        std::filesystem::create_directories(root / "images");
        std::ofstream(root / "images" / "a.jpg") << "a";
        std::ofstream(dir.filePath("private.jpg").toStdString()) << "private";
        std::filesystem::create_symlink(dir.filePath("private.jpg").toStdString(), root / "images" / "escape.jpg");
        std::filesystem::create_symlink("a.jpg", root / "images" / "alias.jpg");
        QCOMPARE(datasetFile(root, "images/a.jpg", "row 1"), root / "images" / "a.jpg");
        QCOMPARE(datasetFile(root, "images/alias.jpg", "row 1"), root / "images" / "alias.jpg");
        try {
            datasetFile(root, "images/escape.jpg", "row 3");
            QFAIL("a link out of the dataset was followed");
        } catch (const Error& e) {
            QVERIFY2(std::string(e.what()).find("row 3: images/escape.jpg is a link that leads out") != std::string::npos,
                     e.what());
        }
        QVERIFY_THROWS_EXCEPTION(Error, datasetFile(root, "../private.jpg", "row 4"));
        QVERIFY(!resolvesInside(root / "images", root / "images" / "escape.jpg"));
    }

    void spreadsheetCsvsReadAsWritten()
    {
        // A byte order mark (Excel's "CSV UTF-8"), a quoted text over two lines, a target
        // named twice (one relevant image), CRLF line ends; and a line without end refused.
        QTemporaryDir dir;
        const std::string path = dir.filePath("sheet.csv").toStdString();
        std::ofstream(path, std::ios::binary) << "\xEF\xBB\xBFimage,text,target\r\n"
                                              << "a.png,\"a pool,\r\nbut oval\",b.png;c.png;b.png\r\n"
                                              << "d.png,plain,e.png\r\n"
                                              << "f.png,a 5\" gap,g.png\r\n";
        const auto data = loadCirCsv(path);
        QCOMPARE(data.rows.size(), std::size_t(3));
        QCOMPARE(data.rows[0].text, std::string("a pool,\nbut oval"));
        QCOMPARE(data.rows[0].targets, (std::vector<std::string>{"b.png", "c.png"}));
        QCOMPARE(data.rows[1].image, std::string("d.png"));
        QCOMPARE(data.rows[2].text, std::string("a 5\" gap")); // a quote inside a field is text
        std::ofstream(path, std::ios::binary) << "image,text,target\n" << std::string(3 << 20, 'x');
        try {
            loadCirCsv(path);
            QFAIL("a line of 3 MiB was read");
        } catch (const Error& e) {
            QVERIFY2(std::string(e.what()).find("line 2: a line is longer than") != std::string::npos, e.what());
        }
    }

    void lambdasReadTheSameInAGermanLocale()
    {
        // The desktop application runs with the user's locale; a decimal comma there must
        // not change how "0.1" reads.
        if (!std::setlocale(LC_NUMERIC, "de_DE.UTF-8"))
            QSKIP("no German locale here (packaging/install-deps.sh makes de_DE.UTF-8)");
        QCOMPARE(std::localeconv()->decimal_point[0], ',');
        const auto lambdas = parseLambdas("0:1:0.1");
        const auto list = parseLambdas("0.3,0.5");
        std::setlocale(LC_NUMERIC, "C");
        QCOMPARE(lambdas.size(), std::size_t(11));
        QCOMPARE(lambdas[3], 0.3);
        QCOMPARE(list, (std::vector<double>{0.3, 0.5}));
        QCOMPARE(lambdaOfKey("0.5"), 0.5);
    }

    void aLambdaGivenTwiceIsOneRun()
    {
        QCOMPARE(parseLambdas("0.5,0.5,0.50"), (std::vector<double>{0.5}));
        QCOMPARE(parseLambdas("0.5, 0.5"), (std::vector<double>{0.5}));
    }

    void lambdaRanges()
    {
        QCOMPARE(parseLambdas("0:1:0.1").size(), std::size_t(11));
        QCOMPARE(parseLambdas("0:1:0.1")[3], 0.3);
        QCOMPARE(parseLambdas("0:1:0.25"), (std::vector<double>{0, 0.25, 0.5, 0.75, 1}));
        QCOMPARE(parseLambdas("0.2:0.5:0.2"), (std::vector<double>{0.2, 0.4}));
        QCOMPARE(parseLambdas("0, 0.5,1"), (std::vector<double>{0, 0.5, 1}));
        for (const char* bad : {"1:0:0.1", "0:1", "0:1:0", "a", "2", "0:1:-0.1", ""})
            QVERIFY_THROWS_EXCEPTION(Error, parseLambdas(bad));
    }
};

QTEST_GUILESS_MAIN(TestCir)
#include "test_cir.moc"
