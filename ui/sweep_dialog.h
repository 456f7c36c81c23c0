#pragma once
/// \file
/// The lambda sweep: the top results for lambda = 0, 0.1, ..., 1 as rows, the paper's
/// Figure 1 for the current query, with PNG export.

#include "core/search/archive_embeddings.h"
#include "core/search/ranking.h"

#include <QDialog>
#include <QHash>
#include <QList>

class QLabel;

namespace rscir::ui {

class ThumbnailCache;

class SweepDialog : public QDialog {
    Q_OBJECT
public:
    SweepDialog(const std::vector<std::vector<Hit>>& rows, const std::vector<double>& lambdas,
                const ArchiveEmbeddings* embeddings, ThumbnailCache* thumbnails, const QString& title,
                QWidget* parent = nullptr);
    /// Renders the sweep to a PNG; returns false (and says why in `error`) on failure.
    bool exportPng(const QString& path, QString* error = nullptr);
    int rowCount() const { return m_rows; }

private:
    QWidget* m_sheet;
    ThumbnailCache* m_thumbnails;
    QHash<std::int64_t, QList<QLabel*>> m_cells;
    int m_rows = 0;
};

} // namespace rscir::ui
