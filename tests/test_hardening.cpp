// Faults and hostile inputs around an index: a full disk, store files shortened while
// they are mapped, links planted in place of store files, read-only storage, source paths
// that lead out of the archive, FIFOs, and SIGTERM. Each case was once a failure.

#include "core/base/error.h"
#include "core/index/index_store.h"
#include "core/index/vector_store.h"
#include "core/search/archive_embeddings.h"
#include "tests/rscir_process.h"
#include "tests/test_archive.h"
#include "tests/tiny_model.h"

#include <QElapsedTimer>
#include <QFile>
#include <QDirIterator>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <nlohmann/json.hpp>
#include <sqlite3.h>

#include <csignal>
#include <filesystem>
#include <fstream>
#include <set>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

using namespace rscir;
using namespace rscir::test;
namespace fs = std::filesystem;

namespace {

/// Runs rscir with an optional limit on the size of any file it writes (RLIMIT_FSIZE): a
/// disk that fills up, where a test cannot mount one.
RscirRun runLimited(const QStringList& arguments, rlim_t fileSizeLimit)
{
    QProcess process;
    if (fileSizeLimit > 0)
        process.setChildProcessModifier([fileSizeLimit] {
            const rlimit limit{fileSizeLimit, fileSizeLimit};
            ::setrlimit(RLIMIT_FSIZE, &limit);
            std::signal(SIGXFSZ, SIG_IGN); // a write past the limit fails instead of ending the process
        });
    process.start(QStringLiteral(RSCIR_BIN_DIR "/rscir"), arguments);
    RscirRun r;
    if (!process.waitForFinished(120000))
        return r;
    r.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -2;
    r.out = process.readAllStandardOutput();
    r.err = process.readAllStandardError();
    return r;
}

/// A tmpfs of a given size mounted on a folder (root only), unmounted at the end.
class Tmpfs {
public:
    Tmpfs(const QString& folder, const QString& size) : m_folder(folder)
    {
        if (::geteuid() != 0 || qEnvironmentVariableIsSet("RSCIR_TEST_NO_MOUNT"))
            return;
        m_mounted = QProcess::execute("mount", {"-t", "tmpfs", "-o", "size=" + size, "tmpfs", folder}) == 0;
    }
    ~Tmpfs()
    {
        if (m_mounted)
            QProcess::execute("umount", {"-l", m_folder});
    }
    bool mounted() const { return m_mounted; }
    bool remount(const QString& options) { return QProcess::execute("mount", {"-o", "remount," + options, m_folder}) == 0; }

private:
    QString m_folder;
    bool m_mounted = false;
};

std::string readAll(const fs::path& path)
{
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

void sqlite(const QString& index, const std::string& statement)
{
    sqlite3* db = nullptr;
    QCOMPARE(sqlite3_open(index.toUtf8().constData(), &db), SQLITE_OK);
    char* message = nullptr;
    const int rc = sqlite3_exec(db, statement.c_str(), nullptr, nullptr, &message);
    const std::string what = message ? message : "";
    sqlite3_free(message);
    sqlite3_close(db);
    QVERIFY2(rc == SQLITE_OK, what.c_str());
}

bool logsLeft(const QString& index)
{
    return QFile::exists(index + "-wal") || QFile::exists(index + "-shm");
}

} // namespace

class TestHardening : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    QString m_model;
    QString m_archive; ///< noise images, whose thumbnails do not compress
    QString m_small; ///< a few images

