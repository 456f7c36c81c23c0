// The window's long work: opening indexes, loading and choosing models, indexing runs, the workbench and its benchmark queries.
#include "ui/shell/main_window.h"
#include "ui/common/background.h"
#include "ui/shell/main_window_parts.h"

#include "ui/archive/archive_service.h"
#include "ui/models/encoder_backend.h"
#include "ui/models/encoder_service.h"
#include "ui/common/errors.h"
#include "ui/archive/catalogue_dialog.h"
#include "ui/archive/index_job.h"
#include "ui/archive/index_options_dialog.h"
#include "ui/search/item_models.h"
#include "ui/jobs/jobs.h"
#include "ui/jobs/jobs_panel.h"
#include "ui/map/map_dock.h"
#include "ui/map/map_view.h"
#include "ui/shell/message_bar.h"
#include "ui/models/models_dialog.h"
#include "ui/search/query_panel.h"
#include "ui/search/search_session.h"
#include "ui/search/sweep_dialog.h"
#include "ui/search/thumbnail_cache.h"
#include "ui/search/thumbnail_delegate.h"
#include "ui/search/viewer_dialog.h"

#include "core/base/error.h"
#include "core/base/progress.h"
#include "core/models/model_source.h"
#include "core/imagery/raster.h"
#include "core/index/result_export.h"
#include "core/index/stac.h"
#include "core/search/query_file.h"
#include "core/models/catalogue.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QCloseEvent>
#include <QComboBox>
#include <QDateTime>
#include <QDir>
#include <QFutureWatcher>
#include <QLocale>
#include <QTimer>
#include <QElapsedTimer>
#include <QDockWidget>
#include <QFileDialog>
#include <QUrl>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QImageReader>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QScrollArea>
#include <QScrollBar>
#include <QSettings>
#include <QSignalBlocker>
#include <QSpinBox>
#include <QStackedWidget>
#include <QStandardPaths>
#include <QStatusBar>
#include <QToolBar>
#include <QVBoxLayout>

#include <fstream>

