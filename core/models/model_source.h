#pragma once
/// \file
/// Where a model's files are: `--model` names a checkpoint file, or a model folder
/// holding a checkpoint, its vocabulary and a `model.json` with its settings.

#include "core/clip/clip_model.h"
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
    std::filesystem::path vocabulary; ///< empty when none was found
    Activation activation = Activation::Gelu;
    bool activationKnown = false; ///< false: neither the option nor model.json said
    std::optional<double> defaultLambda; ///< the model folder's, when it names one
    /// Attention heads, when model.json gives them (they cannot be read off the weights).
    std::optional<int> visionHeads, textHeads;
};

/// Resolves a checkpoint file or model folder. `activation` and `vocabulary`, when given,
/// override what the folder says. Throws rscir::Error when nothing usable is there.
ModelSource resolveModel(const std::string& model, const std::optional<Activation>& activation = {},
                         const std::optional<std::filesystem::path>& vocabulary = {});

/// A model with its tokenizer, ready to encode.
struct LoadedModel {
    ModelSource source;
    std::unique_ptr<ClipModel> model;
    std::optional<ClipTokenizer> tokenizer; ///< absent when no vocabulary was found

    const ClipTokenizer& requireTokenizer() const;
    /// The text's token ids for this model's context (throws when there is no vocabulary).
    std::vector<int> tokenize(const std::string& text) const;
    Embedding encodeText(const std::string& text);
};

/// Loads the model (and its vocabulary when one is found). Throws rscir::Error.
LoadedModel loadModel(const ModelSource& source, const ClipOptions& options, Progress* progress = nullptr);

} // namespace rscir
