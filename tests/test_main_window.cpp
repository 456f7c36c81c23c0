#include "ui/jobs/jobs.h"
#include "ui/models/models_dialog.h"
#include "ui/jobs/jobs_panel.h"
#include "ui/shell/main_window.h"
#include "ui/shell/settings_dialog.h"

#include "core/base/progress.h"
#include "core/models/catalogue.h"
#include "tests/shared_data.h"

#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QLabel>
#include <QMenu>
#include <QMenuBar>
#include <QProcess>
#include <QProgressBar>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QToolBar>

#include <atomic>
#include <thread>

using namespace rscir::ui;

class TestMainWindow : public QObject {
    Q_OBJECT
private slots:
    void initTestCase()
    {
        // The user's own settings are not read or written.
        QStandardPaths::setTestModeEnabled(true);
        QSettings().clear();
    }

    void opensOffscreen()
    {
        MainWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QCOMPARE(window.windowTitle(), QStringLiteral("rscir"));
    }

    void everyActionHasWordsAndNoShortcutIsTakenTwice()
    {
        // Two actions with one shortcut make Qt fire neither: every shortcut is unique.
        MainWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QMap<QString, QString> byShortcut;
        QStringList clashes;
        // The actions of the menus (and their submenus): what the user reaches.
        QList<QAction*> actions;
        QList<QMenu*> menus;
        for (QAction* top : window.menuBar()->actions())
            if (top->menu())
                menus << top->menu();
        while (!menus.isEmpty()) {
            for (QAction* action : menus.takeFirst()->actions()) {
                if (action->menu())
                    menus << action->menu();
                else if (!action->isSeparator())
                    actions << action;
            }
        }
        QVERIFY(actions.size() > 15);
        for (QAction* action : actions) {
            QVERIFY2(!action->text().trimmed().isEmpty(), qPrintable(action->objectName()));
            for (const QKeySequence& key : action->shortcuts()) {
                const QString text = key.toString();
                if (byShortcut.contains(text) && byShortcut[text] != action->text())
                    clashes << text + QStringLiteral(": ") + byShortcut[text] + QStringLiteral(" / ") + action->text();
                byShortcut[text] = action->text();
            }
        }
        QVERIFY2(clashes.isEmpty(), qPrintable(clashes.join(QStringLiteral("; "))));
        for (const char* key : {"Ctrl+O", "Ctrl+I", "Ctrl+M", "Ctrl+Shift+O", "Ctrl+Alt+O", "Ctrl+E", "Ctrl+L", "Ctrl+T"})
            QVERIFY2(byShortcut.contains(QString::fromLatin1(key)), key);
        // The toolbar: the eight actions of the README, in order, each with its short label.
        auto* tools = window.findChild<QToolBar*>(QStringLiteral("MainToolBar"));
        QVERIFY(tools);
        QStringList labels;
        for (QAction* action : tools->actions())
            labels << action->iconText();
        QCOMPARE(labels, QStringList({"Open Index", "Index Folder", "Models", "Query Image", "More Like", "Less Like",
                                      "\u03bb Sweep", "Export"}));
        // Without an index and a query, what needs them cannot be started.
        for (QAction* action : tools->actions())
            if (action->iconText() == QStringLiteral("Export") || action->iconText() == QStringLiteral("\u03bb Sweep"))
                QVERIFY2(!action->isEnabled(), qPrintable(action->iconText()));
        QStringList titles;
        for (QAction* action : window.menuBar()->actions())
            titles << action->text();
        QCOMPARE(titles, QStringList({"&File", "&Search", "&Labels", "E&valuate", "Se&ttings", "&Help"}));
    }

    void preferencesKeepWhatWasChosen()
    {
        AppSettings chosen;
        chosen.threads = 3;
        chosen.batchSize = 16;
        chosen.thumbnailSize = 160;
        chosen.storage = QStringLiteral("fp32");
        SettingsDialog dialog(chosen);
        // The dialog shows the settings it was given and returns what its fields hold.
        auto spins = dialog.findChildren<QSpinBox*>();
        QVERIFY(spins.size() >= 3);
        AppSettings shown = dialog.settings();
        QCOMPARE(shown.threads, 3);
        QCOMPARE(shown.batchSize, 16);
        QCOMPARE(shown.thumbnailSize, 160);
        QCOMPARE(shown.storage, QStringLiteral("fp32"));
        for (QSpinBox* spin : spins)
            if (spin->value() == 3)
                spin->setValue(5); // the user edits the thread count
        QCOMPARE(dialog.settings().threads, 5);
        // Saved and loaded again, through QSettings.
        AppSettings saved = dialog.settings();
        saved.save();
        const AppSettings loaded = AppSettings::load();
        QCOMPARE(loaded.threads, 5);
        QCOMPARE(loaded.batchSize, 16);
        QCOMPARE(loaded.thumbnailSize, 160);
        QCOMPARE(loaded.storage, QStringLiteral("fp32"));
        QSettings().clear();
    }

