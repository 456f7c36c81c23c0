// The window's query and results actions: the viewer, item menus, query images, exports, the lambda sweep, areas, the terms list, saved queries.
#include "ui/shell/main_window.h"
#include "core/index/query_image.h"
#include "ui/shell/main_window_parts.h"

#include "ui/archive/archive_service.h"
#include "ui/models/encoder_backend.h"
#include "ui/models/encoder_service.h"
#include "ui/common/errors.h"
#include "ui/archive/index_job.h"
#include "ui/archive/index_options_dialog.h"
#include "ui/search/item_models.h"
#include "ui/jobs/jobs.h"
#include "ui/jobs/jobs_panel.h"
#include "ui/map/map_dock.h"
#include "ui/map/map_view.h"
#include "ui/shell/message_bar.h"
#include "ui/models/models_dialog.h"
#include "ui/search/basic_settings_dialog.h"
#include "ui/search/filter_bar.h"
#include "ui/search/query_panel.h"
#include "ui/search/search_session.h"
#include "ui/search/sweep_dialog.h"
#include "ui/search/thumbnail_cache.h"
#include "ui/search/thumbnail_delegate.h"
#include "ui/search/viewer_dialog.h"
#include "ui/common/background.h"

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
#include <QCheckBox>
#include <QFutureWatcher>
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
    addLabelMenu(menu, itemId);
    menu.addAction(tr("Open Viewer"), this, [this, itemId] { openViewer(itemId); });
    menu.addAction(tr("Copy Path"), this, [this, index] {
        if (const auto info = m_session->archive())
            QApplication::clipboard()->setText(QDir(info->root).filePath(index.data(PathRole).toString()));
    });
    menu.exec(view->viewport()->mapToGlobal(position));
}

void MainWindow::updateResolutions()
{
    const auto info = m_session->archive();
    const std::optional<double> archive = info ? info->groundResolution : std::nullopt;
    const QString path = m_session->queryImagePath();
    if (path.isEmpty() || path == m_queryResolution.first) {
        m_query->setResolutions(archive, path.isEmpty() ? std::nullopt : m_queryResolution.second,
                                path.isEmpty() ? QueryPanel::QueryImage::None : QueryPanel::QueryImage::Read);
        return;
    }
    m_query->setResolutions(archive, std::nullopt, QueryPanel::QueryImage::Reading);
    auto* watcher = new QFutureWatcher<std::optional<double>>(this);
    connect(watcher, &QFutureWatcher<std::optional<double>>::finished, this, [this, watcher, path] {
        watcher->deleteLater();
        m_queryResolution = {path, watcher->result()};
        if (m_session->queryImagePath() == path)
            updateResolutions();
    });
    watcher->setFuture(background::run([file = path.toStdString()] { return queryGroundResolution(file); }));
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
            const auto& hits = m_session->hits();
            for (std::size_t i = 0; i < hits.size(); ++i)
                if (auto item = m_session->store()->item(m_session->itemIdOfRow(hits[i].index))) {
                    const std::string absolute = root.filePath(QString::fromStdString(item->path)).toStdString();
                    ranked.push_back({std::move(*item), hits[i], absolute,
                                      i < m_session->folded().size() ? m_session->folded()[i]
                                                                     : std::vector<std::int64_t>()});
                }
            attachAcquisition(ranked, *m_session->store());
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
    // BASIC's Harris weight lies in [0, 0.24]; the others' lambda in [0, 1].
    const Method method = m_session->sweepMethod();
    std::vector<double> lambdas;
    for (int i = 0; i <= (method == Method::Basic ? 12 : 10); ++i)
        lambdas.push_back(method == Method::Basic ? i / 50.0 : i / 10.0);
    const auto rows = m_session->sweep(lambdas, 8);
    // The whole query and the method it is swept with.
    const QString title = tr("%1, results %2", "a lambda sweep's title: the method, the query in words")
                              .arg(method == Method::Slerp   ? QStringLiteral("Slerp")
                                   : method == Method::Basic ? tr("BASIC (Harris \u03bb)")
                                                             : QStringLiteral("WeiCom"),
                                   queryInWords(false));
    auto* dialog =
        new SweepDialog(rows, lambdas, m_session->embeddings(), m_thumbnails, title, this, m_session->lambda());
    connect(dialog, &SweepDialog::itemActivated, this, &MainWindow::openViewer);
    dialog->show();
}

