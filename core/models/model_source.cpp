#include "core/models/model_source.h"

#include "core/clip/tokenizer.h"
#include "core/models/catalogue.h"
#include "core/base/error.h"

#include <nlohmann/json.hpp>

#include <fstream>

namespace rscir {

namespace {

/// A configuration file beside a checkpoint, parsed; null when there is none, or when it
/// is not a model's configuration (larger than 1 MiB, not a JSON object): a checkpoint in a
/// folder of other files must not fail for someone else's config.json.
nlohmann::json readConfigurationFile(const std::filesystem::path& file)
{
    std::error_code ec;
    if (!std::filesystem::is_regular_file(file, ec))
        return nullptr;
    if (std::filesystem::file_size(file, ec) > (1u << 20) || ec)
        return nullptr;
    std::ifstream in(file);
    auto json = nlohmann::json::parse(in, nullptr, false);
    if (!json.is_object())
        return nullptr;
    return json;
}

std::string stringIn(const nlohmann::json& object, const char* key)
{
    return object.is_object() && object.contains(key) && object[key].is_string() ? object[key].get<std::string>()
                                                                                  : std::string();
}

std::optional<int> headsIn(const nlohmann::json& object, const char* key, const std::filesystem::path& file)
{
    if (!object.is_object() || !object.contains(key))
        return std::nullopt;
    const auto& value = object[key];
    if (!value.is_number_integer() || value.get<std::int64_t>() < 1 || value.get<std::int64_t>() > 1024)
        throw Error(file.string() + ": \"" + key + "\" must be a whole number of heads from 1 to 1024");
    return value.get<int>();
}

std::optional<int> integerIn(const nlohmann::json& object, const char* key)
{
    if (!object.is_object() || !object.contains(key) || !object[key].is_number_integer())
        return std::nullopt;
    const auto value = object[key].get<std::int64_t>();
    return value >= 1 && value <= 65536 ? std::optional<int>(static_cast<int>(value)) : std::nullopt;
}

/// Heads a configuration gives, kept only where they differ from what the weights' shape
/// gives by itself (attentionHeads): then the same weights, reached through their folder or
/// as a bare file, are one model with one fingerprint.
std::optional<int> unlessTheRule(std::optional<int> heads, std::optional<int> width, std::optional<int> layers, int patch)
{
    if (!heads || !width || !layers)
        return heads;
    try {
        if (attentionHeads(*width, *layers, patch, 0) == *heads)
            return std::nullopt;
    } catch (const Error&) {
        // a width the rule cannot split: the configuration's heads are needed
    }
    return heads;
}

/// One activation for both towers: rscir computes them with the same one.
std::optional<Activation> bothTowers(std::optional<Activation> vision, std::optional<Activation> text,
                                     const std::filesystem::path& file)
{
    if (vision && text && *vision != *text)
        throw Error(file.string() + " gives the image tower " + std::string(activationName(*vision)) +
                        " and the text tower " + std::string(activationName(*text)),
                    "rscir computes both towers with one activation; give --activation to choose");
    return vision ? vision : text;
}

/// transformers' SiglipConfig: `hidden_act` per tower, tanh-approximated GELU when absent.
ModelConfiguration fromTransformers(const nlohmann::json& json, const std::filesystem::path& file)
{
    ModelConfiguration c;
    std::optional<Activation> acts[2];
    const char* towers[2] = {"vision_config", "text_config"};
    for (int i = 0; i < 2; ++i) {
        const auto& tower = json.contains(towers[i]) ? json[towers[i]] : nlohmann::json::object();
        if (!tower.is_object())
            throw Error(file.string() + ": \"" + towers[i] + "\" is not an object");
        (i == 0 ? c.visionHeads : c.textHeads) =
            unlessTheRule(headsIn(tower, "num_attention_heads", file), integerIn(tower, "hidden_size"),
                          integerIn(tower, "num_hidden_layers"), i == 0 ? integerIn(tower, "patch_size").value_or(0) : 0);
        const std::string given = stringIn(tower, "hidden_act");
        const std::string act = given.empty() ? "gelu_pytorch_tanh" : given;
        if (act != "gelu" && act != "gelu_pytorch_tanh" && act != "gelu_new" && act != "quick_gelu")
            throw Error(file.string() + ": the activation " + act + " is not one rscir computes",
                        "use gelu, gelu_pytorch_tanh or quick_gelu");
        acts[i] = act == "gelu" ? Activation::Gelu : act == "quick_gelu" ? Activation::QuickGelu : Activation::GeluTanh;
    }
    c.activation = bothTowers(acts[0], acts[1], file);
    return c;
}

/// open_clip's configuration of a timm SigLIP tower: heads from `timm_model_kwargs` or the
/// timm model's definition, the activation from `act_kwargs` (text) and the timm model.
ModelConfiguration fromOpenClip(const nlohmann::json& json, const std::filesystem::path& file)
{
    ModelConfiguration c;
    const auto& model = json.contains("model_cfg") ? json["model_cfg"] : json;
    if (!model.is_object() || !model.contains("vision_cfg") || !model["vision_cfg"].is_object())
        return c;
    const auto& vision = model["vision_cfg"];
    const std::string timm = stringIn(vision, "timm_model_name");
    if (timm.find("siglip") == std::string::npos)
        return c; // not a SigLIP tower: rscir reads its CLIP towers from the weights alone
    const auto kwargs = vision.contains("timm_model_kwargs") && vision["timm_model_kwargs"].is_object()
                            ? vision["timm_model_kwargs"]
                            : nlohmann::json::object();
    c.visionHeads = unlessTheRule(headsIn(kwargs, "num_heads", file), integerIn(kwargs, "embed_dim"),
                                  integerIn(kwargs, "depth"), integerIn(kwargs, "patch_size").value_or(0));
    // timm's definitions: base, large and So400m towers have the heads the rule gives them
    // (12, 16, 16); giant-opt's 1536 are split into 16, not 24.
    if (!headsIn(kwargs, "num_heads", file) && timm.rfind("vit_giantopt_", 0) == 0)
        c.visionHeads = 16;
    // timm's SigLIP 2 and i18n towers are defined with tanh-approximated GELU; the SigLIP 1
    // towers (B/16, L/16, So400m/14) with exact GELU.
    const std::string act = stringIn(kwargs, "act_layer");
    const bool tanhTower = act == "gelu_tanh" || (act.empty() && (timm.find("patch32_siglip_256") != std::string::npos ||
                                                                  timm.find("large_patch16_siglip_512") != std::string::npos ||
                                                                  timm.find("so400m_patch16_siglip") != std::string::npos ||
                                                                  timm.find("giantopt_") != std::string::npos));
    std::optional<Activation> textAct = Activation::Gelu;
    if (model.contains("text_cfg") && model["text_cfg"].is_object()) {
        const auto& text = model["text_cfg"];
        c.textHeads = unlessTheRule(headsIn(text, "heads", file), integerIn(text, "width"), integerIn(text, "layers"), 0);
        if (text.contains("act_kwargs") && stringIn(text["act_kwargs"], "approximate") == "tanh")
            textAct = Activation::GeluTanh;
    }
    c.activation = bothTowers(tanhTower ? Activation::GeluTanh : Activation::Gelu, textAct, file);
    return c;
}

} // namespace

ModelConfiguration readModelConfiguration(const std::filesystem::path& folder)
{
    const auto transformers = folder / "config.json";
    if (const auto json = readConfigurationFile(transformers); stringIn(json, "model_type") == "siglip")
        return fromTransformers(json, transformers);
    const auto openClip = folder / "open_clip_config.json";
    if (const auto json = readConfigurationFile(openClip); json.is_object())
        return fromOpenClip(json, openClip);
    return {};
}

void checkTokenizerFits(ModelFamily family, const std::string& model, const std::filesystem::path& vocabulary)
{
    const bool sentencePiece = SentencePieceTokenizer::isSentencePieceFile(vocabulary);
    if (family == ModelFamily::Siglip && !sentencePiece)
        throw Error(ErrorCode::WrongTokenizerForModel, {model, "SentencePiece", vocabulary.string()},
                    "model " + model + " is a SigLIP model and needs its SentencePiece tokenizer (spiece.model); " +
                        vocabulary.string() + " is a CLIP vocabulary",
                    "pass --vocab with the model's spiece.model");
    if (family == ModelFamily::Clip && sentencePiece)
        throw Error(ErrorCode::WrongTokenizerForModel, {model, "CLIP BPE", vocabulary.string()},
                    "model " + model +
                        " is a CLIP model and needs CLIP's BPE vocabulary (bpe_simple_vocab_16e6.txt.gz or vocab.json "
                        "with merges.txt); " + vocabulary.string() + " is a SentencePiece model",
                    "pass --vocab with the model's CLIP vocabulary");
}

std::filesystem::path findTokenizerNextTo(const std::filesystem::path& checkpoint)
{
    if (auto spiece = SentencePieceTokenizer::findModel(checkpoint); !spiece.empty())
        return spiece;
    return ClipTokenizer::findVocabulary(checkpoint);
}

std::filesystem::path findTokenizerNextTo(const std::filesystem::path& checkpoint, ModelFamily family)
{
    if (family == ModelFamily::Siglip)
        return SentencePieceTokenizer::findModel(checkpoint);
    try {
        return ClipTokenizer::findVocabulary(checkpoint);
    } catch (const Error&) {
        return {};
    }
}

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
    // A published configuration beside the checkpoint says what model.json did not.
    const ModelConfiguration configuration = readModelConfiguration(source.checkpoint.parent_path());
    if (!source.visionHeads)
        source.visionHeads = configuration.visionHeads;
    if (!source.textHeads)
        source.textHeads = configuration.textHeads;
    if (!source.activationKnown && configuration.activation) {
        source.activation = *configuration.activation;
        source.activationKnown = true;
    }
    if (activation) {
        source.activation = *activation;
        source.activationKnown = true;
    }
    if (!source.activationKnown) {
        // A SigLIP layout implies its activation; a CLIP checkpoint does not.
        if (const auto implied = layoutActivation(checkpointKind(source.checkpoint))) {
            source.activation = *implied;
            source.activationKnown = true;
        }
    }
    if (vocabulary) {
        source.vocabulary = *vocabulary;
        source.vocabularyGiven = true;
    } else {
        try {
            source.vocabulary = findTokenizerNextTo(source.checkpoint);
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
    if (model && model->config().family == ModelFamily::Siglip)
        throw Error("model " + source.name + " is a SigLIP model; its tokenizer is SentencePiece, not CLIP's");
    if (!tokenizer)
        throw Error(ErrorCode::NoVocabularyForModel, {source.name}, "no tokenizer vocabulary was found for model " + source.name,
                    "put bpe_simple_vocab_16e6.txt.gz next to the checkpoint or pass --vocab FILE");
    return *tokenizer;
}

std::string LoadedModel::tokenizerName() const
{
    return model && model->config().family == ModelFamily::Siglip ? "SentencePiece" : "CLIP BPE";
}

std::vector<int> LoadedModel::tokenize(const std::string& text) const
{
    const ClipConfig& config = model->config();
    if (config.family == ModelFamily::Siglip) {
        if (!sentencePiece)
            throw Error(ErrorCode::NoSentencePieceForModel, {source.name},
                        "no SentencePiece tokenizer was found for the SigLIP model " + source.name,
                        "put the model's spiece.model next to the checkpoint or pass --vocab FILE");
        return sentencePiece->tokenize(text, config.contextLength, !config.huggingFaceLayout);
    }
    return requireTokenizer().tokenize(text, config.contextLength);
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
    effective.activationGiven = source.activationKnown;
    loaded.model = ClipModel::load(source.checkpoint, effective, progress);
    loaded.source.activation = loaded.model->options().activation;
    if (!source.vocabularyGiven)
        loaded.source.vocabulary = findTokenizerNextTo(source.checkpoint, loaded.model->config().family);
    if (const auto& vocabulary = loaded.source.vocabulary; !vocabulary.empty()) {
        // The tokenizer must be the one the model was trained with: refused, not guessed.
        checkTokenizerFits(loaded.model->config().family, source.name, vocabulary);
        if (SentencePieceTokenizer::isSentencePieceFile(vocabulary))
            loaded.sentencePiece.emplace(SentencePieceTokenizer::load(vocabulary));
        else
            loaded.tokenizer.emplace(ClipTokenizer::load(vocabulary));
    }
    return loaded;
} catch (...) {
    rethrowAsError("loading " + source.checkpoint.string());
}

} // namespace rscir
