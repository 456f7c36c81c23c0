#include "main_window.h"

#include <QLabel>
#include <QVBoxLayout>

namespace rscir::ui {

MainWindow::MainWindow(QWidget* parent) : QMainWindow(parent)
{
    setWindowTitle(tr("rscir"));
    auto* label = new QLabel(tr("<h2>rscir</h2><p>The search workspace is not available in this build yet.</p>"
                                "<p>Use the <tt>rscir</tt> command line to embed images and texts and to run "
                                "the PatternCom benchmark.</p>"),
                             this);
    label->setAlignment(Qt::AlignCenter);
    label->setWordWrap(true);
    setCentralWidget(label);
    resize(960, 640);
}

} // namespace rscir::ui
