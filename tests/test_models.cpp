// The model catalogue's real download code against a local HTTP server that the test
// starts on 127.0.0.1: a complete download, a checksum mismatch, a connection dropped
// halfway and then resumed, a 404; import and remove; the models subcommand.

#include "core/base/error.h"
#include "core/models/catalogue.h"
#include "tests/shared_data.h"
#include "tests/tiny_model.h"

#include <QCryptographicHash>
#include <QFile>
#include <QProcess>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

#include <archive.h>
#include <archive_entry.h>
#include <QtConcurrent/QtConcurrentRun>

#include <nlohmann/json.hpp>

using namespace rscir;

namespace {

/// Serves files from memory over HTTP/1.1, with byte ranges. A path under /drop/ sends
/// half its body on the first request and closes the connection.
class FileServer : public QObject {
    Q_OBJECT
public:
    QHash<QString, QByteArray> files;
    QStringList requests; ///< "path range" of each request
    int drops = 0;

    bool start() { return m_server.listen(QHostAddress::LocalHost, 0); }
    QString url(const QString& path) const
    {
        return QStringLiteral("http://127.0.0.1:%1%2").arg(m_server.serverPort()).arg(path);
    }

    FileServer()
    {
        connect(&m_server, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket* socket = m_server.nextPendingConnection()) {
                connect(socket, &QTcpSocket::readyRead, this, [this, socket] { serve(socket); });
                connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
            }
        });
    }

private:
    void serve(QTcpSocket* socket)
    {
        m_buffers[socket] += socket->readAll();
        const QByteArray& request = m_buffers[socket];
        if (!request.contains("\r\n\r\n"))
            return;
        const QList<QByteArray> lines = request.split('\n');
        const QString path = QString::fromLatin1(lines.front().split(' ').value(1));
        qint64 from = 0;
        for (const QByteArray& line : lines)
            if (line.toLower().startsWith("range: bytes="))
                from = line.mid(13).split('-').front().trimmed().toLongLong();
        requests << QStringLiteral("%1 %2").arg(path).arg(from);
        m_buffers.remove(socket);
        const QString name = path.startsWith(QStringLiteral("/drop/")) ? path.mid(5) : path;
        if (!files.contains(name)) {
            socket->write("HTTP/1.1 404 Not Found\r\nContent-Length: 9\r\nConnection: close\r\n\r\nnot found");
            socket->disconnectFromHost();
            return;
        }
        const QByteArray& body = files[name];
        QByteArray header;
        if (from > 0) {
            header = QStringLiteral("HTTP/1.1 206 Partial Content\r\nContent-Range: bytes %1-%2/%3\r\n")
                         .arg(from)
                         .arg(body.size() - 1)
                         .arg(body.size())
                         .toLatin1();
        } else {
            header = "HTTP/1.1 200 OK\r\n";
        }
        const QByteArray part = body.mid(from);
        header += "Content-Length: " + QByteArray::number(part.size()) + "\r\nConnection: close\r\n\r\n";
        socket->write(header);
        if (path.startsWith(QStringLiteral("/drop/")) && drops == 0) {
            ++drops;
            socket->write(part.left(part.size() / 2));
            socket->flush();
            socket->abort(); // the connection drops halfway
            return;
        }
        socket->write(part);
        socket->disconnectFromHost();
    }

    QTcpServer m_server;
    QHash<QTcpSocket*, QByteArray> m_buffers;
};

QString sha256(const QByteArray& data)
{
    return QString::fromLatin1(QCryptographicHash::hash(data, QCryptographicHash::Sha256).toHex());
}

