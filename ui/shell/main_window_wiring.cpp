// Wiring of the window: its parts to the search session, the query panel and the map, and what follows an archive or its footprints arriving.
#include "ui/shell/main_window.h"

#include <QCheckBox>
#include "ui/shell/main_window_parts.h"

#include "ui/archive/archive_service.h"
#include "ui/models/encoder_backend.h"
#include "ui/models/encoder_service.h"
#include "ui/common/errors.h"
#include "ui/archive/index_job.h"
#include "ui/archive/index_options_dialog.h"
#include "ui/search/filter_bar.h"
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

void MainWindow::createCentral()
{
    // A message bar, then either the welcome page or the results.
    auto* central = new QWidget(this);
    auto* centralLayout = new QVBoxLayout(central);
    centralLayout->setContentsMargins(4, 4, 4, 4);
    m_message = new MessageBar(central);
    centralLayout->addWidget(m_message);
    m_stack = new QStackedWidget(central);
    m_welcome = new QLabel(m_stack);
    m_welcome->setObjectName(QStringLiteral("Welcome"));
    m_welcome->setAlignment(Qt::AlignCenter);
    m_welcome->setWordWrap(true);
    m_welcome->setTextFormat(Qt::RichText);
    m_welcome->setOpenExternalLinks(false);
    m_welcome->setMargin(40);
    m_stack->addWidget(m_welcome);
    auto* resultsPage = new QWidget(m_stack);
    auto* resultsLayout = new QVBoxLayout(resultsPage);
    resultsLayout->setContentsMargins(0, 0, 0, 0);
    m_resultsTitle = new QLabel(resultsPage);
    m_resultsTitle->setWordWrap(true);
    resultsLayout->addWidget(m_resultsTitle);
    m_filterBar = new FilterBar(resultsPage);
    resultsLayout->addWidget(m_filterBar);
    m_resultsView = makeGrid(resultsPage, m_settings.thumbnailSize, tr("Results"));
    m_resultsView->setObjectName(QStringLiteral("ResultsView"));
    m_resultsView->setModel(m_results);
    resultsLayout->addWidget(m_resultsView, 1);
    m_stack->addWidget(resultsPage);
    centralLayout->addWidget(m_stack, 1);
    setCentralWidget(central);
    connect(m_welcome, &QLabel::linkActivated, this, [this](const QString& link) {
        if (link == QLatin1String("models"))
            showModels();
        else if (link == QLatin1String("model"))
            chooseModel();
        else if (link == QLatin1String("index"))
            chooseIndex();
        else if (link == QLatin1String("folder"))
            chooseFolderToIndex();
    });

}

void MainWindow::createStatusBar()
{
    m_modelStatus = new QLabel(tr("No model"), this);
    m_itemsStatus = new QLabel(this);
    m_queryStatus = new QLabel(this);
    statusBar()->addWidget(m_modelStatus, 1);
    statusBar()->addPermanentWidget(m_itemsStatus);
    statusBar()->addPermanentWidget(m_queryStatus);

}

