#pragma once
/// \file
/// Small rules about files that several readers share: a whole read at an offset, whether
/// a path stays inside a folder once links are resolved, and a path's bytes in ASCII.

#include <cctype>
#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <string>
#include <string_view>

#include <unistd.h>

namespace rscir {

/// Reads `bytes` at `offset` of `fd`, across short reads and interruptions; false when the
/// file ends first or a read fails (errno says which).
inline bool readFully(int fd, unsigned char* out, std::size_t bytes, std::uint64_t offset)
{
    while (bytes > 0) {
        const ssize_t n = ::pread(fd, out, bytes, static_cast<off_t>(offset));
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return false;
        out += n;
        bytes -= static_cast<std::size_t>(n);
        offset += static_cast<std::uint64_t>(n);
    }
    return true;
}

/// Whether `file` lies inside `root` once links are resolved (false when either cannot be
/// resolved: a loop of links, a folder without permission).
inline bool resolvesInside(const std::filesystem::path& root, const std::filesystem::path& file)
{
    std::error_code ec, rootEc;
    const auto real = std::filesystem::weakly_canonical(file, ec);
    const auto realRoot = std::filesystem::weakly_canonical(root, rootEc);
    if (ec || rootEc)
        return false;
    const auto inside = real.lexically_relative(realRoot);
    return !inside.empty() && *inside.begin() != "..";
}

/// Every byte outside A-Z a-z 0-9 / . _ - ~ as %XX: a file name of any bytes, in ASCII (as
/// a `file:` URI and a JSON field beside an undecodable name write it).
inline std::string percentEncoded(std::string_view bytes)
{
    std::string out;
    for (const char ch : bytes) {
        const auto c = static_cast<unsigned char>(ch);
        if (std::isalnum(c) || c == '/' || c == '.' || c == '_' || c == '-' || c == '~') {
            out += static_cast<char>(c);
        } else {
            char hex[4];
            std::snprintf(hex, sizeof hex, "%%%02X", c);
            out += hex;
        }
    }
    return out;
}

} // namespace rscir