    QStringList modelArgs() const { return {"--model", m_model, "--activation", "gelu", "--device", "cpu"}; }
    QStringList indexArgs(const QString& archive, const QString& index) const
    {
        return QStringList{"index"} + modelArgs() + QStringList{"--archive", archive, "--index", index, "--batch", "8"};
    }
    QString indexed(const QString& archive, const QString& index) const
    {
        const auto r = runRscir(indexArgs(archive, index));
        if (r.exitCode != 0)
            qWarning("%s", r.err.constData());
        return r.exitCode == 0 ? index : QString();
    }
    QStringList searchArgs(const QString& index) const
    {
        return QStringList{"search"} + modelArgs() +
               QStringList{"--index", index, "--image", m_small + "/img0.png", "--top-k", "100"};
    }

private slots:
    void initTestCase()
    {
        m_model = m_dir.filePath("tiny.safetensors");
        writeTinyModel(m_model);
        m_archive = m_dir.filePath("noise");
        m_small = m_dir.filePath("small");
        QDir().mkpath(m_archive);
        QDir().mkpath(m_small);
        for (int i = 0; i < 160; ++i)
            writeRaster((m_archive + QString("/img%1.png").arg(i)).toStdString(), "PNG", 160, 160, 3, GDT_Byte,
                        [i](int b, int x, int y) { return double((x * 7919 + y * 104729 + b * 31 + i * 613) % 251); });
        for (int i = 0; i < 4; ++i)
            writeRaster((m_small + QString("/img%1.png").arg(i)).toStdString(), "PNG", 64, 64, 3, GDT_Byte,
                        [i](int b, int x, int y) { return pattern(b, x + 9 * i, y); });
    }

    void aFullDiskLeavesAnIndexThatResumes()
    {
        // Indexing onto a full disk fails; once there is space, the index opens, and the
        // next run resumes to what a clean run makes (the write-ahead log still held what
        // the main file lacked, so the file must not be judged by the main file alone).
        QTemporaryDir dir;
        const QString folder = dir.filePath("disk");
        QDir().mkpath(folder);
        Tmpfs disk(folder, "3m");
        const QString index = folder + "/full.rscir";
        // Without a mount: no file may grow past 3 MiB (the log reaches that first).
        const auto full = runLimited(indexArgs(m_archive, index), disk.mounted() ? 0 : 3 << 20);
        QVERIFY2(full.exitCode != 0, full.out.constData());
        QVERIFY2(full.err.contains("full") || full.err.contains("write") || full.err.contains("large"),
                 full.err.constData());
        if (disk.mounted())
            QVERIFY(disk.remount("size=64m"));
        const auto info = runRscir({"info", "--index", index});
        QVERIFY2(info.exitCode == 0, info.err.constData());
        const auto resumed = runRscir(indexArgs(m_archive, index));
        QVERIFY2(resumed.exitCode == 0, resumed.err.constData());
        QVERIFY2(nlohmann::json::parse(resumed.out.toStdString())["unchanged"].get<int>() > 0, resumed.out.constData());
        const QString clean = indexed(m_archive, dir.filePath("clean.rscir"));
        QVERIFY(!clean.isEmpty());
        QVERIFY(sameContents(contents(index.toStdString()), contents(clean.toStdString())));
        QCOMPARE(contents(index.toStdString()).size(), std::size_t(160));
    }

    void aStoreShortenedWhileMappedIsAnErrorNotACrash()
    {
        QTemporaryDir dir;
        const QString index = indexed(m_small, dir.filePath("short.rscir"));
        QVERIFY(!index.isEmpty());
        auto store = IndexStore::open(index.toStdString(), false, true);
        const auto model = store->models().front();
        const auto embeddings = store->embeddings(model.id);
        const std::int64_t first = embeddings->itemId(0);
        const auto vectors = store->storeFile(model.id);
        auto ids = vectors;
        ids.replace_extension(".ids");
        QVERIFY(fs::exists(ids));
        // Cut both files to their headers, as another program might.
        fs::resize_file(vectors, 4096);
        fs::resize_file(ids, 4096);
        QCOMPARE(embeddings->itemId(0), first); // ids were read when the store was opened
        QVERIFY_THROWS_EXCEPTION(Error, embeddings->values(0));
        std::vector<float> row(embeddings->dim());
        QVERIFY_THROWS_EXCEPTION(Error, embeddings->copyStoredRow(0, row));
        std::vector<float> query(embeddings->dim(), 0.1f), out(embeddings->size());
        QVERIFY_THROWS_EXCEPTION(Error, embeddings->similarities(query.data(), nullptr, out, {}));
    }