void MainWindow::connectSession()
{
    connect(m_session, &SearchSession::resultsChanged, this, [this] {
        m_results->setHits(m_session->hits(), m_session->embeddings(), m_session->store(), &m_session->folded());
        // A benchmark query's marks appear with its own results, not on the previous ones.
        if (m_benchmark && !m_results->hasPositives() && m_session->isCurrent())
            m_results->setPositives(m_benchmark->positives);
        updateStatus();
    });
    connect(m_session, &SearchSession::queryChanged, this, &MainWindow::updateQueryWell);
    // A benchmark query's marks belong to that query on that index: any change ends them.
    connect(m_session, &SearchSession::queryChanged, this, [this] {
        if (m_benchmark && m_session->query() != m_benchmarkTerms)
            clearBenchmark();
    });
    connect(m_session, &SearchSession::archiveChanged, this, [this] {
        if (m_benchmark && (!m_session->archive() || m_session->archive()->generation != m_benchmark->generation))
            clearBenchmark();
    });
    connect(m_session, &SearchSession::embeddingsChanged, this, [this] {
        // What the embeddings cost, as the process and the page cache hold them.
        if (const auto* e = m_session->embeddings(); e && e != m_loggedEmbeddings) {
            const QLocale locale;
            log(tr("Embeddings: %1 items of %2 values (%3); %4 mapped from the store, %5 in the process's own "
                   "memory.")
                    .arg(locale.toString(qulonglong(e->size())))
                    .arg(e->dim())
                    .arg(QLatin1String(elementName(e->elementType())))
                    .arg(locale.formattedDataSize(qint64(e->mappedBytes()), 1, QLocale::DataSizeSIFormat),
                         locale.formattedDataSize(qint64(e->privateBytes()), 1, QLocale::DataSizeSIFormat)));
        }
        m_loggedEmbeddings = m_session->embeddings();
        updateStatus();
        updateWorkspace();
    });
    connect(m_session, &SearchSession::error, this, [this](const QString& text) { showError(text); });
    connect(m_session, &SearchSession::information, this, [this](const QString& text) {
        m_message->showMessage(text, MessageBar::Level::Info);
        log(text);
    });
    connect(m_session, &SearchSession::archiveChanged, this, &MainWindow::onArchiveChanged);
}

QString MainWindow::readOnlyInWords(int cause)
{
    switch (cause) {
    case 1: return tr("Read-only, searched as it is: its file system is mounted read-only");
    case 2: return tr("Read-only, searched as it is: this account may not write the index");
    case 3: return tr("Read-only, searched as it is: this account may not write its folder");
    default: return tr("Read-only: searched as it is");
    }
}

void MainWindow::onArchiveChanged()
{
    const auto info = m_session->archive();
    m_thumbnails->setIndex(info ? info->path : QString());
    m_labels->setIndex(info ? info->path : QString());
    updateResolutions();
    m_archive->setGeneration(info ? info->generation : 0);
    m_results->setHits({}, nullptr, m_session->store());
    m_mapDock->map()->setFootprints(nullptr);
    m_mapPlaces.reset();
    m_filterBar->setArchive(nullptr);
    m_scoreScene = {};
    m_mapDock->map()->clearScoreLayer();
    if (info)
        m_archiveService->loadFootprints(info->generation);
    // Overlapping windows of one scene score alike: another archive made with them lists
    // one per place (the same archive opened again, after indexing, keeps the user's choice).
    if (info && info->path != m_onePerPlaceSetFor) {
        m_onePerPlaceSetFor = info->path;
        setOnePerPlace(info->settings && info->settings->overlap > 0 ? std::optional<double>(kDefaultDistinctOverlap)
                                                                     : std::nullopt);
    }
    if (info) {
        m_indexLabel->setText(tr("<b>%1</b><br>%2")
                                  .arg(QFileInfo(info->path).fileName().toHtmlEscaped(), info->root.toHtmlEscaped()) +
                              (info->readOnly ? QStringLiteral("<br><i>%1</i>").arg(readOnlyInWords(info->readOnlyCause)) : QString()));
        QSettings settings;
        settings.setValue(QStringLiteral("archive/lastIndex"), info->path);
        QStringList recent = settings.value(QStringLiteral("archive/recent")).toStringList();
        recent.removeAll(info->path);
        recent.prepend(info->path);
        while (recent.size() > 10)
            recent.removeLast();
        settings.setValue(QStringLiteral("archive/recent"), recent);
        log(tr("Opened %1.").arg(info->path));
        if (info->incomplete()) {
            m_incompleteBanner =
                tr("This index is incomplete: %1 of the %2 files found were indexed when its last run stopped. "
                   "File \u25b8 Resume Indexing goes on where it stopped.")
                    .arg(QLocale().toString(info->filesRecorded), QLocale().toString(info->filesFound));
            m_message->showMessage(m_incompleteBanner, MessageBar::Level::Warning);
        } else {
            // Resumed to the end (or another index): the warning is no longer true.
            m_message->dismiss(std::exchange(m_incompleteBanner, QString()));
        }
    } else {
        m_indexLabel->setText(tr("No index open"));
    }
    if (m_resume)
        m_resume->setEnabled(info && info->incomplete());
    updateRecentArchives();
    updateStatus();
    updateWorkspace();
}

