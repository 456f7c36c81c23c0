#include "ui/encoder_service.h"

#include "core/base/error.h"
#include "core/base/progress.h"
#include "core/clip/preprocess.h"
#include "core/imagery/raster.h"

#include <QMetaObject>
#include <QMutex>
#include <QMutexLocker>

#include <optional>

namespace rscir::ui {

/// Lives in the worker thread. Pending requests are kept in slots that a newer request
/// overwrites; each queued call processes whatever is newest.
class EncoderWorker : public QObject {
    Q_OBJECT
public:
    std::shared_ptr<EncoderBackend> backend;
    QMutex mutex;
    std::optional<QString> pendingText;
    std::optional<std::pair<QString, std::vector<int>>> pendingImage;

    void load(const EncoderService::BackendFactory& factory)
    {
        try {
            Progress progress([this](std::int64_t done, std::int64_t total, const std::string&) {
                emit loading_(total > 0 ? static_cast<int>(100 * done / total) : 0);
            });
            auto loaded = factory(progress);
            emit loaded_(loaded);
        } catch (const Error& e) {
            emit failed_(QString::fromStdString(e.what()));
        } catch (const std::exception& e) {
            emit failed_(QString::fromStdString(e.what()));
        }
    }

    void processText()
    {
        std::optional<QString> text;
        {
            QMutexLocker lock(&mutex);
            text.swap(pendingText);
        }
        if (!text)
            return; // a newer request already took this one's place
        emit textStarted_(*text);
        try {
            if (!backend)
                throw Error("no model is loaded");
            const auto values = backend->encodeTextNow(text->toStdString());
            emit textDone_(*text, QVector<float>(values.begin(), values.end()));
        } catch (const std::exception& e) {
            emit failedRequest_(QString::fromStdString(e.what()));
        }
        emit finished_();
    }

    void processImage()
    {
        std::optional<std::pair<QString, std::vector<int>>> image;
        {
            QMutexLocker lock(&mutex);
            image.swap(pendingImage);
        }
        if (!image)
            return;
        try {
            if (!backend)
                throw Error("no model is loaded");
            RasterOptions options;
            options.bands = image->second;
            const auto raster = Raster::open(image->first.toStdString(), options);
            const auto& f = raster->facts();
            const auto pixels = clipPreprocess(raster->read({0, 0, f.width, f.height}), backend->imageSize());
            const auto values = backend->encodeImageNow(pixels);
            emit imageDone_(image->first, QVector<float>(values.begin(), values.end()));
        } catch (const std::exception& e) {
            emit failedRequest_(QString::fromStdString(e.what()));
        }
        emit finished_();
    }

signals:
    void loaded_(std::shared_ptr<rscir::ui::EncoderBackend> backend);
    void failed_(const QString& message);
    void loading_(int percent);
    void textStarted_(const QString& text);
    void textDone_(const QString& text, const QVector<float>& values);
    void imageDone_(const QString& path, const QVector<float>& values);
    void failedRequest_(const QString& message);
    void finished_();
};

EncoderService::EncoderService(QObject* parent) : QObject(parent)
{
    qRegisterMetaType<std::shared_ptr<rscir::ui::EncoderBackend>>();
    m_thread.setObjectName(QStringLiteral("encoder"));
    m_worker = new EncoderWorker;
    m_worker->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    connect(m_worker, &EncoderWorker::loaded_, this, [this](std::shared_ptr<EncoderBackend> backend) {
        setPending(-1);
        setBackend(std::move(backend));
        emit modelLoaded();
    });
    connect(m_worker, &EncoderWorker::failed_, this, [this](const QString& message) {
        setPending(-1);
        emit modelFailed(message);
    });
    connect(m_worker, &EncoderWorker::loading_, this, &EncoderService::modelLoading);
    connect(m_worker, &EncoderWorker::textStarted_, this, &EncoderService::textRequestStarted);
    connect(m_worker, &EncoderWorker::textDone_, this, &EncoderService::textEncoded);
    connect(m_worker, &EncoderWorker::imageDone_, this, &EncoderService::imageEncoded);
    connect(m_worker, &EncoderWorker::failedRequest_, this, &EncoderService::encodeFailed);
    connect(m_worker, &EncoderWorker::finished_, this, [this] { setPending(-1); });
    m_thread.start();
}

EncoderService::~EncoderService()
{
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

void EncoderService::loadModel(BackendFactory factory)
{
    setPending(+1);
    QMetaObject::invokeMethod(
        m_worker, [worker = m_worker, factory = std::move(factory)] { worker->load(factory); }, Qt::QueuedConnection);
}

void EncoderService::setBackend(std::shared_ptr<EncoderBackend> backend)
{
    m_backend = backend;
    QMetaObject::invokeMethod(
        m_worker, [worker = m_worker, backend] { worker->backend = backend; }, Qt::BlockingQueuedConnection);
}

void EncoderService::requestText(const QString& text)
{
    bool replaced;
    {
        QMutexLocker lock(&m_worker->mutex);
        replaced = m_worker->pendingText.has_value();
        m_worker->pendingText = text;
    }
    if (replaced)
        return; // the queued call that is already waiting will take the newest text
    setPending(+1);
    QMetaObject::invokeMethod(m_worker, &EncoderWorker::processText, Qt::QueuedConnection);
}

void EncoderService::requestImage(const QString& path, const std::vector<int>& bands)
{
    bool replaced;
    {
        QMutexLocker lock(&m_worker->mutex);
        replaced = m_worker->pendingImage.has_value();
        m_worker->pendingImage = std::make_pair(path, bands);
    }
    if (replaced)
        return;
    setPending(+1);
    QMetaObject::invokeMethod(m_worker, &EncoderWorker::processImage, Qt::QueuedConnection);
}

} // namespace rscir::ui

#include "encoder_service.moc"
