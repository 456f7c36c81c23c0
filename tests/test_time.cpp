// Archives over time through the command line: a STAC catalogue of local GeoTIFFs indexed
// with its items' dates, platforms, cloud cover and resolution, and the filters of a
// search (--from/--to, --platform, --max-cloud, --gsd, --same-place with --after/--before),
// each equal to searching an archive that holds only the items it keeps. Both archives keep
// their embeddings as fp32 and encode one image at a time, so that their rows are the same
// bits (an fp16 store rounds relative to its own archive's mean, and a batch's shape changes
// the last bits of a product); the tiny model's similarities differ only in those bits.

#include "core/index/index_store.h"
#include "tests/rscir_process.h"
#include "tests/test_archive.h"
#include "tests/tiny_model.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <gdal_priv.h>
#include <gdal_utils.h>
#include <nlohmann/json.hpp>

#include <cmath>
#include <fstream>
#include <map>
#include <set>

using namespace rscir;
using rscir::test::runRscir;
namespace fs = std::filesystem;

namespace {

constexpr int kPlaces = 3;
const char* const kDates[] = {"2020-03-01T10:00:00Z", "2020-06-15T10:30:00Z", "2020-09-30T11:00:00Z"};
const char* const kPlatforms[] = {"sentinel-2a", "Sentinel-2B", "sentinel-2a"};
const double kClouds[] = {5, 40, 80};
const double kGsd[] = {10, 10, 20};

std::string fileName(int place, int date)
{
    return "p" + std::to_string(place) + "_d" + std::to_string(date) + ".tif";
}

/// A 64 x 64 RGB GeoTIFF at one of three places 10 km apart: each place has its own
/// pattern, each date changes it a little. `tiffTime` sets TIFFTAG_DATETIME.
void writeScene(const std::string& path, int place, int date, const char* tiffTime = nullptr)
{
    initialiseGdal();
    GDALDriver* mem = GetGDALDriverManager()->GetDriverByName("MEM");
    std::unique_ptr<GDALDataset> ds(mem->Create("", 64, 64, 3, GDT_Byte, nullptr));
    std::vector<std::uint8_t> pixels(64 * 64);
    for (int b = 1; b <= 3; ++b) {
        for (int y = 0; y < 64; ++y)
            for (int x = 0; x < 64; ++x) {
                const double v = 128 + 90 * std::sin((x * (place + 1) + y * (3 - place)) * 0.15 + b) +
                                 25 * std::cos((x + y * date) * 0.3 + date);
                pixels[static_cast<std::size_t>(y * 64 + x)] = static_cast<std::uint8_t>(std::clamp(v, 0.0, 255.0));
            }
        QVERIFY(ds->GetRasterBand(b)->RasterIO(GF_Write, 0, 0, 64, 64, pixels.data(), 64, 64, GDT_Byte, 0, 0) ==
                CE_None);
    }
    double transform[6] = {500000.0 + place * 10000.0, 10.0, 0.0, 4600000.0, 0.0, -10.0};
    ds->SetGeoTransform(transform);
    OGRSpatialReference srs;
    srs.importFromEPSG(32633);
    ds->SetSpatialRef(&srs);
    if (tiffTime)
        ds->SetMetadataItem("TIFFTAG_DATETIME", tiffTime);
    GDALDriver* gtiff = GetGDALDriverManager()->GetDriverByName("GTiff");
    std::unique_ptr<GDALDataset> copy(gtiff->CreateCopy(path.c_str(), ds.get(), FALSE, nullptr, nullptr, nullptr));
    QVERIFY(copy != nullptr);
}

/// `bands` of `source` (1-based, in that order) as a GeoTIFF of their own.
void writeBands(const fs::path& source, const fs::path& target, const std::vector<int>& bands)
{
    std::vector<std::string> arguments;
    for (int b : bands)
        arguments.insert(arguments.end(), {"-b", std::to_string(b)});
    std::vector<char*> argv;
    for (auto& a : arguments)
        argv.push_back(a.data());
    argv.push_back(nullptr);
    GDALTranslateOptions* options = GDALTranslateOptionsNew(argv.data(), nullptr);
    GDALDatasetH in = GDALOpen(source.c_str(), GA_ReadOnly);
    GDALDatasetH out = GDALTranslate(target.c_str(), in, options, nullptr);
    QVERIFY(out != nullptr);
    GDALClose(out);
    GDALClose(in);
    GDALTranslateOptionsFree(options);
}

void writeJson(const fs::path& path, const nlohmann::json& json)
{
    fs::create_directories(path.parent_path());
    std::ofstream(path) << json.dump(2);
}

/// One hit of a search: the file and the scores.
struct Hit {
    std::string file;
    double score, image;
};

std::vector<Hit> hitsOf(const QByteArray& out)
{
    std::vector<Hit> hits;
    for (const QByteArray& line : out.trimmed().split('\n')) {
        if (line.isEmpty())
            continue;
        const auto j = nlohmann::json::parse(line.toStdString());
        hits.push_back({fs::path(j["path"].get<std::string>()).filename().string(), j["score"].get<double>(),
                        j["image_normalised"].get<double>()});
    }
    return hits;
}

} // namespace

