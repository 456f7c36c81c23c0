#include "core/models/model_source.h"

#include "core/clip/tokenizer.h"
#include "core/models/catalogue.h"
#include "core/base/error.h"

#include <nlohmann/json.hpp>

#include <fstream>

namespace rscir {

ModelSource resolveModel(const std::string& model, const std::optional<Activation>& activation,
                         const std::optional<std::filesystem::path>& vocabulary)
try {
    namespace fs = std::filesystem;
    ModelSource source;
    const fs::path path(model);
    std::error_code ec;
    if (fs::is_directory(path, ec)) {
        source.name = path.filename().empty() ? path.parent_path().filename().string() : path.filename().string();
        const fs::path manifest = path / "model.json";
        if (fs::exists(manifest)) {
            std::ifstream in(manifest);
            const auto json = nlohmann::json::parse(in, nullptr, false);
            if (!json.is_object())
                throw Error(manifest.string() + " is not a JSON object");
            if (json.contains("checkpoint") && json["checkpoint"].is_string())
                source.checkpoint = path / json["checkpoint"].get<std::string>();
            if (json.contains("activation") && json["activation"].is_string()) {
                source.activation = parseActivation(json["activation"].get<std::string>());
                source.activationKnown = true;
            }
            if (json.contains("default_lambda") && json["default_lambda"].is_number())
                source.defaultLambda = json["default_lambda"].get<double>();
            if (json.contains("name") && json["name"].is_string())
                source.name = json["name"].get<std::string>();
            for (const auto& [key, target] : {std::pair{"vision_heads", &source.visionHeads},
                                              std::pair{"text_heads", &source.textHeads}}) {
                if (!json.contains(key))
                    continue;
                if (!json[key].is_number_integer() || json[key].get<std::int64_t>() < 1 ||
                    json[key].get<std::int64_t>() > 1024)
                    throw Error(manifest.string() + ": \"" + key + "\" must be a whole number of heads from 1 to 1024");
                *target = json[key].get<int>();
            }
        }
        if (source.checkpoint.empty()) {
            for (const auto& entry : fs::directory_iterator(path)) {
                const auto ext = entry.path().extension().string();
                if (entry.is_regular_file() &&
                    (ext == ".safetensors" || ext == ".pt" || ext == ".bin" || ext == ".pth")) {
                    source.checkpoint = entry.path();
                    break;
                }
            }
        }
        if (source.checkpoint.empty())
            throw Error("the model folder " + path.string() + " holds no checkpoint (.safetensors, .pt, .bin)");
    } else if (fs::is_regular_file(path, ec)) {
        source.checkpoint = path;
        source.name = path.parent_path().filename().string() + "/" + path.filename().string();
    } else if (const auto installed = findInstalledModel(model)) {
        return resolveModel(installed->folder.string(), activation, vocabulary);
    } else {
        throw Error("model " + model + " is neither a checkpoint file, a model folder, nor an installed model",
                    "pass a .safetensors/.pt/.bin file or a folder holding one; rscir models list shows the "
                    "installed models and the catalogue");
    }
    if (activation) {
        source.activation = *activation;
        source.activationKnown = true;
    }
    if (vocabulary) {
        source.vocabulary = *vocabulary;
    } else {
        try {
            source.vocabulary = ClipTokenizer::findVocabulary(source.checkpoint);
        } catch (const Error&) {
            source.vocabulary.clear();
        }
    }
    return source;
} catch (...) {
    rethrowAsError("model " + model);
}

const ClipTokenizer& LoadedModel::requireTokenizer() const
{
    if (!tokenizer)
        throw Error(ErrorCode::NoVocabularyForModel, {source.name}, "no tokenizer vocabulary was found for model " + source.name,
                    "put bpe_simple_vocab_16e6.txt.gz next to the checkpoint or pass --vocab FILE");
    return *tokenizer;
}

std::vector<int> LoadedModel::tokenize(const std::string& text) const
{
    return requireTokenizer().tokenize(text, model->config().contextLength);
}

Embedding LoadedModel::encodeText(const std::string& text)
{
    const auto tokens = tokenize(text);
    const auto values = model->encodeTexts({tokens});
    return Embedding(values);
}

LoadedModel loadModel(const ModelSource& source, const ClipOptions& options, Progress* progress)
try {
    LoadedModel loaded;
    loaded.source = source;
    ClipOptions effective = options;
    effective.activation = source.activation;
    if (source.visionHeads)
        effective.visionHeads = *source.visionHeads;
    if (source.textHeads)
        effective.textHeads = *source.textHeads;
    loaded.model = ClipModel::load(source.checkpoint, effective, progress);
    if (!source.vocabulary.empty())
        loaded.tokenizer.emplace(ClipTokenizer::load(source.vocabulary));
    return loaded;
} catch (...) {
    rethrowAsError("loading " + source.checkpoint.string());
}

} // namespace rscir
