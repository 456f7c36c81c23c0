#pragma once
/// \file
/// The lambda sweep: the top results for lambda = 0, 0.1, ..., 1 as rows, the paper's
/// Figure 1 for the current query, with PNG export.

#include "core/search/archive_embeddings.h"
#include "core/search/ranking.h"

#include <QDialog>
#include <QHash>
#include <QList>

#include <cmath>
#include <limits>

class QLabel;

namespace rscir::ui {

class ThumbnailCache;

class SweepDialog : public QDialog {
    Q_OBJECT
public:
    /// `current`: the lambda of the window, whose row is marked (NaN: none).
    SweepDialog(const std::vector<std::vector<Hit>>& rows, const std::vector<double>& lambdas,
                const ArchiveEmbeddings* embeddings, ThumbnailCache* thumbnails, const QString& title,
                QWidget* parent = nullptr, double current = std::numeric_limits<double>::quiet_NaN());
    /// Renders the sweep to a PNG; returns false (and says why in `error`) on failure.
    bool exportPng(const QString& path, QString* error = nullptr);
    int rowCount() const { return m_rows; }
    /// The row marked as the window's lambda (-1: none).
    int currentRow() const { return m_currentRow; }

signals:
    /// A cell was clicked: the item is opened.
    void itemActivated(std::int64_t itemId);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    /// One result's thumbnail in the sheet, which opens the item when clicked.
    QLabel* makeCell(std::int64_t id, float score, bool marked);

    QWidget* m_sheet;
    ThumbnailCache* m_thumbnails;
    QHash<std::int64_t, QList<QLabel*>> m_cells;
    int m_rows = 0;
    int m_currentRow = -1;
};

} // namespace rscir::ui
