#include "core/cli/encoding.h"

#include "core/base/error.h"
#include "core/base/threads.h"
#include "core/imagery/preprocess.h"
#include "core/imagery/image_file.h"
#include "core/models/clip_encoder.h"

#include <algorithm>
#include <future>
#include <thread>

namespace rscir {

EmbeddingMatrix encodeImageFiles(ClipModel& model, const std::vector<std::filesystem::path>& files, Progress* progress)
{
    const ImagePreprocessing how = preprocessingOf(model.config());
    const int size = how.size;
    const std::size_t perImage = 3u * static_cast<std::size_t>(size) * size;
    const std::size_t batch = static_cast<std::size_t>(std::max(1, model.options().batchSize));
    const std::size_t dim = static_cast<std::size_t>(model.config().embedDim);
    EmbeddingMatrix result(files.size(), dim);

    const auto prepare = [&](std::size_t start) {
        const std::size_t n = std::min(batch, files.size() - start);
        std::vector<float> pixels(n * perImage);
        // Decoding shares the process's thread budget with the model's forward pass.
        parallelFor(n, 4, [&](std::size_t i) {
            const auto values = preprocessImage(readImageFile(files[start + i]), how);
            std::copy(values.begin(), values.end(), pixels.begin() + static_cast<std::ptrdiff_t>(i * perImage));
        });
        return pixels;
    };

    std::future<std::vector<float>> next;
    if (!files.empty())
        next = std::async(std::launch::async, prepare, 0);
    for (std::size_t start = 0; start < files.size(); start += batch) {
        std::vector<float> pixels = next.get();
        if (start + batch < files.size())
            next = std::async(std::launch::async, prepare, start + batch);
        if (progress && progress->isCancelled()) {
            if (next.valid())
                next.wait();
            throw Cancelled{};
        }
        const std::size_t n = pixels.size() / perImage;
        const auto embeddings = model.encodeImages(pixels, n);
        std::copy(embeddings.begin(), embeddings.end(), result.data() + start * dim);
        if (progress)
            progress->report(static_cast<std::int64_t>(start + n), static_cast<std::int64_t>(files.size()),
                             "encoding images");
    }
    return result;
}

} // namespace rscir