void MainWindow::connectQueryPanel()
{
    connect(m_session, &SearchSession::updatingChanged, this, [this](bool) { updateStatus(); });
    connect(m_encoder, &EncoderService::busyChanged, m_query, &QueryPanel::setBusy);
    connect(m_query->matchGsd(), &QCheckBox::toggled, m_session, &SearchSession::setMatchGsd);
    connect(m_query, &QueryPanel::lambdaChanged, this, [this](double lambda) {
        // Harris's weight is not the lambda a model's default stands for.
        if (!m_applyingDefault && m_session->method() != Method::Basic) {
            m_lambdaChosen = true;
            dropLambdaBanner();
        }
        m_session->setLambda(lambda);
    });
    connect(m_query, &QueryPanel::methodChanged, this, &MainWindow::chooseMethod);
    connect(m_query, &QueryPanel::basicSettingsRequested, this, &MainWindow::showBasicSettings);
    connect(m_query, &QueryPanel::resultCountChanged, m_session, &SearchSession::setTopK);
    connect(m_query, &QueryPanel::textSettled, this, [this](const QString& text) {
        m_session->setQueryText(text);
        m_query->addToHistory(text.trimmed());
    });
    connect(m_query, &QueryPanel::openImageRequested, this, &MainWindow::chooseQueryImage);
    connect(m_query, &QueryPanel::modelChosen, this,
            [this](const QString& model, const QString& activation) { loadModel(model, activation); });
    connect(m_query, &QueryPanel::clearImageRequested, m_session, &SearchSession::clearQueryImage);
    connect(m_query, &QueryPanel::termRemoveRequested, m_session, &SearchSession::removeTerm);
    connect(m_query, &QueryPanel::termRoleRequested, m_session, &SearchSession::setTermAvoided);
    connect(m_query, &QueryPanel::textTermRequested, m_session, &SearchSession::addTextTerm);
    connect(m_query, &QueryPanel::avoidChanged, m_session, &SearchSession::setAvoid);
    connect(m_query, &QueryPanel::imageTermRequested, this, [this] {
        const QString path = QFileDialog::getOpenFileName(
            this, tr("Add an Image to the Query"), QString(),
            tr("Images and rasters (%1);;All files (*)").arg(imagePatterns()));
        if (!path.isEmpty())
            m_session->addImageFileTerm(path, false);
    });
    connect(m_query->termList(), &TermList::itemDropped, this,
            [this](std::int64_t id) { m_session->addItemTerm(id, false); });
    connect(m_query->termList(), &TermList::fileDropped, this,
            [this](const QString& path) { m_session->addImageFileTerm(path, false); });
    connect(m_session, &SearchSession::queryChanged, this, &MainWindow::updateTermList);
    m_results->setMarker([this](std::int64_t id) { return m_session->termMark(id); });
}

