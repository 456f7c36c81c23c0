// MainWindow: the shown results as chips, written by a job.
#include "ui/shell/main_window.h"

#include "ui/common/errors.h"
#include "ui/jobs/jobs.h"
#include "ui/search/search_session.h"
#include "ui/shell/message_bar.h"

#include "core/index/chips.h"
#include "core/search/query_file.h"

#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QMessageBox>
#include <QPushButton>

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
    return ranked;
}

bool MainWindow::exportChips(const QString& folder, bool asSeen)
{
    std::vector<RankedItem> ranked;
    if (!guarded([&] { ranked = shownResults(); },
                 [this](const QString& message) { showError(tr("The chips could not be exported: %1").arg(message)); }) ||
        ranked.empty())
        return false;
    // What would be replaced is asked about first; the job then replaces only with consent.
    int existing = QFileInfo::exists(QDir(folder).filePath(QStringLiteral("chips.gpkg"))) ? 1 : 0;
    for (std::size_t i = 0; i < ranked.size(); ++i)
        existing += QFileInfo::exists(
            QDir(folder).filePath(QString::fromStdString(chipFileName(i + 1, ranked[i], asSeen))));
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

} // namespace rscir::ui