    void theJobsPanelShowsProgressAndCancels()
    {
        JobManager jobs;
        JobsPanel panel(&jobs);
        panel.show();
        QVERIFY(!panel.isVisible() || panel.findChildren<QProgressBar*>().isEmpty());
        std::atomic<bool> cancelledInside{false};
        auto* job = new FunctionJob(QStringLiteral("A long task"), [&](rscir::Progress& progress) {
            for (qint64 done = 0; !progress.isCancelled(); done = std::min<qint64>(done + 1, 99)) {
                progress.report(done, 100, "steps");
                std::this_thread::sleep_for(std::chrono::milliseconds(5));
            }
            cancelledInside = true;
            throw rscir::Cancelled{};
        });
        QSignalSpy cancelled(job, &Job::cancelled);
        jobs.start(job);
        QTRY_VERIFY(panel.isVisible());
        QTRY_VERIFY(!panel.findChildren<QProgressBar*>().isEmpty());
        QProgressBar* bar = panel.findChildren<QProgressBar*>().front();
        QTRY_COMPARE(bar->maximum(), 1000); // a known total: a determinate bar
        QTRY_VERIFY(bar->value() > 0);
        bool titled = false;
        for (QLabel* label : panel.findChildren<QLabel*>())
            titled = titled || label->text() == QStringLiteral("A long task");
        QVERIFY(titled);
        QPushButton* cancel = panel.findChildren<QPushButton*>().front();
        QCOMPARE(cancel->accessibleName(), QStringLiteral("Cancel A long task"));
        QTest::mouseClick(cancel, Qt::LeftButton);
        QTRY_VERIFY(cancelledInside.load());
        QTRY_COMPARE(cancelled.count(), 1);
        QTRY_VERIFY(!panel.isVisible()); // nothing runs: the panel makes room again
        QTRY_VERIFY(panel.findChildren<QProgressBar*>().isEmpty());
    }

    void theModelsDialogUsesAndRemovesAnInstalledModel()
    {
        // A model imported into the models folder: listed as installed, used, removed.
        RSCIR_REQUIRE_CONFORMANCE();
        QTemporaryDir models;
        qputenv("RSCIR_MODELS_DIR", models.path().toUtf8());
        rscir::ImportOptions options;
        options.name = "conformance-b32";
        options.vocabulary = (rscir::test::conformanceDir() + QStringLiteral("/bpe_simple_vocab_16e6.txt.gz")).toStdString();
        rscir::importModel((rscir::test::conformanceDir() + QStringLiteral("/models/gelu_b32/open_clip.safetensors"))
                               .toStdString(),
                           options);
        JobManager jobs;
        ModelsDialog dialog(&jobs);
        dialog.show();
        auto* table = dialog.findChild<QTableWidget*>();
        QVERIFY(table && table->rowCount() >= 1);
        const auto button = [&](const QString& text) {
            for (QPushButton* b : dialog.findChildren<QPushButton*>())
                if (b->text() == text)
                    return b;
            return static_cast<QPushButton*>(nullptr);
        };
        QPushButton* use = button(QStringLiteral("&Use This Model"));
        QPushButton* remove = button(QStringLiteral("&Remove"));
        QPushButton* install = button(QStringLiteral("&Install"));
        QVERIFY(use && remove && install);
        int row = -1;
        for (int r = 0; r < table->rowCount(); ++r)
            if (table->item(r, 0)->text() == QStringLiteral("conformance-b32"))
                row = r;
        QVERIFY(row >= 0);
        // A catalogue entry that is not installed can be installed, not used or removed.
        for (int r = 0; r < table->rowCount(); ++r)
            if (r != row) {
                table->selectRow(r);
                QVERIFY(install->isEnabled() && !use->isEnabled() && !remove->isEnabled());
                break;
            }
        table->selectRow(row);
        QVERIFY(use->isEnabled() && remove->isEnabled() && !install->isEnabled());
        QSignalSpy chosen(&dialog, &ModelsDialog::modelChosen);
        QTest::mouseClick(use, Qt::LeftButton);
        QCOMPARE(chosen.count(), 1);
        QVERIFY(chosen.front().at(0).toString().endsWith(QStringLiteral("conformance-b32")));
        QCOMPARE(chosen.front().at(1).toString(), QStringLiteral("gelu"));
        QCOMPARE(dialog.result(), int(QDialog::Accepted));
        // Removed: gone from the folder and no longer listed as installed.
        dialog.show();
        table->selectRow(row);
        QTest::mouseClick(remove, Qt::LeftButton);
        QVERIFY(!rscir::findInstalledModel("conformance-b32"));
        bool listedInstalled = false;
        for (int r = 0; r < table->rowCount(); ++r)
            listedInstalled = listedInstalled || table->item(r, 0)->text() == QStringLiteral("conformance-b32");
        QVERIFY(!listedInstalled);
        qunsetenv("RSCIR_MODELS_DIR");
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
            const QByteArray out = process.readAllStandardOutput();
            QVERIFY(out.startsWith(option == QStringLiteral("--version") ? "rscir-desktop " : "Usage: rscir-desktop"));
        }
    }
};

QTEST_MAIN(TestMainWindow)
#include "test_main_window.moc"
