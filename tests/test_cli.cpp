// The rscir executable's contract: JSON on stdout, messages on stderr, exit 0 / 2 / 1.

#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

class TestCli : public QObject {
    Q_OBJECT

    struct Result {
        int exitCode = -1;
        QString out, err;
    };
    static Result run(const QStringList& arguments)
    {
        QProcess process;
        process.start(QStringLiteral(RSCIR_BIN_DIR "/rscir"), arguments);
        Result r;
        if (!process.waitForFinished(60000))
            return r;
        r.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -2;
        r.out = QString::fromUtf8(process.readAllStandardOutput());
        r.err = QString::fromUtf8(process.readAllStandardError());
        return r;
    }

private slots:
    void helpAndVersion()
    {
        auto r = run({"--help"});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.out.contains("embed"));
        QVERIFY(r.out.contains("eval"));
        r = run({"--version"});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.out.startsWith("rscir "));
        r = run({"eval", "patterncom", "--help"});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.out.contains("--lambdas"));
    }

    void badArgumentsExitTwo_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::newRow("no subcommand") << QStringList{};
        QTest::newRow("unknown subcommand") << QStringList{"frobnicate"};
        QTest::newRow("missing model") << QStringList{"embed", "--text", "a"};
        QTest::newRow("bad activation") << QStringList{"embed", "--model", "m.pt", "--activation",
                                                       "relu",  "--text",  "a"};
        QTest::newRow("bad device") << QStringList{"embed", "--model", "m.pt", "--device", "tpu", "--text", "a"};
        QTest::newRow("nothing to embed") << QStringList{"embed", "--model", "/"};
        QTest::newRow("bad lambda") << QStringList{"eval",    "patterncom", "--dataset", "/",
                                                   "--model", "/",          "--lambdas", "0.5,2"};
        QTest::newRow("bad method") << QStringList{"eval",    "patterncom", "--dataset", "/",
                                                   "--model", "/",          "--methods", "best"};
    }
    void badArgumentsExitTwo()
    {
        QFETCH(QStringList, arguments);
        const auto r = run(arguments);
        QCOMPARE(r.exitCode, 2);
        QVERIFY(r.out.isEmpty() || !r.out.startsWith("{"));
    }

    void failuresExitOneWithAReason()
    {
        QTemporaryDir dir;
        QFile bad(dir.filePath("model.pt"));
        QVERIFY(bad.open(QIODevice::WriteOnly));
        bad.write("definitely not a checkpoint, just text");
        bad.close();
        auto r = run({"embed", "--model", bad.fileName(), "--activation", "gelu", "--text", "a"});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("is not a model checkpoint"), qPrintable(r.err));
        QVERIFY(r.out.isEmpty());
        r = run({"embed", "--model", dir.filePath("nothing-here"), "--text", "a"});
        QCOMPARE(r.exitCode, 1);
        QVERIFY(r.err.startsWith("rscir: "));
        r = run({"eval", "patterncom", "--dataset", dir.path(), "--model", bad.fileName()});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("patternnet.csv"), qPrintable(r.err));
    }
};

QTEST_GUILESS_MAIN(TestCli)
#include "test_cli.moc"
