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