void MainWindow::connectMap()
{
    // The map: footprints of the open index, the results, the query's items, the area.
    connect(m_archiveService, &ArchiveService::footprintsReady, this, &MainWindow::onFootprints);
    connect(m_session, &SearchSession::resultsChanged, this, [this] {
        std::vector<std::int64_t> ids;
        for (const Hit& hit : m_session->hits())
            ids.push_back(m_session->itemIdOfRow(hit.index));
        m_mapDock->map()->setResults(ids);
        updateScoreLayer(); // a new lambda, method or query scores the scene anew
    });
    connect(m_session, &SearchSession::queryChanged, this, [this] {
        std::vector<std::int64_t> wanted, avoided;
        for (const QueryTerm& term : m_session->query().terms)
            if (term.kind == QueryTerm::Kind::Item)
                (term.avoided ? avoided : wanted).push_back(term.item);
        m_mapDock->map()->setQueryItems(wanted, avoided);
    });
    connect(m_mapDock, &MapDock::areaChosen, this, [this](const std::optional<SpatialFilter>& area) {
        m_session->setArea(area);
    });
    connect(m_mapDock, &MapDock::message, this,
            [this](const QString& text) { m_message->showMessage(text, MessageBar::Level::Info); });
    connect(m_session, &SearchSession::areaChanged, this, &MainWindow::updateAreaStatus);
    connect(m_session, &SearchSession::areaChanged, this, &MainWindow::updateFilterStatus);
    connect(m_filterBar, &FilterBar::filterChanged, m_session, &SearchSession::setFilter);
    connect(m_mapDock->map(), &MapView::itemClicked, this, [this](std::int64_t id) {
        for (int row = 0; row < m_results->rowCount(); ++row)
            if (m_results->itemIdAt(row) == id) {
                m_resultsView->setCurrentIndex(m_results->index(row));
                m_resultsView->scrollTo(m_results->index(row));
                return;
            }
        m_mapDock->map()->setSelected(id);
    });
    connect(m_mapDock->map(), &MapView::itemActivated, this, &MainWindow::openViewer);
    connect(m_resultsView->selectionModel(), &QItemSelectionModel::currentChanged, this,
            [this](const QModelIndex& current) {
                if (current.isValid())
                    m_mapDock->map()->setSelected(current.data(ItemIdRole).toLongLong());
                updateScoreLayer();
            });
    connect(m_mapDock, &MapDock::scoreLayerToggled, this, &MainWindow::updateScoreLayer);
    connect(m_query->imageWell(), &ImageWell::itemDropped, m_session, &SearchSession::setQueryItem);
    connect(m_query->imageWell(), &ImageWell::fileDropped, m_session, &SearchSession::setQueryImageFile);
    connect(m_thumbnails, &ThumbnailCache::thumbnailReady, this, [this](std::int64_t id) {
        if (m_session->queryItem() == id)
            updateQueryWell();
        if (m_session->termMark(id) != 0)
            updateTermList();
    });
}

void MainWindow::onFootprints(const std::shared_ptr<const ArchiveFootprints>& footprints)
{
    if (m_session->archive() && footprints->generation == m_session->archive()->generation) {
        m_mapPlaces = footprints;
        m_filterBar->setArchive(footprints);
        updateScoreLayer();
        m_mapDock->map()->setFootprints(footprints);
        updateFilterStatus(); // the kept items of this archive, once they are known
        // An archive without footprints has nothing to map: the bottom area
        // shows the log, kept low, and gives its height to the results.
        if (footprints->withFootprint > 0) {
            if (m_mapDockWidget->isHidden() && m_mapHiddenForArchive) {
                m_mapDockWidget->show();
                resizeDocks({m_mapDockWidget}, {220}, Qt::Vertical);
            }
            m_mapHiddenForArchive = false;
            m_mapDockWidget->raise();
        } else if (m_mapDockWidget->isVisible()) {
            // Hidden, not closed by the user: it comes back with an archive that has
            // footprints (and from the docks' menu at any time).
            m_mapDockWidget->hide();
            m_mapHiddenForArchive = true;
            resizeDocks({m_logDockWidget}, {90}, Qt::Vertical);
        }
    }
}

void MainWindow::createDocks()
{
    QDockWidget* archiveDock = createArchiveDock();

    // Query dock.
    auto* queryDock = new QDockWidget(tr("Query"), this);
    queryDock->setObjectName(QStringLiteral("QueryDock"));
    // In a scroll area: a query of many terms scrolls inside the dock rather than making
    // the window taller than the screen.
    auto* queryScroll = new QScrollArea(queryDock);
    queryScroll->setWidgetResizable(true);
    queryScroll->setFrameShape(QFrame::NoFrame);
    queryScroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_query = new QueryPanel(queryScroll);
    queryScroll->setWidget(m_query);
    queryScroll->setMinimumWidth(m_query->minimumSizeHint().width() + queryScroll->verticalScrollBar()->sizeHint().width());
    queryDock->setWidget(queryScroll);
    addDockWidget(Qt::RightDockWidgetArea, queryDock);

    // Log dock.
    auto* logDock = m_logDockWidget = new QDockWidget(tr("Log"), this);
    logDock->setObjectName(QStringLiteral("LogDock"));
    m_log = new QPlainTextEdit(logDock);
    m_log->setReadOnly(true);
    m_log->setMaximumBlockCount(5000);
    m_log->setAccessibleName(tr("Log"));
    logDock->setWidget(m_log);
    addDockWidget(Qt::BottomDockWidgetArea, logDock);
    // Map dock, beside the log.
    auto* mapDock = m_mapDockWidget = new QDockWidget(tr("Map"), this);
    mapDock->setObjectName(QStringLiteral("MapDock"));
    m_mapDock = new MapDock(m_thumbnails, mapDock);
    mapDock->setWidget(m_mapDock);
    addDockWidget(Qt::BottomDockWidgetArea, mapDock);
    tabifyDockWidget(logDock, mapDock);
    mapDock->raise();
    resizeDocks({logDock}, {220}, Qt::Vertical);
    resizeDocks({archiveDock, queryDock}, {330, 300}, Qt::Horizontal);
}

