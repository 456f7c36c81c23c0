// An archive on a web server: nginx from Debian, started here on a free port of 127.0.0.1
// with its own configuration, serves cloud-optimised GeoTIFFs this test makes and a static
// STAC catalogue of them. Indexing through it gives the same embeddings, bit for bit, as
// indexing the same files from disk; GDAL reads ranges, an overview read takes a small part
// of a file; a file the server lacks, or a server killed in the middle of a run, leaves
// failures that the next run completes; a signature in an asset's address is never shown
// or stored.

#include "core/imagery/raster.h"
#include "core/index/index_store.h"
#include "core/search/archive_embeddings.h"
#include "core/imagery/read_cache.h"
#include <cpl_vsi.h>
#include <functional>
#include "tests/rscir_process.h"
#include "tests/test_archive.h"
#include "tests/tiny_model.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <gdal_priv.h>
#include <nlohmann/json.hpp>

#include <cmath>
#include <csignal>
#include <fstream>
#include <map>
#include <random>

using namespace rscir;
using rscir::test::runRscir;
namespace fs = std::filesystem;

namespace {

constexpr int kScenes = 8;

/// A 3-band cloud-optimised GeoTIFF (DEFLATE, 256-pixel blocks, overviews) with a texture
/// of its own, at a place of its own; `noise` makes it incompressible.
void writeCog(const std::string& path, int size, int seed, bool noise = false)
{
    initialiseGdal();
    fs::create_directories(fs::path(path).parent_path());
    GDALDriver* mem = GetGDALDriverManager()->GetDriverByName("MEM");
    std::unique_ptr<GDALDataset> ds(mem->Create("", size, size, 3, GDT_Byte, nullptr));
    std::mt19937 rng(static_cast<unsigned>(seed));
    std::vector<std::uint8_t> pixels(static_cast<std::size_t>(size) * size);
    for (int b = 1; b <= 3; ++b) {
        for (int y = 0; y < size; ++y)
            for (int x = 0; x < size; ++x)
                pixels[static_cast<std::size_t>(y) * size + x] =
                    noise ? static_cast<std::uint8_t>(rng())
                          : static_cast<std::uint8_t>(128 + 100 * std::sin((x * (seed + 1) + y * b) * 0.05) *
                                                                std::cos((y - x * seed) * 0.03));
        QVERIFY(ds->GetRasterBand(b)->RasterIO(GF_Write, 0, 0, size, size, pixels.data(), size, size, GDT_Byte, 0, 0) ==
                CE_None);
    }
    double transform[6] = {500000.0 + seed * 5000.0, 1.0, 0.0, 4600000.0, 0.0, -1.0};
    ds->SetGeoTransform(transform);
    OGRSpatialReference srs;
    srs.importFromEPSG(32633);
    ds->SetSpatialRef(&srs);
    const char* options[] = {"COMPRESS=DEFLATE", "BLOCKSIZE=256", nullptr};
    GDALDriver* cog = GetGDALDriverManager()->GetDriverByName("COG");
    std::unique_ptr<GDALDataset> copy(
        cog->CreateCopy(path.c_str(), ds.get(), FALSE, const_cast<char**>(options), nullptr, nullptr));
    QVERIFY(copy != nullptr);
}

void writeJson(const fs::path& path, const nlohmann::json& json)
{
    fs::create_directories(path.parent_path());
    std::ofstream(path) << json.dump(1);
}

} // namespace

