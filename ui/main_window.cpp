#include "ui/main_window.h"

#include "ui/archive_service.h"
#include "ui/encoder_backend.h"
#include "ui/encoder_service.h"
#include "ui/errors.h"
#include "ui/index_job.h"
#include "ui/index_options_dialog.h"
#include "ui/item_models.h"
#include "ui/jobs.h"
#include "ui/jobs_panel.h"
#include "ui/map_dock.h"
#include "ui/map_view.h"
#include "ui/message_bar.h"
#include "ui/models_dialog.h"
#include "ui/query_panel.h"
#include "ui/search_session.h"
#include "ui/sweep_dialog.h"
#include "ui/thumbnail_cache.h"
#include "ui/thumbnail_delegate.h"
#include "ui/viewer_dialog.h"

#include "core/base/error.h"
#include "core/base/progress.h"
#include "core/models/model_source.h"
#include "core/imagery/raster.h"
#include "core/index/result_export.h"
#include "core/search/query_file.h"
#include "core/models/catalogue.h"

#include <algorithm>

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

namespace {

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

} // namespace

MainWindow::MainWindow(QWidget* parent) : QMainWindow(parent), m_settings(AppSettings::load())
{
    setWindowTitle(tr("rscir"));
    setWindowIcon(icon("rscir"));
    setObjectName(QStringLiteral("MainWindow"));
    m_jobs = new JobManager(this);
    m_archiveService = new ArchiveService(this);
    m_encoder = new EncoderService(this);
    m_session = new SearchSession(m_archiveService, m_encoder, this);
    m_thumbnails = new ThumbnailCache(this);
    m_archive = new ArchiveItemModel(m_archiveService, m_thumbnails, this);
    m_results = new ResultsModel(m_thumbnails, this);

    // Central area: a message bar, then either the welcome page or the results.
    auto* central = new QWidget(this);
    auto* centralLayout = new QVBoxLayout(central);
    centralLayout->setContentsMargins(4, 4, 4, 4);
    m_message = new MessageBar(central);
    centralLayout->addWidget(m_message);
    m_stack = new QStackedWidget(central);
    m_welcome = new QLabel(m_stack);
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
    m_resultsView = makeGrid(resultsPage, m_settings.thumbnailSize, tr("Results"));
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

    createDocks();
    createActions();
    updateModelBox(); // the installed models, before any is loaded

    m_modelStatus = new QLabel(tr("No model"), this);
    m_itemsStatus = new QLabel(this);
    m_queryStatus = new QLabel(this);
    statusBar()->addWidget(m_modelStatus, 1);
    statusBar()->addPermanentWidget(m_itemsStatus);
    statusBar()->addPermanentWidget(m_queryStatus);

    connect(m_session, &SearchSession::resultsChanged, this, [this] {
        m_results->setHits(m_session->hits(), m_session->embeddings(), m_session->store());
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
    connect(m_session, &SearchSession::archiveChanged, this, [this] {
        const auto info = m_session->archive();
        m_thumbnails->setIndex(info ? info->path : QString());
        m_archive->setGeneration(info ? info->generation : 0);
        m_results->setHits({}, nullptr, m_session->store());
        m_mapDock->map()->setFootprints(nullptr);
        if (info)
            m_archiveService->loadFootprints(info->generation);
        if (info) {
            m_indexLabel->setText(tr("<b>%1</b><br>%2")
                                      .arg(QFileInfo(info->path).fileName().toHtmlEscaped(), info->root.toHtmlEscaped()));
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
    });
    connect(m_session, &SearchSession::updatingChanged, this, [this](bool) { updateStatus(); });
    connect(m_encoder, &EncoderService::busyChanged, m_query, &QueryPanel::setBusy);
    connect(m_query, &QueryPanel::lambdaChanged, this, [this](double lambda) {
        if (!m_applyingDefault) {
            m_lambdaChosen = true;
            dropLambdaBanner();
        }
        m_session->setLambda(lambda);
    });
    connect(m_query, &QueryPanel::methodChanged, m_session, &SearchSession::setMethod);
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
    // The map: footprints of the open index, the results, the query's items, the area.
    connect(m_archiveService, &ArchiveService::footprintsReady, this,
            [this](const std::shared_ptr<const ArchiveFootprints>& footprints) {
                if (m_session->archive() && footprints->generation == m_session->archive()->generation) {
                    m_mapDock->map()->setFootprints(footprints);
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
            });
    connect(m_session, &SearchSession::resultsChanged, this, [this] {
        std::vector<std::int64_t> ids;
        for (const Hit& hit : m_session->hits())
            ids.push_back(m_session->itemIdOfRow(hit.index));
        m_mapDock->map()->setResults(ids);
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
            });
    connect(m_query->imageWell(), &ImageWell::itemDropped, m_session, &SearchSession::setQueryItem);
    connect(m_query->imageWell(), &ImageWell::fileDropped, m_session, &SearchSession::setQueryImageFile);
    connect(m_thumbnails, &ThumbnailCache::thumbnailReady, this, [this](std::int64_t id) {
        if (m_session->queryItem() == id)
            updateQueryWell();
        if (m_session->termMark(id) != 0)
            updateTermList();
    });
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

IndexJob* MainWindow::indexJob() const
{
    return m_job;
}

MainWindow::~MainWindow()
{
    // Every job stops at its next check (a model load between two tensors, indexing
    // after its batch); the window does not wait for more than a few seconds.
    m_jobs->shutdown(5000);
    // Children emit while they are destroyed (focus changes); this half-destroyed window
    // must not receive those signals.
    m_query->blockSignals(true);
    m_session->disconnect(this);
    m_encoder->disconnect(this);
}

void MainWindow::createDocks()
{
    // Archive dock.
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

void MainWindow::createActions()
{
    QMenu* file = menuBar()->addMenu(tr("&File"));
    QAction* openIndex = file->addAction(icon("open-index"), tr("&Open Index..."), this, &MainWindow::chooseIndex);
    openIndex->setShortcut(QKeySequence::Open);
    QAction* indexFolder =
        file->addAction(icon("index-folder"), tr("&Index Folder..."), this, &MainWindow::chooseFolderToIndex);
    indexFolder->setShortcut(QKeySequence(tr("Ctrl+I")));
    QAction* models = file->addAction(icon("model"), tr("&Models..."), this, &MainWindow::showModels);
    models->setShortcut(QKeySequence(tr("Ctrl+M")));
    file->addAction(tr("Load Model &File..."), this, &MainWindow::chooseModel);
    file->addSeparator();
    m_resume = file->addAction(tr("&Resume Indexing"), this, &MainWindow::resumeIndexing);
    m_resume->setToolTip(tr("Index the open index's folder again: an interrupted run goes on where it stopped"));
    m_resume->setEnabled(false);
    m_export = file->addAction(icon("export"), tr("&Export Results..."), this, &MainWindow::chooseExport);
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
    m_undoQuery = search->addAction(tr("&Undo Query Change"), this, [this] { m_session->undo(); });
    m_undoQuery->setShortcut(QKeySequence::Undo);
    m_undoQuery->setEnabled(false);
    QAction* focusText = search->addAction(tr("Edit Query &Text"), this, [this] { m_query->textBox()->setFocus(); });
    focusText->setShortcut(QKeySequence(tr("Ctrl+T")));
    m_sweep = search->addAction(icon("sweep"), tr("\u03bb S&weep..."), this, &MainWindow::showLambdaSweep);
    m_sweep->setShortcut(QKeySequence(tr("Ctrl+L")));

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
    openIndex->setIconText(tr("Open Index", "toolbar"));
    indexFolder->setIconText(tr("Index Folder", "toolbar"));
    models->setIconText(tr("Models", "toolbar"));
    openImage->setIconText(tr("Query Image", "toolbar"));
    m_moreLike->setIconText(tr("More Like", "toolbar"));
    m_lessLike->setIconText(tr("Less Like", "toolbar"));
    m_sweep->setIconText(tr("\u03bb Sweep", "toolbar"));
    m_export->setIconText(tr("Export", "toolbar"));
    for (QAction* action : {openIndex, indexFolder, models, openImage, m_moreLike, m_lessLike, m_sweep, m_export})
        tools->addAction(action);
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

bool MainWindow::showsWelcome() const
{
    return m_stack->currentIndex() == 0;
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
        updateStatus();
        return;
    }
    QPixmap pixmap;
    if (const auto item = m_session->queryItem()) {
        pixmap = m_thumbnails->thumbnail(*item);
    } else {
        QImageReader reader(m_session->queryImagePath());
        reader.setAutoTransform(false);
        const QSize size = reader.size();
        if (size.isValid())
            reader.setScaledSize(size.scaled(360, 360, Qt::KeepAspectRatio));
        pixmap = QPixmap::fromImage(reader.read());
    }
    m_query->imageWell()->setImage(pixmap, m_session->queryImageLabel());
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
    log(tr("Loading model %1 (%2)...").arg(model, activation));
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
        const ModelSource source =
            resolveModel(model.toStdString(), parseActivation(activation.toStdString()), vocab);
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
    if (!m_lambdaChosen) {
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
                              const std::optional<ArchiveSettings>& settings)
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
    m_job = job;
    log(tr("Indexing %1 into %2.").arg(folder, indexPath));
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
    connect(job, &Job::ended, this, [this] { emit indexingFinished(); });
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

ViewerDialog* MainWindow::openViewer(std::int64_t itemId)
{
    if (!m_session->store() || itemId <= 0)
        return nullptr;
    std::optional<int> rank;
    for (int row = 0; row < m_results->rowCount() && !rank; ++row)
        if (m_results->itemIdAt(row) == itemId)
            rank = row + 1;
    auto* viewer = new ViewerDialog(*m_session->store(), itemId, m_session->explain(itemId), this, m_mapDock->tiles(),
                                    rank, m_results->rowCount());
    if (m_benchmark && m_results->hasPositives())
        viewer->setBenchmarkVerdict(std::binary_search(m_benchmark->positives.begin(), m_benchmark->positives.end(), itemId),
                                    m_benchmark->description);
    m_viewers.erase(std::remove(m_viewers.begin(), m_viewers.end(), nullptr), m_viewers.end());
    m_viewers.push_back(viewer);
    connect(viewer, &ViewerDialog::useAsQuery, m_session, &SearchSession::setQueryItem);
    connect(viewer, &ViewerDialog::stepRequested, this, [this, viewer, rank](int delta) {
        const int row = rank.value_or(0) - 1 + delta;
        if (!rank || row < 0 || row >= m_results->rowCount())
            return;
        const QRect geometry = viewer->geometry();
        viewer->close();
        if (ViewerDialog* next = openViewer(m_results->itemIdAt(row)))
            next->setGeometry(geometry);
    });
    viewer->show();
    return viewer;
}

void MainWindow::showItemMenu(QListView* view, const QPoint& position)
{
    const QModelIndex index = view->indexAt(position);
    if (!index.isValid())
        return;
    const std::int64_t itemId = index.data(ItemIdRole).toLongLong();
    QMenu menu(this);
    menu.addAction(icon("use-as-query"), tr("Use as Query"), this, [this, itemId] { m_session->setQueryItem(itemId); });
    menu.addAction(icon("more-like"), tr("More Like This"), this, [this, itemId] { m_session->addItemTerm(itemId, false); });
    menu.addAction(icon("less-like"), tr("Less Like This"), this, [this, itemId] { m_session->addItemTerm(itemId, true); });
    menu.addAction(tr("Open Viewer"), this, [this, itemId] { openViewer(itemId); });
    menu.addAction(tr("Copy Path"), this, [this, index] {
        if (const auto info = m_session->archive())
            QApplication::clipboard()->setText(QDir(info->root).filePath(index.data(PathRole).toString()));
    });
    menu.exec(view->viewport()->mapToGlobal(position));
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
    startIndexing(info->root, info->path, info->settings);
}

void MainWindow::chooseModel()
{
    const QString model = QFileDialog::getOpenFileName(
        this, tr("Load a Model"), QString(), tr("Checkpoints (*.safetensors *.pt *.bin *.pth);;All files (*)"));
    if (model.isEmpty())
        return;
    const QStringList choices = {tr("GELU (open_clip; how the paper's numbers were computed)"),
                                 tr("QuickGELU (correct for OpenAI's original weights)")};
    bool ok = false;
    const QString choice = QInputDialog::getItem(this,
                                                 tr("Activation", "the activation function of a model: GELU or QuickGELU"),
                                                 tr("The activation cannot be read from the weights. Which one was "
                                                    "this model trained with?"),
                                                 choices, 0, false, &ok);
    if (ok)
        loadModel(model, choice == choices[1] ? QStringLiteral("quickgelu") : QStringLiteral("gelu"));
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

void MainWindow::chooseQueryImage()
{
    const QString path = QFileDialog::getOpenFileName(
        this, tr("Open a Query Image"), QString(),
        tr("Images and rasters (%1);;All files (*)").arg(imagePatterns()));
    if (!path.isEmpty())
        m_session->setQueryImageFile(path);
}

bool MainWindow::exportResults(const QString& path)
{
    std::vector<RankedItem> ranked;
    if (!m_session->store() || !m_session->embeddings())
        return false;
    const bool ok = guarded(
        [&] {
            const QDir root(m_session->archive() ? m_session->archive()->root : QString());
            for (const Hit& hit : m_session->hits())
                if (auto item = m_session->store()->item(m_session->itemIdOfRow(hit.index))) {
                    const std::string absolute = root.filePath(QString::fromStdString(item->path)).toStdString();
                    ranked.push_back({std::move(*item), hit, absolute});
                }
            writeResultsFile(path.toStdString(), ranked, queryToJson(m_session->savedQuery()));
        },
        [this](const QString& message) { showError(tr("The results could not be exported: %1").arg(message)); });
    if (ok)
        log(tr("Exported %n result(s) to %1.", nullptr, static_cast<int>(ranked.size())).arg(path));
    const QString suffix = QFileInfo(path).suffix().toLower();
    if (const auto missing = withoutFootprint(ranked);
        ok && missing > 0 && (suffix == QLatin1String("geojson") || suffix == QLatin1String("json") ||
                              suffix == QLatin1String("gpkg")))
        m_message->showMessage(tr("%n of the exported results have no footprint (their images are not "
                                  "georeferenced): their geometry in %1 is empty.",
                                  nullptr, static_cast<int>(missing))
                                   .arg(QFileInfo(path).fileName()),
                               MessageBar::Level::Warning);
    return ok;
}

void MainWindow::chooseExport()
{
    const QString path = QFileDialog::getSaveFileName(this, tr("Export Results"), QStringLiteral("results.gpkg"),
                                                      tr("GeoPackage (*.gpkg);;GeoJSON (*.geojson);;CSV (*.csv)"));
    if (!path.isEmpty())
        exportResults(path);
}

void MainWindow::showLambdaSweep()
{
    if (!m_session->hasQuery() || !m_session->embeddings()) {
        showError(tr("Compose a query first: the sweep shows its results for every \u03bb."));
        return;
    }
    std::vector<double> lambdas;
    for (int i = 0; i <= 10; ++i)
        lambdas.push_back(i / 10.0);
    const auto rows = m_session->sweep(lambdas, 8);
    // The whole query and the method it is swept with.
    const QString title =
        tr("%1, results %2", "a lambda sweep's title: the method, the query in words")
            .arg(m_session->sweepMethod() == Method::Slerp ? QStringLiteral("Slerp") : QStringLiteral("WeiCom"),
                 queryInWords(false));
    auto* dialog =
        new SweepDialog(rows, lambdas, m_session->embeddings(), m_thumbnails, title, this, m_session->lambda());
    connect(dialog, &SweepDialog::itemActivated, this, &MainWindow::openViewer);
    dialog->show();
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

void MainWindow::updateAreaStatus()
{
    const auto& area = m_session->area();
    m_mapDock->map()->setArea(area);
    if (!area) {
        m_mapDock->setAreaStatus({});
    } else if (const auto counts = m_session->areaCounts()) {
        const QLocale locale;
        QString text = tr("Area %1: %2 of %3 items are ranked.")
                           .arg(QString::fromStdString(area->label()), locale.toString(qulonglong(counts->first)),
                                locale.toString(qulonglong(m_session->searchableItems())));
        if (counts->second > 0)
            text += QLatin1Char(' ') + tr("%n item(s) without a footprint are left out.", nullptr,
                                          static_cast<int>(counts->second));
        m_mapDock->setAreaStatus(text);
    } else {
        m_mapDock->setAreaStatus(tr("Area %1: finding its items...").arg(QString::fromStdString(area->label())));
    }
    updateStatus();
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

QString MainWindow::queryInWords(bool html) const
{
    const auto shown = [html](const QString& text) {
        return html ? QStringLiteral("<b>%1</b>").arg(text.toHtmlEscaped()) : text;
    };
    QStringList wanted, avoided;
    for (const QueryTerm& term : m_session->query().terms)
        (term.avoided ? avoided : wanted) << shown(termLabel(term));
    QString words = tr("like %1").arg(wanted.join(tr(" and ")));
    if (!avoided.isEmpty())
        words += tr(", not like %1 (\u03bd %2)")
                     .arg(avoided.join(tr(" or ")), QLocale().toString(m_session->avoid(), 'f', 2));
    if (const auto& area = m_session->area()) {
        const QString label = QString::fromStdString(area->label());
        words += tr(", in %1").arg(html ? label.toHtmlEscaped() : label);
    }
    return words;
}

QString MainWindow::termLabel(const QueryTerm& term) const
{
    switch (term.kind) {
    case QueryTerm::Kind::Text: return tr("\u201c%1\u201d").arg(QString::fromStdString(term.text));
    case QueryTerm::Kind::File: return QFileInfo(QString::fromStdString(term.path)).fileName();
    case QueryTerm::Kind::Item: break;
    }
    // An item of the open index as the results grid names it, window included ("scene.tif
    // @512,256"), from the grid's cache.
    if (m_session->archive() && term.index == m_session->archive()->path.toStdString())
        try {
            if (const QString path = m_results->pathOf(term.item); !path.isEmpty())
                return path;
        } catch (...) {
            // An index that cannot be read here: the label without its window.
        }
    return term.source.empty() ? tr("Item %1").arg(term.item) : QString::fromStdString(term.source);
}

void MainWindow::updateTermList()
{
    QList<TermRow> rows;
    for (const QueryTerm& term : m_session->query().terms) {
        TermRow row;
        row.avoided = term.avoided;
        row.image = term.isImage();
        row.label = termLabel(term);
        switch (term.kind) {
        case QueryTerm::Kind::Text: break;
        case QueryTerm::Kind::Item: row.icon = m_thumbnails->thumbnail(term.item); break;
        case QueryTerm::Kind::File: {
            QImageReader reader(QString::fromStdString(term.path));
            reader.setAutoTransform(false);
            if (reader.size().isValid())
                reader.setScaledSize(reader.size().scaled(64, 64, Qt::KeepAspectRatio));
            row.icon = QPixmap::fromImage(reader.read());
            break;
        }
        }
        rows << row;
    }
    m_query->setTerms(rows);
    m_results->refreshMarks();
    updateStatus();
}

bool MainWindow::saveQuery(const QString& path)
{
    const bool ok = guarded([&] { writeQueryFile(path.toStdString(), m_session->savedQuery()); },
                            [this](const QString& message) {
                                showError(tr("The query could not be saved: %1").arg(message));
                            });
    if (!ok)
        return false;
    rememberQueryFile(path);
    log(tr("Saved the query to %1.").arg(path));
    return true;
}

bool MainWindow::openQuery(const QString& path)
{
    SavedQuery saved;
    if (!guarded([&] { saved = readQueryFile(path.toStdString()); },
                 [this](const QString& message) { showError(tr("The query could not be opened: %1").arg(message)); }))
        return false;
    QStringList dropped;
    const Query bound = m_session->bindQuery(saved.query, &dropped);
    if (!dropped.isEmpty())
        m_message->showMessage(tr("%n example(s) of the saved query are not in this index and were left out: %1",
                                  nullptr, static_cast<int>(dropped.size()))
                                   .arg(dropped.join(QStringLiteral(", "))),
                               MessageBar::Level::Warning);
    if (m_encoder->backend() && !saved.modelFingerprint.empty() &&
        saved.modelFingerprint != m_encoder->backend()->identity().fingerprint)
        log(tr("The query was saved with the model %1; it is ranked with %2.")
                .arg(QString::fromStdString(saved.modelName), m_encoder->backend()->modelName()));
    if (saved.method) {
        QComboBox* box = m_query->methodBox();
        box->setCurrentIndex(box->findData(static_cast<int>(*saved.method)));
    }
    if (saved.lambda)
        chooseLambda(*saved.lambda);
    if (saved.avoid)
        m_query->setAvoid(*saved.avoid);
    if (saved.results)
        m_query->resultCount()->setValue(*saved.results);
    std::optional<SpatialFilter> area;
    if (saved.area)
        guarded(
            [&] {
                area = saved.area->bbox ? SpatialFilter::box((*saved.area->bbox)[0], (*saved.area->bbox)[1],
                                                             (*saved.area->bbox)[2], (*saved.area->bbox)[3])
                                        : SpatialFilter::polygons(saved.area->wkt, saved.area->label);
            },
            [this](const QString& message) { showError(tr("The query's area could not be used: %1").arg(message)); });
    m_session->setArea(area);
    // The well and the text box show the first wanted image and text.
    {
        const QSignalBlocker block(m_query->textBox());
        const QueryTerm* text = bound.text();
        m_query->textBox()->setEditText(text ? QString::fromStdString(text->text) : QString());
    }
    m_session->setQuery(bound);
    rememberQueryFile(path);
    log(tr("Opened the query %1.").arg(path));
    return true;
}

void MainWindow::chooseSaveQuery()
{
    const QString path = QFileDialog::getSaveFileName(this, tr("Save the Query"), QStringLiteral("query.json"),
                                                      tr("rscir queries (*.json)"));
    if (!path.isEmpty())
        saveQuery(path);
}

void MainWindow::chooseOpenQuery()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Open a Saved Query"), QString(),
                                                      tr("rscir queries (*.json);;All files (*)"));
    if (!path.isEmpty())
        openQuery(path);
}

void MainWindow::rememberQueryFile(const QString& path)
{
    QSettings settings;
    QStringList recent = settings.value(QStringLiteral("query/recent")).toStringList();
    recent.removeAll(QFileInfo(path).absoluteFilePath());
    recent.prepend(QFileInfo(path).absoluteFilePath());
    while (recent.size() > 10)
        recent.removeLast();
    settings.setValue(QStringLiteral("query/recent"), recent);
    updateRecentQueries();
}

void MainWindow::updateRecentQueries()
{
    if (!m_recentQueries)
        return;
    m_recentQueries->clear();
    for (const QString& path : QSettings().value(QStringLiteral("query/recent")).toStringList())
        if (QFileInfo::exists(path))
            m_recentQueries->addAction(QFileInfo(path).fileName(), this, [this, path] { openQuery(path); })
                ->setToolTip(path);
    m_recentQueries->setEnabled(!m_recentQueries->isEmpty());
}

void MainWindow::closeEvent(QCloseEvent* event)
{
    m_jobs->cancelAll();
    QSettings().setValue(QStringLiteral("window/geometry"), saveGeometry());
    // Hidden only for the archive without footprints: the next session shows the map again.
    if (m_mapHiddenForArchive)
        m_mapDockWidget->show();
    QSettings().setValue(QStringLiteral("window/state"), saveState());
    QMainWindow::closeEvent(event);
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
    m_session->setMethod(benchmark.method);
    if (benchmark.method == Method::WeiCom || benchmark.method == Method::Slerp)
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

QString MainWindow::resultsTitle() const
{
    return m_resultsTitle->text();
}

} // namespace rscir::ui