namespace rscir::ui {

using namespace window;

void MainWindow::openIndex(const QString& path)
{
    m_session->openIndex(path);
    updateStatus();
}

void MainWindow::loadModel(const QString& model, const QString& activation, const QString& vocabulary)
{
    if (m_modelJob)
        m_modelJob->cancel(); // the newest choice wins
    const AppSettings settings = m_settings;
    m_modelLoading = QFileInfo(model).fileName();
    updateStatus();
    updateWorkspace();
    // No activation: the model's own settings say (model.json, a SigLIP configuration or
    // layout), as on the command line without --activation.
    log(activation.isEmpty() ? tr("Loading model %1...").arg(model) : tr("Loading model %1 (%2)...").arg(model, activation));
    QSettings().setValue(QStringLiteral("model/path"), model);
    QSettings().setValue(QStringLiteral("model/activation"), activation);
    auto result = std::make_shared<std::shared_ptr<EncoderBackend>>();
    auto* job = new FunctionJob(tr("Loading model %1").arg(m_modelLoading), [=](Progress& progress) {
        ClipOptions options;
        options.device = parseDevice(settings.device.toStdString());
        options.threads = settings.threads;
        options.batchSize = settings.batchSize;
        std::optional<std::filesystem::path> vocab;
        if (!vocabulary.isEmpty())
            vocab = vocabulary.toStdString();
        std::optional<Activation> given;
        if (!activation.isEmpty())
            given = parseActivation(activation.toStdString());
        const ModelSource source = resolveModel(model.toStdString(), given, vocab);
        *result = loadClipBackend(source, options, &progress);
    });
    m_modelJob = job;
    connect(job, &Job::progressChanged, this, [this, job](qint64 done, qint64 total) {
        if (job == m_modelJob && total > 0)
            m_modelStatus->setText(tr("Loading model %1... %2%").arg(m_modelLoading).arg(100 * done / total));
    });
    connect(job, &Job::finished, this, [this, job, result] {
        if (job == m_modelJob)
            applyModel(*result);
    });
    connect(job, &Job::failed, this, [this, job](const QString& text) {
        if (job != m_modelJob)
            return;
        m_jobError = tr("The model could not be loaded: %1").arg(inUserLanguage(text));
        showError(m_jobError);
    });
    connect(job, &Job::ended, this, [this, job] {
        if (job != m_modelJob)
            return;
        m_modelJob = nullptr;
        m_modelLoading.clear();
        updateStatus();
        updateWorkspace();
    });
    m_jobs->start(job);
}

bool MainWindow::isModelLoading() const
{
    return !m_modelJob.isNull();
}

QString MainWindow::takeJobError()
{
    return std::exchange(m_jobError, QString());
}

void MainWindow::applyModel(std::shared_ptr<EncoderBackend> backend)
{
    if (!backend)
        return;
    m_session->setBackend(backend);
    const double modelDefault = backend->defaultLambda().value_or(kDefaultLambda);
    if (!m_lambdaChosen && m_session->method() == Method::Basic) {
        // A model's lambda is WeiCom's and Slerp's: kept for them while the slider is BASIC's.
        m_session->setLambdaOf(Method::WeiCom, modelDefault);
    } else if (!m_lambdaChosen) {
        const bool changed = std::lround(m_query->lambda() * 100) != std::lround(modelDefault * 100);
        m_applyingDefault = true;
        m_query->setLambda(modelDefault);
        m_applyingDefault = false;
        const QString line =
            tr("\u03bb is %1, the default of %2.").arg(QLocale().toString(modelDefault, 'f', 2), backend->modelName());
        log(line);
        if (changed) {
            m_lambdaBanner = line + QLatin1Char(' ') + tr("Move the slider to choose your own; it then stays.");
            m_message->showMessage(m_lambdaBanner, MessageBar::Level::Info);
        }
    }
    log(tr("Model %1 loaded on %2.").arg(backend->modelName(), backend->deviceName()));
    m_modelLoading.clear();
    updateModelBox();
    updateStatus();
    updateWorkspace();
}

void MainWindow::chooseLambda(double lambda)
{
    m_lambdaChosen = true;
    m_query->setLambda(lambda);
    dropLambdaBanner();
}

void MainWindow::dropLambdaBanner()
{
    // The default's banner is history once the user has chosen.
    m_message->dismiss(std::exchange(m_lambdaBanner, QString()));
}

void MainWindow::setBackend(std::shared_ptr<EncoderBackend> backend)
{
    applyModel(std::move(backend));
}

void MainWindow::startIndexing(const QString& folder, const QString& indexPath,
                              const std::optional<ArchiveSettings>& settings, const QString& catalogue,
                              const QString& asset, const QString& bands)
{
    if (m_job) {
        showError(tr("An indexing job is already running. Wait for it or cancel it first."));
        return;
    }
    const auto backend = m_encoder->backend();
    if (!backend) {
        showError(tr("Load a model before indexing: File > Models."));
        return;
    }
    IndexOptions options;
    options.batchSize = m_settings.batchSize;
    // The storage is chosen when an index is made; an existing one keeps its own.
    if (!QFileInfo::exists(indexPath))
        options.storage = m_settings.storage == QLatin1String("fp32") ? ElementType::Float32 : ElementType::Float16;
    if (settings)
        options.settings = *settings;
    if (const auto info = m_session->archive(); info && info->path == QFileInfo(indexPath).absoluteFilePath())
        if (info->settings)
            options.settings = *info->settings;
    auto* job = new IndexJob(QFileInfo(indexPath).absoluteFilePath(), folder, options, backend, m_settings.fastIndexing);
    if (!catalogue.isEmpty())
        job->setCatalogue(catalogue, asset, bands);
    job->setObjectName(QStringLiteral("IndexJob")); // the running one; an ended job waits to be deleted
    m_job = job;
    log(tr("Indexing %1 into %2.")
            .arg(catalogue.isEmpty() ? folder : QString::fromStdString(withoutQuery(catalogue.toStdString())), indexPath));
    connect(job, &Job::logLine, this, [this](const QString& line) { log(line); });
    connect(job, &Job::finished, this, [this, job] { onIndexingFinished(job->report(), job->indexPath()); });
    connect(job, &Job::cancelled, this, [this, job] {
        log(tr("Indexing cancelled; the files done so far are kept and a new run continues from there."));
        m_message->showMessage(tr("Indexing was cancelled. What was indexed is kept; index the folder again to "
                                  "continue."),
                               MessageBar::Level::Info);
        // The partial index is opened, and says that it is incomplete.
        openIndex(job->indexPath());
    });
    connect(job, &Job::failed, this, [this](const QString& text) {
        m_jobError = tr("Indexing stopped: %1").arg(inUserLanguage(text));
        showError(m_jobError);
    });
    connect(job, &Job::ended, this, [this, job] {
        job->setObjectName(QString());
        emit indexingFinished();
    });
    m_jobs->start(job);
}

void MainWindow::onIndexingFinished(const IndexReport& report, const QString& indexPath)
{
    log(tr("Indexing done: %1 files, %2 added, %3 changed, %4 removed, %5 could not be read; %6 items encoded in %7 s.")
            .arg(report.files)
            .arg(report.added)
            .arg(report.changed)
            .arg(report.removed)
            .arg(report.failed)
            .arg(report.items)
            .arg(QLocale().toString(report.seconds, 'f', 1)));
    if (report.missingBands > 0 && report.missingBands == report.failed)
        m_message->showMessage(tr("%n file(s) were skipped: they lack a band that the chosen bands name (a 3-band "
                                  "file has no band 4). The Log lists them; index them with the automatic bands into "
                                  "another index.",
                                  nullptr, static_cast<int>(report.missingBands)),
                               MessageBar::Level::Warning);
    else if (report.failed > 0)
        m_message->showMessage(
            report.missingBands > 0
                ? tr("%n file(s) could not be read; the Log lists them with the reasons (%1 of them lack a band that "
                     "the chosen bands name).",
                     nullptr, static_cast<int>(report.failed))
                      .arg(report.missingBands)
                : tr("%n file(s) could not be read; the Log lists them with the reasons.", nullptr,
                     static_cast<int>(report.failed)),
            MessageBar::Level::Warning);
    // The index changed: open it again (a new generation; the query is scored again).
    openIndex(indexPath);
}

void MainWindow::cancelIndexing()
{
    if (m_job)
        m_job->cancel();
}

void MainWindow::chooseIndex()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Open an Archive Index"), QString(),
                                                      tr("rscir indexes (*.rscir);;All files (*)"));
    if (!path.isEmpty())
        openIndex(path);
}

