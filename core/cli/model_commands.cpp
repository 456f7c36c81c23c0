#include "core/cli/model_commands.h"

#include "core/cli/options.h"
#include "core/base/error.h"
#include "core/models/catalogue.h"

#include <nlohmann/json.hpp>

#include <iostream>
#include <optional>
#include <memory>

namespace rscir::cli {

namespace {

struct ModelArgs {
    std::string catalogue, name, file, importName, activation = "gelu", vocab;
    double lambda = -1;
    std::optional<int> visionHeads, textHeads;
};

int runList(const ModelArgs& a)
{
    const auto installed = installedModels();
    for (const auto& m : installed) {
        nlohmann::ordered_json line{
            {"name", m.name},     {"installed", true}, {"folder", m.folder.string()}, {"activation", m.activation},
            {"sha256", m.sha256}, {"source", m.source}};
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
    auto* list = models->add_subcommand("list", "Installed models and the catalogue, one JSON line each");
    auto* install = models->add_subcommand("install", "Download a model from the catalogue (resumable, verified)");
    install->add_option("name", args->name, "Catalogue name, e.g. remoteclip-vit-l-14")->required();
    auto* import = models->add_subcommand("import", "Install a local checkpoint under a name");
    import->add_option("file", args->file, "Checkpoint file")->required()->check(CLI::ExistingFile);
    import->add_option("--name", args->importName, "Name to refer to it by")->required();
    import->add_option("--activation", args->activation, "gelu or quickgelu")
        ->check(CLI::IsMember({"gelu", "quickgelu"}));
    import->add_option("--lambda", args->lambda, "Default lambda for this model")->check(between(0.0, 1.0));
    import->add_option("--vocab", args->vocab, "Tokenizer vocabulary (default: next to the checkpoint)");
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
