#include "ui/workbench/workbench_window.h"
#include "ui/workbench/benchmark_run.h"
#include "ui/workbench/query_table_model.h"

#include "core/base/error.h"
#include "core/eval/cir.h"
#include "core/eval/patterncom.h"
#include "core/eval/report.h"
#include "core/index/index_store.h"
#include "core/index/path_embeddings.h"
#include "ui/models/encoder_backend.h"
#include "ui/common/errors.h"
#include "ui/jobs/jobs.h"
#include "ui/search/search_session.h"

#include <QChart>
#include <QChartView>
#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLegend>
#include <QLineEdit>
#include <QLineSeries>
#include <QPainter>
#include <QProgressBar>
#include <QPushButton>
#include <QAbstractTableModel>
#include <QLocale>
#include <QSortFilterProxyModel>
#include <QSvgGenerator>
#include <QTabWidget>
#include <QTableView>
#include <QTableWidget>
#include <QValueAxis>
#include <QVBoxLayout>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>

namespace rscir::ui {

namespace fs = std::filesystem;
using namespace benchmark;

WorkbenchWindow::WorkbenchWindow(SearchSession* session, JobManager* jobs, QWidget* parent)
    : QDialog(parent), m_session(session), m_jobs(jobs)
{
    setWindowTitle(tr("Benchmark Workbench"));
    setAttribute(Qt::WA_DeleteOnClose);
    auto* layout = new QVBoxLayout(this);
    addSettingsForm(layout);
    addRunRow(layout);
    m_tabs = new QTabWidget(this);
    m_table = new QTableWidget(this);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->verticalHeader()->setVisible(false);
    m_tabs->addTab(m_table, tr("Table"));

    m_tabs->addTab(createChartPage(), tr("Chart"));
    m_tabs->addTab(createQueriesPage(), tr("Queries"));
    layout->addWidget(m_tabs, 1);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    m_report = buttons->addButton(tr("Save Report..."), QDialogButtonBox::ActionRole);
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::close);

    connect(m_kind, &QComboBox::currentIndexChanged, this, &WorkbenchWindow::updateKind);
    // "Runs on" names the index and model a run would use now, not those of when it opened.
    connect(m_session, &SearchSession::archiveChanged, this, &WorkbenchWindow::updateKind);
    connect(m_session, &SearchSession::embeddingsChanged, this, &WorkbenchWindow::updateKind);
    connect(m_runButton, &QPushButton::clicked, this, &WorkbenchWindow::run);
    connect(m_cancelButton, &QPushButton::clicked, this, [this] {
        if (m_job)
            m_job->cancel();
    });
    connect(m_paper, &QCheckBox::toggled, this, &WorkbenchWindow::updateChart);
    connect(m_report, &QPushButton::clicked, this, &WorkbenchWindow::chooseReportFile);
    updateKind();
    showRun();
    resize(1040, 720);
}

/// The benchmark, its dataset, text column and lambdas, and what a run would use.
void WorkbenchWindow::addSettingsForm(QVBoxLayout* layout)
{
    auto* form = new QFormLayout;
    m_kind = new QComboBox(this);
    m_kind->addItem(tr("PatternCom (PatternNet)"));
    m_kind->addItem(tr("Composed benchmark (CSV: image, text, targets)"));
    form->addRow(tr("Benchmark:"), m_kind);
    auto* datasetRow = new QHBoxLayout;
    m_dataset = new QLineEdit(this);
    auto* browse = new QPushButton(tr("Browse..."), this);
    datasetRow->addWidget(m_dataset, 1);
    datasetRow->addWidget(browse);
    form->addRow(tr("Dataset:"), datasetRow);
    m_textColumnLabel = new QLabel(tr("Text column:"), this);
    m_textColumn = new QLineEdit(this);
    m_textColumn->setPlaceholderText(QStringLiteral("query_default"));
    form->addRow(m_textColumnLabel, m_textColumn);
    m_lambdas = new QLineEdit(QStringLiteral("0:1:0.1"), this);
    m_lambdas->setToolTip(tr("WeiCom's \u03bb values: a list (0,0.3,0.5) or a range START:STOP:STEP"));
    form->addRow(tr("\u03bb values:"), m_lambdas);
    m_basicLambdas = new QLineEdit(QStringLiteral("0,0.05,0.1,0.2"), this);
    m_basicLambdas->setObjectName(QStringLiteral("basicLambdas"));
    m_basicLambdas->setToolTip(tr("BASIC's Harris weights, each below 0.25, with the window's BASIC settings; "
                                  "empty: BASIC is not run"));
    form->addRow(tr("BASIC's Harris \u03bb:"), m_basicLambdas);
    m_source = new QLabel(this);
    m_source->setObjectName(QStringLiteral("runsOn"));
    m_source->setWordWrap(true);
    m_source->setTextFormat(Qt::PlainText);
    form->addRow(tr("Runs on:"), m_source);
    layout->addLayout(form);
    connect(browse, &QPushButton::clicked, this, &WorkbenchWindow::chooseDataset);
}

