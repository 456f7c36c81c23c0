#pragma once
/// \file
/// A loop over indexes shared by a few threads: for short, independent pieces of work
/// (reading raster headers) where a thread pool would be more machinery than the work.

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <functional>
#include <thread>
#include <vector>

namespace rscir {

/// Calls `task(i)` for every i in [0, count) on up to `threads` threads, the caller's
/// among them; each thread stops taking indexes once `stop` (when given) returns true.
inline void parallelFor(std::size_t count, int threads, const std::function<void(std::size_t)>& task,
                        const std::function<bool()>& stop = {})
{
    std::atomic<std::size_t> next{0};
    const auto work = [&] {
        for (std::size_t i; (i = next.fetch_add(1)) < count;) {
            if (stop && stop())
                return;
            task(i);
        }
    };
    std::vector<std::thread> pool;
    for (int j = 1; j < threads && static_cast<std::size_t>(j) < count; ++j)
        pool.emplace_back(work);
    work();
    for (auto& thread : pool)
        thread.join();
}

} // namespace rscir
