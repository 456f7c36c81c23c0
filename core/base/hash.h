#pragma once
/// \file
/// 64-bit FNV-1a: one number of some bytes, for fingerprints and names (not against an
/// adversary). Pieces are mixed in turn by handing the last value on.

#include <cstdint>
#include <string_view>

namespace rscir {

inline constexpr std::uint64_t kFnv1aOffset = 1469598103934665603ull;

inline std::uint64_t fnv1a64(std::string_view bytes, std::uint64_t hash = kFnv1aOffset)
{
    for (const unsigned char c : bytes)
        hash = (hash ^ c) * 1099511628211ull;
    return hash;
}

} // namespace rscir
