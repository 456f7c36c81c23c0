#pragma once
/// \file
/// Background map tiles from an XYZ tile service ("https://tile.openstreetmap.org/{z}/{x}/{y}.png"
/// or any template the user adds), as a tile service's usage policy asks: a User-Agent that
/// names the application, a disk cache (in the user's cache folder) that is used before the
/// network, at most a few requests at a time, and only the tiles on screen (no prefetch).
/// Offline, a failure is reported once, and the map simply goes without tiles.

#include <QCache>
#include <QHash>
#include <QImage>
#include <QObject>
#include <QSet>
#include <QString>

#include <deque>

class QNetworkAccessManager;
class QNetworkReply;

namespace rscir::ui {

struct TileKey {
    int z = 0, x = 0, y = 0;
    bool operator==(const TileKey&) const = default;
};
inline size_t qHash(const TileKey& k, size_t seed = 0)
{
    return ::qHash(quint64(k.z) << 48 ^ quint64(k.x) << 24 ^ quint64(k.y), seed);
}

class TileLoader : public QObject {
    Q_OBJECT
public:
    /// `cacheFolder` empty: the user's cache folder (XDG), "tiles" in it.
    explicit TileLoader(QObject* parent = nullptr, const QString& cacheFolder = {});
    ~TileLoader() override;

    /// The URL template with {z}, {x} and {y}; an empty template turns tiles off.
    void setTemplate(const QString& urlTemplate);
    QString urlTemplate() const { return m_template; }
    /// The tile if it is loaded; otherwise a null image, and it is requested (the newest
    /// requests first; requests beyond what a screen shows are dropped).
    QImage tile(const TileKey& key);
    /// Forgets requests that are not on screen any more.
    void keepOnly(const QSet<TileKey>& visible);
    int requestsMade() const { return m_requestsMade; }
    bool failed() const { return m_failed; }

    static QString openStreetMapTemplate() { return QStringLiteral("https://tile.openstreetmap.org/{z}/{x}/{y}.png"); }

signals:
    void tileReady(const rscir::ui::TileKey& key);
    /// The first failure of this template (later ones stay quiet).
    void failedOnce(const QString& message);

private:
    void pump();
    QString urlOf(const TileKey& key) const;

    QNetworkAccessManager* m_network;
    QString m_template;
    QCache<TileKey, QImage> m_images{512};
    std::deque<TileKey> m_queue;
    QSet<TileKey> m_queued;
    QHash<QNetworkReply*, TileKey> m_inFlight;
    QSet<TileKey> m_failedTiles;
    int m_requestsMade = 0;
    bool m_failed = false;
    static constexpr int kParallel = 2;
    static constexpr qint64 kMaxTileBytes = qint64(4) << 20; ///< a tile larger than this is refused
};

} // namespace rscir::ui