void MainWindow::updateAreaStatus()
{
    const auto& area = m_session->area();
    m_mapDock->map()->setArea(area);
    if (!area) {
        // The map says what it shows: with a filter, only the items it keeps.
        m_mapDock->setAreaStatus(m_session->filter().empty() ? QString()
                                                             : tr("Only the items the filter keeps are shown."));
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

void MainWindow::updateFilterStatus()
{
    const QueryFilter& filter = m_session->filter();
    m_filterBar->setFilter(filter);
    m_samePlace->setChecked(filter.samePlace.has_value());
    const auto kept = m_session->keptRows();
    m_mapDock->map()->setKept(kept && !filter.empty() ? kept->keptItems : nullptr);
    if (filter.empty()) {
        m_filterBar->setStatus({});
        return;
    }
    if (!kept) {
        m_filterBar->setStatus(tr("Finding the items the filter keeps..."));
        return;
    }
    const QLocale locale;
    QString text = tr("%1 of %2 items are ranked.")
                       .arg(locale.toString(qulonglong(kept->area->rows.size())),
                            locale.toString(qulonglong(m_session->searchableItems())));
    if (kept->area->withoutMetadata > 0)
        text += QLatin1Char(' ') + tr("%n item(s) that do not say what the filter asks are left out.", nullptr,
                                      static_cast<int>(kept->area->withoutMetadata));
    m_filterBar->setStatus(text);
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
    auto saved = std::make_shared<SavedQuery>();
    if (!guarded([&] { *saved = readQueryFile(path.toStdString()); },
                 [this](const QString& message) { showError(tr("The query could not be opened: %1").arg(message)); }))
        return false;
    const int opening = ++m_queryOpenings; // a later opening makes this one stale
    m_openingQuery = false;
    if (!saved->area || saved->area->bbox) {
        std::optional<SpatialFilter> area;
        if (saved->area)
            guarded([&] { area = SpatialFilter::of(*saved->area); },
                    [this](const QString& message) { showError(tr("The query's area could not be used: %1").arg(message)); });
        applySavedQuery(path, *saved, area);
        return true;
    }
    // A polygon of up to 100,000 vertices is parsed, checked and prepared off the GUI thread.
    struct Prepared {
        std::optional<SpatialFilter> area;
        QString error;
    };
    auto* watcher = new QFutureWatcher<Prepared>(this);
    connect(watcher, &QFutureWatcher<Prepared>::finished, this, [this, watcher, path, saved, opening] {
        watcher->deleteLater();
        if (opening != m_queryOpenings)
            return; // another query was opened meanwhile
        m_openingQuery = false;
        const Prepared prepared = watcher->result();
        if (!prepared.error.isEmpty())
            showError(tr("The query's area could not be used: %1").arg(prepared.error));
        applySavedQuery(path, *saved, prepared.area);
    });
    m_openingQuery = true;
    m_queryStatus->setText(tr("Preparing the query's area\u2026"));
    watcher->setFuture(background::run([area = *saved->area] {
        Prepared prepared;
        guarded([&] { prepared.area = SpatialFilter::of(area); },
                [&](const QString& message) { prepared.error = message; });
        return prepared;
    }));
    return true;
}

void MainWindow::applySavedQuery(const QString& path, const SavedQuery& saved, const std::optional<SpatialFilter>& area)
{
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
    // BASIC's settings first, so that its space is prepared once, with them.
    if (saved.method == Method::Basic)
        m_session->setBasicOptions(saved.basic.value_or(BasicOptions{}));
    if (saved.method) {
        QComboBox* box = m_query->methodBox();
        box->setCurrentIndex(box->findData(static_cast<int>(*saved.method)));
    }
    if (saved.lambda) // of the saved method: a Harris weight with BASIC
        chooseLambda(*saved.lambda);
    if (saved.avoid)
        m_query->setAvoid(*saved.avoid);
    if (saved.results)
        m_query->resultCount()->setValue(*saved.results);
    setOnePerPlace(saved.distinct); // unset: every result, as the command line lists it
    m_query->matchGsd()->setChecked(saved.matchGsd);
    m_session->setArea(area);
    m_session->setFilter(saved.filter);
    // The well and the text box show the first wanted image and text.
    {
        const QSignalBlocker block(m_query->textBox());
        const QueryTerm* text = bound.text();
        m_query->textBox()->setEditText(text ? QString::fromStdString(text->text) : QString());
    }
    m_session->setQuery(bound);
    rememberQueryFile(path);
    log(tr("Opened the query %1.").arg(path));
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


void MainWindow::chooseMethod(Method method)
{
    m_session->setMethod(method);
    // Each method keeps its own lambda: the slider shows this one's, and nothing is chosen by it.
    const bool applying = std::exchange(m_applyingDefault, true);
    m_query->setLambda(m_session->lambda());
    m_applyingDefault = applying;
}

void MainWindow::showBasicSettings()
{
    BasicSettingsDialog dialog(m_session->basicOptions(), this);
    if (dialog.exec() == QDialog::Accepted)
        m_session->setBasicOptions(dialog.options());
}

} // namespace rscir::ui
