#pragma once
/// \file
/// The encoder worker: one QObject in its own QThread that encodes query texts and
/// images off the GUI thread. Each request carries the model it is for and a key; each
/// reply carries both back, so that a reply for another model or an older query is
/// recognised and dropped by whoever asked. Requests run in order; a newer request for a
/// key that is still waiting replaces it, and keepOnly() drops what is no longer wanted,
/// so a query of several texts gets every one of them encoded.
/// Models are loaded by jobs (see jobs.h), not here.

#include "ui/models/encoder_backend.h"

#include "core/imagery/raster.h"
#include "core/index/query_image.h"

#include <QObject>

#include <optional>
#include <QString>
#include <QThread>
#include <QVector>

#include <memory>
#include <set>

namespace rscir::ui {

class EncoderWorker;

class EncoderService : public QObject {
    Q_OBJECT
public:
    explicit EncoderService(QObject* parent = nullptr);
    ~EncoderService() override;

    /// The model new requests use. Returns at once (requests in flight keep theirs).
    void setBackend(std::shared_ptr<EncoderBackend> backend);
    std::shared_ptr<EncoderBackend> backend() const { return m_backend; }
    bool isBusy() const { return m_pending > 0; }

    /// Encodes a text with the current model; the reply carries `key`.
    void requestText(const QString& key, const QString& text);
    /// Encodes an image file (read with `options`, preprocessed in the worker).
    /// With `scale`, a georeferenced image is resampled to it first (--match-gsd).
    void requestImage(const QString& key, const QString& path, const RasterOptions& options,
                      std::optional<GroundScale> scale = std::nullopt);
    /// Drops the waiting requests whose key is not in `keys` (the one running finishes).
    void keepOnly(const std::set<QString>& keys);
    /// Requests waiting to run.
    int waiting() const;

signals:
    void encoded(const QString& fingerprint, const QString& key, const QVector<float>& embedding);
    void encodeFailed(const QString& fingerprint, const QString& key, const QString& message);
    void busyChanged(bool busy);
    /// Emitted for each text request the worker actually runs (tests count them).
    void textRequestStarted(const QString& text);

private:
    void enqueue(const QString& key, const QString& textOrPath, const RasterOptions& options, bool text,
                 std::optional<GroundScale> scale);
    void setPending(int delta);

    QThread m_thread;
    EncoderWorker* m_worker = nullptr;
    std::shared_ptr<EncoderBackend> m_backend;
    int m_pending = 0;
};

} // namespace rscir::ui
