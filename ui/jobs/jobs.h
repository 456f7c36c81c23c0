#pragma once
/// \file
/// Long work as jobs, in the spirit of QgsTask and QgsFeedback: a job runs off the GUI
/// thread on the manager's thread pool, reports numeric progress through core's
/// Progress, can be cancelled, and ends with exactly one of finished(), failed() or
/// cancelled() on the GUI thread. The manager is also the list model of what runs, for
/// the jobs panel. Model loads, model installs and imports, and indexing runs are jobs.

#include "core/base/progress.h"

#include <QAbstractListModel>
#include <QObject>
#include <QString>
#include <QThreadPool>

#include <atomic>
#include <functional>
#include <string>
#include <memory>

namespace rscir::ui {

class Job : public QObject {
    Q_OBJECT
public:
    explicit Job(QString title, QObject* parent = nullptr);
    ~Job() override;

    QString title() const { return m_title; }
    /// Asks the job to stop; it ends with cancelled() at its next check. Thread-safe.
    void cancel();
    bool isCancelRequested() const { return m_progress.isCancelled(); }
    bool isRunning() const { return m_running; }
    /// The last progress reported (done of total; total 0 = unknown) and its stage.
    qint64 done() const { return m_done; }
    qint64 total() const { return m_total; }
    QString stage() const { return m_stage; }

signals:
    void progressChanged(qint64 done, qint64 total, const QString& stage);
    void logLine(const QString& line);
    void finished();
    void failed(const QString& message);
    void cancelled();
    /// After finished(), failed() or cancelled().
    void ended();

protected:
    /// Runs on a pool thread. Report through progress(); throw rscir::Cancelled when it
    /// is cancelled, anything else to fail.
    virtual void run(Progress& progress) = 0;
    /// Emits a log line from the job's thread (delivered on the GUI thread).
    void log(const QString& line) { emit logLine(line); }

private:
    friend class JobManager;
    void execute(); ///< on the pool thread
    void conclude(int outcome, const QString& message); ///< on the GUI thread

    QString m_title;
    Progress m_progress;
    bool m_running = false;
    qint64 m_done = 0, m_total = 0;
    QString m_stage;
};

/// Core's progress of one stage of a job, in the user's words: `stage` replaces core's (English)
/// stage, and a cancelled job stops core at its next report.
class StageProgress {
public:
    StageProgress(Progress& job, const QString& stage)
        : m_job(job), m_stage(stage.toStdString()),
          m_inner([this](std::int64_t done, std::int64_t total, const std::string&) {
              if (m_job.isCancelled())
                  m_inner.cancel();
              m_job.report(done, total, m_stage);
          })
    {
    }
    StageProgress(const StageProgress&) = delete;
    StageProgress& operator=(const StageProgress&) = delete;
    Progress* get() { return &m_inner; }

private:
    Progress& m_job;
    std::string m_stage;
    Progress m_inner;
};

/// A job made of a function (small jobs need no class of their own).
class FunctionJob : public Job {
    Q_OBJECT
public:
    FunctionJob(QString title, std::function<void(Progress&)> work, QObject* parent = nullptr);

protected:
    void run(Progress& progress) override;

private:
    std::function<void(Progress&)> m_work;
};

class JobManager : public QAbstractListModel {
    Q_OBJECT
public:
    explicit JobManager(QObject* parent = nullptr);
    ~JobManager() override; ///< cancels every job and waits for them

    /// Starts `job` (the manager takes it); it is deleted some time after ended().
    Job* start(Job* job);
    void cancelAll();
    /// Cancels every job and waits at most `ms` for them to stop; true when all did.
    bool shutdown(int ms);
    int runningCount() const { return static_cast<int>(m_jobs.size()); }
    Job* jobAt(int row) const;

    enum Roles { ProgressRole = Qt::UserRole + 1, StageRole };
    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;

signals:
    void runningChanged(int count);

private:
    void remove(Job* job);

    QThreadPool m_pool;
    std::vector<Job*> m_jobs;
};

} // namespace rscir::ui