class TestTime : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    QString m_model;
    QString m_catalogue, m_index, m_query;

    QStringList modelArgs() const { return {"--model", m_model, "--activation", "gelu", "--device", "cpu"}; }

    /// An index of a folder holding only `files` of the catalogue's: what a filter must equal.
    QString onlyIndex(const std::set<std::string>& files, const QString& name)
    {
        const fs::path folder = fs::path(m_dir.path().toStdString()) / name.toStdString();
        fs::create_directories(folder);
        for (const std::string& file : files)
            fs::copy_file(fs::path(m_dir.path().toStdString()) / "stac" / "data" / file, folder / file);
        const QString index = m_dir.filePath(name + ".rscir");
        const auto r = runRscir(QStringList{"index"} + modelArgs() +
                                QStringList{"--archive", QString::fromStdString(folder.string()), "--index", index,
                                            "--storage", "fp32", "--batch", "1"});
        if (r.exitCode != 0)
            qWarning("%s", r.err.constData());
        return index;
    }

    /// A search of the whole catalogue with `filter` equals one of only `kept`.
    void compareWithOnly(const QStringList& filter, const std::set<std::string>& kept, const QString& name)
    {
        // An image alone (the tiny model reads no text): its normalised similarity is over the kept items.
        const QStringList query = {"--image", m_query, "--top-k", "100"};
        const auto filtered =
            runRscir(QStringList{"search"} + modelArgs() + QStringList{"--index", m_index} + query + filter);
        QVERIFY2(filtered.exitCode == 0, filtered.err.constData());
        const auto only = runRscir(QStringList{"search"} + modelArgs() +
                                   QStringList{"--index", onlyIndex(kept, name)} + query);
        QVERIFY2(only.exitCode == 0, only.err.constData());
        const auto a = hitsOf(filtered.out), b = hitsOf(only.out);
        QCOMPARE(a.size(), kept.size());
        QCOMPARE(b.size(), kept.size());
        for (std::size_t i = 0; i < a.size(); ++i) {
            QCOMPARE(a[i].file, b[i].file);
            QVERIFY2(a[i].score == b[i].score, qPrintable(name + QStringLiteral(": %1 against %2")
                                                                   .arg(a[i].score, 0, 'g', 17)
                                                                   .arg(b[i].score, 0, 'g', 17)));
            QCOMPARE(a[i].image, b[i].image);
        }
        QVERIFY2(filtered.err.contains(QStringLiteral("keeps %1 of 9 items").arg(kept.size()).toUtf8()),
                 filtered.err.constData());
    }

