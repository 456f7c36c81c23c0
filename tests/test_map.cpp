// The map: footprints, results and the area drawn where they are (pixels checked under
// the offscreen platform), hit-testing, drawing an area with the mouse, the level of
// detail, and map tiles fetched from a local server (never the internet) and cached.
#include "ui/map/map_view.h"
#include "ui/map/tile_loader.h"

#include <QBuffer>
#include <QImage>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QWheelEvent>

using namespace rscir;
using namespace rscir::ui;

namespace {

/// Serves a PNG for every /z/x/y.png, cacheable for a day, and records each request.
class TileServer : public QObject {
    Q_OBJECT
public:
    QStringList requests;
    QStringList agents;

    bool start() { return m_server.listen(QHostAddress::LocalHost, 0); }
    QString urlTemplate() const
    {
        return QStringLiteral("http://127.0.0.1:%1/{z}/{x}/{y}.png").arg(m_server.serverPort());
    }
    TileServer()
    {
        connect(&m_server, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket* socket = m_server.nextPendingConnection()) {
                connect(socket, &QTcpSocket::readyRead, this, [this, socket] {
                    m_buffers[socket] += socket->readAll();
                    if (!m_buffers[socket].contains("\r\n\r\n"))
                        return;
                    const QList<QByteArray> lines = m_buffers.take(socket).split('\n');
                    requests << QString::fromLatin1(lines.front().split(' ').value(1));
                    for (const QByteArray& line : lines)
                        if (line.toLower().startsWith("user-agent:"))
                            agents << QString::fromLatin1(line.mid(11).trimmed());
                    QImage tile(256, 256, QImage::Format_RGB32);
                    tile.fill(QColor(10, 200, 30));
                    QByteArray png;
                    QBuffer buffer(&png);
                    buffer.open(QIODevice::WriteOnly);
                    tile.save(&buffer, "PNG");
                    socket->write("HTTP/1.1 200 OK\r\nContent-Type: image/png\r\nCache-Control: max-age=86400\r\n"
                                  "Content-Length: " +
                                  QByteArray::number(png.size()) + "\r\nConnection: close\r\n\r\n" + png);
                    socket->disconnectFromHost();
                });
                connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
            }
        });
    }

private:
    QTcpServer m_server;
    QHash<QTcpSocket*, QByteArray> m_buffers;
};

/// A grid of footprints 0.01 degrees apart near 10 E, 45 N (ids 1 to n*n), and one
/// item without a footprint (id n*n + 1).
std::shared_ptr<ArchiveFootprints> grid(int n)
{
    auto f = std::make_shared<ArchiveFootprints>();
    f->generation = 1;
    for (int y = 0; y < n; ++y)
        for (int x = 0; x < n; ++x) {
            const double lon = 10.0 + 0.01 * x, lat = 45.0 + 0.01 * y;
            f->ids.push_back(static_cast<std::int64_t>(f->ids.size() + 1));
            f->footprints.push_back(Footprint{{{lon, lat}, {lon + 0.009, lat}, {lon + 0.009, lat + 0.009},
                                               {lon, lat + 0.009}, {lon, lat}}});
            ++f->withFootprint;
        }
    f->ids.push_back(static_cast<std::int64_t>(f->ids.size() + 1));
    f->footprints.push_back(std::nullopt);
    return f;
}

QPointF centreOf(const MapView& map, std::int64_t id, int n)
{
    const int i = static_cast<int>(id - 1);
    return map.toScreen(10.0 + 0.01 * (i % n) + 0.0045, 45.0 + 0.01 * (i / n) + 0.0045);
}

} // namespace

