#include "core/eval/patterncom.h"

#include "core/base/error.h"
#include "core/base/text_lines.h"
#include "core/eval/dataset_path.h"
#include "core/search/archive_search.h"
#include "core/base/progress.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <fstream>
#include <map>
#include <set>
#include <unordered_map>

namespace rscir {

namespace {

std::string trim(std::string s)
{
    const auto notSpace = [](unsigned char c) { return !std::isspace(c); };
    s.erase(s.begin(), std::find_if(s.begin(), s.end(), notSpace));
    s.erase(std::find_if(s.rbegin(), s.rend(), notSpace).base(), s.end());
    return s;
}

std::string mergeClass(const std::string& name)
{
    static const std::map<std::string, std::string> merged = {
        {"denseresidential", "residential"},
        {"sparseresidential", "residential"},
        {"closedroad", "road"},
        {"intersection", "road"},
        {"bridge", "roadpass"},
        {"overpass", "roadpass"},
        {"ferryterminal", "pier"},
        {"harbor", "pier"},
        {"parkingspace", "parking"},
        {"parkinglot", "parking"},
    };
    const auto it = merged.find(name);
    return it == merged.end() ? name : it->second;
}

std::vector<std::string> readLines(const std::filesystem::path& path)
{
    std::ifstream in(path);
    if (!in)
        throw Error("cannot open " + path.string(), "is this a PatternNet folder with PatternCom inside?");
    std::vector<std::string> lines;
    std::string line;
    while (readBoundedLine(in, line, path.string()))
        lines.push_back(line);
    return lines;
}

} // namespace

std::string patternComClass(const std::string& className)
{
    std::string name;
    for (char c : className)
        if (c != '_')
            name.push_back(c);
    return mergeClass(name);
}

std::string patternComQueryClass(const std::string& fileName)
{
    const auto digit = std::find_if(fileName.begin(), fileName.end(), [](unsigned char c) { return std::isdigit(c); });
    return mergeClass(std::string(fileName.begin(), digit));
}

const std::vector<std::string>& patternComAttributes()
{
    static const std::vector<std::string> names = {"color", "shape", "density", "context", "existence", "quantity"};
    return names;
}

std::vector<std::string> PatternComDataset::prompts() const
{
    std::set<std::string> all;
    for (const auto& attribute : attributes)
        for (const auto& q : attribute.queries)
            all.insert(q.prompt);
    return {all.begin(), all.end()};
}

PatternComDataset loadPatternCom(const std::filesystem::path& root)
{
    PatternComDataset dataset;
    dataset.root = root;
    const auto csvPath = root / "patternnet.csv";
    const auto lines = readLines(csvPath);
    std::unordered_map<std::string, std::size_t> itemByName;
    for (std::size_t n = 0; n < lines.size(); ++n) {
        const std::string line = trim(lines[n]);
        if (line.empty())
            continue;
        std::vector<std::string> fields;
        std::size_t pos = 0;
        while (pos < line.size()) {
            const auto end = line.find(' ', pos);
            std::string field = line.substr(pos, end == std::string::npos ? std::string::npos : end - pos);
            if (!field.empty())
                fields.push_back(field);
            if (end == std::string::npos)
                break;
            pos = end + 1;
        }
        if (fields.size() < 3)
            throw Error(csvPath.string() + ":" + std::to_string(n + 1) + ": expected 'path label class', found '" +
                        line + "'");
        requireInsideDataset(fields[0], csvPath.string() + ":" + std::to_string(n + 1));
        const std::string fileName = std::filesystem::path(fields[0]).filename().string();
        itemByName.emplace(fileName, dataset.paths.size());
        dataset.paths.push_back(fields[0]);
        dataset.fileNames.push_back(fileName);
        dataset.classes.push_back(patternComClass(fields[2]));
    }
    if (dataset.paths.empty())
        throw Error(csvPath.string() + " lists no images");

    for (const auto& attributeName : patternComAttributes()) {
        const auto path = root / "PatternCom" / (attributeName + ".csv");
        const auto rows = readLines(path);
        struct Row {
            std::string file, value;
            std::size_t item;
            std::string category, klass;
        };
        std::vector<Row> parsed;
        std::unordered_map<std::string, std::string> valueOf; // last row wins
        std::map<std::string, std::set<std::string>> categoryValues;
        for (std::size_t n = 0; n < rows.size(); ++n) {
            const std::string line = trim(rows[n]);
            if (line.empty())
                continue;
            const std::string where = path.string() + ":" + std::to_string(n + 1) + ": ";
            const auto c1 = line.find(',');
            const auto c2 = c1 == std::string::npos ? std::string::npos : line.find(',', c1 + 1);
            if (c2 == std::string::npos)
                throw Error(where + "expected 'file,attribute,value', found '" + line + "'");
            Row row;
            row.file = trim(line.substr(0, c1));
            const std::string attribute = trim(line.substr(c1 + 1, c2 - c1 - 1));
            row.value = trim(line.substr(c2 + 1));
            if (attribute != attributeName)
                throw Error(where + "attribute '" + attribute + "' in the file of attribute '" + attributeName + "'");
            if (row.file.empty() || row.value.empty())
                throw Error(where + "empty file name or value in '" + line + "'");
            valueOf[row.file] = row.value;
            const auto found = itemByName.find(row.file);
            if (found == itemByName.end()) {
                dataset.warnings.push_back(where + "query image " + row.file +
                                           " is not in patternnet.csv; the row is skipped");
                continue;
            }
            row.item = found->second;
            row.klass = patternComQueryClass(row.file);
            row.category = attributeName + row.klass;
            categoryValues[row.category].insert(row.value);
            parsed.push_back(std::move(row));
        }
        if (parsed.empty())
            throw Error(path.string() + " holds no usable rows");

        // Relevant items per (class, value): an item's file name carries that value in
        // this attribute file and its merged class is the query's.
        std::map<std::pair<std::string, std::string>, std::vector<std::size_t>> relevantSets;
        for (std::size_t i = 0; i < dataset.fileNames.size(); ++i) {
            const auto it = valueOf.find(dataset.fileNames[i]);
            if (it != valueOf.end())
                relevantSets[{dataset.classes[i], it->second}].push_back(i);
        }

        PatternComAttribute attribute;
        attribute.name = attributeName;
        for (const auto& row : parsed) {
            for (const auto& prompt : categoryValues[row.category]) {
                if (prompt == row.value)
                    continue;
                PatternComQuery query;
                query.item = row.item;
                query.value = row.value;
                query.prompt = prompt;
                const auto rel = relevantSets.find({row.klass, prompt});
                if (rel != relevantSets.end())
                    query.relevant = rel->second;
                attribute.queries.push_back(std::move(query));
            }
        }
        dataset.attributes.push_back(std::move(attribute));
    }
    return dataset;
}

RetrievalMetrics evaluateRanking(std::span<const float> scores, const std::vector<std::size_t>& relevant)
{
    RetrievalMetrics metrics;
    const std::size_t r = relevant.size();
    if (r == 0)
        return metrics;
    const auto better = [&](std::size_t i, std::size_t j) {
        return scores[i] > scores[j] || (scores[i] == scores[j] && i < j);
    };
    std::vector<std::size_t> ordered = relevant;
    std::sort(ordered.begin(), ordered.end(), better);
    // For every item, the relevant items it outranks form a suffix of `ordered`; a
    // difference array turns those suffixes into "items ranked above" counts.
    std::vector<std::int64_t> diff(r + 1, 0);
    for (std::size_t i = 0; i < scores.size(); ++i) {
        const auto first =
            std::partition_point(ordered.begin(), ordered.end(), [&](std::size_t j) { return !better(i, j); });
        ++diff[static_cast<std::size_t>(first - ordered.begin())];
    }
    std::int64_t above = 0;
    double sum = 0.0;
    for (std::size_t m = 0; m < r; ++m) {
        above += diff[m];
        const std::size_t rank = static_cast<std::size_t>(above) + 1;
        if (m == 0)
            metrics.firstRelevantRank = rank;
        sum += static_cast<double>(m + 1) / static_cast<double>(rank);
        for (std::size_t c = 0; c < kMetricCutoffs.size(); ++c)
            if (rank <= kMetricCutoffs[c]) {
                metrics.precisionAt[c] += 1.0;
                metrics.recallAt[c] += 1.0;
            }
    }
    metrics.averagePrecision = sum / static_cast<double>(r);
    for (std::size_t c = 0; c < kMetricCutoffs.size(); ++c) {
        metrics.precisionAt[c] /= static_cast<double>(kMetricCutoffs[c]);
        metrics.recallAt[c] /= static_cast<double>(r);
    }
    return metrics;
}

double lambdaOfKey(const std::string& key)
{
    double value = 0;
    const auto [end, error] = std::from_chars(key.data(), key.data() + key.size(), value);
    if (error != std::errc() || end != key.data() + key.size())
        throw Error("'" + key + "' is not a lambda");
    return value;
}

std::string formatLambda(double lambda)
{
    char buffer[32];
    const auto result = std::to_chars(buffer, buffer + sizeof buffer, lambda);
    std::string text(buffer, result.ptr);
    if (text.find_first_of(".e") == std::string::npos)
        text += ".0";
    return text;
}

namespace {

struct Accumulator {
    double ap = 0;
    std::array<double, 4> p{}, r{};
    std::size_t count = 0;

