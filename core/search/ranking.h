#pragma once
/// \file
/// Ranking math of composed image retrieval: similarities of an archive to a query
/// image and a query text, WeiCom normalisation, the four fusion methods, and top-k
/// selection with deterministic ties (a higher score first, then the lower item index).

#include "core/base/error.h"
#include "core/search/basic.h"
#include "core/search/embedding.h"

#include <cstddef>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace rscir {

class ArchiveEmbeddings;

/// How the terms' similarities are combined (the README gives the exact definitions).
enum class Method {
    Image, ///< mean raw similarity to the wanted images
    Text, ///< mean raw similarity to the wanted texts
    Average, ///< (image + text) / 2 of the raw means
    WeiCom, ///< lambda * T + (1 - lambda) * I, of the means of Phi(z) per term
    Slerp, ///< spherical interpolation of the mean image and mean text embeddings
    Basic, ///< BASIC's Harris fusion of centred, projected similarities (core/search/basic.h); lambda is Harris's
};

std::string_view methodName(Method method); ///< "image", "text", "average", "weicom", "slerp", "basic"
Method parseMethod(std::string_view name); ///< the inverse; throws rscir::Error for unknown names
/// The paper's four methods (what an evaluation reports unless told otherwise).
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
/// The same for `a * x[i] + b * y[i] - c * z[i]`.
std::vector<std::size_t> selectTopK(std::span<const float> x, std::span<const float> y, std::span<const float> z,
                                    float a, float b, float c, std::size_t k);

/// A similarity that is not finite: the row at `index` of the similarities (a damaged
/// stored embedding, or a query that is not finite), or the largest of finite values
/// whose sum is not; `index` is always within the similarities. Whoever knows where the rows come
/// from names the file and how to repair it.
class NotFiniteSimilarity : public Error {
public:
    explicit NotFiniteSimilarity(std::size_t index)
        : Error("a similarity is not finite (NaN or infinity)"), m_index(index)
    {
    }
    std::size_t index() const { return m_index; }

private:
    std::size_t m_index;
};

/// One modality's similarities to a query over the whole archive, raw and normalised.
/// Shared (immutable) between sessions, so that a cached modality is never recomputed.
struct ModalityScores {
    std::vector<float> raw; ///< cosine similarities s
    std::vector<float> normalised; ///< Phi(z(s))
    bool present = true; ///< false: a stand-in for a missing query (raw 0, normalised 0.5)

    /// Normalises `raw` (on up to `maxThreads` threads); throws NotFiniteSimilarity if a value is not finite.
    static std::shared_ptr<const ModalityScores> fromSimilarities(std::vector<float> raw, unsigned maxThreads = 0);
    static std::shared_ptr<const ModalityScores> missing(std::size_t size);
};

/// One ranked item with everything needed to explain its place. With several terms of a
/// kind, each component is the mean over those terms.
struct Hit {
    std::size_t index = 0; ///< row in the embedding matrix
    float score = 0; ///< the fused score that ranks it
    float imageSimilarity = 0; ///< raw cosine similarity to the wanted images (s_f)
    float textSimilarity = 0; ///< raw cosine similarity to the wanted texts (s_g)
    float imageNormalised = 0; ///< Phi(z_f)
    float textNormalised = 0; ///< Phi(z_g)
    float avoidSimilarity = 0; ///< raw cosine similarity to the avoided terms (0 when none)
    float avoidNormalised = 0; ///< Phi(z) of the avoided terms (0 when none)
};

/// One term of a query with its similarities over the archive.
struct ScoredTerm {
    bool image = true; ///< an image (false: a text)
    bool avoided = false; ///< to avoid (false: wanted)
    std::vector<float> embedding; ///< its L2-normalised embedding (Slerp needs it; may be empty otherwise)
    std::shared_ptr<const ModalityScores> scores;
};

/// How strongly avoided terms push items down when not told otherwise.
constexpr double kDefaultAvoid = 0.5;
/// WeiCom's and Slerp's lambda for a model whose folder names none (model.json's
/// "default_lambda", written at import; the catalogue's for installed models). The
/// command line and the window both take a model's lambda from there, else this.
constexpr double kDefaultLambda = 0.5;

