#pragma once
/// \file
/// NumPy `.npy` files (format versions 1-3, C order, little endian): float32,
/// float16, int32 and int64. The tests read the conformance fixtures with it and
/// `rscir export` writes embeddings for Python users with it.

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <iosfwd>
#include <string_view>
#include <vector>

namespace rscir {

enum class NpyType { Float32, Float16, Int32, Int64 };

struct NpyArray {
    NpyType type = NpyType::Float32;
    std::vector<std::int64_t> shape;
    std::vector<std::byte> data; ///< raw little-endian elements, C order

    std::size_t count() const;
    /// Every element converted to float32 (int64 values beyond 2^24 lose precision).
    std::vector<float> toFloat() const;
    std::vector<std::int64_t> toInt64() const;
};

std::size_t npyElementSize(NpyType type);

/// Parses a whole `.npy` file held in memory; throws rscir::Error naming what is wrong.
NpyArray parseNpy(std::string_view bytes);
NpyArray readNpy(const std::filesystem::path& path);

/// Writes `array` (shape and data must agree) atomically: to a temporary file, then renamed.
void writeNpy(const std::filesystem::path& path, const NpyArray& array);
void writeNpy(const std::filesystem::path& path, const float* values, std::vector<std::int64_t> shape);
/// Streams an array of `type` and `shape` whose data `writeData` writes (exactly the
/// bytes the shape asks for), atomically like the others.
void writeNpy(const std::filesystem::path& path, NpyType type, const std::vector<std::int64_t>& shape,
              const std::function<void(std::ostream&)>& writeData);

} // namespace rscir
