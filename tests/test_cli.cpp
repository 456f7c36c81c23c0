// The rscir executable's contract: JSON on stdout, messages on stderr, exit 0 / 2 / 1.

#include "tests/rscir_process.h"

#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

class TestCli : public QObject {
    Q_OBJECT

private slots:
    void helpAndVersion()
    {
        auto r = rscir::test::runRscir({"--help"});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.out.contains("embed"));
        QVERIFY(r.out.contains("eval"));
        r = rscir::test::runRscir({"--version"});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.out.startsWith("rscir "));
        r = rscir::test::runRscir({"eval", "patterncom", "--help"});
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
        const auto r = rscir::test::runRscir(arguments);
        QCOMPARE(r.exitCode, 2);
        QVERIFY(r.out.isEmpty() || !r.out.startsWith("{"));
    }

    void rangesReadWell_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("message");
        QTest::newRow("lambda below 0") << QStringList{"search", "--index", "x", "--model", "m", "--item", "1",
                                                       "--lambda", "-1"}
                                        << "--lambda: must lie between 0 and 1; got -1";
        QTest::newRow("top-k 0") << QStringList{"search", "--index", "x", "--model", "m", "--item", "1", "--top-k", "0"}
                                 << "--top-k: must be at least 1; got 0";
        QTest::newRow("negative threads") << QStringList{"embed", "--model", "m", "--text", "a", "--threads", "-1"}
                                          << "--threads: must be at least 0; got -1";
        QTest::newRow("item 0") << QStringList{"search", "--index", "x", "--model", "m", "--item", "0"}
                                << "--item: must be at least 1; got 0";
        QTest::newRow("top-k not a number") << QStringList{"search", "--index", "x", "--model", "m", "--item", "1",
                                                           "--top-k", "1e99"}
                                            << "is not a whole number";
        QTest::newRow("batch too large") << QStringList{"embed", "--model", "m", "--text", "a", "--batch", "5000"}
                                         << "--batch: must be at most 4096; got 5000";
    }
    void rangesReadWell()
    {
        // Out of range is an error (exit 2) in a sentence, never a 309-digit bound or a silent default.
        QFETCH(QStringList, arguments);
        QFETCH(QString, message);
        const auto r = rscir::test::runRscir(arguments);
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains(message.toUtf8()), r.err.constData());
        QVERIFY(r.err.size() < 200);
    }

    void failuresExitOneWithAReason()
    {
        QTemporaryDir dir;
        QFile bad(dir.filePath("model.pt"));
        QVERIFY(bad.open(QIODevice::WriteOnly));
        bad.write("definitely not a checkpoint, just text");
        bad.close();
        auto r = rscir::test::runRscir({"embed", "--model", bad.fileName(), "--activation", "gelu", "--text", "a"});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("is not a model checkpoint"), r.err.constData());
        QVERIFY(r.out.isEmpty());
        r = rscir::test::runRscir({"embed", "--model", dir.filePath("nothing-here"), "--text", "a"});
        QCOMPARE(r.exitCode, 1);
        QVERIFY(r.err.startsWith("rscir: "));
        r = rscir::test::runRscir({"eval", "patterncom", "--dataset", dir.path(), "--model", bad.fileName()});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("patternnet.csv"), r.err.constData());
    }
};

QTEST_GUILESS_MAIN(TestCli)
#include "test_cli.moc"
