#pragma once
/// \file
/// Embedding value types: one L2-normalised vector, and an N x d row-major float32
/// matrix of archive embeddings, 64-byte aligned, that the similarity pass streams.

#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <utility>
#include <vector>

namespace rscir {

/// One embedding, L2-normalised on construction. Non-finite or all-zero input is an error.
class Embedding {
public:
    Embedding() = default;
    explicit Embedding(std::span<const float> values);

    std::size_t dim() const { return m_values.size(); }
    bool empty() const { return m_values.empty(); }
    const float* data() const { return m_values.data(); }
    std::span<const float> values() const { return m_values; }

private:
    std::vector<float> m_values;
};

/// N x d float32 embeddings, row-major and 64-byte aligned. Rows are stored as given
/// (the index stores normalised vectors); every value must be finite. A matrix owns its
/// memory, or is a read-only view of memory that someone else keeps alive (a mapped
/// file): whoever searches sees the same type either way.
class EmbeddingMatrix {
public:
    EmbeddingMatrix() = default;
    EmbeddingMatrix(std::size_t rows, std::size_t dim); ///< zero-filled
    EmbeddingMatrix(std::size_t rows, std::size_t dim, std::span<const float> values);
    EmbeddingMatrix(EmbeddingMatrix&& other) noexcept { *this = std::move(other); }
    EmbeddingMatrix& operator=(EmbeddingMatrix&& other) noexcept
    {
        m_rows = std::exchange(other.m_rows, 0);
        m_dim = std::exchange(other.m_dim, 0);
        m_data = std::exchange(other.m_data, nullptr);
        m_owner = std::move(other.m_owner);
        return *this;
    }
    EmbeddingMatrix copy() const;
    /// A view of `rows` x `dim` floats at `data` (64-byte aligned) that `owner` keeps
    /// alive. Its rows must not be written.
    static EmbeddingMatrix view(const float* data, std::size_t rows, std::size_t dim, std::shared_ptr<const void> owner);

    std::size_t rows() const { return m_rows; }
    std::size_t dim() const { return m_dim; }
    const float* data() const { return m_data; }
    float* data() { return m_data; }
    std::span<const float> row(std::size_t i) const { return {m_data + i * m_dim, m_dim}; }
    std::span<float> row(std::size_t i) { return {m_data + i * m_dim, m_dim}; }
    std::size_t bytes() const { return m_rows * m_dim * sizeof(float); }

    /// Throws rscir::Error naming the first row that holds a NaN or an infinity.
    void checkFinite() const;
    /// L2-normalises every row in place (rows of zeros stay zero).
    void normaliseRows();

private:
    std::size_t m_rows = 0;
    std::size_t m_dim = 0;
    float* m_data = nullptr;
    std::shared_ptr<const void> m_owner; ///< frees m_data, or keeps a view's memory alive
};

} // namespace rscir