void WorkbenchWindow::addRunRow(QVBoxLayout* layout)
{
    auto* runRow = new QHBoxLayout;
    m_runButton = new QPushButton(tr("Run"), this);
    m_runButton->setDefault(true);
    m_cancelButton = new QPushButton(tr("Cancel"), this);
    m_cancelButton->setEnabled(false);
    m_progress = new QProgressBar(this);
    m_progress->setVisible(false);
    runRow->addWidget(m_runButton);
    runRow->addWidget(m_cancelButton);
    runRow->addWidget(m_progress, 1);
    layout->addLayout(runRow);
    m_message = new QLabel(this);
    m_message->setWordWrap(true);
    layout->addWidget(m_message);
}

QWidget* WorkbenchWindow::createChartPage()
{
    auto* chartPage = new QWidget(this);
    auto* chartLayout = new QVBoxLayout(chartPage);
    m_chart = new QChartView(new QChart, chartPage);
    m_chart->setRenderHint(QPainter::Antialiasing);
    m_chart->setMinimumSize(480, 320);
    chartLayout->addWidget(m_chart, 1);
    auto* sweepRow = new QHBoxLayout;
    m_sweepBox = new QComboBox(chartPage);
    m_sweepBox->setAccessibleName(tr("The method whose sweep is drawn"));
    auto* sweepLabel = new QLabel(tr("&Sweep of:"), chartPage);
    sweepLabel->setBuddy(m_sweepBox);
    sweepRow->addWidget(sweepLabel);
    sweepRow->addWidget(m_sweepBox);
    sweepRow->addStretch(1);
    chartLayout->insertLayout(0, sweepRow);
    connect(m_sweepBox, &QComboBox::currentIndexChanged, this, &WorkbenchWindow::updateChart);
    auto* chartRow = new QHBoxLayout;
    m_paper = new QCheckBox(tr("Compare with the paper's sweep (RemoteCLIP ViT-L/14, Table 3)"), chartPage);
    m_paper->setToolTip(tr("Dashed: the mAP the paper publishes for RemoteCLIP ViT-L/14 at each \u03bb (before the "
                           "authors' 2024 correction of Existence)"));
    auto* exportChart = new QPushButton(tr("Export Chart..."), chartPage);
    chartRow->addWidget(m_paper, 1);
    chartRow->addWidget(exportChart);
    chartLayout->addLayout(chartRow);
    connect(exportChart, &QPushButton::clicked, this, &WorkbenchWindow::chooseChartFile);
    return chartPage;
}

