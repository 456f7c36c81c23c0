#pragma once
/// \file
/// Where a model's files are: `--model` names a checkpoint file, or a model folder
/// holding a checkpoint, its vocabulary and a `model.json` with its settings (or, for a
/// SigLIP model as published, transformers' `config.json` or open_clip's
/// `open_clip_config.json`, and `spiece.model`).

#include "core/clip/clip_model.h"
#include "core/clip/sentencepiece_tokenizer.h"
#include "core/clip/tokenizer.h"
#include "core/search/embedding.h"

#include <filesystem>
#include <memory>
#include <optional>
#include <string>

namespace rscir {

struct ModelSource {
    std::string name; ///< shown to the user and stored in indexes
    std::filesystem::path checkpoint;
    std::filesystem::path vocabulary; ///< CLIP's BPE vocabulary or a SentencePiece model; empty when none was found
    bool vocabularyGiven = false; ///< false: found beside the checkpoint, and chosen again for the model's family
    Activation activation = Activation::Gelu;
    bool activationKnown = false; ///< false: neither the option nor model.json said
    std::optional<double> defaultLambda; ///< the model folder's, when it names one
    /// Attention heads, when model.json gives them (they cannot be read off the weights).
    std::optional<int> visionHeads, textHeads;
};

/// What a SigLIP model's published configuration beside its checkpoint says: transformers'
/// `config.json` (`model_type` siglip) or open_clip's `open_clip_config.json` (a timm SigLIP
/// tower). Empty fields where it says nothing or there is none. Throws rscir::Error for a
/// configuration that is damaged or contradicts itself.
struct ModelConfiguration {
    std::optional<Activation> activation;
    std::optional<int> visionHeads, textHeads;
};
ModelConfiguration readModelConfiguration(const std::filesystem::path& folder);

/// The tokenizer a model of `family` was trained with must be the one given: a SigLIP
/// model needs a SentencePiece model, a CLIP model CLIP's BPE vocabulary. Throws
/// rscir::Error (WrongTokenizerForModel) saying which it needs.
void checkTokenizerFits(ModelFamily family, const std::string& model, const std::filesystem::path& vocabulary);
/// The tokenizer beside a checkpoint: `spiece.model`, else CLIP's vocabulary. Throws
/// rscir::Error (NoVocabularyNextTo) when there is neither.
std::filesystem::path findTokenizerNextTo(const std::filesystem::path& checkpoint);
/// The tokenizer of a model of `family` beside its checkpoint (a folder may hold both
/// kinds); empty when there is none.
std::filesystem::path findTokenizerNextTo(const std::filesystem::path& checkpoint, ModelFamily family);

/// Resolves a checkpoint file or model folder. `activation` and `vocabulary`, when given,
/// override what the folder says. Throws rscir::Error when nothing usable is there.
ModelSource resolveModel(const std::string& model, const std::optional<Activation>& activation = {},
                         const std::optional<std::filesystem::path>& vocabulary = {});

/// A model with its tokenizer, ready to encode.
struct LoadedModel {
    ModelSource source;
    std::unique_ptr<ClipModel> model;
    std::optional<ClipTokenizer> tokenizer; ///< a CLIP model's, when its vocabulary was found
    std::optional<SentencePieceTokenizer> sentencePiece; ///< a SigLIP model's, when spiece.model was found

    const ClipTokenizer& requireTokenizer() const;
    /// "CLIP BPE" or "SentencePiece": what this model's texts are tokenised with.
    std::string tokenizerName() const;
    /// The text's token ids for this model's context (throws when there is no vocabulary).
    std::vector<int> tokenize(const std::string& text) const;
    Embedding encodeText(const std::string& text);
};

/// Loads the model (and its vocabulary when one is found). Throws rscir::Error.
LoadedModel loadModel(const ModelSource& source, const ClipOptions& options, Progress* progress = nullptr);

} // namespace rscir