QDockWidget* MainWindow::createArchiveDock()
{
    auto* archiveDock = new QDockWidget(tr("Archive"), this);
    archiveDock->setObjectName(QStringLiteral("ArchiveDock"));
    auto* archive = new QWidget(archiveDock);
    auto* layout = new QVBoxLayout(archive);
    m_recent = new QComboBox(archive);
    m_recent->setAccessibleName(tr("Recent archives"));
    m_recent->setToolTip(tr("Indexes opened before; choose one to open it"));
    m_recent->setPlaceholderText(tr("Recent archives"));
    // Long folders make the list wide, not the dock.
    m_recent->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_recent->setMinimumContentsLength(16);
    m_indexLabel = new QLabel(tr("No index open"), archive);
    m_indexLabel->setWordWrap(true);
    m_archiveStats = new QLabel(archive);
    m_archiveStats->setWordWrap(true); // a longer sentence in German must not widen the dock
    m_filter = new QLineEdit(archive);
    m_filter->setPlaceholderText(tr("Filter by file name or folder"));
    m_filter->setClearButtonEnabled(true);
    m_filter->setAccessibleName(tr("Filter the archive"));
    m_archiveView = makeGrid(archive, 96, tr("Archive items"));
    m_archiveView->setObjectName(QStringLiteral("ArchiveView"));
    m_archiveView->setModel(m_archive);
    m_jobsPanel = new JobsPanel(m_jobs, archive);
    layout->addWidget(m_recent);
    layout->addWidget(m_indexLabel);
    layout->addWidget(m_archiveStats);
    layout->addWidget(m_filter);
    layout->addWidget(m_archiveView, 1);
    layout->addWidget(m_jobsPanel);
    archiveDock->setWidget(archive);
    addDockWidget(Qt::LeftDockWidgetArea, archiveDock);
    // The filter applies after a pause in typing: each change is a query of the index.
    m_filterTimer = new QTimer(this);
    m_filterTimer->setSingleShot(true);
    m_filterTimer->setInterval(300);
    connect(m_filter, &QLineEdit::textChanged, m_filterTimer, qOverload<>(&QTimer::start));
    connect(m_filterTimer, &QTimer::timeout, this, [this] { m_archive->setFilter(m_filter->text()); });
    connect(m_recent, &QComboBox::activated, this, [this](int index) {
        const QString path = m_recent->itemData(index).toString();
        if (path != m_session->indexPath())
            openIndex(path);
    });
    updateRecentArchives();
    connect(m_archive, &ArchiveItemModel::countChanged, this, &MainWindow::updateStatus);
    connect(m_archive, &QAbstractItemModel::rowsInserted, this, &MainWindow::updateStatus);
    return archiveDock;
}

