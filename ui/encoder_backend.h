#pragma once
/// \file
/// The loaded model as the application shares it: the encoder worker uses it for
/// query texts and images, an indexing job for its batches. Calls are serialised by a
/// mutex, and interactive requests go first: a batch waits while one is pending.

#include "core/index/indexer.h"

#include <QString>

#include <atomic>
#include <memory>
#include <optional>
#include <mutex>
#include <string>
#include <vector>

namespace rscir {
struct ModelSource;
struct ClipOptions;
class Progress;
} // namespace rscir

namespace rscir::ui {

class EncoderBackend {
public:
    virtual ~EncoderBackend() = default;

    virtual QString modelName() const = 0;
    virtual QString deviceName() const = 0;
    /// The model folder's default lambda, when it names one.
    virtual std::optional<double> defaultLambda() const = 0;
    virtual ModelRecord identity() const = 0;
    virtual int imageSize() const = 0;
    virtual int dim() const = 0;

    /// An interactive request: runs before any waiting indexing batch.
    std::vector<float> encodeTextNow(const std::string& text);
    std::vector<float> encodeImageNow(const std::vector<float>& pixels);
    /// A background batch: waits while interactive requests are pending.
    std::vector<float> encodeBatch(const std::vector<float>& pixels, std::size_t count);

    /// The pipeline's view of this backend (shares the lock and the priority).
    std::unique_ptr<ImageEncoder> imageEncoder();

protected:
    virtual std::vector<float> encodeTexts(const std::vector<std::string>& texts) = 0;
    virtual std::vector<float> encodeImages(const std::vector<float>& pixels, std::size_t count) = 0;

private:
    std::mutex m_mutex;
    std::atomic<int> m_interactiveWaiting{0};
};

/// Loads a CLIP backend (model and tokenizer) from a model source. Throws rscir::Error.
std::shared_ptr<EncoderBackend> loadClipBackend(const ModelSource& source, const ClipOptions& options,
                                                Progress* progress = nullptr);

} // namespace rscir::ui
