#pragma once
/// \file
/// The CLIP image tower as the indexing pipeline's encoder, and the fingerprint that
/// identifies a checkpoint in an index.

#include "core/index/indexer.h"

#include "core/clip/clip_model.h"
#include "core/models/model_source.h"

namespace rscir {

/// Identifies a checkpoint's content without reading all of it: its size and a 64-bit
/// FNV-1a hash of its first and last MiB.
std::string checkpointFingerprint(const std::filesystem::path& checkpoint);

/// How an image becomes this model's pixels: CLIP's or SigLIP's preprocessing.
inline ImagePreprocessing preprocessingOf(const ClipConfig& config)
{
    return config.family == ModelFamily::Siglip ? siglipPreprocessing(config.imageSize)
                                                : clipPreprocessing(config.imageSize);
}

/// The model record an index stores for `source` (name, activation, fingerprint).
ModelRecord modelRecord(const ModelSource& source, int dim, const std::string& architecture);

class ClipImageEncoder : public ImageEncoder {
public:
    ClipImageEncoder(ClipModel& model, ModelRecord identity) : m_model(model), m_identity(std::move(identity)) { }
    int imageSize() const override { return m_model.config().imageSize; }
    ImagePreprocessing preprocessing() const override { return preprocessingOf(m_model.config()); }
    int dim() const override { return m_model.config().embedDim; }
    ModelRecord identity() const override
    {
        ModelRecord record = m_identity;
        record.precision = m_model.precisionName();
        return record;
    }
    std::vector<float> encode(const std::vector<float>& pixels, std::size_t count) override
    {
        return m_model.encodeImages(pixels, count);
    }
    bool usesCpu() const override { return m_model.usesCpu(); }

private:
    ClipModel& m_model;
    ModelRecord m_identity;
};

} // namespace rscir
