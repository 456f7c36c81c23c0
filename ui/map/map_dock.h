#pragma once
/// \file
/// The map dock: the map, its tools (zoom to the archive or the results, draw a rectangle
/// or a polygon as the spatial filter, load an area or a layer from a GIS file, the
/// background), and a line with the cursor's coordinates and the filter's state.

#include "core/index/spatial_filter.h"

#include <QWidget>

#include <optional>

class QComboBox;
class QLabel;
class QToolButton;

namespace rscir::ui {

class MapView;
class ThumbnailCache;
class TileLoader;

class MapDock : public QWidget {
    Q_OBJECT
public:
    MapDock(ThumbnailCache* thumbnails, QWidget* parent = nullptr);
    MapView* map() const { return m_map; }
    TileLoader* tiles() const { return m_tiles; }
    QComboBox* backgroundBox() const { return m_background; }
    /// Says what the filter keeps (or that none is on).
    void setAreaStatus(const QString& text);
    /// Reads a layer (vector outlines or a georeferenced raster) off the GUI thread and adds it;
    /// a file that cannot be read is said in a message.
    void loadLayer(const QString& path);
    /// Reads an area from a file off the GUI thread; areaChosen() follows.
    void loadArea(const QString& path);

    /// Whether the Score button is down.
    bool showsScore() const;

signals:
    /// The user chose a spatial filter (drawn or loaded), or cleared it (nullopt).
    void areaChosen(const std::optional<rscir::SpatialFilter>& area);
    void message(const QString& text);
    /// The Score button: colour the selected result's scene by the query's score.
    void scoreLayerToggled(bool on);

private:
    void connectMap();
    void chooseBackground(int index);

    MapView* m_map;
    TileLoader* m_tiles;
    QComboBox* m_background;
    QLabel* m_coordinates;
    QLabel* m_area;
    QToolButton* m_rectangle;
    QToolButton* m_polygon;
    QToolButton* m_score;
};

} // namespace rscir::ui
