#pragma once
/// \file
/// What the scripted runs and the session benchmark share (private to ui/shell): a
/// sequence of steps on the event loop, and what a step waits for.

#include "ui/search/search_session.h"
#include "ui/shell/main_window.h"

#include "core/base/error.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QJsonValue>
#include <QObject>
#include <QStringList>
#include <QTimer>

#include <cstdio>
#include <functional>
#include <utility>
#include <vector>

namespace rscir::ui::script {

/// Runs steps one after another on the event loop; a step either finishes at once or
/// waits for a condition (polled), so that the GUI keeps running between them.
class Sequence : public QObject {
public:
    using Ready = std::function<bool()>;
    struct Step {
        QString name;
        std::function<void()> act; ///< may throw rscir::Error to fail the run
        Ready until; ///< null: done at once
        int timeoutMs = 600000;
        int action = 0; ///< the script's action this step belongs to (from 1), 0 for none
    };

    Sequence(MainWindow& window, std::function<void(int)> onExit) : QObject(&window), m_window(window), m_exit(onExit)
    {
        // Errors the window reports while a step runs fail the script at the next wait.
        connect(window.session(), &SearchSession::error, this, [this](const QString& text) { m_errors << text; });
        m_poll.setInterval(20);
        connect(&m_poll, &QTimer::timeout, this, &Sequence::poll);
    }

    /// Steps added from now on belong to the script's action `n` (from 1): a failure names it,
    /// however many steps the action takes.
    void beginAction(int n) { m_action = n; }
    void add(Step step)
    {
        step.action = m_action;
        m_steps.push_back(std::move(step));
    }
    /// After the last action the window stays open (a live demonstration) instead of the
    /// application ending.
    void stayOpen() { m_stay = true; }
    void start() { QTimer::singleShot(0, this, &Sequence::next); }
    void fail(const QString& message)
    {
        m_poll.stop();
        const int action = m_index > 0 ? m_steps[static_cast<std::size_t>(m_index - 1)].action : 0;
        std::fprintf(stderr, "rscir-desktop: script step %d (%s): %s\n", action > 0 ? action : m_index,
                     qPrintable(m_current), qPrintable(message));
        m_exit(1);
    }
    /// Errors collected since the last call.
    QStringList takeErrors() { return std::exchange(m_errors, {}); }

private:
    void next()
    {
        if (m_index >= static_cast<int>(m_steps.size())) {
            if (!m_stay)
                m_exit(0);
            return;
        }
        Step& step = m_steps[static_cast<std::size_t>(m_index++)];
        m_current = step.name;
        try {
            if (step.act)
                step.act();
        } catch (const std::exception& e) {
            fail(QString::fromStdString(e.what()));
            return;
        }
        if (!step.until) {
            QTimer::singleShot(0, this, &Sequence::next);
            return;
        }
        m_clock.start();
        m_poll.start();
    }

    void poll()
    {
        const Step& step = m_steps[static_cast<std::size_t>(m_index - 1)];
        bool ready = false;
        try {
            ready = step.until();
        } catch (const std::exception& e) {
            fail(QString::fromStdString(e.what()));
            return;
        }
        if (ready) {
            m_poll.stop();
            QTimer::singleShot(0, this, &Sequence::next);
        } else if (m_clock.elapsed() > step.timeoutMs) {
            fail(QStringLiteral("gave up waiting after %1 s").arg(step.timeoutMs / 1000));
        }
    }

    MainWindow& m_window;
    std::function<void(int)> m_exit;
    bool m_stay = false;
    std::vector<Step> m_steps;
    int m_index = 0;
    int m_action = 0;
    QString m_current;
    QTimer m_poll;
    QElapsedTimer m_clock;
    QStringList m_errors;
};

inline void exitWith(int code)
{
    QTimer::singleShot(0, qApp, [code] { QApplication::exit(code); });
}

/// Everything the window has pending is done: the index is open, no model is loading,
/// the query's terms are encoded and scored, and the ranking shown is of this state.
inline bool settled(MainWindow& w)
{
    return !w.isModelLoading() && !w.isOpeningQuery() && w.session()->isCurrent();
}

/// A step that fails with the window's own message when a job or the session failed.
inline Sequence::Ready settledOrFailed(MainWindow& w, Sequence& sequence)
{
    return [&w, &sequence] {
        const QString jobError = w.takeJobError();
        if (!jobError.isEmpty())
            throw Error(jobError.toStdString());
        if (!settled(w))
            return false;
        const QStringList errors = sequence.takeErrors();
        if (!errors.isEmpty())
            throw Error(errors.join(QStringLiteral("; ")).toStdString());
        return true;
    };
}

inline QString stringOf(const QJsonValue& value, const char* action)
{
    if (!value.isString())
        throw Error(std::string("\"") + action + "\" takes a string");
    return value.toString();
}

} // namespace rscir::ui::script
