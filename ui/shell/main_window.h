#pragma once
/// \file
/// The application's main window: the archive dock (indexes, items, indexing jobs),
/// the query panel, the ranked results, the log, and the status bar.

#include "core/index/distinct.h"
#include "core/index/index_store.h"
#include "core/index/result_export.h"
#include "ui/shell/settings_dialog.h"
#include "ui/workbench/workbench_window.h"
#include "core/search/query.h"

#include <QMainWindow>
#include <QPointer>

#include <memory>
#include <optional>

class QDockWidget;
class QComboBox;
class QLabel;
class QLineEdit;
class QListView;
class QPlainTextEdit;
class QProgressBar;
class QPushButton;
class QStackedWidget;
class QAction;
class QMenu;
class QTimer;

namespace rscir {
struct SavedQuery;
class SpatialFilter;
struct QueryFilter;
struct IndexReport;
class ArchiveEmbeddings;
}

namespace rscir::ui {

class ArchiveItemModel;
struct ArchiveFootprints;
class ArchiveService;
class EncoderBackend;
class FilterBar;
class Job;
class JobManager;
class JobsPanel;
class LabelService;
class LabelsPanel;
class MapDock;
class ViewerDialog;
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
    /// How long closing the window waits for cancelled jobs to stop.
    static constexpr int kShutdownWaitMs = 5000;
    explicit MainWindow(QWidget* parent = nullptr);
    ~MainWindow() override;

    /// Opens an index for searching (and shows its items) in the background; the open
    /// index stays until the new one has opened, and a failure leaves it as it was.
    void openIndex(const QString& path);
    /// Loads a model from a checkpoint file, model folder or installed name as a job.
    /// A newer request cancels an older one still loading.
    void loadModel(const QString& model, const QString& activation, const QString& vocabulary = {});
    /// Uses a model loaded elsewhere (a program that embeds the window and loaded it itself).
    void setBackend(std::shared_ptr<EncoderBackend> backend);
    /// Runs models loaded from now on on this device (auto, cpu, cuda), overriding the preference.
    void setDevice(const QString& device) { m_settings.device = device; }
    /// Sets lambda as the user's choice: a model switch keeps it.
    void chooseLambda(double lambda);
    JobManager* jobs() const { return m_jobs; }
    ArchiveService* archiveService() const { return m_archiveService; }
    bool isModelLoading() const;
    /// A model load or indexing run that failed since the last call (scripts stop on it).
    QString takeJobError();
    /// Indexes `folder` into `indexPath` as a background job; `settings` for a new index (an
    /// existing one keeps its own). With `catalogue`, the items of that STAC catalogue
    /// (`folder`: the folder of its local files, or empty).
    void startIndexing(const QString& folder, const QString& indexPath,
                       const std::optional<ArchiveSettings>& settings = std::nullopt, const QString& catalogue = {},
                       const QString& asset = {}, const QString& bands = {});
    void cancelIndexing();
    /// Restores the last session's model and/or index from the settings. On a first run
    /// (no model chosen yet) it uses an installed model, or offers the models dialog.
    void restoreSession(bool model = true, bool index = true);
    void showModels();

