#pragma once
/// \file
/// One self-contained HTML page of a benchmark's results, for a colleague: a table, a
/// chart of figures against lambda as inline SVG (dashed lines for references such as a
/// paper's published sweep), and the worst and best queries with thumbnails of the query
/// image and its positives embedded in the page. Any benchmark fills the same structure:
/// the composed benchmark, PatternCom, the application's workbench.

#include "core/eval/cir.h"
#include "core/eval/patterncom.h"

#include <cstddef>
#include <filesystem>
#include <string>
#include <utility>
#include <vector>

namespace rscir {

struct ReportQuery {
    std::string label; ///< "row 12", "color: swimming pool, oval"
    double averagePrecision = 0; ///< in [0, 1]
    std::size_t firstRank = 0; ///< of the first positive, from 1; 0: none
    std::filesystem::path image; ///< the query image
    std::string text;
    std::vector<std::filesystem::path> positives; ///< the first few are shown
};

struct BenchmarkReport {
    std::string title;
    std::string summary; ///< one line under the title
    std::vector<std::string> columns;
    std::vector<std::vector<std::string>> rows; ///< cells, the first left-aligned
    int bestRow = -1; ///< shown in bold: the best lambda
    struct Series {
        std::string name;
        std::vector<std::pair<double, double>> points; ///< (lambda, value)
        bool dashed = false; ///< a reference, not a result of this run
    };
    std::string chartTitle; ///< e.g. "mAP (%) against λ"
    std::vector<Series> series;
    std::string queriesCaption; ///< which run the queries are of
    std::vector<ReportQuery> queries; ///< every query of that run; the page shows the ten worst and best
};

/// Writes the page through a temporary beside `path`. Throws rscir::Error.
void writeBenchmarkReport(const std::filesystem::path& path, const BenchmarkReport& report);

/// `resultJson` is what runCir() returned for `dataset` over `imagesDir`.
BenchmarkReport cirReport(const std::string& resultJson, const CirDataset& dataset,
                          const std::filesystem::path& imagesDir, const std::string& title);

/// The PatternCom result: mAP per attribute and run, WeiCom's mAP against lambda per
/// attribute, the queries of the best WeiCom lambda. With `paperSweep`, the paper's
/// RemoteCLIP ViT-L/14 sweep (its Table 3) is drawn dashed for comparison.
BenchmarkReport patternComReport(const PatternComResult& result, const PatternComDataset& dataset,
                                 const std::string& title, bool paperSweep);

/// The paper's Table 3: RemoteCLIP ViT-L/14, WeiCom mAP (%) per attribute ("color", ...,
/// "avg") at lambda 0, 0.1, ..., 1, as published (before the 2024 correction of existence).
const std::vector<std::pair<std::string, std::vector<double>>>& paperRemoteClipSweep();

} // namespace rscir