QByteArray readAll(const QString& path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

/// Runs `f` on another thread while this one serves HTTP; rethrows what it threw.
template <typename F> auto runServing(F f)
{
    auto future = QtConcurrent::run(f);
    if (!QTest::qWaitFor([&] { return future.isFinished(); }, 120000))
        future.waitForFinished(); // the transfer is stuck: wait, so that a failure shows its reason
    return future.result();
}

/// Installs on another thread while this one serves; the error message, or empty on success.
QString installFailure(const CatalogueEntry& entry, const std::string& dir)
{
    return runServing([&]() -> QString {
        try {
            installModel(entry, dir);
            return {};
        } catch (const Error& error) {
            return QString::fromStdString(error.what());
        }
    });
}

} // namespace

class TestModels : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    FileServer m_server;
    QByteArray m_model, m_vocab;

    CatalogueEntry entry(const QString& name, const QString& path, const QString& sha) const
    {
        CatalogueEntry e;
        e.name = name.toStdString();
        e.title = e.name;
        e.url = m_server.url(path).toStdString();
        e.fileName = "model.safetensors";
        e.sha256 = sha.toStdString();
        e.activation = "gelu";
        e.defaultLambda = 0.6;
        e.vocabularyUrl = m_server.url(QStringLiteral("/vocab.gz")).toStdString();
        e.vocabularySha256 = sha256(m_vocab).toStdString();
        return e;
    }

