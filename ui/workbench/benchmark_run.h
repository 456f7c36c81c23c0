#pragma once
/// \file
/// A benchmark run of the workbench: what the job computes (PatternCom or a composed
/// benchmark, through the core's evaluations) and hands to the window, and the words and
/// colours the window shows it with.

#include "ui/workbench/workbench_window.h"

#include "core/eval/cir.h"
#include "core/eval/patterncom.h"
#include "core/index/index_store.h"
#include "core/search/basic.h"
#include "core/search/ranking.h"

#include <QColor>
#include <QPointF>
#include <QString>
#include <QStringList>

#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace rscir {
class Progress;
}

namespace rscir::ui {

class EncoderBackend;

/// What a run gives the window: made in the job, read on the GUI thread, never changed.
struct BenchmarkRun {
    WorkbenchWindow::Kind kind = WorkbenchWindow::Kind::PatternCom;
    quint64 generation = 0;
    QString modelName;
    int missingTargets = 0; ///< targets of the benchmark that are not among the images
    bool remoteClip = false; ///< the model's name says RemoteCLIP: the paper's sweep compares
    QStringList columns; ///< of the table, after the run's name
    struct Run {
        QString key; ///< "weicom 0.5", "image"
        QString label;
        Method method = Method::WeiCom;
        double lambda = 0.5;
        std::vector<double> values; ///< one per column, in percent
    };
    std::vector<Run> runs;
    /// Each method's sweep of its parameter, for the chart: WeiCom's lambda, BASIC's Harris weight.
    struct Sweep {
        Method method = Method::WeiCom;
        QString title;
        QString axis; ///< what x is
        double xMax = 1;
        std::vector<std::pair<QString, std::vector<QPointF>>> series; ///< (parameter, percent)
        std::vector<int> colours; ///< per series; empty: by position
    };
    std::vector<Sweep> sweeps;
    /// The best run of each method compared query by query (WeiCom's and BASIC's), with the
    /// method's name: which ranks a query's positives higher.
    std::vector<std::pair<QString, QString>> rivals;
    QStringList queryColumns; ///< what describes a query
    struct Query {
        QStringList cells;
        QString keywords; ///< also found by the filter: the dataset's own words (e.g. "color")
        std::int64_t item = 0;
        QString text;
        std::vector<std::int64_t> positives;
        QString description;
    };
    std::vector<Query> queries;
    std::map<QString, std::vector<std::pair<double, std::size_t>>> outcomes; ///< run key: (AP, first rank) per query
    QString bestRun; ///< WeiCom's best (or the first run)
    QString bestBasic; ///< BASIC's best, when it ran
    // For the report.
    std::shared_ptr<const PatternComResult> patternCom;
    std::shared_ptr<const PatternComDataset> patternComData;
    std::string cirJson;
    std::shared_ptr<const CirDataset> cirData;
    std::filesystem::path imagesDir;
};

/// What a benchmark run needs, gathered on the GUI thread.
struct BenchmarkRequest {
    WorkbenchWindow::Kind kind;
    std::string dataset, textColumn, indexPath;
    std::vector<double> lambdas;
    ModelRecord model;
    QString modelName;
    std::shared_ptr<EncoderBackend> backend;
    quint64 generation = 0;
    std::vector<double> basicLambdas; ///< BASIC's Harris weights; empty: BASIC is not run
    BasicOptions basic; ///< the window's BASIC settings
};

namespace benchmark {

/// Harris weights as the workbench takes them ("0,0.05,0.1" or a range), each below 0.25;
/// an empty text: none. Throws rscir::Error.
std::vector<double> parseHarrisWeights(const std::string& text);
/// A run's name in the table: "WeiCom, λ 0.5", "Image only".
QString runLabel(Method method, const QString& lambda);
/// A PatternCom attribute in the user's language ("color" is «Colour»).
QString attributeName(const std::string& name);
/// The colour index of an attribute's line, the same for its measured and its published sweep.
int attributeColour(const std::string& name);
QColor seriesColour(int index);

/// PatternCom on the open index's embeddings, in a job.
std::shared_ptr<BenchmarkRun> runPatternComBenchmark(const BenchmarkRequest& r, Progress& progress);
/// A composed benchmark (a CSV of query images, texts and targets), in a job.
std::shared_ptr<BenchmarkRun> runComposedBenchmark(const BenchmarkRequest& r, Progress& progress);

} // namespace benchmark

} // namespace rscir::ui
