#include "ui/search/thumbnail_cache.h"

#include "core/index/index_store.h"
#include "ui/common/background.h"

#include <QImage>
#include <QMetaObject>

namespace rscir::ui {

namespace {
constexpr std::size_t kMaxPending = 600; // about two screens of cells
}

ThumbnailCache::ThumbnailCache(QObject* parent) : QObject(parent) { }

ThumbnailCache::~ThumbnailCache()
{
    stop();
    std::unique_lock lock(m_mutex);
    m_idle.wait(lock, [&] { return !m_loading; });
}

void ThumbnailCache::stop()
{
    std::lock_guard lock(m_mutex);
    m_stop = true;
    m_pending.clear();
    m_requested.clear();
}

void ThumbnailCache::setIndex(const QString& path)
{
    {
        std::lock_guard lock(m_mutex);
        m_indexPath = path.toStdString();
        ++m_generation;
        m_pending.clear();
        m_requested.clear();
    }
    m_cache.clear();
}

QPixmap ThumbnailCache::thumbnail(std::int64_t itemId)
{
    if (const QPixmap* cached = m_cache.object(itemId))
        return *cached;
    std::lock_guard lock(m_mutex);
    if (!m_stop && m_requested.insert(itemId).second) {
        m_pending.push_front(itemId);
        if (m_pending.size() > kMaxPending) {
            m_requested.erase(m_pending.back());
            m_pending.pop_back();
        }
        if (!m_loading) {
            m_loading = true;
            background::pool().start([this] { load(); });
        }
    }
    return {};
}

void ThumbnailCache::load()
{
    computeBehindTheGuiOnThisThread();
    while (true) {
        std::int64_t id = 0;
        std::uint64_t generation = 0;
        std::string path;
        {
            std::lock_guard lock(m_mutex);
            if (m_stop || m_pending.empty()) {
                if (m_stop)
                    m_store.reset();
                m_loading = false;
                m_idle.notify_all();
                return;
            }
            id = m_pending.front();
            m_pending.pop_front();
            generation = m_generation;
            path = m_indexPath;
        }
        QImage image;
        {
            const ThreadShare share(1); // decoding computes within the process's thread budget
            if (generation != m_storeGeneration) {
                m_store.reset();
                m_storeGeneration = generation;
                try {
                    if (!path.empty())
                        m_store = IndexStore::open(path, false, true);
                } catch (const std::exception&) {
                    m_store.reset();
                }
            }
            if (m_store) {
                try {
                    const auto bytes = m_store->thumbnail(id);
                    image = QImage::fromData(bytes.data(), static_cast<int>(bytes.size()));
                } catch (const std::exception&) {
                }
            }
        }
        if (image.isNull()) { // a missing or damaged thumbnail: a gray tile, not a retry loop
            image = QImage(8, 8, QImage::Format_RGB32);
            image.fill(Qt::darkGray);
        }
        QMetaObject::invokeMethod(this, [this, id, generation, image] {
            {
                std::lock_guard lock(m_mutex);
                if (generation != m_generation)
                    return;
                m_requested.erase(id);
            }
            m_cache.insert(id, new QPixmap(QPixmap::fromImage(image)));
            emit thumbnailReady(id);
        });
    }
}

} // namespace rscir::ui
