#pragma once
/// \file
/// Where a model's files are: `--model` names a checkpoint file, or a model folder
/// holding a checkpoint, its vocabulary and a `model.json` with its settings.

#include "clip_model.h"

#include <filesystem>
#include <optional>
#include <string>

namespace rscir {

struct ModelSource {
    std::string name;                  ///< shown to the user and stored in indexes
    std::filesystem::path checkpoint;
    std::filesystem::path vocabulary;  ///< empty when none was found
    Activation activation = Activation::Gelu;
    bool activationKnown = false;      ///< false: neither the option nor model.json said
    double defaultLambda = 0.5;
};

/// Resolves a checkpoint file or model folder. `activation` and `vocabulary`, when given,
/// override what the folder says. Throws rscir::Error when nothing usable is there.
ModelSource resolveModel(const std::string& model, const std::optional<Activation>& activation = {},
                         const std::optional<std::filesystem::path>& vocabulary = {});

} // namespace rscir
