#include "ui/encoder_service.h"

#include "core/base/error.h"
#include "core/index/query_image.h"
#include "ui/errors.h"

#include <QMetaObject>
#include <QMutex>
#include <QMutexLocker>

#include <optional>

namespace rscir::ui {

namespace {

struct Request {
    std::shared_ptr<EncoderBackend> backend;
    QString key;
    QString textOrPath;
    RasterOptions options;
};

} // namespace

/// Lives in the worker thread. Pending requests are kept in slots that a newer request
/// overwrites; each queued call processes whatever is newest.
class EncoderWorker : public QObject {
    Q_OBJECT
public:
    QMutex mutex;
    std::optional<Request> pendingText;
    std::optional<Request> pendingImage;

    void process(bool text)
    {
        std::optional<Request> request;
        {
            QMutexLocker lock(&mutex);
            request.swap(text ? pendingText : pendingImage);
        }
        if (!request)
            return; // a newer request already took this one's place
        const QString fingerprint = QString::fromStdString(request->backend->identity().fingerprint);
        try {
            std::vector<float> values;
            if (text) {
                emit textStarted_(request->textOrPath);
                values = request->backend->encodeTextNow(request->textOrPath.toStdString());
            } else {
                const auto pixels = queryImagePixels(request->textOrPath.toStdString(), request->options,
                                                     request->backend->imageSize());
                values = request->backend->encodeImageNow(pixels);
            }
            emit done_(fingerprint, request->key, QVector<float>(values.begin(), values.end()));
        } catch (...) {
            emit failed_(fingerprint, request->key, currentErrorText());
        }
        emit finished_();
    }

signals:
    void textStarted_(const QString& text);
    void done_(const QString& fingerprint, const QString& key, const QVector<float>& values);
    void failed_(const QString& fingerprint, const QString& key, const QString& message);
    void finished_();
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
    m_thread.start();
}

EncoderService::~EncoderService()
{
    {
        // What has not started yet never will.
        QMutexLocker lock(&m_worker->mutex);
        m_worker->pendingText.reset();
        m_worker->pendingImage.reset();
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
    if (!m_backend) {
        emit encodeFailed({}, key, tr("No model is loaded."));
        return;
    }
    bool replaced;
    {
        QMutexLocker lock(&m_worker->mutex);
        replaced = m_worker->pendingText.has_value();
        m_worker->pendingText = Request{m_backend, key, text, {}};
    }
    if (replaced)
        return; // the queued call that is already waiting will take the newest text
    setPending(+1);
    QMetaObject::invokeMethod(m_worker, [w = m_worker] { w->process(true); }, Qt::QueuedConnection);
}

void EncoderService::requestImage(const QString& key, const QString& path, const RasterOptions& options)
{
    if (!m_backend) {
        emit encodeFailed({}, key, tr("No model is loaded."));
        return;
    }
    bool replaced;
    {
        QMutexLocker lock(&m_worker->mutex);
        replaced = m_worker->pendingImage.has_value();
        m_worker->pendingImage = Request{m_backend, key, path, options};
    }
    if (replaced)
        return;
    setPending(+1);
    QMetaObject::invokeMethod(m_worker, [w = m_worker] { w->process(false); }, Qt::QueuedConnection);
}

} // namespace rscir::ui

#include "encoder_service.moc"
