#pragma once
/// \file
/// Command-line driven runs of the desktop application: compose a query and save
/// screenshots (for documentation and demonstrations), and the slider benchmark that
/// measures slider-to-repaint latency inside the application.

#include <QString>

namespace rscir::ui {

class MainWindow;

struct ScriptOptions {
    QString queryImage;
    qint64 queryItem = 0;
    QString queryText;
    double lambda = -1;
    QString screenshot; ///< the main window
    QString sweepScreenshot; ///< the lambda sweep dialog
    QString viewerScreenshot; ///< the viewer of the first result
    bool any() const
    {
        return !queryImage.isEmpty() || queryItem > 0 || !queryText.isEmpty() || !screenshot.isEmpty() ||
               !sweepScreenshot.isEmpty() || !viewerScreenshot.isEmpty();
    }
    bool quitWhenDone() const
    {
        return !screenshot.isEmpty() || !sweepScreenshot.isEmpty() || !viewerScreenshot.isEmpty();
    }
};

/// Waits for the model and index, applies the query, takes the screenshots, and quits
/// when a screenshot was asked for.
void runScript(MainWindow& window, const ScriptOptions& options);

/// Drags the lambda slider across its range over `items` synthetic embeddings and prints
/// the median and worst latency from a slider change to the repainted results grid.
int runSliderBenchmark(MainWindow& window, int items, int dim = 768);

} // namespace rscir::ui
