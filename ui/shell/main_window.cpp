#include "ui/shell/main_window.h"
#include "ui/shell/main_window_parts.h"

#include "ui/archive/archive_service.h"
#include "ui/models/encoder_backend.h"
#include "ui/models/encoder_service.h"
#include "ui/common/errors.h"
#include "ui/common/background.h"
#include "ui/common/raster_image.h"
#include "ui/archive/index_job.h"
#include "ui/archive/index_options_dialog.h"
#include "ui/search/item_models.h"
#include "ui/search/label_service.h"
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
#include <QLocale>
#include <QTimer>
#include <QElapsedTimer>
#include <QDockWidget>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QFutureWatcher>
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

namespace window {

QListView* makeGrid(QWidget* parent, int thumbnailSize, const QString& name)
{
    auto* view = new QListView(parent);
    view->setViewMode(QListView::IconMode);
    view->setResizeMode(QListView::Adjust);
    view->setMovement(QListView::Static);
    view->setUniformItemSizes(true);
    view->setLayoutMode(QListView::Batched);
    view->setBatchSize(200);
    view->setSpacing(2);
    view->setSelectionMode(QAbstractItemView::SingleSelection);
    view->setDragEnabled(true);
    view->setDragDropMode(QAbstractItemView::DragOnly);
    view->setMouseTracking(true);
    view->setContextMenuPolicy(Qt::CustomContextMenu);
    view->setItemDelegate(new ThumbnailDelegate(thumbnailSize, view));
    view->setAccessibleName(name);
    return view;
}

/// File dialog patterns from the one list of image extensions.
QString imagePatterns()
{
    QStringList patterns;
    for (const auto& extension : imageExtensions())
        patterns << QStringLiteral("*") + QString::fromStdString(extension);
    return patterns.join(QLatin1Char(' '));
}

QIcon icon(const char* name)
{
    return QIcon(QStringLiteral(":/icons/%1.svg").arg(QLatin1String(name)));
}

} // namespace window

using namespace window;

MainWindow::MainWindow(QWidget* parent) : QMainWindow(parent), m_settings(AppSettings::load())
{
    setWindowTitle(tr("rscir"));
    setWindowIcon(icon("rscir"));
    setObjectName(QStringLiteral("MainWindow"));
    m_jobs = new JobManager(this);
    m_archiveService = new ArchiveService(this);
    m_encoder = new EncoderService(this);
    m_session = new SearchSession(m_archiveService, m_encoder, this);
    m_session->setJobs(m_jobs);
    m_thumbnails = new ThumbnailCache(this);
    m_archive = new ArchiveItemModel(m_archiveService, m_thumbnails, this);
    m_results = new ResultsModel(m_thumbnails, this);

    createCentral();
    createDocks();
    createLabelsDock();
    createActions();
    updateModelBox(); // the installed models, before any is loaded
    createStatusBar();
    connectSession();
    connectQueryPanel();
    connectMap();
    m_session->setLambda(m_query->lambda());
    m_session->setAvoid(m_query->avoid());
    m_session->setTopK(m_query->resultCount()->value());

    for (QListView* view : {m_resultsView, m_archiveView}) {
        connect(view, &QListView::doubleClicked, this,
                [this](const QModelIndex& index) { openViewer(index.data(ItemIdRole).toLongLong()); });
        connect(view, &QListView::customContextMenuRequested, this,
                [this, view](const QPoint& position) { showItemMenu(view, position); });
    }

    resize(1280, 800);
    restoreGeometry(QSettings().value(QStringLiteral("window/geometry")).toByteArray());
    restoreState(QSettings().value(QStringLiteral("window/state")).toByteArray());
    updateStatus();
    updateWorkspace();
}

MainWindow::~MainWindow()
{
    // Every job stops at its next check (a model load between two tensors, indexing
    // after its batch); the window does not wait for more than a few seconds. A job that
    // is still running then (a read stuck on a network share) ends with the process:
    // what jobs write is safe against that (an indexing batch commits whole or not at all).
    // The background pool's tasks (a viewer read, a GIS file) are short reads; they share
    // the same bound.
    QElapsedTimer waited;
    waited.start();
    m_thumbnails->stop(); // what waits to be loaded is not waited for
    const bool jobsStopped = m_jobs->shutdown(kShutdownWaitMs);
    const int left = std::max(0, kShutdownWaitMs - static_cast<int>(waited.elapsed()));
    if (!jobsStopped || !background::waitForDone(left)) {
        qWarning("rscir: work in the background did not stop within %d ms of being cancelled; the program ends without it",
                 kShutdownWaitMs);
        std::fflush(nullptr);
        std::_Exit(EXIT_FAILURE);
    }
    // Children emit while they are destroyed (focus changes); this half-destroyed window
    // must not receive those signals.
    m_query->blockSignals(true);
    m_session->disconnect(this);
    m_encoder->disconnect(this);
}

