#include "core/base/threads.h"

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

namespace rscir {

namespace {

struct Budget {
    std::mutex mutex;
    std::condition_variable freed;
    unsigned total = coreCount();
    long available = static_cast<long>(coreCount()); ///< may go below 0 after the budget shrank
};

Budget& budget()
{
    static Budget b;
    return b;
}

/// Shares this thread holds now (the outermost took its thread; nested ones reuse it).
thread_local unsigned t_held = 0;

} // namespace

unsigned coreCount()
{
    return std::max(1u, std::thread::hardware_concurrency());
}

unsigned threadBudget()
{
    auto& b = budget();
    const std::lock_guard lock(b.mutex);
    return b.total;
}

void setThreadBudget(unsigned threads)
{
    auto& b = budget();
    {
        const std::lock_guard lock(b.mutex);
        const unsigned total = threads == 0 ? coreCount() : threads;
        b.available += static_cast<long>(total) - static_cast<long>(b.total);
        b.total = total;
    }
    b.freed.notify_all();
}

ThreadShare::ThreadShare(unsigned wanted)
{
    auto& b = budget();
    std::unique_lock lock(b.mutex);
    const bool nested = t_held > 0;
    if (!nested) {
        b.freed.wait(lock, [&] { return b.available > 0; });
        --b.available;
        m_taken = 1;
    }
    // More threads than the one that runs: only what is free now.
    const unsigned limit = wanted == 0 ? b.total : std::min(wanted, b.total);
    while (m_threads < limit && b.available > 0) {
        --b.available;
        ++m_taken;
        ++m_threads;
    }
    ++t_held;
}

ThreadShare::~ThreadShare()
{
    --t_held;
    auto& b = budget();
    {
        const std::lock_guard lock(b.mutex);
        b.available += m_taken;
    }
    b.freed.notify_all();
}

void parallelFor(std::size_t count, unsigned maxThreads, const std::function<void(std::size_t)>& task,
                 const std::function<bool()>& stop)
{
    if (count == 0)
        return;
    const ThreadShare share(static_cast<unsigned>(std::min<std::size_t>(count, maxThreads == 0 ? ~0u : maxThreads)));
    std::atomic<std::size_t> next{0};
    std::atomic<bool> failed{false};
    std::exception_ptr error;
    std::mutex errorMutex;
    const auto work = [&] {
        // A helper thread computes inside the caller's share.
        ++t_held;
        for (std::size_t i; !failed && (i = next.fetch_add(1)) < count;) {
            if (stop && stop())
                break;
            try {
                task(i);
            } catch (...) {
                const std::lock_guard lock(errorMutex);
                if (!error)
                    error = std::current_exception();
                failed = true;
            }
        }
        --t_held;
    };
    std::vector<std::thread> helpers;
    for (unsigned t = 1; t < share.threads(); ++t)
        helpers.emplace_back(work);
    work();
    for (auto& thread : helpers)
        thread.join();
    if (error)
        std::rethrow_exception(error);
}

} // namespace rscir