/// Every query of the run shown, with its AP and first positive, to filter and to open.
QWidget* WorkbenchWindow::createQueriesPage()
{
    auto* queryPage = new QWidget(this);
    auto* queryLayout = new QVBoxLayout(queryPage);
    auto* queryRow = new QHBoxLayout;
    m_runBox = new QComboBox(queryPage);
    m_filter = new QLineEdit(queryPage);
    m_filter->setPlaceholderText(tr("Filter by attribute, image, class, value or text"));
    m_filter->setClearButtonEnabled(true);
    queryRow->addWidget(new QLabel(tr("Run:"), queryPage));
    queryRow->addWidget(m_runBox);
    queryRow->addWidget(m_filter, 1);
    queryLayout->addLayout(queryRow);
    m_queryModel = new QueryTableModel(this);
    m_proxy = new QSortFilterProxyModel(this);
    m_proxy->setSourceModel(m_queryModel);
    m_proxy->setFilterKeyColumn(-1);
    m_proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_proxy->setSortRole(QueryTableModel::SortRole);
    m_proxy->setFilterRole(QueryTableModel::FilterRole);
    m_queries = new QTableView(queryPage);
    m_queries->setModel(m_proxy);
    m_queries->setSortingEnabled(true);
    m_queries->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_queries->setSelectionMode(QAbstractItemView::SingleSelection);
    m_queries->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_queries->horizontalHeader()->setStretchLastSection(true);
    m_queries->horizontalHeader()->setResizeContentsPrecision(100);
    m_queries->verticalHeader()->setVisible(false);
    queryLayout->addWidget(m_queries, 1);
    m_open = new QPushButton(tr("Show in the Main Window"), queryPage);
    m_open->setToolTip(tr("Load the query's image and text into the main window and mark which results are "
                          "its positives (also: double-click a row)"));
    queryLayout->addWidget(m_open, 0, Qt::AlignRight);
    connect(m_runBox, &QComboBox::currentIndexChanged, this, &WorkbenchWindow::updateQueries);
    connect(m_filter, &QLineEdit::textChanged, m_proxy, &QSortFilterProxyModel::setFilterFixedString);
    connect(m_queries, &QTableView::doubleClicked, this, [this](const QModelIndex& index) { chooseQuery(index.row()); });
    connect(m_open, &QPushButton::clicked, this, [this] {
        if (m_queries->currentIndex().isValid())
            chooseQuery(m_queries->currentIndex().row());
    });
    return queryPage;
}

WorkbenchWindow::~WorkbenchWindow()
{
    if (m_job)
        m_job->cancel();
}

void WorkbenchWindow::setPaperComparison(bool on)
{
    if (m_paper->isEnabled())
        m_paper->setChecked(on);
}

void WorkbenchWindow::showTab(int tab)
{
    m_tabs->setCurrentIndex(tab);
}

QString WorkbenchWindow::message() const
{
    return m_message->text();
}

bool WorkbenchWindow::isRunning() const
{
    return !m_job.isNull();
}

void WorkbenchWindow::setKind(Kind kind)
{
    m_kind->setCurrentIndex(kind == Kind::PatternCom ? 0 : 1);
}

void WorkbenchWindow::setDataset(const QString& path)
{
    m_dataset->setText(path);
}

void WorkbenchWindow::setLambdas(const QString& lambdas)
{
    m_lambdas->setText(lambdas);
}

void WorkbenchWindow::setBasicLambdas(const QString& weights)
{
    m_basicLambdas->setText(weights);
}

void WorkbenchWindow::updateKind()
{
    const bool csv = m_kind->currentIndex() == 1;
    m_textColumnLabel->setVisible(csv);
    m_textColumn->setVisible(csv);
    m_dataset->setPlaceholderText(csv ? tr("The benchmark's CSV file; its paths are relative to the open archive")
                                      : tr("The PatternNet folder: patternnet.csv, PatternCom/, images/"));
    const auto info = m_session->archive();
    const auto backend = m_session->backend();
    m_source->setText(info && backend ? tr("the open index %1 and the model %2")
                                            .arg(QFileInfo(info->path).fileName(), backend->modelName())
                                      : tr("nothing yet: open an index of the dataset's images and load a model"));
}

void WorkbenchWindow::chooseDataset()
{
    const QString path = m_kind->currentIndex() == 1
                             ? QFileDialog::getOpenFileName(this, tr("Composed Benchmark"), m_dataset->text(),
                                                            tr("CSV files (*.csv);;All files (*)"))
                             : QFileDialog::getExistingDirectory(this, tr("PatternNet Folder"), m_dataset->text());
    if (!path.isEmpty())
        m_dataset->setText(path);
}

void WorkbenchWindow::setMessage(const QString& text, bool error)
{
    m_message->setText(text);
    m_message->setStyleSheet(error ? QStringLiteral("color: #b00020;") : QString());
}

