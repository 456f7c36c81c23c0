#include "ui/errors.h"

#include "core/base/error.h"

#include <QCoreApplication>

#include <exception>
#include <new>

namespace rscir::ui {

QString currentErrorText()
{
    try {
        throw;
    } catch (const Error& e) {
        return QString::fromStdString(e.what());
    } catch (const Cancelled&) {
        return QCoreApplication::translate("rscir::ui::Errors", "Cancelled.");
    } catch (const std::bad_alloc&) {
        return QCoreApplication::translate("rscir::ui::Errors", "Not enough memory.");
    } catch (const std::exception& e) {
        return QCoreApplication::translate("rscir::ui::Errors", "An unexpected failure: %1")
            .arg(QString::fromLocal8Bit(e.what()));
    } catch (...) {
        return QCoreApplication::translate("rscir::ui::Errors", "An unexpected failure.");
    }
}

} // namespace rscir::ui
