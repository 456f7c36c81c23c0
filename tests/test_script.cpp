// rscir-desktop --script: every action through the application's own code paths, and
// the same results as `rscir search` for the same query (an outside 16-bit GeoTIFF as
// query image gives bit-identical scores, so bit-identical embeddings).

#include "rscir_process.h"
#include "tiny_model.h"
#include "shared_data.h"

#include <QFile>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QFileInfo>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <gdal_priv.h>
#include <ogrsf_frmts.h>
#include <ogr_spatialref.h>

#include <cmath>
#include <memory>
#include <random>

namespace {

struct DesktopRun {
    int exitCode = -1;
    QByteArray err;
};

/// The desktop application offscreen, with settings and data of its own (none of the user's).
QProcessEnvironment offscreenEnvironment(const QTemporaryDir& dir)
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), dir.filePath("config"));
    env.insert(QStringLiteral("XDG_DATA_HOME"), dir.filePath("data"));
    env.insert(QStringLiteral("XDG_CACHE_HOME"), dir.filePath("cache")); // BASIC's corpora, embedded per model
    return env;
}

DesktopRun runScript(const QTemporaryDir& dir, const QJsonArray& actions)
{
    const QString script = dir.filePath("script.json");
    QFile file(script);
    file.open(QIODevice::WriteOnly | QIODevice::Truncate);
    file.write(QJsonDocument(actions).toJson());
    file.close();
    QProcess process;
    process.setProcessEnvironment(offscreenEnvironment(dir));
    process.start(QStringLiteral(RSCIR_BIN_DIR "/rscir-desktop"), {QStringLiteral("--script"), script});
    DesktopRun run;
    if (!process.waitForFinished(180000))
        return run;
    run.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -2;
    run.err = process.readAllStandardError();
    return run;
}

QJsonObject action(const char* name, const QJsonValue& value)
{
    return QJsonObject{{QString::fromLatin1(name), value}};
}

QByteArray contents(const QString& path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

/// A georeferenced 256 x 256 RGB scene near 10 E, 45 N (0.0001 degrees a pixel) whose bands
/// are ramps: band b at (x, y) is x * (b + a) + y * (3 - b + a) * c, modulo 256.
bool writeScene(const QString& path, int a, int c)
{
    GDALDriver* gtiff = GetGDALDriverManager()->GetDriverByName("GTiff");
    std::unique_ptr<GDALDataset> ds(gtiff->Create(path.toUtf8().constData(), 256, 256, 3, GDT_Byte, nullptr));
    if (!ds)
        return false;
    double transform[6] = {10.0, 0.0001, 0, 45.0256, 0, -0.0001};
    ds->SetGeoTransform(transform);
    OGRSpatialReference wgs84;
    wgs84.SetWellKnownGeogCS("WGS84");
    ds->SetSpatialRef(&wgs84);
    std::vector<std::uint8_t> row(256);
    for (int b = 1; b <= 3; ++b)
        for (int y = 0; y < 256; ++y) {
            for (int x = 0; x < 256; ++x)
                row[static_cast<std::size_t>(x)] = static_cast<std::uint8_t>((x * (b + a) + y * (3 - b + a) * c) % 256);
            if (ds->GetRasterBand(b)->RasterIO(GF_Write, 0, y, 256, 1, row.data(), 256, 1, GDT_Byte, 0, 0) != CE_None)
                return false;
        }
    return true;
}

/// A textured three-band GeoTIFF in UTM zone 32N, `size` pixels square of `metres` each,
/// starting at the same corner whatever the resolution (the same place at another scale).
bool writeUtmScene(const QString& path, int size, double metres, int seed)
{
    GDALDriver* gtiff = GetGDALDriverManager()->GetDriverByName("GTiff");
    std::unique_ptr<GDALDataset> ds(gtiff->Create(path.toUtf8().constData(), size, size, 3, GDT_Byte, nullptr));
    if (!ds)
        return false;
    double transform[6] = {500000.0, metres, 0, 5000000.0, 0, -metres};
    ds->SetGeoTransform(transform);
    OGRSpatialReference utm;
    utm.importFromEPSG(32632);
    ds->SetSpatialRef(&utm);
    if (seed == 1)
        ds->SetMetadataItem("TIFFTAG_DATETIME", "2019:07:04 10:20:30"); // when it was taken, as TIFF says it
    std::vector<std::uint8_t> row(static_cast<std::size_t>(size));
    for (int b = 1; b <= 3; ++b)
        for (int y = 0; y < size; ++y) {
            for (int x = 0; x < size; ++x) {
                const double gx = x * metres, gy = y * metres; // ground metres: the same pattern at every scale
                row[static_cast<std::size_t>(x)] = static_cast<std::uint8_t>(
                    127 + 120 * std::sin(gx * 0.05 * b + seed) * std::cos(gy * 0.07 + b * seed));
            }
            if (ds->GetRasterBand(b)->RasterIO(GF_Write, 0, y, size, 1, row.data(), size, 1, GDT_Byte, 0, 0) != CE_None)
                return false;
        }
    return true;
}

} // namespace

class TestScript : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    QString m_model, m_index, m_raster16;

    /// The scene of writeScene (ramps a, c) in out/geo, indexed in 64-pixel tiles with this
    /// overlap into out/geo.rscir; empty (and a warning) when indexing failed.
    QString indexScene(const QTemporaryDir& out, int a, int c, const char* overlap)
    {
        QDir().mkpath(out.filePath("geo"));
        if (!writeScene(out.filePath("geo/scene.tif"), a, c))
            return {};
        const QString index = out.filePath("geo.rscir");
        const auto indexed = rscir::test::runRscir({"index", "--archive", out.filePath("geo"), "--index", index, "--model",
                                                    m_model, "--tile", "64", "--overlap", overlap});
        if (indexed.exitCode != 0) {
            qWarning("%s", indexed.err.constData());
            return {};
        }
        return index;
    }

