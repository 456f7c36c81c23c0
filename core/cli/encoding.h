#pragma once
/// \file
/// Encoding image files in batches for the subcommands, with decoding overlapped and
/// progress reported.

#include "core/base/progress.h"
#include "core/clip/clip_model.h"
#include "core/models/model_source.h"
#include "core/search/embedding.h"

#include <filesystem>
#include <vector>

namespace rscir {

/// Encodes image files in batches; decoding and preprocessing of the next batch run on
/// other threads while the model encodes the current one. Returns rows x embedDim.
EmbeddingMatrix encodeImageFiles(ClipModel& model, const std::vector<std::filesystem::path>& files,
                                 Progress* progress = nullptr);

} // namespace rscir
