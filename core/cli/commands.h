#pragma once
/// \file
/// The `rscir` command line: subcommands that print JSON to stdout and human messages
/// to stderr. Exit status 0 on success, 2 for bad arguments, 1 for any other failure.

namespace rscir::cli {

int run(int argc, char** argv);

} // namespace rscir::cli