    void storeFilesAreNeverWrittenThroughLinks()
    {
        QTemporaryDir dir;
        const QString archive = dir.filePath("archive");
        QVERIFY(fs::create_directory(archive.toStdString()));
        for (const auto& entry : fs::directory_iterator(m_small.toStdString()))
            fs::copy_file(entry.path(), archive.toStdString() + "/" + entry.path().filename().string());
        const QString index = indexed(archive, dir.filePath("links.rscir"));
        QVERIFY(!index.isEmpty());
        const fs::path vec = index.toStdString() + ".1-1.vec";
        QVERIFY(fs::exists(vec));
        // The repair path of rscir index: a .vec replaced by a link to another file.
        const fs::path victim = dir.filePath("victim.bin").toStdString();
        fs::copy_file(vec, victim);
        const std::string before = readAll(victim);
        fs::remove(vec);
        fs::create_symlink(victim, vec);
        fs::remove(archive.toStdString() + "/img3.png"); // something to write
        const auto repair = runRscir(indexArgs(archive, index));
        QVERIFY2(repair.exitCode != 0, repair.out.constData());
        QVERIFY2(repair.err.contains("symbolic link") && repair.err.contains(".1-1.vec"), repair.err.constData());
        QCOMPARE(readAll(victim), before);
        const auto search = runRscir(searchArgs(index));
        QVERIFY2(search.exitCode != 0 && search.err.contains("symbolic link"), search.err.constData());
        // Compaction writes the next generation: links planted under its names are replaced, not followed.
        fs::remove(vec);
        fs::copy_file(victim, vec);
        const auto reindex = runRscir(indexArgs(archive, index));
        QVERIFY2(reindex.exitCode == 0, reindex.err.constData());
        const fs::path otherVictim = dir.filePath("other.bin").toStdString();
        std::ofstream(otherVictim) << "another program's file\n";
        for (const char* suffix : {".1-2.vec", ".1-2.ids"})
            fs::create_symlink(otherVictim, index.toStdString() + suffix);
        const auto compact = runRscir({"compact", "--index", index});
        QVERIFY2(compact.exitCode == 0, compact.err.constData());
        QCOMPARE(readAll(otherVictim), std::string("another program's file\n"));
        QVERIFY(!fs::is_symlink(index.toStdString() + ".1-2.vec"));
        QCOMPARE(contents(index.toStdString()).size(), std::size_t(3));
    }

