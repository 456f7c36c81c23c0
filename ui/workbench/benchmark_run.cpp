#include "ui/workbench/benchmark_run.h"

#include "core/base/error.h"
#include "core/eval/cir.h"
#include "core/eval/patterncom.h"
#include "core/eval/report.h"
#include "core/index/index_store.h"
#include "core/index/path_embeddings.h"
#include "core/models/basic_corpora.h"
#include "ui/models/encoder_backend.h"
#include "ui/common/errors.h"
#include "ui/jobs/jobs.h"
#include "ui/search/search_session.h"

#include <QChart>
#include <QChartView>
#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLegend>
#include <QLineEdit>
#include <QLineSeries>
#include <QPainter>
#include <QProgressBar>
#include <QPushButton>
#include <QAbstractTableModel>
#include <QLocale>
#include <QSortFilterProxyModel>
#include <QSvgGenerator>
#include <QTabWidget>
#include <QTableView>
#include <QTableWidget>
#include <QValueAxis>
#include <QVBoxLayout>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>

namespace rscir::ui::benchmark {

namespace fs = std::filesystem;

std::vector<double> parseHarrisWeights(const std::string& text)
{
    if (text.find_first_not_of(" \t") == std::string::npos)
        return {};
    auto weights = parseLambdas(text);
    for (const double w : weights)
        if (w >= kBasicHarrisLimit)
            throw Error("a Harris weight must lie below 0.25 (at 0.25 and above no item scores above 0); got " +
                        formatLambda(w));
    return weights;
}

QString runLabel(Method method, const QString& lambda)
{
    switch (method) {
    case Method::Image: return WorkbenchWindow::tr("Image only");
    case Method::Text: return WorkbenchWindow::tr("Text only");
    case Method::Average: return WorkbenchWindow::tr("Average of similarities");
    case Method::WeiCom: return WorkbenchWindow::tr("WeiCom, \u03bb %1").arg(lambda);
    case Method::Slerp: return WorkbenchWindow::tr("Slerp, \u03bb %1").arg(lambda);
    case Method::Basic: return WorkbenchWindow::tr("BASIC, Harris \u03bb %1").arg(lambda);
    }
    return {};
}

QString attributeName(const std::string& name)
{
    if (name == "color") return WorkbenchWindow::tr("Colour");
    if (name == "context") return WorkbenchWindow::tr("Context");
    if (name == "density") return WorkbenchWindow::tr("Density");
    if (name == "existence") return WorkbenchWindow::tr("Existence");
    if (name == "quantity") return WorkbenchWindow::tr("Quantity");
    if (name == "shape") return WorkbenchWindow::tr("Shape");
    if (name == "avg") return WorkbenchWindow::tr("Average");
    return QString::fromStdString(name);
}

/// The colour of an attribute's line, the same for its measured and its published sweep.
int attributeColour(const std::string& name)
{
    static const char* order[] = {"color", "context", "density", "existence", "quantity", "shape", "avg"};
    for (int i = 0; i < 7; ++i)
        if (name == order[i])
            return i;
    return 0;
}

QColor seriesColour(int index)
{
    static const QColor colours[] = {QColor(198, 40, 40), QColor(21, 101, 192), QColor(46, 125, 50),
                                     QColor(106, 27, 154), QColor(239, 108, 0), QColor(0, 131, 143),
                                     QColor(40, 40, 40)};
    return colours[index % 7];
}

namespace {

/// Dataset paths relative to the open archive's root; an error when they lie outside it.
std::vector<std::string> relativeToArchive(const fs::path& datasetRoot, const std::vector<std::string>& paths,
                                           const fs::path& archiveRoot)
{
    std::vector<std::string> out;
    out.reserve(paths.size());
    for (const auto& p : paths) {
        const auto relative = fs::absolute(datasetRoot / p).lexically_normal().lexically_relative(archiveRoot);
        if (relative.empty() || relative.begin()->string() == "..")
            throw Error("the benchmark's images (" + (datasetRoot / p).string() + ") lie outside the open archive " +
                            archiveRoot.string(),
                        "open an index of the dataset's folder first");
        out.push_back(relative.generic_string());
    }
    return out;
}


/// Every PatternCom query as a row of the workbench's query table.
void addPatternComQueries(BenchmarkRun& run, const PatternComDataset& dataset, const std::vector<std::int64_t>& itemIds)
{
    run.queryColumns = {WorkbenchWindow::tr("Attribute"), WorkbenchWindow::tr("Image"), WorkbenchWindow::tr("Class"),
                         WorkbenchWindow::tr("Value"), WorkbenchWindow::tr("Text")};
    for (std::size_t a = 0; a < dataset.attributes.size(); ++a)
        for (const auto& query : dataset.attributes[a].queries) {
            BenchmarkRun::Query q;
            q.cells = {attributeName(dataset.attributes[a].name), QString::fromStdString(dataset.fileNames[query.item]),
                       QString::fromStdString(dataset.classes[query.item]), QString::fromStdString(query.value),
                       QString::fromStdString(query.prompt)};
            q.item = itemIds[query.item];
            q.keywords = QString::fromStdString(dataset.attributes[a].name);
            q.text = QString::fromStdString(query.prompt);
            for (const auto relevant : query.relevant)
                q.positives.push_back(itemIds[relevant]);
            std::sort(q.positives.begin(), q.positives.end());
            q.description = q.cells[0] + QStringLiteral(": ") + q.cells[1] + QStringLiteral(", ") + q.cells[3] +
                            QStringLiteral(" \u2192 ") + q.cells[4];
            run.queries.push_back(std::move(q));
        }
}

/// The runs of `eval cir`'s JSON into `run` (its table and each query's outcome); the values
/// of WeiCom and BASIC by their parameter, for the chart.
std::map<Method, std::map<double, std::vector<double>>> readCirRuns(BenchmarkRun& run, const std::string& json,
                                                                    const std::map<std::size_t, std::size_t>& queryOfLine)
{
    const auto parsed = nlohmann::json::parse(json);
    std::map<Method, std::map<double, std::vector<double>>> swept;
    double best = -1, bestBasic = -1;
    for (const auto& result : parsed.at("results")) {
        const Method method = parseMethod(result.at("method").get<std::string>());
        const bool hasLambda = !result.at("lambda").is_null();
        const double lambda = hasLambda ? result.at("lambda").get<double>() : 0.0;
        BenchmarkRun::Run entry{QString::fromStdString(std::string(methodName(method))) +
                                    (hasLambda ? QStringLiteral(" ") + QString::fromStdString(formatLambda(lambda))
                                               : QString()),
                                runLabel(method, QLocale().toString(lambda)), method, lambda, {}};
        entry.values.push_back(result.at("mAP").get<double>()); // percent, as PatternCom's
        for (const char* k : {"1", "5", "10", "50"})
            entry.values.push_back(result.at("recall").at(k).get<double>());
        if (method == Method::WeiCom || method == Method::Basic) {
            swept[method][lambda] = entry.values;
            double& top = method == Method::WeiCom ? best : bestBasic;
            if (entry.values.front() > top) {
                top = entry.values.front();
                (method == Method::WeiCom ? run.bestRun : run.bestBasic) = entry.key;
            }
        }
        auto& list = run.outcomes[entry.key];
        list.assign(run.queries.size(), {0.0, 0});
        for (const auto& q : result.at("queries")) {
            const auto found = queryOfLine.find(q.at("row").get<std::size_t>());
            if (found != queryOfLine.end())
                list[found->second] = {q.at("ap").get<double>() / 100.0, // kept as a fraction, as PatternCom's
                                       q.at("first_rank").is_null() ? 0 : q.at("first_rank").get<std::size_t>()};
        }
        run.runs.push_back(std::move(entry));
    }
    return swept;
}

/// WeiCom's and BASIC's best runs as the rivals each query is judged by.
void addRivals(BenchmarkRun& run)
{
    if (!run.bestRun.isEmpty() && !run.bestBasic.isEmpty())
        run.rivals = {{run.bestRun, QStringLiteral("WeiCom")}, {run.bestBasic, QStringLiteral("BASIC")}};
}

using Sweep = BenchmarkRun::Sweep;

/// A method's sweep for the chart, without its series: what it plots against what.
Sweep sweepOf(Method method, bool patternCom)
{
    Sweep s;
    s.method = method;
    const bool basic = method == Method::Basic;
    s.title = patternCom ? (basic ? WorkbenchWindow::tr("BASIC mAP (%) against the Harris weight, per attribute")
                                  : WorkbenchWindow::tr("WeiCom mAP (%) against \u03bb, per attribute"))
                         : (basic ? WorkbenchWindow::tr("BASIC mAP and recall (%) against the Harris weight")
                                  : WorkbenchWindow::tr("WeiCom mAP and recall (%) against \u03bb"));
    s.axis = basic ? WorkbenchWindow::tr("Harris \u03bb") : QStringLiteral("\u03bb");
    s.xMax = basic ? kBasicHarrisLimit : 1.0;
    return s;
}

/// PatternCom's runs (the baselines, WeiCom per lambda, BASIC per Harris weight), each method's
/// best, its sweeps and the rivals, with one value per attribute (`attributes`, "avg" last).
void addPatternComRuns(BenchmarkRun& run, const PatternComResult& result, const std::vector<std::string>& attributes)
{
    const auto values = [&](const AttributeScores& scores) {
        std::vector<double> out;
        for (const auto& a : attributes) {
            const auto it = scores.meanAP.find(a);
            out.push_back(it == scores.meanAP.end() ? 0.0 : it->second);
        }
        return out;
    };
    for (Method method : {Method::Image, Method::Text, Method::Average})
        if (const auto it = result.baselines.find(std::string(methodName(method))); it != result.baselines.end())
            run.runs.push_back({QString::fromStdString(it->first), runLabel(method, {}), method, 0.0, values(it->second)});
    // A run per lambda of WeiCom, then per Harris weight of BASIC; each method's best marked.
    const auto addRuns = [&](Method method, const std::map<std::string, AttributeScores>& byKey, QString& bestKey) {
        std::vector<std::pair<double, std::string>> keys;
        for (const auto& [key, scores] : byKey)
            keys.emplace_back(lambdaOfKey(key), key);
        std::sort(keys.begin(), keys.end());
        double best = -1;
        for (const auto& [lambda, key] : keys) {
            run.runs.push_back({QString::fromStdString(std::string(methodName(method)) + " " + key),
                                 runLabel(method, QLocale().toString(lambda)), method, lambda, values(byKey.at(key))});
            if (run.runs.back().values.back() > best) {
                best = run.runs.back().values.back();
                bestKey = run.runs.back().key;
            }
        }
        return keys;
    };
    const auto lambdas = addRuns(Method::WeiCom, result.weicom, run.bestRun);
    const auto harris = addRuns(Method::Basic, result.basic, run.bestBasic);
    const auto sweep = [&](Method method, const std::vector<std::pair<double, std::string>>& keys,
                           const std::map<std::string, AttributeScores>& scores) {
        Sweep s = sweepOf(method, true);
        for (std::size_t a = 0; a < attributes.size(); ++a) {
            std::vector<QPointF> points;
            for (const auto& [lambda, key] : keys)
                points.emplace_back(lambda, values(scores.at(key))[a]);
            s.series.emplace_back(attributeName(attributes[a]), std::move(points));
            s.colours.push_back(attributeColour(attributes[a]));
        }
        run.sweeps.push_back(std::move(s));
    };
    sweep(Method::WeiCom, lambdas, result.weicom);
    if (!harris.empty())
        sweep(Method::Basic, harris, result.basic);
    addRivals(run);
}

/// BASIC among an evaluation's methods (PatternCom's or a composed benchmark's options): its
/// space over the benchmark's images, with the window's settings and the run's Harris weights.
template <class Options>
void addBasic(Options& options, const BenchmarkRequest& r, const EmbeddingMatrix& images, Progress& progress)
{
    if (r.basicLambdas.empty())
        return;
    StageProgress relay(progress, WorkbenchWindow::tr("embedding BASIC's corpora"));
    const BasicEvaluation basic = basicEvaluation(std::make_shared<const BasicTextModel>(basicTextModelOf(r.backend)),
                                                  images, r.basic, relay.get());
    options.methods.push_back(Method::Basic);
    useBasicEvaluation(options, basic);
    options.basicLambdas = r.basicLambdas;
}

} // namespace

std::shared_ptr<BenchmarkRun> runPatternComBenchmark(const BenchmarkRequest& r, Progress& progress)
{
    auto dataset = std::make_shared<PatternComDataset>(loadPatternCom(r.dataset));
    auto store = IndexStore::open(r.indexPath, false, true);
    const auto model = store->findModel(r.model.fingerprint, r.model.activation);
    if (!model)
        throw Error("the open index has no embeddings of " + r.model.name, "index the dataset folder with this model");
    const fs::path root = fs::absolute(store->archiveRoot()).lexically_normal();
    std::vector<std::int64_t> itemIds;
    const EmbeddingMatrix images =
        embeddingsOfFiles(*store, model->id, relativeToArchive(dataset->root, dataset->paths, root), &itemIds);
    PatternComOptions options;
    options.lambdas = r.lambdas;
    options.methods = {Method::Image, Method::Text, Method::Average, Method::WeiCom};
    addBasic(options, r, images, progress);
    auto backend = r.backend;
    auto result = std::make_shared<PatternComResult>(runPatternCom(
        *dataset, images, [&](const std::string& prompt) { return Embedding(backend->encodeTextNow(prompt)); },
        options, &progress));

    auto run = std::make_shared<BenchmarkRun>();
    run->kind = WorkbenchWindow::Kind::PatternCom;
    run->generation = r.generation;
    run->modelName = r.modelName;
    run->remoteClip = r.modelName.contains(QStringLiteral("remoteclip"), Qt::CaseInsensitive);
    std::vector<std::string> attributes;
    for (const auto& a : dataset->attributes) {
        attributes.push_back(a.name);
        run->columns << attributeName(a.name);
    }
    attributes.push_back("avg");
    run->columns << attributeName("avg");
    addPatternComRuns(*run, *result, attributes);
    addPatternComQueries(*run, *dataset, itemIds);
    for (const auto& [key, perAttribute] : result->queries) {
        auto& list = run->outcomes[QString::fromStdString(key)];
        for (const auto& queries : perAttribute)
            for (const auto& outcome : queries)
                list.emplace_back(outcome.averagePrecision, outcome.firstRelevantRank);
    }
    run->patternCom = result;
    run->patternComData = dataset;
    return run;
}

std::shared_ptr<BenchmarkRun> runComposedBenchmark(const BenchmarkRequest& r, Progress& progress)
{
    auto dataset = std::make_shared<CirDataset>(loadCirCsv(r.dataset, r.textColumn));
    auto store = IndexStore::open(r.indexPath, false, true);
    const auto model = store->findModel(r.model.fingerprint, r.model.activation);
    if (!model)
        throw Error("the open index has no embeddings of " + r.model.name, "index the images folder with this model");
    const fs::path root = fs::absolute(store->archiveRoot()).lexically_normal();
    // The database: every file the index holds whole (one item), as it was indexed.
    const auto whole = wholeFileItems(*store);
    std::vector<std::string> database;
    for (const auto& [path, id] : whole)
        database.push_back(path);
    if (database.empty())
        throw Error("the open index holds no whole images", "index the benchmark's images folder");
    std::vector<std::int64_t> itemIds;
    const EmbeddingMatrix images = embeddingsOfFiles(*store, model->id, database, &itemIds, &whole);
    CirOptions options;
    options.lambdas = r.lambdas;
    addBasic(options, r, images, progress);
    auto backend = r.backend;
    const std::string json = runCir(
        *dataset, database, images, [&](const std::string& text) { return Embedding(backend->encodeTextNow(text)); },
        options, &progress);

    auto run = std::make_shared<BenchmarkRun>();
    run->kind = WorkbenchWindow::Kind::Composed;
    run->missingTargets = static_cast<int>(missingTargets(*dataset, database).size());
    run->generation = r.generation;
    run->modelName = r.modelName;
    run->columns = {QStringLiteral("mAP (%)"), QStringLiteral("R@1 (%)"), QStringLiteral("R@5 (%)"),
                    QStringLiteral("R@10 (%)"), QStringLiteral("R@50 (%)")};
    std::map<std::size_t, std::size_t> queryOfLine;
    const auto itemOf = [&whole](const std::string& path) -> std::int64_t {
        const auto it = whole.find(path);
        return it == whole.end() ? 0 : it->second;
    };
    run->queryColumns = {WorkbenchWindow::tr("Row"), WorkbenchWindow::tr("Image"), WorkbenchWindow::tr("Text")};
    for (const auto& row : dataset->rows) {
        BenchmarkRun::Query q;
        q.cells = {QString::number(row.line), QString::fromStdString(row.image), QString::fromStdString(row.text)};
        q.item = itemOf(row.image);
        q.text = QString::fromStdString(row.text);
        for (const auto& target : row.targets)
            if (const auto id = itemOf(target))
                q.positives.push_back(id);
        std::sort(q.positives.begin(), q.positives.end());
        q.description = WorkbenchWindow::tr("row %1: %2").arg(row.line).arg(q.cells[1]);
        queryOfLine[row.line] = run->queries.size();
        run->queries.push_back(std::move(q));
    }
    const auto swept = readCirRuns(*run, json, queryOfLine);
    // The baselines first, as in the PatternCom table, then WeiCom's and BASIC's sweeps.
    std::stable_partition(run->runs.begin(), run->runs.end(), [](const BenchmarkRun::Run& r) {
        return r.method != Method::WeiCom && r.method != Method::Slerp && r.method != Method::Basic;
    });
    std::stable_partition(run->runs.begin(), run->runs.end(),
                          [](const BenchmarkRun::Run& r) { return r.method != Method::Basic; });
    addRivals(*run);
    if (run->bestRun.isEmpty() && !run->runs.empty())
        run->bestRun = run->runs.front().key;
    for (const Method method : {Method::WeiCom, Method::Basic}) {
        const auto found = swept.find(method);
        if (found == swept.end())
            continue;
        Sweep s = sweepOf(method, false);
        for (std::size_t c = 0; c < static_cast<std::size_t>(run->columns.size()); ++c) {
            std::vector<QPointF> points;
            for (const auto& [lambda, values] : found->second)
                points.emplace_back(lambda, values[c]);
            s.series.emplace_back(run->columns[static_cast<int>(c)], std::move(points));
        }
        run->sweeps.push_back(std::move(s));
    }
    run->cirJson = json;
    run->cirData = dataset;
    run->imagesDir = root;
    return run;
}

} // namespace rscir::ui::benchmark