void MainWindow::restoreSession(bool restoreModel, bool restoreIndex)
{
    QSettings settings;
    const QString model = settings.value(QStringLiteral("model/path")).toString();
    if (restoreModel && !model.isEmpty() && QFileInfo::exists(model)) {
        loadModel(model, settings.value(QStringLiteral("model/activation"), QStringLiteral("gelu")).toString());
    } else if (restoreModel && !model.isEmpty()) {
        // The model last used is gone: say so, and let the user choose; another model
        // would rank with other embeddings than the index was made with.
        showError(tr("The model last used, %1, is missing (%2 was removed or moved). Choose a model in the "
                     "Models dialog.")
                      .arg(QFileInfo(model).fileName(), QDir::toNativeSeparators(model)));
        showModels();
    } else if (restoreModel) {
        const auto installed = installedModels();
        if (!installed.empty())
            loadModel(QString::fromStdString(installed.front().folder.string()),
                      QString::fromStdString(installed.front().activation));
        else
            showModels();
    }
    const QString index = settings.value(QStringLiteral("archive/lastIndex")).toString();
    if (restoreIndex && !index.isEmpty() && QFileInfo::exists(index))
        openIndex(index);
}

void MainWindow::updateWorkspace()
{
    const bool haveModel = m_encoder->backend() != nullptr;
    const bool haveIndex = m_session->archive() != nullptr;
    if (haveModel && haveIndex) {
        m_stack->setCurrentIndex(1);
        return;
    }
    QString text = tr("<h2>Welcome to rscir</h2>"
                      "<p>Search an archive of aerial and satellite imagery with an example image and a text: "
                      "<i>this pool, but oval</i>. Drag &lambda; to move between <i>like the image</i> and "
                      "<i>like the text</i>.</p>");
    if (!m_modelLoading.isEmpty())
        text += tr("<p><b>Loading the model %1...</b></p>").arg(m_modelLoading.toHtmlEscaped());
    else if (!haveModel)
        text += tr("<p><b>1.</b> <a href=\"models\">Install or import a model</a> (RemoteCLIP or OpenAI CLIP), "
                   "or <a href=\"model\">load a checkpoint file</a> with its tokenizer vocabulary beside it.</p>");
    else
        text += tr("<p>Model %1 is ready.</p>").arg(m_encoder->backend()->modelName().toHtmlEscaped());
    if (!haveIndex)
        text += tr("<p><b>2.</b> <a href=\"folder\">Index a folder of imagery</a> or "
                   "<a href=\"index\">open an existing index</a>.</p>");
    else
        text += tr("<p>Archive %1 is open.</p>").arg(m_session->indexPath().toHtmlEscaped());
    m_welcome->setText(text);
    m_stack->setCurrentIndex(0);
}

QString MainWindow::basicResultsLine() const
{
    // Harris's rule gives many items exactly 0 (or less): say where the list stops meaning much.
    const auto& hits = m_session->hits();
    const int positive =
        static_cast<int>(std::count_if(hits.begin(), hits.end(), [](const Hit& h) { return h.score > 0; }));
    return m_session->basicDescription().toHtmlEscaped() + QStringLiteral("; ") +
           tr("%n of them score above 0", nullptr, positive);
}

