#include "ui/search/item_models.h"

#include <QCoreApplication>

#include <algorithm>

#include "ui/archive/archive_service.h"
#include "ui/search/thumbnail_cache.h"

#include <QDateTime>
#include <QFileInfo>
#include <QLocale>

#include <cmath>
#include <QMimeData>

namespace rscir::ui {

namespace {

QString windowText(const Window& w)
{
    return QStringLiteral("%1, %2, %3 x %4").arg(w.x).arg(w.y).arg(w.width).arg(w.height);
}

QMimeData* itemMime(std::int64_t itemId)
{
    auto* mime = new QMimeData;
    mime->setData(QString::fromLatin1(kItemMimeType), QByteArray::number(static_cast<qlonglong>(itemId)));
    return mime;
}

} // namespace

ArchiveItemModel::ArchiveItemModel(ArchiveService* archive, ThumbnailCache* thumbnails, QObject* parent)
    : QAbstractListModel(parent), m_archive(archive), m_thumbnails(thumbnails)
{
    connect(m_thumbnails, &ThumbnailCache::thumbnailReady, this, &ArchiveItemModel::onThumbnail);
    connect(m_archive, &ArchiveService::pageReady, this, &ArchiveItemModel::onPage);
    connect(m_archive, &ArchiveService::countReady, this,
            [this](quint64 generation, const QString& filter, qint64 count) {
                if (generation != m_generation || filter != m_filter)
                    return;
                m_total = count;
                emit countChanged();
            });
}

void ArchiveItemModel::setGeneration(quint64 generation)
{
    m_generation = generation;
    refresh();
}

void ArchiveItemModel::setFilter(const QString& filter)
{
    if (filter == m_filter)
        return;
    m_filter = filter;
    refresh();
}

void ArchiveItemModel::refresh()
{
    beginResetModel();
    m_items.clear();
    m_rowOf.clear();
    m_total = m_generation ? -1 : 0;
    m_pageRequested = false;
    m_exhausted = m_generation == 0;
    endResetModel();
    emit countChanged();
    if (m_generation) {
        m_archive->requestCount(m_generation, m_filter);
        fetchMore({});
    }
}

int ArchiveItemModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_items.size());
}

bool ArchiveItemModel::canFetchMore(const QModelIndex& parent) const
{
    return !parent.isValid() && m_generation && !m_pageRequested && !m_exhausted;
}

void ArchiveItemModel::fetchMore(const QModelIndex& parent)
{
    if (!canFetchMore(parent))
        return;
    m_pageRequested = true;
    m_archive->requestPage(m_generation, m_filter, m_items.empty() ? 0 : m_items.back().id, kPageSize);
}

void ArchiveItemModel::onPage(quint64 generation, const QString& filter, qint64 afterId,
                              const std::vector<ItemRecord>& page)
{
    const qint64 expectedAfter = m_items.empty() ? 0 : m_items.back().id;
    if (generation != m_generation || filter != m_filter || afterId != expectedAfter || !m_pageRequested)
        return; // a page of an earlier filter or archive
    m_pageRequested = false;
    if (static_cast<int>(page.size()) < kPageSize)
        m_exhausted = true;
    if (page.empty())
        return;
    const int first = static_cast<int>(m_items.size());
    beginInsertRows({}, first, first + static_cast<int>(page.size()) - 1);
    for (const auto& item : page) {
        m_rowOf.insert(item.id, static_cast<int>(m_items.size()));
        m_items.push_back(item);
    }
    endInsertRows();
}

