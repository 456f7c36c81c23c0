#pragma once
/// \file
/// Encoding helpers shared by the subcommands: loading a model with its tokenizer, and
/// encoding image files in batches with decoding overlapped and progress reported.

#include "core/base/progress.h"
#include "core/clip/clip_model.h"
#include "core/clip/model_source.h"
#include "core/clip/tokenizer.h"
#include "core/search/embedding.h"

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace rscir {

/// Encodes image files in batches; decoding and preprocessing of the next batch run on
/// other threads while the model encodes the current one. Returns rows x embedDim.
EmbeddingMatrix encodeImageFiles(ClipModel& model, const std::vector<std::filesystem::path>& files,
                                 Progress* progress = nullptr);

} // namespace rscir
