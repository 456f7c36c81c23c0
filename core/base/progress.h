#pragma once
/// \file
/// A cancel flag and a progress callback that long-running core functions accept,
/// so that callers (the command line, the desktop application's jobs) can report
/// and stop work that core runs on their behalf.

#include "core/base/error.h"

#include <atomic>
#include <cstdint>
#include <functional>
#include <string>

namespace rscir {

class Progress {
public:
    using Callback = std::function<void(std::int64_t done, std::int64_t total, const std::string& stage)>;

    Progress() = default;
    explicit Progress(Callback callback) : m_callback(std::move(callback)) { }

    void report(std::int64_t done, std::int64_t total, const std::string& stage = {}) const
    {
        if (m_callback)
            m_callback(done, total, stage);
    }
    void cancel() noexcept { m_cancelled.store(true, std::memory_order_relaxed); }
    bool isCancelled() const noexcept { return m_cancelled.load(std::memory_order_relaxed); }

private:
    Callback m_callback;
    std::atomic<bool> m_cancelled{false};
};


} // namespace rscir