class TestMap : public QObject {
    Q_OBJECT
private slots:
    void footprintsResultsAndTheAreaAreDrawnWhereTheyAre()
    {
        MapView map(nullptr, nullptr);
        map.setBackground(MapView::Background::None);
        map.resize(500, 400);
        map.setFootprints(grid(10));
        map.zoomToArchive();
        map.setResults({55, 12});
        map.setArea(SpatialFilter::box(10.0, 45.0, 10.045, 45.045)); // the south-west quarter
        const QImage image = map.grab().toImage();
        QVERIFY(map.drawsOutlines());
        QCOMPARE(map.visibleCount(), std::size_t(100));
        const auto pixel = [&](const QPointF& p) { return image.pixelColor(p.toPoint()); };
        // The first result is filled red, the second orange; an unranked item is the background.
        const QColor first = pixel(centreOf(map, 55, 10) + QPointF(12, 14)); // beside its rank number
        QVERIFY2(first.red() > first.green() + 60 && first.red() > first.blue() + 60, qPrintable(first.name()));
        const QColor second = pixel(centreOf(map, 12, 10) + QPointF(12, 14));
        QVERIFY2(second.red() > second.blue() + 60 && second.green() > first.green(), qPrintable(second.name()));
        const QColor plain = pixel(centreOf(map, 99, 10));
        QVERIFY2(std::abs(plain.red() - plain.blue()) < 12 && plain.red() > 200, qPrintable(plain.name()));
        // The area tints what it covers blue.
        const QColor inArea = pixel(centreOf(map, 1, 10));
        QVERIFY2(inArea.blue() > inArea.red() + 10, qPrintable(inArea.name()));
        // Hit-testing: a result, then any item; nothing outside.
        QCOMPARE(map.itemAt(centreOf(map, 55, 10)), std::int64_t(55));
        QCOMPARE(map.itemAt(centreOf(map, 99, 10)), std::int64_t(99));
        QCOMPARE(map.itemAt(QPointF(2, 2)), std::int64_t(0));
        // Zoom to the results: both of them in view, nearer than the whole archive.
        const double archiveScale = map.metresPerPixel();
        map.zoomToResults();
        QVERIFY(map.metresPerPixel() < archiveScale);
        for (std::int64_t id : {55, 12}) {
            const QPointF c = centreOf(map, id, 10);
            QVERIFY(c.x() > 0 && c.y() > 0 && c.x() < map.width() && c.y() < map.height());
        }
    }

    void resultsAtOnePlaceShareALabelAndZoomKeepsTheCursorsPlace()
    {
        // Ranks at one place read as runs, never as digits printed over each other ("50").
        QCOMPARE(MapView::rankRuns({7, 5, 6}), QStringLiteral("5\u20137"));
        QCOMPARE(MapView::rankRuns({12, 5, 6, 7}), QStringLiteral("5\u20137,12"));
        QCOMPARE(MapView::rankRuns({1, 3, 5, 7}), QStringLiteral("1,3,\u2026"));
        QCOMPARE(MapView::rankRuns({9}), QStringLiteral("9"));
        // The wheel zooms about the cursor: the place under it stays under it.
        MapView map(nullptr, nullptr);
        map.setBackground(MapView::Background::None);
        map.resize(500, 400);
        map.setFootprints(grid(10));
        map.zoomToArchive();
        const QPointF at(130, 95);
        const QPointF before = map.toLonLat(at);
        for (int step : {120, 120, -240, 360, 60}) {
            QWheelEvent wheel(at, map.mapToGlobal(at), QPoint(), QPoint(0, step), Qt::NoButton, Qt::NoModifier,
                              Qt::NoScrollPhase, false);
            QApplication::sendEvent(&map, &wheel);
            const QPointF after = map.toLonLat(at);
            QVERIFY(std::fabs(after.x() - before.x()) < 1e-9 && std::fabs(after.y() - before.y()) < 1e-9);
        }
    }

    void rasterLayersAreDrawnAtTheirCorners()
    {
        MapView map(nullptr, nullptr);
        map.setBackground(MapView::Background::None);
        map.resize(400, 300);
        map.setFootprints(grid(10));
        map.zoomToArchive();
        QImage orthophoto(64, 64, QImage::Format_ARGB32_Premultiplied);
        orthophoto.fill(QColor(250, 0, 250));
        map.addRasterLayer(QStringLiteral("ortho.tif"), orthophoto,
                           {QPointF(10.0, 45.05), QPointF(10.05, 45.05), QPointF(10.05, 45.0), QPointF(10.0, 45.0)});
        const QImage image = map.grab().toImage();
        QCOMPARE(image.pixelColor(map.toScreen(10.0255, 45.0255).toPoint()), QColor(250, 0, 250));
        QVERIFY(image.pixelColor(map.toScreen(10.08, 45.08).toPoint()) != QColor(250, 0, 250));
    }