class TestRemote : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    QString m_model, m_nginx, m_www;
    int m_port = 0;
    QProcess m_server;

    QStringList modelArgs() const { return {"--model", m_model, "--activation", "gelu", "--device", "cpu"}; }
    QString url(const QString& path) const { return QStringLiteral("http://127.0.0.1:%1/%2").arg(m_port).arg(path); }

    bool startServer()
    {
        const QString prefix = m_dir.filePath("nginx");
        QDir().mkpath(prefix + "/tmp");
        QFile conf(prefix + "/nginx.conf");
        if (!conf.open(QIODevice::WriteOnly | QIODevice::Truncate))
            return false;
        // One process in the foreground, as the user who runs the test; every path its own.
        conf.write(QStringLiteral("daemon off;\nmaster_process off;\npid %1/nginx.pid;\nerror_log %1/error.log;\n"
                                  "events {}\nhttp {\n"
                                  "  log_format ranges '$request_method $uri $status \"$http_range\" $body_bytes_sent $args';\n"
                                  "  access_log %1/access.log ranges;\n"
                                  "  client_body_temp_path %1/tmp; proxy_temp_path %1/tmp; fastcgi_temp_path %1/tmp;\n"
                                  "  uwsgi_temp_path %1/tmp; scgi_temp_path %1/tmp;\n"
                                  "  types { application/json json; image/tiff tif; }\n"
                                  "  server { listen 127.0.0.1:%2; root %3; }\n}\n")
                       .arg(prefix)
                       .arg(m_port)
                       .arg(m_www)
                       .toUtf8());
        conf.close();
        m_server.start(m_nginx, {"-p", prefix, "-c", prefix + "/nginx.conf"});
        return m_server.waitForStarted(5000) && listening();
    }

    bool listening() const
    {
        QElapsedTimer waited;
        waited.start();
        while (waited.elapsed() < 10000) {
            QTcpSocket socket;
            socket.connectToHost(QStringLiteral("127.0.0.1"), static_cast<quint16>(m_port));
            if (socket.waitForConnected(200))
                return true;
            QThread::msleep(50);
        }
        return false;
    }

    void stopServer()
    {
        if (m_server.state() != QProcess::NotRunning) {
            m_server.kill();
            m_server.waitForFinished(5000);
        }
    }

    /// The access log's lines: path, status, the Range header, the bytes sent.
    struct Request {
        QString method;
        QString path;
        int status = 0;
        QString range;
        qint64 bytes = 0;
        QString args;
    };
    std::vector<Request> requests() const
    {
        std::vector<Request> all;
        QFile log(m_dir.filePath("nginx/access.log"));
        if (!log.open(QIODevice::ReadOnly))
            return all;
        for (const QByteArray& line : log.readAll().split('\n')) {
            const QList<QByteArray> parts = line.split('"');
            if (parts.size() < 3)
                continue;
            const QList<QByteArray> head = parts[0].trimmed().split(' ');
            const QList<QByteArray> tail = parts[2].trimmed().split(' ');
            all.push_back({QString::fromUtf8(head.value(0)), QString::fromUtf8(head.value(1)), head.value(2).toInt(),
                           QString::fromUtf8(parts[1]), tail.value(0).toLongLong(), QString::fromUtf8(tail.value(1))});
        }
        return all;
    }