    void add(const RetrievalMetrics& m, bool round)
    {
        ap += round ? std::round(m.averagePrecision * 10000.0) / 100.0 : m.averagePrecision * 100.0;
        for (std::size_t c = 0; c < 4; ++c) {
            p[c] += m.precisionAt[c] * 100.0;
            r[c] += m.recallAt[c] * 100.0;
        }
        ++count;
    }
    void store(AttributeScores& scores, const std::string& attribute) const
    {
        const double n = count ? static_cast<double>(count) : 1.0;
        scores.meanAP[attribute] = ap / n;
        for (std::size_t c = 0; c < 4; ++c) {
            scores.precisionAt[c][attribute] = p[c] / n;
            scores.recallAt[c][attribute] = r[c] / n;
        }
    }
};

void addAverage(AttributeScores& scores)
{
    const auto average = [](std::map<std::string, double>& values) {
        double sum = 0;
        for (const auto& [key, value] : values)
            sum += value;
        values["avg"] = values.empty() ? 0.0 : sum / static_cast<double>(values.size());
    };
    average(scores.meanAP);
    for (std::size_t c = 0; c < 4; ++c) {
        average(scores.precisionAt[c]);
        average(scores.recallAt[c]);
    }
}

} // namespace

PatternComResult runPatternCom(const PatternComDataset& dataset, const EmbeddingMatrix& images,
                               const TextEncoder& encodeText, const PatternComOptions& options, Progress* progress)
{
    if (images.rows() != dataset.paths.size())
        throw Error("the benchmark has " + std::to_string(dataset.paths.size()) + " images but " +
                    std::to_string(images.rows()) + " image embeddings were given");
    for (double lambda : options.lambdas)
        if (!(lambda >= 0.0 && lambda <= 1.0))
            throw Error("lambda " + std::to_string(lambda) + " lies outside [0, 1]");

    // Every query is ranked as a search ranks it: scored terms composed into a Ranking;
    // the search keeps each text's and each query item's scores while its cache allows.
    const auto archive = archiveOf(images);
    ArchiveSearch search(archive);
    std::map<std::string, std::vector<float>> textEmbeddings;
    const auto prompts = dataset.prompts();
    for (std::size_t i = 0; i < prompts.size(); ++i) {
        if (progress) {
            if (progress->isCancelled())
                throw Cancelled{};
            progress->report(static_cast<std::int64_t>(i), static_cast<std::int64_t>(prompts.size()), "texts");
        }
        const Embedding text = encodeText(prompts[i]);
        if (text.dim() != images.dim())
            throw Error("text embeddings have dimension " + std::to_string(text.dim()) + ", image embeddings " +
                        std::to_string(images.dim()));
        textEmbeddings[prompts[i]].assign(text.values().begin(), text.values().end());
    }
    std::map<std::string, std::map<std::string, Accumulator>> baselines;
    std::map<std::string, std::map<std::string, Accumulator>> weicom, slerp, basic;
    const bool withBasic = std::find(options.methods.begin(), options.methods.end(), Method::Basic) != options.methods.end();
    if (withBasic && !options.basic)
        throw Error("BASIC was asked for without its space (corpora and image mean)");
    std::map<std::string, std::vector<float>> basicTexts;
    if (withBasic)
        for (const auto& [prompt, values] : textEmbeddings) {
            if (!options.basicText) {
                basicTexts[prompt] = values;
                continue;
            }
            const Embedding e = options.basicText(prompt);
            basicTexts[prompt].assign(e.values().begin(), e.values().end());
        }
    std::size_t totalQueries = 0, done = 0;
    for (const auto& attribute : dataset.attributes)
        totalQueries += attribute.queries.size();

    PatternComResult result;
    const auto record = [&](const std::string& run, std::size_t attribute, const RetrievalMetrics& metrics) {
        auto& perAttribute = result.queries[run];
        if (perAttribute.empty()) {
            perAttribute.resize(dataset.attributes.size());
            for (std::size_t a = 0; a < dataset.attributes.size(); ++a)
                perAttribute[a].reserve(dataset.attributes[a].queries.size());
        }
        perAttribute[attribute].push_back({metrics.averagePrecision, metrics.firstRelevantRank});
        return metrics;
    };
    for (std::size_t a = 0; a < dataset.attributes.size(); ++a) {
        const auto& attribute = dataset.attributes[a];
        for (const auto& query : attribute.queries) {
            if (progress) {
                if (progress->isCancelled())
                    throw Cancelled{};
                progress->report(static_cast<std::int64_t>(done), static_cast<std::int64_t>(totalQueries), "queries");
            }
            // One wanted image and one wanted text: the paper's two-term query, bit for bit.
            const Embedding image(images.row(query.item));
            std::vector<ScoredTerm> terms{
                {true, false, std::vector<float>(image.values().begin(), image.values().end()), {}},
                {false, false, textEmbeddings.at(query.prompt), {}}};
            const auto scored = search.score({{"image:" + std::to_string(query.item), terms[0].embedding},
                                              {"text:" + query.prompt, terms[1].embedding}});
            terms[0].scores = scored[0];
            terms[1].scores = scored[1];
            const Ranking session(archive, terms);
            for (Method method : options.methods) {
                if (method == Method::Basic) {
                    const auto& text = basicTexts.at(query.prompt);
                    const BasicRequest request{{terms[0].embedding}, {text}, options.basic, options.basicNormalisation,
                                               "patterncom", {}, {}};
                    const Ranking ranking(archive, basicSession(search, request));
                    for (double lambda : options.basicLambdas)
                        basic[formatLambda(lambda)][attribute.name].add(
                            record("basic " + formatLambda(lambda), a,
                                   evaluateRanking(ranking.scores(Method::Basic, lambda), query.relevant)),
                            options.roundLikeReference);
                } else if (method == Method::WeiCom || method == Method::Slerp) {
                    for (double lambda : options.lambdas)
                        (method == Method::WeiCom ? weicom : slerp)[formatLambda(lambda)][attribute.name].add(
                            record(std::string(methodName(method)) + " " + formatLambda(lambda), a,
                                   evaluateRanking(session.scores(method, lambda), query.relevant)),
                            options.roundLikeReference);
                } else {
                    baselines[std::string(methodName(method))][attribute.name].add(
                        record(std::string(methodName(method)), a,
                               evaluateRanking(session.scores(method, 0.0), query.relevant)),
                        options.roundLikeReference);
                }
            }
            ++done;
        }
    }

    for (const auto& [method, perAttribute] : baselines) {
        auto& scores = result.baselines[method];
        for (const auto& [name, acc] : perAttribute)
            acc.store(scores, name);
        addAverage(scores);
    }
    for (const auto& [lambda, perAttribute] : weicom) {
        auto& scores = result.weicom[lambda];
        for (const auto& [name, acc] : perAttribute)
            acc.store(scores, name);
        addAverage(scores);
    }
    for (const auto& [lambda, perAttribute] : basic) {
        auto& scores = result.basic[lambda];
        for (const auto& [name, acc] : perAttribute)
            acc.store(scores, name);
        addAverage(scores);
    }
    for (const auto& [lambda, perAttribute] : slerp) {
        auto& scores = result.slerp[lambda];
        for (const auto& [name, acc] : perAttribute)
            acc.store(scores, name);
        addAverage(scores);
    }
    if (progress)
        progress->report(static_cast<std::int64_t>(totalQueries), static_cast<std::int64_t>(totalQueries), "queries");
    return result;
}

std::string PatternComResult::toJson(bool withCutoffs) const
{
    const auto entry = [&](const AttributeScores& scores) {
        nlohmann::ordered_json object;
        for (const auto& attribute : patternComAttributes())
            if (scores.meanAP.count(attribute))
                object[attribute] = scores.meanAP.at(attribute);
        object["avg"] = scores.meanAP.at("avg");
        if (withCutoffs) {
            for (std::size_t c = 0; c < 4; ++c) {
                const std::string k = std::to_string(kMetricCutoffs[c]);
                object["precision"][k] = scores.precisionAt[c];
                object["recall"][k] = scores.recallAt[c];
            }
        }
        return object;
    };
    nlohmann::ordered_json json = nlohmann::ordered_json::object();
    for (const char* method : {"image", "text", "average"})
        if (baselines.count(method))
            json[method] = entry(baselines.at(method));
    for (const auto& [name, perLambda] : {std::pair<const char*, const std::map<std::string, AttributeScores>&>{
                                              "weicom", weicom},
                                          {"slerp", slerp},
                                          {"basic", basic}}) {
        if (perLambda.empty())
            continue;
        json[name] = nlohmann::ordered_json::object();
        std::vector<std::pair<double, std::string>> keys;
        for (const auto& [key, scores] : perLambda)
            keys.emplace_back(lambdaOfKey(key), key);
        std::sort(keys.begin(), keys.end());
        for (const auto& [value, key] : keys)
            json[name][key] = entry(perLambda.at(key));
    }
    return json.dump();
}

} // namespace rscir
