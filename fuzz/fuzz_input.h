#pragma once
// Helpers for the fuzz targets: an input as a file (the readers under test take paths).

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>

#include <unistd.h>

namespace rscir::fuzz {

/// Writes the input to a file of this process (one per target and suffix) and returns its path.
inline std::filesystem::path asFile(const std::uint8_t* data, std::size_t size, const char* suffix)
{
    const auto path = std::filesystem::temp_directory_path() /
                      ("rscir-fuzz-" + std::to_string(::getpid()) + suffix);
    std::ofstream(path, std::ios::binary | std::ios::trunc)
        .write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
    return path;
}

} // namespace rscir::fuzz
