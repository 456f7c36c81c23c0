#include "core/cli/commands.h"

#include "core/cli/encoding.h"
#include "core/cli/options.h"
#include "core/cli/archive_commands.h"
#include "core/cli/label_commands.h"
#include "core/cli/model_commands.h"
#include "core/base/error.h"
#include "core/eval/cir.h"
#include "core/eval/dataset_path.h"
#include "core/eval/patterncom.h"
#include "core/eval/report.h"
#include "core/imagery/image_file.h"
#include "core/imagery/raster.h"
#include "core/index/index_store.h"
#include "core/index/path_embeddings.h"
#include "core/models/clip_encoder.h"
#include "core/search/archive_search.h"

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <map>
#include <cstdio>
#include <iostream>
#include <sstream>

#ifndef RSCIR_VERSION
#define RSCIR_VERSION "0.0.0"
#endif

namespace rscir::cli {

namespace {

int runEmbed(const ModelOptions& m, const std::vector<std::string>& images, const std::vector<std::string>& texts)
{
    if (images.empty() == texts.empty())
        throw CLI::ValidationError("embed", "give either --image FILE... or --text STRING...");
    LoadedModel loaded = loadModel(m.source(), m.clipOptions());
    std::vector<std::vector<float>> embeddings;
    std::vector<std::vector<int>> tokens;
    const std::size_t dim = static_cast<std::size_t>(loaded.model->config().embedDim);
    if (!images.empty()) {
        std::vector<std::filesystem::path> files(images.begin(), images.end());
        const EmbeddingMatrix matrix = encodeImageFiles(*loaded.model, files);
        for (std::size_t i = 0; i < matrix.rows(); ++i)
            embeddings.emplace_back(matrix.row(i).begin(), matrix.row(i).end());
    } else {
        for (const auto& text : texts)
            tokens.push_back(loaded.tokenize(text));
        const auto values = loaded.model->encodeTexts(tokens);
        for (std::size_t i = 0; i < texts.size(); ++i)
            embeddings.emplace_back(values.begin() + static_cast<std::ptrdiff_t>(i * dim),
                                    values.begin() + static_cast<std::ptrdiff_t>((i + 1) * dim));
    }
    for (std::size_t i = 0; i < embeddings.size(); ++i) {
        nlohmann::ordered_json line;
        line["input"] = images.empty() ? texts[i] : images[i];
        if (!tokens.empty())
            line["tokens"] = tokens[i];
        line["embedding"] = embeddings[i];
        std::cout << line.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
    }
    return 0;
}

/// A list (0,0.3,1) or a range (START:STOP:STEP) of lambdas; a bad one is an argument error.
std::vector<double> lambdasOption(const std::string& text, const char* option = "--lambdas")
{
    try {
        return rscir::parseLambdas(text);
    } catch (const Error& e) {
        throw CLI::ValidationError(option, e.what());
    }
}

/// BASIC's Harris weights: as lambdas, and below 0.25.
std::vector<double> harrisWeightsOption(const std::string& text)
{
    auto weights = lambdasOption(text, "--basic-lambdas");
    for (const double w : weights)
        if (w >= kBasicHarrisLimit)
            throw CLI::ValidationError("--basic-lambdas", "a Harris weight must lie below 0.25 (at 0.25 and above no "
                                                          "item scores above 0); got " + formatLambda(w));
    return weights;
}

std::vector<Method> methodsOption(const std::string& text)
{
    std::vector<Method> methods;
    std::stringstream stream(text);
    for (std::string part; std::getline(stream, part, ',');)
        try {
            methods.push_back(parseMethod(part));
        } catch (const Error& e) {
            throw CLI::ValidationError("--methods", e.what());
        }
    return methods;
}

/// The generic composed benchmark: every image under `imagesDir` is the database, encoded
/// here or read from an index of that folder.
/// The dataset's image embeddings from an index of the dataset folder (or of its images/).
EmbeddingMatrix embeddingsFromIndex(const std::string& indexPath, const ModelSource& source,
                                    const std::vector<std::string>& paths)
{
    auto store = IndexStore::open(indexPath, false, true);
    return embeddingsOfFiles(*store, indexedModel(*store, source).id, paths);
}

/// BASIC, where the evaluation's methods hold it: its space over the dataset's images and the
/// texts it ranks with, said in one line.
template <class Options>
void addBasicEvaluation(Options& options, LoadedModel& loaded, const EmbeddingMatrix& images, const BasicOptions& basic,
                        Progress& progress)
{
    if (std::find(options.methods.begin(), options.methods.end(), Method::Basic) == options.methods.end())
        return;
    const BasicEvaluation b = basicEvaluation(
        std::make_shared<BasicTextModel>(basicTextModel(loaded, modelRecord(loaded.source, 0, {}).fingerprint)), images,
        basic, &progress);
    std::cerr << "rscir: " << b.description << "\n";
    useBasicEvaluation(options, b);
}

int runEvalCir(const ModelOptions& m, const std::string& csv, const std::string& imagesDir, const std::string& indexPath,
               const std::string& textColumn, const std::string& methodsText, const std::string& lambdasText,
               bool includeQuery, std::optional<double> samePlace, const std::string& report, const BasicOptions& basic,
               const std::string& basicLambdas)
{
    CirOptions options;
    options.samePlace = samePlace;
    options.methods = methodsOption(methodsText);
    options.lambdas = lambdasOption(lambdasText);
    options.basicLambdas = harrisWeightsOption(basicLambdas);
    options.excludeQuery = !includeQuery;
    const CirDataset dataset = loadCirCsv(csv, textColumn);
    namespace fs = std::filesystem;
    std::vector<std::string> database;
    std::error_code ec;
    for (auto it = fs::recursive_directory_iterator(imagesDir, fs::directory_options::skip_permission_denied, ec);
         !ec && it != fs::recursive_directory_iterator(); it.increment(ec))
        if (it->is_regular_file(ec) && looksLikeImage(it->path())) {
            if (resolvesInside(imagesDir, it->path()))
                database.push_back(it->path().lexically_relative(imagesDir).generic_string());
            else
                std::cerr << "rscir: " << it->path().string()
                          << " is a link that leads out of the images' folder; it is left out\n";
        }
    std::sort(database.begin(), database.end());
    if (database.empty())
        throw Error(imagesDir + " holds no images");
    // A misspelled target would count as never found without a word.
    if (const auto missing = missingTargets(dataset, database); !missing.empty()) {
        for (std::size_t i = 0; i < missing.size() && i < 20; ++i)
            std::cerr << "rscir: " << csv << " " << missing[i] << "\n";
        std::cerr << "rscir: " << missing.size() << (missing.size() == 1 ? " target is" : " targets are")
                  << " not among the images of " << imagesDir << "; they count as never found\n";
    }
    if (samePlace) { // every image's footprint, from its header
        std::size_t placed = 0;
        for (const auto& p : database) {
            std::optional<Footprint> footprint;
            try {
                const auto raster = Raster::open(fs::path(imagesDir) / p);
                footprint = raster->footprint(Window{0, 0, raster->facts().width, raster->facts().height});
            } catch (const Error&) {
                // not read here: no footprint (encoding it says why)
            }
            placed += footprint.has_value();
            options.footprints.push_back(footprint);
        }
        std::cerr << "rscir: the same place: " << placed << " of " << database.size()
                  << " images are georeferenced; each query ranks the images at its own place\n";
    }
    LoadedModel loaded = loadModel(m.source(), m.clipOptions());
    std::cerr << "rscir: " << loaded.model->config().name() << " ("
              << activationName(loaded.model->options().activation) << ") on " << loaded.model->deviceName() << "; "
              << dataset.rows.size() << " queries over " << database.size() << " images (texts from "
              << dataset.textColumn << ")\n";
    Progress progress = stderrProgress();
    EmbeddingMatrix images;
    if (indexPath.empty()) {
        std::vector<fs::path> files;
        for (const auto& p : database)
            files.push_back(fs::path(imagesDir) / p);
        images = encodeImageFiles(*loaded.model, files, &progress);
    } else {
        images = embeddingsFromIndex(indexPath, loaded.source, database);
    }
    addBasicEvaluation(options, loaded, images, basic, progress);
    const std::string result = runCir(
        dataset, database, images, [&](const std::string& text) { return loaded.encodeText(text); }, options,
        &progress);
    std::cout << result << "\n";
    if (!report.empty()) {
        writeBenchmarkReport(report, cirReport(result, dataset, imagesDir,
                                               std::filesystem::path(csv).filename().string() + " \u2014 " +
                                                   loaded.source.name));
        std::cerr << "rscir: wrote " << report << "\n";
    }
    return 0;
}

int runEvalPatternCom(const ModelOptions& m, const std::string& datasetDir, const std::string& methodsText,
                      const std::string& lambdasText, bool cutoffs, const std::string& indexPath,
                      const std::string& report, const BasicOptions& basic, const std::string& basicLambdas)
{
    PatternComOptions options;
    options.methods = methodsOption(methodsText);
    options.lambdas = lambdasOption(lambdasText);
    options.basicLambdas = harrisWeightsOption(basicLambdas);
    const PatternComDataset dataset = loadPatternCom(datasetDir);
    for (const auto& warning : dataset.warnings)
        std::cerr << "warning: " << warning << "\n";
    LoadedModel loaded = loadModel(m.source(), m.clipOptions());
    std::cerr << "rscir: " << loaded.model->config().name() << " ("
              << activationName(loaded.model->options().activation) << ") on " << loaded.model->deviceName() << "; "
              << dataset.paths.size() << " images\n";
    std::vector<std::filesystem::path> files;
    for (const auto& p : dataset.paths)
        files.push_back(datasetFile(dataset.root, p, "patternnet.csv"));
    Progress progress = stderrProgress();
    const EmbeddingMatrix images = indexPath.empty() ? encodeImageFiles(*loaded.model, files, &progress)
                                                     : embeddingsFromIndex(indexPath, loaded.source, dataset.paths);
    addBasicEvaluation(options, loaded, images, basic, progress);
    const auto result = runPatternCom(
        dataset, images, [&](const std::string& prompt) { return loaded.encodeText(prompt); }, options, &progress);
    std::cout << result.toJson(cutoffs) << "\n";
    if (!report.empty()) {
        // The paper's sweep is drawn where it compares: RemoteCLIP's weights.
        std::string name = loaded.source.name;
        std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) { return std::tolower(c); });
        writeBenchmarkReport(report, patternComReport(result, dataset, "PatternCom \u2014 " + loaded.source.name,
                                                      name.find("remoteclip") != std::string::npos));
        std::cerr << "rscir: wrote " << report << "\n";
    }
    return 0;
}

} // namespace