void MainWindow::updateStatus()
{
    if (const auto backend = m_encoder->backend())
        m_modelStatus->setText(tr("Model: %1 on %2").arg(backend->modelName(), backend->deviceName()));
    else if (!m_modelLoading.isEmpty())
        m_modelStatus->setText(tr("Loading model %1...").arg(m_modelLoading));
    else
        m_modelStatus->setText(tr("No model"));
    // Counts come from the archive snapshot and the archive model's cached count: no
    // query of the index here, however often this runs.
    if (const auto info = m_session->archive()) {
        const QLocale locale;
        m_itemsStatus->setText(tr("%Ln item(s) in the index", nullptr, static_cast<int>(info->items)));
        const QString total =
            m_archive->totalCount() < 0 ? tr("counting...") : locale.toString(qlonglong(m_archive->totalCount()));
        m_archiveStats->setText(tr("Items shown: %1 of %2; searchable with this model: %3")
                                    .arg(locale.toString(m_archive->rowCount()), total,
                                         locale.toString(qulonglong(m_session->searchableItems()))));
    } else {
        m_itemsStatus->clear();
        m_archiveStats->clear();
    }
    if (m_session->hasQuery()) {
        m_queryStatus->setText(tr("Query %1 ms, re-rank %2 ms")
                                   .arg(QLocale().toString(m_session->lastQueryMilliseconds(), 'f', 1))
                                   .arg(QLocale().toString(m_session->lastRerankMilliseconds(), 'f', 2)));
        m_resultsTitle->setText(tr("%n result(s) %1", nullptr, m_results->rowCount()).arg(queryInWords(true)));
        if (m_session->method() == Method::Basic && !m_session->basicDescription().isEmpty())
            m_resultsTitle->setText(m_resultsTitle->text() + QStringLiteral("<br>") + basicResultsLine());
        if (m_session->listsOnePerPlace() && m_session->isCurrent())
            m_resultsTitle->setText(
                m_resultsTitle->text() + QStringLiteral(" \u2014 ") +
                (m_session->foldedCount() == 0
                     ? tr("one per place")
                     : tr("one per place; %n more at their places folded under them", nullptr,
                          static_cast<int>(m_session->foldedCount()))));
        if (m_benchmark && m_results->hasPositives()) {
            std::size_t reachable = m_benchmark->positives.size();
            if (!m_session->showsQuery() &&
                std::binary_search(m_benchmark->positives.begin(), m_benchmark->positives.end(), m_benchmark->queryItem))
                --reachable; // the query's own item is left out of the results
            m_resultsTitle->setText(m_resultsTitle->text() + QStringLiteral("<br>") +
                                    tr("Benchmark query %1: positives found: %2 of %3")
                                        .arg(m_benchmark->description.toHtmlEscaped())
                                        .arg(QLocale().toString(m_results->positivesShown()))
                                        .arg(QLocale().toString(qulonglong(reachable))));
        }
        if (!m_session->isCurrent())
            m_resultsTitle->setText(tr("Updating... %1").arg(m_resultsTitle->text()));
    } else if (!m_session->isCurrent() && m_session->archive()) {
        m_queryStatus->clear();
        m_resultsTitle->setText(tr("Updating..."));
    } else if (m_session->method() == Method::Basic && m_session->matrix() &&
               std::any_of(m_session->query().terms.begin(), m_session->query().terms.end(),
                           [](const QueryTerm& t) { return !t.avoided; })) {
        m_queryStatus->clear();
        m_resultsTitle->setText(tr("BASIC has no ranking of this query: the message above says why. Change its "
                                   "settings, or choose another method."));
    } else {
        m_queryStatus->clear();
        m_resultsTitle->setText(tr("Choose a query image (drop a file, drag a thumbnail, or Open Image) and type "
                                   "what should change."));
    }
    const bool haveResults = m_results->rowCount() > 0;
    if (m_undoQuery)
        m_undoQuery->setEnabled(m_session->canUndo());
    if (m_saveQuery)
        m_saveQuery->setEnabled(!m_session->query().empty());
    // Refining needs a ranking to refine: a query is started with Use as Query or a drop.
    for (QAction* action : {m_moreLike, m_lessLike})
        if (action)
            action->setEnabled(haveResults);
    if (m_sweep)
        m_sweep->setEnabled(haveResults);
    if (m_export)
        m_export->setEnabled(haveResults);
    if (m_exportChips)
        m_exportChips->setEnabled(haveResults);
}

void MainWindow::updateRecentArchives()
{
    const QSignalBlocker block(m_recent);
    m_recent->clear();
    for (const QString& path : QSettings().value(QStringLiteral("archive/recent")).toStringList())
        if (QFileInfo::exists(path)) {
            // The folder too: two archives' indexes are often both called "index.rscir".
            const QFileInfo file(path);
            m_recent->addItem(tr("%1 \u2014 %2", "an index file and its folder")
                                  .arg(file.fileName(), QDir::toNativeSeparators(file.absolutePath())),
                              path);
            m_recent->setItemData(m_recent->count() - 1, path, Qt::ToolTipRole);
        }
    m_recent->setCurrentIndex(m_recent->findData(QFileInfo(m_session->indexPath()).absoluteFilePath()));
}