/// A query against one archive: each term's similarity vectors, and their means per kind
/// (wanted images, wanted texts, avoided terms), computed once. Re-ranking for another
/// method, lambda or nu touches only these cached vectors: one O(N) fusion of at most
/// three of them and a top-k selection, no model call, no matrix pass. A missing kind
/// behaves as a constant (wanted: raw 0, normalised 0.5; avoided: 0), so every method
/// stays defined. One wanted image and one wanted text with nothing avoided rank exactly
/// as the two-term WeiCom of the paper.
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
    /// From any number of scored terms (all of one archive); the means are computed here,
    /// on up to `maxThreads` threads.
    explicit QuerySession(const std::vector<ScoredTerm>& terms, unsigned maxThreads = 0);
    /// BASIC's session: the products of the archive's rows with the query's two BASIC
    /// vectors (either may be null: that side is missing), and how they are fused. It ranks
    /// with Method::Basic only; lambda is Harris's weight, in [0, 0.25). `avoidImage` and
    /// `avoidText`: the products with the vectors to avoid (null: none), weighed by nu.
    QuerySession(std::shared_ptr<const ModalityScores> basicImage, std::shared_ptr<const ModalityScores> basicText,
                 BasicQuery query, std::optional<BasicNormalisation> normalisation,
                 std::shared_ptr<const ModalityScores> avoidImage = nullptr,
                 std::shared_ptr<const ModalityScores> avoidText = nullptr);
    bool isBasic() const { return m_basic != nullptr; }

    std::size_t size() const { return m_image ? m_image->raw.size() : 0; }
    bool hasImage() const { return m_image && m_image->present; }
    bool hasText() const { return m_text && m_text->present; }
    bool hasAvoided() const { return m_avoid != nullptr; }
    std::shared_ptr<const ModalityScores> image() const { return m_image; }
    std::shared_ptr<const ModalityScores> text() const { return m_text; }

    /// The best k items for `method`; lambda (WeiCom, Slerp) and nu (the weight of avoided
    /// terms) must lie in [0, 1].
    std::vector<Hit> rerank(Method method, double lambda, std::size_t k, double nu = kDefaultAvoid) const;
    /// The fused score of every item, in item order (for evaluation and export).
    std::vector<float> scores(Method method, double lambda, double nu = kDefaultAvoid) const;
    Hit explain(std::size_t index, Method method, double lambda, double nu = kDefaultAvoid) const;

private:
    struct Terms {
        std::span<const float> x, y, z;
        float a, b, c;
    };
    Terms terms(Method method, double lambda, double nu) const;
    Hit hit(std::size_t index, const Terms& t) const;

    std::shared_ptr<const ModalityScores> m_image; ///< mean over wanted images
    std::shared_ptr<const ModalityScores> m_text; ///< mean over wanted texts
    std::shared_ptr<const ModalityScores> m_avoid; ///< mean over avoided terms; null when none
    struct BasicFusion {
        BasicQuery query; ///< its offsets (the vectors are not needed again)
        std::optional<BasicNormalisation> normalisation;
        bool image = false, text = false;
        std::shared_ptr<const ModalityScores> avoidImage, avoidText; ///< null: nothing of that kind to avoid
        BasicFusionConstants constants() const
        {
            return basicFusionConstants(query, normalisation, image, text, avoidImage != nullptr, avoidText != nullptr);
        }
        float fuse(std::size_t i, const BasicFusionConstants& f, const ModalityScores& x, const ModalityScores& y,
                   float lambda, float nu) const
        {
            return basicFuse(x.raw[i], y.raw[i], f, lambda, avoidImage ? avoidImage->raw[i] : 0.0f,
                             avoidText ? avoidText->raw[i] : 0.0f, nu);
        }
    };
    std::shared_ptr<const BasicFusion> m_basic; ///< set: a BASIC session
    std::vector<float> basicScores(double lambda, double nu) const;
    void checkBasic(double lambda) const;
    Hit basicHit(std::size_t index, float score, float nu) const;
    /// Slerp: X.a = scale * mean raw image similarity (a the normalised mean embedding); the
    /// same for texts; theta = the angle between a and b (-1 when Slerp cannot be computed).
    double m_imageScale = 1, m_textScale = 1, m_theta = -1;
};

} // namespace rscir
