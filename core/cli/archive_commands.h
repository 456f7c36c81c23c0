#pragma once
/// \file
/// The subcommands that work on an archive index: index, search, info, export.

#include <CLI/CLI.hpp>

#include <functional>

namespace rscir::cli {

/// Adds the subcommands to `app`; the returned function runs whichever was parsed
/// (returning its exit status) or returns -1 when none of them was.
std::function<int()> addArchiveCommands(CLI::App& app);

} // namespace rscir::cli
