#include "core/cli/encoding.h"

#include "core/base/error.h"
#include "core/imagery/preprocess.h"
#include "core/imagery/image_file.h"

#include <algorithm>
#include <future>
#include <thread>

namespace rscir {

EmbeddingMatrix encodeImageFiles(ClipModel& model, const std::vector<std::filesystem::path>& files, Progress* progress)
{
    const int size = model.config().imageSize;
    const std::size_t perImage = 3u * static_cast<std::size_t>(size) * size;
    const std::size_t batch = static_cast<std::size_t>(std::max(1, model.options().batchSize));
    const std::size_t dim = static_cast<std::size_t>(model.config().embedDim);
    EmbeddingMatrix result(files.size(), dim);

    const auto prepare = [&](std::size_t start) {
        const std::size_t n = std::min(batch, files.size() - start);
        std::vector<float> pixels(n * perImage);
        const unsigned workers = std::max(1u, std::min<unsigned>(std::thread::hardware_concurrency(), 4u));
        std::vector<std::thread> threads;
        std::exception_ptr failure;
        std::mutex failureMutex;
        for (unsigned w = 0; w < workers; ++w)
            threads.emplace_back([&, w] {
                for (std::size_t i = w; i < n; i += workers) {
                    try {
                        const auto values = clipPreprocess(readImageFile(files[start + i]), size);
                        std::copy(values.begin(), values.end(),
                                  pixels.begin() + static_cast<std::ptrdiff_t>(i * perImage));
                    } catch (...) {
                        std::lock_guard lock(failureMutex);
                        if (!failure)
                            failure = std::current_exception();
                    }
                }
            });
        for (auto& t : threads)
            t.join();
        if (failure)
            std::rethrow_exception(failure);
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
