#pragma once
/// \file
/// The parts of a window — its query panel, results, message bar, map — found the way
/// QTest and accessibility tools find them: among its children, by type and, where a type
/// occurs twice (two item views), by object name. Scripted runs, the session benchmark and
/// the tests drive the window this way, so the window needs no members for them.

#include <QByteArray>
#include <QList>
#include <QObject>
#include <QString>

namespace rscir::ui {

/// The one child of `window` of type T (named `name`, when given); null when there is
/// none. More than one is a mistake in the caller's lookup, and ends the program.
template <class T>
T* partOf(const QObject& window, const QString& name = {})
{
    const QList<T*> found = window.findChildren<T*>(name, Qt::FindChildrenRecursively);
    if (found.size() > 1)
        qFatal("rscir: the window has %d parts of type %s named '%s'; name the one meant", static_cast<int>(found.size()),
               T::staticMetaObject.className(), qPrintable(name));
    return found.isEmpty() ? nullptr : found.front();
}

} // namespace rscir::ui
