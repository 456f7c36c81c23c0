#include "ui/map/tile_loader.h"

#include <QCoreApplication>
#include <QDir>
#include <QNetworkAccessManager>
#include <QNetworkDiskCache>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QStandardPaths>

namespace rscir::ui {

TileLoader::TileLoader(QObject* parent, const QString& cacheFolder)
    : QObject(parent), m_network(new QNetworkAccessManager(this))
{
    auto* cache = new QNetworkDiskCache(this);
    const QString folder = cacheFolder.isEmpty()
                               ? QStandardPaths::writableLocation(QStandardPaths::CacheLocation) + QStringLiteral("/tiles")
                               : cacheFolder;
    QDir().mkpath(folder);
    cache->setCacheDirectory(folder);
    cache->setMaximumCacheSize(qint64(256) << 20);
    m_network->setCache(cache);
    m_network->setTransferTimeout(15000);
}

TileLoader::~TileLoader()
{
    for (auto it = m_inFlight.begin(); it != m_inFlight.end(); ++it) {
        it.key()->disconnect(this);
        it.key()->abort();
    }
}

void TileLoader::setTemplate(const QString& urlTemplate)
{
    if (urlTemplate == m_template)
        return;
    m_template = urlTemplate;
    m_images.clear();
    m_queue.clear();
    m_queued.clear();
    m_failedTiles.clear();
    m_failed = false;
}

QString TileLoader::urlOf(const TileKey& key) const
{
    QString url = m_template;
    url.replace(QLatin1String("{z}"), QString::number(key.z));
    url.replace(QLatin1String("{x}"), QString::number(key.x));
    url.replace(QLatin1String("{y}"), QString::number(key.y));
    return url;
}

QImage TileLoader::tile(const TileKey& key)
{
    if (m_template.isEmpty() || key.z < 0 || key.z > 19)
        return {};
    if (const QImage* image = m_images.object(key))
        return *image;
    if (m_failedTiles.contains(key) || m_queued.contains(key))
        return {};
    bool inFlight = false;
    for (const TileKey& k : m_inFlight)
        inFlight = inFlight || k == key;
    if (!inFlight) {
        m_queue.push_front(key);
        m_queued.insert(key);
        while (m_queue.size() > 64) {
            m_queued.remove(m_queue.back());
            m_queue.pop_back();
        }
        pump();
    }
    return {};
}

void TileLoader::keepOnly(const QSet<TileKey>& visible)
{
    std::erase_if(m_queue, [&](const TileKey& k) {
        if (visible.contains(k))
            return false;
        m_queued.remove(k);
        return true;
    });
}

void TileLoader::pump()
{
    while (m_inFlight.size() < kParallel && !m_queue.empty()) {
        const TileKey key = m_queue.front();
        m_queue.pop_front();
        m_queued.remove(key);
        QNetworkRequest request{QUrl(urlOf(key))};
        // Who asks, as tile services require; the disk cache answers first when it can.
        request.setHeader(QNetworkRequest::UserAgentHeader,
                          QStringLiteral("rscir/%1 (desktop composed image retrieval; Qt network)")
                              .arg(QCoreApplication::applicationVersion().isEmpty()
                                       ? QStringLiteral("dev")
                                       : QCoreApplication::applicationVersion()));
        request.setAttribute(QNetworkRequest::CacheLoadControlAttribute, QNetworkRequest::PreferCache);
        QNetworkReply* reply = m_network->get(request);
        ++m_requestsMade;
        m_inFlight.insert(reply, key);
        // A tile is tens of kilobytes; a server that sends more (or streams without end) is
        // cut off, so that it cannot fill the memory.
        connect(reply, &QNetworkReply::downloadProgress, this, [reply](qint64 received, qint64 total) {
            if (received > kMaxTileBytes || total > kMaxTileBytes) {
                reply->setProperty("rscirTooLarge", true);
                reply->abort();
            }
        });
        connect(reply, &QNetworkReply::finished, this, [this, reply] {
            const TileKey key = m_inFlight.take(reply);
            reply->deleteLater();
            const bool tooLarge = reply->property("rscirTooLarge").toBool();
            const QByteArray data = tooLarge ? QByteArray() : reply->readAll();
            QImage image;
            if (reply->error() == QNetworkReply::NoError && !tooLarge)
                image.loadFromData(data);
            if (image.isNull()) {
                m_failedTiles.insert(key);
                if (!m_failed) {
                    m_failed = true;
                    emit failedOnce(tooLarge ? tr("the tile service sent a tile larger than %1 MB").arg(kMaxTileBytes >> 20)
                                    : reply->error() != QNetworkReply::NoError
                                        ? reply->errorString()
                                        : tr("the tile service sent something that is not an image"));
                }
            } else {
                m_images.insert(key, new QImage(image.convertToFormat(QImage::Format_ARGB32_Premultiplied)));
                emit tileReady(key);
            }
            pump();
        });
    }
}

} // namespace rscir::ui
