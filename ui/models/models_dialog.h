#pragma once
/// \file
/// The models dialog: the installed models and the catalogue, installing one (a
/// download with progress, resumable and verified), importing a local checkpoint, and
/// choosing the model to use. Offered on first run.

#include <QDialog>
#include <QPointer>

#include <memory>

class QLabel;
class QProgressBar;
class QPushButton;
class QTableWidget;

namespace rscir {
class Progress;
}

namespace rscir::ui {

class Job;
class JobManager;

class ModelsDialog : public QDialog {
    Q_OBJECT
public:
    explicit ModelsDialog(JobManager* jobs, QWidget* parent = nullptr);
    ~ModelsDialog() override;
    /// Installs a catalogue entry (tests call this directly).
    void install(const QString& name);

signals:
    /// The user chose to use this installed model (a folder).
    void modelChosen(const QString& folder, const QString& activation);
    /// The installed models changed (an install, import or removal).
    void modelsChanged();

private:
    void connectButtons();
    void refresh();
    void importModel();
    QString selectedName() const;
    bool selectedInstalled() const;

    QTableWidget* m_table;
    QLabel* m_details;
    QProgressBar* m_progress;
    QPushButton* m_install;
    QPushButton* m_import;
    QPushButton* m_remove;
    QPushButton* m_use;
    QPushButton* m_cancel;
    QLabel* m_status; ///< the outcome of the last install, import or removal
    JobManager* m_jobs;
    QPointer<Job> m_running;
    void showStatus(const QString& text, bool isError);
    /// Runs an install or import; on success the new model `name` is selected and offered.
    void runJob(Job* job, const QString& done, const QString& name = {});
};

} // namespace rscir::ui
