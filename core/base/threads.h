#pragma once
/// \file
/// One thread budget for the whole process, and the one way core runs work in parallel.
///
/// Every computation that can use several cores — a pass over an archive's embeddings,
/// WeiCom's normalisation, decoding images while indexing, a model's forward pass — holds
/// a ThreadShare of the budget while it runs: at least one thread (it waits for one), more
/// when they are free. So an archive pass, indexing decoders and libtorch running at once
/// share the cores the user gave (`--threads`, Preferences) instead of each taking all of
/// them. A thread that already holds a share computes inside it: nested work never waits
/// for itself.

#include <cstddef>
#include <functional>

namespace rscir {

/// How many threads may compute at once in this process (default: the cores there are).
unsigned threadBudget();
/// Sets the budget; 0 means the cores there are, and it is never more than they. Shares
/// held now keep what they took.
void setThreadBudget(unsigned threads);
/// The cores of this machine (at least 1).
unsigned coreCount();
/// Marks the calling thread (the GUI's) as one that never waits for the budget: when no
/// thread is free, its work runs on it alone, uncounted, rather than freeze the window.
void computeWithoutWaitingOnThisThread();

/// The scheduling priority (nice value) of computing threads behind a GUI.
constexpr int kBackgroundNice = 10;
/// Lets the calling thread, a worker behind a window, yield the cores to the GUI thread:
/// it computes at a lower scheduling priority (nice 10 on Linux; elsewhere nothing
/// changes), and so do the threads it starts. On two cores an archive pass, a model's
/// forward pass and the GUI thread are otherwise all runnable at once, and the window
/// waits its turn.
void computeBehindTheGuiOnThisThread();

/// A part of the budget, held from construction to destruction.
class ThreadShare {
public:
    /// How many threads a share waits for.
    enum class Wait {
        ForOne, ///< one; more only if they are free (work whose result does not depend on it)
        ForAll, ///< all `wanted` at once (capped at the budget): work whose result depends on its
                ///< thread count, such as a forward pass, always runs on the same number
    };
    /// Waits until a thread of the budget is free (all `wanted` threads with Wait::ForAll;
    /// none when this thread already holds a share, whose thread it uses), then takes up to
    /// `wanted` threads in all (0: as many as are free). Waiters are served first come,
    /// first served, and a waiter holds nothing of the budget while it waits.
    explicit ThreadShare(unsigned wanted, Wait wait = Wait::ForOne);
    ~ThreadShare();
    ThreadShare(const ThreadShare&) = delete;
    ThreadShare& operator=(const ThreadShare&) = delete;

    /// The threads this share may run on, the caller's included (at least 1).
    unsigned threads() const { return m_threads; }

private:
    /// Takes more threads, up to `wanted` in all (0: as many as are free), without waiting.
    void grow(unsigned wanted);

    unsigned m_threads = 1;
    unsigned m_taken = 0; ///< threads taken from the budget (not counting an outer share's)
};

/// Calls `task(i)` for every i in [0, count) on up to `maxThreads` threads (0: as many as
/// the budget has free) drawn from the budget, the caller's among them. Which thread runs
/// which i is not fixed, so a task must not depend on it: results that are written per i
/// are the same on any number of threads. Once a task throws, or `stop` (when given)
/// returns true, no further i is started; the first exception is rethrown to the caller
/// after every thread has finished.
void parallelFor(std::size_t count, unsigned maxThreads, const std::function<void(std::size_t)>& task,
                 const std::function<bool()>& stop = {});

} // namespace rscir
