#include "ui/jobs/jobs.h"

#include "core/base/threads.h"

#include "core/base/error.h"
#include "ui/common/errors.h"

#include <QMetaObject>

#include <algorithm>
#include <thread>

namespace rscir::ui {

namespace {
enum Outcome { Done, Failed, Stopped };
}

Job::Job(QString title, QObject* parent)
    : QObject(parent),
      m_title(std::move(title)),
      m_progress([this](std::int64_t done, std::int64_t total, const std::string& stage) {
          emit progressChanged(done, total, QString::fromStdString(stage));
      })
{
    // Emitted on the pool thread, received here on the GUI thread.
    connect(this, &Job::progressChanged, this, [this](qint64 done, qint64 total, const QString& stage) {
        m_done = done;
        m_total = total;
        m_stage = stage;
    });
}

Job::~Job() = default;

void Job::cancel()
{
    m_progress.cancel();
}

void Job::execute()
{
    computeBehindTheGuiOnThisThread();
    int outcome = Done;
    QString message;
    try {
        if (m_progress.isCancelled())
            throw Cancelled{};
        run(m_progress);
    } catch (const Cancelled&) {
        outcome = Stopped;
    } catch (...) {
        outcome = Failed;
        message = currentErrorText();
    }
    QMetaObject::invokeMethod(this, [this, outcome, message] { conclude(outcome, message); }, Qt::QueuedConnection);
}

void Job::conclude(int outcome, const QString& message)
{
    m_running = false;
    if (outcome == Done)
        emit finished();
    else if (outcome == Stopped)
        emit cancelled();
    else
        emit failed(message);
    emit ended();
}

FunctionJob::FunctionJob(QString title, std::function<void(Progress&)> work, QObject* parent)
    : Job(std::move(title), parent), m_work(std::move(work))
{
}

void FunctionJob::run(Progress& progress)
{
    m_work(progress);
}

JobManager::JobManager(QObject* parent) : QAbstractListModel(parent)
{
    // Jobs wait on I/O and on the encoder as much as they compute; indexing runs its own
    // decoders. A few at once (a model load beside an indexing run) is plenty.
    m_pool.setMaxThreadCount(std::max(2, static_cast<int>(std::thread::hardware_concurrency())));
    m_pool.setObjectName(QStringLiteral("jobs"));
}

JobManager::~JobManager()
{
    shutdown(-1);
}

Job* JobManager::start(Job* job)
{
    job->setParent(this);
    job->m_running = true;
    beginInsertRows({}, rowCount(), rowCount());
    m_jobs.push_back(job);
    endInsertRows();
    connect(job, &Job::progressChanged, this, [this, job] {
        const auto it = std::find(m_jobs.begin(), m_jobs.end(), job);
        if (it != m_jobs.end()) {
            const QModelIndex cell = index(static_cast<int>(it - m_jobs.begin()));
            emit dataChanged(cell, cell);
        }
    });
    connect(job, &Job::ended, this, [this, job] { remove(job); });
    m_pool.start([job] { job->execute(); });
    emit runningChanged(runningCount());
    return job;
}

void JobManager::remove(Job* job)
{
    const auto it = std::find(m_jobs.begin(), m_jobs.end(), job);
    if (it != m_jobs.end()) {
        const int row = static_cast<int>(it - m_jobs.begin());
        beginRemoveRows({}, row, row);
        m_jobs.erase(it);
        endRemoveRows();
    }
    job->deleteLater();
    emit runningChanged(runningCount());
}

void JobManager::cancelAll()
{
    for (Job* job : m_jobs)
        job->cancel();
}

bool JobManager::shutdown(int ms)
{
    cancelAll();
    return m_pool.waitForDone(ms);
}

Job* JobManager::jobAt(int row) const
{
    return row >= 0 && row < rowCount() ? m_jobs[static_cast<std::size_t>(row)] : nullptr;
}

int JobManager::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_jobs.size());
}

QVariant JobManager::data(const QModelIndex& index, int role) const
{
    const Job* job = jobAt(index.row());
    if (!job || !index.isValid())
        return {};
    switch (role) {
    case Qt::DisplayRole:
    case Qt::AccessibleTextRole: return job->title();
    case ProgressRole: return job->total() > 0 ? static_cast<int>(100 * job->done() / job->total()) : -1;
    case StageRole: return job->stage();
    default: return {};
    }
}

} // namespace rscir::ui
