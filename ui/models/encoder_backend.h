#pragma once
/// \file
/// The loaded model as the application shares it: the encoder worker uses it for
/// query texts and images, an indexing job for its batches. One call runs at a time,
/// and interactive requests go first: a waiting batch starts only when no interactive
/// request waits (a condition variable, no polling).

#include "core/index/indexer.h"

#include <QCoreApplication>
#include <QString>

#include <condition_variable>
#include <memory>
#include <optional>
#include <mutex>
#include <string>
#include <vector>

namespace rscir {
struct BasicTextModel;
struct ModelSource;
struct ClipOptions;
class Progress;
} // namespace rscir

namespace rscir::ui {

class EncoderBackend {
    Q_DECLARE_TR_FUNCTIONS(EncoderBackend)

public:
    virtual ~EncoderBackend() = default;

    virtual QString modelName() const = 0;
    virtual QString deviceName() const = 0;
    /// The model folder's default lambda, when it names one.
    virtual std::optional<double> defaultLambda() const = 0;
    virtual ModelRecord identity() const = 0;
    virtual int imageSize() const = 0;
    /// How an image becomes the model's pixels (CLIP's unless the model says otherwise).
    virtual ImagePreprocessing preprocessing() const { return clipPreprocessing(imageSize()); }
    virtual int dim() const = 0;
    virtual bool usesCpu() const { return true; }

    /// An interactive request: runs before any waiting indexing batch.
    std::vector<float> encodeTextNow(const std::string& text);
    std::vector<float> encodeImageNow(const std::vector<float>& pixels);
    /// Several texts as one interactive request, row after row (BASIC's corpora and
    /// contextualised texts).
    std::vector<float> encodeTextsNow(const std::vector<std::string>& texts);
    /// What makes this model's text embeddings what they are (weights and heads,
    /// activation, tokenizer, context), for caches of text embeddings kept on disk.
    virtual std::string textIdentity() const { return identity().fingerprint + "\n" + identity().activation; }
    /// A background batch: waits while interactive requests are pending.
    std::vector<float> encodeBatch(const std::vector<float>& pixels, std::size_t count);

    /// The pipeline's view of this backend (shares the lock and the priority).
    std::unique_ptr<ImageEncoder> imageEncoder();
    /// Whether loadFastVariant() can give a faster model for indexing: a CPU model on a
    /// processor that computes bf16 natively.
    virtual bool offersFastVariant() const { return false; }
    /// The same model computing in bf16, loaded anew, for an indexing run; null where
    /// offersFastVariant() is false. Throws rscir::Error.
    virtual std::shared_ptr<EncoderBackend> loadFastVariant(Progress* progress) const;

protected:
    virtual std::vector<float> encodeTexts(const std::vector<std::string>& texts) = 0;
    virtual std::vector<float> encodeImages(const std::vector<float>& pixels, std::size_t count) = 0;

private:
    /// Holds the model for one call; interactive callers are let in before batches.
    class Turn {
    public:
        Turn(EncoderBackend& backend, bool interactive);
        ~Turn();

    private:
        EncoderBackend& m_backend;
    };
    std::mutex m_mutex;
    std::condition_variable m_free;
    bool m_busy = false;
    int m_interactiveWaiting = 0;
};

/// BASIC's view of a backend's text tower: batches of texts as interactive requests (they go
/// before an indexing run's batches). The model keeps the backend alive.
BasicTextModel basicTextModelOf(std::shared_ptr<EncoderBackend> backend);

/// Loads a CLIP backend (model and tokenizer) from a model source. Throws rscir::Error.
std::shared_ptr<EncoderBackend> loadClipBackend(const ModelSource& source, const ClipOptions& options,
                                                Progress* progress = nullptr);

} // namespace rscir::ui