void MainWindow::createActions()
{
    const QList<QAction*> fileTools = createFileMenu();
    const QList<QAction*> searchTools = createSearchMenu();
    createLabelsMenu();

    QMenu* evaluate = menuBar()->addMenu(tr("E&valuate"));
    evaluate->addAction(tr("&PatternCom..."), this, [this] { showWorkbench(WorkbenchWindow::Kind::PatternCom); })
        ->setToolTip(tr("mAP per attribute and λ on PatternCom, with the queries that fail and succeed"));
    evaluate->addAction(tr("&Composed Benchmark..."), this, [this] { showWorkbench(WorkbenchWindow::Kind::Composed); })
        ->setToolTip(tr("Recall and mAP of a CSV of query images, texts and target images (e.g. xView2-CIR)"));

    QMenu* settings = menuBar()->addMenu(tr("Se&ttings"));
    QAction* preferences =
        settings->addAction(icon("settings"), tr("&Preferences..."), this, &MainWindow::showPreferences);
    preferences->setShortcut(QKeySequence::Preferences);

    QMenu* help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&About rscir"), this, [this] {
        QMessageBox::about(this, tr("About rscir"),
                           tr("<h3>rscir %1</h3><p>Composed image retrieval for remote-sensing archives: an example "
                              "image plus a text modification, ranked with WeiCom (Psomas et al., IGARSS 2024).</p>")
                               .arg(QApplication::applicationVersion()));
    });

    QToolBar* tools = addToolBar(tr("Main"));
    tools->setObjectName(QStringLiteral("MainToolBar"));
    tools->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    // Short labels on the toolbar (the menus keep the full ones), so that it fits a window
    // of 1280 pixels in every language.
    for (QAction* action : fileTools + searchTools + QList<QAction*>{m_moreLike, m_lessLike, m_sweep, m_export})
        tools->addAction(action);
}

QList<QAction*> MainWindow::createFileMenu()
{
    QMenu* file = menuBar()->addMenu(tr("&File"));
    QAction* openIndex = file->addAction(icon("open-index"), tr("&Open Index..."), this, &MainWindow::chooseIndex);
    openIndex->setShortcut(QKeySequence::Open);
    QAction* indexFolder =
        file->addAction(icon("index-folder"), tr("&Index Folder..."), this, &MainWindow::chooseFolderToIndex);
        file->addAction(tr("Index STAC &Catalogue..."), this, &MainWindow::chooseCatalogueToIndex);
    indexFolder->setShortcut(QKeySequence(tr("Ctrl+I")));
    QAction* models = file->addAction(icon("model"), tr("&Models..."), this, &MainWindow::showModels);
    models->setShortcut(QKeySequence(tr("Ctrl+M")));
    file->addAction(tr("Load Model &File..."), this, &MainWindow::chooseModel);
    file->addSeparator();
    m_resume = file->addAction(tr("&Resume Indexing"), this, &MainWindow::resumeIndexing);
    m_resume->setToolTip(tr("Index the open index's folder again: an interrupted run goes on where it stopped"));
    m_resume->setEnabled(false);
    m_export = file->addAction(icon("export"), tr("&Export Results..."), this, &MainWindow::chooseExport);
    m_exportChips = file->addAction(tr("Export C&hips..."), this, &MainWindow::chooseExportChips);
    m_exportChips->setToolTip(tr("Write each result's window into a folder, as its source keeps it or as the model "
                                 "saw it, with their footprints"));
    file->addSeparator();
    QAction* openQueryAction = file->addAction(tr("Open &Query..."), this, &MainWindow::chooseOpenQuery);
    openQueryAction->setShortcut(QKeySequence(tr("Ctrl+Alt+O")));
    m_saveQuery = file->addAction(tr("&Save Query..."), this, &MainWindow::chooseSaveQuery);
    m_saveQuery->setShortcut(QKeySequence::Save);
    m_recentQueries = file->addMenu(tr("Recent Q&ueries"));
    updateRecentQueries();
    file->addSeparator();
    m_export->setShortcut(QKeySequence(tr("Ctrl+E")));
    file->addSeparator();
    QAction* quit = file->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setShortcut(QKeySequence::Quit);
    // Short labels on the toolbar (the menus keep the full ones).
    openIndex->setIconText(tr("Open Index", "toolbar"));
    indexFolder->setIconText(tr("Index Folder", "toolbar"));
    models->setIconText(tr("Models", "toolbar"));
    m_export->setIconText(tr("Export", "toolbar"));
    return {openIndex, indexFolder, models};
}

