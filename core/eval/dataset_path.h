#pragma once
/// \file
/// A benchmark file names images relative to its dataset folder; a name that leaves the
/// folder (absolute, or with "..") would have the benchmark read, and a report embed,
/// files from elsewhere on the disk. Such names are refused where the file is read.

#include "core/base/error.h"
#include "core/base/files.h"

#include <filesystem>
#include <string>

namespace rscir {

/// Throws rscir::Error naming `where` when `path` is absolute or has a ".." component.
inline void requireInsideDataset(const std::string& path, const std::string& where)
{
    const std::filesystem::path p(path);
    bool up = false;
    for (const auto& part : p)
        up = up || part == "..";
    if (p.is_absolute() || p.has_root_name() || up)
        throw Error(where + ": " + path + " lies outside the dataset's folder",
                    "a benchmark names its images relative to its folder, without ..");
}

/// The file a benchmark names: `relative` under `root`, refused (rscir::Error naming
/// `where`) when it leaves the folder by its name or through a link.
inline std::filesystem::path datasetFile(const std::filesystem::path& root, const std::string& relative,
                                         const std::string& where)
{
    requireInsideDataset(relative, where);
    const auto file = root / relative;
    if (!resolvesInside(root, file))
        throw Error(where + ": " + relative + " is a link that leads out of the dataset's folder",
                    "a benchmark reads only the files inside its folder");
    return file;
}

} // namespace rscir
