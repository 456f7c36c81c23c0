#include "core/eval/cir.h"
#include "core/index/distinct.h"

#include "core/base/error.h"
#include "core/base/progress.h"
#include "core/base/text_lines.h"
#include "core/eval/dataset_path.h"
#include "core/search/archive_search.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <fstream>
#include <limits>
#include <map>
#include <set>
#include <sstream>
#include <unordered_map>

namespace rscir {

namespace {

std::string trim(const std::string& s)
{
    const auto first = s.find_first_not_of(" \t");
    return first == std::string::npos ? std::string() : s.substr(first, s.find_last_not_of(" \t") - first + 1);
}

std::string formatLambda(double lambda)
{
    std::ostringstream out;
    out << std::round(lambda * 1e6) / 1e6;
    return out.str();
}

} // namespace

CirDataset loadCirCsv(const std::filesystem::path& csv, const std::string& textColumn)
{
    std::ifstream in(csv);
    if (!in)
        throw Error("cannot read " + csv.string());
    std::vector<std::string> header, fields;
    std::size_t lineNumber = 0;
    if (!readCsvRecord(in, header, lineNumber, csv.string()))
        throw Error(csv.string() + " is empty");
    const auto column = [&](const std::string& name) -> std::ptrdiff_t {
        for (std::size_t i = 0; i < header.size(); ++i)
            if (trim(header[i]) == name)
                return static_cast<std::ptrdiff_t>(i);
        return -1;
    };
    CirDataset dataset;
    dataset.textColumn = !textColumn.empty() ? textColumn : column("query_default") >= 0 ? "query_default" : "text";
    const auto imageAt = column("image"), textAt = column(dataset.textColumn), targetAt = column("target");
    if (imageAt < 0 || textAt < 0 || targetAt < 0)
        throw Error(csv.string() + " line 1: the header needs the columns image, " + dataset.textColumn + " and target",
                    "xView2-CIR's layout (image, query_default, query_alt1, query_alt2, target) reads as it is");
    for (std::size_t first = lineNumber + 1; readCsvRecord(in, fields, lineNumber, csv.string()); first = lineNumber + 1) {
        if (fields.size() == 1 && trim(fields[0]).empty())
            continue;
        const std::string where = csv.string() + " line " + std::to_string(first);
        const std::size_t number = first - 1;
        const auto need = static_cast<std::size_t>(std::max({imageAt, textAt, targetAt}));
        if (fields.size() <= need)
            throw Error(where + ": it has " + std::to_string(fields.size()) + " fields; the header has " +
                        std::to_string(header.size()));
        CirRow row;
        row.line = number;
        row.image = trim(fields[static_cast<std::size_t>(imageAt)]);
        row.text = trim(fields[static_cast<std::size_t>(textAt)]);
        std::stringstream targets(fields[static_cast<std::size_t>(targetAt)]);
        for (std::string t; std::getline(targets, t, ';');)
            if (!trim(t).empty() && std::find(row.targets.begin(), row.targets.end(), trim(t)) == row.targets.end())
                row.targets.push_back(trim(t)); // a target named twice is one relevant image
        if (row.image.empty() || row.text.empty() || row.targets.empty())
            throw Error(where + ": the image, the text and at least one target must be given");
        requireInsideDataset(row.image, where);
        for (const auto& target : row.targets)
            requireInsideDataset(target, where);
        dataset.rows.push_back(std::move(row));
    }
    if (dataset.rows.empty())
        throw Error(csv.string() + " has no rows after its header");
    return dataset;
}

std::vector<double> parseLambdas(const std::string& text)
{
    std::vector<double> lambdas;
    // A decimal point whatever the process's locale (a German desktop sets LC_NUMERIC).
    const auto number = [&](const std::string& part) {
        double v = 0;
        const char* begin = part.data() + (part.size() > 1 && part[0] == '+' ? 1 : 0);
        const auto [end, error] = std::from_chars(begin, part.data() + part.size(), v);
        if (part.empty() || error != std::errc() || end != part.data() + part.size() || !std::isfinite(v))
            throw Error("'" + part + "' is not a number", "give lambdas as 0,0.3,1 or as a range START:STOP:STEP");
        return v;
    };
    if (text.find(':') != std::string::npos) {
        std::vector<std::string> parts;
        std::stringstream in(text);
        for (std::string p; std::getline(in, p, ':');)
            parts.push_back(trim(p));
        if (parts.size() != 3)
            throw Error("'" + text + "' is not a range START:STOP:STEP");
        const double start = number(parts[0]), stop = number(parts[1]), step = number(parts[2]);
        if (!(step > 0) || stop < start || (stop - start) / step > 10000)
            throw Error("the range " + text + " needs a positive step and STOP >= START, at most 10,000 values");
        const auto count = static_cast<std::size_t>(std::floor((stop - start) / step + 1e-9)) + 1;
        for (std::size_t i = 0; i < count; ++i)
            lambdas.push_back(std::round((start + static_cast<double>(i) * step) * 1e9) / 1e9);
    } else {
        std::stringstream in(text);
        for (std::string p; std::getline(in, p, ',');)
            if (!trim(p).empty())
                lambdas.push_back(number(trim(p)));
    }
    if (lambdas.empty())
        throw Error("no lambda was given");
    // A lambda given twice is one run (results are keyed by it).
    std::vector<double> unique;
    for (double l : lambdas)
        if (std::none_of(unique.begin(), unique.end(), [&](double u) { return formatLambda(u) == formatLambda(l); }))
            unique.push_back(l);
    lambdas = std::move(unique);
    for (double l : lambdas)
        if (!(l >= 0.0 && l <= 1.0))
            throw Error("lambda " + formatLambda(l) + " lies outside [0, 1]");
    return lambdas;
}

std::vector<std::string> missingTargets(const CirDataset& dataset, const std::vector<std::string>& database)
{
    const std::set<std::string> known(database.begin(), database.end());
    std::vector<std::string> missing;
    for (const CirRow& row : dataset.rows)
        for (const auto& target : row.targets)
            if (!known.count(target))
                missing.push_back("row " + std::to_string(row.line) + ": the target " + target +
                                  " is not among the images");
    return missing;
}

std::string runCir(const CirDataset& dataset, const std::vector<std::string>& database, const EmbeddingMatrix& images,
                   const CirTextEncoder& encodeText, const CirOptions& options, Progress* progress)
{
    if (images.rows() != database.size())
        throw Error("the database has " + std::to_string(database.size()) + " images but " +
                    std::to_string(images.rows()) + " embeddings were given");
    std::unordered_map<std::string, std::size_t> rowOf;
    for (std::size_t i = 0; i < database.size(); ++i)
        rowOf.emplace(database[i], i);
    struct Result {
        Method method;
        double lambda;
        double apSum = 0;
        std::array<double, 4> recall{};
        nlohmann::ordered_json queries = nlohmann::ordered_json::array();
    };
    constexpr std::array<std::size_t, 4> cutoffs{1, 5, 10, 50};
    std::vector<Result> results;
    bool withBasic = false;
    for (Method m : options.methods) {
        if (m == Method::WeiCom || m == Method::Slerp)
            for (double l : options.lambdas)
                results.push_back({m, l});
        else if (m == Method::Basic)
            for (double l : options.basicLambdas)
                results.push_back({m, l});
        else
            results.push_back({m, -1});
        withBasic = withBasic || m == Method::Basic;
    }
    if (withBasic && !options.basic)
        throw Error("BASIC was asked for without its space (corpora and image mean)");
    std::map<std::string, std::vector<float>> basicTexts;
    // Every query is ranked as a search ranks it: scored terms composed into a Ranking.
    const auto archive = archiveOf(images);
    ArchiveSearch search(archive);
    std::map<std::string, std::vector<float>> textEmbeddings;
    std::size_t done = 0;
    for (const CirRow& row : dataset.rows) {
        if (progress) {
            if (progress->isCancelled())
                throw Cancelled{};
            progress->report(static_cast<std::int64_t>(done++), static_cast<std::int64_t>(dataset.rows.size()),
                             "queries");
        }
        const auto query = rowOf.find(row.image);
        if (query == rowOf.end())
            throw Error("row " + std::to_string(row.line) + ": the query image " + row.image + " is not in the database");
        // Texts are encoded only when a method uses them (the image baseline does not).
        const bool needsText = std::any_of(options.methods.begin(), options.methods.end(),
                                           [](Method m) { return m != Method::Image; });
        if (needsText && !textEmbeddings.count(row.text)) {
            const Embedding e = encodeText(row.text);
            textEmbeddings[row.text].assign(e.values().begin(), e.values().end());
        }
        const Embedding image(images.row(query->second));
        std::vector<ScoredTerm> terms;
        terms.reserve(2); // the inputs below point into the terms' embeddings
        terms.push_back({true, false, std::vector<float>(image.values().begin(), image.values().end()), {}});
        std::vector<TermEmbedding> inputs{{"image:" + std::to_string(query->second), terms.back().embedding}};
        if (needsText) {
            terms.push_back({false, false, textEmbeddings.at(row.text), {}});
            inputs.push_back({"text:" + row.text, terms.back().embedding});
        }
        // Conditioned on the scene: the images at the query's place are the database ranked.
        std::shared_ptr<const SearchArea> area;
        if (options.samePlace) {
            if (options.footprints.size() != database.size())
                throw Error("the same place needs a footprint (or none) for each of the " +
                            std::to_string(database.size()) + " images; " + std::to_string(options.footprints.size()) +
                            " were given");
            const auto& place = options.footprints.at(query->second);
            if (!place)
                throw Error("row " + std::to_string(row.line) + ": the query image " + row.image +
                                " has no footprint; the same place needs georeferenced images",
                            "run without --same-place");
            const PlaceMatcher matcher(ItemPlace{place, 0, {}});
            auto rows = std::make_shared<SearchArea>();
            rows->key = "same place of row " + std::to_string(row.line);
            for (std::size_t i = 0; i < database.size(); ++i)
                if (options.footprints[i] && matcher.overlap(ItemPlace{options.footprints[i], 1, {}}) >= *options.samePlace)
                    rows->rows.push_back(i);
            area = std::move(rows);
        }
        const auto scored = search.score(inputs, area.get());
        for (std::size_t t = 0; t < terms.size(); ++t)
            terms[t].scores = scored[t];
        const Ranking session(archive, terms, area);
        // BASIC's own session of the same query over the same rows.
        std::optional<Ranking> basicRanking;
        if (withBasic) {
            if (!basicTexts.count(row.text)) {
                const Embedding e = options.basicText ? options.basicText(row.text) : Embedding(textEmbeddings.at(row.text));
                basicTexts[row.text].assign(e.values().begin(), e.values().end());
            }
            const BasicRequest request{{terms.front().embedding}, {basicTexts.at(row.text)}, options.basic,
                                       options.basicNormalisation, "cir", {}, {}};
            basicRanking.emplace(archive, basicSession(search, request, area.get()), area);
        }
        // The rows ranked, in the order of the scores.
        std::vector<std::size_t> ranked;
        if (area)
            ranked = area->rows;
        else
            for (std::size_t i = 0; i < database.size(); ++i)
                ranked.push_back(i);
        std::vector<std::size_t> targets;
        for (const auto& t : row.targets)
            if (const auto it = rowOf.find(t); it != rowOf.end() &&
                                               std::find(targets.begin(), targets.end(), it->second) == targets.end())
                targets.push_back(it->second);
        for (Result& r : results) {
            const auto scores = r.method == Method::Basic ? basicRanking->scores(Method::Basic, r.lambda)
                                                          : session.scores(r.method, std::max(0.0, r.lambda));
            // Ranks among the rows ranked without the query image (ties: the lower row first);
            // a target that is not ranked (not at the query's place) is never found.
            const auto rankOf = [&](std::size_t t) -> std::optional<std::size_t> {
                const auto at = std::lower_bound(ranked.begin(), ranked.end(), t);
                if (at == ranked.end() || *at != t)
                    return std::nullopt;
                const std::size_t k = static_cast<std::size_t>(at - ranked.begin());
                std::size_t above = 0;
                for (std::size_t j = 0; j < scores.size(); ++j) {
                    if (j == k || (options.excludeQuery && ranked[j] == query->second))
                        continue;
                    if (scores[j] > scores[k] || (scores[j] == scores[k] && ranked[j] < t))
                        ++above;
                }
                return above + 1;
            };
            std::vector<std::size_t> ranks;
            for (std::size_t t : targets)
                if (!(options.excludeQuery && t == query->second))
                    if (const auto rank = rankOf(t))
                        ranks.push_back(*rank);
            std::sort(ranks.begin(), ranks.end());
            double ap = 0;
            for (std::size_t m = 0; m < ranks.size(); ++m)
                ap += static_cast<double>(m + 1) / static_cast<double>(ranks[m]);
            ap /= static_cast<double>(row.targets.size()); // a target missing from the database is never found
            r.apSum += ap;
            for (std::size_t c = 0; c < cutoffs.size(); ++c)
                r.recall[c] += !ranks.empty() && ranks.front() <= cutoffs[c] ? 1.0 : 0.0;
            r.queries.push_back({{"row", row.line},
                                 {"ap", 100.0 * ap},
                                 {"first_rank", ranks.empty() ? nlohmann::ordered_json(nullptr)
                                                              : nlohmann::ordered_json(ranks.front())}});
        }
    }
    nlohmann::ordered_json json{{"results", nlohmann::ordered_json::array()},
                                {"missing_targets", missingTargets(dataset, database).size()}};
    if (options.samePlace)
        json["same_place"] = *options.samePlace;
    const double n = static_cast<double>(dataset.rows.size());
    for (Result& r : results) {
        nlohmann::ordered_json recall;
        for (std::size_t c = 0; c < cutoffs.size(); ++c)
            recall[std::to_string(cutoffs[c])] = 100.0 * r.recall[c] / n;
        json["results"].push_back({{"method", std::string(methodName(r.method))},
                                   {"lambda", r.lambda < 0 ? nlohmann::ordered_json(nullptr)
                                                           : nlohmann::ordered_json(r.lambda)},
                                   {"mAP", 100.0 * r.apSum / n},
                                   {"recall", recall},
                                   {"queries", std::move(r.queries)}});
    }
    return json.dump();
}

} // namespace rscir