    void theScoreLayerIsDrawnPixelForWindowAndCleared()
    {
        MapView map(nullptr, nullptr);
        map.setBackground(MapView::Background::None);
        map.resize(400, 300);
        map.setFootprints(grid(10));
        map.zoomToArchive();
        // Two windows side by side: each keeps its own colour (no smoothing between them).
        QImage score(2, 1, QImage::Format_ARGB32);
        score.setPixelColor(0, 0, QColor(255, 0, 0));
        score.setPixelColor(1, 0, QColor(0, 0, 255));
        map.setScoreLayer(score, {QPointF(10.0, 45.05), QPointF(10.06, 45.05), QPointF(10.06, 45.0), QPointF(10.0, 45.0)});
        QVERIFY(map.hasScoreLayer());
        QImage image = map.grab().toImage();
        const QColor left = image.pixelColor(map.toScreen(10.0295, 45.0255).toPoint());
        const QColor right = image.pixelColor(map.toScreen(10.0305, 45.0255).toPoint());
        QVERIFY2(left.red() > left.blue() + 80, qPrintable(left.name())); // under the footprints drawn over it
        QVERIFY2(right.blue() > right.red() + 80, qPrintable(right.name()));
        map.clearScoreLayer();
        QVERIFY(!map.hasScoreLayer());
        image = map.grab().toImage();
        QVERIFY(image.pixelColor(map.toScreen(10.0295, 45.0255).toPoint()) != left);
        // A map's footprints alone give places without a source.
        const auto place = grid(2)->place(1);
        QVERIFY(place && place->footprint && place->sourceId == 0);
    }

    void manyFootprintsBecomeADensityRaster()
    {
        MapView map(nullptr, nullptr);
        map.setBackground(MapView::Background::None);
        map.resize(400, 400);
        map.setFootprints(grid(80)); // 6,400 in view: more than outlines are drawn for
        map.zoomToArchive();
        const QImage image = map.grab().toImage();
        QVERIFY(!map.drawsOutlines());
        QCOMPARE(map.visibleCount(), std::size_t(6400));
        const QColor cell = image.pixelColor(centreOf(map, 3240, 80).toPoint());
        QVERIFY2(cell.blue() > cell.red() + 20, qPrintable(cell.name()));
        // Zoomed in, outlines again.
        map.setView(10.4, 45.4, 3.0);
        map.grab();
        QVERIFY(map.drawsOutlines());
    }

    void areasAreDrawnWithTheMouse()
    {
        MapView map(nullptr, nullptr);
        map.resize(500, 400);
        map.setFootprints(grid(10));
        map.zoomToArchive();
        QSignalSpy drawn(&map, &MapView::areaDrawn);
        map.setTool(MapView::Tool::Rectangle);
        const QPoint a = centreOf(map, 1, 10).toPoint(), b = centreOf(map, 45, 10).toPoint();
        QTest::mousePress(&map, Qt::LeftButton, {}, a);
        QTest::mouseMove(&map, (a + b) / 2);
        QTest::mouseMove(&map, b);
        QTest::mouseRelease(&map, Qt::LeftButton, {}, b);
        QCOMPARE(drawn.count(), 1);
        const auto box = drawn.front().front().value<SpatialFilter>().bbox();
        QVERIFY(box.has_value());
        QVERIFY(std::fabs((*box)[0] - 10.0045) < 0.001 && std::fabs((*box)[3] - 45.0445) < 0.001);
        QCOMPARE(map.tool(), MapView::Tool::Pan);
        // A polygon: three clicks and a double-click on the last.
        map.setTool(MapView::Tool::Polygon);
        for (std::int64_t id : {1, 10, 100})
            QTest::mouseClick(&map, Qt::LeftButton, {}, centreOf(map, id, 10).toPoint());
        QTest::mouseDClick(&map, Qt::LeftButton, {}, centreOf(map, 91, 10).toPoint());
        QCOMPARE(drawn.count(), 2);
        const SpatialFilter polygon = drawn.back().front().value<SpatialFilter>();
        QVERIFY(!polygon.bbox());
        QCOMPARE(polygon.rings().front().size(), std::size_t(5)); // four corners, closed
    }