    /// The window's search: the query, its ranking and results, which the panels show
    /// and edit (scripts and tests drive it as the panels do).
    SearchSession* session() const { return m_session; }
    void showLambdaSweep();
    /// The results header's line under BASIC: how its space was made, how many results score above 0.
    QString basicResultsLine() const;
    /// BASIC's settings; other settings prepare its space again (a job).
    void showBasicSettings();
    /// The method chosen in the panel: the session ranks with it, the slider shows its lambda.
    void chooseMethod(Method method);
    /// Writes the query and its settings as a saved query; false (with a message) on failure.
    bool saveQuery(const QString& path);
    /// Opens a saved query: its terms bound to the open index, its settings applied (once
    /// its area, a polygon, is prepared in the background). False (with a message) when
    /// the file cannot be read.
    bool openQuery(const QString& path);
    /// A saved query's area is being prepared; the query is applied when it is ready.
    bool isOpeningQuery() const { return m_openingQuery; }
    bool exportResults(const QString& path);
    /// Writes the shown results' chips into `folder` as a job (asking before anything is
    /// replaced): as the sources keep them, or as the model saw them. False when nothing
    /// was started.
    bool exportChips(const QString& folder, bool asSeen);
    /// Opens the viewer of an item (its image, facts, window on its raster, locator map).
    ViewerDialog* openViewer(std::int64_t itemId);
    /// Opens the benchmark workbench (one window), set to PatternCom or a composed benchmark.
    WorkbenchWindow* showWorkbench(WorkbenchWindow::Kind kind);
    /// The workbench as it is (opened for PatternCom when it is not open).
    WorkbenchWindow* workbench() { return m_workbench ? m_workbench.data() : showWorkbench(WorkbenchWindow::Kind::PatternCom); }
    /// Loads a benchmark query (its image item and text, method and lambda) and marks which
    /// results are its positives until the query or the index changes. False (with a
    /// message) when it belongs to another index than the open one.
    bool showBenchmarkQuery(const BenchmarkQuery& query);
    const std::optional<BenchmarkQuery>& benchmarkQuery() const { return m_benchmark; }
    QString resultsTitle() const;
    /// Labels an item (as keys 1–9 label the selected one), with the model, query and score
    /// it was found under; written in the background (LabelService).
    void labelItem(std::int64_t itemId, const QString& name, bool positive);
    /// Writes the open index's labels as a GeoPackage and, with `chips`, a folder per label
    /// of chips, as a job (asking before chips are replaced). False when nothing was started.
    bool exportLabels(const QString& gpkg, const QString& chips = {});

signals:
    void indexingFinished();

protected:
    void closeEvent(QCloseEvent* event) override;

private:
    void createCentral();
    void createActions();
    /// The File and Search menus; each returns its actions that the toolbar shows too.
    QList<QAction*> createFileMenu();
    QList<QAction*> createSearchMenu();
    void createDocks();
    QDockWidget* createArchiveDock();
    /// The Labels dock and the labels' service (main_window_labels.cpp).
    void createLabelsDock();
    QMenu* createLabelsMenu();
    /// The Labels menu's actions for the names of the Labels panel (keys 1–9, Ctrl+1–9).
    void updateLabelActions();
    /// The item selected in the grid that has focus (else in the results), or 0.
    std::int64_t currentItem() const;
    /// Labels the selected item with the panel's name number `nameIndex`.
    void labelCurrent(int nameIndex, bool positive);
    /// The Label submenu of an item's context menu.
    void addLabelMenu(QMenu& menu, std::int64_t itemId);
    /// Labels ▸ Export Labels…: a GeoPackage and, if asked, chips per label, as a job.
    void chooseExportLabels();
    void createStatusBar();
    void applySavedQuery(const QString& path, const SavedQuery& saved, const std::optional<SpatialFilter>& area);
    void connectSession();
    void connectQueryPanel();
    void connectMap();
    void onArchiveChanged();
    /// Why the open index is read-only, in words (ArchiveInfo::readOnlyCause).
    static QString readOnlyInWords(int cause);
    /// Lists one result per place at this overlap (nullopt: every result), and shows it
    /// in the Search menu.
    void setOnePerPlace(std::optional<double> overlap);
    void onFootprints(const std::shared_ptr<const ArchiveFootprints>& footprints);
    /// The filter bar, the Same Place action and the map, from the session's filter and
    /// what it keeps.
    void updateFilterStatus();
    void updateStatus();
    void updateQueryWell();
    /// The ground resolutions of the archive and the query image, in the query panel (the
    /// query's read in the background).
    void updateResolutions();
    void updateModelBox();
    void updateRecentArchives();
    void updateWorkspace();
    void showError(const QString& text);
    void log(const QString& line);
    void showItemMenu(QListView* view, const QPoint& position);
    void chooseIndex();
    void chooseFolderToIndex();
    /// File > Index STAC Catalogue: a catalogue file or address, then the index file.
    void chooseCatalogueToIndex();
    /// Indexes the open index's archive again: an interrupted run goes on where it stopped.
    void resumeIndexing();
    void chooseModel();
    void askActivationAndLoad(const QString& model);
    void chooseQueryImage();
    void chooseExport();
    void chooseExportChips();
    /// The map's Score layer: the selected result's scene coloured by the query's score (or
    /// none when the Score button is up or there is nothing to score).
    void updateScoreLayer();
    /// The shown results with their items and files (throws rscir::Error for an index
    /// that names a file outside its archive).
    std::vector<RankedItem> shownResults() const;
    /// Adds the current item of the grid that has focus (else of the results) to the query.
    void markCurrent(bool avoided);
    void chooseSaveQuery();
    void chooseOpenQuery();
    void updateRecentQueries();
    void rememberQueryFile(const QString& path);
    void updateTermList();
    void updateAreaStatus();
    void showPreferences();
    void onIndexingFinished(const rscir::IndexReport& report, const QString& indexPath);
    void applyModel(std::shared_ptr<EncoderBackend> backend);
    void dropLambdaBanner();
    /// A query term in words: a text in quotes, a file's name, an item's archive path and
    /// window.
    QString termLabel(const QueryTerm& term) const;
    /// The query as the results header says it ("like A and “x”, not like B (ν 0.50)").
    QString queryInWords(bool html) const;
    void clearBenchmark();