QList<QAction*> MainWindow::createSearchMenu()
{
    QMenu* search = menuBar()->addMenu(tr("&Search"));
    QAction* openImage =
        search->addAction(icon("open-image"), tr("Open Query &Image..."), this, &MainWindow::chooseQueryImage);
    openImage->setShortcut(QKeySequence(tr("Ctrl+Shift+O")));
    m_useAsQuery = search->addAction(icon("use-as-query"), tr("&Use Selected as Query"), this, [this] {
        QListView* view =
            m_resultsView->hasFocus() || !m_archiveView->currentIndex().isValid() ? m_resultsView : m_archiveView;
        if (view->currentIndex().isValid())
            m_session->setQueryItem(view->currentIndex().data(ItemIdRole).toLongLong());
    });
    m_useAsQuery->setShortcut(QKeySequence(tr("Ctrl+U")));
    m_moreLike = search->addAction(icon("more-like"), tr("&More Like This"), this, [this] { markCurrent(false); });
    m_moreLike->setShortcuts({QKeySequence(Qt::Key_Plus), QKeySequence(Qt::Key_Equal)});
    m_moreLike->setToolTip(tr("Add the selected result to the query as a wanted example (+)"));
    m_lessLike = search->addAction(icon("less-like"), tr("&Less Like This"), this, [this] { markCurrent(true); });
    m_lessLike->setShortcut(QKeySequence(Qt::Key_Minus));
    m_lessLike->setToolTip(tr("Add the selected result to the query as something to avoid (\u2212)"));
    QAction* showQuery = search->addAction(tr("S&how the Query Itself"));
    showQuery->setCheckable(true);
    showQuery->setToolTip(tr("Keep the query's own archive items in the results (they count in the "
                             "normalisation either way)"));
    showQuery->setChecked(QSettings().value(QStringLiteral("query/showQuery"), false).toBool());
    m_session->setShowQuery(showQuery->isChecked());
    connect(showQuery, &QAction::toggled, this, [this](bool on) {
        QSettings().setValue(QStringLiteral("query/showQuery"), on);
        m_session->setShowQuery(on);
    });
    m_onePerPlace = search->addAction(tr("One Result per &Place"));
    m_onePerPlace->setCheckable(true);
    m_onePerPlace->setToolTip(tr("List one result per place: a result that overlaps a better one is folded under "
                                 "it (the scores do not change). On by default for archives indexed with "
                                 "overlapping windows."));
    connect(m_onePerPlace, &QAction::toggled, this, [this](bool on) {
        m_session->setDistinct(on ? std::optional<double>(m_lastOverlap) : std::nullopt);
    });
    m_samePlace = search->addAction(tr("Same Place as the &Query"));
    m_samePlace->setCheckable(true);
    m_samePlace->setToolTip(tr("Rank only the items whose footprint overlaps the query image's at least as much as "
                               "the filter bar's overlap (half by default): the same scene at other times (change "
                               "queries)"));
    connect(m_samePlace, &QAction::triggered, this, [this](bool on) {
        QueryFilter filter = m_session->filter();
        filter.samePlace = on ? std::optional<double>(m_filterBar->overlap()) : std::nullopt;
        m_session->setFilter(filter);
    });
    m_undoQuery = search->addAction(tr("&Undo Query Change"), this, [this] { m_session->undo(); });
    m_undoQuery->setShortcut(QKeySequence::Undo);
    m_undoQuery->setEnabled(false);
    QAction* focusText = search->addAction(tr("Edit Query &Text"), this, [this] { m_query->textBox()->setFocus(); });
    focusText->setShortcut(QKeySequence(tr("Ctrl+T")));
    m_sweep = search->addAction(icon("sweep"), tr("\u03bb S&weep..."), this, &MainWindow::showLambdaSweep);
    m_sweep->setShortcut(QKeySequence(tr("Ctrl+L")));
    openImage->setIconText(tr("Query Image", "toolbar"));
    m_moreLike->setIconText(tr("More Like", "toolbar"));
    m_lessLike->setIconText(tr("Less Like", "toolbar"));
    m_sweep->setIconText(tr("\u03bb Sweep", "toolbar"));
    return {openImage};
}

} // namespace rscir::ui
