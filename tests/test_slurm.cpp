// Indexing on a real Slurm cluster of one node: the test starts munged, slurmctld and
// slurmd on this machine with a configuration of its own (every file in a temporary
// folder, unprivileged ports), submits packaging/cluster/submit-slurm.sh (an array job
// of three shards and a merge job that depends on it) over a generated archive, waits
// with a bounded timeout, stops every daemon it started, and checks that the merged
// index equals one run over the whole archive. Where the daemons cannot start, it fails
// and says why: a cluster test that skips would prove nothing.

#include "core/index/index_store.h"
#include "tests/rscir_process.h"
#include "tests/test_archive.h"
#include "tests/tiny_model.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <nlohmann/json.hpp>

#include <csignal>
#include <functional>
#include <utility>
#include <pwd.h>
#include <unistd.h>

using namespace rscir;
using namespace rscir::test;

namespace {

QString findTool(const QString& name)
{
    return QStandardPaths::findExecutable(name, {"/usr/sbin", "/usr/bin", "/sbin", "/bin", "/usr/local/sbin",
                                                 "/usr/local/bin"});
}

/// Two ports nobody listens on (both held open while chosen, so they differ).
std::pair<quint16, quint16> freePorts()
{
    QTcpServer a, b;
    a.listen(QHostAddress::Any, 0);
    b.listen(QHostAddress::Any, 0);
    return {a.serverPort(), b.serverPort()};
}

QString readFile(const QString& path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? QString::fromUtf8(file.readAll()) : QString();
}

struct Run {
    int exitCode = -1;
    QString out, err;
};

Run run(const QString& program, const QStringList& arguments, const QProcessEnvironment& environment,
        int timeoutMs = 60000)
{
    QProcess process;
    process.setProcessEnvironment(environment);
    process.start(program, arguments);
    Run r;
    if (!process.waitForFinished(timeoutMs)) {
        process.kill();
        process.waitForFinished(2000);
        r.err = program + " did not finish in " + QString::number(timeoutMs / 1000) + " s";
        return r;
    }
    r.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -2;
    r.out = QString::fromUtf8(process.readAllStandardOutput());
    r.err = QString::fromUtf8(process.readAllStandardError());
    return r;
}

/// The daemons this test started, stopped (and waited for) however the test ends.
class Daemons {
public:
    ~Daemons() { stop(); }
    void started(const QString& name, const QString& pidFile) { m_pidFiles.emplace_back(name, pidFile); }
    /// Run before the daemons stop (cancelling what was submitted), once.
    void beforeStop(std::function<void()> action) { m_beforeStop = std::move(action); }
    void stop()
    {
        if (m_beforeStop)
            std::exchange(m_beforeStop, {})();
        // In reverse order: slurmd, slurmctld, then munged that they talk to.
        for (auto it = m_pidFiles.rbegin(); it != m_pidFiles.rend(); ++it) {
            const pid_t pid = readFile(it->second).trimmed().toInt();
            if (pid <= 1)
                continue;
            ::kill(pid, SIGTERM);
            for (int i = 0; i < 100 && ::kill(pid, 0) == 0; ++i)
                QThread::msleep(100);
            if (::kill(pid, 0) == 0)
                ::kill(pid, SIGKILL);
        }
        m_pidFiles.clear();
    }

private:
    std::vector<std::pair<QString, QString>> m_pidFiles;
    std::function<void()> m_beforeStop;
};

} // namespace

