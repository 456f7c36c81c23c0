// Labels in the window: the Labels dock, the Labels menu (keys 1–9 and Ctrl+1–9), the
// grids' label tags, and labelling the selected item with what it was found under.
#include "ui/shell/main_window.h"

#include "core/search/query_file.h"
#include "ui/common/errors.h"
#include "ui/map/map_dock.h"
#include "ui/map/map_view.h"
#include "ui/models/encoder_backend.h"
#include "ui/search/item_models.h"
#include "ui/search/label_service.h"
#include "ui/search/labels_panel.h"
#include "ui/search/search_session.h"
#include "ui/shell/message_bar.h"

#include "core/index/label_export.h"
#include "ui/jobs/jobs.h"

#include <QDir>
#include <QDockWidget>
#include <QFileDialog>
#include <QFileInfo>
#include <QMessageBox>
#include <QListView>
#include <QMenu>
#include <QMenuBar>

namespace rscir::ui {

void MainWindow::createLabelsDock()
{
    m_labels = new LabelService(this);
    auto* dock = m_labelsDockWidget = new QDockWidget(tr("Labels"), this);
    dock->setObjectName(QStringLiteral("LabelsDock"));
    m_labelsPanel = new LabelsPanel(m_labels, dock);
    m_labelsPanel->setObjectName(QStringLiteral("LabelsPanel"));
    dock->setWidget(m_labelsPanel);
    // A wide table: beside the log and the map, under the results.
    addDockWidget(Qt::BottomDockWidgetArea, dock);
    tabifyDockWidget(m_mapDockWidget, dock);
    m_mapDockWidget->raise();
    const Labeller labeller = [this](std::int64_t itemId) { return m_labels->labelsOfItem(itemId); };
    m_results->setLabeller(labeller);
    m_archive->setLabeller(labeller);
    connect(m_labels, &LabelService::changed, this, [this, labeller] {
        m_results->setLabeller(labeller); // repaints the cells
        m_archive->setLabeller(labeller);
    });
    connect(m_labels, &LabelService::failed, this,
            [this](const QString& message) { m_message->showMessage(message, MessageBar::Level::Warning); });
    connect(m_labelsPanel, &LabelsPanel::namesChanged, this, &MainWindow::updateLabelActions);
    connect(m_labelsPanel, &LabelsPanel::openItem, this, [this](std::int64_t itemId) { openViewer(itemId); });
    connect(m_labelsPanel, &LabelsPanel::zoomTo, this, [this](const std::vector<std::int64_t>& items) {
        m_mapDockWidget->show();
        m_mapDockWidget->raise();
        if (!m_mapDock->map()->zoomToItems(items))
            m_message->showMessage(tr("None of these labels has a place on the map."), MessageBar::Level::Info);
    });
}

QMenu* MainWindow::createLabelsMenu()
{
    m_labelMenu = menuBar()->addMenu(tr("&Labels"));
    updateLabelActions();
    return m_labelMenu;
}

void MainWindow::updateLabelActions()
{
    if (!m_labelMenu)
        return;
    m_labelMenu->clear();
    const QStringList names = m_labelsPanel->names();
    const auto shown = [](QString name) { return name.replace(QLatin1Char('&'), QStringLiteral("&&")); };
    for (int n = 0; n < names.size(); ++n) {
        QAction* yes = m_labelMenu->addAction(tr("Label as %1").arg(shown(names[n])), this,
                                              [this, n] { labelCurrent(n, true); });
        yes->setShortcut(QKeySequence(Qt::Key_1 + n));
        yes->setShortcutContext(Qt::WindowShortcut);
    }
    if (!names.isEmpty())
        m_labelMenu->addSeparator();
    for (int n = 0; n < names.size(); ++n) {
        QAction* no = m_labelMenu->addAction(tr("Label as Not %1").arg(shown(names[n])), this,
                                             [this, n] { labelCurrent(n, false); });
        no->setShortcut(QKeySequence(Qt::CTRL | (Qt::Key_1 + n)));
    }
    m_labelMenu->addSeparator();
    m_labelMenu->addAction(tr("Remove Labels of Selected"), this, [this] {
        if (const std::int64_t itemId = currentItem())
            for (const std::int64_t id : m_labels->labelIdsOfItem(itemId))
                m_labels->removeLabel(id);
    });
    m_labelMenu->addAction(tr("&Export Labels..."), this, &MainWindow::chooseExportLabels)
        ->setToolTip(tr("Write the labels as a GeoPackage and, if you like, a folder per label of chips for training"));
    m_labelMenu->addAction(tr("Show Labels Panel"), this, [this] {
        m_labelsDockWidget->show();
        m_labelsDockWidget->raise();
    });
}

std::int64_t MainWindow::currentItem() const
{
    // Only the grid the user is in: a key pressed on the map or in a table labels nothing
    // the user may not be looking at.
    QListView* view = m_archiveView->hasFocus() ? m_archiveView : m_resultsView->hasFocus() ? m_resultsView : nullptr;
    const QModelIndex index = view ? view->currentIndex() : QModelIndex();
    return index.isValid() ? index.data(ItemIdRole).toLongLong() : 0;
}

void MainWindow::labelCurrent(int nameIndex, bool positive)
{
    const QStringList names = m_labelsPanel->names();
    const std::int64_t itemId = currentItem();
    if (nameIndex >= names.size())
        return;
    if (!itemId || !m_session->store()) {
        m_message->showMessage(tr("Select a result first, then label it."), MessageBar::Level::Info);
        return;
    }
    labelItem(itemId, names[nameIndex], positive);
}

void MainWindow::labelItem(std::int64_t itemId, const QString& name, bool positive)
{
    std::optional<ItemRecord> item;
    guarded([&] { item = m_session->store()->item(itemId); }, [this](const QString& message) { showError(message); });
    if (!item)
        return;
    Label label;
    label.name = name.toStdString();
    label.positive = positive;
    label.sourcePath = item->path;
    label.window = item->window;
    label.itemId = item->id;
    label.footprint = item->footprint;
    // What it was found under: the model, the query and its score there (when it is a result).
    if (const auto backend = m_session->backend()) {
        const ModelRecord model = backend->identity();
        label.model = model.name + " (" + model.fingerprint + ")";
    }
    // The query and the score it has there, when the results shown are of this query (not
    // while a changed query is still being ranked).
    if (!m_session->query().empty() && m_session->isCurrent()) {
        label.query = queryToJson(m_session->savedQuery());
        for (int row = 0; row < m_results->rowCount(); ++row)
            if (m_results->itemIdAt(row) == itemId)
                label.score = double(m_results->hitAt(row)->score);
    }
    m_labels->setLabel(label);
    m_message->showMessage(positive ? tr("Labelled %1 as %2.").arg(m_results->pathOf(itemId), name)
                                    : tr("Labelled %1 as not %2.").arg(m_results->pathOf(itemId), name),
                           MessageBar::Level::Info);
}

void MainWindow::chooseExportLabels()
{
    const QString index = m_labels->indexPath();
    if (index.isEmpty() || m_labels->labels().empty()) {
        m_message->showMessage(tr("There are no labels to export: label results first (keys 1 to 9)."),
                               MessageBar::Level::Info);
        return;
    }
    QString gpkg = QFileDialog::getSaveFileName(this, tr("Export Labels"), QString(), tr("GeoPackage (*.gpkg)"));
    if (gpkg.isEmpty())
        return;
    if (!gpkg.endsWith(QStringLiteral(".gpkg"), Qt::CaseInsensitive))
        gpkg += QStringLiteral(".gpkg");
    QString chips;
    if (QMessageBox::question(this, tr("Export Labels"),
                              tr("Also write each label's window as a GeoTIFF chip, in a folder per label with a "
                                 "manifest, as classifier and detector trainers read them?")) == QMessageBox::Yes) {
        chips = QFileDialog::getExistingDirectory(this, tr("Write the Chips into a Folder"));
        if (chips.isEmpty())
            return;
    }
    exportLabels(gpkg, chips);
}

bool MainWindow::exportLabels(const QString& gpkg, const QString& chips)
{
    const QString index = m_labels->indexPath();
    const std::vector<Label> labels = m_labels->labels();
    if (index.isEmpty() || labels.empty())
        return false;
    // The file dialog asked about the GeoPackage; chips that would be replaced are asked about here.
    bool replace = QFileInfo::exists(gpkg);
    if (!chips.isEmpty()) {
        int existing = 0;
        for (const auto& file : labelChipFiles(chips.toStdString(), labels))
            existing += QFileInfo::exists(QString::fromStdString(file.string()));
        if (existing > 0 &&
            QMessageBox::question(this, tr("Replace Chips?"),
                                  tr("%n file(s) of these chips are in %1 already. Replace them?", nullptr, existing)
                                      .arg(QDir::toNativeSeparators(chips))) != QMessageBox::Yes)
            return false;
        replace = replace || existing > 0;
    }
    const int count = static_cast<int>(labels.size());
    auto missing = std::make_shared<std::size_t>(0);
    auto* job = new FunctionJob(tr("Exporting %n label(s)", nullptr, count), [=](Progress& progress) {
        if (!chips.isEmpty()) {
            const auto store = IndexStore::open(index.toStdString(), false, true);
            *missing = exportLabelChips(chips.toStdString(), labels, *store, replace, &progress).missing.size();
        }
        writeLabelsGeoPackage(gpkg.toStdString(), labels, replace);
    });
    connect(job, &Job::finished, this, [this, gpkg, chips, count, missing] {
        QString text = tr("Exported %n label(s) to %1.", nullptr, count).arg(QDir::toNativeSeparators(gpkg));
        if (!chips.isEmpty())
            text += QLatin1Char(' ') + tr("Chips in %1; %n could not be cut (see manifest.csv).", nullptr,
                                          static_cast<int>(*missing))
                                           .arg(QDir::toNativeSeparators(chips));
        log(text);
        m_message->showMessage(text, *missing ? MessageBar::Level::Warning : MessageBar::Level::Info);
    });
    connect(job, &Job::failed, this, [this](const QString& message) {
        showError(tr("The labels could not be exported: %1").arg(inUserLanguage(message)));
    });
    m_jobs->start(job);
    return true;
}

void MainWindow::addLabelMenu(QMenu& menu, std::int64_t itemId)
{
    QMenu* label = menu.addMenu(tr("Label"));
    const QStringList names = m_labelsPanel->names();
    const auto shown = [](QString name) { return name.replace(QLatin1Char('&'), QStringLiteral("&&")); };
    for (int n = 0; n < names.size(); ++n)
        label->addAction(tr("As %1").arg(shown(names[n])), this, [this, itemId, name = names[n]] { labelItem(itemId, name, true); })
            ->setShortcut(QKeySequence(Qt::Key_1 + n));
    for (int n = 0; n < names.size(); ++n)
        label->addAction(tr("As Not %1").arg(shown(names[n])), this,
                         [this, itemId, name = names[n]] { labelItem(itemId, name, false); })
            ->setShortcut(QKeySequence(Qt::CTRL | (Qt::Key_1 + n)));
    const auto ids = m_labels->labelIdsOfItem(itemId);
    if (!ids.empty()) {
        label->addSeparator();
        label->addAction(tr("Remove Its Labels"), this, [this, ids] {
            for (const std::int64_t id : ids)
                m_labels->removeLabel(id);
        });
    }
    label->setEnabled(m_labels->canStore() || !ids.empty());
}

} // namespace rscir::ui
