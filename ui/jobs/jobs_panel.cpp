#include "ui/jobs/jobs_panel.h"

#include "ui/jobs/jobs.h"

#include <QElapsedTimer>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QProgressBar>
#include <QPushButton>
#include <QVBoxLayout>

#include <cmath>
#include <memory>

namespace rscir::ui {

JobsPanel::JobsPanel(JobManager* jobs, QWidget* parent) : QWidget(parent), m_jobs(jobs)
{
    m_layout = new QVBoxLayout(this);
    m_layout->setContentsMargins(0, 0, 0, 0);
    setAccessibleName(tr("Background jobs"));
    connect(m_jobs, &QAbstractItemModel::rowsInserted, this, [this](const QModelIndex&, int first, int last) {
        for (int row = first; row <= last; ++row)
            addRow(m_jobs->jobAt(row));
    });
    connect(m_jobs, &JobManager::runningChanged, this, [this](int count) { setVisible(count > 0); });
    hide();
}

void JobsPanel::addRow(Job* job)
{
    if (!job)
        return;
    auto* row = new QWidget(this);
    auto* layout = new QVBoxLayout(row);
    layout->setContentsMargins(0, 2, 0, 2);
    auto* title = new QLabel(job->title(), row);
    title->setWordWrap(true);
    auto* line = new QHBoxLayout;
    auto* bar = new QProgressBar(row);
    bar->setRange(0, 0);
    bar->setAccessibleName(tr("Progress of %1").arg(job->title()));
    auto* cancel = new QPushButton(QIcon(QStringLiteral(":/icons/cancel.svg")), tr("Cancel"), row);
    cancel->setAccessibleName(tr("Cancel %1").arg(job->title()));
    line->addWidget(bar, 1);
    line->addWidget(cancel);
    auto* stage = new QLabel(row);
    stage->setWordWrap(true);
    layout->addWidget(title);
    layout->addLayout(line);
    layout->addWidget(stage);
    m_layout->addWidget(row);
    auto clock = std::make_shared<QElapsedTimer>();
    clock->start();
    connect(job, &Job::progressChanged, row, [bar, stage, clock](qint64 done, qint64 total, const QString& text) {
        if (total > 0) {
            bar->setRange(0, 1000);
            bar->setValue(static_cast<int>(1000.0 * double(done) / double(total)));
        }
        QString line = total > 0 ? tr("%1 of %2").arg(QLocale().toString(done), QLocale().toString(total)) : QString();
        if (!text.isEmpty())
            line += (line.isEmpty() ? QString() : QStringLiteral("; ")) + text;
        const double seconds = static_cast<double>(clock->elapsed()) / 1000.0;
        if (done > 0 && total > done && seconds > 2)
            line += QStringLiteral("; ") +
                    tr("about %1 s left").arg(std::lround(seconds * double(total - done) / double(done)));
        stage->setText(line);
    });
    connect(cancel, &QPushButton::clicked, job, [job, cancel, stage] {
        job->cancel();
        cancel->setEnabled(false);
        stage->setText(tr("Cancelling..."));
    });
    connect(job, &Job::ended, row, &QObject::deleteLater);
}

} // namespace rscir::ui