private slots:
    void initTestCase()
    {
        m_model = m_dir.filePath("tiny.safetensors");
        rscir::test::writeTinyModel(m_model);
        // A static catalogue: catalog.json -> a collection -> items, each in a folder of its own
        // with a relative href to its GeoTIFF under data/.
        const fs::path root = fs::path(m_dir.path().toStdString()) / "stac";
        nlohmann::json catalog = {{"type", "Catalog"}, {"stac_version", "1.0.0"}, {"id", "root"},
                                  {"description", "three places, three dates"},
                                  {"links", {{{"rel", "child"}, {"href", "./scenes/collection.json"}}}}};
        nlohmann::json collection = {{"type", "Collection"}, {"stac_version", "1.0.0"}, {"id", "scenes"},
                                     {"description", "scenes"}, {"license", "CC-BY-4.0"},
                                     {"extent", nlohmann::json::object()}, {"links", nlohmann::json::array()}};
        fs::create_directories(root / "data");
        for (int p = 0; p < kPlaces; ++p)
            for (int d = 0; d < 3; ++d) {
                writeScene((root / "data" / fileName(p, d)).string(), p, d);
                const std::string id = "scene-" + std::to_string(p) + "-" + std::to_string(d);
                nlohmann::json item = {
                    {"type", "Feature"},
                    {"stac_version", "1.0.0"},
                    {"id", id},
                    {"collection", "scenes"},
                    {"geometry", nullptr},
                    {"properties",
                     {{"datetime", kDates[d]}, {"platform", kPlatforms[d]}, {"eo:cloud_cover", kClouds[d]},
                      {"gsd", kGsd[d]}}},
                    {"assets",
                     {{"thumbnail", {{"href", "./thumb.png"}, {"type", "image/png"}, {"roles", {"thumbnail"}}}},
                      {"visual",
                       {{"href", "../../data/" + fileName(p, d)},
                        {"type", "image/tiff; application=geotiff; profile=cloud-optimized"},
                        {"roles", {"visual"}}}}}},
                    {"links", nlohmann::json::array()}};
                writeJson(root / "scenes" / id / (id + ".json"), item);
                collection["links"].push_back({{"rel", "item"}, {"href", "./" + id + "/" + id + ".json"}});
            }
        // An item with nothing to index, and one whose file lies on a server.
        writeJson(root / "scenes" / "bare" / "bare.json",
                  {{"type", "Feature"}, {"stac_version", "1.0.0"}, {"id", "bare"}, {"geometry", nullptr},
                   {"properties", {{"datetime", kDates[0]}}},
                   {"assets", {{"thumbnail", {{"href", "./t.png"}, {"roles", {"thumbnail"}}}}}},
                   {"links", nlohmann::json::array()}});
        collection["links"].push_back({{"rel", "item"}, {"href", "./bare/bare.json"}});
        writeJson(root / "scenes" / "far" / "far.json",
                  {{"type", "Feature"}, {"stac_version", "1.0.0"}, {"id", "far"}, {"geometry", nullptr},
                   {"properties", {{"datetime", kDates[0]}}},
                   {"assets", {{"visual", {{"href", "https://example.invalid/far.tif?token=SECRET"},
                                           {"roles", {"visual"}}}}}},
                   {"links", nlohmann::json::array()}});
        collection["links"].push_back({{"rel", "item"}, {"href", "./far/far.json"}});
        // An item whose file lies in the folder by its path, but through a link out of it.
        fs::create_directories(fs::path(m_dir.path().toStdString()) / "outside");
        writeScene(m_dir.filePath("outside/secret.tif").toStdString(), 0, 0);
        fs::create_directory_symlink(fs::path(m_dir.path().toStdString()) / "outside", root / "data" / "linked");
        writeJson(root / "scenes" / "linked" / "linked.json",
                  {{"type", "Feature"}, {"stac_version", "1.0.0"}, {"id", "linked"}, {"geometry", nullptr},
                   {"properties", {{"datetime", kDates[0]}}},
                   {"assets", {{"visual", {{"href", "../../data/linked/secret.tif"}, {"roles", {"visual"}}}}}},
                   {"links", nlohmann::json::array()}});
        collection["links"].push_back({{"rel", "item"}, {"href", "./linked/linked.json"}});
        writeJson(root / "scenes" / "collection.json", collection);
        writeJson(root / "catalog.json", catalog);
        m_catalogue = QString::fromStdString((root / "catalog.json").string());
        // The query: a new image of place 1, taken between the second and third dates.
        m_query = m_dir.filePath("query.tif");
        writeScene(m_query.toStdString(), 1, 1, "2020:07:01 09:00:00");

        m_index = m_dir.filePath("all.rscir");
        const auto r = runRscir(QStringList{"index"} + modelArgs() + QStringList{"--stac", m_catalogue, "--index", m_index, "--storage", "fp32", "--batch", "1"});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QVERIFY2(r.err.contains("the catalogue lists 12 items in 14 documents; 10 name files in"), r.err.constData());
        QVERIFY2(r.err.contains("item linked") && r.err.contains("lies outside the archive folder"), r.err.constData());
        QVERIFY2(r.err.contains("item bare"), r.err.constData());
        QVERIFY2(r.err.contains("https://example.invalid/far.tif?…"), r.err.constData());
        QVERIFY2(!r.err.contains("SECRET"), r.err.constData()); // a URL's query is never shown
    }

    void itemsKeepWhatTheCatalogueSays()
    {
        auto store = IndexStore::open(m_index.toStdString(), false, true);
        const auto sources = store->sources();
        QCOMPARE(sources.size(), std::size_t(10));
        for (const SourceRecord& s : sources) {
            if (isRemoteSource(s.path)) {
                // The file on a server that cannot be reached: recorded as failed, by its
                // address without the token, and read again by the next run.
                QCOMPARE(s.path, std::string("https://example.invalid/far.tif"));
                QCOMPARE(s.status, std::string("failed"));
                QVERIFY2(s.error.find("did not answer") != std::string::npos, s.error.c_str());
                QVERIFY(s.error.find("SECRET") == std::string::npos);
                continue;
            }
            const int place = s.path[6] - '0', date = s.path[9] - '0';
            QCOMPARE(s.path, "data/" + fileName(place, date));
            QCOMPARE(s.meta.acquired, std::string(kDates[date]));
            QCOMPARE(s.meta.platform, std::string(kPlatforms[date]));
            QCOMPARE(s.meta.collection, std::string("scenes"));
            QCOMPARE(s.meta.stacId, "scene-" + std::to_string(place) + "-" + std::to_string(date));
            QCOMPARE(*s.meta.cloudCover, kClouds[date]);
            QCOMPARE(*s.meta.gsd, kGsd[date]);
        }
        // Indexing again reads nothing anew; a changed cloud cover in the catalogue is taken.
        const fs::path item = fs::path(m_catalogue.toStdString()).parent_path() / "scenes/scene-0-0/scene-0-0.json";
        auto json = nlohmann::json::parse(std::ifstream(item));
        json["properties"]["eo:cloud_cover"] = 7.5;
        writeJson(item, json);
        const auto r = runRscir(QStringList{"index"} + modelArgs() + QStringList{"--stac", m_catalogue, "--index", m_index});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QVERIFY2(r.out.contains("\"unchanged\":9") && r.out.contains("\"failed\":1"), r.out.constData());
        store = IndexStore::open(m_index.toStdString(), false, true);
        QCOMPARE(*store->source(*store->sourceId("data/p0_d0.tif"))->meta.cloudCover, 7.5);
        // A document that cannot be read this time: the files it lists stay indexed.
        const fs::path other = fs::path(m_catalogue.toStdString()).parent_path() / "scenes/scene-2-2/scene-2-2.json";
        const std::string text = [&] {
            std::ifstream in(other);
            return std::string(std::istreambuf_iterator<char>(in), {});
        }();
        std::ofstream(other) << "{ not json";
        const auto partial =
            runRscir(QStringList{"index"} + modelArgs() + QStringList{"--stac", m_catalogue, "--index", m_index});
        QVERIFY2(partial.exitCode == 0, partial.err.constData());
        QVERIFY2(partial.out.contains("\"removed\":0"), partial.out.constData());
        QVERIFY2(partial.err.contains("scene-2-2.json"), partial.err.constData());
        QCOMPARE(IndexStore::open(m_index.toStdString(), false, true)->sources().size(), std::size_t(10));
        std::ofstream(other) << text;
        // The index remembers its catalogue: a scan of its folder is refused, info names it.
        const auto scan = runRscir(QStringList{"index"} + modelArgs() +
                                   QStringList{"--archive", QString::fromStdString(fs::path(m_catalogue.toStdString()).parent_path().string()),
                                               "--index", m_index});
        QCOMPARE(scan.exitCode, 1);
        QVERIFY2(scan.err.contains("a scan of its folder would drop them"), scan.err.constData());
        const auto info = runRscir({"info", "--index", m_index});
        QVERIFY2(nlohmann::json::parse(info.out.toStdString())["catalogue"]["source"].get<std::string>() ==
                     m_catalogue.toStdString(),
                 info.out.constData());
        // Another folder for this index is refused: its files would replace the index's.
        const auto elsewhere = runRscir(QStringList{"index"} + modelArgs() +
                                        QStringList{"--stac", m_catalogue, "--index", m_index, "--archive", m_dir.path()});
        QCOMPARE(elsewhere.exitCode, 1);
        QVERIFY2(elsewhere.err.contains("holds the files of"), elsewhere.err.constData());
        json["properties"]["eo:cloud_cover"] = kClouds[0];
        writeJson(item, json);
        QCOMPARE(runRscir(QStringList{"index"} + modelArgs() + QStringList{"--stac", m_catalogue, "--index", m_index})
                     .exitCode,
                 0);
    }

    void eachFilterEqualsAnArchiveOfItsItems()
    {
        // Summer only (a date includes its whole day).
        compareWithOnly({"--from", "2020-06-01", "--to", "2020-06-15"}, {"p0_d1.tif", "p1_d1.tif", "p2_d1.tif"},
                        "summer");
        // Clear skies.
        compareWithOnly({"--max-cloud", "40"},
                        {"p0_d0.tif", "p1_d0.tif", "p2_d0.tif", "p0_d1.tif", "p1_d1.tif", "p2_d1.tif"}, "clear");
        // One platform, named in another case.
        compareWithOnly({"--platform", "SENTINEL-2B"}, {"p0_d1.tif", "p1_d1.tif", "p2_d1.tif"}, "platform");
        // The coarser scenes.
        compareWithOnly({"--gsd", "15:"}, {"p0_d2.tif", "p1_d2.tif", "p2_d2.tif"}, "coarse");
        // The query's place, before it and after it.
        compareWithOnly({"--same-place"}, {"p1_d0.tif", "p1_d1.tif", "p1_d2.tif"}, "place");
        compareWithOnly({"--same-place", "--after"}, {"p1_d2.tif"}, "after");
        compareWithOnly({"--same-place", "0.9", "--before", "--max-cloud", "50"}, {"p1_d0.tif", "p1_d1.tif"}, "before");
    }

    void theSamePlaceHoldsAtItsOverlap()
    {
        // A query a quarter of a scene east of place 1: it overlaps each of its scenes by an
        // intersection over union of 0.6, and no other place at all.
        const QString shifted = m_dir.filePath("shifted.tif");
        writeScene(shifted.toStdString(), 1, 1, "2020:07:01 09:00:00");
        {
            std::unique_ptr<GDALDataset> ds(GDALDataset::Open(shifted.toUtf8().constData(), GDAL_OF_UPDATE));
            double transform[6] = {510000.0 + 160.0, 10.0, 0.0, 4600000.0, 0.0, -10.0};
            QCOMPARE(ds->SetGeoTransform(transform), CE_None);
        }
        const QStringList base = QStringList{"search"} + modelArgs() + QStringList{"--index", m_index, "--image", shifted};
        auto r = runRscir(base + QStringList{"--same-place", "0.55"});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QCOMPARE(hitsOf(r.out).size(), std::size_t(3));
        r = runRscir(base + QStringList{"--same-place", "0.65"});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QVERIFY(hitsOf(r.out).empty());
        QVERIFY2(r.err.contains("keeps 0 of 9 items"), r.err.constData());
    }

    void aSavedFilterIsChecked()
    {
        const QStringList base = QStringList{"search"} + modelArgs() + QStringList{"--index", m_index};
        for (const auto& [filter, expected] : std::vector<std::pair<std::string, std::string>>{
                 {R"({"max_cloud": "x"})", "\"filter.max_cloud\" must be a number"},
                 {R"({"max_cloud": 120})", "cloud cover must be a percentage"},
                 {R"({"platform": [1]})", "\"filter.platform\" must hold names"},
                 {R"({"from": "yesterday"})", "is not an ISO 8601 date"},
                 {R"({"gsd": [1]})", "\"filter.gsd\" must be [MIN, MAX]"},
                 {R"({"time": "later"})", "\"filter.time\" must be"},
                 {R"([1, 2])", "\"filter\" must be an object"}}) {
            const QString file = m_dir.filePath("bad.json");
            std::ofstream(file.toStdString()) << R"({"rscir_query": 2, "terms": [{"role": "want", "text": "x"}], "filter": )"
                                              << filter << "}";
            const auto r = runRscir(base + QStringList{"--query", file});
            QCOMPARE(r.exitCode, 1);
            QVERIFY2(r.err.contains(QByteArray::fromStdString(expected)), r.err.constData());
        }
    }

    void aFilterTravelsInASavedQueryAndABatch()
    {
        const QString saved = m_dir.filePath("filtered.json");
        const QStringList base = QStringList{"search"} + modelArgs() + QStringList{"--index", m_index};
        const auto first = runRscir(base + QStringList{"--image", m_query, "--from", "2020-06-01",
                                                       "--platform", "sentinel-2a", "--same-place", "--save-query", saved});
        QVERIFY2(first.exitCode == 0, first.err.constData());
        QFile file(saved);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const auto json = nlohmann::json::parse(file.readAll().toStdString());
        QCOMPARE(json["filter"]["from"].get<std::string>(), std::string("2020-06-01"));
        QCOMPARE(json["filter"]["platform"][0].get<std::string>(), std::string("sentinel-2a"));
        QCOMPARE(json["filter"]["same_place"].get<double>(), 0.5);
        QCOMPARE(json["rscir_query"].get<int>(), 2); // a filter makes it version 2
        QCOMPARE(hitsOf(first.out).size(), std::size_t(1)); // p1_d2: later, sentinel-2a, the same place
        const auto again = runRscir(base + QStringList{"--query", saved});
        QVERIFY2(again.exitCode == 0, again.err.constData());
        QCOMPARE(again.out, first.out);
        // The same query as a line of a batch.
        const QString batch = m_dir.filePath("batch.jsonl");
        QFile lines(batch);
        QVERIFY(lines.open(QIODevice::WriteOnly));
        lines.write(QByteArray::fromStdString(json.dump()) + "\n");
        lines.close();
        const auto batched = runRscir(base + QStringList{"--queries", batch});
        QVERIFY2(batched.exitCode == 0, batched.err.constData());
        QCOMPARE(nlohmann::json::parse(batched.out.trimmed().toStdString())["hits"].size(), std::size_t(1));
    }

    void aFolderTakesTheVendorsMetadata()
    {
        // GDAL reads a vendor's metadata file beside the image (here a DigitalGlobe .IMD) into
        // its IMAGERY domain: satellite, cloud cover and time, as a catalogue would give them.
        const fs::path folder = fs::path(m_dir.path().toStdString()) / "vendor";
        fs::create_directories(folder);
        writeScene((folder / "a.tif").string(), 0, 0);
        writeScene((folder / "b.tif").string(), 1, 1);
        writeScene((folder / "c.tif").string(), 2, 2);
        const auto imagery = [&](const char* name, const char* satellite, const char* cloud) {
            std::ofstream(folder / (std::string(name) + ".IMD"))
                << "BEGIN_GROUP = IMAGE_1\n\tsatId = \"" << satellite << "\";\n"
                << "\tfirstLineTime = 2021-03-04T05:06:07.000000Z;\n\tcloudCover = " << cloud << ";\n"
                << "END_GROUP = IMAGE_1\nEND;\n";
        };
        imagery("a", "WV03", "0.25");
        imagery("b", "GE01", "-1"); // not known: GDAL says 999
        const QString index = m_dir.filePath("vendor.rscir");
        const auto r = runRscir(QStringList{"index"} + modelArgs() +
                                QStringList{"--archive", QString::fromStdString(folder.string()), "--index", index});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        auto store = IndexStore::open(index.toStdString(), false, true);
        const SourceMeta a = store->source(*store->sourceId("a.tif"))->meta;
        QCOMPARE(a.platform, std::string("WV03"));
        QCOMPARE(*a.cloudCover, 25.0);
        QCOMPARE(a.acquired, std::string("2021-03-04T05:06:07Z"));
        const SourceMeta b = store->source(*store->sourceId("b.tif"))->meta;
        QCOMPARE(b.platform, std::string("GE01"));
        QVERIFY(!b.cloudCover);
        QVERIFY(store->source(*store->sourceId("c.tif"))->meta.empty());
        const auto kept = runRscir(QStringList{"search"} + modelArgs() +
                                   QStringList{"--index", index, "--image", m_query, "--platform", "WV03", "--max-cloud", "30"});
        QVERIFY2(kept.exitCode == 0, kept.err.constData());
        const auto hits = hitsOf(kept.out);
        QCOMPARE(hits.size(), std::size_t(1));
        QCOMPARE(hits[0].file, std::string("a.tif"));
    }

    void bandsByNameAreReadAsOneImage()
    {
        // A scene as three single-band files (Sentinel-2 style) and as one file holding its
        // bands in another order; each read by name gives the scene's own embedding.
        const fs::path folder = fs::path(m_dir.path().toStdString()) / "bands";
        fs::create_directories(folder / "plain");
        writeScene((folder / "plain" / "scene.tif").string(), 0, 0);
        const char* names[][2] = {{"B04", "red"}, {"B03", "green"}, {"B02", "blue"}};
        nlohmann::json assets = nlohmann::json::object();
        for (int b = 0; b < 3; ++b) {
            writeBands(folder / "plain" / "scene.tif", folder / (std::string(names[b][0]) + ".tif"), {b + 1});
            assets[names[b][1]] = {{"href", std::string("./") + names[b][0] + ".tif"},
                                   {"type", "image/tiff; application=geotiff"},
                                   {"eo:bands", {{{"name", names[b][0]}, {"common_name", names[b][1]}}}}};
        }
        writeBands(folder / "plain" / "scene.tif", folder / "bgr.tif", {3, 2, 1});
        const auto item = [](const std::string& id, const nlohmann::json& itemAssets) {
            return nlohmann::json{{"type", "Feature"}, {"stac_version", "1.0.0"}, {"id", id}, {"geometry", nullptr},
                                  {"properties", {{"datetime", kDates[0]}}}, {"assets", itemAssets},
                                  {"links", nlohmann::json::array()}};
        };
        const auto collection = [&](const std::string& file, const nlohmann::json& feature) {
            writeJson(folder / file, {{"type", "FeatureCollection"}, {"features", {feature}}});
            return QString::fromStdString((folder / file).string());
        };
        const QString separate = collection("separate.json", item("s2", assets));
        nlohmann::json ordered = {{"visual", {{"href", "./bgr.tif"}, {"type", "image/tiff; application=geotiff"},
                                              {"eo:bands", {{{"name", "B02"}, {"common_name", "blue"}},
                                                            {{"name", "B03"}, {"common_name", "green"}},
                                                            {{"name", "B04"}, {"common_name", "red"}}}}}}};
        const QString reordered = collection("ordered.json", item("bgr", ordered));
        const auto index = [&](const QString& catalogue, const QString& bands, const QString& name) {
            const QString file = m_dir.filePath(name);
            const auto r = runRscir(QStringList{"index"} + modelArgs() +
                                    QStringList{"--stac", catalogue, "--bands", bands, "--index", file, "--storage",
                                                "fp32", "--batch", "1"});
            return std::make_pair(file, r);
        };
        const QString reference = m_dir.filePath("bands-plain.rscir");
        QCOMPARE(runRscir(QStringList{"index"} + modelArgs() +
                          QStringList{"--archive", QString::fromStdString((folder / "plain").string()), "--index",
                                      reference, "--storage", "fp32", "--batch", "1"})
                     .exitCode,
                 0);
        const std::vector<float> scene = rscir::test::contentsByFile(reference).at("scene.tif");

        const auto [stackIndex, stacked] = index(separate, "red,green,blue", "bands-stack.rscir");
        QVERIFY2(stacked.exitCode == 0, stacked.err.constData());
        auto rows = rscir::test::contentsByFile(stackIndex);
        QCOMPARE(rows.size(), std::size_t(1));
        QCOMPARE(rows.begin()->first, std::string("B04+B03+B02.vrt"));
        QVERIFY(rows.begin()->second == scene); // bit for bit
        {
            // The viewer and the thumbnails read the stack through the index as one image.
            auto store = IndexStore::open(stackIndex.toStdString(), false, true);
            QCOMPARE(store->sourceParts("B04+B03+B02.vrt"), (std::vector<std::string>{"B04.tif", "B03.tif", "B02.tif"}));
            const auto stack = Raster::open(store->sourceFile("B04+B03+B02.vrt"));
            const auto own = Raster::open(folder / "plain" / "scene.tif");
            QCOMPARE(stack->facts().bands, 3);
            const Window all{0, 0, 64, 64};
            QVERIFY(stack->read(all).pixels == own->read(all).pixels);
            QCOMPARE(nlohmann::json::parse(runRscir({"info", "--index", stackIndex}).out.toStdString())["catalogue"]
                         .value("bands", std::string()),
                     std::string("red,green,blue"));
        }
        {
            // A stack named outside the folder (a hostile index) is refused, not registered.
            auto store = IndexStore::open(stackIndex.toStdString(), true, false);
            store->setSourceParts({{"B04+B03+B02.vrt", {"B04.tif", "B03.tif", "B02.tif"}},
                                   {"/tmp/elsewhere.tif", {"B04.tif"}}});
            QVERIFY_THROWS_EXCEPTION(Error, store->sourceFile("/tmp/elsewhere.tif"));
            QVERIFY(!isBandStack("/tmp/elsewhere.tif"));
        }
        // Again: unchanged; a band written anew changes the stack.
        auto again = index(separate, "red,green,blue", "bands-stack.rscir").second;
        QVERIFY2(again.out.contains("\"unchanged\":1"), again.out.constData());
        fs::last_write_time(folder / "B03.tif", fs::last_write_time(folder / "B03.tif") + std::chrono::seconds(5));
        again = index(separate, "red,green,blue", "bands-stack.rscir").second;
        QVERIFY2(again.out.contains("\"changed\":1"), again.out.constData());

        // Bands of one asset by name: read as its band numbers.
        const auto [orderedIndex, byNumbers] = index(reordered, "B04,B03,B02", "bands-ordered.rscir");
        QVERIFY2(byNumbers.exitCode == 0, byNumbers.err.constData());
        rows = rscir::test::contentsByFile(orderedIndex);
        QCOMPARE(rows.size(), std::size_t(1));
        QVERIFY(rows.at("bgr.tif") == scene);
        QVERIFY(IndexStore::open(orderedIndex.toStdString(), false, true)->settings()->bands == (std::vector<int>{3, 2, 1}));

        // A band no asset holds: the item is left out, and says why.
        const auto [missingIndex, missing] = index(separate, "red,green,nir", "bands-missing.rscir");
        QCOMPARE(missing.exitCode, 1);
        QVERIFY2(missing.err.contains("item s2") && missing.err.contains("no asset holds the band nir"),
                 missing.err.constData());
    }

    void filtersThatCannotHoldAreRefused()
    {
        const QStringList base =
            QStringList{"search"} + modelArgs() + QStringList{"--index", m_index, "--image", m_query};
        auto r = runRscir(base + QStringList{"--from", "2020-07-01", "--to", "2020-06-01"});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("is after the end time"), r.err.constData());
        r = runRscir(base + QStringList{"--from", "last week"});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("is not an ISO 8601 date"), r.err.constData());
        QCOMPARE(runRscir(base + QStringList{"--max-cloud", "120"}).exitCode, 2);
        QCOMPARE(runRscir(base + QStringList{"--gsd", "abc"}).exitCode, 2);
        QCOMPARE(runRscir(base + QStringList{"--after", "--before"}).exitCode, 2);
        // An image that is neither an archive item nor georeferenced has no place.
        const QString plainImage = m_dir.filePath("plain.png");
        rscir::test::writeRaster(plainImage.toStdString(), "PNG", 64, 64, 3, GDT_Byte,
                                 [](int b, int x, int y) { return (x * 3 + y * 5 + b * 40) % 256; });
        r = runRscir(QStringList{"search"} + modelArgs() +
                     QStringList{"--index", m_index, "--image", plainImage, "--same-place"});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("the same place needs the query's place"), r.err.constData());
        // A folder of files without catalogue metadata: a cloud filter keeps nothing, and says why.
        const QString plain = onlyIndex({"p0_d0.tif", "p1_d0.tif"}, "plain");
        r = runRscir(QStringList{"search"} + modelArgs() +
                     QStringList{"--index", plain, "--image", m_query, "--max-cloud", "50"});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QVERIFY(r.out.trimmed().isEmpty());
        QVERIFY2(r.err.contains("2 that do not say what the filter asks are left out"), r.err.constData());
        // A catalogue into an index of a folder's files would replace them: refused.
        r = runRscir(QStringList{"index"} + modelArgs() + QStringList{"--stac", m_catalogue, "--index", plain});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("would replace them"), r.err.constData());
    }
};

QTEST_GUILESS_MAIN(TestTime)
#include "test_time.moc"
