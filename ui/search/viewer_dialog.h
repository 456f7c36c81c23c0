#pragma once
/// \file
/// The item viewer: the full image of an item (zoom with the wheel, pan by dragging),
/// its raster facts, the centre of its footprint, its window on its whole raster, a small
/// locator map, and why it ranks where it does.

#include "core/index/index_store.h"
#include "core/search/ranking.h"

#include <QDialog>
#include <QGraphicsView>

#include <optional>

class QLabel;
class QGraphicsPixmapItem;

namespace rscir::ui {

class MapView;
class TileLoader;

class ZoomView : public QGraphicsView {
    Q_OBJECT
public:
    explicit ZoomView(QWidget* parent = nullptr);

protected:
    void wheelEvent(QWheelEvent* event) override;
};

class ViewerDialog : public QDialog {
    Q_OBJECT
public:
    /// `tiles`: the map's tile service, for the locator map's background (may be null).
    /// `rank`: the item's place in the results (1-based), when it is one; the viewer then
    /// offers the previous and the next result.
    ViewerDialog(const IndexStore& store, std::int64_t itemId, std::optional<Hit> hit, QWidget* parent = nullptr,
                 TileLoader* tiles = nullptr, std::optional<int> rank = std::nullopt, int results = 0);
    std::int64_t itemId() const { return m_itemId; }
    QString absolutePath() const { return m_absolutePath; }
    /// Says whether the item is a positive of the benchmark query the results show.
    void setBenchmarkVerdict(bool positive, const QString& query);
    /// The results no longer show that query: the verdict goes.
    void clearBenchmarkVerdict();
    QString factsText() const;

signals:
    void useAsQuery(std::int64_t itemId);
    /// Previous (-1) or next (+1) result.
    void stepRequested(int delta);

private:
    void buildLayout(TileLoader* tiles, std::optional<int> rank, int results);
    /// The item's facts, its place among the results and its scores, as rich text.
    QString factsOf(const ItemRecord& item, const std::optional<SourceRecord>& source, const std::optional<Hit>& hit,
                    std::optional<int> rank, int results) const;
    /// Reads the item's window (and, for a window of a larger raster, the raster small) off
    /// the GUI thread.
    void startLoading(const ItemRecord& item, const std::optional<SourceRecord>& source, const RasterOptions& options);
    void showOnLocator(const ItemRecord& item);

    std::int64_t m_itemId;
    QString m_absolutePath;
    ZoomView* m_view;
    QGraphicsPixmapItem* m_pixmap;
    QLabel* m_facts;
    QString m_factsWithoutVerdict; ///< empty: no verdict shown
    QLabel* m_overview; ///< the whole source raster with the window's outline
    MapView* m_locator; ///< where the item lies on the earth
};

} // namespace rscir::ui