void MainWindow::updateModelBox()
{
    QComboBox* box = m_query->modelBox();
    const QSignalBlocker block(box);
    box->clear();
    for (const auto& model : installedModels()) {
        box->addItem(QString::fromStdString(model.name), QString::fromStdString(model.folder.string()));
        box->setItemData(box->count() - 1, QString::fromStdString(model.activation), Qt::UserRole + 1);
    }
    const QSettings settings;
    const QString current = settings.value(QStringLiteral("model/path")).toString();
    int index = box->findData(current);
    if (index < 0 && m_encoder->backend()) {
        box->insertItem(0, m_encoder->backend()->modelName(), current);
        box->setItemData(0, settings.value(QStringLiteral("model/activation")).toString(), Qt::UserRole + 1);
        index = 0;
    }
    box->setCurrentIndex(index);
}

void MainWindow::updateQueryWell()
{
    if (!m_session->hasImage() && m_session->queryImagePath().isEmpty() && !m_session->queryItem()) {
        m_query->imageWell()->clear();
        m_wellSource.clear();
        updateResolutions();
        updateStatus();
        return;
    }
    if (const auto item = m_session->queryItem()) {
        m_wellSource.clear();
        m_query->imageWell()->setImage(m_thumbnails->thumbnail(*item), m_session->queryImageLabel());
    } else {
        // Any raster GDAL reads (a GeoTIFF of 16-bit bands too), as the archive shows its
        // images, read off the GUI thread; shown if it is still the query's image then.
        const QString path = m_session->queryImagePath();
        const RasterOptions options = m_session->archive() && m_session->archive()->settings
                                          ? m_session->archive()->settings->rasterOptions()
                                          : RasterOptions{};
        // A query changed in its text or weights shows the same image: it is not read again.
        QString source = path;
        for (int band : options.bands)
            source += QLatin1Char(' ') + QString::number(band);
        source += QStringLiteral(" %1 %2")
                      .arg(static_cast<int>(options.stretch))
                      .arg(QFileInfo(path).lastModified().toMSecsSinceEpoch()); // a file written anew is read anew
        if (source == m_wellSource) {
            updateResolutions();
            updateStatus();
            return;
        }
        m_wellSource = source;
        m_query->imageWell()->setImage(QPixmap(), m_session->queryImageLabel()); // until it is read
        auto* watcher = new QFutureWatcher<QImage>(this);
        connect(watcher, &QFutureWatcher<QImage>::finished, this, [this, watcher, path] {
            watcher->deleteLater();
            if (m_session->queryItem() || m_session->queryImagePath() != path)
                return; // another image meanwhile
            const QImage image = watcher->result();
            if (image.isNull())
                m_query->imageWell()->setUnreadable(m_session->queryImageLabel());
            else
                m_query->imageWell()->setImage(QPixmap::fromImage(image), m_session->queryImageLabel());
        });
        watcher->setFuture(background::run([path, options] {
            try {
                return readRasterImage(path, Window{}, 360, options);
            } catch (const std::exception&) {
                return QImage(); // said in the well; encoding it says why
            }
        }));
    }
    updateResolutions();
    updateStatus();
}

void MainWindow::showError(const QString& text)
{
    // The message bar in the user's language, the log in the engine's own words.
    m_message->showMessage(inUserLanguage(text), MessageBar::Level::Error);
    log(text);
}

void MainWindow::log(const QString& line)
{
    m_log->appendPlainText(
        QStringLiteral("%1  %2").arg(QDateTime::currentDateTime().toString(QStringLiteral("HH:mm:ss")), line));
}

void MainWindow::markCurrent(bool avoided)
{
    QListView* view = m_archiveView->hasFocus() ? m_archiveView : m_resultsView;
    const QModelIndex index = view->currentIndex();
    if (!index.isValid()) {
        m_message->showMessage(tr("Select a result first, then mark it as more or less like what you want."),
                               MessageBar::Level::Info);
        return;
    }
    m_session->addItemTerm(index.data(ItemIdRole).toLongLong(), avoided);
}

void MainWindow::closeEvent(QCloseEvent* event)
{
    m_jobs->cancelAll();
    m_labels->flush(); // every label asked for is written
    QSettings().setValue(QStringLiteral("window/geometry"), saveGeometry());
    // Hidden only for the archive without footprints: the next session shows the map again.
    if (m_mapHiddenForArchive)
        m_mapDockWidget->show();
    QSettings().setValue(QStringLiteral("window/state"), saveState());
    QMainWindow::closeEvent(event);
}

void MainWindow::setOnePerPlace(std::optional<double> overlap)
{
    if (m_onePerPlace) {
        const QSignalBlocker block(m_onePerPlace);
        m_onePerPlace->setChecked(overlap.has_value());
    }
    if (overlap)
        m_lastOverlap = *overlap;
    m_session->setDistinct(overlap);
}

QString MainWindow::resultsTitle() const
{
    return m_resultsTitle->text();
}

} // namespace rscir::ui