private slots:
    void initTestCase()
    {
        const QString tiny = m_dir.filePath("tiny.safetensors");
        rscir::test::writeTinyModel(tiny);
        const bool shared = rscir::test::haveConformance();
        // The conformance model and the real vocabulary where ../shared is present.
        m_model =
            shared ? readAll(rscir::test::conformanceDir() + "/models/gelu_b32/open_clip.safetensors") : readAll(tiny);
        m_vocab = shared ? readAll(rscir::test::conformanceDir() + "/bpe_simple_vocab_16e6.txt.gz")
                         : QByteArray("stand-in vocabulary bytes");
        QVERIFY(!m_model.isEmpty());
        m_server.files[QStringLiteral("/model.safetensors")] = m_model;
        m_server.files[QStringLiteral("/vocab.gz")] = m_vocab;
        QVERIFY(m_server.start());
    }

    void installsAndVerifies()
    {
        const std::string dir = m_dir.filePath("models1").toStdString();
        const auto e = entry(QStringLiteral("served"), QStringLiteral("/model.safetensors"), sha256(m_model));
        std::int64_t lastDone = 0;
        Progress progress(
            [&](std::int64_t done, std::int64_t, const std::string&) { lastDone = std::max(lastDone, done); });
        const auto model = runServing([&] { return installModel(e, dir, &progress); });
        QCOMPARE(QString::fromStdString(model.sha256), sha256(m_model));
        QVERIFY(lastDone > 0);
        QCOMPARE(readAll(QString::fromStdString((model.folder / "model.safetensors").string())), m_model);
        QVERIFY(QFile::exists(QString::fromStdString((model.folder / "bpe_simple_vocab_16e6.txt.gz").string())));
        const auto installed = installedModels(dir);
        QCOMPARE(installed.size(), std::size_t(1));
        QCOMPARE(installed.front().name, std::string("served"));
        QCOMPARE(installed.front().defaultLambda.value_or(0), 0.6);
        // Installing again is refused; removing works.
        QVERIFY_THROWS_EXCEPTION(Error, installModel(e, dir));
        removeModel("served", dir);
        QVERIFY(installedModels(dir).empty());
        QVERIFY_THROWS_EXCEPTION(Error, removeModel("served", dir));
    }

    void zipReleasesAreUnpackedAndTraversalsRefused()
    {
        // A release shipped as a .zip (as SkyCLIP's are): its checkpoint is unpacked into the
        // model's folder and the archive removed; a release with an entry that would leave
        // the folder is refused whole, and nothing of it is written.
        const auto zipOf = [](const std::vector<std::pair<std::string, QByteArray>>& files) {
            QByteArray out(std::size_t(64) << 20, '\0');
            std::size_t used = 0;
            archive* a = archive_write_new();
            archive_write_set_format_zip(a);
            archive_write_open_memory(a, out.data(), static_cast<std::size_t>(out.size()), &used);
            for (const auto& [name, data] : files) {
                archive_entry* e = archive_entry_new();
                archive_entry_set_pathname(e, name.c_str());
                archive_entry_set_size(e, data.size());
                archive_entry_set_filetype(e, AE_IFREG);
                archive_entry_set_perm(e, 0644);
                archive_write_header(a, e);
                archive_write_data(a, data.constData(), static_cast<std::size_t>(data.size()));
                archive_entry_free(e);
            }
            archive_write_close(a);
            archive_write_free(a);
            out.resize(static_cast<qsizetype>(used));
            return out;
        };
        const QByteArray release = zipOf({{"SkyCLIP_ViT_B32/README.txt", "weights"},
                                          {"SkyCLIP_ViT_B32/epoch_20.safetensors", m_model}});
        m_server.files[QStringLiteral("/release.zip")] = release;
        const std::string dir = m_dir.filePath("models-zip").toStdString();
        auto e = entry(QStringLiteral("zipped"), QStringLiteral("/release.zip"), sha256(release));
        e.fileName = "release.zip";
        const auto model = runServing([&] { return installModel(e, dir); });
        QCOMPARE(model.checkpoint, std::string("epoch_20.safetensors"));
        QCOMPARE(readAll(QString::fromStdString((model.folder / "epoch_20.safetensors").string())), m_model);
        QVERIFY(!std::filesystem::exists(model.folder / "release.zip"));
        QVERIFY(!std::filesystem::exists(model.folder / "README.txt"));
        QCOMPARE(model.sha256, sha256(release).toStdString()); // of what was downloaded

        const QByteArray evil = zipOf({{"../../escaped.safetensors", m_model}, {"epoch_1.safetensors", m_model}});
        m_server.files[QStringLiteral("/evil.zip")] = evil;
        auto bad = entry(QStringLiteral("evil"), QStringLiteral("/evil.zip"), sha256(evil));
        bad.fileName = "evil.zip";
        const QString message = installFailure(bad, dir);
        QVERIFY2(message.contains(QStringLiteral("would leave the model's folder")), qPrintable(message));
        QVERIFY(!std::filesystem::exists(m_dir.filePath("escaped.safetensors").toStdString()));
        QVERIFY(!std::filesystem::exists(std::filesystem::path(dir).parent_path() / "escaped.safetensors"));
        QVERIFY(!std::filesystem::exists(std::filesystem::path(dir) / ".evil.partial"));
        QVERIFY(!findInstalledModel("evil", dir));
    }

    void checksumMismatchIsRefused()
    {
        const std::string dir = m_dir.filePath("models2").toStdString();
        const auto e =
            entry(QStringLiteral("tampered"), QStringLiteral("/model.safetensors"), QString(64, QLatin1Char('0')));
        const QString message = installFailure(e, dir);
        QVERIFY2(message.contains(QStringLiteral("checksum")), qPrintable(message));
        QVERIFY(installedModels(dir).empty());
        // The damaged download is gone, not kept for a resume, and so is its folder.
        QVERIFY(!QFile::exists(m_dir.filePath("models2/.tampered.partial/model.safetensors")));
        QVERIFY(!QFileInfo::exists(m_dir.filePath("models2/.tampered.partial")));
    }

    void hostileCatalogueEntriesAreRefused()
    {
        // Each entry is refused when the catalogue is read, naming the field; nothing
        // outside the models folder is written or deleted.
        const QString victim = m_dir.filePath("victim.txt");
        QFile v(victim);
        QVERIFY(v.open(QIODevice::WriteOnly));
        v.write("keep me");
        v.close();
        const std::string good = m_server.url(QStringLiteral("/model.safetensors")).toStdString();
        struct Case {
            nlohmann::json entry;
            const char* field;
        };
        const std::vector<Case> cases{
            {{{"url", good}, {"file", "../victim.txt"}}, "\"file\""},
            {{{"url", good}, {"file", victim.toStdString()}}, "\"file\""},
            {{{"url", good}, {"file", "a/b.pt"}}, "\"file\""},
            {{{"url", good}, {"file", ".."}}, "\"file\""},
            {{{"url", good}, {"file", "model.json"}}, "\"file\""},
            {{{"url", "file:///etc/passwd"}}, "\"url\""},
            {{{"url", "dict://127.0.0.1:1/x"}}, "\"url\""},
            {{{"url", good}, {"vocabulary_url", "file:///etc/shadow"}}, "\"vocabulary_url\""},
            {{{"url", good}, {"size", "large"}}, "\"size\""},
            {{{"url", good}, {"default_lambda", 7}}, "\"default_lambda\""},
        };
        const QString dir = m_dir.filePath("models6");
        for (const auto& c : cases) {
            nlohmann::json entry = c.entry;
            entry["name"] = "hostile";
            entry["sha256"] = std::string(64, '0');
            const QString catalogue = m_dir.filePath("hostile.json");
            QFile file(catalogue);
            QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
            file.write(QByteArray::fromStdString(nlohmann::json::array({entry}).dump()));
            file.close();
            QProcess process;
            QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
            env.insert(QStringLiteral("RSCIR_MODELS_DIR"), dir);
            process.setProcessEnvironment(env);
            process.start(QStringLiteral(RSCIR_BIN_DIR "/rscir"), {"models", "--catalogue", catalogue, "install", "hostile"});
            QVERIFY(QTest::qWaitFor([&] { return process.state() == QProcess::NotRunning; }, 60000));
            const QByteArray err = process.readAllStandardError();
            QVERIFY2(process.exitCode() == 1 && err.contains(c.field), qPrintable(QString::fromUtf8(err) + entry.dump().c_str()));
            QCOMPARE(readAll(victim), QByteArray("keep me"));
            QVERIFY(!QFileInfo::exists(dir + "/hostile"));
        }
        // A download without a known size stops at its limit and leaves nothing behind.
        const std::string target = m_dir.filePath("limited.bin").toStdString();
        const QString failure = runServing([&]() -> QString {
            try {
                downloadFile(good, target, 0, nullptr, {}, 1000);
                return {};
            } catch (const Error& e) {
                return QString::fromStdString(e.what());
            }
        });
        QVERIFY2(failure.contains(QStringLiteral("larger than 1000 bytes")), qPrintable(failure));
        QVERIFY(!QFileInfo::exists(QString::fromStdString(target)) && !QFileInfo::exists(QString::fromStdString(target + ".part")));
    }

    void droppedConnectionResumes()
    {
        const std::string dir = m_dir.filePath("models3").toStdString();
        const auto e = entry(QStringLiteral("resumed"), QStringLiteral("/drop/model.safetensors"), sha256(m_model));
        const QString first = installFailure(e, dir);
        QVERIFY2(!first.isEmpty(), "the dropped connection was not reported");
        const qint64 partial = QFileInfo(m_dir.filePath("models3/.resumed.partial/model.safetensors.part")).size();
        QVERIFY(partial > 0 && partial < m_model.size());
        const auto model = runServing([&] { return installModel(e, dir); });
        QCOMPARE(QString::fromStdString(model.sha256), sha256(m_model));
        QVERIFY(m_server.requests.contains(QStringLiteral("/drop/model.safetensors %1").arg(partial)));
    }

    void missingFileIsReported()
    {
        const std::string dir = m_dir.filePath("models4").toStdString();
        const auto e = entry(QStringLiteral("missing"), QStringLiteral("/nothing-here.pt"), {});
        const QString message = installFailure(e, dir);
        QVERIFY2(message.contains(QStringLiteral("404")), qPrintable(message));
        QVERIFY(installedModels(dir).empty());
    }

    void importAndTheCommandLine()
    {
        const QString dir = m_dir.filePath("models5");
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("RSCIR_MODELS_DIR"), dir);
        const auto run = [&](const QStringList& arguments) {
            QProcess process;
            process.setProcessEnvironment(env);
            process.start(QStringLiteral(RSCIR_BIN_DIR "/rscir"), arguments);
            if (!QTest::qWaitFor([&] { return process.state() == QProcess::NotRunning; }, 120000))
                process.kill();
            return std::make_tuple(process.exitCode(), process.readAllStandardOutput(), process.readAllStandardError());
        };
        // A catalogue file adds an entry served from here.
        nlohmann::json catalogue = nlohmann::json::array();
        catalogue.push_back({{"name", "local-test"},
                             {"url", m_server.url(QStringLiteral("/model.safetensors")).toStdString()},
                             {"file", "model.safetensors"},
                             {"sha256", sha256(m_model).toStdString()},
                             {"activation", "gelu"},
                             {"default_lambda", 0.6},
                             {"vocabulary_url", m_server.url(QStringLiteral("/vocab.gz")).toStdString()},
                             {"vocabulary_sha256", sha256(m_vocab).toStdString()}});
        const QString catalogueFile = m_dir.filePath("catalogue.json");
        QFile file(catalogueFile);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(QByteArray::fromStdString(catalogue.dump()));
        file.close();
        auto [code, out, err] = run({"models", "--catalogue", catalogueFile, "install", "local-test"});
        QVERIFY2(code == 0, err.constData());
        std::tie(code, out, err) = run({"models", "--catalogue", catalogueFile, "list"});
        QCOMPARE(code, 0);
        QVERIFY(out.contains("\"name\":\"local-test\",\"installed\":true"));
        QVERIFY(out.contains("\"name\":\"remoteclip-vit-l-14\",\"installed\":false"));
        // For a person: a table, one row a model (a terminal gets it without asking).
        std::tie(code, out, err) = run({"models", "--catalogue", catalogueFile, "list", "--format", "table"});
        QCOMPARE(code, 0);
        QVERIFY2(out.startsWith("NAME "), out.constData());
        QVERIFY(out.contains("local-test") && out.contains("installed"));
        QVERIFY(out.contains("remoteclip-vit-l-14") && out.contains("available"));
        QVERIFY(!out.contains("{"));
        std::tie(code, out, err) = run({"models", "install", "no-such-model"});
        QCOMPARE(code, 1);
        // Import a local checkpoint under a name; a vocabulary must come with it.
        const QString tiny = m_dir.filePath("tiny.safetensors");
        std::tie(code, out, err) = run({"models", "import", tiny, "--name", "tiny"});
        QCOMPARE(code, 1);
        QVERIFY(err.contains("vocabulary"));
        if (rscir::test::haveConformance()) {
            const QString vocab = rscir::test::conformanceDir() + "/bpe_simple_vocab_16e6.txt.gz";
            std::tie(code, out, err) =
                run({"models", "import", rscir::test::conformanceDir() + "/models/gelu_b32/hf.safetensors", "--name",
                     "conformance", "--activation", "gelu", "--vocab", vocab, "--lambda", "0.4"});
            QVERIFY2(code == 0, err.constData());
            // The model is referred to by name, its vocabulary found in its folder.
            std::tie(code, out, err) = run({"embed", "--model", "conformance", "--text", "oval"});
            QVERIFY2(code == 0, err.constData());
            QVERIFY(out.contains("\"tokens\":[49406,15039,49407]"));
            std::tie(code, out, err) = run({"embed", "--model", "local-test", "--text", "oval"});
            QVERIFY2(code == 0, err.constData());
        }
        std::tie(code, out, err) = run({"models", "import", tiny, "--name", "Bad Name!"});
        QCOMPARE(code, 1);
        QVERIFY(err.contains("not a valid model name"));
        std::tie(code, out, err) = run({"models", "remove", "local-test"});
        QCOMPARE(code, 0);
    }
};

QTEST_MAIN(TestModels)
#include "test_models.moc"
