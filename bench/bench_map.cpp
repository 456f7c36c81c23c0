// The map dock's repaint with a national archive's footprints: a million tiles of a
// raster grid, a hundred results, an area. Prints the median and the worst repaint of
// each kind, in milliseconds, on a 1280 x 800 map.
#include "ui/map/map_view.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QImage>
#include <QPainter>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <random>
#include <vector>

using namespace rscir;
using namespace rscir::ui;

namespace {

struct Figures {
    double median, worst;
};

template <typename Step>
Figures time(MapView& map, int repeats, Step&& step)
{
    QImage canvas(map.size(), QImage::Format_ARGB32_Premultiplied);
    std::vector<double> ms;
    for (int i = 0; i < repeats; ++i) {
        step(i);
        QElapsedTimer timer;
        timer.start();
        QPainter painter(&canvas);
        map.render(&painter);
        painter.end();
        ms.push_back(static_cast<double>(timer.nsecsElapsed()) / 1e6);
    }
    std::sort(ms.begin(), ms.end());
    return {ms[ms.size() / 2], ms.back()};
}

} // namespace

int main(int argc, char** argv)
{
    QApplication app(argc, argv);
    std::size_t items = 1000000;
    for (int i = 1; i + 1 < argc; ++i)
        if (std::strcmp(argv[i], "--items") == 0)
            items = std::strtoull(argv[i + 1], nullptr, 10);
    // Tiles of 0.002 degrees (about 200 m) in a square grid.
    const auto side = static_cast<std::size_t>(std::ceil(std::sqrt(double(items))));
    auto footprints = std::make_shared<ArchiveFootprints>();
    footprints->ids.reserve(items);
    footprints->footprints.reserve(items);
    for (std::size_t i = 0; i < items; ++i) {
        const double lon = 5.0 + 0.002 * double(i % side), lat = 45.0 + 0.002 * double(i / side);
        footprints->ids.push_back(static_cast<std::int64_t>(i + 1));
        footprints->footprints.push_back(Footprint{{{lon, lat}, {lon + 0.0019, lat}, {lon + 0.0019, lat + 0.0019},
                                                    {lon, lat + 0.0019}, {lon, lat}}});
    }
    footprints->withFootprint = items;
    MapView map(nullptr, nullptr);
    map.setBackground(MapView::Background::None);
    map.resize(1280, 800);
    QElapsedTimer load;
    load.start();
    map.setFootprints(footprints);
    while (map.projecting()) // projected off the GUI thread
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, 50);
    const double loadMs = static_cast<double>(load.nsecsElapsed()) / 1e6;
    std::mt19937 rng(1);
    std::vector<std::int64_t> results(100);
    for (auto& id : results)
        id = static_cast<std::int64_t>(rng() % items) + 1;
    map.setResults(results);
    map.setArea(SpatialFilter::box(5.2, 45.2, 5.8, 45.9));
    map.zoomToArchive();
    const QPointF centre = map.centreLonLat();
    const double whole = map.metresPerPixel();

    time(map, 1, [](int) {}); // the first paint of this view builds its density raster
    const Figures same = time(map, 30, [](int) {});
    const Figures pan = time(map, 30, [&](int i) { map.setView(centre.x() + 0.01 * i, centre.y(), whole); });
    const Figures zoom = time(map, 30, [&](int i) { map.setView(centre.x(), centre.y(), whole * std::pow(0.97, i)); });
    const Figures near = time(map, 30, [&](int i) { map.setView(centre.x() + 0.0005 * i, centre.y(), 8.0); });
    std::printf("map of %zu footprints, %zu results, %dx%d pixels (visible when zoomed in: %zu)\n", items,
                results.size(), map.width(), map.height(), map.visibleCount());
    std::printf("  projecting the footprints (off the GUI thread): %8.1f ms\n", loadMs);
    std::printf("  repaint, same view (overlays only):      median %7.2f ms, worst %7.2f ms\n", same.median, same.worst);
    std::printf("  repaint after a pan (density rebuilt):   median %7.2f ms, worst %7.2f ms\n", pan.median, pan.worst);
    std::printf("  repaint after a zoom step:               median %7.2f ms, worst %7.2f ms\n", zoom.median, zoom.worst);
    std::printf("  repaint zoomed in (outlines), panning:   median %7.2f ms, worst %7.2f ms\n", near.median, near.worst);
    return 0;
}
