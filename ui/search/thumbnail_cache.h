#pragma once
/// \file
/// Thumbnails from the index, loaded on the window's background pool (one loader at a
/// time, with its own database connection) and kept in a bounded cache. The newest
/// requests load first, so the cells on screen fill before ones scrolled past; requests
/// beyond a few screens are dropped.

#include <QCache>
#include <QObject>
#include <QPixmap>
#include <QString>

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <mutex>
#include <memory>
#include <set>

namespace rscir {
class IndexStore;
}

namespace rscir::ui {

class ThumbnailCache : public QObject {
    Q_OBJECT
public:
    explicit ThumbnailCache(QObject* parent = nullptr);
    ~ThumbnailCache() override;

    void setIndex(const QString& path);
    /// Drops what waits to be loaded and lets the loader end after the thumbnail it reads
    /// (closing the window); thumbnails are not loaded any more.
    void stop();
    /// The thumbnail if it is cached; otherwise a null pixmap, and it is requested.
    QPixmap thumbnail(std::int64_t itemId);
    int cachedCount() const { return m_cache.count(); }
    void setCapacity(int thumbnails) { m_cache.setMaxCost(thumbnails); }

signals:
    void thumbnailReady(std::int64_t itemId);

private:
    void load(); ///< on the pool: loads what is pending, then ends

    QCache<std::int64_t, QPixmap> m_cache{3000};
    std::mutex m_mutex;
    std::condition_variable m_idle;
    bool m_loading = false; ///< a loader is on the pool
    std::unique_ptr<IndexStore> m_store; ///< the loader's connection
    std::uint64_t m_storeGeneration = ~0ull;
    std::deque<std::int64_t> m_pending; // front: newest
    std::set<std::int64_t> m_requested;
    std::string m_indexPath;
    std::uint64_t m_generation = 0;
    bool m_stop = false;
};

} // namespace rscir::ui
