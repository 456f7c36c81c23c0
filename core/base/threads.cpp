#include "core/base/threads.h"

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <condition_variable>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

#if defined(__linux__)
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>
#endif

namespace rscir {

namespace {

struct Budget {
    std::mutex mutex;
    std::condition_variable freed;
    unsigned total = coreCount();
    long available = static_cast<long>(coreCount()); ///< may go below 0 after the budget shrank
    /// Waiters are served in the order they came (a ticket each), so that a thread that
    /// lets its share go and asks again at once cannot starve another that waits.
    std::uint64_t nextTicket = 0, serving = 0;
};

Budget& budget()
{
    static Budget b;
    return b;
}

/// Shares this thread holds now (the outermost took its thread; nested ones reuse it).
thread_local unsigned t_held = 0;
/// The GUI thread never waits for the budget (see computeWithoutWaitingOnThisThread).
thread_local bool t_neverWaits = false;

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
        const unsigned total = std::min(threads == 0 ? coreCount() : threads, coreCount());
        b.available += static_cast<long>(total) - static_cast<long>(b.total);
        b.total = total;
    }
    b.freed.notify_all();
}

void computeWithoutWaitingOnThisThread()
{
    t_neverWaits = true;
}

void computeBehindTheGuiOnThisThread()
{
#if defined(__linux__)
    // Linux schedules each thread with its own nice value, and threads inherit their
    // creator's. Raising it needs no privilege; it cannot be lowered again, which is what a
    // worker thread wants.
    const auto tid = static_cast<id_t>(::syscall(SYS_gettid));
    errno = 0;
    const int now = ::getpriority(PRIO_PROCESS, tid);
    if (errno == 0 && now < kBackgroundNice)
        ::setpriority(PRIO_PROCESS, tid, kBackgroundNice);
#endif
}

ThreadShare::ThreadShare(unsigned wanted, Wait wait)
{
    auto& b = budget();
    std::unique_lock lock(b.mutex);
    if (t_held == 0) {
        if (t_neverWaits && b.available <= 0) {
            // The GUI's own thread computes without a thread of the budget rather than
            // freeze the window until one is free.
        } else {
            const std::uint64_t ticket = b.nextTicket++;
            const auto needed = [&] {
                return wait == Wait::ForAll ? static_cast<long>(std::max(1u, std::min(wanted == 0 ? b.total : wanted,
                                                                                      b.total)))
                                            : 1L;
            };
            b.freed.wait(lock, [&] { return b.serving == ticket && b.available >= needed(); });
            const long take = needed();
            ++b.serving;
            b.available -= take;
            m_taken = static_cast<unsigned>(take);
            m_threads = static_cast<unsigned>(take);
            b.freed.notify_all(); // the next ticket may be served too
        }
    }
    ++t_held;
    lock.unlock();
    grow(wanted);
}

void ThreadShare::grow(unsigned wanted)
{
    auto& b = budget();
    const std::lock_guard lock(b.mutex);
    const unsigned limit = wanted == 0 ? b.total : std::min(wanted, b.total);
    // Only what is free now, and nothing while another waits for its first thread.
    while (m_threads < limit && b.available > 0 && b.serving == b.nextTicket) {
        --b.available;
        ++m_taken;
        ++m_threads;
    }
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
    const auto fail = [&] {
        const std::lock_guard lock(errorMutex);
        if (!error)
            error = std::current_exception();
        failed = true;
    };
    const auto work = [&] {
        // A helper thread computes inside the caller's share.
        ++t_held;
        for (std::size_t i; !failed && (i = next.fetch_add(1)) < count;) {
            try {
                if (stop && stop())
                    break;
                task(i);
            } catch (...) {
                fail();
            }
        }
        --t_held;
    };
    std::vector<std::thread> helpers;
    try {
        for (unsigned t = 1; t < share.threads(); ++t)
            helpers.emplace_back(work);
    } catch (...) {
        // No thread could be started: the ones there are (and this one) do the work.
    }
    work();
    for (auto& thread : helpers)
        thread.join();
    if (error)
        std::rethrow_exception(error);
}

} // namespace rscir
