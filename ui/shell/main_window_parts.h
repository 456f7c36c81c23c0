#pragma once
/// \file
/// What the source files of MainWindow share: small helpers of its widgets (private to
/// ui/shell/main_window*.cpp).

#include <QIcon>
#include <QListView>
#include <QString>

namespace rscir::ui::window {

/// A results or archive grid of thumbnails.
QListView* makeGrid(QWidget* parent, int thumbnailSize, const QString& name);
/// File dialog patterns from the one list of image extensions.
QString imagePatterns();
/// An icon of the application's resources by name.
QIcon icon(const char* name);

} // namespace rscir::ui::window
