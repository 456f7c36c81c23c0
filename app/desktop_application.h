#pragma once
/// \file
/// Start-up of the desktop application: command-line options, translations, the main window.

namespace rscir::ui {

/// Runs rscir-desktop. `--help` and `--version` answer without a display.
int runDesktop(int argc, char** argv);

} // namespace rscir::ui