int run(int argc, char** argv)
{
    CLI::App app{"rscir: composed image retrieval for remote-sensing archives"};
    app.set_version_flag("--version", std::string("rscir ") + RSCIR_VERSION);
    app.require_subcommand(1);

    ModelOptions embedModel;
    std::vector<std::string> images, texts;
    auto* embed = app.add_subcommand("embed", "Print the embeddings of images or texts as JSON lines");
    embedModel.add(embed);
    embed->add_option("--image", images, "Image files")->check(CLI::ExistingFile);
    embed->add_option("--text", texts, "Texts");

    ModelOptions evalModel;
    BasicOptions evalBasic;
    std::string basicLambdas = "0,0.05,0.1,0.2";
    std::string datasetDir, methods = "weicom,image,text,average", lambdas = "0,0.3,0.5,0.6,1";
    bool cutoffs = false;
    std::string evalIndex, evalReport;
    auto* eval = app.add_subcommand("eval", "Benchmarks");
    eval->require_subcommand(1);
    auto* patterncom = eval->add_subcommand("patterncom", "Mean AP on PatternCom (PatternNet) as the paper reports it");
    evalModel.add(patterncom);
    patterncom->add_option("--dataset", datasetDir, "PatternNet folder (images/, patternnet.csv, PatternCom/)")
        ->required()
        ->check(CLI::ExistingDirectory);
    patterncom->add_option("--methods", methods, "Comma-separated: weicom,image,text,average,slerp,basic");
    patterncom->add_option("--basic-lambdas", basicLambdas, "Harris weights for BASIC (default 0,0.05,0.1,0.2)");
    addBasicOptions(patterncom, evalBasic);
    patterncom->add_option("--lambdas", lambdas, "Lambdas for WeiCom and Slerp: 0,0.3,1 or START:STOP:STEP");
    patterncom->add_flag("--cutoffs", cutoffs, "Also report P@k and R@k for k = 5, 10, 15, 20");
    patterncom->add_option("--index", evalIndex,
                           "Take the image embeddings from an index of the dataset folder instead of encoding them");
    patterncom->add_option("--report", evalReport,
                           "Also write one self-contained HTML page: the table, mAP against lambda per attribute (with "
                           "the paper's sweep for RemoteCLIP), the worst and best queries");

    ModelOptions cirModel;
    BasicOptions cirBasic;
    std::string cirBasicLambdas = "0,0.05,0.1,0.2";
    std::string cirCsv, cirImages, cirIndex, cirText, cirMethods = "weicom,image,text,average", cirLambdas = "0:1:0.1";
    bool cirIncludeQuery = false;
    std::optional<double> cirSamePlace;
    std::string cirReport;
    auto* cir = eval->add_subcommand("cir", "Recall@k and mAP of any composed benchmark: query image, text, targets");
    cirModel.add(cir);
    cir->add_option("--csv", cirCsv, "Rows of image, text and target(s) (xView2-CIR's layout reads as it is)")
        ->required()
        ->check(CLI::ExistingFile);
    cir->add_option("--images", cirImages, "The folder of every image: the database")
        ->required()
        ->check(CLI::ExistingDirectory);
    cir->add_option("--index", cirIndex, "Take the image embeddings from an index of that folder");
    cir->add_option("--text-column", cirText, "The text column (default: query_default, else text)");
    cir->add_option("--methods", cirMethods, "Comma-separated: weicom,image,text,average,slerp,basic");
    cir->add_option("--basic-lambdas", cirBasicLambdas, "Harris weights for BASIC (default 0,0.05,0.1,0.2)");
    addBasicOptions(cir, cirBasic);
    cir->add_option("--lambdas", cirLambdas, "Lambdas for WeiCom and Slerp: 0,0.5,1 or START:STOP:STEP");
    cir->add_flag("--include-query", cirIncludeQuery, "Keep the query image in its own ranking (left out by default)");
    cir->add_option("--same-place", cirSamePlace,
                    "Conditioned on the scene: each query ranks only the images whose footprint overlaps its own by "
                    "this intersection over union (0.5 without a value; the images must be georeferenced)")
        ->expected(0, 1)
        ->default_str(samePlaceDefaultText())
        ->check(overlapValidator());
    cir->add_option("--report", cirReport,
                    "Also write one self-contained HTML page: the table, mAP against lambda, the worst and best queries");

    const auto runArchiveCommand = addArchiveCommands(app);
    const auto runModelCommand = addModelCommands(app);
    const auto runLabelCommand = addLabelCommands(app);

    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        return app.exit(e) == 0 ? 0 : 2;
    }

    try {
        if (embed->parsed())
            return runEmbed(embedModel, images, texts);
        if (patterncom->parsed())
            return runEvalPatternCom(evalModel, datasetDir, methods, lambdas, cutoffs, evalIndex, evalReport, evalBasic,
                                     basicLambdas);
        if (cir->parsed())
            return runEvalCir(cirModel, cirCsv, cirImages, cirIndex, cirText, cirMethods, cirLambdas, cirIncludeQuery,
                              cirSamePlace, cirReport, cirBasic, cirBasicLambdas);
        if (const int status = runLabelCommand(); status >= 0)
            return status;
        if (const int status = runArchiveCommand(); status >= 0)
            return status;
        if (const int status = runModelCommand(); status >= 0)
            return status;
    } catch (const CLI::ParseError& e) {
        std::cerr << "rscir: " << e.what() << "\n";
        return 2;
    } catch (const Error& e) {
        std::cerr << "rscir: " << e.what() << "\n";
        return 1;
    } catch (const Cancelled&) {
        std::cerr << "rscir: cancelled\n";
        return 1;
    } catch (...) {
        // Anything core did not put into words: one line, as readable as can be (no
        // library's backtrace or compiler output).
        try {
            rethrowAsError("failed");
        } catch (const Error& e) {
            std::string line = e.what();
            line = line.substr(0, line.find('\n'));
            std::cerr << "rscir: " << line << "\n";
        } catch (...) {
            std::cerr << "rscir: failed\n";
        }
        return 1;
    }
    return 2;
}

} // namespace rscir::cli
