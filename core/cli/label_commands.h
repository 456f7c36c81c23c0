#pragma once
/// \file
/// Labels on the command line: `rscir label add|remove|list` and `rscir export labels`.

#include <CLI/CLI.hpp>

#include <functional>

namespace rscir::cli {

/// Adds `label` to `app` and `labels` to its `export` subcommand (addArchiveCommands first);
/// the returned function runs whichever was parsed, or returns -1. It runs before the
/// archive commands' runner, which takes a bare `export` for itself.
std::function<int()> addLabelCommands(CLI::App& app);

} // namespace rscir::cli
