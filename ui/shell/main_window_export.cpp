// MainWindow: acting on the shown results: their chips, written by a job, and the query's score over a
// result's scene on the map.
#include "ui/shell/main_window.h"

#include "core/index/label_export.h"
#include "ui/search/label_service.h"

#include "ui/common/errors.h"
#include "ui/jobs/jobs.h"
#include "ui/search/search_session.h"
#include "ui/shell/message_bar.h"

#include "core/index/chips.h"
#include "core/index/score_map.h"
#include "ui/archive/archive_service.h"
#include "ui/map/map_dock.h"
#include "ui/map/map_view.h"
#include "ui/search/item_models.h"
#include "core/search/query_file.h"

#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QMessageBox>
#include <QListView>
#include <QPushButton>

#include <algorithm>
#include <cmath>
#include <limits>

namespace rscir::ui {

std::vector<RankedItem> MainWindow::shownResults() const
{
    std::vector<RankedItem> ranked;
    IndexStore* store = m_session->store();
    if (!store || !m_session->embeddings())
        return ranked;
    const auto& hits = m_session->hits();
    for (std::size_t i = 0; i < hits.size(); ++i)
        if (auto item = store->item(m_session->itemIdOfRow(hits[i].index))) {
            const std::string absolute = store->sourceFile(item->path).string();
            ranked.push_back({std::move(*item), hits[i], absolute,
                              i < m_session->folded().size() ? m_session->folded()[i] : std::vector<std::int64_t>()});
        }
    attachAcquisition(ranked, *store);
    return ranked;
}

bool MainWindow::exportChips(const QString& folder, bool asSeen)
{
    std::vector<RankedItem> ranked;
    if (!guarded([&] { ranked = shownResults(); },
                 [this](const QString& message) { showError(tr("The chips could not be exported: %1").arg(message)); }) ||
        ranked.empty())
        return false;
    attachLabels(ranked, m_labels->labels());
    // What would be replaced is asked about first; the job then replaces only with consent.
    int existing = 0;
    for (const auto& file : chipExportFiles(folder.toStdString(), ranked, asSeen))
        existing += QFileInfo::exists(QString::fromStdString(file.string()));
    if (existing > 0 &&
        QMessageBox::question(this, tr("Replace Chips?"),
                              tr("%n file(s) of these chips are in %1 already. Replace them?", nullptr, existing)
                                  .arg(QDir::toNativeSeparators(folder))) != QMessageBox::Yes)
        return false;
    const auto info = m_session->archive();
    const RasterOptions options = (info && info->settings ? *info->settings : ArchiveSettings{}).rasterOptions();
    const std::string query = queryToJson(m_session->savedQuery());
    const int count = static_cast<int>(ranked.size());
    auto* job = new FunctionJob(tr("Exporting %n chip(s)", nullptr, count),
                                [=, ranked = std::move(ranked)](Progress& progress) {
                                    rscir::exportChips(folder.toStdString(), ranked, options, asSeen, existing > 0, query,
                                                &progress);
                                });
    connect(job, &Job::finished, this, [this, folder, count] {
        const QString text = tr("Exported %n chip(s) and their footprints (chips.gpkg) to %1.", nullptr, count)
                                 .arg(QDir::toNativeSeparators(folder));
        log(text);
        m_message->showMessage(text, MessageBar::Level::Info);
    });
    connect(job, &Job::failed, this, [this](const QString& message) {
        showError(tr("The chips could not be exported: %1").arg(inUserLanguage(message)));
    });
    m_jobs->start(job);
    return true;
}

void MainWindow::chooseExportChips()
{
    const QString folder = QFileDialog::getExistingDirectory(this, tr("Export Chips into a Folder"));
    if (folder.isEmpty())
        return;
    QMessageBox ask(QMessageBox::Question, tr("Export Chips"),
                    tr("Write each result's window as the source keeps it (GeoTIFF: its bands, bit depth and "
                       "georeferencing), or as the model saw it (PNG with a world file)?"),
                    QMessageBox::Cancel, this);
    QPushButton* stored = ask.addButton(tr("As &Stored"), QMessageBox::AcceptRole);
    QPushButton* seen = ask.addButton(tr("As the &Model Saw It"), QMessageBox::AcceptRole);
    ask.setDefaultButton(stored);
    ask.exec();
    if (ask.clickedButton() == stored || ask.clickedButton() == seen)
        exportChips(folder, ask.clickedButton() == seen);
}

namespace {

/// A colour for a score between the lowest (0) and the highest (1) of the scene: dark blue,
/// cyan, yellow, red; a little transparent, so that the scene shows through.
QRgb scoreColour(double t)
{
    static const QColor stops[] = {QColor(30, 40, 140), QColor(0, 170, 200), QColor(250, 220, 40), QColor(215, 25, 28)};
    t = std::clamp(t, 0.0, 1.0) * 3.0;
    const int k = std::min(2, static_cast<int>(t));
    const double f = t - k;
    const auto mix = [&](int a, int b) { return static_cast<int>(std::lround(a + (b - a) * f)); };
    return qRgba(mix(stops[k].red(), stops[k + 1].red()), mix(stops[k].green(), stops[k + 1].green()),
                 mix(stops[k].blue(), stops[k + 1].blue()), 170);
}

} // namespace

void MainWindow::updateScoreLayer()
{
    MapView* map = m_mapDock->map();
    const auto info = m_session->archive();
    const QModelIndex current = m_resultsView->currentIndex();
    const std::int64_t id = current.isValid() ? current.data(ItemIdRole).toLongLong() : m_results->itemIdAt(0);
    const std::optional<ItemPlace> place = m_mapPlaces ? m_mapPlaces->place(id) : std::nullopt;
    if (!m_mapDock->showsScore() || !info || !m_session->hasQuery() || !m_session->store() || !place ||
        m_mapPlaces->generation != info->generation) {
        map->clearScoreLayer();
        return;
    }
    // The scene's windows and its record, found once per scene (not at every step of a drag).
    if (m_scoreScene.places != m_mapPlaces || m_scoreScene.sourceId != place->sourceId) {
        m_scoreScene = {m_mapPlaces, place->sourceId, {}, std::nullopt};
        for (std::size_t i = 0; i < m_mapPlaces->ids.size(); ++i)
            if (m_mapPlaces->sourceIds[i] == place->sourceId)
                m_scoreScene.items.push_back(i);
        guarded([&] { m_scoreScene.source = m_session->store()->source(place->sourceId); }, [](const QString&) {});
    }
    const auto& source = m_scoreScene.source;
    // Every window of the scene, scored as a search scores it.
    std::vector<std::pair<Window, float>> scores;
    for (const std::size_t i : m_scoreScene.items)
        if (const auto hit = m_session->explain(m_mapPlaces->ids[i]))
            scores.emplace_back(m_mapPlaces->windows[i], hit->score);
    const ArchiveSettings settings = info->settings.value_or(ArchiveSettings{});
    ScoreGrid grid;
    if (!source || scores.empty() ||
        !guarded([&] { grid = scoreGrid(source->facts, settings.tileFor(source->facts), settings.overlapFor(source->facts), scores); },
                 [this](const QString& message) { m_mapDock->setAreaStatus(message); })) {
        map->clearScoreLayer();
        return;
    }
    const auto corners = scoreGridCorners(grid, source->facts);
    if (!corners) {
        map->clearScoreLayer();
        m_mapDock->setAreaStatus(tr("%1 is not georeferenced: its score cannot be mapped.")
                                     .arg(QString::fromStdString(source->path)));
        return;
    }
    float low = std::numeric_limits<float>::max(), high = std::numeric_limits<float>::lowest();
    for (const float v : grid.pixels)
        if (v != kScoreMapNoData) {
            low = std::min(low, v);
            high = std::max(high, v);
        }
    QImage image(grid.columns, grid.rows, QImage::Format_ARGB32);
    image.fill(Qt::transparent);
    for (int j = 0; j < grid.rows; ++j)
        for (int i = 0; i < grid.columns; ++i) {
            const float v = grid.pixels[static_cast<std::size_t>(j) * grid.columns + i];
            if (v != kScoreMapNoData)
                image.setPixel(i, j, scoreColour(high > low ? (v - low) / (high - low) : 1.0));
        }
    std::array<QPointF, 4> lonLat;
    for (std::size_t k = 0; k < 4; ++k)
        lonLat[k] = QPointF((*corners)[k][0], (*corners)[k][1]);
    map->setScoreLayer(image, lonLat);
}

} // namespace rscir::ui
