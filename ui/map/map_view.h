#pragma once
/// \file
/// The map: the archive's footprints in Web Mercator over an optional background (the
/// archive's own thumbnails as a quick-look mosaic, an XYZ tile service, vector layers
/// from GIS files), the results coloured by rank with their numbers, the query's items,
/// and the spatial filter. Drawn by level of detail so that a million footprints stay
/// fluid: outlines when few are in view, a density raster otherwise (cached per view).

#include "core/index/spatial_filter.h"
#include "ui/archive/archive_service.h"

#include <QImage>
#include <QPointF>
#include <QPolygonF>
#include <QWidget>

#include <array>
#include <memory>
#include <optional>
#include <vector>

namespace rscir::ui {

class ThumbnailCache;
class TileLoader;

class MapView : public QWidget {
    Q_OBJECT
public:
    enum class Tool { Pan, Rectangle, Polygon };
    enum class Background { None, Mosaic, Tiles };

    MapView(ThumbnailCache* thumbnails, TileLoader* tiles, QWidget* parent = nullptr);
    /// The label of results drawn at one place: their ranks as runs ("5\u20137,12"); of more
    /// than three runs, the first two and "\u2026".
    static QString rankRuns(std::vector<std::size_t> ranks);
    ~MapView() override;

    void setFootprints(std::shared_ptr<const ArchiveFootprints> footprints);
    /// The shown results, in rank order (item ids).
    void setResults(const std::vector<std::int64_t>& ids);
    /// The query's items: wanted and avoided.
    void setQueryItems(const std::vector<std::int64_t>& wanted, const std::vector<std::int64_t>& avoided);
    void setSelected(std::int64_t itemId);
    void setArea(const std::optional<SpatialFilter>& area);
    /// Which items a filter keeps (in the footprints' order): only those are drawn; null: all.
    void setKept(std::shared_ptr<const std::vector<bool>> kept);
    void setTool(Tool tool);
    Tool tool() const { return m_tool; }
    void setBackground(Background background);
    Background background() const { return m_background; }
    /// Vector layers from GIS files, drawn as outlines (lon/lat rings, lines, points).
    void addVectorLayer(const QString& name, std::vector<QPolygonF> lonLatParts);
    /// A raster from a GIS file (an orthophoto), drawn under the footprints with its corners
    /// at `lonLatCorners` (top-left, top-right, bottom-right, bottom-left).
    void addRasterLayer(const QString& name, const QImage& image, const std::array<QPointF, 4>& lonLatCorners);
    void clearLayers(); ///< vector and raster layers
    /// The query's score over one scene: drawn over the GIS layers and under the footprints.
    void setScoreLayer(const QImage& image, const std::array<QPointF, 4>& lonLatCorners);
    void clearScoreLayer();
    bool hasScoreLayer() const { return m_score.has_value(); }

    void zoomToArchive();
    void zoomToResults();
    /// Fits the view to these items' footprints; false when none of them has one (yet).
    bool zoomToItems(const std::vector<std::int64_t>& ids);
    /// The view: its centre in lon/lat and its scale in metres (Web Mercator) per pixel.
    void setView(double lon, double lat, double metresPerPixel);
    QPointF centreLonLat() const;
    double metresPerPixel() const { return m_mpp; }
    /// Where a lon/lat point is drawn, in widget pixels.
    QPointF toScreen(double lon, double lat) const;
    QPointF toLonLat(const QPointF& screen) const;
    /// How many footprints are in view, and whether they are drawn as outlines.
    std::size_t visibleCount() const { return m_visible; }
    bool drawsOutlines() const { return m_outlines; }
    /// The item under a widget point: a result first, then any item; 0 when none.
    std::int64_t itemAt(const QPointF& screen) const;
    /// True while a large archive's footprints are being projected (off the GUI thread).
    bool projecting() const;

    static constexpr std::size_t kOutlineLimit = 4000; ///< more in view: a density raster
    static constexpr std::size_t kMosaicLimit = 600; ///< at most this many thumbnails drawn

signals:
    void itemClicked(std::int64_t itemId);
    void itemActivated(std::int64_t itemId); ///< double-click
    /// A rectangle or polygon was drawn (lon/lat), ready to become the spatial filter.
    void areaDrawn(const rscir::SpatialFilter& area);
    void cursorMoved(double lon, double lat);
    void message(const QString& text);

protected:
    void paintEvent(QPaintEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;
    void wheelEvent(QWheelEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    void mouseDoubleClickEvent(QMouseEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;
    void leaveEvent(QEvent* event) override;

    struct Projected;

private:
    static std::shared_ptr<Projected> project(const ArchiveFootprints& footprints);
    QPointF toScreenMercator(double x, double y) const;
    QPolygonF quadOf(std::size_t index) const;
    std::optional<std::size_t> indexOf(std::int64_t itemId) const;
    void fitMercator(double minX, double minY, double maxX, double maxY);
    void drawTiles(QPainter& painter);
    void drawArchive(QPainter& painter);
    void drawMosaic(QPainter& painter, const std::vector<std::size_t>& visible);
    void drawScaleBar(QPainter& painter);
    void drawRasterLayers(QPainter& painter);
    void drawVectorLayers(QPainter& painter);
    void drawArea(QPainter& painter);
    void drawResults(QPainter& painter);
    void drawQueryItems(QPainter& painter);
    void drawSketch(QPainter& painter);
    void drawHovered(QPainter& painter);
    void drawAttribution(QPainter& painter);
    void finishPolygon();

    ThumbnailCache* m_thumbnails;
    TileLoader* m_tiles;
    std::shared_ptr<const ArchiveFootprints> m_footprints;
    std::unique_ptr<Projected> m_projected;
    std::vector<std::int64_t> m_results;
    std::vector<std::int64_t> m_wanted, m_avoided;
    std::int64_t m_selected = 0;
    std::int64_t m_hovered = 0;
    std::optional<SpatialFilter> m_area;
    std::shared_ptr<const std::vector<bool>> m_kept; ///< null: every item is drawn
    std::vector<QPolygonF> m_areaRings; ///< in Web Mercator metres
    std::vector<std::pair<QString, std::vector<QPolygonF>>> m_layers; ///< in Web Mercator metres
    struct RasterLayer {
        QString name;
        QImage image;
        QPolygonF corners; ///< Web Mercator metres
    };
    std::vector<RasterLayer> m_rasters;
    std::optional<RasterLayer> m_score;
    Tool m_tool = Tool::Pan;
    Background m_background = Background::Mosaic;
    QPointF m_centre; ///< Web Mercator metres
    double m_mpp = 1000.0;
    bool m_fitted = false;
    // Interaction.
    QPointF m_pressAt, m_lastMouse;
    bool m_dragging = false;
    bool m_moved = false;
    std::vector<QPointF> m_drawing; ///< lon/lat points of a polygon or rectangle being drawn
    // The archive layer of the last view, reused while only overlays change.
    QImage m_archiveLayer;
    std::vector<std::uint32_t> m_density; ///< footprint centres per 3-pixel cell of the last view
    quint64 m_projection = 0; ///< counts footprint sets, so that a late projection is dropped
    QString m_archiveKey;
    std::size_t m_visible = 0;
    bool m_outlines = true;
};

} // namespace rscir::ui

Q_DECLARE_METATYPE(rscir::SpatialFilter)
