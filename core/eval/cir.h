#pragma once
/// \file
/// A generic composed-retrieval benchmark: rows of a query image, a text and one or more
/// target images (xView2-CIR's layout — image, query_default, query_alt1, query_alt2,
/// target — reads as it is), ranked over every image of a folder. Recall@1/5/10/50 (a row
/// counts when any target is in the top k) and mAP (AP over all the row's targets), per
/// method and lambda. The query image itself is left out of its own ranking unless told.

#include "core/imagery/raster.h"
#include "core/search/embedding.h"
#include "core/search/ranking.h"

#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace rscir {

class Progress;

struct CirRow {
    std::size_t line = 0; ///< the row's number in the file, from 1 after the header
    std::string image; ///< the query image, relative to the images folder
    std::string text;
    std::vector<std::string> targets; ///< relative to the images folder
};

struct CirDataset {
    std::vector<CirRow> rows;
    std::string textColumn; ///< the column the texts came from
};

/// Reads the CSV: a header with `image`, `target` and the text column (`textColumn`, else
/// `query_default` when there is one, else `text`); several targets separated by `;`.
/// Throws rscir::Error naming the file and line.
CirDataset loadCirCsv(const std::filesystem::path& csv, const std::string& textColumn = {});

/// The rows' targets that are not among `database` (a misspelled path, a file not
/// indexed): "row N: the target T is not among the images" (rows from 1 after the header).
/// They count as never found.
std::vector<std::string> missingTargets(const CirDataset& dataset, const std::vector<std::string>& database);

/// "0,0.3,1" or a range "START:STOP:STEP" (STOP included when the steps reach it).
/// Throws rscir::Error for anything else, or a lambda outside [0, 1].
std::vector<double> parseLambdas(const std::string& text);

using CirTextEncoder = std::function<Embedding(const std::string& text)>;

struct CirOptions {
    std::vector<Method> methods = {Method::WeiCom, Method::Image, Method::Text, Method::Average};
    /// BASIC (when methods holds it): its space, normalisation, Harris weights and the text
    /// embedding it ranks with (contextualised; null: the plain one).
    std::shared_ptr<const BasicSpace> basic;
    std::optional<BasicNormalisation> basicNormalisation;
    std::vector<double> basicLambdas = {0.0, 0.05, 0.1, 0.2};
    CirTextEncoder basicText;
    std::vector<double> lambdas = parseLambdas("0:1:0.1");
    bool excludeQuery = true; ///< leave the query image out of its own ranking
    /// Conditioned on the scene: each query ranks only the images whose footprint overlaps
    /// its own by at least this intersection over union (unset: the whole database).
    std::optional<double> samePlace;
    /// Each database image's footprint (as `database`), for samePlace.
    std::vector<std::optional<Footprint>> footprints;
};

/// Runs the benchmark: `database[i]` is the path (relative to the images folder) of
/// `images.row(i)`. Returns the JSON document described in the README.
std::string runCir(const CirDataset& dataset, const std::vector<std::string>& database, const EmbeddingMatrix& images,
                   const CirTextEncoder& encodeText, const CirOptions& options = {}, Progress* progress = nullptr);

} // namespace rscir