std::optional<BenchmarkRequest> WorkbenchWindow::gatherRequest()
{
    updateKind();
    const auto info = m_session->archive();
    const auto backend = m_session->backend();
    if (!info || !backend) {
        setMessage(tr("Open an index of the benchmark's images and load a model first: the workbench ranks with "
                      "them."),
                   true);
        return std::nullopt;
    }
    BenchmarkRequest request;
    request.kind = m_kind->currentIndex() == 1 ? Kind::Composed : Kind::PatternCom;
    request.dataset = m_dataset->text().trimmed().toStdString();
    request.textColumn = m_textColumn->text().trimmed().toStdString();
    request.indexPath = info->path.toStdString();
    request.model = backend->identity();
    request.modelName = backend->modelName();
    request.backend = backend;
    request.generation = info->generation;
    if (request.dataset.empty()) {
        setMessage(request.kind == Kind::Composed ? tr("Choose the benchmark's CSV file.")
                                                  : tr("Choose the PatternNet folder."),
                   true);
        return std::nullopt;
    }
    try {
        request.lambdas = parseLambdas(m_lambdas->text().trimmed().toStdString());
        request.basicLambdas = benchmark::parseHarrisWeights(m_basicLambdas->text().toStdString());
        request.basic = m_session->basicOptions();
    } catch (const Error& e) {
        setMessage(QString::fromStdString(e.message()), true);
        return std::nullopt;
    }
    return request;
}

bool WorkbenchWindow::run()
{
    if (m_job)
        return false;
    const auto gathered = gatherRequest();
    if (!gathered)
        return false;
    const BenchmarkRequest request = *gathered;
    auto result = std::make_shared<std::shared_ptr<BenchmarkRun>>();
    auto* job = new FunctionJob(request.kind == Kind::PatternCom ? tr("PatternCom benchmark")
                                                                 : tr("Composed benchmark"),
                                [request, result](Progress& progress) {
                                    *result = request.kind == Kind::PatternCom
                                                  ? runPatternComBenchmark(request, progress)
                                                  : runComposedBenchmark(request, progress);
                                });
    m_job = job;
    m_runButton->setEnabled(false);
    m_cancelButton->setEnabled(true);
    m_progress->setVisible(true);
    m_progress->setRange(0, 0);
    setMessage(tr("Running..."));
    connect(job, &Job::progressChanged, this, [this](qint64 done, qint64 total, const QString& stage) {
        m_progress->setRange(0, total > 0 ? 1000 : 0);
        if (total > 0)
            m_progress->setValue(static_cast<int>(1000 * done / total));
        const QString what = stage == QLatin1String("texts")     ? tr("encoding the texts")
                             : stage == QLatin1String("queries") ? tr("ranking the queries")
                                                                 : stage;
        setMessage(tr("Running: %1, %2 of %3").arg(what, QLocale().toString(done), QLocale().toString(total)));
    });
    connect(job, &Job::finished, this, [this, result] {
        m_run = *result;
        showRun();
        if (m_run->missingTargets > 0)
            setMessage(tr("Done: %n quer(ies). %1 of their targets are not among the index's images and count as "
                          "never found; check the CSV's paths.",
                          nullptr, static_cast<int>(m_run->queries.size()))
                           .arg(m_run->missingTargets),
                       true);
        else
            setMessage(tr("Done: %n quer(ies).", nullptr, static_cast<int>(m_run->queries.size())));
        emit runEnded(true);
    });
    connect(job, &Job::failed, this, [this](const QString& message) {
        setMessage(inUserLanguage(message), true);
        emit runEnded(false);
    });
    connect(job, &Job::cancelled, this, [this] {
        setMessage(tr("Cancelled; the last results stay."));
        emit runEnded(false);
    });
    connect(job, &Job::ended, this, [this] {
        m_job = nullptr;
        m_runButton->setEnabled(true);
        m_cancelButton->setEnabled(false);
        m_progress->setVisible(false);
    });
    m_jobs->start(job);
    return true;
}

