#pragma once
/// \file
/// Scripted runs of the desktop application, through the same code paths as the mouse:
/// `--script FILE.json` (demonstrations, screenshots, tests) and `--benchmark-session`
/// (slider-to-repaint latency and the longest stall of the GUI event loop on a real
/// index, with a real model, a model switch, a composed query and a lambda drag).

#include <QString>

namespace rscir::ui {

class MainWindow;

/// Runs the actions of a script file (a JSON list of one-key objects; see the README)
/// once the event loop runs. A failing action prints its error and exits with 1; the
/// script ends with exit code 0 after its last action unless it quits earlier.
/// Returns false (and prints why) when the file cannot be read or is not a list.
bool runScriptFile(MainWindow& window, const QString& path);

struct SessionBenchmark {
    QString index;
    QString model;
    QString activation = QStringLiteral("gelu");
    QString vocabulary;
    QString device;
    QString text = QStringLiteral("with trees");
    int steps = 100; ///< lambda values per direction of the drag
};

/// Opens the index, loads the model, loads it again (a model switch), composes a query
/// (the first item and a text), drags lambda 0 -> 1 -> 0, and prints one JSON line with
/// `median_ms`, `worst_ms` (slider change to repainted grid), `max_stall_ms` (the
/// longest time the GUI event loop did not run, over the whole session) and `items`.
void runSessionBenchmark(MainWindow& window, const SessionBenchmark& options);

} // namespace rscir::ui
