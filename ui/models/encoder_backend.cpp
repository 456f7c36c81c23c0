#include "ui/models/encoder_backend.h"

#include "core/base/error.h"
#include "core/models/model_source.h"
#include "core/models/basic_corpora.h"
#include "core/models/clip_encoder.h"


namespace rscir::ui {

EncoderBackend::Turn::Turn(EncoderBackend& backend, bool interactive) : m_backend(backend)
{
    std::unique_lock lock(backend.m_mutex);
    if (interactive) {
        ++backend.m_interactiveWaiting;
        backend.m_free.wait(lock, [&] { return !backend.m_busy; });
        --backend.m_interactiveWaiting;
    } else {
        backend.m_free.wait(lock, [&] { return !backend.m_busy && backend.m_interactiveWaiting == 0; });
    }
    backend.m_busy = true;
}

EncoderBackend::Turn::~Turn()
{
    {
        std::lock_guard lock(m_backend.m_mutex);
        m_backend.m_busy = false;
    }
    m_backend.m_free.notify_all();
}

std::vector<float> EncoderBackend::encodeTextNow(const std::string& text)
{
    const Turn turn(*this, true);
    return encodeTexts({text});
}

std::vector<float> EncoderBackend::encodeTextsNow(const std::vector<std::string>& texts)
{
    const Turn turn(*this, true);
    return encodeTexts(texts);
}

std::vector<float> EncoderBackend::encodeImageNow(const std::vector<float>& pixels)
{
    const Turn turn(*this, true);
    return encodeImages(pixels, 1);
}

std::vector<float> EncoderBackend::encodeBatch(const std::vector<float>& pixels, std::size_t count)
{
    const Turn turn(*this, false);
    return encodeImages(pixels, count);
}

namespace {

class SharedImageEncoder : public ImageEncoder {
public:
    explicit SharedImageEncoder(EncoderBackend& backend) : m_backend(backend) { }
    int imageSize() const override { return m_backend.imageSize(); }
    ImagePreprocessing preprocessing() const override { return m_backend.preprocessing(); }
    int dim() const override { return m_backend.dim(); }
    ModelRecord identity() const override { return m_backend.identity(); }
    std::vector<float> encode(const std::vector<float>& pixels, std::size_t count) override
    {
        return m_backend.encodeBatch(pixels, count);
    }
    bool usesCpu() const override { return m_backend.usesCpu(); }

private:
    EncoderBackend& m_backend;
};

class ClipBackend : public EncoderBackend {
public:
    ClipBackend(LoadedModel loaded, ModelRecord identity)
        : m_loaded(std::move(loaded)), m_identity(std::move(identity)),
          m_textIdentity(rscir::textIdentity(m_loaded, m_identity.fingerprint))
    {
    }
    QString modelName() const override { return QString::fromStdString(m_loaded.source.name); }
    QString deviceName() const override
    {
        // In the user's language: the engine's own words ("CPU (2 threads)") stay for the log.
        const ClipModel& model = *m_loaded.model;
        const QString precision = QString::fromLatin1(model.precisionName());
        if (model.usesCpu()) {
            const int threads = effectiveThreads(model.options().threads);
            return precision == QLatin1String("bf16")
                       ? EncoderBackend::tr("CPU (%n thread(s), bf16)", nullptr, threads)
                       : EncoderBackend::tr("CPU (%n thread(s))", nullptr, threads);
        }
        return EncoderBackend::tr("GPU (%1)").arg(precision);
    }
    std::optional<double> defaultLambda() const override { return m_loaded.source.defaultLambda; }
    ModelRecord identity() const override { return m_identity; }
    std::string textIdentity() const override { return m_textIdentity; }
    int imageSize() const override { return m_loaded.model->config().imageSize; }
    ImagePreprocessing preprocessing() const override { return preprocessingOf(m_loaded.model->config()); }
    int dim() const override { return m_loaded.model->config().embedDim; }
    bool usesCpu() const override { return m_loaded.model->usesCpu(); }
    bool offersFastVariant() const override { return m_loaded.model->usesCpu() && cpuHasNativeBf16(); }
    std::shared_ptr<EncoderBackend> loadFastVariant(Progress* progress) const override
    {
        if (!offersFastVariant())
            return nullptr;
        ClipOptions options = m_loaded.model->options();
        options.precision = Precision::BFloat16;
        return loadClipBackend(m_loaded.source, options, progress);
    }

protected:
    std::vector<float> encodeTexts(const std::vector<std::string>& texts) override
    {
        std::vector<std::vector<int>> tokens;
        for (const auto& text : texts)
            tokens.push_back(m_loaded.tokenize(text));
        return m_loaded.model->encodeTexts(tokens);
    }
    std::vector<float> encodeImages(const std::vector<float>& pixels, std::size_t count) override
    {
        return m_loaded.model->encodeImages(pixels, count);
    }

private:
    LoadedModel m_loaded;
    ModelRecord m_identity;
    std::string m_textIdentity; ///< asked for whenever the window checks that BASIC's space is current
};

} // namespace

std::unique_ptr<ImageEncoder> EncoderBackend::imageEncoder()
{
    return std::make_unique<SharedImageEncoder>(*this);
}

std::shared_ptr<EncoderBackend> EncoderBackend::loadFastVariant(Progress*) const
{
    return nullptr;
}

BasicTextModel basicTextModelOf(std::shared_ptr<EncoderBackend> backend)
{
    BasicTextModel model;
    model.dim = static_cast<std::size_t>(backend->dim());
    model.identity = backend->textIdentity();
    model.encode = [backend = std::move(backend)](const std::vector<std::string>& texts) {
        return backend->encodeTextsNow(texts);
    };
    return model;
}

std::shared_ptr<EncoderBackend> loadClipBackend(const ModelSource& source, const ClipOptions& options,
                                                Progress* progress)
{
    LoadedModel loaded = loadModel(source, options, progress);
    ModelRecord identity = modelRecord(source, loaded.model->config().embedDim, loaded.model->config().name());
    identity.precision = loaded.model->precisionName();
    return std::make_shared<ClipBackend>(std::move(loaded), std::move(identity));
}

} // namespace rscir::ui