void WorkbenchWindow::showRun()
{
    const bool have = m_run != nullptr;
    m_tabs->setEnabled(have);
    m_report->setEnabled(have);
    m_table->clear();
    m_table->setRowCount(0);
    m_runBox->blockSignals(true);
    m_runBox->clear();
    m_runBox->blockSignals(false);
    if (!have) {
        updateChart();
        updateQueries();
        return;
    }
    const QLocale locale;
    m_table->setColumnCount(static_cast<int>(m_run->columns.size()) + 1);
    m_table->setHorizontalHeaderLabels(
        QStringList{m_run->kind == Kind::PatternCom ? tr("mAP (%) of each run", "the table's first column")
                                                    : tr("Run", "the table's first column: one run of the benchmark")} +
        m_run->columns);
    m_table->setRowCount(static_cast<int>(m_run->runs.size()));
    for (int r = 0; r < static_cast<int>(m_run->runs.size()); ++r) {
        const auto& run = m_run->runs[static_cast<std::size_t>(r)];
        auto* name = new QTableWidgetItem(run.label);
        if (run.key == m_run->bestRun || run.key == m_run->bestBasic) {
            QFont bold = name->font();
            bold.setBold(true);
            name->setFont(bold);
            name->setToolTip(run.key == m_run->bestBasic ? tr("BASIC's best Harris \u03bb in this run")
                                                         : tr("The best \u03bb of this run"));
        }
        m_table->setItem(r, 0, name);
        for (int c = 0; c < static_cast<int>(run.values.size()); ++c) {
            auto* cell = new QTableWidgetItem(locale.toString(run.values[static_cast<std::size_t>(c)], 'f', 2));
            cell->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
            cell->setFont(name->font());
            m_table->setItem(r, c + 1, cell);
        }
    }
    m_table->resizeColumnsToContents();
    m_sweepBox->blockSignals(true);
    m_sweepBox->clear();
    for (const auto& sweep : m_run->sweeps)
        m_sweepBox->addItem(benchmark::runLabel(sweep.method, QString()).section(QLatin1Char(','), 0, 0));
    m_sweepBox->blockSignals(false);
    m_paper->setEnabled(m_run->kind == Kind::PatternCom);
    m_paper->setChecked(m_run->kind == Kind::PatternCom && m_run->remoteClip);
    m_runBox->blockSignals(true);
    int best = 0;
    for (const auto& run : m_run->runs) {
        if (!m_run->outcomes.count(run.key))
            continue;
        if (run.key == m_run->bestRun)
            best = m_runBox->count();
        m_runBox->addItem(run.label, run.key);
    }
    m_runBox->setCurrentIndex(best);
    m_runBox->blockSignals(false);
    updateChart();
    updateQueries();
}


void WorkbenchWindow::updateQueries()
{
    m_queryModel->setRun(m_run, m_runBox->currentData().toString());
    if (!m_run)
        return;
    m_queries->sortByColumn(static_cast<int>(m_run->queryColumns.size()), Qt::AscendingOrder); // worst first
    m_queries->resizeColumnsToContents(); // from the first rows only (the header's precision)
}

void WorkbenchWindow::chooseQuery(int row)
{
    if (!m_run || row < 0 || row >= m_proxy->rowCount())
        return;
    const auto source = m_proxy->mapToSource(m_proxy->index(row, 0));
    const auto index = source.data(QueryTableModel::QueryRole).toULongLong();
    if (index >= m_run->queries.size())
        return;
    const auto& q = m_run->queries[index];
    const QString key = m_runBox->currentData().toString();
    BenchmarkQuery query;
    query.generation = m_run->generation;
    query.queryItem = q.item;
    query.text = q.text;
    query.positives = q.positives;
    query.description = q.description;
    for (const auto& run : m_run->runs)
        if (run.key == key) {
            query.method = run.method;
            query.lambda = run.lambda;
        }
    emit queryChosen(query);
}


bool WorkbenchWindow::saveReport(const QString& path)
{
    if (!m_run)
        return false;
    const auto run = m_run;
    const bool paper = m_paper->isChecked();
    const std::string title =
        (run->kind == Kind::PatternCom ? std::string("PatternCom") : QFileInfo(m_dataset->text()).fileName().toStdString()) +
        " \u2014 " + run->modelName.toStdString();
    auto* job = new FunctionJob(tr("Writing the report"), [run, paper, title, path](Progress&) {
        const BenchmarkReport report = run->kind == Kind::PatternCom
                                           ? patternComReport(*run->patternCom, *run->patternComData, title, paper)
                                           : cirReport(run->cirJson, *run->cirData, run->imagesDir, title);
        writeBenchmarkReport(path.toStdString(), report);
    });
    connect(job, &Job::finished, this, [this, path] {
        setMessage(tr("Wrote %1.").arg(path));
        emit reportWritten(path);
    });
    connect(job, &Job::failed, this, [this](const QString& message) { setMessage(message, true); });
    m_jobs->start(job);
    return true;
}

void WorkbenchWindow::chooseReportFile()
{
    const QString path = QFileDialog::getSaveFileName(this, tr("Save Report"), QStringLiteral("benchmark.html"),
                                                      tr("Web page (*.html)"));
    if (!path.isEmpty())
        saveReport(path);
}

} // namespace rscir::ui
