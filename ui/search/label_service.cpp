#include "ui/search/label_service.h"

#include "core/index/index_store.h"
#include "ui/common/background.h"
#include "ui/common/errors.h"
#include "ui/search/item_models.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFileInfo>
#include <QFutureWatcher>
#include <QSettings>
#include <QStandardPaths>

namespace rscir::ui {

namespace {

QString settingsKey(const QString& index)
{
    // Paths hold slashes, which QSettings reads as groups: a hash names the index instead.
    return QStringLiteral("labels/sideFile/") +
           QString::fromLatin1(QCryptographicHash::hash(index.toUtf8(), QCryptographicHash::Sha1).toHex());
}

struct Outcome {
    std::shared_ptr<void> snapshot;
    QString error;
};

} // namespace

LabelService::LabelService(QObject* parent) : QObject(parent) { }

LabelService::~LabelService()
{
    flush();
}

QString LabelService::suggestedSideFile(const QString& indexPath)
{
    const QString folder = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + "/labels";
    return QString::fromStdString(LabelStore::sideFileFor(indexPath.toStdString(), folder.toStdString()).string());
}

void LabelService::setIndex(const QString& indexPath)
{
    if (indexPath == m_index) {
        // Opened again (after an indexing run): the labels stay, the items they name are found anew.
        if (!indexPath.isEmpty())
            reload();
        return;
    }
    // What was asked of the previous index is still written to it, in the background.
    ++m_generation;
    m_index = indexPath;
    m_labels.clear();
    m_items.clear();
    m_rowsOfItem.clear();
    m_readOnly = !indexPath.isEmpty() && !LabelStore::indexTakesLabels(indexPath.toStdString());
    m_sideFile = m_readOnly ? QSettings().value(settingsKey(indexPath)).toString() : QString();
    emit changed();
    if (!indexPath.isEmpty())
        reload();
}

void LabelService::useSideFile(const QString& file)
{
    ++m_generation;
    m_sideFile = file;
    m_labels.clear();
    m_items.clear();
    m_rowsOfItem.clear();
    emit changed();
    // Made (or checked) now: remembered for this index once it proved to be one.
    enqueue([](LabelStore&) {}, true);
}

void LabelService::setLabel(const Label& label)
{
    enqueue([label](LabelStore& store) { store.set(label); });
}

void LabelService::removeLabel(std::int64_t id)
{
    enqueue([id](LabelStore& store) { store.remove(id); });
}

void LabelService::reload()
{
    enqueue(nullptr);
}

void LabelService::enqueue(Operation operation, bool checksSideFile)
{
    if (m_index.isEmpty())
        return;
    if (operation && !canStore()) {
        emit failed(tr("Labels cannot be stored in %1: it is on storage this account may not write. Choose a side file "
                       "for them in the Labels panel.")
                        .arg(QDir::toNativeSeparators(m_index)));
        return;
    }
    m_waiting.push_back({m_index, m_sideFile, std::move(operation), m_generation, checksSideFile});
    runNext();
}

std::shared_ptr<LabelService::Snapshot> LabelService::perform(const Task& task, QString& error)
{
    auto snapshot = std::make_shared<Snapshot>();
    guarded(
        [&] {
            const std::string indexFile = task.index.toStdString();
            const std::string side = task.sideFile.toStdString();
            if (task.operation) {
                const auto store =
                    side.empty() ? LabelStore::inIndex(indexFile) : LabelStore::inSideFile(side, indexFile);
                task.operation(*store);
            }
            if (!side.empty() && !QFileInfo::exists(task.sideFile))
                return; // nothing labelled yet
            snapshot->labels = LabelStore::read(side.empty() ? indexFile : side, indexFile);
            // Each label names a place; the item there now (an index made anew has new ids).
            const auto items = IndexStore::open(indexFile, false, true);
            for (const Label& l : snapshot->labels) {
                std::int64_t id = 0;
                if (const auto item = l.itemId ? items->item(l.itemId) : std::nullopt;
                    item && item->path == l.sourcePath && item->window == l.window)
                    id = item->id;
                else
                    id = items->findItem(l.sourcePath, l.window).value_or(0);
                snapshot->items.push_back(id);
            }
        },
        [&](const QString& message) { error = message; });
    return snapshot;
}

void LabelService::runNext()
{
    if (m_running || m_waiting.empty())
        return;
    m_running = true;
    Task task = std::move(m_waiting.front());
    m_waiting.pop_front();
    auto* watcher = new QFutureWatcher<Outcome>(this);
    connect(watcher, &QFutureWatcher<Outcome>::finished, this, [this, watcher, task] {
        watcher->deleteLater();
        const Outcome outcome = watcher->result();
        m_running = false;
        take(task, std::static_pointer_cast<Snapshot>(outcome.snapshot), outcome.error);
        runNext();
    });
    watcher->setFuture(background::run([task] {
        Outcome outcome;
        outcome.snapshot = perform(task, outcome.error);
        return outcome;
    }));
}

void LabelService::take(const Task& task, const std::shared_ptr<Snapshot>& snapshot, const QString& error)
{
    if (!error.isEmpty())
        emit failed(tr("Labels: %1").arg(error));
    if (task.generation != m_generation)
        return; // of an index or side file no longer shown
    if (!error.isEmpty()) {
        if (task.checksSideFile) {
            // Not a file labels can be kept in: forgotten, and nothing shown as if it were.
            QSettings().remove(settingsKey(task.index));
            m_sideFile.clear();
            ++m_generation;
            emit changed();
        }
        return;
    }
    if (task.checksSideFile)
        QSettings().setValue(settingsKey(task.index), task.sideFile);
    m_labels = std::move(snapshot->labels);
    m_items = std::move(snapshot->items);
    m_rowsOfItem.clear();
    for (std::size_t row = 0; row < m_items.size(); ++row)
        if (m_items[row])
            m_rowsOfItem[m_items[row]].push_back(row);
    emit changed();
}

void LabelService::flush()
{
    // The task that runs now finishes on the pool; its watcher reports it as usual. What
    // waits is written here: the window is closing.
    for (QFutureWatcher<Outcome>* watcher : findChildren<QFutureWatcher<Outcome>*>())
        watcher->waitForFinished();
    while (!m_waiting.empty()) {
        const Task task = std::move(m_waiting.front());
        m_waiting.pop_front();
        if (!task.operation)
            continue;
        QString error;
        perform(task, error);
        if (!error.isEmpty())
            emit failed(tr("Labels: %1").arg(error));
    }
}

QStringList LabelService::labelsOfItem(std::int64_t itemId) const
{
    QStringList out;
    for (const std::size_t row : m_rowsOfItem.value(itemId)) {
        const QString name = QString::fromStdString(m_labels[row].name);
        out << (m_labels[row].positive ? QLatin1Char('+') : kNegativeLabel) + name;
    }
    return out;
}

std::vector<std::int64_t> LabelService::labelIdsOfItem(std::int64_t itemId) const
{
    std::vector<std::int64_t> out;
    for (const std::size_t row : m_rowsOfItem.value(itemId))
        out.push_back(m_labels[row].id);
    return out;
}

} // namespace rscir::ui
