#pragma once
/// \file
/// What runs in the background, one row a job: its title, numeric progress, its stage
/// (items/s, time left) and Cancel. Hidden when nothing runs.

#include <QWidget>

class QVBoxLayout;

namespace rscir::ui {

class Job;
class JobManager;

class JobsPanel : public QWidget {
    Q_OBJECT
public:
    explicit JobsPanel(JobManager* jobs, QWidget* parent = nullptr);

private:
    void addRow(Job* job);

    JobManager* m_jobs;
    QVBoxLayout* m_layout;
};

} // namespace rscir::ui
