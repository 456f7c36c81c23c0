// The archive index on rasters the test writes with GDAL: band layouts and data types,
// tiling and footprints, bad files recorded, incremental re-indexing, SIGKILL at any
// point then resume, and search / GeoJSON / info / export through the command line.

#include "core/base/error.h"
#include "core/base/npy.h"
#include "core/base/threads.h"
#include "core/clip/clip_model.h"
#include "core/imagery/image_file.h"
#include "core/models/clip_encoder.h"
#include "core/index/index_store.h"
#include "core/index/indexer.h"
#include "core/index/vector_store.h"
#include "core/search/archive_embeddings.h"
#include "core/search/ranking.h"
#include "tests/rscir_process.h"
#include "tests/test_archive.h"
#include "tests/tiny_model.h"

#include <QDir>
#include <QElapsedTimer>
#include <QProcess>
#include <QThread>
#include <QTemporaryDir>
#include <QTest>

#include <gdal_priv.h>
#include <ogrsf_frmts.h>
#include <ogr_spatialref.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <atomic>
#include <thread>
#include <cmath>
#include <fstream>
#include <map>
#include <set>
#include <signal.h>
#include <sqlite3.h>
#include <unistd.h>
#include <sys/stat.h>
#include <zlib.h>

using namespace rscir;
namespace fs = std::filesystem;
using rscir::test::runRscir;

using namespace rscir::test;

class TestIndex : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    QString m_model;

    QStringList modelArgs() const { return {"--model", m_model, "--activation", "gelu", "--device", "cpu"}; }

    /// The test archive written into `dir` and indexed there by `rscir index`; the index path.
    QString indexedArchive(const QTemporaryDir& dir, const QString& name) const
    {
        writeArchive(dir.path() + "/archive", true);
        const QString index = dir.filePath(name);
        const auto r = runRscir(QStringList{"index"} + modelArgs() +
                                QStringList{"--archive", dir.path() + "/archive", "--index", index});
        if (r.exitCode != 0)
            qWarning("%s", r.err.constData());
        return r.exitCode == 0 ? index : QString();
    }

