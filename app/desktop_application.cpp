#include "app/desktop_application.h"

#include "ui/shell/main_window.h"
#include "ui/script/scripted_run.h"
#include "ui/shell/settings_dialog.h"

#include "core/base/threads.h"

#include <clocale>

#include <QApplication>
#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFileInfo>
#include <QLibraryInfo>
#include <QLocale>
#include <QTranslator>

#include <cstdio>
#include <cstring>

namespace rscir::ui {

namespace {

// Qt names the standard buttons of dialogs and message boxes in the context QPlatformTheme
// and ships no Greek for them: the application's own translations carry the ones its
// dialogs use (Qt's own translator, installed later, is asked first where it has them).
[[maybe_unused]] constexpr const char* kStandardButtons[] = {
    QT_TRANSLATE_NOOP("QPlatformTheme", "OK"),
    QT_TRANSLATE_NOOP("QPlatformTheme", "Cancel"),
    QT_TRANSLATE_NOOP("QPlatformTheme", "Close"),
};

} // namespace

void installTranslations(QApplication& app, const QString& language)
{
    const QLocale locale = language.isEmpty() ? QLocale::system() : QLocale(language);
    // One number format per language: the words and the numbers (decimal comma, grouping)
    // come from the same locale, also when the language is chosen in the preferences.
    QLocale::setDefault(locale);
    auto* own = new QTranslator(&app);
    // English carries only its plural forms; it is the fallback for languages without a translation.
    if (own->load(locale, QStringLiteral("rscir"), QStringLiteral("_"), QStringLiteral(":/i18n")) ||
        own->load(QStringLiteral(":/i18n/rscir_en.qm")))
        QApplication::installTranslator(own);
    auto* qt = new QTranslator(&app);
    if (qt->load(locale, QStringLiteral("qtbase"), QStringLiteral("_"),
                 QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QApplication::installTranslator(qt);
}

namespace {

/// --help and --version, which must work on a machine without a display (before
/// QApplication); true when one of them was given and answered.
bool answeredWithoutDisplay(int argc, char** argv)
{
    for (int i = 1; i < argc; ++i) {
        if (std::strcmp(argv[i], "--version") == 0 || std::strcmp(argv[i], "-v") == 0) {
            std::printf("rscir-desktop %s\n", RSCIR_VERSION);
            return true;
        }
        if (std::strcmp(argv[i], "--help") == 0 || std::strcmp(argv[i], "-h") == 0) {
            std::printf("Usage: rscir-desktop [options] [index]\n"
                        "Composed image retrieval for remote-sensing archives.\n\n"
                        "Options:\n"
                        "  -h, --help                Show this help and exit.\n"
                        "  -v, --version             Show the version and exit.\n"
                        "  --model NAME|FILE         Load this model (installed name, checkpoint file or folder).\n"
                        "  --activation gelu|quickgelu  Its activation (default gelu).\n"
                        "  --vocab FILE              Its tokenizer vocabulary, when it is not beside it.\n"
                        "  --device auto|cpu|cuda    Where the model runs (default: the preference).\n"
                        "  --language CODE           Use this language (en, de, el).\n"
                        "  --script FILE.json        Run a list of actions (open_index, load_model, query_item,\n"
                        "                            query_image, text, method, lambda, results, wait,\n"
                        "                            screenshot, export, quit); see the README. Exits 1 when\n"
                        "                            an action fails. Never opens first-run dialogs.\n"
                        "  --benchmark-session INDEX Open INDEX, load --model twice, compose a query and drag\n"
                        "                            lambda; print one JSON line with slider-to-repaint latency\n"
                        "                            and the longest stall of the GUI event loop.\n"
                        "  --steps N                 Lambda values per drag direction (default 100).\n\n"
                        "Arguments:\n"
                        "  index                     An archive index (.rscir) to open.\n");
            return true;
        }
    }
    return false;
}

/// The application's names, icon and number format, before any window.
void setUpApplication()
{
    // Qt sets the C locale from the environment; numbers in files and on the command line
    // (GDAL, JSON, the engine's parsers) are read with a decimal point whatever the language.
    std::setlocale(LC_NUMERIC, "C");
    QCoreApplication::setOrganizationName(QStringLiteral("rscir"));
    QCoreApplication::setApplicationName(QStringLiteral("rscir"));
    QCoreApplication::setApplicationVersion(QStringLiteral(RSCIR_VERSION));
    QApplication::setApplicationDisplayName(QStringLiteral("rscir"));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/rscir.svg")));
    QApplication::setDesktopFileName(QStringLiteral("org.rscir.rscir"));
}

} // namespace

int runDesktop(int argc, char** argv)
{
    if (answeredWithoutDisplay(argc, argv))
        return 0;
    QApplication app(argc, argv);
    setUpApplication();

    QCommandLineParser parser;
    const QCommandLineOption modelOption(QStringLiteral("model"), QStringLiteral("model"), QStringLiteral("name"));
    // No default: without it the model's own settings say, as on the command line.
    const QCommandLineOption activationOption(QStringLiteral("activation"), QStringLiteral("activation"),
                                              QStringLiteral("name"));
    const QCommandLineOption vocabOption(QStringLiteral("vocab"), QStringLiteral("vocabulary"), QStringLiteral("file"));
    const QCommandLineOption deviceOption(QStringLiteral("device"), QStringLiteral("device"), QStringLiteral("name"));
    const QCommandLineOption languageOption(QStringLiteral("language"), QStringLiteral("language"),
                                            QStringLiteral("code"));
    const QCommandLineOption scriptOption(QStringLiteral("script"), QStringLiteral("script"), QStringLiteral("file"));
    const QCommandLineOption benchmarkOption(QStringLiteral("benchmark-session"), QStringLiteral("benchmark"),
                                             QStringLiteral("index"));
    const QCommandLineOption stepsOption(QStringLiteral("steps"), QStringLiteral("steps"), QStringLiteral("n"),
                                         QStringLiteral("100"));
    parser.addOptions({modelOption, activationOption, vocabOption, deviceOption, languageOption, scriptOption,
                       benchmarkOption, stepsOption});
    parser.addPositionalArgument(QStringLiteral("index"), QStringLiteral("index"));
    parser.process(app);

    const AppSettings settings = AppSettings::load();
    // One thread budget for the archive passes, decoding and the model (Preferences); the
    // GUI thread computes its small parts (a query's means) without waiting for it.
    setThreadBudget(static_cast<unsigned>(std::max(0, settings.threads)));
    computeWithoutWaitingOnThisThread();
    installTranslations(app, parser.isSet(languageOption) ? parser.value(languageOption) : settings.language);

    MainWindow window;
    if (parser.isSet(deviceOption))
        window.setDevice(parser.value(deviceOption));
    window.show();
    if (parser.isSet(benchmarkOption)) {
        if (!parser.isSet(modelOption)) {
            std::fprintf(stderr, "rscir-desktop: --benchmark-session needs --model\n");
            return 2;
        }
        SessionBenchmark benchmark;
        benchmark.index = QFileInfo(parser.value(benchmarkOption)).absoluteFilePath();
        benchmark.model = parser.value(modelOption);
        benchmark.activation = parser.value(activationOption);
        benchmark.vocabulary = parser.value(vocabOption);
        benchmark.steps = parser.value(stepsOption).toInt();
        runSessionBenchmark(window, benchmark);
        return app.exec();
    }
    if (parser.isSet(modelOption))
        window.loadModel(parser.value(modelOption), parser.value(activationOption), parser.value(vocabOption));
    if (!parser.positionalArguments().isEmpty())
        window.openIndex(QFileInfo(parser.positionalArguments().front()).absoluteFilePath());
    if (parser.isSet(scriptOption)) {
        // A script decides everything itself: no restored session, no first-run dialog.
        if (!runScriptFile(window, parser.value(scriptOption)))
            return 2;
    } else {
        window.restoreSession(!parser.isSet(modelOption), parser.positionalArguments().isEmpty());
    }
    return app.exec();
}

} // namespace rscir::ui
