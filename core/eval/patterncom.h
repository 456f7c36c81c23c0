#pragma once
/// \file
/// The PatternCom benchmark (composed retrieval on PatternNet) exactly as the reference
/// protocol runs it: class merging, category prompts, relevance, AP, P@k, R@k, and the
/// per-attribute and average mean AP.

#include "core/search/embedding.h"
#include "core/search/basic.h"
#include "core/search/ranking.h"

#include <array>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace rscir {

class Progress;

/// PatternNet's class name with '_' removed, merged as the benchmark merges classes.
std::string patternComClass(const std::string& className);
/// The class a query file name belongs to: its name up to the first digit, merged.
std::string patternComQueryClass(const std::string& fileName);

struct PatternComQuery {
    std::size_t item = 0; ///< database item of the query image
    std::string value; ///< the query image's own attribute value
    std::string prompt; ///< another value of its category: the query text
    std::vector<std::size_t> relevant; ///< database items relevant to this query, ascending
};

struct PatternComAttribute {
    std::string name; ///< color, context, density, existence, quantity, shape
    std::vector<PatternComQuery> queries;
};

/// The benchmark's database (patternnet.csv order) and the queries of each attribute.
struct PatternComDataset {
    std::filesystem::path root;
    std::vector<std::string> paths; ///< image paths relative to root
    std::vector<std::string> fileNames; ///< base names
    std::vector<std::string> classes; ///< merged class of each item
    std::vector<PatternComAttribute> attributes;
    std::vector<std::string> warnings; ///< rows skipped as the reference would skip them

    std::vector<std::string> prompts() const; ///< every distinct query text, sorted
};

/// The six attributes, in the order the benchmark reports them.
const std::vector<std::string>& patternComAttributes();

/// Reads `root/patternnet.csv` and `root/PatternCom/<attribute>.csv`. Malformed input
/// throws rscir::Error naming the file and line.
PatternComDataset loadPatternCom(const std::filesystem::path& root);

/// Retrieval quality of one ranking against its relevant set.
struct RetrievalMetrics {
    double averagePrecision = 0; ///< in [0, 1]
    std::array<double, 4> precisionAt{}; ///< P@5, P@10, P@15, P@20
    std::array<double, 4> recallAt{}; ///< R@5, R@10, R@15, R@20
    std::size_t firstRelevantRank = 0; ///< from 1; 0 when there are no relevant items
};
inline constexpr std::array<std::size_t, 4> kMetricCutoffs{5, 10, 15, 20};

/// Metrics of the ranking by `scores` (higher first, ties by lower index) for the
/// given relevant items (ascending, unique). AP is 0 when there are none.
RetrievalMetrics evaluateRanking(std::span<const float> scores, const std::vector<std::size_t>& relevant);

/// Per-attribute figures in percent, plus "avg" over the attributes.
struct AttributeScores {
    std::map<std::string, double> meanAP, precisionAt[4], recallAt[4];
};

/// One query's outcome in one run.
struct PatternComQueryOutcome {
    double averagePrecision = 0; ///< in [0, 1], not rounded
    std::size_t firstRelevantRank = 0; ///< from 1; 0: none
};

struct PatternComResult {
    std::map<std::string, AttributeScores> baselines; ///< "image", "text", "average"
    std::map<std::string, AttributeScores> weicom; ///< keyed by lambda as Python prints it ("0.5")
    std::map<std::string, AttributeScores> slerp; ///< the same for Slerp, when asked for
    std::map<std::string, AttributeScores> basic; ///< BASIC, keyed by its Harris weight, when asked for
    /// Every query's outcome, per run ("image", "text", "average", "weicom 0.5", "slerp 0.5"),
    /// per attribute (in the dataset's order) and query (in the attribute's order).
    std::map<std::string, std::vector<std::vector<PatternComQueryOutcome>>> queries;
    /// `{"image": {attr: mAP, ..., "avg": x}, ..., "weicom": {"0.5": {...}}, "slerp": {...}}`; with
    /// `withCutoffs`, P@k and R@k are added under "precision" / "recall" of each entry.
    std::string toJson(bool withCutoffs = false) const;
};

using TextEncoder = std::function<Embedding(const std::string& prompt)>;

struct PatternComOptions {
    std::vector<Method> methods = allMethods();
    std::vector<double> lambdas = {0.0, 0.3, 0.5, 0.6, 1.0};
    bool roundLikeReference = true; ///< round each AP x 100 to 2 decimals, as the reference does
    /// BASIC (when methods holds it): its space, normalisation, Harris weights, and the
    /// text embedding it ranks with (contextualised; null: the plain one).
    std::shared_ptr<const BasicSpace> basic;
    std::optional<BasicNormalisation> basicNormalisation;
    std::vector<double> basicLambdas = {0.0, 0.05, 0.1, 0.2};
    TextEncoder basicText;
};

/// Runs the benchmark. `images` holds one embedding per dataset item, in dataset order.
/// `encodeText` is called once per distinct prompt.
PatternComResult runPatternCom(const PatternComDataset& dataset, const EmbeddingMatrix& images,
                               const TextEncoder& encodeText, const PatternComOptions& options = {},
                               Progress* progress = nullptr);

/// "0.0", "0.3", "1.0": how Python prints a float, the key format of the results.
std::string formatLambda(double lambda);
/// The lambda of such a key, whatever the process's locale.
double lambdaOfKey(const std::string& key);

} // namespace rscir
