#pragma once
/// \file
/// Item models for the two thumbnail grids: the archive's items (filled page by page
/// with fetchMore, filtered by path) and the ranked results.

#include "core/index/index_store.h"
#include "core/search/ranking.h"

#include <QAbstractListModel>
#include <QHash>

namespace rscir::ui {

class ThumbnailCache;

enum ItemRoles {
    ItemIdRole = Qt::UserRole + 1,
    RankRole,
    ScoreRole,
    PathRole,
};

/// The MIME type of items dragged from a grid; the data is the item id in decimal.
inline constexpr const char* kItemMimeType = "application/x-rscir-item";

class ArchiveItemModel : public QAbstractListModel {
    Q_OBJECT
public:
    explicit ArchiveItemModel(ThumbnailCache* thumbnails, QObject* parent = nullptr);

    void setStore(IndexStore* store);
    void setFilter(const QString& filter);
    QString filter() const { return m_filter; }
    /// Items matching the filter, loaded or not.
    std::int64_t totalCount() const { return m_total; }
    void refresh();

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    bool canFetchMore(const QModelIndex& parent) const override;
    void fetchMore(const QModelIndex& parent) override;
    Qt::ItemFlags flags(const QModelIndex& index) const override;
    QStringList mimeTypes() const override;
    QMimeData* mimeData(const QModelIndexList& indexes) const override;

    static constexpr int kPageSize = 500;

private:
    void onThumbnail(std::int64_t itemId);

    ThumbnailCache* m_thumbnails;
    IndexStore* m_store = nullptr;
    QString m_filter;
    std::vector<ItemRecord> m_items;
    QHash<std::int64_t, int> m_rowOf;
    std::int64_t m_total = 0;
};

class ResultsModel : public QAbstractListModel {
    Q_OBJECT
public:
    explicit ResultsModel(ThumbnailCache* thumbnails, QObject* parent = nullptr);

    /// The hits in rank order; `itemIds` maps a hit's row in the matrix to its item id.
    /// Rows that stay keep their cells (no reset), so the grid does not flicker.
    void setHits(const std::vector<Hit>& hits, const std::vector<std::int64_t>& itemIds, IndexStore* store);
    const Hit* hitAt(int row) const;
    std::int64_t itemIdAt(int row) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    Qt::ItemFlags flags(const QModelIndex& index) const override;
    QStringList mimeTypes() const override;
    QMimeData* mimeData(const QModelIndexList& indexes) const override;

private:
    struct Row {
        Hit hit;
        std::int64_t itemId = 0;
    };
    QString pathOf(std::int64_t itemId) const;

    ThumbnailCache* m_thumbnails;
    IndexStore* m_store = nullptr;
    std::vector<Row> m_rows;
    QHash<std::int64_t, int> m_rowOf;
    mutable QHash<std::int64_t, QString> m_paths;
};

} // namespace rscir::ui