QVariant ArchiveItemModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= static_cast<int>(m_items.size()))
        return {};
    const ItemRecord& item = m_items[static_cast<std::size_t>(index.row())];
    switch (role) {
    case Qt::DisplayRole: return QString::fromStdString(item.label()); // the window, for a raster's tiles
    case Qt::DecorationRole: return m_thumbnails->thumbnail(item.id);
    case Qt::ToolTipRole: {
        QString tip = tr("%1\nWindow: %2\nItem %3")
                          .arg(QString::fromStdString(item.path), windowText(item.window))
                          .arg(item.id);
        if (const QStringList labels = m_labeller ? m_labeller(item.id) : QStringList(); !labels.isEmpty())
            tip += QLatin1Char('\n') + tr("Labels: %1").arg(labelsInWords(labels));
        return tip;
    }
    case Qt::AccessibleTextRole: return QString::fromStdString(item.path);
    case ItemIdRole: return QVariant::fromValue(static_cast<qlonglong>(item.id));
    case PathRole: return QString::fromStdString(item.path);
    case LabelRole: return m_labeller ? m_labeller(item.id) : QStringList();
    default: return {};
    }
}

QString labelsInWords(const QStringList& signedLabels)
{
    QStringList words;
    for (const QString& label : signedLabels)
        words << (label.startsWith(kNegativeLabel)
                      ? QCoreApplication::translate("rscir::ui::LabelService", "not %1", "a negative label").arg(label.mid(1))
                      : label.mid(1));
    return words.join(QStringLiteral(", "));
}

void ArchiveItemModel::setLabeller(Labeller labeller)
{
    m_labeller = std::move(labeller);
    if (!m_items.empty())
        emit dataChanged(index(0), index(static_cast<int>(m_items.size()) - 1), {LabelRole, Qt::ToolTipRole});
}

Qt::ItemFlags ArchiveItemModel::flags(const QModelIndex& index) const
{
    return QAbstractListModel::flags(index) | (index.isValid() ? Qt::ItemIsDragEnabled : Qt::NoItemFlags);
}

QStringList ArchiveItemModel::mimeTypes() const
{
    return {QString::fromLatin1(kItemMimeType)};
}

QMimeData* ArchiveItemModel::mimeData(const QModelIndexList& indexes) const
{
    if (indexes.isEmpty())
        return nullptr;
    return itemMime(m_items[static_cast<std::size_t>(indexes.front().row())].id);
}

void ArchiveItemModel::onThumbnail(std::int64_t itemId)
{
    const auto it = m_rowOf.constFind(itemId);
    if (it == m_rowOf.constEnd())
        return;
    const QModelIndex cell = index(*it);
    emit dataChanged(cell, cell, {Qt::DecorationRole});
}

ResultsModel::ResultsModel(ThumbnailCache* thumbnails, QObject* parent)
    : QAbstractListModel(parent), m_thumbnails(thumbnails)
{
    connect(m_thumbnails, &ThumbnailCache::thumbnailReady, this, [this](std::int64_t itemId) {
        const auto it = m_rowOf.constFind(itemId);
        if (it != m_rowOf.constEnd())
            emit dataChanged(index(*it), index(*it), {Qt::DecorationRole});
    });
}

void ResultsModel::setHits(const std::vector<Hit>& hits, const ArchiveEmbeddings* embeddings, IndexStore* store,
                           const std::vector<std::vector<std::int64_t>>* folded)
{
    if (store != m_store) {
        m_paths.clear();
        m_acquired.clear();
        m_store = store;
    }
    const int before = static_cast<int>(m_rows.size());
    const int after = static_cast<int>(hits.size());
    if (after < before) {
        beginRemoveRows({}, after, before - 1);
        m_rows.resize(static_cast<std::size_t>(after));
        endRemoveRows();
    }
    std::vector<Row> rows;
    rows.reserve(hits.size());
    for (std::size_t i = 0; i < hits.size(); ++i) {
        const Hit& hit = hits[i];
        rows.push_back({hit,
                        embeddings && hit.index < embeddings->size() ? embeddings->itemId(hit.index)
                                                                     : static_cast<std::int64_t>(hit.index),
                        folded && i < folded->size() ? (*folded)[i] : std::vector<std::int64_t>()});
    }
    if (after > before) {
        beginInsertRows({}, before, after - 1);
        m_rows = std::move(rows);
        endInsertRows();
    } else {
        m_rows = std::move(rows);
    }
    m_rowOf.clear();
    for (int r = 0; r < static_cast<int>(m_rows.size()); ++r)
        m_rowOf.insert(m_rows[static_cast<std::size_t>(r)].itemId, r);
    if (!m_rows.empty())
        emit dataChanged(index(0), index(static_cast<int>(m_rows.size()) - 1));
}