    void tilesAreFetchedOnceAndCached()
    {
        TileServer server;
        QVERIFY(server.start());
        QTemporaryDir cache;
        {
            TileLoader tiles(nullptr, cache.path());
            tiles.setTemplate(server.urlTemplate());
            QSignalSpy ready(&tiles, &TileLoader::tileReady);
            QVERIFY(tiles.tile({3, 4, 2}).isNull());
            QVERIFY(ready.wait(10000));
            QCOMPARE(tiles.tile({3, 4, 2}).pixelColor(10, 10), QColor(10, 200, 30));
            QCOMPARE(server.requests, QStringList{QStringLiteral("/3/4/2.png")});
            QVERIFY2(server.agents.value(0).startsWith(QStringLiteral("rscir/")), qPrintable(server.agents.value(0)));
        }
        // Another run: the disk cache answers, the server is not asked again.
        TileLoader again(nullptr, cache.path());
        again.setTemplate(server.urlTemplate());
        QSignalSpy ready(&again, &TileLoader::tileReady);
        again.tile({3, 4, 2});
        QVERIFY(ready.wait(10000));
        QCOMPARE(server.requests.size(), 1);
    }

    void aFailingTileServerIsReportedOnce()
    {
        QTcpServer closed;
        QVERIFY(closed.listen(QHostAddress::LocalHost, 0));
        const quint16 port = closed.serverPort();
        closed.close(); // nobody listens there now
        QTemporaryDir cache;
        TileLoader tiles(nullptr, cache.path());
        tiles.setTemplate(QStringLiteral("http://127.0.0.1:%1/{z}/{x}/{y}.png").arg(port));
        QSignalSpy failed(&tiles, &TileLoader::failedOnce);
        for (int x = 0; x < 4; ++x)
            tiles.tile({2, x, 1});
        QVERIFY(failed.wait(10000));
        QTest::qWait(300);
        QCOMPARE(failed.count(), 1);
        QVERIFY(tiles.failed());
        QVERIFY(tiles.tile({2, 0, 1}).isNull());
    }

    void aTileServerStreamingWithoutEndIsCutOff()
    {
        // Headers without a length, then zeros for as long as the client reads them.
        QTcpServer server;
        QVERIFY(server.listen(QHostAddress::LocalHost, 0));
        qint64 sent = 0;
        const QByteArray zeros(64 * 1024, '\0');
        connect(&server, &QTcpServer::newConnection, this, [&] {
            while (QTcpSocket* socket = server.nextPendingConnection()) {
                connect(socket, &QTcpSocket::readyRead, socket, [&, socket] {
                    socket->readAll();
                    if (socket->property("answered").toBool())
                        return;
                    socket->setProperty("answered", true);
                    socket->write("HTTP/1.1 200 OK\r\nContent-Type: image/png\r\nConnection: close\r\n\r\n");
                    socket->write(zeros);
                });
                connect(socket, &QTcpSocket::bytesWritten, socket, [&, socket] {
                    if (sent < (qint64(256) << 20) && socket->state() == QAbstractSocket::ConnectedState &&
                        socket->bytesToWrite() < zeros.size()) {
                        sent += zeros.size();
                        socket->write(zeros);
                    }
                });
                connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
            }
        });
        QTemporaryDir cache;
        TileLoader tiles(nullptr, cache.path());
        tiles.setTemplate(QStringLiteral("http://127.0.0.1:%1/{z}/{x}/{y}.png").arg(server.serverPort()));
        QSignalSpy failed(&tiles, &TileLoader::failedOnce);
        QVERIFY(tiles.tile({2, 1, 1}).isNull());
        QVERIFY(failed.wait(20000));
        QVERIFY2(failed.front().front().toString().contains(QStringLiteral("larger than 4 MB")),
                 qPrintable(failed.front().front().toString()));
        QVERIFY2(sent < (qint64(64) << 20), QByteArray::number(sent).constData());
        QVERIFY(tiles.tile({2, 1, 1}).isNull());
    }
};

QTEST_MAIN(TestMap)
#include "test_map.moc"
