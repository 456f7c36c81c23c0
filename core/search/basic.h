#pragma once
/// \file
/// BASIC (Psomas et al., NeurIPS 2025): a training-free composition of an image and a text
/// query, as the reference's `calculate_rankings` computes it. Image features are centred
/// with a mean image embedding, text features with the mean of a "subjects" corpus; a
/// contrastive PCA of the centred subjects against a "styles" corpus gives a projection
/// that keeps what names objects and drops what names styles; the projected query image is
/// expanded with its nearest archive items; the image and text similarities (against the
/// centred archive) are optionally shifted by the minima of a synthetic set, clamped at 0
/// and fused with Harris's rule s_t s_i - lambda (s_t + s_i)^2.
///
/// Both similarities are affine in an archive row x: s_i(x) = p.x - p.m and
/// s_t(x) = t'.x - t'.m, so one ordinary pass over the stored rows with the two vectors
/// p and t' gives them, and a change of lambda needs no pass at all.

#include "core/search/embedding.h"

#include <algorithm>
#include <cstddef>
#include <functional>
#include <string>
#include <optional>
#include <span>
#include <utility>
#include <vector>

namespace rscir {

class ArchiveEmbeddings;
class Progress;

/// Harris's weight lies below this: s_t s_i - l (s_t + s_i)^2 <= (1 - 4 l) s_t s_i, so at
/// 0.25 and above no item scores above 0 and the ranking says nothing.
constexpr double kBasicHarrisLimit = 0.25;

/// The reference's preset (`run_retrieval.py`, method "basic").
struct BasicSettings {
    bool centre = true; ///< standardize_features
    bool project = true; ///< project_features
    double aa = 0.2; ///< the weight of the styles' scatter in the contrastive PCA
    int components = 250; ///< at most this many eigenvectors, of positive eigenvalue
    int expansion = 25; ///< archive items that expand the query; 0: no expansion
    double harrisLambda = 0.1;
};

/// BASIC's options as the command line takes them and a saved query keeps them (the reference's preset,
/// but no normalisation without a synthetic set).
struct BasicOptions {
    std::string corpora; ///< a folder with subjects.csv and styles.csv; empty: rscir's own
    std::string mean = "archive"; ///< "archive", or a .npy of the mean image embedding
    double aa = 0.2;
    int components = 250;
    int expansion = 25;
    int contextualize = 100; ///< subjects a text is put beside, each way; 0: off
    std::string norm = "none"; ///< or a .npy of [2, n, d]: a synthetic set's image and text embeddings
    bool operator==(const BasicOptions&) const = default;
};

/// The minima of a synthetic set's similarities, for the reference's normalisation:
/// s_i' = (s_i - imageMin) / |imageMin|, s_t' = (s_t - textMin) / |imageMin|.
struct BasicNormalisation {
    double imageMin = 0;
    double textMin = 0;
};

/// What BASIC compares in, built once for a model, its corpora and an image mean: the two
/// means and the projection. Immutable; shared between queries.
class BasicSpace {
public:
    /// `subjects` and `styles`: text embeddings of the two corpora (L2-normalised here, as
    /// the reference reads them); `imageMean`: the mean image embedding (not normalised).
    /// Throws rscir::Error for empty corpora or dimensions that disagree.
    static BasicSpace build(const EmbeddingMatrix& subjects, const EmbeddingMatrix& styles,
                            std::vector<float> imageMean, const BasicSettings& settings);

    std::size_t dim() const { return m_imageMean.size(); }
    const std::vector<float>& imageMean() const { return m_imageMean; }
    const std::vector<float>& textMean() const { return m_textMean; }
    /// Eigenvectors kept (0 without projection).
    int components() const { return m_components; }
    const BasicSettings& settings() const { return m_settings; }

    /// v P (the identity without projection), in double precision.
    std::vector<double> project(std::span<const double> v) const;

