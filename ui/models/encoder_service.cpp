#include "ui/models/encoder_service.h"
#include "core/base/threads.h"

#include "core/base/error.h"
#include "core/index/query_image.h"
#include "ui/common/errors.h"

#include <QMetaObject>
#include <QMutex>
#include <QMutexLocker>

#include <algorithm>
#include <deque>
#include <optional>

namespace rscir::ui {

namespace {

struct Request {
    std::shared_ptr<EncoderBackend> backend;
    QString key;
    QString textOrPath;
    RasterOptions options;
    bool text = true;
    std::optional<GroundScale> scale; ///< an image resampled to it first
};

} // namespace

/// Lives in the worker thread. Requests wait in order; each queued call runs the oldest
/// one still waiting. A request for a key that is already waiting takes that one's place,
/// and the owner drops the keys it no longer wants (EncoderService::keepOnly), so every
/// key that is still wanted is answered exactly once.
class EncoderWorker : public QObject {
    Q_OBJECT
public:
    QMutex mutex;
    std::deque<Request> pending;

    void process()
    {
        std::optional<Request> request;
        {
            QMutexLocker lock(&mutex);
            if (!pending.empty()) {
                request = std::move(pending.front());
                pending.pop_front();
            }
        }
        if (request)
            run(*request);
        emit finished_();
    }

signals:
    void textStarted_(const QString& text);
    void done_(const QString& fingerprint, const QString& key, const QVector<float>& values);
    void failed_(const QString& fingerprint, const QString& key, const QString& message);
    void finished_();

private:
    void run(const Request& request)
    {
        const QString fingerprint = QString::fromStdString(request.backend->identity().fingerprint);
        try {
            std::vector<float> values;
            if (request.text) {
                emit textStarted_(request.textOrPath);
                values = request.backend->encodeTextNow(request.textOrPath.toStdString());
            } else {
                const auto pixels = queryImagePixels(request.textOrPath.toStdString(), request.options,
                                                     request.backend->preprocessing(), request.scale);
                values = request.backend->encodeImageNow(pixels);
            }
            emit done_(fingerprint, request.key, QVector<float>(values.begin(), values.end()));
        } catch (...) {
            emit failed_(fingerprint, request.key, currentErrorText());
        }
    }
};

EncoderService::EncoderService(QObject* parent) : QObject(parent)
{
    m_thread.setObjectName(QStringLiteral("encoder"));
    m_worker = new EncoderWorker;
    m_worker->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    connect(m_worker, &EncoderWorker::textStarted_, this, &EncoderService::textRequestStarted);
    connect(m_worker, &EncoderWorker::done_, this, &EncoderService::encoded);
    connect(m_worker, &EncoderWorker::failed_, this, &EncoderService::encodeFailed);
    connect(m_worker, &EncoderWorker::finished_, this, [this] { setPending(-1); });
    // started() is emitted on the new thread: its work yields the cores to the window.
    connect(&m_thread, &QThread::started, &m_thread, [] { computeBehindTheGuiOnThisThread(); }, Qt::DirectConnection);
    m_thread.start();
}

EncoderService::~EncoderService()
{
    {
        // What has not started yet never will.
        QMutexLocker lock(&m_worker->mutex);
        m_worker->pending.clear();
    }
    m_thread.quit();
    m_thread.wait();
}

void EncoderService::setPending(int delta)
{
    const bool before = m_pending > 0;
    m_pending = std::max(0, m_pending + delta);
    if (before != (m_pending > 0))
        emit busyChanged(m_pending > 0);
}

void EncoderService::setBackend(std::shared_ptr<EncoderBackend> backend)
{
    m_backend = std::move(backend);
}

void EncoderService::requestText(const QString& key, const QString& text)
{
    enqueue(key, text, {}, true, std::nullopt);
}

void EncoderService::requestImage(const QString& key, const QString& path, const RasterOptions& options,
                                  std::optional<GroundScale> scale)
{
    enqueue(key, path, options, false, scale);
}

void EncoderService::enqueue(const QString& key, const QString& textOrPath, const RasterOptions& options, bool text,
                             std::optional<GroundScale> scale)
{
    if (!m_backend) {
        emit encodeFailed({}, key, tr("No model is loaded."));
        return;
    }
    {
        QMutexLocker lock(&m_worker->mutex);
        Request request{m_backend, key, textOrPath, options, text, scale};
        const auto same = std::find_if(m_worker->pending.begin(), m_worker->pending.end(),
                                       [&](const Request& r) { return r.key == key; });
        if (same != m_worker->pending.end()) {
            *same = std::move(request); // the call already queued for it runs the newer one
            return;
        }
        m_worker->pending.push_back(std::move(request));
    }
    setPending(+1);
    QMetaObject::invokeMethod(m_worker, [w = m_worker] { w->process(); }, Qt::QueuedConnection);
}

void EncoderService::keepOnly(const std::set<QString>& keys)
{
    QMutexLocker lock(&m_worker->mutex);
    std::erase_if(m_worker->pending, [&](const Request& r) { return !keys.count(r.key); });
}

int EncoderService::waiting() const
{
    QMutexLocker lock(&m_worker->mutex);
    return static_cast<int>(m_worker->pending.size());
}

} // namespace rscir::ui

#include "encoder_service.moc"
