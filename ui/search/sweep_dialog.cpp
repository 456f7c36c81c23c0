#include "ui/search/sweep_dialog.h"

#include "ui/search/thumbnail_cache.h"

#include <QFileDialog>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QEvent>
#include <QLabel>
#include <QLocale>
#include <QVariant>
#include <QPushButton>
#include <QScrollArea>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

namespace rscir::ui {

namespace {
constexpr int kCell = 112;
}

namespace {

/// Tenths print with one decimal; a finer sweep (BASIC's Harris weight) with two.
int decimalsOf(const std::vector<double>& lambdas)
{
    const auto tenth = [](double l) { return std::fabs(l * 10 - std::round(l * 10)) < 1e-9; };
    return std::all_of(lambdas.begin(), lambdas.end(), tenth) ? 1 : 2;
}

} // namespace

SweepDialog::SweepDialog(const std::vector<std::vector<Hit>>& rows, const std::vector<double>& lambdas,
                         const ArchiveEmbeddings* embeddings, ThumbnailCache* thumbnails, const QString& title,
                         QWidget* parent, double current)
    : QDialog(parent), m_thumbnails(thumbnails), m_rows(static_cast<int>(rows.size()))
{
    const int decimals = decimalsOf(lambdas);
    // The row nearest the window's lambda is marked.
    double nearest = 0.051;
    for (std::size_t r = 0; r < lambdas.size(); ++r)
        if (std::fabs(lambdas[r] - current) < nearest) {
            nearest = std::fabs(lambdas[r] - current);
            m_currentRow = static_cast<int>(r);
        }
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
        const bool marked = static_cast<int>(r) == m_currentRow;
        auto* label = new QLabel(QStringLiteral("\u03bb = %1%2")
                                     .arg(QLocale().toString(lambdas[r], 'f', decimals), marked ? QStringLiteral(" \u25b6") : QString()),
                                 m_sheet);
        label->setMinimumWidth(70);
        if (marked) {
            QFont strong = label->font();
            strong.setBold(true);
            label->setFont(strong);
            label->setToolTip(tr("The \u03bb of the window"));
        }
        grid->addWidget(label, static_cast<int>(r) + 1, 0);
        for (std::size_t c = 0; c < rows[r].size(); ++c) {
            const std::int64_t id =
                embeddings && rows[r][c].index < embeddings->size() ? embeddings->itemId(rows[r][c].index) : 0;
            grid->addWidget(makeCell(id, rows[r][c].score, marked), static_cast<int>(r) + 1, static_cast<int>(c) + 1);
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

QLabel* SweepDialog::makeCell(std::int64_t id, float score, bool marked)
{
    auto* cell = new QLabel(m_sheet);
    cell->setFixedSize(kCell, kCell);
    cell->setAlignment(Qt::AlignCenter);
    cell->setFrameShape(QFrame::Box);
    cell->setToolTip(tr("Item %1, score %2; click to open it").arg(id).arg(QLocale().toString(double(score), 'f', 4)));
    cell->setProperty("item", QVariant::fromValue(static_cast<qlonglong>(id)));
    cell->setCursor(Qt::PointingHandCursor);
    cell->installEventFilter(this);
    if (marked)
        cell->setStyleSheet(QStringLiteral("QLabel { border: 2px solid palette(highlight); }"));
    const QPixmap pixmap = m_thumbnails->thumbnail(id);
    if (!pixmap.isNull())
        cell->setPixmap(pixmap.scaled(kCell - 4, kCell - 4, Qt::KeepAspectRatio, Qt::SmoothTransformation));
    m_cells[id].append(cell);
    return cell;
}

bool SweepDialog::eventFilter(QObject* watched, QEvent* event)
{
    if (event->type() == QEvent::MouseButtonRelease && watched->property("item").isValid()) {
        if (const auto id = watched->property("item").toLongLong(); id > 0)
            emit itemActivated(id);
        return true;
    }
    return QDialog::eventFilter(watched, event);
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