    void readOnlyStorageIsSearchedAndLeftAsItIs()
    {
        QTemporaryDir dir;
        const QString folder = dir.filePath("ro");
        QDir().mkpath(folder);
        Tmpfs disk(folder, "16m");
        if (!disk.mounted() && ::geteuid() == 0)
            QSKIP("root ignores file permissions and no tmpfs could be mounted to make storage read-only");
        const QString index = indexed(m_small, folder + "/ro.rscir");
        QVERIFY(!index.isEmpty());
        // A read-only open where writing is possible leaves no -wal or -shm behind.
        const auto writable = runRscir({"info", "--index", index});
        QVERIFY2(writable.exitCode == 0, writable.err.constData());
        QCOMPARE(nlohmann::json::parse(writable.out.toStdString())["read_only"].get<bool>(), false);
        QVERIFY(!logsLeft(index));
        if (disk.mounted()) {
            QVERIFY(disk.remount("ro"));
        } else {
            fs::permissions(folder.toStdString(), fs::perms::owner_write | fs::perms::group_write | fs::perms::others_write,
                            fs::perm_options::remove);
            fs::permissions(index.toStdString(), fs::perms::owner_write, fs::perm_options::remove);
        }
        const auto info = runRscir({"info", "--index", index});
        QVERIFY2(info.exitCode == 0, info.err.constData());
        QCOMPARE(nlohmann::json::parse(info.out.toStdString())["read_only"].get<bool>(), true);
        // And says why.
        QCOMPARE(nlohmann::json::parse(info.out.toStdString())["read_only_because"].get<std::string>(),
                 std::string(disk.mounted() ? "its file system is mounted read-only"
                                            : "this account may not write the file"));
        const auto search = runRscir(searchArgs(index));
        QVERIFY2(search.exitCode == 0, search.err.constData());
        QCOMPARE(search.out.count('\n'), 3); // the query image itself is not a result
        QVERIFY(!logsLeft(index));
        // A team on a share: many searches at once, each the same answer, nothing written.
        {
            std::vector<std::unique_ptr<QProcess>> readers;
            for (int i = 0; i < 6; ++i) {
                readers.push_back(std::make_unique<QProcess>());
                readers.back()->start(QStringLiteral(RSCIR_BIN_DIR "/rscir"), searchArgs(index));
            }
            for (auto& reader : readers) {
                QVERIFY(reader->waitForFinished(120000));
                QCOMPARE(reader->exitCode(), 0);
                QCOMPARE(reader->readAllStandardOutput(), search.out);
            }
            QVERIFY(!logsLeft(index));
        }
        // Labels cannot be kept in it: said so, and a side file elsewhere takes them.
        const auto label = runRscir({"label", "add", "--index", index, "--item", "1", "--name", "pool"});
        QVERIFY(label.exitCode != 0);
        QVERIFY2(label.err.contains("labels cannot be stored in") && label.err.contains("side file"),
                 label.err.constData());
        const QString side = dir.filePath("side.rscir-labels");
        const auto aside =
            runRscir({"label", "add", "--index", index, "--item", "1", "--name", "pool", "--labels", side});
        QVERIFY2(aside.exitCode == 0, aside.err.constData());
        const auto listed = runRscir({"label", "list", "--index", index, "--labels", side});
        QCOMPARE(listed.out.count('\n'), 1);
        QVERIFY(!logsLeft(index));
        if (!disk.mounted())
            fs::permissions(folder.toStdString(), fs::perms::owner_all, fs::perm_options::add);
    }

