#include "core/search/basic.h"

#include "core/base/progress.h"

#include "core/base/error.h"
#include "core/search/archive_embeddings.h"
#include "core/search/ranking.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <string>

extern "C" {
// LAPACK: eigenvalues (ascending) and eigenvectors of a symmetric matrix.
// The two trailing arguments are the lengths of the character arguments, which gfortran
// passes hidden.
void dsyev_(const char* jobz, const char* uplo, const int* n, double* a, const int* lda, double* w, double* work,
            const int* lwork, int* info, std::size_t jobzLength, std::size_t uploLength);
}

namespace rscir {

namespace {

std::vector<double> normalised(std::span<const float> v)
{
    double norm = 0;
    for (const float x : v)
        norm += static_cast<double>(x) * x;
    norm = std::sqrt(norm);
    std::vector<double> out(v.begin(), v.end());
    if (norm > 0)
        for (double& x : out)
            x /= norm;
    return out;
}

/// Rows L2-normalised, less `mean` when centring.
std::vector<std::vector<double>> centredRows(const EmbeddingMatrix& m, const std::vector<float>& mean, bool centre)
{
    std::vector<std::vector<double>> rows;
    rows.reserve(m.rows());
    for (std::size_t r = 0; r < m.rows(); ++r) {
        auto row = normalised(m.row(r));
        if (centre)
            for (std::size_t c = 0; c < row.size(); ++c)
                row[c] -= mean[c];
        rows.push_back(std::move(row));
    }
    return rows;
}

/// X^T X / (n - 1) of rows of `dim` values.
std::vector<double> scatter(const std::vector<std::vector<double>>& rows, std::size_t dim)
{
    std::vector<double> s(dim * dim, 0.0);
    for (const auto& row : rows)
        for (std::size_t i = 0; i < dim; ++i) {
            const double a = row[i];
            double* line = s.data() + i * dim;
            for (std::size_t j = 0; j < dim; ++j)
                line[j] += a * row[j];
        }
    const double n = rows.size() > 1 ? static_cast<double>(rows.size() - 1) : 1.0;
    for (double& x : s)
        x /= n;
    return s;
}

double dot(std::span<const double> a, std::span<const double> b)
{
    double s = 0;
    for (std::size_t i = 0; i < a.size(); ++i)
        s += a[i] * b[i];
    return s;
}

} // namespace

BasicSpace BasicSpace::build(const EmbeddingMatrix& subjects, const EmbeddingMatrix& styles, std::vector<float> imageMean,
                             const BasicSettings& settings)
{
    const std::size_t dim = imageMean.size();
    if (subjects.rows() == 0 || styles.rows() == 0)
        throw Error("BASIC needs both corpora, the subjects and the styles, each with at least one text");
    if (subjects.dim() != dim || styles.dim() != dim)
        throw Error("BASIC's corpora and image mean have different dimensions (" + std::to_string(subjects.dim()) + ", " +
                    std::to_string(styles.dim()) + ", " + std::to_string(dim) + ")");
    if (!(settings.aa >= 0 && settings.aa <= 1) || settings.components < 1 || settings.expansion < 0)
        throw Error("BASIC's settings are out of range (aa in [0, 1], at least one component, expansion >= 0)");
    for (const float x : imageMean)
        if (!std::isfinite(x))
            throw Error("BASIC's image mean is not finite");
    BasicSpace space;
    space.m_settings = settings;
    space.m_imageMean = std::move(imageMean);
    // The text mean: the mean of the normalised subjects.
    std::vector<double> textMean(dim, 0.0);
    for (std::size_t r = 0; r < subjects.rows(); ++r) {
        const auto row = normalised(subjects.row(r));
        for (std::size_t c = 0; c < dim; ++c)
            textMean[c] += row[c];
    }
    for (double& x : textMean)
        x /= static_cast<double>(subjects.rows());
    space.m_textMean.assign(textMean.begin(), textMean.end());
    if (!settings.centre) {
        space.m_imageMean.assign(dim, 0.0f);
        space.m_textMean.assign(dim, 0.0f);
    }
    if (!settings.project)
        return space;

    // Contrastive PCA: C = (1 - aa) Sa - aa Sb + 1e-5 (added to every entry, as the
    // reference adds it), its eigenvectors of the largest positive eigenvalues.
    const auto a = centredRows(subjects, space.m_textMean, settings.centre);
    const auto b = centredRows(styles, space.m_textMean, settings.centre);
    const auto sa = scatter(a, dim), sb = scatter(b, dim);
    std::vector<double> c(dim * dim);
    for (std::size_t i = 0; i < c.size(); ++i)
        c[i] = (1 - settings.aa) * sa[i] - settings.aa * sb[i] + 1e-5;
    const int n = static_cast<int>(dim);
    std::vector<double> eigenvalues(dim);
    int info = 0, lwork = -1;
    double query = 0;
    dsyev_("V", "U", &n, c.data(), &n, eigenvalues.data(), &query, &lwork, &info, 1, 1);
    lwork = std::max(1, static_cast<int>(query));
    std::vector<double> work(static_cast<std::size_t>(lwork));
    dsyev_("V", "U", &n, c.data(), &n, eigenvalues.data(), work.data(), &lwork, &info, 1, 1);
    if (info != 0)
        throw Error("BASIC's projection could not be computed (the eigen-decomposition failed: " + std::to_string(info) + ")");
    // Ascending: the largest last. Keep at most `components` of positive eigenvalue. With
    // fewer corpus texts than dimensions, C has a null space whose eigenvalues are 0 up to
    // rounding: "positive" is above rounding (the reference's corpora give a C of full
    // rank, where this is the reference's count).
    double largest = 0;
    for (const double l : eigenvalues)
        largest = std::max(largest, std::fabs(l));
    const double tolerance = largest * static_cast<double>(dim) * std::numeric_limits<double>::epsilon();
    const auto positive = static_cast<int>(
        std::count_if(eigenvalues.begin(), eigenvalues.end(), [&](double l) { return l > tolerance; }));
    space.m_components = std::min(settings.components, positive);
    space.m_basis.resize(static_cast<std::size_t>(space.m_components) * dim);
    for (int k = 0; k < space.m_components; ++k) {
        const std::size_t column = dim - 1 - static_cast<std::size_t>(k); // column-major: column j is eigenvector j
        std::copy_n(c.data() + column * dim, dim, space.m_basis.data() + static_cast<std::size_t>(k) * dim);
    }
    return space;
}

std::vector<double> BasicSpace::project(std::span<const double> v) const
{
    if (!m_settings.project)
        return std::vector<double>(v.begin(), v.end());
    const std::size_t d = dim();
    std::vector<double> out(d, 0.0);
    for (int k = 0; k < m_components; ++k) {
        const std::span<const double> basis(m_basis.data() + static_cast<std::size_t>(k) * d, d);
        const double coefficient = dot(v, basis);
        for (std::size_t c = 0; c < d; ++c)
            out[c] += coefficient * basis[c];
    }
    return out;
}

BasicNormalisation BasicSpace::normalisationOf(const EmbeddingMatrix& images, const EmbeddingMatrix& texts) const
{
    if (images.rows() == 0 || texts.rows() == 0 || images.dim() != dim() || texts.dim() != dim())
        throw Error("BASIC's synthetic set needs image and text embeddings of the model's dimension");
    if (images.rows() > 20000 || texts.rows() > 20000)
        throw Error("BASIC's synthetic set holds more than 20,000 embeddings; its minima need a few thousand");
    images.checkFinite();
    texts.checkFinite();
    const auto g = centredRows(images, m_imageMean, m_settings.centre);
    const auto h = centredRows(texts, m_textMean, m_settings.centre);
    BasicNormalisation n{std::numeric_limits<double>::infinity(), std::numeric_limits<double>::infinity()};
    for (const auto& gi : g) {
        for (const auto& gj : g)
            n.imageMin = std::min(n.imageMin, dot(gi, gj));
        for (const auto& hj : h)
            n.textMin = std::min(n.textMin, dot(hj, gi));
    }
    if (n.imageMin == 0)
        throw Error("BASIC's synthetic set gives an image minimum of 0; it cannot normalise");
    return n;
}

BasicQuery basicQuery(const BasicSpace& space, const float* image, const float* text, const BasicNeighbours* neighbours,
                      const float* avoidImage, const float* avoidText)
{
    const std::size_t d = space.dim();
    const auto& imageMean = space.imageMean();
    const auto& textMean = space.textMean();
    BasicQuery q;
    // v, L2-normalised, less a mean.
    const auto centredOf = [d](const float* v, const std::vector<float>& mean) {
        auto out = normalised({v, d});
        for (std::size_t c = 0; c < d; ++c)
            out[c] -= mean[c];
        return out;
    };
    const auto offsetOf = [&](const std::vector<double>& v, const std::vector<float>& mean) {
        double s = 0;
        for (std::size_t c = 0; c < d; ++c)
            s += v[c] * mean[c];
        return s;
    };
    if (image) {
        const auto centred = centredOf(image, imageMean);
        std::vector<double> p = space.project(centred);
        const int k = space.settings().expansion;
        if (k > 0 && neighbours) {
            // The k nearest archive rows to the projected query (by p.(x - m), whose order
            // is p.x's), each weighted exp(0.1 s), and the query itself with s = 1.
            const std::vector<float> pf(p.begin(), p.end());
            const auto nearest = neighbours->nearest(pf, static_cast<std::size_t>(k));
            const double pm = offsetOf(p, imageMean);
            std::vector<std::vector<double>> rows;
            std::vector<double> weights;
            for (const std::size_t index : nearest) {
                auto row = normalised(neighbours->row(index));
                for (std::size_t c = 0; c < d; ++c)
                    row[c] -= imageMean[c];
                double s = 0;
                for (std::size_t c = 0; c < d; ++c)
                    s += p[c] * (row[c] + imageMean[c]);
                weights.push_back(std::exp(0.1 * (s - pm)));
                rows.push_back(std::move(row));
            }
            rows.push_back(centred);
            weights.push_back(std::exp(0.1));
            const double total = std::accumulate(weights.begin(), weights.end(), 0.0);
            std::vector<double> mean(d, 0.0);
            for (std::size_t r = 0; r < rows.size(); ++r)
                for (std::size_t c = 0; c < d; ++c)
                    mean[c] += weights[r] / total * rows[r][c];
            p = space.project(mean);
        }
        q.image.assign(p.begin(), p.end());
        q.imageOffset = offsetOf(p, imageMean);
    }
    if (text) {
        const auto t = centredOf(text, textMean);
        q.text.assign(t.begin(), t.end());
        q.textOffset = offsetOf(t, imageMean); // the archive is centred with the image mean
    }
    // What to avoid, as the query's own kind is made, without the expansion.
    if (avoidImage) {
        const std::vector<double> a = space.project(centredOf(avoidImage, imageMean));
        q.avoidImage.assign(a.begin(), a.end());
        q.avoidImageOffset = offsetOf(a, imageMean);
    }
    if (avoidText) {
        const auto a = centredOf(avoidText, textMean);
        q.avoidText.assign(a.begin(), a.end());
        q.avoidTextOffset = offsetOf(a, imageMean);
    }
    return q;
}

BasicNeighbours neighboursIn(const ArchiveEmbeddings& archive, unsigned threads)
{
    BasicNeighbours n;
    n.nearest = [&archive, threads](std::span<const float> v, std::size_t k) {
        std::vector<float> dots(archive.size());
        archive.similarities(v.data(), nullptr, dots, {}, threads);
        return selectTopK(dots, dots, 1.0f, 0.0f, std::min(k, dots.size()));
    };
    n.row = [&archive](std::size_t index) { return archive.values(index); };
    return n;
}

BasicNeighbours neighboursIn(const EmbeddingMatrix& matrix)
{
    BasicNeighbours n;
    n.nearest = [&matrix](std::span<const float> v, std::size_t k) {
        std::vector<float> dots(matrix.rows());
        computeSimilarities(matrix, v.data(), nullptr, dots, {});
        return selectTopK(dots, dots, 1.0f, 0.0f, std::min(k, dots.size()));
    };
    n.row = [&matrix](std::size_t index) {
        const auto r = matrix.row(index);
        return std::vector<float>(r.begin(), r.end());
    };
    return n;
}

BasicFusionConstants basicFusionConstants(const BasicQuery& query, const std::optional<BasicNormalisation>& normalisation,
                                          bool image, bool text, bool avoidImage, bool avoidText)
{
    // s = ((x - offset) - min) / |imageMin| = x / |imageMin| - (offset + min) / |imageMin|.
    const double scale = normalisation ? std::fabs(normalisation->imageMin) : 1.0;
    const double imageMin = normalisation ? normalisation->imageMin : 0.0;
    const double textMin = normalisation ? normalisation->textMin : 0.0;
    BasicFusionConstants f;
    f.imageScale = static_cast<float>(1.0 / scale);
    f.imageShift = static_cast<float>((query.imageOffset + imageMin) / scale);
    f.textScale = static_cast<float>(1.0 / scale);
    f.textShift = static_cast<float>((query.textOffset + textMin) / scale);
    f.image = image;
    f.text = text;
    f.avoidImage = avoidImage;
    f.avoidText = avoidText;
    f.avoidImageScale = f.avoidTextScale = static_cast<float>(1.0 / scale);
    f.avoidImageShift = static_cast<float>(query.avoidImageOffset / scale);
    f.avoidTextShift = static_cast<float>(query.avoidTextOffset / scale);
    return f;
}

std::vector<float> basicScores(std::span<const float> imageDots, std::span<const float> textDots, const BasicQuery& query,
                               const std::optional<BasicNormalisation>& normalisation, double harrisLambda,
                               std::span<const float> avoidImageDots, std::span<const float> avoidTextDots, double nu)
{
    const bool image = !imageDots.empty(), text = !textDots.empty();
    if (!image && !text)
        throw Error("a BASIC query needs an image or a text");
    if (image && text && imageDots.size() != textDots.size())
        throw Error("BASIC's image and text similarities cover different archives");
    const std::size_t n = image ? imageDots.size() : textDots.size();
    const bool avoidImage = !avoidImageDots.empty(), avoidText = !avoidTextDots.empty();
    if ((avoidImage && avoidImageDots.size() != n) || (avoidText && avoidTextDots.size() != n))
        throw Error("BASIC's similarities to avoid cover another archive");
    const BasicFusionConstants f = basicFusionConstants(query, normalisation, image, text, avoidImage, avoidText);
    const float lambda = static_cast<float>(harrisLambda);
    const float weight = static_cast<float>(nu);
    std::vector<float> out(n);
    for (std::size_t i = 0; i < n; ++i)
        out[i] = basicFuse(image ? imageDots[i] : 0.0f, text ? textDots[i] : 0.0f, f, lambda,
                           avoidImage ? avoidImageDots[i] : 0.0f, avoidText ? avoidTextDots[i] : 0.0f, weight);
    return out;
}

std::vector<float> archiveMean(const ArchiveEmbeddings& archive, const Progress* progress)
{
    std::vector<double> sum(archive.dim(), 0.0);
    archive.forEachBlock([&](std::size_t, std::span<const float> values) {
        if (progress && progress->isCancelled())
            return false;
        for (std::size_t i = 0; i < values.size(); ++i)
            sum[i % sum.size()] += values[i];
        return true;
    });
    if (progress && progress->isCancelled())
        throw Cancelled{};
    std::vector<float> mean(sum.size());
    for (std::size_t c = 0; c < sum.size(); ++c)
        mean[c] = static_cast<float>(sum[c] / static_cast<double>(std::max<std::size_t>(1, archive.size())));
    return mean;
}

} // namespace rscir
