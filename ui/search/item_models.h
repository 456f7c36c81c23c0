#pragma once
/// \file
/// Item models for the two thumbnail grids: the archive's items (filled page by page
/// with fetchMore, filtered by path) and the ranked results.

#include "core/base/lru_cache.h"
#include "core/search/cache_limits.h"
#include "core/index/index_store.h"
#include "core/search/ranking.h"

#include <QAbstractListModel>

#include <functional>
#include <optional>
#include <QHash>

namespace rscir::ui {

class ArchiveService;
class ThumbnailCache;

enum ItemRoles {
    ItemIdRole = Qt::UserRole + 1,
    RankRole,
    ScoreRole,
    PathRole,
    MarkRole, ///< +1: a wanted term of the query, -1: an avoided one, 0: neither
    PositiveRole, ///< a benchmark query's positive (true) or not (false); invalid without one
    FoldedRole, ///< the items folded under a result at its place (one result per place), as a list of ids
    LabelRole, ///< the item's labels, a QStringList of names after '+' (positive) or kNegativeLabel
};

/// What comes before a negative label's name in LabelRole.
inline constexpr QChar kNegativeLabel = QChar(0x2212);
/// An item's labels for its cell (LabelRole); empty for none.
using Labeller = std::function<QStringList(std::int64_t)>;
/// Labels of LabelRole in words, for a tooltip: "pool, not ship".
QString labelsInWords(const QStringList& signedLabels);

/// The MIME type of items dragged from a grid; the data is the item id in decimal.
inline constexpr const char* kItemMimeType = "application/x-rscir-item";

class ArchiveItemModel : public QAbstractListModel {
    Q_OBJECT
public:
    /// Pages and counts come from `archive`'s worker, never from the GUI thread.
    ArchiveItemModel(ArchiveService* archive, ThumbnailCache* thumbnails, QObject* parent = nullptr);

    /// Shows the items of this generation of the archive (0: none).
    void setGeneration(quint64 generation);
    void setFilter(const QString& filter);
    QString filter() const { return m_filter; }
    /// Items matching the filter, loaded or not (-1 until counted).
    std::int64_t totalCount() const { return m_total; }
    /// True while a page or the count is on its way.
    bool isLoading() const { return m_pageRequested || m_total < 0; }
    void refresh();
    /// How each item's labels are said (LabelRole); the cells are repainted.
    void setLabeller(Labeller labeller);

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    bool canFetchMore(const QModelIndex& parent) const override;
    void fetchMore(const QModelIndex& parent) override;
    Qt::ItemFlags flags(const QModelIndex& index) const override;
    QStringList mimeTypes() const override;
    QMimeData* mimeData(const QModelIndexList& indexes) const override;

    static constexpr int kPageSize = 500;

signals:
    void countChanged();

private:
    void onThumbnail(std::int64_t itemId);
    void onPage(quint64 generation, const QString& filter, qint64 afterId, const std::vector<ItemRecord>& items);

    ArchiveService* m_archive;
    ThumbnailCache* m_thumbnails;
    Labeller m_labeller;
    quint64 m_generation = 0;
    QString m_filter;
    std::vector<ItemRecord> m_items;
    QHash<std::int64_t, int> m_rowOf;
    std::int64_t m_total = 0;
    bool m_pageRequested = false;
    bool m_exhausted = false;
};

class ResultsModel : public QAbstractListModel {
    Q_OBJECT
public:
    explicit ResultsModel(ThumbnailCache* thumbnails, QObject* parent = nullptr);

    /// The hits in rank order; `embeddings` maps a hit's row to its item id.
    /// Rows that stay keep their cells (no reset), so the grid does not flicker.
    /// `folded`, when given, holds per hit the items folded under it (one result per place).
    void setHits(const std::vector<Hit>& hits, const ArchiveEmbeddings* embeddings, IndexStore* store,
                 const std::vector<std::vector<std::int64_t>>* folded = nullptr);
    const Hit* hitAt(int row) const;
    /// How each item is marked (MarkRole): the query's wanted and avoided items.
    void setMarker(std::function<int(std::int64_t)> marker);
    /// The marks changed (the query's terms did): cells are repainted.
    void refreshMarks();
    /// How each item's labels are said (LabelRole); the cells are repainted.
    void setLabeller(Labeller labeller);
    /// The positives of a benchmark query (sorted item ids), or none: each result then says
    /// whether it is one (PositiveRole).
    void setPositives(std::optional<std::vector<std::int64_t>> positives);
    bool hasPositives() const { return m_positives.has_value(); }
    bool isPositive(std::int64_t itemId) const;
    /// How many of the results shown are positives.
    int positivesShown() const;
    std::int64_t itemIdAt(int row) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    Qt::ItemFlags flags(const QModelIndex& index) const override;
    QStringList mimeTypes() const override;
    QMimeData* mimeData(const QModelIndexList& indexes) const override;

    /// An item's archive path with its window where it is one of a raster ("a/scene.tif
    /// @512,256"), read once per index and cached; empty without an index.
    QString pathOf(std::int64_t itemId) const;
    /// When the item's file was acquired, in the user's words; empty when the index does not say.
    QString acquiredOf(std::int64_t itemId) const;

private:
    struct Row {
        Hit hit;
        std::int64_t itemId = 0;
        std::vector<std::int64_t> folded;
    };

    ThumbnailCache* m_thumbnails;
    IndexStore* m_store = nullptr;
    std::function<int(std::int64_t)> m_marker;
    Labeller m_labeller;
    std::optional<std::vector<std::int64_t>> m_positives;
    std::vector<Row> m_rows;
    QHash<std::int64_t, int> m_rowOf;
    mutable LruCache<std::int64_t, QString> m_paths{cache_limits::kItemLabelBytes};
    mutable LruCache<std::int64_t, QString> m_acquired{cache_limits::kItemLabelBytes}; ///< acquiredOf(), per index
};

} // namespace rscir::ui