private slots:
    void initTestCase()
    {
        m_nginx = QStandardPaths::findExecutable(QStringLiteral("nginx"), {"/usr/sbin", "/usr/bin", "/sbin"});
        if (m_nginx.isEmpty())
            QSKIP("nginx is not installed (Debian: nginx-light); the tests of archives on a web server need it");
        m_model = m_dir.filePath("tiny.safetensors");
        rscir::test::writeTinyModel(m_model);
        {
            QTcpServer probe; // a free port, given back for nginx to take
            QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
            m_port = probe.serverPort();
        }
        m_www = m_dir.filePath("www");
        const fs::path www = m_www.toStdString();
        nlohmann::json collection = {{"type", "Collection"}, {"stac_version", "1.1.0"}, {"id", "scenes"},
                                     {"description", "scenes on a server"}, {"license", "CC0-1.0"},
                                     {"extent", nlohmann::json::object()}, {"links", nlohmann::json::array()}};
        for (int i = 0; i < kScenes + 1; ++i) {
            const std::string name = "scene_" + std::to_string(i) + ".tif";
            if (i < kScenes) // the last is missing from the server at first
                writeCog((www / "data" / name).string(), 512, i);
            const std::string id = "scene-" + std::to_string(i);
            writeJson(www / "items" / (id + ".json"),
                      {{"type", "Feature"},
                       {"stac_version", "1.1.0"},
                       {"id", id},
                       {"collection", "scenes"},
                       {"geometry", nullptr},
                       {"properties", {{"datetime", "2021-05-0" + std::to_string(1 + i % 9) + "T10:00:00Z"}}},
                       {"assets",
                        {{"visual",
                          {{"href", "../data/" + name + "?sig=SECRET" + std::to_string(i)},
                           {"type", "image/tiff; application=geotiff; profile=cloud-optimized"},
                           {"roles", {"visual"}}}}}},
                       {"links", nlohmann::json::array()}});
            collection["links"].push_back({{"rel", "item"}, {"href", "./items/" + id + ".json"}});
        }
        writeJson(www / "collection.json", collection);
        writeCog((www / "big.tif").string(), 2048, 99, true);
        QVERIFY2(startServer(), "nginx did not start");
    }

    void cleanupTestCase() { stopServer(); }

    void aServerArchiveEqualsTheSameFilesOnDisk()
    {
        const QString remote = m_dir.filePath("remote.rscir");
        auto r = runRscir(QStringList{"index"} + modelArgs() +
                          QStringList{"--stac", url("collection.json"), "--index", remote, "--storage", "fp32", "--batch", "1"});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QVERIFY2(r.out.contains("\"added\":8") && r.out.contains("\"failed\":1"), r.out.constData());
        // The missing file is one line that says so, by its address without the signature.
        QVERIFY2(r.err.contains(url("data/scene_8.tif").toUtf8()), r.err.constData());
        QVERIFY2(!r.err.contains("SECRET"), r.err.constData());
        // Every file was read in ranges, none whole in one answer, and no folder was listed.
        int ranges = 0;
        for (const Request& q : requests()) {
            QVERIFY2(!q.path.endsWith('/'), qPrintable(q.path));
            if (!q.path.endsWith(".tif") || q.method == QLatin1String("HEAD"))
                continue;
            QVERIFY2(q.status == 404 || (q.status == 206 && q.range.startsWith("bytes=")),
                     qPrintable(q.method + " " + q.path + " " + QString::number(q.status) + " " + q.range));
            ranges += q.status == 206;
        }
        QVERIFY(ranges >= kScenes);
        // The same files from disk, through the same catalogue read as files.
        const QString local = m_dir.filePath("local.rscir");
        r = runRscir(QStringList{"index"} + modelArgs() +
                     QStringList{"--stac", m_www + "/collection.json", "--index", local, "--storage", "fp32", "--batch", "1"});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const auto a = rscir::test::contentsByFile(remote, true), b = rscir::test::contentsByFile(local, true);
        QCOMPARE(a.size(), std::size_t(kScenes));
        QCOMPARE(b.size(), std::size_t(kScenes));
        for (const auto& [name, values] : a) {
            QVERIFY2(b.count(name), name.c_str());
            QVERIFY2(values == b.at(name), name.c_str()); // bit for bit
        }
        // The index keeps the address without the signature; its results name it so.
        for (const QString& name : QDir(m_dir.path()).entryList({"remote.rscir*"}, QDir::Files)) {
            QFile file(m_dir.filePath(name));
            QVERIFY(file.open(QIODevice::ReadOnly));
            QVERIFY2(!file.readAll().contains("SECRET"), qPrintable(name));
        }
        r = runRscir(QStringList{"search"} + modelArgs() + QStringList{"--index", remote, "--item", "1", "--top-k", "3"});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QVERIFY2(r.out.contains(url("data/scene_").toUtf8()) && !r.out.contains("SECRET"), r.out.constData());

        // The server gets the missing file: the next run reads it, and only it.
        writeCog((fs::path(m_www.toStdString()) / "data" / "scene_8.tif").string(), 512, 8);
        r = runRscir(QStringList{"index"} + modelArgs() + QStringList{"--stac", url("collection.json"), "--index", remote});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QVERIFY2(r.out.contains("\"added\":1") && r.out.contains("\"unchanged\":8") && r.out.contains("\"failed\":0"),
                 r.out.constData());
        // A file on a server is read again when its catalogue says it changed (its item's
        // "updated", or its asset's checksum), and only then.
        const fs::path item = fs::path(m_www.toStdString()) / "items" / "scene-3.json";
        auto json = nlohmann::json::parse(std::ifstream(item));
        json["properties"]["updated"] = "2024-01-01T00:00:00Z";
        writeJson(item, json);
        r = runRscir(QStringList{"index"} + modelArgs() + QStringList{"--stac", url("collection.json"), "--index", remote});
        QVERIFY2(r.exitCode == 0 && r.out.contains("\"changed\":1") && r.out.contains("\"unchanged\":8"), r.out.constData());
        r = runRscir(QStringList{"index"} + modelArgs() + QStringList{"--stac", url("collection.json"), "--index", remote});
        QVERIFY2(r.exitCode == 0 && r.out.contains("\"unchanged\":9"), r.out.constData());
    }

    void anApiSearchIsAskedAndPagedAndAListIsRead()
    {
        // A STAC API's search as a server answers it: two pages, the second through "next".
        const fs::path www = m_www.toStdString();
        const auto feature = [&](int i) {
            return nlohmann::json{{"type", "Feature"},
                                  {"stac_version", "1.0.0"},
                                  {"id", "found-" + std::to_string(i)},
                                  {"geometry", nullptr},
                                  {"properties", {{"datetime", "2021-05-02T10:00:00Z"}, {"platform", "pléiades"}}},
                                  {"assets", {{"visual", {{"href", url("data/scene_" + QString::number(i) + ".tif").toStdString()},
                                                          {"roles", {"visual"}}}}}},
                                  {"links", nlohmann::json::array()}};
        };
        writeJson(www / "search", {{"type", "FeatureCollection"},
                                   {"features", {feature(0), feature(1)}},
                                   {"links", {{{"rel", "next"}, {"href", url("search2?page=2").toStdString()}}}}});
        writeJson(www / "search2", {{"type", "FeatureCollection"}, {"features", {feature(2)}}, {"links", nlohmann::json::array()}});
        const std::size_t before = requests().size();
        const QString index = m_dir.filePath("searched.rscir");
        auto r = runRscir(QStringList{"index"} + modelArgs() +
                          QStringList{"--stac", url("search"), "--bbox", "14.9,41.5,15.2,41.6", "--from", "2021-05-01",
                                      "--to", "2021-05-31", "--collections", "scenes,other", "--index", index});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QVERIFY2(r.out.contains("\"added\":3"), r.out.constData());
        const auto all = requests();
        bool asked = false;
        for (std::size_t i = before; i < all.size(); ++i)
            if (all[i].path == QLatin1String("/search"))
                asked = all[i].args.contains("bbox=14.9,41.5,15.2,41.6") &&
                        all[i].args.contains("datetime=2021-05-01T00:00:00Z/2021-05-31T23:59:59Z") &&
                        all[i].args.contains("collections=scenes,other") && all[i].args.contains("limit=100");
        QVERIFY(asked);
        QCOMPARE(IndexStore::open(index.toStdString(), false, true)->sources().front().meta.platform, std::string("pléiades"));
        // The index keeps the search with its parameters: another run asks the same.
        const std::string kept = IndexStore::open(index.toStdString(), false, true)->catalogue();
        QVERIFY2(kept.find("/search?bbox=14.9,41.5,15.2,41.6&") != std::string::npos && kept.find("limit=100") != std::string::npos,
                 kept.c_str());
        r = runRscir(QStringList{"index"} + modelArgs() + QStringList{"--stac", QString::fromStdString(kept), "--index", index});
        QVERIFY2(r.exitCode == 0 && r.out.contains("\"unchanged\":3"), (r.out + r.err).constData());
        // A user and password in an address are never shown or kept: the catalogue is read, and
        // its files (which would carry them) are refused with the way to give them.
        const QString withUser = url("collection.json").replace("http://", "http://ana:PASSWORD@");
        const QString userIndex = m_dir.filePath("user.rscir");
        r = runRscir(QStringList{"index"} + modelArgs() + QStringList{"--stac", withUser, "--index", userIndex});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("give them through GDAL's settings") && !r.err.contains("PASSWORD"), r.err.constData());
        // Search parameters belong to a search endpoint.
        QCOMPARE(runRscir(QStringList{"index"} + modelArgs() +
                          QStringList{"--stac", url("collection.json"), "--bbox", "1,2,3,4", "--index", m_dir.filePath("x.rscir")})
                     .exitCode,
                 1);
        // Search parameters belong to a search.
        QCOMPARE(runRscir(QStringList{"index"} + modelArgs() +
                          QStringList{"--stac", m_www + "/collection.json", "--bbox", "1,2,3,4", "--index", index})
                     .exitCode,
                 2);
        // A plain list of addresses, with a comment and a blank line.
        const QString list = m_dir.filePath("files.txt");
        std::ofstream(list.toStdString()) << "# two scenes\n" << url("data/scene_3.tif").toStdString() << "\n\n"
                                          << url("data/scene_4.tif").toStdString() << "?sig=SECRET\r\n";
        const QString listed = m_dir.filePath("listed.rscir");
        r = runRscir(QStringList{"index"} + modelArgs() + QStringList{"--list", list, "--index", listed});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QVERIFY2(r.out.contains("\"added\":2") && !r.err.contains("SECRET"), (r.out + r.err).constData());
        QCOMPARE(IndexStore::open(listed.toStdString(), false, true)->catalogue(), "list:" + list.toStdString());
        for (const QString& name : QDir(m_dir.path()).entryList({"listed.rscir*", "user.rscir*"}, QDir::Files)) {
            QFile file(m_dir.filePath(name));
            QVERIFY(file.open(QIODevice::ReadOnly));
            const QByteArray bytes = file.readAll();
            QVERIFY2(!bytes.contains("SECRET") && !bytes.contains("PASSWORD"), qPrintable(name));
        }
    }

    void anOverviewReadTakesAPartOfTheFile()
    {
        const qint64 size = static_cast<qint64>(fs::file_size(fs::path(m_www.toStdString()) / "big.tif"));
        const std::size_t before = requests().size();
        const auto raster = Raster::open(("/vsicurl/" + url("big.tif")).toStdString());
        const ImageU8 thumbnail = raster->readScaled(Window{0, 0, 2048, 2048}, 128);
        QCOMPARE(thumbnail.width, 128);
        QThread::msleep(200); // the log is written as the answers go out
        qint64 sent = 0;
        const auto all = requests();
        for (std::size_t i = before; i < all.size(); ++i)
            if (all[i].path == QLatin1String("/big.tif"))
                sent += all[i].bytes;
        QVERIFY2(sent > 0 && sent < size / 3, qPrintable(QStringLiteral("%1 of %2 bytes").arg(sent).arg(size)));
    }

    void aViewerReadOfAServersFileIsKeptOnDisk()
    {
        // GDAL's own cache is emptied before each read: only rscir's keeps a request away.
        const ReadCache cache((m_dir.path() + "/read-cache").toStdString(), std::uint64_t(64) << 20);
        const std::string big = ("/vsicurl/" + url("big.tif")).toStdString();
        const auto readsOfBig = [&](const std::function<ImageU8()>& read, ImageU8* image = nullptr) {
            VSICurlClearCache();
            QThread::msleep(100);
            const std::size_t before = requests().size();
            const ImageU8 got = read();
            if (image)
                *image = got;
            QThread::msleep(200); // the log is written as the answers go out
            const auto all = requests();
            int count = 0;
            for (std::size_t i = before; i < all.size(); ++i)
                count += all[i].path == QLatin1String("/big.tif");
            return count;
        };
        const auto viewer = [&](const std::string& version) {
            return [&, version] { return readScaledCached(big, Window{}, 256, {}, version, &cache); };
        };
        ImageU8 first, again;
        QVERIFY(readsOfBig(viewer("size 1"), &first) > 0);
        QCOMPARE(first.width, 256);
        QCOMPARE(readsOfBig(viewer("size 1"), &again), 0);
        QVERIFY(again.pixels == first.pixels);
        QVERIFY(again.width == first.width && again.channels == first.channels);
        // Another version of the file (the catalogue says it changed): read again.
        QVERIFY(readsOfBig(viewer("size 2")) > 0);
        // A damaged entry is read again and replaced.
        std::vector<fs::path> entries;
        for (const auto& e : fs::directory_iterator(cache.folder()))
            entries.push_back(e.path());
        QCOMPARE(entries.size(), std::size_t(2));
        for (const fs::path& e : entries) {
            std::string bytes;
            {
                std::ifstream in(e, std::ios::binary);
                bytes.assign(std::istreambuf_iterator<char>(in), {});
            }
            std::ofstream(e, std::ios::binary) << bytes.substr(0, bytes.size() / 2) << "\xff\xff";
        }
        QVERIFY(readsOfBig(viewer("size 1"), &again) > 0);
        QVERIFY(again.pixels == first.pixels);
        QCOMPARE(readsOfBig(viewer("size 1")), 0);
        // A file on this machine is read, not kept.
        const std::size_t kept = std::distance(fs::directory_iterator(cache.folder()), fs::directory_iterator());
        (void)readScaledCached((fs::path(m_www.toStdString()) / "big.tif").string(), Window{}, 256, {}, "", &cache);
        QCOMPARE(static_cast<std::size_t>(std::distance(fs::directory_iterator(cache.folder()), fs::directory_iterator())),
                 kept);
        // The folder stays within its bound: the least recently used entries go.
        std::uintmax_t one = 0; // a whole entry (the folder still holds a damaged one of another version)
        for (const auto& e : fs::directory_iterator(cache.folder()))
            one = std::max(one, fs::file_size(e.path()));
        const ReadCache small((m_dir.path() + "/small-cache").toStdString(), one + one / 2);
        for (int side : {200, 220, 240})
            (void)readScaledCached(big, Window{}, side, {}, "v", &small);
        std::uint64_t total = 0;
        for (const auto& e : fs::directory_iterator(small.folder()))
            total += fs::file_size(e.path());
        QVERIFY(total <= one + one / 2);
        QCOMPARE(readsOfBig([&] { return readScaledCached(big, Window{}, 240, {}, "v", &small); }), 0); // the newest
    }

    void aServerKilledMidRunLeavesFailuresTheNextRunCompletes()
    {
        // A slow server (1 MiB/s: each file takes most of a second), killed while the run reads its files.
        stopServer();
        QFile conf(m_dir.filePath("nginx/nginx.conf"));
        QVERIFY(conf.open(QIODevice::ReadOnly));
        QByteArray text = conf.readAll();
        conf.close();
        text.replace("root ", "location /data/ { limit_rate 1m; } root ");
        QVERIFY(conf.open(QIODevice::WriteOnly | QIODevice::Truncate));
        conf.write(text);
        conf.close();
        m_server.start(m_nginx, {"-p", m_dir.filePath("nginx"), "-c", m_dir.filePath("nginx/nginx.conf")});
        QVERIFY(m_server.waitForStarted(5000));
        QVERIFY(listening());
        const QString index = m_dir.filePath("interrupted.rscir");
        QProcess run;
        run.start(QStringLiteral(RSCIR_BIN_DIR "/rscir"),
                  QStringList{"index"} + modelArgs() +
                      QStringList{"--stac", url("collection.json"), "--index", index, "--storage", "fp32", "--batch", "1", "--jobs", "1"});
        QVERIFY(run.waitForStarted());
        // Killed once the first file is in the index, while the others are still being read.
        QElapsedTimer waited;
        waited.start();
        std::int64_t done = 0;
        while (done == 0 && waited.elapsed() < 60000 && run.state() == QProcess::Running) {
            QThread::msleep(100);
            try {
                if (QFile::exists(index))
                    done = IndexStore::open(index.toStdString(), false, true)->sourceCount("done");
            } catch (const std::exception&) {
                // not made yet
            }
        }
        stopServer();
        QVERIFY(run.waitForFinished(120000));
        const QByteArray firstOut = run.readAllStandardOutput(), firstErr = run.readAllStandardError();
        QCOMPARE(run.exitCode(), 0);
        const auto first = nlohmann::json::parse(firstOut.trimmed().toStdString());
        // The server went away in the middle: some files were indexed, the rest failed.
        QVERIFY2(first["added"].get<int>() > 0 && first["failed"].get<int>() > 0, firstOut.constData());
        QVERIFY2(!firstErr.contains("SECRET"), firstErr.constData());

        // Back up (at full speed): the next run reads what failed, and the index equals a clean run's.
        text.replace("location /data/ { limit_rate 1m; } ", "");
        QVERIFY(conf.open(QIODevice::WriteOnly | QIODevice::Truncate));
        conf.write(text);
        conf.close();
        QVERIFY(startServer());
        const auto again = runRscir(QStringList{"index"} + modelArgs() +
                                    QStringList{"--stac", url("collection.json"), "--index", index, "--batch", "1"});
        QVERIFY2(again.exitCode == 0, again.err.constData());
        QVERIFY2(again.out.contains("\"failed\":0"), (again.out + again.err).constData());
        const auto clean = m_dir.filePath("clean.rscir");
        QCOMPARE(runRscir(QStringList{"index"} + modelArgs() +
                          QStringList{"--stac", url("collection.json"), "--index", clean, "--storage", "fp32", "--batch", "1"})
                     .exitCode,
                 0);
        QCOMPARE(rscir::test::contentsByFile(index, true), rscir::test::contentsByFile(clean, true));
        QCOMPARE(rscir::test::contentsByFile(index, true).size(), std::size_t(kScenes + 1));
    }
};

QTEST_GUILESS_MAIN(TestRemote)
#include "test_remote.moc"
