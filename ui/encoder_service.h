#pragma once
/// \file
/// The encoder worker: one QObject in its own QThread that loads the model and encodes
/// query texts and images off the GUI thread. The newest text (and image) request
/// replaces an older pending one, as the Mandelbrot example's render thread does.

#include "ui/encoder_backend.h"

#include <QObject>
#include <QString>
#include <QThread>
#include <QVector>

#include <functional>
#include <memory>

namespace rscir::ui {

class EncoderWorker;

class EncoderService : public QObject {
    Q_OBJECT
public:
    using BackendFactory = std::function<std::shared_ptr<EncoderBackend>(Progress& progress)>;

    explicit EncoderService(QObject* parent = nullptr);
    ~EncoderService() override;

    /// Loads a model in the worker; `factory` runs there (it may take seconds).
    void loadModel(BackendFactory factory);
    /// Uses an already loaded backend (tests, or a model shared with another window).
    void setBackend(std::shared_ptr<EncoderBackend> backend);
    std::shared_ptr<EncoderBackend> backend() const { return m_backend; }
    bool isBusy() const { return m_pending > 0; }

    void requestText(const QString& text);
    /// Encodes an image file (read and preprocessed in the worker).
    void requestImage(const QString& path, const std::vector<int>& bands = {});

signals:
    void modelLoaded();
    void modelLoading(int percent);
    void modelFailed(const QString& message);
    void textEncoded(const QString& text, const QVector<float>& embedding);
    void imageEncoded(const QString& path, const QVector<float>& embedding);
    void encodeFailed(const QString& message);
    void busyChanged(bool busy);
    /// Emitted for each text request the worker actually runs (tests count them).
    void textRequestStarted(const QString& text);

private:
    void setPending(int delta);

    QThread m_thread;
    EncoderWorker* m_worker = nullptr;
    std::shared_ptr<EncoderBackend> m_backend;
    int m_pending = 0;
};

} // namespace rscir::ui
