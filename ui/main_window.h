#pragma once

#include <QMainWindow>

namespace rscir::ui {

/// The application's main window.
class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(QWidget* parent = nullptr);
};

} // namespace rscir::ui