void MainWindow::chooseFolderToIndex()
{
    const QString folder = QFileDialog::getExistingDirectory(this, tr("Choose a Folder of Imagery to Index"));
    if (folder.isEmpty())
        return;
    const auto info = m_session->archive();
    QString suggestion = info && QFileInfo(info->root).canonicalFilePath() == QFileInfo(folder).canonicalFilePath()
                             ? info->path
                             : folder + QStringLiteral(".rscir");
    // Beside the archive unless that is a read-only share: then the user's data folder.
    if (!QFileInfo(QFileInfo(suggestion).absolutePath()).isWritable()) {
        const QString data = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + QStringLiteral("/indexes");
        QDir().mkpath(data);
        suggestion = data + QLatin1Char('/') + QFileInfo(folder).fileName() + QStringLiteral(".rscir");
    }
    const QString index = QFileDialog::getSaveFileName(
        this, tr("Index File"), suggestion, tr("rscir indexes (*.rscir)"), nullptr, QFileDialog::DontConfirmOverwrite);
    if (index.isEmpty())
        return;
    // The options of the run: those of the index when it exists, else the folder's last ones.
    std::optional<ArchiveSettings> existing;
    if (QFileInfo::exists(index))
        guarded([&] { existing = IndexStore::open(index.toStdString(), false, true)->settings(); },
                [](const QString&) {});
    IndexOptionsDialog options(folder, existing, this);
    if (options.exec() != QDialog::Accepted || !options.settings())
        return;
    options.remember();
    startIndexing(folder, index, options.settings());
}

void MainWindow::resumeIndexing()
{
    const auto info = m_session->archive();
    if (!info)
        return;
    // An index of a catalogue goes on from its catalogue, never from a scan of its folder.
    startIndexing(info->root, info->path, info->settings, info->catalogue, info->catalogueAsset, info->catalogueBands);
}

void MainWindow::chooseCatalogueToIndex()
{
    CatalogueDialog dialog(this);
    dialog.setSource(QSettings().value(QStringLiteral("index/lastCatalogue")).toString());
    if (dialog.exec() != QDialog::Accepted || !dialog.problem().isEmpty())
        return;
    const QString source = dialog.source();
    const bool remote = source.contains(QLatin1String("://"));
    QSettings().setValue(QStringLiteral("index/lastCatalogue"),
                         QString::fromStdString(addressWithoutSecrets(source.toStdString()))); // never a token
    // Beside a local catalogue; a server's in the user's data folder, named after its host.
    QString suggestion = remote ? QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) +
                                      QStringLiteral("/indexes/") + QUrl(source).host() + QStringLiteral(".rscir")
                                : QFileInfo(source).absolutePath() + QStringLiteral(".rscir");
    QDir().mkpath(QFileInfo(suggestion).absolutePath());
    const QString index = QFileDialog::getSaveFileName(
        this, tr("Index File"), suggestion, tr("rscir indexes (*.rscir)"), nullptr, QFileDialog::DontConfirmOverwrite);
    if (index.isEmpty())
        return;
    // An existing index keeps its own options: the job reads them (and refuses a catalogue
    // other than its own), not this thread.
    startIndexing(QString(), index, std::nullopt, source, dialog.asset(), dialog.bands());
}