    AppSettings m_settings;
    JobManager* m_jobs;
    ArchiveService* m_archiveService;
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
    FilterBar* m_filterBar = nullptr;
    QString m_wellSource; ///< the file the query well shows (or reads), with its bands and stretch
    QAction* m_samePlace = nullptr; ///< Search > Same Place as the Query
    QListView* m_resultsView;
    QListView* m_archiveView;
    QLabel* m_indexLabel;
    QComboBox* m_recent;
    QLabel* m_archiveStats;
    QLineEdit* m_filter;
    JobsPanel* m_jobsPanel;
    QTimer* m_filterTimer;
    QPlainTextEdit* m_log;
    MapDock* m_mapDock = nullptr;
    LabelService* m_labels = nullptr;
    LabelsPanel* m_labelsPanel = nullptr;
    QDockWidget* m_labelsDockWidget = nullptr;
    QMenu* m_labelMenu = nullptr;
    std::pair<QString, std::optional<double>> m_queryResolution; ///< the last query image's, by path
    QPointer<WorkbenchWindow> m_workbench;
    std::vector<QPointer<ViewerDialog>> m_viewers; ///< open viewers, whose benchmark verdict may go
    std::optional<BenchmarkQuery> m_benchmark;
    Query m_benchmarkTerms; ///< the query as the benchmark set it: any change ends the marking
    QString m_benchmarkMessage; ///< the banner that says what the marks are
    QLabel* m_modelStatus;
    QLabel* m_itemsStatus;
    QLabel* m_queryStatus;
    QPointer<IndexJob> m_job;
    QPointer<Job> m_modelJob;
    QString m_modelLoading;
    QString m_jobError;
    bool m_lambdaChosen = false; ///< the user (or a script) set lambda; a model switch keeps it
    QString m_lambdaBanner;
    QString m_incompleteBanner;
    QDockWidget* m_logDockWidget = nullptr;
    QDockWidget* m_mapDockWidget = nullptr;
    bool m_mapHiddenForArchive = false; ///< the map dock was hidden because the archive has no footprints ///< the warning that the open index is incomplete, while shown ///< the banner that announced the model's default lambda
    bool m_applyingDefault = false;
    int m_queryOpenings = 0; ///< saved queries opened; only the last one's area is applied
    bool m_openingQuery = false;
    QAction* m_useAsQuery = nullptr;
    QAction* m_sweep = nullptr;
    QAction* m_onePerPlace = nullptr;
    QAction* m_exportChips = nullptr;
    std::shared_ptr<const ArchiveFootprints> m_mapPlaces; ///< where the open archive's items lie
    /// The scene the Score layer shows: its items' positions in m_mapPlaces and its record,
    /// valid for those places (a new opening brings new ones) and that source.
    struct ScoreScene {
        std::shared_ptr<const ArchiveFootprints> places;
        std::int64_t sourceId = 0;
        std::vector<std::size_t> items;
        std::optional<SourceRecord> source;
    } m_scoreScene;
    double m_lastOverlap = kDefaultDistinctOverlap; ///< what One Result per Place folds at
    QString m_onePerPlaceSetFor; ///< the index whose default it was set to
    QAction* m_export = nullptr;
    QAction* m_moreLike = nullptr;
    QAction* m_lessLike = nullptr;
    QAction* m_undoQuery = nullptr;
    QAction* m_saveQuery = nullptr;
    QAction* m_resume = nullptr;
    QMenu* m_recentQueries = nullptr;
    const ArchiveEmbeddings* m_loggedEmbeddings = nullptr; ///< the embeddings last described in the log
};

} // namespace rscir::ui
