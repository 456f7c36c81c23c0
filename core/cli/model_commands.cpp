#include "core/cli/model_commands.h"

#include "core/cli/options.h"
#include "core/base/error.h"
#include "core/models/catalogue.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdio>
#include <iostream>
#include <optional>
#include <memory>

#include <unistd.h>

namespace rscir::cli {

namespace {

struct ModelArgs {
    std::string catalogue, name, file, importName, activation, vocab;
    double lambda = -1;
    std::optional<int> visionHeads, textHeads;
    std::string format; ///< models list: table or json; empty: a table on a terminal, else JSON
};

/// `models list` for a person: one row a model, the columns that decide which to use.
void printModelTable(const std::vector<InstalledModel>& installed, const std::vector<CatalogueEntry>& catalogue)
{
    struct Row {
        std::string name, state, lambda, licence, note;
    };
    const auto family = [](const std::string& f, const std::string& tokenizer) {
        return f.empty() ? std::string() : " [" + f + (tokenizer.empty() ? "" : ", " + tokenizer) + "]";
    };
    std::vector<Row> rows;
    const auto lambdaText = [](double lambda) {
        char text[16];
        std::snprintf(text, sizeof text, "%.2f", lambda);
        return std::string(text);
    };
    for (const auto& m : installed)
        rows.push_back({m.name, "installed", m.defaultLambda ? lambdaText(*m.defaultLambda) : "0.50 (default)", "",
                        m.folder.string() + family(m.family, m.tokenizer)});
    for (const auto& e : catalogue) {
        if (std::any_of(installed.begin(), installed.end(), [&](const auto& m) { return m.name == e.name; }))
            continue;
        rows.push_back({e.name, "available", lambdaText(e.defaultLambda) + (e.lambdaTuned ? "" : " (not tuned)"),
                        e.licence,
                        (e.verified ? e.title : e.title + " (not verified from here)") + family(e.family, e.tokenizer)});
    }
    const char* header[] = {"NAME", "STATE", "LAMBDA", "LICENCE", "NOTES"};
    std::size_t width[4] = {4, 5, 6, 7};
    for (const Row& r : rows) {
        width[0] = std::max(width[0], r.name.size());
        width[1] = std::max(width[1], r.state.size());
        width[2] = std::max(width[2], r.lambda.size());
        width[3] = std::max(width[3], r.licence.size());
    }
    const auto line = [&](const std::string& a, const std::string& b, const std::string& c, const std::string& d,
                          const std::string& e) {
        std::cout << a << std::string(width[0] - a.size() + 2, ' ') << b << std::string(width[1] - b.size() + 2, ' ')
                  << c << std::string(width[2] - c.size() + 2, ' ') << d << std::string(width[3] - d.size() + 2, ' ')
                  << e << "\n";
    };
    line(header[0], header[1], header[2], header[3], header[4]);
    for (const Row& r : rows)
        line(r.name, r.state, r.lambda, r.licence, r.note);
}

int runList(const ModelArgs& a)
{
    const auto installed = installedModels();
    if (a.format == "table" || (a.format.empty() && ::isatty(STDOUT_FILENO))) {
        printModelTable(installed, modelCatalogue(a.catalogue));
        std::cerr << "rscir: models are installed in " << modelsDirectory().string()
                  << " (--format json for one JSON line each)\n";
        return 0;
    }
    for (const auto& m : installed) {
        nlohmann::ordered_json line{
            {"name", m.name},     {"installed", true}, {"folder", m.folder.string()}, {"activation", m.activation},
            {"sha256", m.sha256}, {"source", m.source}};
        for (const auto& [key, value] : {std::pair{"family", &m.family}, std::pair{"towers", &m.towers},
                                         std::pair{"tokenizer", &m.tokenizer}})
            if (!value->empty())
                line[key] = *value;
        if (m.defaultLambda)
            line["default_lambda"] = *m.defaultLambda;
        std::cout << line.dump() << "\n";
    }
    for (const auto& e : modelCatalogue(a.catalogue)) {
        if (std::any_of(installed.begin(), installed.end(), [&](const auto& m) { return m.name == e.name; }))
            continue;
        nlohmann::ordered_json line{{"name", e.name},
                                    {"installed", false},
                                    {"title", e.title},
                                    {"url", e.url},
                                    {"size", e.size},
                                    {"approximate_size", e.approximateSize},
                                    {"sha256", e.sha256},
                                    {"activation", e.activation},
                                    {"family", e.family},
                                    {"towers", e.towers},
                                    {"tokenizer", e.tokenizer},
                                    {"default_lambda", e.defaultLambda},
                                    {"default_lambda_tuned", e.lambdaTuned},
                                    {"licence", e.licence},
                                    {"commercial_use", e.commercialUse ? nlohmann::json(*e.commercialUse) : nullptr},
                                    {"verified", e.verified},
                                    {"notes", e.notes}};
        std::cout << line.dump() << "\n";
    }
    std::cerr << "rscir: models are installed in " << modelsDirectory().string() << "\n";
    return 0;
}

int runInstall(const ModelArgs& a)
{
    for (const auto& entry : modelCatalogue(a.catalogue)) {
        if (entry.name != a.name)
            continue;
        std::cerr << "rscir: installing " << entry.title << " from " << entry.url << "\n";
        Progress progress = stderrProgress();
        const auto model = installModel(entry, modelsDirectory(), &progress);
        std::cout << nlohmann::ordered_json{{"name", model.name},
                                            {"folder", model.folder.string()},
                                            {"sha256", model.sha256}}
                         .dump()
                  << "\n";
        if (entry.sha256.empty())
            std::cerr << "rscir: no checksum is published for " << entry.name << "; recorded SHA-256 " << model.sha256
                      << "\n";
        return 0;
    }
    throw Error("the catalogue has no model named " + a.name, "rscir models list shows the names");
}

int runImport(const ModelArgs& a)
{
    ImportOptions options;
    options.name = a.importName;
    options.activation = a.activation;
    if (a.lambda >= 0)
        options.defaultLambda = a.lambda;
    options.vocabulary = a.vocab;
    options.visionHeads = a.visionHeads;
    options.textHeads = a.textHeads;
    const auto model = importModel(a.file, options);
    std::cout << nlohmann::ordered_json{{"name", model.name},
                                        {"folder", model.folder.string()},
                                        {"sha256", model.sha256}}
                     .dump()
              << "\n";
    return 0;
}

} // namespace

std::function<int()> addModelCommands(CLI::App& app)
{
    auto args = std::make_shared<ModelArgs>();
    auto* models = app.add_subcommand("models", "List, install, import and remove models");
    models->require_subcommand(1);
    models->add_option("--catalogue", args->catalogue, "A JSON catalogue that adds to or replaces built-in entries")
        ->check(CLI::ExistingFile);
    auto* list = models->add_subcommand(
        "list", "Installed models and the catalogue: a table on a terminal, else one JSON line each");
    list->add_option("--format", args->format, "table or json (default: a table on a terminal, else json)")
        ->check(CLI::IsMember({"table", "json"}));
    auto* install = models->add_subcommand("install", "Download a model from the catalogue (resumable, verified)");
    install->add_option("name", args->name, "Catalogue name, e.g. remoteclip-vit-l-14")->required();
    auto* import = models->add_subcommand("import", "Install a local checkpoint under a name");
    import->add_option("file", args->file, "Checkpoint file, or a model's folder (its checkpoint, configuration and tokenizer)")
        ->required()
        ->check(CLI::ExistingPath);
    import->add_option("--name", args->importName, "Name to refer to it by")->required();
    import
        ->add_option("--activation", args->activation,
                     "gelu, quickgelu or gelu_tanh (default: what the model's configuration or layout says, else gelu)")
        ->check(CLI::IsMember({"gelu", "quickgelu", "gelu_tanh"}));
    import->add_option("--lambda", args->lambda, "Default lambda for this model")->check(between(0.0, 1.0));
    import->add_option("--vocab", args->vocab,
                       "Tokenizer: CLIP's vocabulary or a SigLIP model's spiece.model (default: next to the checkpoint)");
    import
        ->add_option("--vision-heads", args->visionHeads,
                     "Attention heads of the vision tower, when they are not width / 64 (the weights cannot say)")
        ->check(integerIn(1, 1024));
    import->add_option("--text-heads", args->textHeads, "Attention heads of the text tower, when not width / 64")
        ->check(integerIn(1, 1024));
    auto* remove = models->add_subcommand("remove", "Remove an installed model");
    remove->add_option("name", args->name, "Installed model name")->required();
    return [=]() -> int {
        if (list->parsed())
            return runList(*args);
        if (install->parsed())
            return runInstall(*args);
        if (import->parsed())
            return runImport(*args);
        if (remove->parsed()) {
            removeModel(args->name);
            std::cerr << "rscir: removed " << args->name << "\n";
            return 0;
        }
        return -1;
    };
}

} // namespace rscir::cli
