#pragma once
/// \file
/// `rscir models list | install NAME | import FILE --name N | remove NAME`.

#include <CLI/CLI.hpp>

#include <functional>

namespace rscir::cli {

std::function<int()> addModelCommands(CLI::App& app);

} // namespace rscir::cli