const Hit* ResultsModel::hitAt(int row) const
{
    return row >= 0 && row < static_cast<int>(m_rows.size()) ? &m_rows[static_cast<std::size_t>(row)].hit : nullptr;
}

std::int64_t ResultsModel::itemIdAt(int row) const
{
    return row >= 0 && row < static_cast<int>(m_rows.size()) ? m_rows[static_cast<std::size_t>(row)].itemId : 0;
}

int ResultsModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

QString ResultsModel::pathOf(std::int64_t itemId) const
{
    if (const QString* known = m_paths.find(itemId))
        return *known;
    QString path;
    if (m_store)
        if (const auto item = m_store->item(itemId)) {
            path = QString::fromStdString(item->path);
            // A window of a larger raster says where in it: "scene.tif @512,256".
            const std::string label = item->label();
            if (const auto at = label.rfind(" @"); at != std::string::npos)
                path += QString::fromStdString(label.substr(at));
        }
    m_paths.put(itemId, path, sizeof(std::int64_t) + static_cast<std::size_t>(path.size()) * sizeof(QChar));
    m_paths.trim();
    return path;
}

QString ResultsModel::acquiredOf(std::int64_t itemId) const
{
    // Asked for on hover only: two lookups by key on the index's reading connection, once
    // per item and index (kept as the item's label is).
    if (!m_store)
        return {};
    if (const QString* known = m_acquired.find(itemId))
        return *known;
    const auto item = m_store->item(itemId);
    const auto source = item ? m_store->source(item->sourceId) : std::nullopt;
    QString text;
    if (source && !source->meta.acquired.empty()) {
        const QDateTime when = QDateTime::fromString(QString::fromStdString(source->meta.acquired), Qt::ISODate);
        text = QLocale().toString(when.toLocalTime(), QLocale::ShortFormat);
    }
    m_acquired.put(itemId, text, sizeof(std::int64_t) + static_cast<std::size_t>(text.size()) * sizeof(QChar));
    m_acquired.trim();
    return text;
}

namespace {

/// A score or similarity in `digits` decimals; a small one (BASIC's products are often below
/// 0.01) in as many significant digits, so that it never reads 0.000.
QString scoreText(float value, int digits)
{
    const double v = value;
    return std::fabs(v) >= 0.01 || v == 0 ? QLocale().toString(v, 'f', digits) : QLocale().toString(v, 'g', digits);
}

} // namespace

