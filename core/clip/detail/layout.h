#pragma once
// Private to core/clip: only core/clip/*.cpp and the tests may include this header.
/// \file
/// How the tensors of a checkpoint become the parameters of a model: each stored tensor
/// is a piece of a parameter with a canonical (open_clip-style) name. CLIP's layouts are
/// mapped in clip_model.cpp; SigLIP's two layouts (transformers `SiglipModel` and
/// open_clip/timm) in siglip_layout.cpp.

#include "core/clip/clip_model.h"
#include "core/clip/detail/checkpoint.h"

#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace rscir::clip {

using Shape = std::vector<std::int64_t>;

/// How a stored tensor becomes (part of) a model parameter.
struct Piece {
    std::string target; ///< canonical name
    /// Whole: as stored. Transposed: a 2-d tensor stored the other way round. RowBlock:
    /// `blocks` thirds of an attention's fused q/k/v projection, from third `block` (0 = q,
    /// 1 = k, 2 = v). Reshaped: the same values with leading dimensions of 1 (a [1, 1, w]
    /// probe, a [1, n, w] position table).
    enum Kind { Whole, Transposed, RowBlock, Reshaped } kind = Whole;
    int block = 0;
    int blocks = 1;
    const StoredTensor* source = nullptr;
};

/// Maps a transformers CLIPModel key to its canonical (open_clip) piece; empty when it has
/// none. Its encoder layers' names are SiglipModel's too.
std::optional<Piece> fromHuggingFace(const std::string& name);

/// A SigLIP model: its vision tower pools with an attention head (a learned probe) rather
/// than a class token, which is how the checkpoint's keys tell the two families apart.
bool isSiglipCheckpoint(const Checkpoint& checkpoint);
/// Whether its keys are the transformers layout (`vision_model.*`, `text_model.*`).
bool isHuggingFaceLayout(const Checkpoint& checkpoint);

/// The canonical piece a SigLIP key is, in either layout; empty for a key the model does
/// not use.
std::optional<Piece> siglipPiece(const std::string& name, bool huggingFace);

/// Every parameter of a SigLIP model with this configuration, in a fixed order.
std::vector<std::pair<std::string, Shape>> siglipExpectedShapes(const ClipConfig& config);

} // namespace rscir::clip