    void aLabelsWindowMustLieInsideItsSource()
    {
        QTemporaryDir dir;
        const QString index = indexed(m_small, dir.filePath("labelled.rscir"));
        QVERIFY(!index.isEmpty());
        QVERIFY(runRscir({"label", "add", "--index", index, "--item", "1", "--name", "pool"}).exitCode == 0);
        // A stranger's labels table asks for a window far larger than its file.
        sqlite(index, "UPDATE labels SET w = 200000, h = 200000");
        const auto exported = runRscir({"export", "labels", "--index", index, "--output", dir.filePath("l.gpkg"),
                                        "--chips", dir.filePath("chips")});
        QVERIFY2(exported.exitCode == 0, exported.err.constData());
        QVERIFY2(exported.err.contains("does not lie inside"), exported.err.constData());
        QCOMPARE(nlohmann::json::parse(exported.out.toStdString())["written"].get<int>(), 0);
        QDirIterator files(dir.filePath("chips"), QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
        while (files.hasNext())
            QVERIFY2(files.next().endsWith("manifest.csv"), qPrintable(files.filePath()));
    }

    void sourcePathsOutsideTheArchiveAreRefused()
    {
        QVERIFY(sourcePathProblem("a/b.tif").empty());
        for (const char* bad : {"../../../../etc/passwd", "/etc/shadow", "/vsicurl/http://127.0.0.1:9/x.tif",
                                "a/../../b.tif", ""})
            QVERIFY2(!sourcePathProblem(bad).empty(), bad);
        QTemporaryDir dir;
        const QString index = indexed(m_small, dir.filePath("hostile.rscir"));
        QVERIFY(!index.isEmpty());
        for (const char* path : {"../../../../etc/passwd", "/vsicurl/http://127.0.0.1:9/x.tif"}) {
            sqlite(index, std::string("UPDATE sources SET path = '") + path + "' WHERE id = 1");
            const auto search = runRscir(searchArgs(index));
            QVERIFY2(search.exitCode != 0, search.out.constData());
            QVERIFY2(search.err.contains("names a source that rscir does not read") && search.err.contains(path),
                     search.err.constData());
            QVERIFY(!search.out.contains("passwd"));
        }
        // A link in the archive that leads out of it is not indexed.
        QTemporaryDir linked;
        const QString archive = linked.filePath("archive");
        QDir().mkpath(archive);
        fs::copy_file(m_small.toStdString() + "/img0.png", archive.toStdString() + "/inside.png");
        fs::create_symlink(m_small.toStdString() + "/img1.png", archive.toStdString() + "/escape.png");
        const QString linkedIndex = indexed(archive, linked.filePath("linked.rscir"));
        QVERIFY(!linkedIndex.isEmpty());
        const auto info = nlohmann::json::parse(runRscir({"info", "--index", linkedIndex}).out.toStdString());
        QCOMPARE(info["items"].get<int>(), 1);
        QCOMPARE(info["failed"].size(), std::size_t(1));
        QVERIFY(info["failed"][0]["error"].get<std::string>().find("leads out of the archive") != std::string::npos);
    }

    void aShardNamingAForeignSourceIsNotMerged()
    {
        QTemporaryDir dir;
        QStringList shards;
        for (int part = 1; part <= 2; ++part) {
            const QString shard = dir.filePath(QString("part%1.rscir").arg(part));
            const auto r =
                runRscir(indexArgs(m_small, shard) + QStringList{"--shard", QString("%1/2").arg(part)});
            QVERIFY2(r.exitCode == 0, r.err.constData());
            shards << shard;
        }
        sqlite(shards[1], "UPDATE sources SET path = '../../../../etc/passwd' WHERE id = (SELECT min(id) FROM sources)");
        const QString merged = dir.filePath("merged.rscir");
        const auto merge = runRscir(QStringList{"merge", "--index", merged} + shards);
        QVERIFY2(merge.exitCode != 0, merge.out.constData());
        QVERIFY2(merge.err.contains("../../../../etc/passwd") && merge.err.contains("part2.rscir"), merge.err.constData());
        QVERIFY(!QFile::exists(merged));
    }

    void fifosAreRefusedWithoutWaiting()
    {
        QTemporaryDir dir;
        const QString fifo = dir.filePath("pipe.rscir");
        QCOMPARE(::mkfifo(fifo.toUtf8().constData(), 0600), 0);
        QElapsedTimer timer;
        timer.start();
        const auto info = runRscir({"info", "--index", fifo}, 20000);
        QVERIFY2(info.exitCode == 1 && info.err.contains("not a regular file"), info.err.constData());
        const auto merge = runRscir({"merge", "--index", dir.filePath("m.rscir"), fifo}, 20000);
        QVERIFY2(merge.exitCode == 1 && merge.err.contains("not a regular file"), merge.err.constData());
        // A store that is a FIFO, and a source that is one.
        const QString index = indexed(m_small, dir.filePath("f.rscir"));
        QVERIFY(!index.isEmpty());
        const auto ids = (index + ".1-1.ids").toStdString();
        fs::remove(ids);
        QCOMPARE(::mkfifo(ids.c_str(), 0600), 0);
        const auto search = runRscir(searchArgs(index), 20000);
        QVERIFY2(search.exitCode == 1 && search.err.contains("not a regular file"), search.err.constData());
        QTemporaryDir archiveDir;
        const QString archive = archiveDir.filePath("a");
        QDir().mkpath(archive);
        fs::copy_file(m_small.toStdString() + "/img0.png", archive.toStdString() + "/a.png");
        const QString fifoIndex = indexed(archive, archiveDir.filePath("x.rscir"));
        QVERIFY(!fifoIndex.isEmpty());
        fs::remove(archive.toStdString() + "/a.png");
        QCOMPARE(::mkfifo((archive + "/a.png").toUtf8().constData(), 0600), 0);
        const auto fifoInfo = runRscir({"info", "--index", fifoIndex}, 20000);
        QVERIFY2(fifoInfo.exitCode == 0, fifoInfo.err.constData());
    }

    void aFileOfQueriesWithoutLineBreaksIsRefused()
    {
        QTemporaryDir dir;
        const QString index = indexed(m_small, dir.filePath("q.rscir"));
        QVERIFY(!index.isEmpty());
        const auto r = runRscir(QStringList{"search"} + modelArgs() +
                                    QStringList{"--index", index, "--queries", "/dev/zero"},
                                60000);
        QVERIFY2(r.exitCode == 1, r.err.constData());
        QVERIFY2(r.err.contains("line 1: a line is longer than"), r.err.constData());
    }

    void unusualFileNamesSurviveEveryExport()
    {
        QTemporaryDir dir;
        const std::string archive = dir.filePath("names").toStdString();
        fs::create_directory(archive);
        const std::vector<std::string> names{"new\nline.png", "tab\there.png", "=1+1.png", "quote\"d.png",
                                             "latin \xe9.png"};
        for (const auto& name : names)
            fs::copy_file(m_small.toStdString() + "/img0.png", archive + "/" + name);
        const QString index = indexed(QString::fromStdString(archive), dir.filePath("names.rscir"));
        QVERIFY(!index.isEmpty());
        // items.tsv: quoted where a name holds a tab, a line break or a quote; Python's csv
        // module (and pandas) read back every name, byte for byte, with the rows in line.
        const QString out = dir.filePath("export");
        const auto exported = runRscir(QStringList{"export"} + modelArgs() + QStringList{"--index", index, "--output", out});
        QVERIFY2(exported.exitCode == 0, exported.err.constData());
        // JSON: the name that is not UTF-8 is also given percent-encoded.
        const auto search = runRscir(searchArgs(index).replaceInStrings(m_small + "/img0.png",
                                                                          QString::fromStdString(archive + "/=1+1.png")));
        QVERIFY2(search.exitCode == 0, search.err.constData());
        bool found = false;
        for (const QByteArray& line : search.out.trimmed().split('\n')) {
            const auto hit = nlohmann::json::parse(line.toStdString());
            if (hit.contains("path_percent_encoded")) {
                QCOMPARE(hit["path_percent_encoded"].get<std::string>(), std::string("latin%20%E9.png"));
                found = true;
            }
        }
        QVERIFY(found);
        // CSV: a name that starts like a formula is text to a spreadsheet.
        const QString csv = dir.filePath("hits.csv");
        const auto written = runRscir(searchArgs(index) + QStringList{"--output", csv});
        QVERIFY2(written.exitCode == 0, written.err.constData());
        QFile file(csv);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray text = file.readAll();
        QVERIFY2(text.contains(",\"'=1+1.png\","), text.constData());
        QVERIFY(!text.contains(",=1+1.png,"));
        QProcess python;
        python.start("python3", {"-c", "import csv,sys\n"
                                       "rows=list(csv.reader(open(sys.argv[1],encoding='utf-8',errors='surrogateescape',"
                                       "newline=''),delimiter='\\t'))\n"
                                       "print(len(rows)-1)\n"
                                       "for r in rows[1:]: print(r[1].encode('utf-8','surrogateescape').hex())",
                                 out + "/items.tsv"});
        if (!python.waitForFinished(30000) || python.exitStatus() != QProcess::NormalExit)
            QSKIP("python3 is not available to read the export back");
        const QList<QByteArray> lines = python.readAllStandardOutput().trimmed().split('\n');
        QCOMPARE(lines.value(0), QByteArray("5"));
        std::set<std::string> read;
        for (int i = 1; i < lines.size(); ++i)
            read.insert(QByteArray::fromHex(lines[i]).toStdString());
        QCOMPARE(read, std::set<std::string>(names.begin(), names.end()));
    }

    void leftoversOfKilledRunsAreRemovedAndGarbageIdsRefused()
    {
        QTemporaryDir dir;
        const QString index = indexed(m_small, dir.filePath("left.rscir"));
        QVERIFY(!index.isEmpty());
        const std::string base = index.toStdString();
        // A compaction killed after its commit leaves the old generation; one killed before
        // it, the new one. The next writer removes both.
        fs::copy_file(base + ".1-1.vec", base + ".1-0.vec");
        fs::copy_file(base + ".1-1.ids", base + ".1-2.ids");
        const auto compact = runRscir({"compact", "--index", index});
        QVERIFY2(compact.exitCode == 0, compact.err.constData());
        QVERIFY(!fs::exists(base + ".1-0.vec") && !fs::exists(base + ".1-2.ids"));
        QVERIFY(fs::exists(base + ".1-1.vec"));
        // A killed merge's scratch files (of a process id that no longer runs) go at the next merge.
        QStringList shards;
        for (int part = 1; part <= 2; ++part) {
            shards << dir.filePath(QString("p%1.rscir").arg(part));
            const auto r = runRscir(indexArgs(m_small, shards.back()) + QStringList{"--shard", QString("%1/2").arg(part)});
            QVERIFY2(r.exitCode == 0, r.err.constData());
        }
        pid_t dead = 999999;
        while (::kill(dead, 0) == 0 || errno != ESRCH)
            --dead;
        const std::string scratch = dir.filePath(".merged.rscir.merging-").toStdString() + std::to_string(dead);
        std::ofstream(scratch) << "x";
        std::ofstream(scratch + ".1-1.vec") << "x";
        const auto merge = runRscir(QStringList{"merge", "--index", dir.filePath("merged.rscir")} + shards);
        QVERIFY2(merge.exitCode == 0, merge.err.constData());
        QVERIFY(!fs::exists(scratch) && !fs::exists(scratch + ".1-1.vec"));
        // Item ids overwritten with garbage: refused, not ranked as other items.
        const auto ids = base + ".1-1.ids";
        const auto size = fs::file_size(ids);
        {
            std::fstream file(ids, std::ios::in | std::ios::out | std::ios::binary);
            file.seekp(static_cast<std::streamoff>(size - 4 * sizeof(std::int64_t)));
            const std::string garbage(4 * sizeof(std::int64_t), '\x41');
            file.write(garbage.data(), static_cast<std::streamsize>(garbage.size()));
        }
        const auto search = runRscir(searchArgs(index));
        QVERIFY2(search.exitCode == 1 && search.err.contains("which the index does not"), search.err.constData());
    }

    void sigtermEndsACommandWithinASecond()
    {
        QTemporaryDir dir;
        QProcess process;
        process.start(QStringLiteral(RSCIR_BIN_DIR "/rscir"),
                      QStringList{"index"} + modelArgs() +
                          QStringList{"--archive", m_archive, "--index", dir.filePath("term.rscir"), "--batch", "1",
                                      "--threads", "1"});
        QVERIFY(process.waitForStarted());
        QByteArray err;
        QElapsedTimer started;
        started.start();
        while (!err.contains("indexing:") && started.elapsed() < 60000 && process.state() == QProcess::Running) {
            process.waitForReadyRead(100);
            err += process.readAllStandardError();
        }
        QVERIFY2(process.state() == QProcess::Running, err.constData());
        QElapsedTimer timer;
        timer.start();
        ::kill(static_cast<pid_t>(process.processId()), SIGTERM);
        QVERIFY(process.waitForFinished(10000));
        // About a second by design; a loaded test machine is given a margin.
        QVERIFY2(timer.elapsed() < 5000, QByteArray::number(timer.elapsed()).constData());
        QVERIFY(process.exitCode() != 0 || process.exitStatus() != QProcess::NormalExit);
    }
};

QTEST_GUILESS_MAIN(TestHardening)
#include "test_hardening.moc"
