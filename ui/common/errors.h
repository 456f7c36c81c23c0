#pragma once
/// \file
/// Exceptions at the GUI's boundary: every slot that calls core runs guarded, so that
/// nothing escapes into Qt's event loop and every failure becomes one message.

#include <QString>

#include <utility>

namespace rscir {
class Error;
}

namespace rscir::ui {

/// The message of the exception in flight, for a person (call it inside a catch block).
/// rscir::Error carries its own sentence; anything else is named as unexpected.
QString currentErrorText();

/// The engine's message in the user's language, said from its code and arguments where it
/// has one (a file that disappeared, a raster GDAL cannot read, a damaged or huge image, a
/// missing vocabulary, ...); otherwise the English original. `engineMessage` is a message
/// currentErrorText() gave (they travel between threads as text; the log keeps the
/// original). What GDAL itself says inside a message stays as GDAL wrote it.
QString inUserLanguage(const QString& engineMessage);
QString inUserLanguage(const rscir::Error& error);

/// Runs `work`; an exception becomes one call of `report` with its message.
template <class Work, class Report>
bool guarded(Work&& work, Report&& report)
{
    try {
        std::forward<Work>(work)();
        return true;
    } catch (...) {
        std::forward<Report>(report)(currentErrorText());
        return false;
    }
}

} // namespace rscir::ui
