#include "ui/sweep_dialog.h"

#include "ui/thumbnail_cache.h"

#include <QFileDialog>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QScrollArea>
#include <QVBoxLayout>

namespace rscir::ui {

namespace {
constexpr int kCell = 112;
}

SweepDialog::SweepDialog(const std::vector<std::vector<Hit>>& rows, const std::vector<double>& lambdas,
                         const ArchiveEmbeddings* embeddings, ThumbnailCache* thumbnails, const QString& title,
                         QWidget* parent)
    : QDialog(parent), m_thumbnails(thumbnails), m_rows(static_cast<int>(rows.size()))
{
    setAttribute(Qt::WA_DeleteOnClose);
    setWindowTitle(tr("\u03bb Sweep - rscir"));
    auto* layout = new QVBoxLayout(this);
    auto* scroll = new QScrollArea(this);
    m_sheet = new QWidget;
    m_sheet->setAutoFillBackground(true);
    auto* grid = new QGridLayout(m_sheet);
    grid->setSpacing(4);
    auto* heading = new QLabel(title, m_sheet);
    heading->setWordWrap(true);
    QFont bold = heading->font();
    bold.setBold(true);
    heading->setFont(bold);
    grid->addWidget(heading, 0, 0, 1, -1);
    for (std::size_t r = 0; r < rows.size(); ++r) {
        auto* label = new QLabel(QStringLiteral("\u03bb = %1").arg(lambdas[r], 0, 'f', 1), m_sheet);
        label->setMinimumWidth(60);
        grid->addWidget(label, static_cast<int>(r) + 1, 0);
        for (std::size_t c = 0; c < rows[r].size(); ++c) {
            const std::int64_t id =
                embeddings && rows[r][c].index < embeddings->size() ? embeddings->itemId(rows[r][c].index) : 0;
            auto* cell = new QLabel(m_sheet);
            cell->setFixedSize(kCell, kCell);
            cell->setAlignment(Qt::AlignCenter);
            cell->setFrameShape(QFrame::Box);
            cell->setToolTip(tr("Item %1, score %2").arg(id).arg(double(rows[r][c].score), 0, 'f', 4));
            const QPixmap pixmap = m_thumbnails->thumbnail(id);
            if (!pixmap.isNull())
                cell->setPixmap(pixmap.scaled(kCell - 4, kCell - 4, Qt::KeepAspectRatio, Qt::SmoothTransformation));
            m_cells[id].append(cell);
            grid->addWidget(cell, static_cast<int>(r) + 1, static_cast<int>(c) + 1);
        }
    }
    scroll->setWidget(m_sheet);
    scroll->setWidgetResizable(false);
    layout->addWidget(scroll, 1);
    auto* buttons = new QHBoxLayout;
    auto* save = new QPushButton(QIcon(QStringLiteral(":/icons/export.svg")), tr("Export as &PNG..."), this);
    auto* close = new QPushButton(tr("Close"), this);
    buttons->addStretch(1);
    buttons->addWidget(save);
    buttons->addWidget(close);
    layout->addLayout(buttons);
    connect(close, &QPushButton::clicked, this, &QDialog::close);
    connect(save, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getSaveFileName(this, tr("Export the \u03bb Sweep"),
                                                          QStringLiteral("sweep.png"), tr("PNG images (*.png)"));
        if (path.isEmpty())
            return;
        QString error;
        if (!exportPng(path, &error))
            setWindowTitle(error);
    });
    connect(m_thumbnails, &ThumbnailCache::thumbnailReady, this, [this](std::int64_t id) {
        const auto it = m_cells.constFind(id);
        if (it == m_cells.constEnd())
            return;
        const QPixmap pixmap = m_thumbnails->thumbnail(id);
        for (QLabel* cell : *it)
            cell->setPixmap(pixmap.scaled(kCell - 4, kCell - 4, Qt::KeepAspectRatio, Qt::SmoothTransformation));
    });
    m_sheet->adjustSize();
    resize(std::min(m_sheet->width() + 40, 1400), std::min(m_sheet->height() + 80, 900));
}

bool SweepDialog::exportPng(const QString& path, QString* error)
{
    m_sheet->adjustSize();
    const QPixmap image = m_sheet->grab();
    if (image.isNull() || !image.save(path, "PNG")) {
        if (error)
            *error = tr("Cannot write %1").arg(path);
        return false;
    }
    return true;
}

} // namespace rscir::ui
