#include "core/search/embedding.h"

#include "core/base/error.h"

#include <cmath>
#include <cstdlib>
#include <cstring>
#include <new>

namespace rscir {

namespace {

double squaredNorm(std::span<const float> v)
{
    double sum = 0.0;
    for (float x : v)
        sum += static_cast<double>(x) * x;
    return sum;
}

} // namespace

Embedding::Embedding(std::span<const float> values) : m_values(values.begin(), values.end())
{
    for (float x : m_values)
        if (!std::isfinite(x))
            throw Error("the embedding holds a non-finite value (NaN or infinity)");
    const double norm = std::sqrt(squaredNorm(m_values));
    if (norm == 0.0)
        throw Error("the embedding is all zeros and cannot be normalised");
    for (float& x : m_values)
        x = static_cast<float>(x / norm);
}

EmbeddingMatrix::EmbeddingMatrix(std::size_t rows, std::size_t dim) : m_rows(rows), m_dim(dim)
{
    const std::size_t bytes = rows * dim * sizeof(float);
    if (dim != 0 && rows > (SIZE_MAX / sizeof(float)) / dim)
        throw Error("an embedding matrix of " + std::to_string(rows) + " x " + std::to_string(dim) + " is too large");
    const std::size_t rounded = ((bytes + 63) / 64) * 64;
    float* p = static_cast<float*>(std::aligned_alloc(64, rounded == 0 ? 64 : rounded));
    if (!p)
        throw Error("out of memory allocating " + std::to_string(bytes >> 20) + " MiB for embeddings");
    std::memset(p, 0, rounded == 0 ? 64 : rounded);
    m_data = p;
    m_owner = std::shared_ptr<const void>(p, [](const void* q) { std::free(const_cast<void*>(q)); });
}

EmbeddingMatrix::EmbeddingMatrix(std::size_t rows, std::size_t dim, std::span<const float> values)
    : EmbeddingMatrix(rows, dim)
{
    if (values.size() != rows * dim)
        throw Error("embedding matrix of " + std::to_string(rows) + " x " + std::to_string(dim) + " given " +
                    std::to_string(values.size()) + " values");
    if (!values.empty())
        std::memcpy(m_data, values.data(), values.size() * sizeof(float));
    checkFinite();
}

EmbeddingMatrix EmbeddingMatrix::view(const float* data, std::size_t rows, std::size_t dim,
                                      std::shared_ptr<const void> owner)
{
    if (reinterpret_cast<std::uintptr_t>(data) % 64 != 0)
        throw Error("an embedding matrix view must start on a 64-byte boundary");
    EmbeddingMatrix result;
    result.m_rows = rows;
    result.m_dim = dim;
    result.m_data = const_cast<float*>(data);
    result.m_owner = std::move(owner);
    return result;
}

EmbeddingMatrix EmbeddingMatrix::copy() const
{
    EmbeddingMatrix result(m_rows, m_dim);
    if (bytes())
        std::memcpy(result.data(), data(), bytes());
    return result;
}

void EmbeddingMatrix::checkFinite() const
{
    const float* p = m_data;
    for (std::size_t r = 0; r < m_rows; ++r)
        for (std::size_t c = 0; c < m_dim; ++c)
            if (!std::isfinite(p[r * m_dim + c]))
                throw Error("embedding row " + std::to_string(r) + " holds a non-finite value (NaN or infinity)",
                            "re-encode the item; the index may be damaged");
}

void EmbeddingMatrix::normaliseRows()
{
    for (std::size_t r = 0; r < m_rows; ++r) {
        auto v = row(r);
        const double norm = std::sqrt(squaredNorm(v));
        if (norm > 0.0)
            for (float& x : v)
                x = static_cast<float>(x / norm);
    }
}

} // namespace rscir
