#include "ui/main_window.h"

#include <QApplication>
#include <QProcess>
#include <QTest>

class TestMainWindow : public QObject {
    Q_OBJECT
private slots:
    void opensOffscreen()
    {
        rscir::ui::MainWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QCOMPARE(window.windowTitle(), QStringLiteral("rscir"));
    }

    void versionAndHelpWithoutDisplay()
    {
        for (const QString& option : {QStringLiteral("--version"), QStringLiteral("--help")}) {
            QProcess process;
            QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
            env.remove("QT_QPA_PLATFORM");
            env.remove("DISPLAY");
            env.remove("WAYLAND_DISPLAY");
            process.setProcessEnvironment(env);
            process.start(QStringLiteral(RSCIR_BIN_DIR "/rscir-desktop"), {option});
            QVERIFY(process.waitForFinished(30000));
            QCOMPARE(process.exitCode(), 0);
            QVERIFY(!process.readAllStandardOutput().isEmpty());
        }
    }
};

QTEST_MAIN(TestMainWindow)
#include "test_main_window.moc"
