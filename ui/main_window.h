#pragma once
/// \file
/// The application's main window: the archive dock (indexes, items, indexing jobs),
/// the query panel, the ranked results, the log, and the status bar.

#include "ui/settings_dialog.h"

#include <QMainWindow>
#include <QPointer>

#include <memory>

class QComboBox;
class QLabel;
class QLineEdit;
class QListView;
class QPlainTextEdit;
class QProgressBar;
class QPushButton;
class QStackedWidget;
class QAction;

namespace rscir {
struct IndexReport;
}

namespace rscir::ui {

class ArchiveItemModel;
class EncoderBackend;
class EncoderService;
class IndexJob;
class MessageBar;
class QueryPanel;
class ResultsModel;
class SearchSession;
class ThumbnailCache;

class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(QWidget* parent = nullptr);
    ~MainWindow() override;

    /// Opens an index for searching (and shows its items).
    bool openIndex(const QString& path);
    /// Loads a model from a checkpoint file or model folder in the background.
    void loadModel(const QString& model, const QString& activation);
    /// Uses an already loaded backend (tests).
    void setBackend(std::shared_ptr<EncoderBackend> backend);
    /// Indexes `folder` into `indexPath` as a background job.
    void startIndexing(const QString& folder, const QString& indexPath);
    void cancelIndexing();
    /// Restores the last session's model and/or index from the settings. On a first run
    /// (no model chosen yet) it uses an installed model, or offers the models dialog.
    void restoreSession(bool model = true, bool index = true);
    void showModels();

    // For tests and the benchmark.
    SearchSession* session() const { return m_session; }
    QueryPanel* queryPanel() const { return m_query; }
    EncoderService* encoder() const { return m_encoder; }
    QListView* resultsView() const { return m_resultsView; }
    QListView* archiveView() const { return m_archiveView; }
    ResultsModel* resultsModel() const { return m_results; }
    ArchiveItemModel* archiveModel() const { return m_archive; }
    MessageBar* messageBar() const { return m_message; }
    IndexJob* indexJob() const;
    QPlainTextEdit* logPanel() const { return m_log; }
    bool showsWelcome() const;
    void showLambdaSweep();
    bool exportResults(const QString& path);

signals:
    void indexingFinished();

protected:
    void closeEvent(QCloseEvent* event) override;

private:
    void createActions();
    void createDocks();
    void updateStatus();
    void updateQueryWell();
    void updateModelBox();
    void updateRecentArchives();
    void updateWorkspace();
    void showError(const QString& text);
    void log(const QString& line);
    void openViewer(std::int64_t itemId);
    void showItemMenu(QListView* view, const QPoint& position);
    void chooseIndex();
    void chooseFolderToIndex();
    void chooseModel();
    void chooseQueryImage();
    void chooseExport();
    void showPreferences();
    void onIndexingFinished(const rscir::IndexReport& report);

    AppSettings m_settings;
    EncoderService* m_encoder;
    SearchSession* m_session;
    ThumbnailCache* m_thumbnails;
    ArchiveItemModel* m_archive;
    ResultsModel* m_results;
    QueryPanel* m_query;
    MessageBar* m_message;
    QStackedWidget* m_stack;
    QLabel* m_welcome;
    QLabel* m_resultsTitle;
    QListView* m_resultsView;
    QListView* m_archiveView;
    QLabel* m_indexLabel;
    QComboBox* m_recent;
    QLabel* m_archiveStats;
    QLineEdit* m_filter;
    QWidget* m_jobRow;
    QProgressBar* m_jobProgress;
    QLabel* m_jobLabel;
    QPlainTextEdit* m_log;
    QLabel* m_modelStatus;
    QLabel* m_itemsStatus;
    QLabel* m_queryStatus;
    QPointer<IndexJob> m_job;
    QString m_modelLoading;
    QAction* m_useAsQuery = nullptr;
    QAction* m_sweep = nullptr;
    QAction* m_export = nullptr;
};

} // namespace rscir::ui
