#pragma once
/// \file
/// Small rules about files that several readers share: a whole read at an offset, whether
/// a path stays inside a folder once links are resolved, and a path's bytes in ASCII.

#include <cctype>
#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <vector>
#include "core/base/error.h"
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

/// Every byte outside A-Z a-z 0-9 / . _ - ~ (and `alsoKept`) as %XX: a file name of any
/// bytes, in ASCII (as a `file:` URI and a JSON field beside an undecodable name write it),
/// or a query's value (with ":," kept, as a STAC API's parameters read them).
inline std::string percentEncoded(std::string_view bytes, std::string_view alsoKept = {})
{
    std::string out;
    for (const char ch : bytes) {
        const auto c = static_cast<unsigned char>(ch);
        if (std::isalnum(c) || c == '/' || c == '.' || c == '_' || c == '-' || c == '~' ||
            alsoKept.find(ch) != std::string_view::npos) {
            out += static_cast<char>(c);
        } else {
            char hex[4];
            std::snprintf(hex, sizeof hex, "%%%02X", c);
            out += hex;
        }
    }
    return out;
}

/// Writes `output` through `write(temporary)`, a hidden file beside it that is renamed into
/// place once written (and removed when writing fails): a reader never sees half a file. A
/// link at `output` is refused (it would lead the write elsewhere), an existing file is
/// replaced only with `overwrite`, and the folder must exist. `sideExtensions` name files
/// written beside the temporary with its name and another extension (".pgw"): they are
/// renamed with it. Throws rscir::Error.
template <class Write>
void writeIntoPlace(const std::filesystem::path& output, bool overwrite, Write write,
                    const std::vector<std::string>& sideExtensions = {})
{
    namespace fs = std::filesystem;
    std::error_code ec;
    const auto status = fs::symlink_status(output, ec);
    if (fs::is_symlink(status))
        throw Error(output.string() + " is a symbolic link; rscir does not write through links");
    if (fs::exists(status) && !overwrite)
        throw Error(output.string() + " exists already (--force replaces it)");
    if (fs::exists(status) && !fs::is_regular_file(status))
        throw Error(output.string() + " is not a file");
    const fs::path folder = fs::absolute(output).parent_path();
    if (!fs::is_directory(folder, ec))
        throw Error("the folder " + folder.string() + " does not exist");
    const fs::path temporary =
        folder / ("." + output.stem().string() + ".writing-" + std::to_string(::getpid()) + output.extension().string());
    const auto side = [&](const fs::path& base, const std::string& extension) {
        fs::path p = base;
        return p.replace_extension(extension);
    };
    for (const std::string& extension : sideExtensions)
        if (fs::exists(fs::symlink_status(side(output, extension), ec)) && !overwrite)
            throw Error(side(output, extension).string() + " exists already (--force replaces it)");
    const auto removeAll = [&] {
        std::error_code ignored;
        fs::remove(temporary, ignored);
        for (const std::string& extension : sideExtensions)
            fs::remove(side(temporary, extension), ignored);
    };
    try {
        write(temporary);
        for (const std::string& extension : sideExtensions) {
            const fs::path to = side(output, extension);
            if (fs::is_symlink(fs::symlink_status(to, ec)))
                throw Error(to.string() + " is a symbolic link; rscir does not write through links");
            fs::rename(side(temporary, extension), to);
        }
        fs::rename(temporary, output);
    } catch (...) {
        removeAll();
        throw;
    }
}

} // namespace rscir