QVariant ResultsModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= static_cast<int>(m_rows.size()))
        return {};
    const Row& row = m_rows[static_cast<std::size_t>(index.row())];
    switch (role) {
    case Qt::DisplayRole:
        if (!row.folded.empty()) // "+3": three more results at this place
            return tr("#%1  %2  +%3", "rank, score, results folded under it")
                .arg(index.row() + 1)
                .arg(scoreText(row.hit.score, 3))
                .arg(QLocale().toString(qulonglong(row.folded.size())));
        return QStringLiteral("#%1  %2").arg(index.row() + 1).arg(scoreText(row.hit.score, 3));
    case Qt::DecorationRole: return m_thumbnails->thumbnail(row.itemId);
    case Qt::ToolTipRole: {
        QString tip = tr("<b>#%1</b> %2<br>Score: %3<br>Image similarity: %4 (normalised %5)<br>"
                  "Text similarity: %6 (normalised %7)")
            .arg(index.row() + 1)
            .arg(pathOf(row.itemId).toHtmlEscaped())
            .arg(scoreText(row.hit.score, 4))
            .arg(scoreText(row.hit.imageSimilarity, 4))
            .arg(scoreText(row.hit.imageNormalised, 4))
            .arg(scoreText(row.hit.textSimilarity, 4))
            .arg(scoreText(row.hit.textNormalised, 4));
        if (!row.folded.empty()) {
            // The items at this place, best first: the first few by name.
            QStringList names;
            for (std::size_t i = 0; i < std::min<std::size_t>(row.folded.size(), 5); ++i)
                names << pathOf(row.folded[i]).toHtmlEscaped();
            if (row.folded.size() > 5)
                names << QStringLiteral("\u2026");
            tip += QStringLiteral("<br>") +
                   tr("%n more result(s) at this place, folded under this one: %1", nullptr,
                      static_cast<int>(row.folded.size()))
                       .arg(names.join(QStringLiteral(", ")));
        }
        if (const QString acquired = acquiredOf(row.itemId); !acquired.isEmpty())
            tip += QStringLiteral("<br>") + tr("Acquired: %1").arg(acquired.toHtmlEscaped());
        if (const QStringList labels = m_labeller ? m_labeller(row.itemId) : QStringList(); !labels.isEmpty())
            tip += QStringLiteral("<br>") + tr("Labels: %1").arg(labelsInWords(labels).toHtmlEscaped());
        if (m_positives)
            tip += QStringLiteral("<br><b>%1</b>")
                       .arg(isPositive(row.itemId) ? tr("\u2713 A positive of the benchmark query")
                                                   : tr("\u2717 Not a positive of the benchmark query"));
        return tip;
    }
    case Qt::AccessibleTextRole: return tr("Rank %1: %2").arg(index.row() + 1).arg(pathOf(row.itemId));
    case ItemIdRole: return QVariant::fromValue(static_cast<qlonglong>(row.itemId));
    case RankRole: return index.row() + 1;
    case ScoreRole: return double(row.hit.score);
    case PathRole: // the file itself (Copy Path), without the window
        if (m_store)
            if (const auto item = m_store->item(row.itemId))
                return QString::fromStdString(item->path);
        return {};
    case MarkRole: return m_marker ? m_marker(row.itemId) : 0;
    case LabelRole: return m_labeller ? m_labeller(row.itemId) : QStringList();
    case PositiveRole: return m_positives ? QVariant(isPositive(row.itemId)) : QVariant();
    case FoldedRole: {
        QVariantList ids;
        for (const std::int64_t id : row.folded)
            ids << QVariant::fromValue(static_cast<qlonglong>(id));
        return ids;
    }
    default: return {};
    }
}

void ResultsModel::setMarker(std::function<int(std::int64_t)> marker)
{
    m_marker = std::move(marker);
    refreshMarks();
}

void ResultsModel::setLabeller(Labeller labeller)
{
    m_labeller = std::move(labeller);
    if (!m_rows.empty())
        emit dataChanged(index(0), index(static_cast<int>(m_rows.size()) - 1), {LabelRole, Qt::ToolTipRole});
}

void ResultsModel::setPositives(std::optional<std::vector<std::int64_t>> positives)
{
    m_positives = std::move(positives);
    if (!m_rows.empty())
        emit dataChanged(index(0), index(static_cast<int>(m_rows.size()) - 1), {PositiveRole, Qt::ToolTipRole});
}

bool ResultsModel::isPositive(std::int64_t itemId) const
{
    return m_positives && std::binary_search(m_positives->begin(), m_positives->end(), itemId);
}

int ResultsModel::positivesShown() const
{
    if (!m_positives)
        return 0;
    return static_cast<int>(
        std::count_if(m_rows.begin(), m_rows.end(), [this](const Row& row) { return isPositive(row.itemId); }));
}

void ResultsModel::refreshMarks()
{
    if (!m_rows.empty())
        emit dataChanged(index(0), index(static_cast<int>(m_rows.size()) - 1), {MarkRole});
}

Qt::ItemFlags ResultsModel::flags(const QModelIndex& index) const
{
    return QAbstractListModel::flags(index) | (index.isValid() ? Qt::ItemIsDragEnabled : Qt::NoItemFlags);
}

QStringList ResultsModel::mimeTypes() const
{
    return {QString::fromLatin1(kItemMimeType)};
}

QMimeData* ResultsModel::mimeData(const QModelIndexList& indexes) const
{
    if (indexes.isEmpty())
        return nullptr;
    return itemMime(itemIdAt(indexes.front().row()));
}

} // namespace rscir::ui
