#include "application.h"

#include "main_window.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QCoreApplication>
#include <QTextStream>

#include <cstdio>
#include <cstring>

namespace rscir::ui {

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
                        "  -h, --help     Show this help and exit.\n"
                        "  -v, --version  Show the version and exit.\n\n"
                        "Arguments:\n"
                        "  index          An archive index (.rscir) to open.\n");
            return 0;
        }
    }
    QApplication app(argc, argv);
    QCoreApplication::setOrganizationName(QStringLiteral("rscir"));
    QCoreApplication::setApplicationName(QStringLiteral("rscir"));
    QCoreApplication::setApplicationVersion(QStringLiteral(RSCIR_VERSION));
    QApplication::setApplicationDisplayName(QStringLiteral("rscir"));

    MainWindow window;
    window.show();
    return app.exec();
}

} // namespace rscir::ui
