#pragma once
/// \file
/// One self-contained HTML page of a composed benchmark's results, for a colleague: the
/// table of every method and lambda, mAP against lambda as an inline SVG chart, and the
/// ten worst and ten best queries (of the best WeiCom lambda, else the first result) with
/// thumbnails of the query image and its targets embedded in the page.

#include "core/eval/cir.h"

#include <filesystem>
#include <string>

namespace rscir {

/// `resultJson` is what runCir() returned for `dataset` over `imagesDir`. Written through a
/// temporary beside `path`. Throws rscir::Error.
void writeCirReport(const std::filesystem::path& path, const std::string& resultJson, const CirDataset& dataset,
                    const std::filesystem::path& imagesDir, const std::string& title);

} // namespace rscir