private slots:
    void initTestCase()
    {
        m_model = m_dir.filePath("tiny.safetensors");
        rscir::test::writeTinyModel(m_model);
        QDir().mkpath(m_dir.filePath("archive"));
        std::mt19937 rng(3);
        std::uniform_int_distribution<int> value(0, 255);
        for (int i = 0; i < 12; ++i) {
            QImage image(40, 40, QImage::Format_RGB888);
            const QColor base(value(rng), value(rng), value(rng));
            for (int y = 0; y < 40; ++y)
                for (int x = 0; x < 40; ++x)
                    image.setPixelColor(x, y, QColor((base.red() + x * 3) % 256, (base.green() + y * 5) % 256, base.blue()));
            QVERIFY(image.save(m_dir.filePath(QStringLiteral("archive/image_%1.png").arg(i, 2, 10, QLatin1Char('0')))));
        }
        m_index = m_dir.filePath("archive.rscir");
        const auto indexed = rscir::test::runRscir(
            {"index", "--archive", m_dir.filePath("archive"), "--index", m_index, "--model", m_model});
        QVERIFY2(indexed.exitCode == 0, indexed.err.constData());
        // A 16-bit, three-band GeoTIFF from outside the archive: read with the stretch.
        GDALAllRegister();
        m_raster16 = m_dir.filePath("outside16.tif");
        GDALDriver* gtiff = GetGDALDriverManager()->GetDriverByName("GTiff");
        std::unique_ptr<GDALDataset> ds(gtiff->Create(m_raster16.toUtf8().constData(), 64, 48, 3, GDT_UInt16, nullptr));
        std::vector<std::uint16_t> row(64);
        for (int b = 1; b <= 3; ++b)
            for (int y = 0; y < 48; ++y) {
                for (int x = 0; x < 64; ++x)
                    row[static_cast<std::size_t>(x)] = static_cast<std::uint16_t>(300 + (x * 37 + y * 53 + b * 611) % 3500);
                QVERIFY(ds->GetRasterBand(b)->RasterIO(GF_Write, 0, y, 64, 1, row.data(), 64, 1, GDT_UInt16, 0, 0) ==
                        CE_None);
            }
    }

    void everyActionAndTheSameResultsAsTheCommandLine()
    {
        QTemporaryDir out;
        const QJsonArray actions{
            action("open_index", m_index),
            action("load_model", QJsonObject{{"model", m_model}, {"activation", "gelu"}}),
            action("query_image", m_raster16),
            action("method", "image"),
            action("lambda", 0.5), // the exported query records it, as the command line's does
            action("results", 5),
            action("wait", true),
            action("export", out.filePath("gui16.csv")),
            action("query_item", 3),
            action("method", "weicom"),
            action("lambda", 0.3),
            action("text", ""),
            action("wait", true),
            action("screenshot", out.filePath("window.png")),
            action("export", out.filePath("item.csv")),
            action("export", out.filePath("item.geojson")),
            action("export", out.filePath("item.gpkg")),
            action("quit", true),
        };
        const DesktopRun run = runScript(out, actions);
        QVERIFY2(run.exitCode == 0, run.err.constData());
        const auto cli16 = rscir::test::runRscir({"search", "--index", m_index, "--model", m_model, "--image", m_raster16,
                                                  "--method", "image", "--top-k", "5", "--output", out.filePath("cli16.csv")});
        QVERIFY2(cli16.exitCode == 0, cli16.err.constData());
        QVERIFY(!contents(out.filePath("gui16.csv")).isEmpty());
        QVERIFY2(contents(out.filePath("gui16.csv")) == contents(out.filePath("cli16.csv")),
                 (contents(out.filePath("gui16.csv")).split('\n').front() + "\n" +
                  contents(out.filePath("cli16.csv")).split('\n').front())
                     .constData());
        const auto cliItem = rscir::test::runRscir({"search", "--index", m_index, "--model", m_model, "--item", "3",
                                                    "--lambda", "0.3", "--top-k", "5", "--output", out.filePath("cli.csv")});
        QVERIFY2(cliItem.exitCode == 0, cliItem.err.constData());
        QCOMPARE(contents(out.filePath("item.csv")), contents(out.filePath("cli.csv")));
        QCOMPARE(contents(out.filePath("item.csv")).trimmed().split('\n').size(), 6); // header, 5 results
        // The queries beside the CSVs: the same too.
        QVERIFY(!contents(out.filePath("item.csv.query.json")).isEmpty());
        QCOMPARE(contents(out.filePath("item.csv.query.json")), contents(out.filePath("cli.csv.query.json")));
        QCOMPARE(contents(out.filePath("gui16.csv.query.json")), contents(out.filePath("cli16.csv.query.json")));
        QVERIFY(QImage(out.filePath("window.png")).width() > 400);
        QVERIFY(contents(out.filePath("item.geojson")).contains("FeatureCollection"));
        // The GeoPackage holds the same five results, in rank order, as the CSV.
        std::unique_ptr<GDALDataset> gpkg(static_cast<GDALDataset*>(
            GDALOpenEx(out.filePath("item.gpkg").toUtf8().constData(), GDAL_OF_VECTOR, nullptr, nullptr, nullptr)));
        QVERIFY(gpkg && gpkg->GetLayerCount() == 1);
        OGRLayer* layer = gpkg->GetLayer(0);
        QCOMPARE(layer->GetFeatureCount(), GIntBig(5));
        const QList<QByteArray> csvRows = contents(out.filePath("item.csv")).trimmed().split('\n').mid(1);
        int rank = 0;
        double previous = 2;
        layer->ResetReading();
        while (OGRFeature* feature = layer->GetNextFeature()) {
            std::unique_ptr<OGRFeature> owned(feature);
            QCOMPARE(feature->GetFieldAsInteger("rank"), ++rank);
            QVERIFY(feature->GetFieldAsDouble("score") <= previous);
            previous = feature->GetFieldAsDouble("score");
            // The CSV's row of this rank names the same item.
            const QList<QByteArray> cells = csvRows[rank - 1].split(',');
            QCOMPARE(QByteArray::number(feature->GetFieldAsInteger64("item")), cells[1]);
        }
        QCOMPARE(rank, 5);
    }

    void moreAndLessLikeThisRankAsTheCommandLine()
    {
        // The same terms through the window (the query item, More / Less like this on
        // results, nu) and through the command line: the same export, bit for bit.
        QTemporaryDir out;
        const QJsonArray actions{
            action("open_index", m_index),
            action("load_model", QJsonObject{{"model", m_model}, {"activation", "gelu"}}),
            action("query_item", 3),
            action("method", "weicom"),
            action("lambda", 0.5),
            action("results", 6),
            action("wait", true),
            action("export", out.filePath("single.csv")),
            action("more_like", 5),
            action("less_like", 7),
            action("less_like", 9),
            action("undo", true), // item 9 is not avoided after all
            action("avoid", 0.4),
            action("wait", true),
            action("export", out.filePath("gui.csv")),
            action("save_query", out.filePath("q.json")),
            action("query_item", 1), // another query...
            action("wait", true),
            action("open_query", out.filePath("q.json")), // ...and the saved one again
            action("wait", true),
            action("export", out.filePath("reopened.csv")),
            action("quit", true),
        };
        const DesktopRun run = runScript(out, actions);
        QVERIFY2(run.exitCode == 0, run.err.constData());
        const auto cli = rscir::test::runRscir({"search", "--index", m_index, "--model", m_model, "--item", "3", "--item",
                                                "5", "--not-item", "7", "--avoid", "0.4", "--lambda", "0.5", "--top-k",
                                                "6", "--output", out.filePath("cli.csv")});
        QVERIFY2(cli.exitCode == 0, cli.err.constData());
        QVERIFY(!contents(out.filePath("gui.csv")).isEmpty());
        QCOMPARE(contents(out.filePath("gui.csv")), contents(out.filePath("cli.csv")));
        QVERIFY(contents(out.filePath("gui.csv")) != contents(out.filePath("single.csv")));
        QCOMPARE(contents(out.filePath("reopened.csv")), contents(out.filePath("gui.csv")));
        const auto fromFile = rscir::test::runRscir({"search", "--index", m_index, "--model", m_model, "--query",
                                                     out.filePath("q.json"), "--output", out.filePath("cli_q.csv")});
        QVERIFY2(fromFile.exitCode == 0, fromFile.err.constData());
        QCOMPARE(contents(out.filePath("cli_q.csv")), contents(out.filePath("gui.csv")));
        QCOMPARE(contents(out.filePath("gui.csv.query.json")), contents(out.filePath("cli.csv.query.json")));
        QCOMPARE(contents(out.filePath("reopened.csv.query.json")), contents(out.filePath("gui.csv.query.json")));
    }

    void anAreaRanksAsTheCommandLine()
    {
        // A georeferenced scene in 16 tiles; the window's area and --bbox keep the same
        // tiles and rank them the same, normalised over them alone.
        QTemporaryDir out;
        const QString index = indexScene(out, 1, 3, "0");
        QVERIFY(!index.isEmpty());
        const QJsonArray actions{
            action("open_index", index),
            action("load_model", QJsonObject{{"model", m_model}, {"activation", "gelu"}}),
            action("query_item", 6),
            action("method", "weicom"),
            action("lambda", 0.5),
            action("results", 16),
            action("area_bbox", QJsonArray{10.0, 45.0, 10.012, 45.0256}), // the western half
            action("wait", true),
            action("map", "results"),
            action("export", out.filePath("gui.csv")),
            action("quit", true),
        };
        const DesktopRun run = runScript(out, actions);
        QVERIFY2(run.exitCode == 0, run.err.constData());
        const auto cli = rscir::test::runRscir({"search", "--index", index, "--model", m_model, "--item", "6", "--bbox",
                                                "10,45,10.012,45.0256", "--lambda", "0.5", "--top-k", "16", "--output",
                                                out.filePath("cli.csv")});
        QVERIFY2(cli.exitCode == 0, cli.err.constData());
        QVERIFY2(cli.err.contains("keeps 8 of 16 items"), cli.err.constData());
        QCOMPARE(contents(out.filePath("gui.csv")), contents(out.filePath("cli.csv")));
        QCOMPARE(contents(out.filePath("gui.csv")).trimmed().split('\n').size(), 1 + 7); // the query item is left out
        QCOMPARE(contents(out.filePath("gui.csv.query.json")), contents(out.filePath("cli.csv.query.json")));
    }

    void aFilterRanksAsTheCommandLine()
    {
        // One place imaged on six dates (dated by their names), and a scene elsewhere: the
        // window's filter (the query's place, after it, within a span) and the command
        // line's keep the same items and rank them the same, normalised over them alone.
        QTemporaryDir out;
        QDir().mkpath(out.filePath("dated"));
        for (int d = 1; d <= 6; ++d)
            QVERIFY(writeScene(out.filePath(QStringLiteral("dated/place_2020%1%2.tif").arg(d * 2, 2, 10, QLatin1Char('0')).arg(15)),
                               d, 1 + d % 3));
        QVERIFY(writeUtmScene(out.filePath("dated/elsewhere_20200701.tif"), 64, 10.0, 4));
        const QString index = out.filePath("dated.rscir");
        const auto indexed = rscir::test::runRscir({"index", "--archive", out.filePath("dated"), "--index", index,
                                                    "--model", m_model, "--date-pattern", "%Y%m%d"});
        QVERIFY2(indexed.exitCode == 0, indexed.err.constData());
        const QJsonArray actions{
            action("open_index", index),
            action("load_model", QJsonObject{{"model", m_model}, {"activation", "gelu"}}),
            action("query_item", 2), // place_20200215 (elsewhere_... is item 1)
            action("lambda", 0.5),
            action("results", 20),
            action("filter", QJsonObject{{"same_place", 0.5}, {"time", "after"}, {"from", "2020-05-01"}, {"to", "2020-11-30"}}),
            action("wait", true),
            action("export", out.filePath("gui.csv")),
            action("quit", true),
        };
        const DesktopRun run = runScript(out, actions);
        QVERIFY2(run.exitCode == 0, run.err.constData());
        const auto cli =
            rscir::test::runRscir({"search", "--index", index, "--model", m_model, "--item", "2", "--same-place",
                                   "--after", "--from", "2020-05-01", "--to", "2020-11-30", "--lambda", "0.5", "--top-k", "20", "--output",
                                   out.filePath("cli.csv")});
        QVERIFY2(cli.exitCode == 0, cli.err.constData());
        QVERIFY2(cli.err.contains("keeps 3 of 7 items"), cli.err.constData());
        QCOMPARE(contents(out.filePath("gui.csv")), contents(out.filePath("cli.csv")));
        const auto lines = contents(out.filePath("gui.csv")).trimmed().split('\n');
        QCOMPARE(lines.size(), 1 + 3); // June, August and October at the query's place
        for (const auto& line : lines.mid(1))
            QVERIFY2(line.contains("place_20200615") || line.contains("place_20200815") || line.contains("place_20201015"),
                     line.constData());
        QCOMPARE(contents(out.filePath("gui.csv.query.json")), contents(out.filePath("cli.csv.query.json")));
    }

    void onePerPlaceListsAsTheCommandLine()
    {
        // A georeferenced scene in 49 tiles that overlap by half: the window lists one result per place
        // by default, as `rscir search --distinct` does, with the same items folded.
        QTemporaryDir out;
        const QString index = indexScene(out, 2, 7, "32");
        QVERIFY(!index.isEmpty());
        const QJsonArray actions{
            action("open_index", index),
            action("load_model", QJsonObject{{"model", m_model}, {"activation", "gelu"}}),
            action("query_item", 9),
            action("lambda", 0.5),
            action("results", 20),
            action("wait", true),
            action("export", out.filePath("gui.geojson")),
            action("save_query", out.filePath("distinct.json")),
            // A saved query without "distinct" lists every result, as on the command line.
            action("open_query", out.filePath("plain.json")),
            action("wait", true),
            action("export", out.filePath("gui-plain.csv")),
            action("quit", true),
        };
        {
            QFile plain(out.filePath("plain.json"));
            QVERIFY(plain.open(QIODevice::WriteOnly));
            plain.write(R"({"rscir_query": 1, "terms": [{"role": "want", "item": {"source": "scene.tif", "window": [64, 0, 64, 64]}}],
                "method": "weicom", "lambda": 0.5, "results": 20})");
        }
        const DesktopRun run = runScript(out, actions);
        QVERIFY2(run.exitCode == 0, run.err.constData());
        QVERIFY2(contents(out.filePath("distinct.json")).contains("\"distinct\":0.3"),
                 contents(out.filePath("distinct.json")).constData());
        const auto cliPlain = rscir::test::runRscir({"search", "--index", index, "--model", m_model, "--query",
                                                     out.filePath("plain.json"), "--output", out.filePath("cli-plain.csv")});
        QVERIFY2(cliPlain.exitCode == 0, cliPlain.err.constData());
        QCOMPARE(contents(out.filePath("gui-plain.csv")), contents(out.filePath("cli-plain.csv")));
        const auto cli = rscir::test::runRscir({"search", "--index", index, "--model", m_model, "--item", "9",
                                                "--lambda", "0.5", "--top-k", "20", "--distinct", "--output",
                                                out.filePath("cli.geojson")});
        QVERIFY2(cli.exitCode == 0, cli.err.constData());
        QVERIFY2(cli.err.contains("one result per place (overlap 0.3)"), cli.err.constData());
        QCOMPARE(contents(out.filePath("gui.geojson")), contents(out.filePath("cli.geojson")));
        const QJsonArray features = QJsonDocument::fromJson(contents(out.filePath("cli.geojson"))).object()["features"].toArray();
        QCOMPARE(features.size(), 20);
        int folded = 0;
        for (const auto& feature : features)
            folded += feature.toObject()["properties"].toObject()["folded"].toArray().size();
        QVERIFY2(folded > 0, cli.err.constData()); // neighbouring tiles are folded under better ones
        // Without it, the command line lists neighbours that overlap by half.
        const auto plain = rscir::test::runRscir(
            {"search", "--index", index, "--model", m_model, "--item", "9", "--lambda", "0.5", "--top-k", "20"});
        QVERIFY(plain.exitCode == 0);
        QVERIFY(!plain.out.contains("\"folded\""));
    }

    void aScoreMapHoldsTheScoresASearchReports()
    {
        QTemporaryDir out;
        const QString index = indexScene(out, 2, 7, "32");
        QVERIFY(!index.isEmpty());
        const QString query = out.filePath("q.json");
        const auto searched = rscir::test::runRscir({"search", "--index", index, "--model", m_model, "--item", "9",
                                                     "--not-item", "40", "--avoid", "0.3", "--top-k", "49",
                                                     "--show-query", "--save-query", query});
        QVERIFY2(searched.exitCode == 0, searched.err.constData());
        const QString map = out.filePath("score.tif");
        const auto made = rscir::test::runRscir({"scoremap", "--index", index, "--model", m_model, "--query", query,
                                                 "--source", out.filePath("geo/scene.tif"), "--output", map});
        QVERIFY2(made.exitCode == 0, made.err.constData());
        GDALAllRegister();
        std::unique_ptr<GDALDataset> ds(GDALDataset::Open(map.toUtf8().constData(), GDAL_OF_RASTER | GDAL_OF_READONLY));
        QVERIFY(ds);
        QCOMPARE(ds->GetRasterXSize(), 7); // windows start every 32 pixels: 0, 32, ..., 192
        QCOMPARE(ds->GetRasterYSize(), 7);
        QCOMPARE(ds->GetRasterBand(1)->GetRasterDataType(), GDT_Float32);
        QVERIFY(ds->GetSpatialRef() && ds->GetSpatialRef()->IsGeographic());
        double transform[6];
        QVERIFY(ds->GetGeoTransform(transform) == CE_None);
        // One pixel per stride (32 scene pixels of 0.0001 degrees), centred on its window.
        QCOMPARE(transform[1], 0.0032);
        QCOMPARE(transform[0], 10.0 + 16 * 0.0001);
        QCOMPARE(transform[3], 45.0256 - 16 * 0.0001);
        std::vector<float> pixels(49);
        QVERIFY(ds->GetRasterBand(1)->RasterIO(GF_Read, 0, 0, 7, 7, pixels.data(), 7, 7, GDT_Float32, 0, 0) == CE_None);
        // Pixel (i, j) is the score the search reported for the window at (32 i, 32 j).
        int compared = 0;
        for (const QByteArray& line : searched.out.trimmed().split('\n')) {
            const QJsonObject hit = QJsonDocument::fromJson(line).object();
            const QJsonArray window = hit["window"].toArray();
            const int i = window[0].toInt() / 32, j = window[1].toInt() / 32;
            QCOMPARE(pixels[static_cast<std::size_t>(j * 7 + i)], static_cast<float>(hit["score"].toDouble()));
            ++compared;
        }
        QCOMPARE(compared, 49);
        // An existing file is kept without --force, and a link is never written through.
        const QByteArray before = contents(map);
        const auto again = rscir::test::runRscir({"scoremap", "--index", index, "--model", m_model, "--query", query,
                                                  "--source", "scene.tif", "--output", map});
        QVERIFY(again.exitCode != 0);
        QVERIFY2(again.err.contains("exists already"), again.err.constData());
        QCOMPARE(contents(map), before);
        QFile victim(out.filePath("victim.txt"));
        QVERIFY(victim.open(QIODevice::WriteOnly));
        victim.write("another program's file");
        victim.close();
        QVERIFY(QFile::link(out.filePath("victim.txt"), out.filePath("link.tif")));
        const auto linked = rscir::test::runRscir({"scoremap", "--index", index, "--model", m_model, "--query", query,
                                                   "--source", "scene.tif", "--output", out.filePath("link.tif"),
                                                   "--force"});
        QVERIFY(linked.exitCode != 0);
        QCOMPARE(contents(out.filePath("victim.txt")), QByteArray("another program's file"));
    }

    void oneGroundResolutionForArchiveAndQuery()
    {
        QTemporaryDir out;
        GDALAllRegister();
        QDir().mkpath(out.filePath("mixed"));
        QVERIFY(writeUtmScene(out.filePath("mixed/coarse.tif"), 128, 1.0, 1));
        QVERIFY(writeUtmScene(out.filePath("mixed/fine.tif"), 256, 0.5, 2));
        const QString index = out.filePath("mixed.rscir");
        const auto indexed = rscir::test::runRscir({"index", "--archive", out.filePath("mixed"), "--index", index,
                                                    "--model", m_model, "--tile", "64", "--gsd", "1"});
        QVERIFY2(indexed.exitCode == 0, indexed.err.constData());
        // Every window covers 64 m: 64 pixels of the 1 m scene, 128 of the 0.5 m one.
        const auto all = rscir::test::runRscir(
            {"search", "--index", index, "--model", m_model, "--item", "1", "--show-query", "--top-k", "100"});
        QVERIFY2(all.exitCode == 0, all.err.constData());
        int windows = 0;
        for (const QByteArray& line : all.out.trimmed().split('\n')) {
            const QJsonObject hit = QJsonDocument::fromJson(line).object();
            const int width = hit["window"].toArray()[2].toInt();
            QCOMPARE(width, hit["path"].toString() == "fine.tif" ? 128 : 64);
            // The coarse scene's TIFF tag dates its results; the fine scene says nothing.
            QCOMPARE(hit["acquired"].toString(),
                     hit["path"].toString() == "fine.tif" ? QString() : QStringLiteral("2019-07-04T10:20:30Z"));
            ++windows;
        }
        QCOMPARE(windows, 8);
        // The CSV has the time as its last column, typed for GDAL and QGIS.
        const QString csv = out.filePath("dated.csv");
        QVERIFY(rscir::test::runRscir({"search", "--index", index, "--model", m_model, "--item", "1", "--show-query",
                                       "--top-k", "100", "--output", csv})
                    .exitCode == 0);
        const QList<QByteArray> csvLines = contents(csv).trimmed().split('\n');
        QVERIFY(csvLines[0].trimmed().endsWith(",wkt,acquired"));
        QCOMPARE(contents(csv).count("2019-07-04T10:20:30Z"), 4);
        QVERIFY(contents(out.filePath("dated.csvt")).trimmed().endsWith(",WKT,DateTime"));
        // The score map of the fine scene: one pixel per 128-pixel window, 64 m on the ground.
        const QString itemQuery = out.filePath("item.json");
        QVERIFY(rscir::test::runRscir({"search", "--index", index, "--model", m_model, "--item", "1", "--save-query",
                                       itemQuery})
                    .exitCode == 0);
        const auto map = rscir::test::runRscir({"scoremap", "--index", index, "--model", m_model, "--query", itemQuery,
                                                "--source", "fine.tif", "--output", out.filePath("fine-score.tif")});
        QVERIFY2(map.exitCode == 0, map.err.constData());
        const QJsonObject grid = QJsonDocument::fromJson(map.out).object();
        QCOMPARE(grid["columns"].toInt(), 2);
        QCOMPARE(grid["scored"].toInt(), 4);
        const auto info = QJsonDocument::fromJson(rscir::test::runRscir({"info", "--index", index}).out).object();
        QCOMPARE(info["ground_resolution_m"].toDouble(), 1.0);
        // The date the coarse scene's TIFF tag gives.
        QCOMPARE(info["acquired"].toObject()["first"].toString(), QStringLiteral("2019-07-04T10:20:30Z"));
        QCOMPARE(info["acquired"].toObject()["files"].toInt(), 1);
        QVERIFY2(info["settings"].toString().contains("1 m per pixel"), qPrintable(info["settings"].toString()));
        // Another resolution for the same index: refused, naming both.
        const auto other = rscir::test::runRscir({"index", "--archive", out.filePath("mixed"), "--index", index,
                                                  "--model", m_model, "--gsd", "2"});
        QVERIFY(other.exitCode != 0);
        QVERIFY2(other.err.contains("1 m per pixel") && other.err.contains("2 m per pixel"), other.err.constData());

        // A 0.25 m query image: --match-gsd encodes it as gdalwarp -tr 1 1 resamples it.
        const QString query = out.filePath("query.tif");
        QVERIFY(writeUtmScene(query, 200, 0.25, 3));
        const QString warped = out.filePath("warped.tif");
        QCOMPARE(QProcess::execute("gdalwarp", {"-q", "-tr", "1", "1", "-r", "average", query, warped}), 0);
        const QString saved = out.filePath("matched.json");
        const auto matched = rscir::test::runRscir({"search", "--index", index, "--model", m_model, "--image", query,
                                                    "--match-gsd", "--top-k", "8", "--save-query", saved});
        QVERIFY2(matched.exitCode == 0, matched.err.constData());
        QVERIFY2(matched.err.contains("resampled to the archive's ground resolution, 1 m per pixel"),
                 matched.err.constData());
        const auto direct = rscir::test::runRscir(
            {"search", "--index", index, "--model", m_model, "--image", warped, "--top-k", "8"});
        QVERIFY2(direct.exitCode == 0, direct.err.constData());
        QCOMPARE(matched.out, direct.out);
        const auto plain = rscir::test::runRscir(
            {"search", "--index", index, "--model", m_model, "--image", query, "--top-k", "8"});
        QVERIFY(plain.out != matched.out);
        // A query larger than a window once resampled (400 px at 0.25 m: 100 m, windows of 64 m):
        // the model sees its centre window, the ground of one window of the archive.
        const QString large = out.filePath("large.tif");
        QVERIFY(writeUtmScene(large, 400, 0.25, 4));
        const QString largeWarped = out.filePath("large-warped.tif"), centre = out.filePath("centre.tif");
        QCOMPARE(QProcess::execute("gdalwarp", {"-q", "-tr", "1", "1", "-r", "average", large, largeWarped}), 0);
        QCOMPARE(QProcess::execute("gdal_translate", {"-q", "-srcwin", "18", "18", "64", "64", largeWarped, centre}), 0);
        const auto largeMatched = rscir::test::runRscir(
            {"search", "--index", index, "--model", m_model, "--image", large, "--match-gsd", "--top-k", "8"});
        const auto centred =
            rscir::test::runRscir({"search", "--index", index, "--model", m_model, "--image", centre, "--top-k", "8"});
        QVERIFY2(largeMatched.exitCode == 0 && centred.exitCode == 0, largeMatched.err.constData());
        QCOMPARE(largeMatched.out, centred.out);
        // The saved query keeps it, and ranks the same again.
        QVERIFY(contents(saved).contains("\"match_gsd\":true"));
        const auto again = rscir::test::runRscir({"search", "--index", index, "--model", m_model, "--query", saved});
        QCOMPARE(again.out, matched.out);
    }

    void labelsTravelAsAGeoPackageAndFoldersOfChips()
    {
        QTemporaryDir out;
        const QString index = indexScene(out, 1, 5, "0");
        QVERIFY(!index.isEmpty());
        const auto label = [&](const QString& item, const QString& name, bool negative) {
            QStringList args{"label", "add", "--index", index, "--item", item, "--name", name};
            if (negative)
                args << "--negative";
            return rscir::test::runRscir(args);
        };
        QVERIFY(label("3", "pool", false).exitCode == 0);
        QVERIFY(label("5", "pool", true).exitCode == 0);
        QVERIFY(label("7", "../tennis court", false).exitCode == 0);
        QVERIFY(label("7", "pool", false).exitCode == 0);
        // The same place and name again: replaced, not added.
        QVERIFY(label("5", "pool", false).exitCode == 0);
        const auto bad = label("3", "a\tb", false);
        QVERIFY2(bad.exitCode != 0 && bad.err.contains("control characters"), bad.err.constData());
        QVERIFY(label("3", "", false).exitCode != 0);
        QVERIFY(label("999", "pool", false).exitCode != 0);
        // Another process reads them back: they are in the index.
        const auto listed = rscir::test::runRscir({"label", "list", "--index", index});
        QVERIFY2(listed.exitCode == 0, listed.err.constData());
        const QList<QByteArray> lines = listed.out.trimmed().split('\n');
        QCOMPARE(lines.size(), 4);
        int negatives = 0;
        for (const QByteArray& line : lines)
            negatives += QJsonDocument::fromJson(line).object()["positive"].toBool() ? 0 : 1;
        QCOMPARE(negatives, 0); // item 5 was relabelled positive
        // The index still searches as before.
        QVERIFY(rscir::test::runRscir({"search", "--index", index, "--model", m_model, "--item", "3", "--top-k", "3"})
                    .exitCode == 0);

        const QString gpkg = out.filePath("labels.gpkg");
        const auto exported = rscir::test::runRscir(
            {"export", "labels", "--index", index, "--output", gpkg, "--chips", out.filePath("train")});
        QVERIFY2(exported.exitCode == 0, exported.err.constData());
        // The GeoPackage round-trips through ogrinfo: four polygons with their fields.
        QProcess ogrinfo;
        ogrinfo.start("ogrinfo", {"-ro", "-al", "-q", gpkg});
        QVERIFY(ogrinfo.waitForFinished(60000));
        const QString listing = QString::fromUtf8(ogrinfo.readAllStandardOutput());
        QCOMPARE(listing.count("POLYGON (("), 4);
        QCOMPARE(listing.count("label (String) = pool"), 3);
        QCOMPARE(listing.count("label (String) = ../tennis court"), 1);
        QVERIFY2(listing.contains("source (String) = scene.tif"), qPrintable(listing));
        // Chips in a folder per label (names made safe), as gdal_translate -srcwin cuts them.
        QDir train(out.filePath("train"));
        QCOMPARE(train.entryList(QDir::Dirs | QDir::NoDotAndDotDot), QStringList({"positive"}));
        const QStringList folders = QDir(train.filePath("positive")).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
        QCOMPARE(folders.size(), 2);
        QVERIFY2(folders[0].startsWith("_._tennis_court-") && folders[1] == "pool", qPrintable(folders.join(' ')));
        QCOMPARE(QDir(train.filePath("positive/pool")).entryList(QDir::Files).size(), 3);
        QFile manifest(train.filePath("manifest.csv"));
        QVERIFY(manifest.open(QIODevice::ReadOnly));
        const QList<QByteArray> rows = manifest.readAll().trimmed().split('\n');
        QCOMPARE(rows.size(), 5);
        QVERIFY(rows[0].startsWith("file,label,positive,source,x,y,width,height"));
        GDALAllRegister();
        for (int r = 1; r < rows.size(); ++r) {
            const QList<QByteArray> field = rows[r].trimmed().split(',');
            const QString chip = train.filePath(QString::fromUtf8(field[0]));
            const QString cut = out.filePath(QStringLiteral("cut%1.tif").arg(r));
            QCOMPARE(QProcess::execute("gdal_translate", {"-q", "-srcwin", field[4], field[5], field[6], field[7],
                                                          out.filePath("geo/scene.tif"), cut}),
                     0);
            std::unique_ptr<GDALDataset> a(GDALDataset::Open(chip.toUtf8().constData(), GDAL_OF_RASTER | GDAL_OF_READONLY));
            std::unique_ptr<GDALDataset> b(GDALDataset::Open(cut.toUtf8().constData(), GDAL_OF_RASTER | GDAL_OF_READONLY));
            QVERIFY2(a && b, qPrintable(chip));
            double ta[6], tb[6];
            QVERIFY(a->GetGeoTransform(ta) == CE_None && b->GetGeoTransform(tb) == CE_None);
            for (int k = 0; k < 6; ++k)
                QCOMPARE(ta[k], tb[k]);
            QCOMPARE(a->GetRasterCount(), b->GetRasterCount());
            for (int band = 1; band <= a->GetRasterCount(); ++band) {
                std::vector<std::uint8_t> pa(64 * 64), pb(64 * 64);
                QVERIFY(a->GetRasterBand(band)->RasterIO(GF_Read, 0, 0, 64, 64, pa.data(), 64, 64, GDT_Byte, 0, 0) == CE_None);
                QVERIFY(b->GetRasterBand(band)->RasterIO(GF_Read, 0, 0, 64, 64, pb.data(), 64, 64, GDT_Byte, 0, 0) == CE_None);
                QVERIFY(pa == pb);
            }
        }
        // Again without --force: refused, nothing replaced.
        const QByteArray before = contents(gpkg);
        const auto again = rscir::test::runRscir({"export", "labels", "--index", index, "--output", gpkg});
        QVERIFY(again.exitCode != 0);
        QVERIFY2(again.err.contains("exists already"), again.err.constData());
        QCOMPARE(contents(gpkg), before);
        // Chips name the labels of their places in chips.gpkg.
        const QString query = out.filePath("all.json");
        QVERIFY(rscir::test::runRscir({"search", "--index", index, "--model", m_model, "--item", "1", "--top-k", "20",
                                       "--save-query", query})
                    .exitCode == 0);
        QVERIFY(rscir::test::runRscir({"export", "chips", "--index", index, "--model", m_model, "--query", query,
                                       "--output", out.filePath("chips")})
                    .exitCode == 0);
        QProcess chipsInfo;
        chipsInfo.start("ogrinfo", {"-ro", "-al", "-q", out.filePath("chips/chips.gpkg")});
        QVERIFY(chipsInfo.waitForFinished(60000));
        const QString chipsListing = QString::fromUtf8(chipsInfo.readAllStandardOutput());
        QCOMPARE(chipsListing.count("labels (String) = pool\n"), 2); // items 3 and 5
        QCOMPARE(chipsListing.count("labels (String) = ../tennis court, pool"), 1); // item 7
        // Removing a label.
        const int first = QJsonDocument::fromJson(lines[0]).object()["id"].toInt();
        QVERIFY(rscir::test::runRscir({"label", "remove", "--index", index, "--id", QString::number(first)}).exitCode == 0);
        QCOMPARE(rscir::test::runRscir({"label", "list", "--index", index}).out.trimmed().split('\n').size(), 3);
        QVERIFY(rscir::test::runRscir({"label", "remove", "--index", index, "--id", QString::number(first)}).exitCode != 0);
        // Exported again with --force after a label was removed and another turned negative:
        // the chips of what is no longer so are gone, nothing else in the folder is touched.
        QVERIFY(label("5", "pool", true).exitCode == 0);
        QFile mine(train.filePath("positive/pool/my notes.txt"));
        QVERIFY(mine.open(QIODevice::WriteOnly));
        mine.write("mine");
        mine.close();
        const auto again2 = rscir::test::runRscir({"export", "labels", "--index", index, "--output",
                                                   out.filePath("labels2.gpkg"), "--chips", train.path(), "--force"});
        QVERIFY2(again2.exitCode == 0, again2.err.constData());
        QCOMPARE(QDir(train.filePath("positive/pool")).entryList({"*.tif"}, QDir::Files).size(), 1); // item 7
        QCOMPARE(QDir(train.filePath("negative/pool")).entryList({"*.tif"}, QDir::Files).size(), 1); // item 5
        QVERIFY(QFile::exists(train.filePath("positive/pool/my notes.txt")));
    }

    void chipsAreTheWindowsOfTheirSources()
    {
        QTemporaryDir out;
        const QString index = indexScene(out, 1, 5, "0");
        QVERIFY(!index.isEmpty());
        const QString query = out.filePath("q.json");
        QVERIFY(rscir::test::runRscir({"search", "--index", index, "--model", m_model, "--item", "3", "--top-k", "3",
                                       "--save-query", query})
                    .exitCode == 0);
        const auto made = rscir::test::runRscir({"export", "chips", "--index", index, "--model", m_model, "--query",
                                                 query, "--output", out.filePath("chips")});
        QVERIFY2(made.exitCode == 0, made.err.constData());
        const QJsonArray chips = QJsonDocument::fromJson(made.out).object()["chips"].toArray();
        QCOMPARE(chips.size(), 3);
        GDALAllRegister();
        std::unique_ptr<GDALDataset> scene(
            GDALDataset::Open(out.filePath("geo/scene.tif").toUtf8().constData(), GDAL_OF_RASTER | GDAL_OF_READONLY));
        double sceneTransform[6];
        QVERIFY(scene->GetGeoTransform(sceneTransform) == CE_None);
        for (const auto& value : chips) {
            const QString name = value.toObject()["chip"].toString();
            // 0001_scene_X_Y.tif: the window at X, Y, as gdal_translate -srcwin cuts it.
            const QStringList parts = QFileInfo(name).completeBaseName().split('_');
            const int x = parts[2].toInt(), y = parts[3].toInt();
            std::unique_ptr<GDALDataset> chip(GDALDataset::Open(out.filePath("chips/" + name).toUtf8().constData(),
                                                                GDAL_OF_RASTER | GDAL_OF_READONLY));
            QVERIFY(chip);
            QCOMPARE(chip->GetRasterXSize(), 64);
            QCOMPARE(chip->GetRasterCount(), 3);
            QCOMPARE(chip->GetRasterBand(1)->GetRasterDataType(), GDT_Byte);
            double transform[6];
            QVERIFY(chip->GetGeoTransform(transform) == CE_None);
            QCOMPARE(transform[0], sceneTransform[0] + x * sceneTransform[1]);
            QCOMPARE(transform[3], sceneTransform[3] + y * sceneTransform[5]);
            QCOMPARE(transform[1], sceneTransform[1]);
            for (int b = 1; b <= 3; ++b) {
                std::vector<std::uint8_t> cut(64 * 64), source(64 * 64);
                QVERIFY(chip->GetRasterBand(b)->RasterIO(GF_Read, 0, 0, 64, 64, cut.data(), 64, 64, GDT_Byte, 0, 0) ==
                        CE_None);
                QVERIFY(scene->GetRasterBand(b)->RasterIO(GF_Read, x, y, 64, 64, source.data(), 64, 64, GDT_Byte, 0, 0) ==
                        CE_None);
                QVERIFY(cut == source);
            }
        }
        QVERIFY(QFileInfo::exists(out.filePath("chips/chips.gpkg")));
        // Again without --force: refused, nothing replaced.
        const QByteArray before = contents(out.filePath("chips/" + chips[0].toObject()["chip"].toString()));
        const auto again = rscir::test::runRscir({"export", "chips", "--index", index, "--model", m_model, "--query",
                                                  query, "--output", out.filePath("chips")});
        QVERIFY(again.exitCode != 0);
        QVERIFY2(again.err.contains("exists already"), again.err.constData());
        QCOMPARE(contents(out.filePath("chips/" + chips[0].toObject()["chip"].toString())), before);
        // A folder holding one of the chips: refused before anything is written.
        QDir().mkpath(out.filePath("part"));
        QVERIFY(QFile::copy(out.filePath("chips/" + chips[2].toObject()["chip"].toString()),
                            out.filePath("part/" + chips[2].toObject()["chip"].toString())));
        const auto part = rscir::test::runRscir({"export", "chips", "--index", index, "--model", m_model, "--query",
                                                 query, "--output", out.filePath("part")});
        QVERIFY(part.exitCode != 0);
        QVERIFY2(part.err.contains("nothing was written"), part.err.constData());
        QCOMPARE(QDir(out.filePath("part")).entryList(QDir::Files | QDir::Hidden).size(), 1);
        // A link to a folder, with or without a trailing separator, is not written through.
        QDir().mkpath(out.filePath("target"));
        QVERIFY(QFile::link(out.filePath("target"), out.filePath("linked")));
        for (const QString& linked : {out.filePath("linked"), out.filePath("linked") + "/"}) {
            const auto through = rscir::test::runRscir({"export", "chips", "--index", index, "--model", m_model,
                                                        "--query", query, "--output", linked});
            QVERIFY2(through.exitCode != 0, qPrintable(linked));
        }
        QVERIFY(QDir(out.filePath("target")).isEmpty());
        // As the model saw it: a PNG, with a world file that places it where the GeoTIFF lies.
        const auto seen = rscir::test::runRscir({"export", "chips", "--index", index, "--model", m_model, "--query",
                                                 query, "--top-k", "1", "--as-seen", "--output", out.filePath("seen")});
        QVERIFY2(seen.exitCode == 0, seen.err.constData());
        const QString png = QDir(out.filePath("seen")).entryList({"*.png"}).value(0);
        QVERIFY(!png.isEmpty());
        std::unique_ptr<GDALDataset> asSeen(
            GDALDataset::Open(out.filePath("seen/" + png).toUtf8().constData(), GDAL_OF_RASTER | GDAL_OF_READONLY));
        double seenTransform[6];
        QVERIFY(asSeen && asSeen->GetGeoTransform(seenTransform) == CE_None);
        QCOMPARE(seenTransform[0], sceneTransform[0] + QFileInfo(png).completeBaseName().split('_')[2].toInt() * sceneTransform[1]);
        QVERIFY(asSeen->GetSpatialRef() && asSeen->GetSpatialRef()->IsGeographic());
    }

    void theSessionBenchmarkReportsEveryPhase()
    {
        // The README's session benchmark on a small index: latencies, the longest stall of
        // the whole session and of each phase (a stall is at least one 2 ms tick long).
        // Texts need a real vocabulary: the conformance model, on an index of its own.
        RSCIR_REQUIRE_CONFORMANCE();
        const QString model = rscir::test::conformanceDir() + QStringLiteral("/models/gelu_b32/open_clip.safetensors");
        const QString vocab = rscir::test::conformanceDir() + QStringLiteral("/bpe_simple_vocab_16e6.txt.gz");
        QTemporaryDir out;
        const QString index = out.filePath("conformance.rscir");
        const auto indexed = rscir::test::runRscir({"index", "--archive", m_dir.filePath("archive"), "--index", index,
                                                    "--model", model, "--vocab", vocab});
        QVERIFY2(indexed.exitCode == 0, indexed.err.constData());
        QProcess process;
        process.setProcessEnvironment(offscreenEnvironment(out));
        process.start(QStringLiteral(RSCIR_BIN_DIR "/rscir-desktop"),
                      {QStringLiteral("--benchmark-session"), index, QStringLiteral("--model"), model,
                       QStringLiteral("--vocab"), vocab, QStringLiteral("--steps"), QStringLiteral("5")});
        QVERIFY(process.waitForFinished(180000));
        QVERIFY2(process.exitCode() == 0, process.readAllStandardError().constData());
        const QJsonObject result = QJsonDocument::fromJson(process.readAllStandardOutput().trimmed()).object();
        QCOMPARE(result.value(QStringLiteral("items")).toInt(), 12);
        QCOMPARE(result.value(QStringLiteral("steps")).toInt(), 20); // WeiCom's lambda, then BASIC's Harris weight
        QVERIFY(result.value(QStringLiteral("worst_ms")).toDouble() >= result.value(QStringLiteral("median_ms")).toDouble());
        QVERIFY(result.value(QStringLiteral("basic_worst_ms")).toDouble() >=
                result.value(QStringLiteral("basic_median_ms")).toDouble());
        QVERIFY(result.value(QStringLiteral("basic_median_ms")).toDouble() > 0);
        QVERIFY(result.value(QStringLiteral("basic_ms")).toDouble() > 0);
        const QJsonObject stalls = result.value(QStringLiteral("stall_ms")).toObject();
        // Phases that last a tick or more have their own figure; the longest is the session's.
        QVERIFY(stalls.contains(QStringLiteral("open")) && stalls.contains(QStringLiteral("load_model")));
        double longest = 0;
        for (auto it = stalls.begin(); it != stalls.end(); ++it) {
            QVERIFY2(QStringList({"open", "load_model", "switch_model", "query", "drag", "basic", "basic_drag"})
                         .contains(it.key()),
                     qPrintable(it.key()));
            QVERIFY(it.value().toDouble() > 0);
            longest = std::max(longest, it.value().toDouble());
        }
        QCOMPARE(longest, result.value(QStringLiteral("max_stall_ms")).toDouble());
    }

    void aFailingActionIsNamedByItsPlaceInTheScript()
    {
        // A screenshot waits for thumbnails in a step of its own: the failing action is still
        // named by its place in the script.
        QTemporaryDir dir;
        const DesktopRun run = runScript(dir, QJsonArray{action("screenshot", dir.filePath("a.png")),
                                                         action("screenshot", dir.filePath("b.png")),
                                                         action("lambda", 7)});
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.contains("script step 3 (lambda)"), run.err.constData());
    }

    void aScriptEndsTheApplicationUnlessItStays()
    {
        QTemporaryDir dir;
        const QString shot = dir.filePath("shown.png");
        // Without stay: the application ends after the last action.
        const DesktopRun ended = runScript(dir, QJsonArray{action("screenshot", shot)});
        QCOMPARE(ended.exitCode, 0);
        // With stay: it is still running once its actions are done, until it is closed.
        const QString script = dir.filePath("stay.json");
        QFile file(script);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(QJsonDocument(QJsonArray{action("stay", true), action("screenshot", dir.filePath("stayed.png"))})
                       .toJson());
        file.close();
        QProcess process;
        process.setProcessEnvironment(offscreenEnvironment(dir));
        process.start(QStringLiteral(RSCIR_BIN_DIR "/rscir-desktop"), {QStringLiteral("--script"), script});
        QVERIFY(process.waitForStarted());
        QVERIFY(QTest::qWaitFor([&] { return QFileInfo::exists(dir.filePath("stayed.png")); }, 60000));
        QVERIFY(!process.waitForFinished(1500)); // the last action is done; the window stays
        process.terminate();
        QVERIFY(process.waitForFinished(20000));
    }

    void aFailingActionExitsWithOne()
    {
        QTemporaryDir out;
        const DesktopRun run = runScript(out, {action("open_index", m_index),
                                               action("load_model", QJsonObject{{"model", m_model}}),
                                               action("query_image", out.filePath("missing.tif")), action("wait", true),
                                               action("screenshot", out.filePath("never.png"))});
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.contains("does not exist"), run.err.constData());
        QVERIFY(!QFileInfo::exists(out.filePath("never.png")));
        const DesktopRun notIndex = runScript(out, {action("open_index", m_model)});
        QCOMPARE(notIndex.exitCode, 1);
        QVERIFY2(notIndex.err.contains("open_index"), notIndex.err.constData());
    }

    void anUnknownActionIsRefused()
    {
        QTemporaryDir out;
        const DesktopRun run = runScript(out, {action("open_index", m_index), action("zoom", 3)});
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.err.contains("unknown action \"zoom\""), run.err.constData());
    }
};

QTEST_GUILESS_MAIN(TestScript)
#include "test_script.moc"