void MainWindow::chooseModel()
{
    const QString model = QFileDialog::getOpenFileName(
        this, tr("Load a Model"), QString(), tr("Checkpoints (*.safetensors *.pt *.bin *.pth);;All files (*)"));
    if (model.isEmpty())
        return;
    // A SigLIP model's published configuration beside it may say the activation: read off
    // the GUI thread, then asked only where it says nothing. A damaged configuration loads
    // as it is, and the loading job says what is wrong with it.
    auto* watcher = new QFutureWatcher<bool>(this);
    connect(watcher, &QFutureWatcher<bool>::finished, this, [this, watcher, model] {
        watcher->deleteLater();
        if (watcher->result())
            return loadModel(model, QString());
        askActivationAndLoad(model);
    });
    watcher->setFuture(background::run([folder = QFileInfo(model).dir().absolutePath().toStdString()] {
        try {
            return readModelConfiguration(folder).activation.has_value();
        } catch (const Error&) {
            return true;
        }
    }));
}

void MainWindow::askActivationAndLoad(const QString& model)
{
    const QStringList choices = {tr("GELU (open_clip; how the paper's numbers were computed)"),
                                 tr("QuickGELU (correct for OpenAI's original weights)"),
                                 tr("As the checkpoint says (SigLIP models; GELU for CLIP)")};
    const QStringList values = {QStringLiteral("gelu"), QStringLiteral("quickgelu"), QString()};
    bool ok = false;
    const QString choice = QInputDialog::getItem(this,
                                                 tr("Activation", "the activation function of a model: GELU or QuickGELU"),
                                                 tr("The activation cannot be read from the weights. Which one was "
                                                    "this model trained with?"),
                                                 choices, 0, false, &ok);
    if (ok)
        loadModel(model, values[static_cast<int>(choices.indexOf(choice))]);
}

void MainWindow::showModels()
{
    auto* dialog = new ModelsDialog(m_jobs, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &ModelsDialog::modelChosen, this,
            [this](const QString& model, const QString& activation) { loadModel(model, activation); });
    connect(dialog, &ModelsDialog::modelsChanged, this, &MainWindow::updateModelBox);
    dialog->open();
}

void MainWindow::showPreferences()
{
    SettingsDialog dialog(m_settings, this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    m_settings = dialog.settings();
    m_settings.save();
    for (QListView* view : {m_resultsView})
        if (auto* delegate = qobject_cast<ThumbnailDelegate*>(view->itemDelegate())) {
            delegate->setThumbnailSize(m_settings.thumbnailSize);
            view->reset();
        }
}

WorkbenchWindow* MainWindow::showWorkbench(WorkbenchWindow::Kind kind)
{
    if (!m_workbench) {
        m_workbench = new WorkbenchWindow(m_session, m_jobs, this);
        connect(m_workbench, &WorkbenchWindow::queryChosen, this, &MainWindow::showBenchmarkQuery);
    }
    m_workbench->setKind(kind);
    m_workbench->show();
    m_workbench->raise();
    return m_workbench;
}

bool MainWindow::showBenchmarkQuery(const BenchmarkQuery& benchmark)
{
    const auto info = m_session->archive();
    if (!info || info->generation != benchmark.generation) {
        showError(tr("The open index changed since the benchmark ran; run it again to choose its queries."));
        return false;
    }
    const auto image = m_session->itemTerm(benchmark.queryItem);
    if (!image) {
        showError(tr("The benchmark's query image is not in the open index."));
        return false;
    }
    Query query;
    query.terms.push_back(*image);
    if (!benchmark.text.trimmed().isEmpty())
        query.terms.push_back(QueryTerm::ofText(benchmark.text.trimmed().toStdString()));
    clearBenchmark();
    // The panel shows the method and its slider's range before the lambda is set.
    QComboBox* box = m_query->methodBox();
    box->setCurrentIndex(box->findData(static_cast<int>(benchmark.method)));
    m_session->setMethod(benchmark.method);
    if (benchmark.method == Method::WeiCom || benchmark.method == Method::Slerp || benchmark.method == Method::Basic)
        chooseLambda(benchmark.lambda);
    m_session->setQuery(query);
    m_query->textBox()->setEditText(benchmark.text.trimmed());
    m_benchmark = benchmark;
    m_benchmarkTerms = m_session->query();
    if (m_session->isCurrent())
        m_results->setPositives(benchmark.positives);
    m_benchmarkMessage = tr("Benchmark query %1: its positives are marked \u2713, the other results \u2717.")
                             .arg(benchmark.description);
    m_message->showMessage(m_benchmarkMessage, MessageBar::Level::Info);
    updateStatus();
    raise();
    activateWindow();
    return true;
}

void MainWindow::clearBenchmark()
{
    if (!m_benchmark)
        return;
    m_benchmark.reset();
    m_results->setPositives(std::nullopt);
    // The banner about the marks goes with them (another message stays).
    if (m_message->isVisible() && m_message->text() == m_benchmarkMessage)
        m_message->hide();
    for (const auto& viewer : m_viewers)
        if (viewer)
            viewer->clearBenchmarkVerdict();
    m_viewers.erase(std::remove(m_viewers.begin(), m_viewers.end(), nullptr), m_viewers.end());
    updateStatus();
}

} // namespace rscir::ui
