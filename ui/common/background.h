#pragma once
/// \file
/// The window's short background work — thumbnails, projecting footprints for the map,
/// the viewer's reads, reading a GIS file or a saved query's area — runs on one small
/// thread pool, and each task holds a thread of the process's budget (core/base/threads.h)
/// while it computes, so that it shares the cores with archive passes and the encoder
/// instead of adding to them. Long work with progress and cancellation is a Job (jobs.h);
/// the archive and the encoder have worker threads of their own.

#include "core/base/threads.h"

#include <QFuture>
#include <QThreadPool>
#include <QtConcurrent/QtConcurrentRun>

#include <utility>

namespace rscir::ui::background {

/// The pool: two threads (these tasks wait on disks as much as they compute).
QThreadPool& pool();

/// Runs `task` on the pool within one thread of the budget; its result comes back through
/// the future (watch it with a QFutureWatcher on the GUI thread).
template <class Task>
auto run(Task task)
{
    return QtConcurrent::run(&pool(), [task = std::move(task)]() mutable {
        computeBehindTheGuiOnThisThread();
        const ThreadShare share(1);
        return task();
    });
}

/// Waits at most `ms` (-1: without limit) for the tasks that run; true when none is left.
bool waitForDone(int ms);

} // namespace rscir::ui::background
