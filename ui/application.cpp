#include "ui/application.h"

#include "ui/main_window.h"
#include "ui/scripted_run.h"
#include "ui/settings_dialog.h"

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

void installTranslations(QApplication& app, const QString& language)
{
    const QLocale locale = language.isEmpty() ? QLocale::system() : QLocale(language);
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

int runDesktop(int argc, char** argv)
{
    // --help and --version must work on a machine without a display, before QApplication.
    for (int i = 1; i < argc; ++i) {
        if (std::strcmp(argv[i], "--version") == 0 || std::strcmp(argv[i], "-v") == 0) {
            std::printf("rscir-desktop %s\n", RSCIR_VERSION);
            return 0;
        }
        if (std::strcmp(argv[i], "--help") == 0 || std::strcmp(argv[i], "-h") == 0) {
            std::printf("Usage: rscir-desktop [options] [index]\n"
                        "Composed image retrieval for remote-sensing archives.\n\n"
                        "Options:\n"
                        "  -h, --help                Show this help and exit.\n"
                        "  -v, --version             Show the version and exit.\n"
                        "  --model FILE              Load this model (checkpoint file or model folder).\n"
                        "  --activation gelu|quickgelu  Its activation (default gelu).\n"
                        "  --language CODE           Use this language (en, de, el).\n"
                        "  --query-image FILE, --query-item ID, --query-text TEXT, --lambda L\n"
                        "                            Compose this query once the model and index are ready.\n"
                        "  --screenshot PNG, --sweep-screenshot PNG, --viewer-screenshot PNG\n"
                        "                            Save the window, the lambda sweep or the first result's\n"
                        "                            viewer as PNG, then quit.\n"
                        "  --benchmark-slider N      Measure slider-to-repaint latency over N synthetic items.\n\n"
                        "Arguments:\n"
                        "  index                     An archive index (.rscir) to open.\n");
            return 0;
        }
    }
    QApplication app(argc, argv);
    QCoreApplication::setOrganizationName(QStringLiteral("rscir"));
    QCoreApplication::setApplicationName(QStringLiteral("rscir"));
    QCoreApplication::setApplicationVersion(QStringLiteral(RSCIR_VERSION));
    QApplication::setApplicationDisplayName(QStringLiteral("rscir"));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/rscir.svg")));
    QApplication::setDesktopFileName(QStringLiteral("org.rscir.rscir"));

    QCommandLineParser parser;
    const QCommandLineOption modelOption(QStringLiteral("model"), QStringLiteral("model"), QStringLiteral("file"));
    const QCommandLineOption activationOption(QStringLiteral("activation"), QStringLiteral("activation"),
                                              QStringLiteral("name"), QStringLiteral("gelu"));
    const QCommandLineOption languageOption(QStringLiteral("language"), QStringLiteral("language"),
                                            QStringLiteral("code"));
    const QCommandLineOption queryImage(QStringLiteral("query-image"), QStringLiteral("query image"),
                                        QStringLiteral("file"));
    const QCommandLineOption queryItem(QStringLiteral("query-item"), QStringLiteral("query item"),
                                       QStringLiteral("id"));
    const QCommandLineOption queryText(QStringLiteral("query-text"), QStringLiteral("query text"),
                                       QStringLiteral("text"));
    const QCommandLineOption lambda(QStringLiteral("lambda"), QStringLiteral("lambda"), QStringLiteral("value"));
    const QCommandLineOption screenshot(QStringLiteral("screenshot"), QStringLiteral("screenshot"),
                                        QStringLiteral("png"));
    const QCommandLineOption sweepShot(QStringLiteral("sweep-screenshot"), QStringLiteral("sweep"),
                                       QStringLiteral("png"));
    const QCommandLineOption viewerShot(QStringLiteral("viewer-screenshot"), QStringLiteral("viewer"),
                                        QStringLiteral("png"));
    const QCommandLineOption benchmark(QStringLiteral("benchmark-slider"), QStringLiteral("benchmark"),
                                       QStringLiteral("items"));
    parser.addOptions({modelOption, activationOption, languageOption, queryImage, queryItem, queryText, lambda,
                       screenshot, sweepShot, viewerShot, benchmark});
    parser.addPositionalArgument(QStringLiteral("index"), QStringLiteral("index"));
    parser.process(app);

    const AppSettings settings = AppSettings::load();
    installTranslations(app, parser.isSet(languageOption) ? parser.value(languageOption) : settings.language);

    MainWindow window;
    window.show();
    if (parser.isSet(benchmark))
        return runSliderBenchmark(window, parser.value(benchmark).toInt());
    ScriptOptions script;
    script.queryImage = parser.value(queryImage);
    script.queryItem = parser.value(queryItem).toLongLong();
    script.queryText = parser.value(queryText);
    script.lambda = parser.isSet(lambda) ? parser.value(lambda).toDouble() : -1.0;
    script.screenshot = parser.value(screenshot);
    script.sweepScreenshot = parser.value(sweepShot);
    script.viewerScreenshot = parser.value(viewerShot);
    if (parser.isSet(modelOption))
        window.loadModel(parser.value(modelOption), parser.value(activationOption));
    if (!parser.positionalArguments().isEmpty())
        window.openIndex(QFileInfo(parser.positionalArguments().front()).absoluteFilePath());
    window.restoreSession(!parser.isSet(modelOption), parser.positionalArguments().isEmpty());
    if (script.any())
        runScript(window, script);
    return app.exec();
}

} // namespace rscir::ui
