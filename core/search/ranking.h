#pragma once
/// \file
/// Ranking math of composed image retrieval: similarities of an archive to a query
/// image and a query text, WeiCom normalisation, the four fusion methods, and top-k
/// selection with deterministic ties (a higher score first, then the lower item index).

#include "core/search/embedding.h"

#include <cstddef>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace rscir {

class ArchiveEmbeddings;

/// How the image and text similarities are combined.
enum class Method {
    Image, ///< image similarity only
    Text, ///< text similarity only
    Average, ///< (image + text) / 2 of the raw cosine similarities
    WeiCom, ///< lambda * Phi(z_text) + (1 - lambda) * Phi(z_image)
};

std::string_view methodName(Method method); ///< "image", "text", "average", "weicom"
Method parseMethod(std::string_view name); ///< the inverse; throws rscir::Error for unknown names
std::vector<Method> allMethods();

/// One pass over `matrix` computing both cosine similarity vectors. Either query may be
/// null (its output is then left alone); each given output must hold matrix.rows() values.
/// Large archives are split over at most `maxThreads` threads (0: every core).
void computeSimilarities(const EmbeddingMatrix& matrix, const float* imageQuery, const float* textQuery,
                         std::span<float> imageOut, std::span<float> textOut, unsigned maxThreads = 0);

/// The standard normal CDF, Phi(z) = erfc(-z / sqrt(2)) / 2, within 6e-12.
double standardNormalCdf(double z);

/// WeiCom's normalisation over the whole archive: Phi((s - mean) / std), std unbiased
/// (N - 1). With N < 2 or zero variance every value is 0.5. Computed in double precision,
/// on up to `maxThreads` threads (0: every core) with the same result on any number.
/// Throws rscir::Error when a similarity is not finite.
std::vector<float> normaliseScores(std::span<const float> similarities, unsigned maxThreads = 0);

/// The k best of `a * x[i] + b * y[i]` (higher first, ties by lower index), in rank order.
/// O(N) with a bounded heap; never sorts the whole array.
std::vector<std::size_t> selectTopK(std::span<const float> x, std::span<const float> y, float a, float b,
                                    std::size_t k);

/// One modality's similarities to a query over the whole archive, raw and normalised.
/// Shared (immutable) between sessions, so that a cached modality is never recomputed.
struct ModalityScores {
    std::vector<float> raw; ///< cosine similarities s
    std::vector<float> normalised; ///< Phi(z(s))
    bool present = true; ///< false: a stand-in for a missing query (raw 0, normalised 0.5)

    /// Normalises `raw` (on up to `maxThreads` threads); throws rscir::Error if a value is not finite.
    static std::shared_ptr<const ModalityScores> fromSimilarities(std::vector<float> raw, unsigned maxThreads = 0);
    static std::shared_ptr<const ModalityScores> missing(std::size_t size);
};

/// One ranked item with everything needed to explain its place.
struct Hit {
    std::size_t index = 0; ///< row in the embedding matrix
    float score = 0; ///< the fused score that ranks it
    float imageSimilarity = 0; ///< raw cosine similarity to the query image (s_f)
    float textSimilarity = 0; ///< raw cosine similarity to the query text (s_g)
    float imageNormalised = 0; ///< Phi(z_f)
    float textNormalised = 0; ///< Phi(z_g)
};

/// A query against one archive: both similarity vectors and their normalised forms,
/// computed once. Re-ranking for another method or lambda touches only these cached
/// vectors: one O(N) fusion and a top-k selection, no model call, no matrix pass.
/// A missing modality behaves as a constant (raw 0, normalised 0.5), so every method
/// stays defined.
class QuerySession {
public:
    QuerySession() = default;
    /// Either embedding may be null or empty; a given one must have the matrix's dimension.
    QuerySession(const EmbeddingMatrix& archive, const Embedding* image, const Embedding* text);
    /// The same over an archive's stored embeddings (one pass, on at most `maxThreads` threads).
    QuerySession(const ArchiveEmbeddings& archive, const Embedding* image, const Embedding* text,
                 unsigned maxThreads = 0);
    /// From precomputed similarity vectors (an empty vector means the modality is missing).
    QuerySession(std::vector<float> imageSimilarities, std::vector<float> textSimilarities);
    /// From cached modalities (null means missing); both must have the same size.
    QuerySession(std::shared_ptr<const ModalityScores> image, std::shared_ptr<const ModalityScores> text);

    std::size_t size() const { return m_image ? m_image->raw.size() : 0; }
    bool hasImage() const { return m_image && m_image->present; }
    bool hasText() const { return m_text && m_text->present; }
    std::shared_ptr<const ModalityScores> image() const { return m_image; }
    std::shared_ptr<const ModalityScores> text() const { return m_text; }

    /// The best k items for `method`; lambda (used by WeiCom only) must lie in [0, 1].
    std::vector<Hit> rerank(Method method, double lambda, std::size_t k) const;
    /// The fused score of every item, in item order (for evaluation and export).
    std::vector<float> scores(Method method, double lambda) const;
    Hit explain(std::size_t index, Method method, double lambda) const;

private:
    struct Terms {
        std::span<const float> x, y;
        float a, b;
    };
    Terms terms(Method method, double lambda) const;
    Hit hit(std::size_t index, const Terms& t) const;

    std::shared_ptr<const ModalityScores> m_image;
    std::shared_ptr<const ModalityScores> m_text;
};

} // namespace rscir
