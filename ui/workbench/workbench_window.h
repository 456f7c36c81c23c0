#pragma once
/// \file
/// The benchmark workbench: runs PatternCom or a composed benchmark (a CSV of query
/// image, text and targets) on the open index with the loaded model, as a job with
/// progress and cancel, and shows why queries succeed or fail: the table of every run,
/// mAP against lambda per attribute as a chart (with the paper's published sweep for
/// RemoteCLIP), and the list of queries by AP. A query chosen from the list is loaded
/// into the main window with its positives marked.

#include "core/search/ranking.h"

#include <QDialog>
#include <QPointer>

#include <cstdint>
#include <memory>
#include <optional>
#include <vector>

class QCheckBox;
class QComboBox;
class QVBoxLayout;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QSortFilterProxyModel;
class QTabWidget;
class QTableView;
class QTableWidget;

QT_BEGIN_NAMESPACE
class QChartView;
QT_END_NAMESPACE

namespace rscir::ui {

class Job;
class JobManager;
class SearchSession;
struct BenchmarkRun;
struct BenchmarkRequest;
class QueryTableModel;

/// A benchmark query as the main window shows it: the query, and which items of the
/// open index (of `generation`) are its positives.
struct BenchmarkQuery {
    quint64 generation = 0;
    std::int64_t queryItem = 0;
    QString text;
    Method method = Method::WeiCom;
    double lambda = 0.5;
    std::vector<std::int64_t> positives; ///< sorted
    QString description; ///< "color: swimming pool, oval"
};

class WorkbenchWindow : public QDialog {
    Q_OBJECT
public:
    enum class Kind { PatternCom, Composed };
    WorkbenchWindow(SearchSession* session, JobManager* jobs, QWidget* parent = nullptr);
    ~WorkbenchWindow() override;

    void setKind(Kind kind);
    /// The PatternNet folder (patternnet.csv, PatternCom/) or the benchmark's CSV file.
    void setDataset(const QString& path);
    void setLambdas(const QString& lambdas);
    /// BASIC's Harris weights ("0,0.05,0.1,0.2"); empty: BASIC is not run.
    void setBasicLambdas(const QString& weights);
    /// The method whose parameter sweep the chart shows (0: WeiCom, 1: BASIC when it ran).
    QComboBox* sweepBox() const { return m_sweepBox; }
    /// Starts the run as a job; false (with a message) when it cannot start.
    bool run();
    bool isRunning() const;
    bool hasResults() const { return m_run != nullptr; }

    QTableWidget* table() const { return m_table; }
    QChartView* chartView() const { return m_chart; }
    QTableView* queryView() const { return m_queries; }
    QComboBox* runBox() const { return m_runBox; }
    QLineEdit* filterBox() const { return m_filter; }
    /// Writes the chart as PNG or SVG (by the extension); false (with a message) on failure.
    bool exportChart(const QString& path);
    /// Writes the HTML report as a job; false when it cannot start.
    bool saveReport(const QString& path);
    /// Loads the query of a row of the (sorted, filtered) list into the main window.
    void chooseQuery(int row);
    /// Draws the paper's RemoteCLIP sweep beside the results (PatternCom only).
    void setPaperComparison(bool on);
    /// Shows the table (0), the chart (1) or the query list (2).
    void showTab(int tab);
    /// The last run's error, or empty.
    QString message() const;

signals:
    void queryChosen(const rscir::ui::BenchmarkQuery& query);
    void runEnded(bool succeeded);
    void reportWritten(const QString& path);

private:
    /// What a run needs from the window, the open index and the model; nullopt (and a
    /// message) when something is missing or wrong.
    std::optional<BenchmarkRequest> gatherRequest();
    void addSettingsForm(QVBoxLayout* layout);
    void addRunRow(QVBoxLayout* layout);
    QWidget* createChartPage();
    QWidget* createQueriesPage();

    void chooseDataset();
    void chooseChartFile();
    void chooseReportFile();
    void updateKind();
    void showRun();
    void updateChart();
    void updateQueries();
    void setMessage(const QString& text, bool error = false);

    SearchSession* m_session;
    JobManager* m_jobs;
    QComboBox* m_kind;
    QLineEdit* m_dataset;
    QLabel* m_textColumnLabel;
    QLineEdit* m_textColumn;
    QLineEdit* m_lambdas;
    QLineEdit* m_basicLambdas;
    QComboBox* m_sweepBox;
    QLabel* m_source;
    QPushButton* m_runButton;
    QPushButton* m_cancelButton;
    QProgressBar* m_progress;
    QLabel* m_message;
    QTabWidget* m_tabs;
    QTableWidget* m_table;
    QChartView* m_chart;
    QCheckBox* m_paper;
    QComboBox* m_runBox;
    QLineEdit* m_filter;
    QueryTableModel* m_queryModel;
    QSortFilterProxyModel* m_proxy;
    QTableView* m_queries;
    QPushButton* m_open;
    QPushButton* m_report;
    QPointer<Job> m_job;
    std::shared_ptr<const BenchmarkRun> m_run;
};

} // namespace rscir::ui

Q_DECLARE_METATYPE(rscir::ui::BenchmarkQuery)