    /// The minima of a synthetic set of image and text embeddings (rows L2-normalised
    /// here), centred as this space centres: min over G G^T and over H G^T.
    BasicNormalisation normalisationOf(const EmbeddingMatrix& images, const EmbeddingMatrix& texts) const;

private:
    BasicSettings m_settings;
    std::vector<float> m_imageMean, m_textMean;
    std::vector<double> m_basis; ///< components x dim, the kept eigenvectors
    int m_components = 0;
};

/// A query's two vectors: s_i(x) = image.x - imageOffset and s_t(x) = text.x - textOffset
/// over the archive's (stored, L2-normalised) rows. A missing side is empty.
struct BasicQuery {
    std::vector<float> image, text;
    double imageOffset = 0, textOffset = 0;
    /// Terms to avoid: the avoided images' vector (centred and projected as the query image,
    /// not expanded) and the avoided texts' (centred), each with its offset; empty: none.
    std::vector<float> avoidImage, avoidText;
    double avoidImageOffset = 0, avoidTextOffset = 0;
};

/// The rows nearest to a vector and their values, for the expansion: `nearest(v, k)`
/// returns the indices of the k rows of largest v.x (largest first), `row(i)` a row.
struct BasicNeighbours {
    std::function<std::vector<std::size_t>(std::span<const float> vector, std::size_t k)> nearest;
    std::function<std::vector<float>(std::size_t index)> row;
};

/// The query's vectors from its image and text embeddings (L2-normalised here; either may
/// be null). With expansion on and an image, `neighbours` is asked once for the nearest
/// rows of the projected query. `avoidImage` and `avoidText` (may be null): the means of
/// the terms to avoid of each kind.
BasicQuery basicQuery(const BasicSpace& space, const float* image, const float* text,
                      const BasicNeighbours* neighbours = nullptr, const float* avoidImage = nullptr,
                      const float* avoidText = nullptr);

/// Neighbours over an archive's live rows: one pass (on up to `threads` threads).
BasicNeighbours neighboursIn(const ArchiveEmbeddings& archive, unsigned threads = 0);
/// Neighbours over a matrix in memory.
BasicNeighbours neighboursIn(const EmbeddingMatrix& matrix);

/// Harris's fusion as constants: s_i = max(x * imageScale - imageShift, 0), the same for
/// texts; a missing side ranks by the other alone. Terms to avoid: a = x * avoidScale -
/// avoidShift (their centred similarity, scaled as the wanted side's but not shifted by a
/// minimum) lowers the wanted side of its kind by nu * a before the clamp, or the other side
/// where the query wants nothing of that kind.
struct BasicFusionConstants {
    float imageScale = 1, imageShift = 0, textScale = 1, textShift = 0;
    bool image = true, text = true;
    float avoidImageScale = 0, avoidImageShift = 0, avoidTextScale = 0, avoidTextShift = 0;
    bool avoidImage = false, avoidText = false;
};
BasicFusionConstants basicFusionConstants(const BasicQuery& query, const std::optional<BasicNormalisation>& normalisation,
                                          bool image, bool text, bool avoidImage = false, bool avoidText = false);

/// The image and text similarities Harris fuses for one row, from its products with the
/// query's vectors: scaled and shifted, lowered by nu times what is avoided (only where the
/// constants say there is some), clamped at 0; a missing side is 0.
inline std::pair<float, float> basicSides(float imageDot, float textDot, const BasicFusionConstants& f,
                                          float avoidImageDot = 0, float avoidTextDot = 0, float nu = 0)
{
    float si = f.image ? imageDot * f.imageScale - f.imageShift : 0.0f;
    float st = f.text ? textDot * f.textScale - f.textShift : 0.0f;
    if (f.avoidImage)
        (f.image ? si : st) -= nu * (avoidImageDot * f.avoidImageScale - f.avoidImageShift);
    if (f.avoidText)
        (f.text ? st : si) -= nu * (avoidTextDot * f.avoidTextScale - f.avoidTextShift);
    return {f.image ? std::max(si, 0.0f) : 0.0f, f.text ? std::max(st, 0.0f) : 0.0f};
}

/// One row's fused score from its products with the query's vectors.
inline float basicFuse(float imageDot, float textDot, const BasicFusionConstants& f, float harrisLambda,
                       float avoidImageDot = 0, float avoidTextDot = 0, float nu = 0)
{
    const auto [si, st] = basicSides(imageDot, textDot, f, avoidImageDot, avoidTextDot, nu);
    if (!f.image)
        return st;
    if (!f.text)
        return si;
    return st * si - harrisLambda * (st + si) * (st + si);
}

/// BASIC's fused score of every row from the raw products image.x and text.x (either may
/// be empty: that side is 0 after clamping), the query's offsets, the normalisation
/// (none: the raw centred similarities) and Harris's lambda; with the products of the
/// vectors to avoid (empty: none) and their weight nu.
std::vector<float> basicScores(std::span<const float> imageDots, std::span<const float> textDots,
                               const BasicQuery& query, const std::optional<BasicNormalisation>& normalisation,
                               double harrisLambda, std::span<const float> avoidImageDots = {},
                               std::span<const float> avoidTextDots = {}, double nu = 0);

/// The mean of an archive's live rows (the image mean when no other is given). Throws
/// rscir::Cancelled when `progress` is cancelled (checked between blocks of rows).
std::vector<float> archiveMean(const ArchiveEmbeddings& archive, const Progress* progress = nullptr);

} // namespace rscir