private slots:
    void initTestCase()
    {
        m_model = m_dir.filePath("tiny.safetensors");
        rscir::test::writeTinyModel(m_model);
    }

    void tileWindowsCoverTheRaster()
    {
        QCOMPARE(tileWindows(100, 80, 256, 0), (std::vector<Window>{{0, 0, 100, 80}}));
        const auto windows = tileWindows(2000, 1500, 256, 0);
        QCOMPARE(windows.size(), std::size_t(8 * 6));
        QCOMPARE(windows.back(), (Window{1744, 1244, 256, 256}));
        const auto overlapping = tileWindows(600, 300, 256, 64);
        QCOMPARE(overlapping.front(), (Window{0, 0, 256, 256}));
        QCOMPARE(overlapping[1], (Window{192, 0, 256, 256}));
        QCOMPARE(overlapping.back(), (Window{344, 44, 256, 256}));
        QVERIFY_THROWS_EXCEPTION(Error, tileWindows(10, 10, 64, 64));
        // Counting without listing gives the same number.
        for (const auto& [w, h, tile, overlap] : std::vector<std::array<int, 4>>{
                 {100, 80, 256, 0}, {2000, 1500, 256, 0}, {600, 300, 256, 64}, {257, 256, 256, 0}, {1, 999, 32, 31}})
            QCOMPARE(tileCount(w, h, tile, overlap), static_cast<std::int64_t>(tileWindows(w, h, tile, overlap).size()));
        QCOMPARE(tileCount(1000000, 1000000, 256, 0), std::int64_t(3907) * 3907);
    }

    void rastersReadAsEightBit()
    {
        QTemporaryDir dir;
        writeGoodFiles(dir.path());
        // 16-bit gray: stretched between percentiles to the full 8-bit range.
        auto gray = Raster::open((dir.path() + "/chips/gray16.tif").toStdString());
        QCOMPARE(gray->displayBands(), std::vector<int>{1});
        QVERIFY(!gray->stretch().identity);
        const ImageU8 g = gray->read({0, 0, 120, 90});
        QCOMPARE(g.channels, 1);
        QCOMPARE(int(*std::min_element(g.pixels.begin(), g.pixels.end())), 0);
        QCOMPARE(int(*std::max_element(g.pixels.begin(), g.pixels.end())), 255);
        // 4 bands without colour interpretation: bands 1,2,3; nodata pixels black and not counted.
        auto rgbn = Raster::open((dir.path() + "/chips/rgbn_nodata.tif").toStdString());
        QCOMPARE(rgbn->displayBands(), (std::vector<int>{1, 2, 3}));
        double valid = 0;
        const ImageU8 c = rgbn->read({0, 0, 100, 100}, &valid);
        QVERIFY(std::fabs(valid - 0.8) < 1e-9);
        QCOMPARE(int(c.pixels[0]), 0);
        RasterOptions nir;
        nir.bands = {4, 3, 2};
        QCOMPARE(Raster::open((dir.path() + "/chips/rgbn_nodata.tif").toStdString(), nir)->displayBands(),
                 (std::vector<int>{4, 3, 2}));
        nir.bands = {5};
        QVERIFY_THROWS_EXCEPTION(Error, Raster::open((dir.path() + "/chips/rgbn_nodata.tif").toStdString(), nir));
        // Float with NaNs: NaNs black, the rest stretched.
        auto floats = Raster::open((dir.path() + "/chips/float_nan.tif").toStdString());
        const ImageU8 f = floats->read({0, 0, 80, 60});
        QCOMPARE(int(f.pixels[0]), 0); // (0 + 0) % 7 == 0: NaN
        // Georeferenced: footprint in WGS84 around 15 E, 41.5 N (UTM 33N).
        auto scene = Raster::open((dir.path() + "/scenes/scene.tif").toStdString());
        const auto fp = scene->footprint({0, 0, 256, 256});
        QVERIFY(fp.has_value());
        QVERIFY(std::fabs((*fp)[0][0] - 15.0) < 0.1);
        QVERIFY(std::fabs((*fp)[0][1] - 41.5) < 0.1);
        QCOMPARE((*fp)[4], (*fp)[0]);
        QVERIFY(!Raster::open((dir.path() + "/chips/plain.png").toStdString())->footprint({0, 0, 64, 48}));
    }

    void withOneThreadAPassAndAnEncodeTakeTurns()
    {
        // --threads 1: while one computation holds the process's only thread, a model's
        // forward pass and a pass over an archive wait for it, and run once it is free.
        ClipOptions options;
        options.device = DeviceChoice::Cpu;
        auto model = ClipModel::load(m_model.toStdString(), options);
        const std::size_t dim = static_cast<std::size_t>(model->config().embedDim);
        EmbeddingMatrix rows(5000, dim);
        for (std::size_t i = 0; i < rows.rows() * dim; ++i)
            rows.data()[i] = static_cast<float>((i * 7919) % 101) / 101.0f - 0.5f;
        rows.normaliseRows();
        std::vector<std::int64_t> ids(rows.rows());
        for (std::size_t i = 0; i < ids.size(); ++i)
            ids[i] = static_cast<std::int64_t>(i + 1);
        const ArchiveEmbeddings archive(std::move(rows), ids);
        setThreadBudget(1);
        for (int which = 0; which < 2; ++which) {
            std::atomic<bool> finished{false};
            std::thread work;
            {
                const ThreadShare held(1);
                work = std::thread([&] {
                    if (which == 0) {
                        const auto size = static_cast<std::size_t>(model->config().imageSize);
                        (void)model->encodeImages(std::vector<float>(3 * size * size, 0.25f), 1);
                    } else {
                        std::vector<float> query(dim, 0.0f), out(archive.size());
                        query[0] = 1.0f;
                        archive.similarities(query.data(), nullptr, out, {}, 0);
                    }
                    finished = true;
                });
                QThread::msleep(300);
                QVERIFY2(!finished, which == 0 ? "the encode ran beside the held thread" : "the pass ran beside it");
            }
            work.join();
            QVERIFY(finished);
        }
        setThreadBudget(0);
    }

    void indexesAndRecordsEveryFailure()
    {
        QTemporaryDir dir;
        const Archive archive = writeArchive(dir.path() + "/archive", true);
        const std::string indexPath = (dir.path() + "/archive.rscir").toStdString();
        ClipOptions options;
        options.device = DeviceChoice::Cpu;
        auto model = ClipModel::load(m_model.toStdString(), options);
        ModelSource source = resolveModel(m_model.toStdString(), Activation::Gelu);
        ClipImageEncoder encoder(*model, modelRecord(source, model->config().embedDim, model->config().name()));
        auto store = IndexStore::open(indexPath, true);
        IndexOptions indexOptions;
        indexOptions.batchSize = 7;
        std::vector<std::string> logged;
        const auto report = indexArchive(*store, archive.root.toStdString(), encoder, indexOptions, nullptr,
                                         [&](const std::string& line) { logged.push_back(line); });
        QCOMPARE(report.failed, archive.bad.size());
        // One line per failure, and the plan before the first file is read.
        QCOMPARE(logged.size(), archive.bad.size() + 1);
        QCOMPARE(std::count_if(logged.begin(), logged.end(),
                               [](const std::string& l) { return l.find(" files to index: ") != std::string::npos; }),
                 std::ptrdiff_t(1));
        QCOMPARE(report.added, std::size_t(6));
        // 5 chips, one item each; the scene in 48 tiles.
        QCOMPARE(store->itemCount(), std::int64_t(5 + 48));
        QCOMPARE(report.items, std::size_t(53));
        std::map<std::string, std::string> failures;
        for (const auto& s : store->sources())
            if (s.status == "failed")
                failures[s.path] = s.error;
        for (const auto& bad : archive.bad) {
            QVERIFY2(failures.count(bad), bad.c_str());
            QVERIFY2(!failures[bad].empty(), bad.c_str());
        }
        QVERIFY2(QString::fromStdString(failures["bad/loop_a.tif"]).contains("symbolic links"),
                 failures["bad/loop_a.tif"].c_str());
        // Items know their windows, footprints and thumbnails.
        int georeferenced = 0;
        for (const auto& item : store->items()) {
            if (item.path == "scenes/scene.tif") {
                QVERIFY(item.footprint.has_value());
                ++georeferenced;
            } else {
                QVERIFY(!item.footprint.has_value());
            }
            const ImageU8 thumb = decodeImage(store->thumbnail(item.id), "thumbnail");
            QVERIFY(std::max(thumb.width, thumb.height) <= 192);
        }
        QCOMPARE(georeferenced, 48);
        QCOMPARE(store->items().front().path.find('\\'), std::string::npos);
        const auto models = store->models();
        QCOMPARE(models.size(), std::size_t(1));
        QCOMPARE(store->embeddingCount(models.front().id), std::int64_t(53));
    }

    void reindexesIncrementally()
    {
        QTemporaryDir dir;
        writeArchive(dir.path() + "/archive", false);
        const QString index = dir.filePath("a.rscir");
        const QStringList base =
            QStringList{"index"} + modelArgs() + QStringList{"--archive", dir.path() + "/archive", "--index", index};
        auto r = runRscir(base);
        QVERIFY2(r.exitCode == 0, r.err.constData());
        auto report = nlohmann::json::parse(r.out.toStdString());
        QCOMPARE(report["added"].get<int>(), 6);
        // Unchanged: nothing to do.
        r = runRscir(base);
        report = nlohmann::json::parse(r.out.toStdString());
        QCOMPARE(report["unchanged"].get<int>(), 6);
        QCOMPARE(report["items_encoded"].get<int>(), 0);
        // Add one, change one, delete one.
        const auto p = [&](const char* name) { return (dir.path() + "/archive/" + name).toStdString(); };
        writeRaster(p("chips/new.tif"), "GTiff", 50, 50, 3, GDT_Byte, pattern);
        writeRaster(p("chips/plain.png"), "PNG", 90, 30, 3, GDT_Byte, [](int b, int x, int) { return b * 50.0 + x; });
        fs::remove(p("chips/gray16.tif"));
        r = runRscir(base);
        QVERIFY2(r.exitCode == 0, r.err.constData());
        report = nlohmann::json::parse(r.out.toStdString());
        QCOMPARE(report["added"].get<int>(), 1);
        QCOMPARE(report["changed"].get<int>(), 1);
        QCOMPARE(report["removed"].get<int>(), 1);
        QCOMPARE(report["items_encoded"].get<int>(), 2);
        const auto content = contents(index.toStdString());
        QCOMPARE(content.size(), std::size_t(5 + 48));
        QVERIFY(content.count("chips/plain.png@0,0,90,30"));
        QVERIFY(content.count("chips/new.tif@0,0,50,50"));
        // A different tile size on the same index is refused with a reason.
        r = runRscir(base + QStringList{"--tile", "128"});
        QCOMPARE(r.exitCode, 1);
        QVERIFY(r.err.contains("was built with tile 256"));
    }

    void killedAtAnyPointResumesToTheSameContent()
    {
        QTemporaryDir dir;
        writeArchive(dir.path() + "/archive", true);
        const QString archive = dir.path() + "/archive";
        const auto arguments = [&](const QString& index) {
            return QStringList{"index"} + modelArgs() +
                   QStringList{"--archive", archive, "--index", index, "--batch", "1", "--jobs", "1", "--threads", "1"};
        };
        const QString reference = dir.filePath("reference.rscir");
        QElapsedTimer timer;
        timer.start();
        QCOMPARE(runRscir(arguments(reference)).exitCode, 0);
        const qint64 fullRun = std::max<qint64>(timer.elapsed(), 50);
        const auto expected = contents(reference.toStdString());
        QCOMPARE(expected.size(), std::size_t(53));

        // Kill points: as soon as the index exists, a while into the run, and after some files.
        struct KillPoint {
            int sources; // committed sources to wait for (0: the index file existing is enough)
            int delayMs; // then wait this long
        };
        const auto committedSources = [](const QString& index) {
            sqlite3* db = nullptr;
            int count = -1;
            if (sqlite3_open_v2(index.toStdString().c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK) {
                sqlite3_stmt* stmt = nullptr;
                if (sqlite3_prepare_v2(db, "SELECT count(*) FROM sources", -1, &stmt, nullptr) == SQLITE_OK &&
                    sqlite3_step(stmt) == SQLITE_ROW)
                    count = sqlite3_column_int(stmt, 0);
                sqlite3_finalize(stmt);
            }
            sqlite3_close(db);
            return count;
        };
        int point = 0;
        for (const KillPoint kill :
             {KillPoint{0, 0}, KillPoint{0, int(fullRun / 4)}, KillPoint{8, 0}, KillPoint{10, 0}, KillPoint{11, 5}}) {
            const QString index = dir.filePath(QStringLiteral("killed_%1.rscir").arg(point++));
            QProcess process;
            process.start(QStringLiteral(RSCIR_BIN_DIR "/rscir"), arguments(index));
            QVERIFY(process.waitForStarted());
            QElapsedTimer wait;
            wait.start();
            while (process.state() == QProcess::Running && wait.elapsed() < 60000 &&
                   !(QFile::exists(index) && committedSources(index) >= kill.sources))
                QThread::msleep(2);
            QThread::msleep(static_cast<unsigned long>(kill.delayMs));
            ::kill(static_cast<pid_t>(process.processId()), SIGKILL);
            process.waitForFinished();
            // Whatever was committed must open and hold whole files only.
            if (QFile::exists(index)) {
                auto store = IndexStore::open(index.toStdString(), false, true);
                for (const auto& s : store->sources())
                    if (s.path == "scenes/scene.tif" && s.status == "done")
                        QCOMPARE(store->itemsOfSource(s.id).size(), std::size_t(48));
                qInfo("killed after %d sources + %d ms: %zu sources, %zu of 53 items committed", kill.sources,
                      kill.delayMs, store->sources().size(), static_cast<std::size_t>(store->itemCount()));
                // The embedding store holds at least every committed row: search works at once.
                for (const auto& m : store->models())
                    QCOMPARE(store->embeddings(m.id)->size(), static_cast<std::size_t>(store->embeddingCount(m.id)));
            }
            const auto resumed = runRscir(arguments(index));
            QVERIFY2(resumed.exitCode == 0, resumed.err.constData());
            QVERIFY2(sameContents(contents(index.toStdString()), expected),
                     qPrintable(QStringLiteral("after kill point %1").arg(point)));
            auto store = IndexStore::open(index.toStdString(), false, true);
            // Rows a killed run had appended but not committed were cut off by the resumed run.
            for (const auto& m : store->models()) {
                const auto record = store->storeOf(m.id).value();
                const auto files = storeFiles(index.toStdString(), m.id, record.generation);
                QCOMPARE(fs::file_size(files.vectors),
                         storeHeaderBytes(std::uint32_t(m.dim)) + record.rows * std::uint64_t(m.dim) * elementSize(record.storage));
                QCOMPARE(fs::file_size(files.ids), storeHeaderBytes(1) + record.rows * 8);
            }
            int failed = 0;
            for (const auto& s : store->sources())
                failed += s.status == "failed";
            QVERIFY(failed >= 6);
        }
    }

    void damagedStoresAreNamedAndRepaired()
    {
        QTemporaryDir dir;
        const QString index = indexedArchive(dir, QStringLiteral("d.rscir"));
        QVERIFY(!index.isEmpty());
        const QStringList stores = QDir(dir.path()).entryList({QStringLiteral("d.rscir.*.vec")}, QDir::Files);
        QCOMPARE(stores.size(), 1);
        const QString vec = dir.filePath(stores.front());
        {
            // Bytes of NaN over rows in the middle of the store.
            QFile file(vec);
            QVERIFY(file.open(QIODevice::ReadWrite));
            QVERIFY(file.seek(file.size() - 32)); // the last rows (the header and centre are checksummed)
            file.write(QByteArray(32, char(0xff)));
        }
        const QStringList search = QStringList{"search"} + modelArgs() + QStringList{"--index", index, "--item", "1"};
        auto r = runRscir(search);
        QVERIFY(r.exitCode != 0);
        QVERIFY2(r.err.contains(stores.front().toUtf8()), r.err.constData());
        QVERIFY2(r.err.contains("is damaged") && r.err.contains("rscir index --verify"), r.err.constData());
        QVERIFY2(r.err.contains("--activation gelu"), r.err.constData()); // the index's own model, as it was made
        // Verifying a model the index does not hold changes nothing (it would index it all anew).
        {
            QStringList other = modelArgs();
            other[other.indexOf("gelu")] = "quickgelu";
            const auto refused = runRscir(QStringList{"index"} + other +
                                          QStringList{"--archive", dir.path() + "/archive", "--index", index, "--verify"});
            QVERIFY(refused.exitCode != 0);
            QVERIFY2(refused.err.contains("holds no embeddings of") && refused.err.contains("nothing was changed"),
                     refused.err.constData());
            QCOMPARE(QDir(dir.path()).entryList({QStringLiteral("d.rscir.*.vec")}, QDir::Files).size(), 1);
        }
        // --verify finds the damaged rows, encodes their files again; the search works again.
        r = runRscir(QStringList{"index"} + modelArgs() +
                     QStringList{"--archive", dir.path() + "/archive", "--index", index, "--verify"});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QVERIFY2(r.err.contains("were damaged (not finite, or not of unit length)"), r.err.constData());
        QVERIFY(nlohmann::json::parse(r.out.toStdString())["items_encoded"].get<int>() > 0);
        r = runRscir(search);
        QVERIFY2(r.exitCode == 0, r.err.constData());
        r = runRscir(QStringList{"index"} + modelArgs() +
                     QStringList{"--archive", dir.path() + "/archive", "--index", index, "--verify"});
        QVERIFY2(r.err.contains("are sound"), r.err.constData());
        QCOMPARE(nlohmann::json::parse(r.out.toStdString())["items_encoded"].get<int>(), 0);
        {
            // A store cut short cannot be read row by row: --verify says so and the run repairs it.
            const QStringList now = QDir(dir.path()).entryList({QStringLiteral("d.rscir.*.vec")}, QDir::Files);
            QCOMPARE(now.size(), 1);
            QFile file(dir.filePath(now.front()));
            QVERIFY(file.resize(file.size() - 40));
        }
        r = runRscir(QStringList{"index"} + modelArgs() +
                     QStringList{"--archive", dir.path() + "/archive", "--index", index, "--verify"});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QVERIFY2(r.err.contains("this run repairs it"), r.err.constData());
        QVERIFY(nlohmann::json::parse(r.out.toStdString())["items_encoded"].get<int>() > 0);
        r = runRscir(search);
        QVERIFY2(r.exitCode == 0, r.err.constData());
        // A truncated index is said to be one, and left as it is.
        const QString cut = dir.filePath("cut.rscir");
        QVERIFY(QFile::copy(index, cut));
        const qint64 half = QFileInfo(index).size() / 2;
        QVERIFY(QFile::resize(cut, half));
        r = runRscir({"info", "--index", cut});
        QVERIFY(r.exitCode != 0);
        QVERIFY2(r.err.contains("damaged or truncated"), r.err.constData());
        QCOMPARE(QFileInfo(cut).size(), half);
        // Cut inside its first page: no longer an SQLite database, yet said to be cut short.
        const QString stub = dir.filePath("stub.rscir");
        QVERIFY(QFile::copy(index, stub));
        QVERIFY(QFile::resize(stub, 60));
        r = runRscir({"info", "--index", stub});
        QVERIFY(r.exitCode != 0);
        QVERIFY2(r.err.contains("damaged or truncated") && r.err.contains("60 bytes"), r.err.constData());
        QCOMPARE(QFileInfo(stub).size(), qint64(60));
    }

    void anIndexIsUpdatedWithItsOwnSettings()
    {
        QTemporaryDir dir;
        writeArchive(dir.path() + "/archive", true);
        const QString index = dir.filePath("t.rscir");
        const QStringList base = QStringList{"index"} + modelArgs() + QStringList{"--archive", dir.path() + "/archive",
                                                                                   "--index", index};
        auto r = runRscir(base + QStringList{"--tile", "128", "--stretch", "percentile"});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        // Without options: the index's own settings.
        r = runRscir(base);
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QCOMPARE(nlohmann::json::parse(r.out.toStdString())["items_encoded"].get<int>(), 0);
        // Given and the same: fine; given and different: an error that names both.
        r = runRscir(base + QStringList{"--tile", "128"});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        r = runRscir(base + QStringList{"--tile", "256"});
        QVERIFY(r.exitCode != 0);
        QVERIFY2(r.err.contains("tile 128") && r.err.contains("tile 256"), r.err.constData());
        QVERIFY2(r.err.contains("leave out --bands"), r.err.constData());
        // Bands that most files lack: said as such, and counted apart from unreadable files.
        r = runRscir(QStringList{"index"} + modelArgs() +
                     QStringList{"--archive", dir.path() + "/archive", "--index", dir.filePath("b.rscir"), "--bands",
                                 "4,3,2"});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const auto report = nlohmann::json::parse(r.out.toStdString());
        QVERIFY(report["missing_bands"].get<int>() >= 1);
        QVERIFY(report["missing_bands"].get<int>() <= report["failed"].get<int>());
        QVERIFY2(r.err.contains("skipped: they lack a band of the bands 4,3,2 given"), r.err.constData());
    }

    void searchInfoAndExportThroughTheCommandLine()
    {
        QTemporaryDir dir;
        const QString index = indexedArchive(dir, QStringLiteral("s.rscir"));
        QVERIFY(!index.isEmpty());
        // Search by item, image only: the direct computation's order.
        const auto expected = contents(index.toStdString());
        auto store = IndexStore::open(index.toStdString(), false, true);
        const auto loaded = store->embeddings(store->models().front().id);
        const std::int64_t queryItem = loaded->itemId(7);
        // A query is normalised (a stored fp16 row is unit length only to fp16 precision).
        const Embedding normalised(loaded->values(7));
        const std::vector<float> query(normalised.values().begin(), normalised.values().end());
        std::vector<std::pair<float, std::int64_t>> direct;
        for (std::size_t r = 0; r < loaded->size(); ++r) {
            float dot = 0;
            const auto row = loaded->values(r);
            for (std::size_t c = 0; c < query.size(); ++c)
                dot += row[c] * query[c];
            direct.emplace_back(-dot, loaded->itemId(r));
        }
        std::stable_sort(direct.begin(), direct.end(), [](auto& a, auto& b) { return a.first < b.first; });
        auto r = runRscir(QStringList{"search"} + modelArgs() +
                          QStringList{"--index", index, "--item", QString::number(queryItem), "--method", "image",
                                      "--top-k", "5", "--show-query"});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const auto lines = r.out.trimmed().split('\n');
        QCOMPARE(lines.size(), 5);
        // By default the query item itself is left out: the next five.
        const auto hidden = runRscir(QStringList{"search"} + modelArgs() +
                                     QStringList{"--index", index, "--item", QString::number(queryItem), "--method",
                                                 "image", "--top-k", "5"});
        const auto hiddenLines = hidden.out.trimmed().split('\n');
        QCOMPARE(hiddenLines.size(), 5);
        QCOMPARE(nlohmann::json::parse(lines[0].toStdString())["item"].get<std::int64_t>(), queryItem);
        for (int i = 0; i < 4; ++i)
            QVERIFY(nlohmann::json::parse(hiddenLines[i].toStdString())["item"] ==
                    nlohmann::json::parse(lines[i + 1].toStdString())["item"]);
        for (int i = 0; i < 5; ++i) {
            const auto hit = nlohmann::json::parse(lines[i].toStdString());
            QCOMPARE(hit["rank"].get<int>(), i + 1);
            QCOMPARE(hit["item"].get<std::int64_t>(), direct[std::size_t(i)].second);
            QVERIFY(std::fabs(hit["image_similarity"].get<double>() + direct[std::size_t(i)].first) < 1e-5);
            QVERIFY(hit.contains("image_normalised") && hit.contains("window") && hit.contains("path"));
        }
        // A query image that is a whole file of the archive is that item: left out as an item is.
        {
            std::int64_t wholeItem = 0;
            std::string wholePath;
            for (const auto& item : store->items())
                if (const auto whole = store->wholeFileItem(store->archiveRoot() / item.path); whole && *whole == item.id) {
                    wholeItem = item.id;
                    wholePath = (store->archiveRoot() / item.path).string();
                    break;
                }
            QVERIFY(wholeItem != 0);
            const QStringList byFile = QStringList{"search"} + modelArgs() +
                                       QStringList{"--index", index, "--image", QString::fromStdString(wholePath),
                                                   "--method", "image", "--top-k", "5"};
            auto hiddenByFile = runRscir(byFile);
            QVERIFY2(hiddenByFile.exitCode == 0, hiddenByFile.err.constData());
            for (const auto& line : hiddenByFile.out.trimmed().split('\n'))
                QVERIFY2(nlohmann::json::parse(line.toStdString())["item"].get<std::int64_t>() != wholeItem,
                         qPrintable(QStringLiteral("item %1 (%2) in\n%3")
                                        .arg(wholeItem)
                                        .arg(QString::fromStdString(wholePath), QString::fromUtf8(hiddenByFile.out))));
            hiddenByFile = runRscir(byFile + QStringList{"--show-query"});
            QCOMPARE(nlohmann::json::parse(hiddenByFile.out.trimmed().split('\n').front().toStdString())["item"]
                         .get<std::int64_t>(),
                     wholeItem);
        }
        // GeoJSON that GDAL/OGR reads back, footprints of the scene's tiles.
        const QString scene = dir.path() + "/archive/scenes/scene.tif";
        r = runRscir(QStringList{"search"} + modelArgs() +
                     QStringList{"--index", index, "--image", scene, "--top-k", "60", "--format", "geojson"});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        // The lambda ranked with, and where it came from: a bare checkpoint names none.
        QVERIFY2(r.err.contains("rscir: lambda 0.50 (the model "), r.err.constData());
        QVERIFY2(r.err.contains("names none; the default for such models)"), r.err.constData());
        {
            const auto chosen = runRscir(QStringList{"search"} + modelArgs() +
                                         QStringList{"--index", index, "--item", "1", "--text", "x", "--lambda", "0.7"});
            QVERIFY2(chosen.err.contains("rscir: lambda 0.70 (--lambda)"), chosen.err.constData());
            const auto baseline = runRscir(QStringList{"search"} + modelArgs() +
                                           QStringList{"--index", index, "--item", "1", "--method", "image"});
            QVERIFY2(!baseline.err.contains("lambda"), baseline.err.constData());
        }
        const QString geojson = dir.filePath("hits.geojson");
        QFile file(geojson);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(r.out);
        file.close();
        std::unique_ptr<GDALDataset> vector(
            GDALDataset::Open(geojson.toStdString().c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY));
        QVERIFY(vector != nullptr);
        OGRLayer* layer = vector->GetLayer(0);
        QCOMPARE(layer->GetFeatureCount(), GIntBig(53));
        int polygons = 0;
        for (auto& feature : *layer) {
            QVERIFY(feature->GetFieldIndex("score") >= 0);
            QVERIFY(feature->GetFieldIndex("text_normalised") >= 0);
            if (feature->GetGeometryRef()) {
                QCOMPARE(wkbFlatten(feature->GetGeometryRef()->getGeometryType()), wkbPolygon);
                // RFC 7946: the exterior ring counter-clockwise.
                QVERIFY(!feature->GetGeometryRef()->toPolygon()->getExteriorRing()->isClockwise());
                ++polygons;
            }
        }
        QCOMPARE(polygons, 48);
        QVERIFY2(r.err.contains("5 of 53 results have no footprint"), r.err.constData());
        for (auto& feature : *layer)
            QVERIFY(QString::fromUtf8(feature->GetFieldAsString("absolute_path"))
                        .startsWith(QFileInfo(dir.path() + "/archive").absoluteFilePath() + "/"));
        // CSV: the header row first (RFC 4180), three rows; the query beside the file.
        r = runRscir(
            QStringList{"search"} + modelArgs() +
            QStringList{"--index", index, "--item", QString::number(queryItem), "--format", "csv", "--top-k", "3"});
        QCOMPARE(r.out.trimmed().split('\n').size(), 4);
        QVERIFY(r.out.startsWith("rank,item,path,absolute_path,"));
        QVERIFY(r.out.contains(",longitude,latitude,wkt\r\n"));
        const QString csvPath = dir.filePath("hits.csv");
        r = runRscir(QStringList{"search"} + modelArgs() +
                     QStringList{"--index", index, "--image", scene, "--top-k", "60", "--output", csvPath});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        {
            QFile sidecar(csvPath + ".query.json");
            QVERIFY(sidecar.open(QIODevice::ReadOnly));
            const auto query = nlohmann::json::parse(sidecar.readAll().toStdString());
            QCOMPARE(query["rscir_query"].get<int>(), 1);
            // GDAL reads it as a table with typed columns (as QGIS does), centres and WKT
            // footprints beside the GeoJSON's.
            const char* const options[] = {"AUTODETECT_TYPE=YES", "GEOM_POSSIBLE_NAMES=wkt", "KEEP_GEOM_COLUMNS=NO",
                                           nullptr};
            {
                // As ogrinfo opens it, no options: typed by the .csvt beside it.
                std::unique_ptr<GDALDataset> plain(
                    GDALDataset::Open(csvPath.toStdString().c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY));
                QVERIFY(plain != nullptr);
                const OGRFeatureDefn* d = plain->GetLayer(0)->GetLayerDefn();
                QCOMPARE(d->GetFieldDefn(d->GetFieldIndex("rank"))->GetType(), OFTInteger);
                QCOMPARE(d->GetFieldDefn(d->GetFieldIndex("score"))->GetType(), OFTReal);
                QVERIFY(QFileInfo::exists(dir.filePath("hits.csvt")));
            }
            std::unique_ptr<GDALDataset> table(GDALDataset::Open(
                csvPath.toStdString().c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY, nullptr, options, nullptr));
            QVERIFY(table != nullptr);
            OGRLayer* rows = table->GetLayer(0);
            QCOMPARE(rows->GetFeatureCount(), GIntBig(53));
            const OGRFeatureDefn* definition = rows->GetLayerDefn();
            QCOMPARE(definition->GetFieldDefn(definition->GetFieldIndex("rank"))->GetType(), OFTInteger);
            QCOMPARE(definition->GetFieldDefn(definition->GetFieldIndex("score"))->GetType(), OFTReal);
            QCOMPARE(definition->GetFieldDefn(definition->GetFieldIndex("longitude"))->GetType(), OFTReal);
            int located = 0;
            for (auto& row : *rows) {
                const OGRGeometry* shape = row->GetGeometryRef();
                if (!shape)
                    continue;
                ++located;
                const OGRLinearRing* ring = shape->toPolygon()->getExteriorRing();
                QVERIFY(!ring->isClockwise());
                double lon = 0, lat = 0;
                for (int i = 0; i < 4; ++i) {
                    lon += ring->getX(i) / 4;
                    lat += ring->getY(i) / 4;
                }
                QVERIFY(std::fabs(row->GetFieldAsDouble("longitude") - lon) < 1e-9);
                QVERIFY(std::fabs(row->GetFieldAsDouble("latitude") - lat) < 1e-9);
            }
            QCOMPARE(located, 48);
        }
        {
            // Not through a link: the file a link points at is left as it was.
            const QString victim = dir.filePath("someone-elses.json");
            QFile other(victim);
            QVERIFY(other.open(QIODevice::WriteOnly));
            other.write("theirs");
            other.close();
            const QString linked = dir.filePath("linked.csv");
            QVERIFY(QFile::link(victim, linked + ".query.json"));
            r = runRscir(QStringList{"search"} + modelArgs() +
                         QStringList{"--index", index, "--item", "1", "--top-k", "3", "--output", linked});
            QVERIFY(r.exitCode != 0);
            QVERIFY2(r.err.contains("symbolic link"), r.err.constData());
            QVERIFY(other.open(QIODevice::ReadOnly));
            QCOMPARE(other.readAll(), QByteArray("theirs"));
            QVERIFY(!QFileInfo::exists(linked));
        }
        // info names every failed file.
        r = runRscir({"info", "--index", index});
        QCOMPARE(r.exitCode, 0);
        const auto info = nlohmann::json::parse(r.out.toStdString());
        QCOMPARE(info["items"].get<int>(), 53);
        QCOMPARE(info["models"][0]["items"].get<int>(), 53);
        // Which bands the model saw: the rule applied to every indexed file (all RGB here).
        QVERIFY(info["bands_used"].is_object());
        QVERIFY2(info["bands_used"].contains("1,2,3"), info.dump().c_str());
        QVERIFY(info["failed"].size() >= 6);
        for (const auto& f : info["failed"])
            QVERIFY(!f["error"].get<std::string>().empty());
        // export: .npy rows in the order of items.tsv.
        r = runRscir(QStringList{"export"} + modelArgs() +
                     QStringList{"--index", index, "--format", "npy", "--output", dir.filePath("export")});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const NpyArray exported = readNpy(dir.filePath("export/embeddings.npy").toStdString());
        QCOMPARE(exported.shape, (std::vector<std::int64_t>{53, 8}));
        QFile tsv(dir.filePath("export/items.tsv"));
        QVERIFY(tsv.open(QIODevice::ReadOnly));
        const auto tsvLines = tsv.readAll().trimmed().split('\n');
        QCOMPARE(tsvLines.size(), 54);
        QCOMPARE(tsvLines.front(), QByteArray("item\tpath\tx\ty\twidth\theight\tlongitude\tlatitude\twkt"));
        int georeferenced = 0;
        for (const auto& line : tsvLines.mid(1)) {
            const auto fields = line.split('\t');
            QCOMPARE(fields.size(), 9);
            if (!fields[8].isEmpty()) {
                QVERIFY(fields[8].startsWith("POLYGON (("));
                bool ok = false;
                fields[6].toDouble(&ok);
                QVERIFY(ok);
                ++georeferenced;
            }
        }
        QCOMPARE(georeferenced, 48);
        // A model the index does not hold is named, with the ones it does.
        const QString other = dir.filePath("other.safetensors");
        rscir::test::writeSafetensors(other, rscir::test::tinyModel(), [](nlohmann::json& h) {
            h["__metadata__"] = {{"x", "y"}};
        });
        r = runRscir({"search", "--model", other, "--activation", "gelu", "--index", index, "--item", "1"});
        QCOMPARE(r.exitCode, 1);
        QVERIFY(r.err.contains("has no embeddings of"));
    }

    void composedQueriesThroughTheCommandLine()
    {
        QTemporaryDir dir;
        const QString index = indexedArchive(dir, QStringLiteral("c.rscir"));
        QVERIFY(!index.isEmpty());
        auto store = IndexStore::open(index.toStdString(), false, true);
        const auto loaded = store->embeddings(store->models().front().id);
        // Two wanted items and one to avoid, against the engine fed the same stored rows.
        std::vector<ScoredTerm> terms;
        for (const auto& [row, avoided] : std::vector<std::pair<std::size_t, bool>>{{3, false}, {7, false}, {11, true}}) {
            const Embedding e(loaded->values(row));
            std::vector<float> s(loaded->size());
            loaded->similarities(e.data(), nullptr, s, {}, 1);
            terms.push_back({true, avoided, std::vector<float>(e.values().begin(), e.values().end()),
                             ModalityScores::fromSimilarities(std::move(s))});
        }
        const auto expected = QuerySession(terms).rerank(Method::WeiCom, 0.5, 10, 0.3);
        // The query's items are shown here, to compare with the engine's whole ranking.
        const QStringList base = QStringList{"search"} + modelArgs() + QStringList{"--index", index, "--show-query"};
        const QString a = QString::number(loaded->itemId(3)), b = QString::number(loaded->itemId(7)),
                      c = QString::number(loaded->itemId(11));
        auto r = runRscir(base + QStringList{"--item", a, "--item", b, "--not-item", c, "--avoid", "0.3", "--lambda",
                                             "0.5", "--top-k", "10", "--save-query", dir.filePath("q.json")});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const auto lines = r.out.trimmed().split('\n');
        QCOMPARE(lines.size(), 10);
        for (int i = 0; i < 10; ++i) {
            const auto hit = nlohmann::json::parse(lines[i].toStdString());
            QCOMPARE(hit["item"].get<std::int64_t>(), loaded->itemId(expected[std::size_t(i)].index));
            QVERIFY(std::fabs(hit["score"].get<double>() - expected[std::size_t(i)].score) < 1e-6);
            QVERIFY(std::fabs(hit["avoid_similarity"].get<double>() - expected[std::size_t(i)].avoidSimilarity) < 1e-6);
        }
        // The saved query gives the same output; its items are found by source and window
        // even when their ids no longer match (the archive was indexed anew).
        QFile saved(dir.filePath("q.json"));
        QVERIFY(saved.open(QIODevice::ReadOnly));
        auto json = nlohmann::json::parse(saved.readAll().toStdString());
        saved.close();
        QCOMPARE(json["terms"].size(), std::size_t(3));
        QCOMPARE(json["terms"][2]["role"].get<std::string>(), std::string("avoid"));
        QCOMPARE(json["avoid"].get<double>(), 0.3);
        json["terms"][0]["item"]["id"] = 999999;
        QVERIFY(saved.open(QIODevice::WriteOnly | QIODevice::Truncate));
        saved.write(QByteArray::fromStdString(json.dump()));
        saved.close();
        auto again = runRscir(base + QStringList{"--query", dir.filePath("q.json")});
        QVERIFY2(again.exitCode == 0, again.err.constData());
        QCOMPARE(again.out, r.out);
        // Settings given on the command line override the file's; terms are added.
        auto imageOnly = runRscir(base + QStringList{"--query", dir.filePath("q.json"), "--method", "image"});
        QVERIFY(imageOnly.exitCode == 0);
        QVERIFY(imageOnly.out != r.out);
        // A batch: one line per query, numbered by its line in the file, the same hits.
        QFile batch(dir.filePath("batch.jsonl"));
        QVERIFY(batch.open(QIODevice::WriteOnly));
        batch.write(QByteArray::fromStdString(json.dump()) + "\n\n");
        json["method"] = "image";
        batch.write(QByteArray::fromStdString(json.dump()) + "\n");
        batch.close();
        auto batched = runRscir(base + QStringList{"--queries", dir.filePath("batch.jsonl")});
        QVERIFY2(batched.exitCode == 0, batched.err.constData());
        const auto batchLines = batched.out.trimmed().split('\n');
        QCOMPARE(batchLines.size(), 2);
        const auto first = nlohmann::json::parse(batchLines[0].toStdString());
        const auto second = nlohmann::json::parse(batchLines[1].toStdString());
        QCOMPARE(first["query"].get<int>(), 1);
        QCOMPARE(second["query"].get<int>(), 3);
        QCOMPARE(first["hits"].size(), std::size_t(10));
        for (int i = 0; i < 10; ++i)
            QVERIFY(first["hits"][std::size_t(i)] == nlohmann::json::parse(lines[i].toStdString()));
        QVERIFY(second["hits"][0] == nlohmann::json::parse(imageOnly.out.split('\n')[0].toStdString()));
        // Slerp and an image file to avoid; the query travels with exported files.
        const QString avoidFile = dir.path() + "/archive/" + QString::fromStdString(store->item(loaded->itemId(11))->path);
        r = runRscir(base + QStringList{"--item", a, "--item", b, "--not-image", avoidFile, "--method", "slerp",
                                        "--output", dir.filePath("hits.gpkg")});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        {
            std::unique_ptr<GDALDataset> gpkg(
                GDALDataset::Open(dir.filePath("hits.gpkg").toStdString().c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY));
            QVERIFY(gpkg != nullptr);
            const char* query = gpkg->GetLayer(0)->GetMetadataItem("rscir_query");
            QVERIFY(query != nullptr);
            const auto q = nlohmann::json::parse(query);
            QCOMPARE(q["method"].get<std::string>(), std::string("slerp"));
            QCOMPARE(q["terms"][2]["role"].get<std::string>(), std::string("avoid"));
            QCOMPARE(q["terms"][2]["image"].get<std::string>(), QFileInfo(avoidFile).absoluteFilePath().toStdString());
        }
        r = runRscir(base + QStringList{"--item", a, "--not-item", c, "--format", "geojson"});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QCOMPARE(nlohmann::json::parse(r.out.toStdString())["rscir_query"]["terms"].size(), std::size_t(2));
        // A hostile or broken query file: one line naming the file and the field.
        for (const auto& [content, field] : std::vector<std::pair<QByteArray, QString>>{
                 {R"({"rscir_query":1,"terms":[{"role":"maybe","text":"x"}]})", "\"terms[0]\".role"},
                 {R"({"rscir_query":1,"terms":[{"text":"x","image":"y"}]})", "\"terms[0]\""},
                 {R"({"rscir_query":1,"terms":[],"lambda":7})", "\"lambda\""},
                 {R"({"rscir_query":9,"terms":[]})", "version"},
                 {R"({"terms":[]})", "not a saved rscir query"},
                 {R"([1, 2)", "not valid JSON"},
                 {R"({"rscir_query":1,"terms":[{"item":{"source":"nowhere.png","window":[0,0,8,8]}}]})",
                  "nowhere.png"}}) {
            QFile bad(dir.filePath("bad.json"));
            QVERIFY(bad.open(QIODevice::WriteOnly | QIODevice::Truncate));
            bad.write(content);
            bad.close();
            r = runRscir(base + QStringList{"--query", dir.filePath("bad.json")});
            QCOMPARE(r.exitCode, 1);
            QVERIFY2(r.err.contains("bad.json") && r.err.contains(field.toUtf8()) && r.err.count('\n') <= 2,
                     r.err.constData());
        }
        // Out of range: exit 2.
        QCOMPARE(runRscir(base + QStringList{"--item", a, "--avoid", "1.5"}).exitCode, 2);
        QCOMPARE(runRscir(base + QStringList{"--queries", dir.filePath("batch.jsonl"), "--item", a}).exitCode, 2);
    }

    void spatialFiltersOnTheCommandLine()
    {
        QTemporaryDir dir;
        const QString index = indexedArchive(dir, QStringLiteral("f.rscir"));
        QVERIFY(!index.isEmpty());
        auto store = IndexStore::open(index.toStdString(), false, true);
        const auto loaded = store->embeddings(store->models().front().id);
        std::map<std::int64_t, std::optional<Footprint>> footprints;
        double west = INFINITY, east = -INFINITY, south = INFINITY, north = -INFINITY;
        for (const auto& item : store->items()) {
            footprints[item.id] = item.footprint;
            if (item.footprint)
                for (const auto& p : *item.footprint) {
                    west = std::min(west, p[0]);
                    east = std::max(east, p[0]);
                    south = std::min(south, p[1]);
                    north = std::max(north, p[1]);
                }
        }
        QVERIFY(std::isfinite(west));
        // Windows of one raster are told apart by their offset; a whole file by its name.
        std::set<std::string> labels;
        for (const auto& item : store->items()) {
            const std::string name = std::filesystem::path(item.path).filename().string();
            const std::string label = item.label();
            if (item.window.width < item.rasterWidth || item.window.height < item.rasterHeight) {
                QCOMPARE(label, name + " @" + std::to_string(item.window.x) + "," + std::to_string(item.window.y));
                QVERIFY(labels.insert(label).second);
            } else {
                QCOMPARE(label, name);
            }
        }
        QCOMPARE(labels.size(), std::size_t(48)); // the scene's 48 tiles, each its own label
        // The western half of the scene, by the footprint polygons (checked here by their corners:
        // the scene's tiles are axis-aligned in longitude and latitude).
        const double middle = (west + east) / 2;
        const auto box = std::array<double, 4>{west - 0.001, south - 0.001, middle, north + 0.001};
        std::vector<std::size_t> kept;
        std::size_t withFootprint = 0;
        for (std::size_t r = 0; r < loaded->size(); ++r) {
            const auto& f = footprints.at(loaded->itemId(r));
            withFootprint += f.has_value();
            if (f && std::any_of(f->begin(), f->end(), [&](const auto& p) { return p[0] <= middle; }))
                kept.push_back(r);
        }
        QVERIFY(kept.size() > 5 && kept.size() < withFootprint);
        // WeiCom over the kept items equals WeiCom over an archive holding only them.
        const std::size_t queryRow = kept[kept.size() / 2];
        const Embedding query(loaded->values(queryRow));
        std::vector<float> all(loaded->size());
        loaded->similarities(query.data(), nullptr, all, {}, 1);
        std::vector<float> only;
        for (std::size_t r : kept)
            only.push_back(all[r]);
        const QuerySession subset(std::vector<ScoredTerm>{
            {true, false, std::vector<float>(query.values().begin(), query.values().end()),
             ModalityScores::fromSimilarities(only)}});
        const auto expected = subset.rerank(Method::WeiCom, 0.5, 1000);
        const QString bbox = QStringLiteral("%1,%2,%3,%4")
                                 .arg(box[0], 0, 'f', 9)
                                 .arg(box[1], 0, 'f', 9)
                                 .arg(box[2], 0, 'f', 9)
                                 .arg(box[3], 0, 'f', 9);
        const QStringList base = QStringList{"search"} + modelArgs() + QStringList{"--index", index, "--show-query"};
        auto r = runRscir(base + QStringList{"--item", QString::number(loaded->itemId(queryRow)), "--bbox", bbox,
                                             "--top-k", "1000", "--save-query", dir.filePath("area.json")});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const auto lines = r.out.trimmed().split('\n');
        QCOMPARE(std::size_t(lines.size()), kept.size());
        for (int i = 0; i < lines.size(); ++i) {
            const auto hit = nlohmann::json::parse(lines[i].toStdString());
            QCOMPARE(hit["item"].get<std::int64_t>(), loaded->itemId(kept[expected[std::size_t(i)].index]));
            QCOMPARE(hit["image_normalised"].get<float>(), expected[std::size_t(i)].imageNormalised);
        }
        QVERIFY2(r.err.contains(QStringLiteral("keeps %1 of %2 items").arg(kept.size()).arg(loaded->size()).toUtf8()),
                 r.err.constData());
        QVERIFY2(r.err.contains(QStringLiteral("(%1 without a footprint").arg(loaded->size() - withFootprint).toUtf8()),
                 r.err.constData());
        // The saved query records the area, and ranks the same.
        auto again = runRscir(base + QStringList{"--query", dir.filePath("area.json"), "--top-k", "1000"});
        QVERIFY2(again.exitCode == 0, again.err.constData());
        QCOMPARE(again.out, r.out);
        // An area far from the scene keeps nothing: no results, no failure.
        r = runRscir(base + QStringList{"--item", QString::number(loaded->itemId(queryRow)), "--bbox", "-10,-10,-9,-9"});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.out.trimmed().isEmpty());
        // A polygon file in a projected CRS (Web Mercator) of the same half: the same items.
        {
            OGRSpatialReference mercator, wgs84;
            mercator.importFromEPSG(3857);
            mercator.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
            wgs84.SetWellKnownGeogCS("WGS84");
            wgs84.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
            std::unique_ptr<OGRCoordinateTransformation> toMercator(OGRCreateCoordinateTransformation(&wgs84, &mercator));
            GDALDriver* driver = GetGDALDriverManager()->GetDriverByName("GeoJSON");
            std::unique_ptr<GDALDataset> ds(
                driver->Create(dir.filePath("half.geojson").toStdString().c_str(), 0, 0, 0, GDT_Unknown, nullptr));
            OGRLayer* layer = ds->CreateLayer("half", &mercator, wkbPolygon, nullptr);
            OGRFeature feature(layer->GetLayerDefn());
            OGRPolygon polygon;
            OGRLinearRing ring;
            for (const auto& [x0, y0] : std::vector<std::pair<double, double>>{
                     {box[0], box[1]}, {box[2], box[1]}, {box[2], box[3]}, {box[0], box[3]}, {box[0], box[1]}}) {
                double x = x0, y = y0;
                QVERIFY(toMercator->Transform(1, &x, &y));
                ring.addPoint(x, y);
            }
            polygon.addRing(&ring);
            feature.SetGeometry(&polygon);
            QCOMPARE(layer->CreateFeature(&feature), OGRERR_NONE);
        }
        r = runRscir(base + QStringList{"--item", QString::number(loaded->itemId(queryRow)), "--aoi",
                                        dir.filePath("half.geojson"), "--top-k", "1000"});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QCOMPARE(std::size_t(r.out.trimmed().split('\n').size()), kept.size());
        QCOMPARE(runRscir(base + QStringList{"--item", "1", "--bbox", "1,2,3"}).exitCode, 2);
        QCOMPARE(runRscir(base + QStringList{"--item", "1", "--bbox", "0,10,1,5"}).exitCode, 2);
        QCOMPARE(runRscir(base + QStringList{"--item", "1", "--bbox", "0,0,1,1", "--aoi", index}).exitCode, 2);
        r = runRscir(base + QStringList{"--item", "1", "--aoi", index});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("holds no polygons"), r.err.constData()); // GDAL reads SQLite, but finds no area
    }

    void sharedGeoTiffs()
    {
        const QString folder = QStringLiteral(RSCIR_SHARED_DIR "/data/geotiff");
        if (!QFileInfo::exists(folder))
            QSKIP("../shared/data/geotiff is absent: the real GeoTIFFs are not tested here");
        QTemporaryDir dir;
        ClipOptions options;
        options.device = DeviceChoice::Cpu;
        auto model = ClipModel::load(m_model.toStdString(), options);
        ClipImageEncoder encoder(*model, modelRecord(resolveModel(m_model.toStdString(), Activation::Gelu),
                                                     model->config().embedDim, model->config().name()));
        auto store = IndexStore::open(dir.filePath("geotiff.rscir").toStdString(), true);
        const auto report = indexArchive(*store, folder.toStdString(), encoder, IndexOptions{});
        QCOMPARE(report.failed, std::size_t(0));
        QVERIFY(report.files >= 5);
        for (const auto& source : store->sources()) {
            QCOMPARE(source.status, std::string("done"));
            QVERIFY2(source.facts.georeferenced, source.path.c_str());
            const auto items = store->itemsOfSource(source.id);
            QVERIFY2(!items.empty(), source.path.c_str());
            for (const auto& item : items) {
                QVERIFY(item.footprint.has_value());
                for (const auto& corner : *item.footprint)
                    QVERIFY(std::fabs(corner[0]) <= 180 && std::fabs(corner[1]) <= 90);
            }
        }
        // The Landsat scene's nodata border leaves out windows that are (nearly) all nodata.
        for (const auto& source : store->sources())
            if (source.path == "landsat_rgb_byte_utm18n.tif")
                QVERIFY(store->itemsOfSource(source.id).size() <= tileWindows(791, 718, 256, 0).size());
    }

    void absurdGeotransformsAndFootprintsBreakNothing()
    {
        // A GeoTIFF with a pixel size of 1e308 is indexed without a footprint, and an index
        // whose stored footprint is [[],[],[],[],[]] still searches and exports.
        QTemporaryDir dir;
        const QString archive = dir.path() + "/archive";
        QDir().mkpath(archive);
        writeRaster((archive + "/fine.png").toStdString(), "PNG", 64, 64, 3, GDT_Byte, pattern);
        {
            initialiseGdal();
            GDALDriver* gtiff = GetGDALDriverManager()->GetDriverByName("GTiff");
            std::unique_ptr<GDALDataset> ds(
                gtiff->Create((archive + "/absurd.tif").toStdString().c_str(), 64, 64, 3, GDT_Byte, nullptr));
            double transform[6] = {0.0, 1e308, 0.0, 0.0, 0.0, -1e308};
            ds->SetGeoTransform(transform);
            OGRSpatialReference srs;
            srs.importFromEPSG(4326);
            ds->SetSpatialRef(&srs);
            std::vector<std::uint8_t> pixels(64 * 64, 100);
            for (int b = 1; b <= 3; ++b)
                QVERIFY(ds->GetRasterBand(b)->RasterIO(GF_Write, 0, 0, 64, 64, pixels.data(), 64, 64, GDT_Byte, 0, 0) ==
                        CE_None);
        }
        const QString index = dir.filePath("geo.rscir");
        auto r = runRscir(QStringList{"index"} + modelArgs() + QStringList{"--archive", archive, "--index", index});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QVERIFY2(r.err.contains("absurd.tif: its georeferencing does not place it on the earth"), r.err.constData());
        {
            auto store = IndexStore::open(index.toStdString(), false, true);
            for (const auto& item : store->items())
                QVERIFY(!item.footprint.has_value());
        }
        sqlite3* db = nullptr;
        sqlite3_open(index.toStdString().c_str(), &db);
        QCOMPARE(sqlite3_exec(db, "UPDATE items SET footprint = '[[],[],[],[],[]]'", nullptr, nullptr, nullptr),
                 SQLITE_OK);
        sqlite3_close(db);
        for (const char* format : {"json", "geojson", "csv"}) {
            r = runRscir(QStringList{"search"} + modelArgs() +
                         QStringList{"--index", index, "--item", "1", "--format", format});
            QVERIFY2(r.exitCode == 0, r.err.constData());
        }
        r = runRscir(QStringList{"search"} + modelArgs() +
                     QStringList{"--index", index, "--item", "1", "--output", dir.filePath("hits.gpkg")});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        r = runRscir(QStringList{"export"} + modelArgs() +
                     QStringList{"--index", index, "--output", dir.filePath("export")});
        QVERIFY2(r.exitCode == 0, r.err.constData());
    }

    void fourBandsWithoutColoursAreShownAsOneTwoThree()
    {
        // A 4-band 8-bit GeoTIFF whose bands name no colour (GDAL calls band 1 "gray"): bands
        // 1, 2, 3 as RGB, as QGIS shows it; one named red, green, blue keeps those; two bands: gray.
        QTemporaryDir dir;
        initialiseGdal();
        GDALDriver* gtiff = GetGDALDriverManager()->GetDriverByName("GTiff");
        QVERIFY(gtiff != nullptr);
        const auto make = [&](const QString& name, int bands) {
            std::unique_ptr<GDALDataset> ds(
                gtiff->Create(dir.filePath(name).toUtf8().constData(), 16, 16, bands, GDT_Byte, nullptr));
            std::vector<std::uint8_t> values(256);
            for (int b = 1; b <= bands; ++b) {
                std::fill(values.begin(), values.end(), static_cast<std::uint8_t>(40 * b));
                QVERIFY(ds->GetRasterBand(b)->RasterIO(GF_Write, 0, 0, 16, 16, values.data(), 16, 16, GDT_Byte, 0, 0) ==
                        CE_None);
            }
        };
        make("naip.tif", 4);
        make("two.tif", 2);
        // The same bands through a VRT that names band 4 red, 3 green and 2 blue.
        {
            std::ofstream vrt(dir.filePath("named.vrt").toStdString());
            vrt << "<VRTDataset rasterXSize=\"16\" rasterYSize=\"16\">";
            const char* colours[] = {"Undefined", "Blue", "Green", "Red"};
            for (int b = 1; b <= 4; ++b)
                vrt << "<VRTRasterBand dataType=\"Byte\" band=\"" << b << "\"><ColorInterp>" << colours[b - 1]
                    << "</ColorInterp><SimpleSource><SourceFilename relativeToVRT=\"1\">naip.tif</SourceFilename>"
                    << "<SourceBand>" << b << "</SourceBand></SimpleSource></VRTRasterBand>";
            vrt << "</VRTDataset>";
        }
        QCOMPARE(Raster::open(dir.filePath("naip.tif").toStdString(), {})->displayBands(), (std::vector<int>{1, 2, 3}));
        QCOMPARE(Raster::open(dir.filePath("named.vrt").toStdString(), {})->displayBands(), (std::vector<int>{4, 3, 2}));
        QCOMPARE(Raster::open(dir.filePath("two.tif").toStdString(), {})->displayBands(), (std::vector<int>{1}));
        // What the model sees: band 1, 2, 3's values as red, green, blue.
        const ImageU8 image = Raster::open(dir.filePath("naip.tif").toStdString(), {})->read({0, 0, 16, 16});
        QCOMPARE(image.channels, 3);
        QCOMPARE(int(image.pixels[0]), 40);
        QCOMPARE(int(image.pixels[1]), 80);
        QCOMPARE(int(image.pixels[2]), 120);
    }

    void composedBenchmarkThroughTheCommandLine()
    {
        // rscir eval cir over a generated folder: one result per method and lambda, rows
        // numbered from 1, the same figures encoded here or read from an index of the folder.
        QTemporaryDir dir;
        const QString images = dir.filePath("images");
        QDir().mkpath(images);
        for (int i = 0; i < 6; ++i)
            writeRaster((images + QStringLiteral("/img_%1.png").arg(i)).toStdString(), "PNG", 48, 48, 3, GDT_Byte,
                        [i](int x, int y, int b) { return static_cast<std::uint8_t>((x * (i + 2) + y * 3 + b * 50) % 256); });
        std::ofstream(dir.filePath("b.csv").toStdString())
            << "image,text,target\nimg_0.png,red,img_1.png;img_2.png\nimg_3.png,red,img_4.png;img_44.png\n";
        // The tiny model has no vocabulary: texts need the conformance model, so only the
        // image baseline is asked for here.
        const QStringList base = QStringList{"eval", "cir"} + modelArgs() +
                                 QStringList{"--csv", dir.filePath("b.csv"), "--images", images, "--methods", "image"};
        auto r = runRscir(base);
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const auto encoded = nlohmann::json::parse(r.out.toStdString());
        QCOMPARE(encoded["results"].size(), std::size_t(1));
        // A misspelled target is said, with its file and line, and counted.
        QVERIFY2(r.err.contains("b.csv row 2: the target img_44.png is not among the images"), r.err.constData());
        QCOMPARE(encoded["missing_targets"].get<int>(), 1);
        QCOMPARE(encoded["results"][0]["queries"].size(), std::size_t(2));
        QCOMPARE(encoded["results"][0]["queries"][1]["row"].get<int>(), 2);
        QVERIFY(encoded["results"][0]["lambda"].is_null());
        QCOMPARE(runRscir(QStringList{"index"} + modelArgs() +
                          QStringList{"--archive", images, "--index", dir.filePath("i.rscir")})
                     .exitCode,
                 0);
        r = runRscir(base + QStringList{"--index", dir.filePath("i.rscir")});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const auto indexed = nlohmann::json::parse(r.out.toStdString());
        QVERIFY(std::fabs(indexed["results"][0]["mAP"].get<double>() - encoded["results"][0]["mAP"].get<double>()) < 0.1);
        QCOMPARE(runRscir(base + QStringList{"--lambdas", "0:2"}).exitCode, 2);
        // The report: one page with the table, the chart and the queries' thumbnails inside it.
        r = runRscir(base + QStringList{"--report", dir.filePath("report.html")});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QFile report(dir.filePath("report.html"));
        QVERIFY(report.open(QIODevice::ReadOnly));
        const QByteArray html = report.readAll();
        QVERIFY(html.startsWith("<!DOCTYPE html>"));
        QVERIFY(html.contains("<svg") && html.contains("<table>"));
        QCOMPARE(html.count("data:image/jpeg;base64,"), 2 * (2 + 3)); // worst and best: 2 queries, 3 targets
        QVERIFY(!html.contains("src=\"http"));
    }

    void anEmptyFolderIsSaidToBeOneBeforeAnythingIsWritten()
    {
        QTemporaryDir dir;
        QDir().mkpath(dir.filePath("empty/.hidden"));
        std::ofstream(dir.filePath("empty/notes.txt").toStdString()) << "no imagery here";
        std::ofstream(dir.filePath("empty/.hidden/x.png").toStdString()) << "hidden";
        const auto r = runRscir(QStringList{"index"} + modelArgs() +
                                QStringList{"--archive", dir.filePath("empty"), "--index", dir.filePath("e.rscir")});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("holds no images or rasters") && r.err.contains("no index was written"),
                 r.err.constData());
        QVERIFY(!QFileInfo::exists(dir.filePath("e.rscir")));
        QVERIFY(!archiveHasImages(dir.filePath("empty").toStdString()));
        std::ofstream(dir.filePath("empty/deep.tif").toStdString()) << "x";
        QVERIFY(archiveHasImages(dir.filePath("empty").toStdString()));
    }

    void hugeAndNonRegularImagesAreRefused()
    {
        // A 1 KB PNG that claims 30,000 x 30,000 pixels, and a FIFO: one clear error each, at once.
        QTemporaryDir dir;
        const std::string png = dir.filePath("huge.png").toStdString();
        {
            std::string bytes("\x89PNG\r\n\x1a\n", 8);
            const auto chunk = [&](const char* type, const std::string& data) {
                const auto be = [&](std::uint32_t v) {
                    for (int i = 3; i >= 0; --i)
                        bytes.push_back(static_cast<char>((v >> (8 * i)) & 0xff));
                };
                be(static_cast<std::uint32_t>(data.size()));
                const std::string body = std::string(type, 4) + data;
                bytes += body;
                be(static_cast<std::uint32_t>(crc32(0L, reinterpret_cast<const Bytef*>(body.data()), uInt(body.size()))));
            };
            std::string ihdr;
            for (const std::uint32_t v : {30000u, 30000u})
                for (int i = 3; i >= 0; --i)
                    ihdr.push_back(static_cast<char>((v >> (8 * i)) & 0xff));
            ihdr += std::string("\x08\x02\x00\x00\x00", 5); // 8-bit RGB
            chunk("IHDR", ihdr);
            chunk("IDAT", std::string(64, '\0'));
            chunk("IEND", "");
            std::ofstream(png, std::ios::binary) << bytes;
        }
        auto r = runRscir(QStringList{"embed"} + modelArgs() + QStringList{"--image", QString::fromStdString(png)});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("megapixels") && r.err.contains("RSCIR_MAX_QUERY_MEGAPIXELS"), r.err.constData());
        const std::string fifo = dir.filePath("pipe.png").toStdString();
        QCOMPARE(::mkfifo(fifo.c_str(), 0600), 0);
        r = runRscir(QStringList{"embed"} + modelArgs() + QStringList{"--image", QString::fromStdString(fifo)}, 60000);
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("not a regular file"), r.err.constData());
        // A JPEG cut short is damaged for `embed` too (decoded whole, not through GDAL).
        {
            ImageU8 image{96, 96, 3, std::vector<std::uint8_t>(96 * 96 * 3, 90)};
            auto jpeg = encodeJpeg(image);
            jpeg.resize(jpeg.size() - 100);
            std::ofstream(dir.filePath("cut.jpg").toStdString(), std::ios::binary)
                .write(reinterpret_cast<const char*>(jpeg.data()), static_cast<std::streamsize>(jpeg.size()));
        }
        r = runRscir(QStringList{"embed"} + modelArgs() + QStringList{"--image", dir.filePath("cut.jpg")});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("is damaged"), r.err.constData());
        // Data after the end of the image (a motion photo's video, a maker's trailer) is not damage.
        {
            ImageU8 image{96, 96, 3, std::vector<std::uint8_t>(96 * 96 * 3, 90)};
            auto jpeg = encodeJpeg(image);
            using namespace std::string_literals;
            const std::string trailer = "\xff\xda\x00\x08"
                                        "trailer with markers \xff\xd8\xff\xda"s;
            jpeg.insert(jpeg.end(), trailer.begin(), trailer.end());
            std::ofstream(dir.filePath("trailer.jpg").toStdString(), std::ios::binary)
                .write(reinterpret_cast<const char*>(jpeg.data()), static_cast<std::streamsize>(jpeg.size()));
        }
        r = runRscir(QStringList{"embed"} + modelArgs() + QStringList{"--image", dir.filePath("trailer.jpg")});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        // More threads than cores: capped, and said so.
        writeRaster(dir.filePath("small.png").toStdString(), "PNG", 40, 40, 3, GDT_Byte, pattern);
        r = runRscir(QStringList{"embed"} + modelArgs() +
                     QStringList{"--image", dir.filePath("small.png"), "--threads", "100000"});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.err.contains("--threads 100000 is more than the"), r.err.constData());
        // Indexing: the crafted TIFF of 10^12 pixels is recorded as too large, the run goes on.
        QDir().mkpath(dir.path() + "/archive");
        writeHugeTiff((dir.path() + "/archive/huge.tif").toStdString());
        writeRaster((dir.path() + "/archive/fine.png").toStdString(), "PNG", 64, 64, 3, GDT_Byte, pattern);
        r = runRscir(QStringList{"index"} + modelArgs() +
                     QStringList{"--archive", dir.path() + "/archive", "--index", dir.filePath("h.rscir")});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.err.contains("huge.tif") && r.err.contains("RSCIR_MAX_INDEX_MEGAPIXELS"), r.err.constData());
    }

    void badIndexFiles()
    {
        QTemporaryDir dir;
        const std::string path = dir.filePath("newer.rscir").toStdString();
        IndexStore::open(path, true);
        sqlite3* db = nullptr;
        sqlite3_open(path.c_str(), &db);
        sqlite3_exec(db, "UPDATE meta SET value = '99' WHERE key = 'schema_version'", nullptr, nullptr, nullptr);
        sqlite3_close(db);
        try {
            IndexStore::open(path);
            QFAIL("an index from a newer version was opened");
        } catch (const Error& e) {
            QVERIFY(QString::fromStdString(e.what()).contains("newer rscir"));
        }
        std::ofstream(dir.filePath("text.rscir").toStdString()) << "not a database at all, just some text";
        QVERIFY_THROWS_EXCEPTION(Error, IndexStore::open(dir.filePath("text.rscir").toStdString()));
        QVERIFY_THROWS_EXCEPTION(Error, IndexStore::open(dir.filePath("missing.rscir").toStdString()));
        const auto r = runRscir({"info", "--index", dir.filePath("text.rscir")});
        QCOMPARE(r.exitCode, 1);

        // Another program's SQLite databases are refused before a byte of them changes:
        // one that happens to have a meta(key, value) table, and one with its own application id.
        sqlite3_open(path.c_str(), &db);
        sqlite3_int64 application = 0;
        sqlite3_stmt* stmt = nullptr;
        sqlite3_prepare_v2(db, "PRAGMA application_id", -1, &stmt, nullptr);
        if (sqlite3_step(stmt) == SQLITE_ROW)
            application = sqlite3_column_int64(stmt, 0);
        sqlite3_finalize(stmt);
        sqlite3_close(db);
        QCOMPARE(application, sqlite3_int64(IndexStore::kApplicationId));
        for (const char* sql : {"CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT); INSERT INTO meta VALUES('a', 'b');"
                                "CREATE TABLE notes(text TEXT);",
                                "PRAGMA application_id = 1234; CREATE TABLE things(x);"}) {
            const std::string other = dir.filePath("other.db").toStdString();
            fs::remove(other);
            sqlite3_open(other.c_str(), &db);
            QCOMPARE(sqlite3_exec(db, sql, nullptr, nullptr, nullptr), SQLITE_OK);
            sqlite3_close(db);
            std::ifstream in(other, std::ios::binary);
            const std::string before{std::istreambuf_iterator<char>(in), {}};
            const auto run = runRscir(QStringList{"index"} + modelArgs() +
                                      QStringList{"--archive", dir.path(), "--index", QString::fromStdString(other)});
            QCOMPARE(run.exitCode, 1);
            QVERIFY2(run.err.contains("another program"), run.err.constData());
            std::ifstream after(other, std::ios::binary);
            QCOMPARE(std::string(std::istreambuf_iterator<char>(after), {}), before);
            QVERIFY(!fs::exists(other + "-wal"));
        }
    }
};

QTEST_GUILESS_MAIN(TestIndex)
#include "test_index.moc"