class TestSlurm : public QObject {
    Q_OBJECT

private slots:
    void threeShardsAndAMergeEqualOneRun()
    {
        // What the test needs, named when it is missing.
        QStringList missing;
        QMap<QString, QString> tools;
        for (const QString& name : {"munged", "munge", "unmunge", "slurmctld", "slurmd", "sbatch", "squeue", "scontrol",
                                    "sinfo", "scancel"}) {
            tools[name] = findTool(name);
            if (tools[name].isEmpty())
                missing << name;
        }
        if (!missing.isEmpty())
            QFAIL(qPrintable("cannot run a Slurm cluster here: " + missing.join(", ") +
                             " not found (packaging/install-deps.sh installs slurm-wlm and munge)"));
        if (::geteuid() != 0)
            QFAIL("cannot run a Slurm cluster here: slurmd starts jobs as their user, which needs root (the CI machine "
                  "runs as root); leave this test out with ctest -LE cluster");

        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString base = dir.path();
        for (const char* folder : {"munge", "state", "spool", "log", "out"})
            QVERIFY(QDir().mkpath(base + "/" + folder));
        QFile::setPermissions(base, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner | QFile::ReadGroup |
                                        QFile::ExeGroup | QFile::ReadOther | QFile::ExeOther);

        // The archive and the model.
        const QString archive = base + "/archive", model = base + "/tiny.safetensors";
        writeArchive(archive, true);
        writeTinyModel(model);

        // munged with a key of its own.
        {
            QFile key(base + "/munge/munge.key");
            QVERIFY(key.open(QIODevice::WriteOnly));
            QByteArray bytes(1024, 0);
            for (int i = 0; i < bytes.size(); ++i)
                bytes[i] = static_cast<char>((i * 2654435761u) >> 13);
            key.write(bytes);
            key.close();
            key.setPermissions(QFile::ReadOwner);
        }
        Daemons daemons;
        const QString socket = base + "/munge/socket";
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        Run r = run(tools["munged"],
                    {"--force", "--socket=" + socket, "--key-file=" + base + "/munge/munge.key",
                     "--log-file=" + base + "/log/munged.log", "--pid-file=" + base + "/munge/munged.pid",
                     "--seed-file=" + base + "/munge/munged.seed"},
                    env);
        daemons.started("munged", base + "/munge/munged.pid");
        QVERIFY2(r.exitCode == 0, qPrintable("munged did not start: " + r.err + readFile(base + "/log/munged.log")));
        {
            QProcess encode, decode;
            encode.setStandardOutputProcess(&decode);
            encode.start(tools["munge"], {"-S", socket, "-n"});
            decode.start(tools["unmunge"], {"-S", socket});
            QVERIFY(encode.waitForFinished(10000) && decode.waitForFinished(10000));
            const QString status = QString::fromUtf8(decode.readAllStandardOutput());
            QVERIFY2(status.contains("Success"), qPrintable("munge does not work: " + status +
                                                             readFile(base + "/log/munged.log")));
        }

        // A one-node cluster.
        char host[256] = {};
        ::gethostname(host, sizeof host - 1);
        const QString node = QString::fromLocal8Bit(host).section('.', 0, 0);
        const int cpus = std::max(1, QThread::idealThreadCount());
        const QString conf = base + "/slurm.conf";
        const auto ports = freePorts();
        {
            QFile file(conf);
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write(QString("ClusterName=rscirtest\n"
                               "SlurmctldHost=%1(127.0.0.1)\n"
                               "AuthType=auth/munge\nCredType=cred/munge\nAuthInfo=socket=%2\n"
                               "ProctrackType=proctrack/linuxproc\nTaskPlugin=task/none\n"
                               "SelectType=select/cons_tres\nSelectTypeParameters=CR_Core\nReturnToService=2\n"
                               "StateSaveLocation=%3/state\nSlurmdSpoolDir=%3/spool\n"
                               "SlurmctldPidFile=%3/slurmctld.pid\nSlurmdPidFile=%3/slurmd.pid\n"
                               "SlurmctldLogFile=%3/log/slurmctld.log\nSlurmdLogFile=%3/log/slurmd.log\n"
                               "SlurmUser=root\nSlurmctldPort=%4\nSlurmdPort=%5\n"
                               "JobAcctGatherType=jobacct_gather/none\nAccountingStorageType=accounting_storage/none\n"
                               "MpiDefault=none\nMinJobAge=600\n"
                               "NodeName=%1 NodeAddr=127.0.0.1 CPUs=%6 RealMemory=2048 State=UNKNOWN\n"
                               "PartitionName=main Nodes=%1 Default=YES MaxTime=INFINITE State=UP\n")
                           .arg(node, socket, base)
                           .arg(ports.first)
                           .arg(ports.second)
                           .arg(cpus)
                           .toUtf8());
        }
        env.insert("SLURM_CONF", conf);
        r = run(tools["slurmctld"], {}, env);
        daemons.started("slurmctld", base + "/slurmctld.pid");
        QVERIFY2(r.exitCode == 0, qPrintable("slurmctld did not start: " + r.err + readFile(base + "/log/slurmctld.log")));
        r = run(tools["slurmd"], {}, env);
        daemons.started("slurmd", base + "/slurmd.pid");
        QVERIFY2(r.exitCode == 0, qPrintable("slurmd did not start: " + r.err + readFile(base + "/log/slurmd.log")));
        QElapsedTimer clock;
        clock.start();
        QString state;
        while (clock.elapsed() < 30000) {
            state = run(tools["sinfo"], {"-h", "-o", "%T"}, env).out.trimmed();
            if (state == "idle")
                break;
            QThread::msleep(300);
        }
        QVERIFY2(state == "idle", qPrintable("the node did not become idle in 30 s (" + state + "): " +
                                             readFile(base + "/log/slurmctld.log").right(2000) +
                                             readFile(base + "/log/slurmd.log").right(2000)));

        // The array job and the merge, as a user submits them.
        env.insert("RSCIR_BIN", QStringLiteral(RSCIR_BIN_DIR "/rscir"));
        env.insert("RSCIR_INDEX_OPTIONS", "--activation gelu --device cpu");
        env.insert("RSCIR_SBATCH_OPTIONS", "--cpus-per-task=1 --mem=256M --time=10");
        env.insert("RSCIR_MERGE_SBATCH_OPTIONS", "--mem=256M --time=10");
        // However the test ends, nothing it submitted outlives the daemons.
        daemons.beforeStop([&tools, env] {
            const passwd* user = ::getpwuid(::geteuid());
            run(tools["scancel"], {"--user", QString::fromLocal8Bit(user ? user->pw_name : "root")}, env);
            QThread::msleep(500);
        });
        const QString merged = base + "/out/merged.rscir";
        clock.restart();
        r = run("/bin/bash",
                {QStringLiteral(RSCIR_SOURCE_DIR "/packaging/cluster/submit-slurm.sh"), archive, base + "/out", model, "3",
                 merged},
                env);
        QVERIFY2(r.exitCode == 0, qPrintable("submission failed: " + r.out + r.err));
        const QStringList words = r.out.split(' ');
        const QString arrayJob = words.value(2), mergeJob = words.value(words.lastIndexOf("job") + 1);
        QVERIFY2(!arrayJob.isEmpty() && !mergeJob.isEmpty(), qPrintable(r.out));
        // Bounded wait for the merge job (it ends after the array by its dependency).
        QString mergeState;
        while (clock.elapsed() < 300000) {
            const QString line = run(tools["scontrol"], {"show", "job", "-o", mergeJob}, env).out;
            mergeState = line.section("JobState=", 1).section(' ', 0, 0);
            if (!mergeState.isEmpty() && mergeState != "PENDING" && mergeState != "RUNNING" &&
                mergeState != "CONFIGURING" && mergeState != "COMPLETING")
                break;
            QThread::msleep(500);
        }
        const double slurmSeconds = clock.elapsed() / 1000.0;
        QString logs;
        for (const auto& name : QDir(base + "/out").entryList({"*.log"}))
            logs += "\n--- " + name + "\n" + readFile(base + "/out/" + name).right(1500);
        if (mergeState != "COMPLETED") {
            qWarning("%s", qPrintable(logs)); // QTest shortens long failure messages
            QFAIL(qPrintable("the merge job ended " + (mergeState.isEmpty() ? "unknown" : mergeState)));
        }
        if (!QFile::exists(merged)) {
            qWarning("%s", qPrintable(logs));
            QFAIL("the merge job ended, but wrote no index");
        }
        daemons.stop();

        // One run over the whole archive, on the same machine.
        const QString single = base + "/single.rscir";
        clock.restart();
        const auto one = runRscir({"index", "--model", model, "--activation", "gelu", "--device", "cpu", "--threads", "1",
                                   "--archive", archive, "--index", single});
        const double singleSeconds = clock.elapsed() / 1000.0;
        QVERIFY2(one.exitCode == 0, one.err.constData());
        qInfo("wall time: 3 shards and the merge under Slurm %.1f s (from submission to the merge's end); one run %.1f s",
              slurmSeconds, singleSeconds);

        // The same index: items, embeddings (within 1e-5 of the single run), failures.
        const auto a = contents(merged.toStdString()), b = contents(single.toStdString());
        QVERIFY(a.size() > 40);
        QVERIFY2(a.size() == b.size(), qPrintable(QString("%1 items merged, %2 in one run").arg(a.size()).arg(b.size())));
        for (const auto& [key, values] : b) {
            QVERIFY2(a.count(key), key.c_str());
            for (std::size_t c = 0; c < values.size(); ++c)
                QVERIFY2(std::fabs(a.at(key)[c] - values[c]) <= 2e-3f, key.c_str()); // fp16 stores, each rounded
        }
        const auto failed = [](const QString& index) {
            std::map<std::string, std::string> out;
            for (const auto& s : IndexStore::open(index.toStdString(), false, true)->sources())
                if (s.status != "done")
                    out[s.path] = s.error;
            return out;
        };
        QVERIFY(!failed(single).empty());
        QVERIFY(failed(merged) == failed(single));
        const auto shardInfo = nlohmann::json::parse(runRscir({"info", "--index", base + "/out/shard-2-of-3.rscir"}).out.toStdString());
        QCOMPARE(shardInfo["shard"].get<std::string>(), std::string("2/3"));
    }
};

QTEST_GUILESS_MAIN(TestSlurm)
#include "test_slurm.moc"
