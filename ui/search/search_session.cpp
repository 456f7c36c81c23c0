#include "ui/search/search_session.h"

#include "core/base/error.h"
#include "core/base/progress.h"
#include "ui/models/encoder_backend.h"
#include "ui/models/encoder_service.h"
#include "ui/common/errors.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QStringList>

namespace rscir::ui {

SearchSession::SearchSession(ArchiveService* archive, EncoderService* encoder, QObject* parent)
    : QObject(parent), m_archive(archive), m_encoder(encoder)
{
    connect(m_archive, &ArchiveService::opened, this, &SearchSession::onOpened);
    connect(m_archive, &ArchiveService::openFailed, this, [this](const QString& path, const QString& message) {
        if (m_pendingOpen == 0)
            return;
        m_pendingOpen = 0;
        updatePending();
        emit error(tr("%1 could not be opened: %2").arg(QFileInfo(path).fileName(), message));
    });
    connect(m_archive, &ArchiveService::matrixReady, this, &SearchSession::onMatrix);
    connect(m_archive, &ArchiveService::footprintsReady, this, &SearchSession::onPlaces);
    connect(m_archive, &ArchiveService::footprintsFailed, this, [this](quint64 generation, const QString& message) {
        if (!m_info || generation != m_info->generation || m_places || m_placesFailed)
            return;
        m_placesFailed = true;
        if (m_distinct) {
            emit error(tr("Where the archive's items lie could not be read (%1): every result is listed.")
                           .arg(message));
            rerank();
            updatePending();
        }
    });
    connect(m_archive, &ArchiveService::matrixMissing, this, [this](quint64 generation, const QString& fingerprint) {
        if (!m_info || generation != m_info->generation || fingerprint.toStdString() != this->fingerprint())
            return;
        m_matrixPending = false;
        updatePending();
        emit embeddingsChanged();
        emit error(tr("This archive has no embeddings of the model %1 yet. Index the archive with it "
                      "(File > Index Folder) to search it.")
                       .arg(m_backend ? m_backend->modelName() : QString()));
    });
    connect(m_archive, &ArchiveService::matrixFailed, this,
            [this](quint64 generation, const QString& fingerprint, const QString& message) {
                if (!m_info || generation != m_info->generation || fingerprint.toStdString() != this->fingerprint())
                    return;
                m_matrixPending = false;
                updatePending();
                emit error(message);
            });
    connect(m_archive, &ArchiveService::scored, this, &SearchSession::onScored);
    connect(m_archive, &ArchiveService::needsEncoding, this,
            [this](quint64 generation, const QString& fingerprint, const QString& key) {
                if (!m_matrix || generation != m_matrix->generation || fingerprint.toStdString() != this->fingerprint())
                    return;
                for (const QueryTerm& term : m_query.terms)
                    if (term.kind == QueryTerm::Kind::File && scoreKey(term) == key) {
                        const ArchiveSettings settings =
                            m_info && m_info->settings ? *m_info->settings : ArchiveSettings{};
                        const auto resolution = matchedResolution();
                        m_encoder->requestImage(key, QString::fromStdString(term.path), settings.rasterOptions(),
                                                resolution ? std::optional<GroundScale>({*resolution, settings.tile})
                                                           : std::nullopt);
                        break;
                    }
            });
    connect(m_archive, &ArchiveService::termFailed, this,
            [this](quint64 generation, const QString& fingerprint, const QString& key, const QString& message) {
                if (m_matrix && generation == m_matrix->generation && fingerprint.toStdString() == this->fingerprint())
                    onTermFailed(key, message);
            });
    connectBasic();
    connectAreas();
    // A ranking that stays pending says so, with what it waits for, rather than showing
    // "Updating…" without end.
    m_stallTimer.setSingleShot(true);
    m_stallTimer.setInterval(kStallSeconds * 1000);
    connect(&m_stallTimer, &QTimer::timeout, this, &SearchSession::reportStall);
    // The encoder's own queue is part of "current": when it empties, look again.
    connect(m_encoder, &EncoderService::busyChanged, this, [this](bool) { updatePending(); });
    connect(m_encoder, &EncoderService::encoded, this, &SearchSession::onEncoded);
    connect(m_encoder, &EncoderService::encodeFailed, this,
            [this](const QString& fingerprint, const QString& key, const QString& message) {
                if (fingerprint.toStdString() == this->fingerprint())
                    onTermFailed(key, tr("The query could not be encoded: %1").arg(message));
            });
}

SearchSession::~SearchSession()
{
    m_basicWork->cancel(); // a text in context for BASIC stops at its next batch
}

std::string SearchSession::fingerprint() const
{
    return m_backend ? m_backend->identity().fingerprint : std::string();
}

// ---- the archive ----------------------------------------------------------------

void SearchSession::openIndex(const QString& path)
{
    m_pendingOpen = m_archive->open(QFileInfo(path).absoluteFilePath());
    updatePending();
}

void SearchSession::reopenIndex()
{
    if (m_info)
        openIndex(m_info->path);
}

void SearchSession::closeIndex()
{
    m_archive->close();
    m_info.reset();
    m_lookup.reset();
    m_archive->release(std::exchange(m_matrix, nullptr));
    m_scores.clear();
    m_pendingOpen = 0;
    dropRanking();
    emit archiveChanged();
    emit embeddingsChanged();
    updatePending();
}

void SearchSession::onOpened(const std::shared_ptr<const ArchiveInfo>& info)
{
    if (info->generation != m_pendingOpen)
        return; // an older opening, overtaken by a newer one
    m_pendingOpen = 0;
    std::unique_ptr<IndexStore> lookup;
    const bool ok = guarded([&] { lookup = IndexStore::open(info->path.toStdString(), false, true); },
                            [this](const QString& message) { emit error(message); });
    if (!ok) {
        updatePending();
        return;
    }
    // An item of another index is not an item of this one: it becomes its file when it
    // was a whole file, and otherwise leaves the query with a message.
    const std::string newPath = info->path.toStdString();
    bool changed = false;
    std::vector<QueryTerm> kept;
    for (QueryTerm term : m_query.terms) {
        if (term.kind != QueryTerm::Kind::Item || term.index == newPath) {
            kept.push_back(std::move(term));
            continue;
        }
        changed = true;
        bool whole = false;
        if (m_lookup)
            guarded(
                [&] {
                    if (const auto item = m_lookup->item(term.item))
                        if (const auto source = m_lookup->source(item->sourceId))
                            whole = item->window == Window{0, 0, source->facts.width, source->facts.height};
                },
                [](const QString&) {});
        if (whole && QFileInfo::exists(QString::fromStdString(term.path))) {
            QueryTerm file = QueryTerm::ofFile(term.path);
            file.avoided = term.avoided;
            emit information(tr("The query image %1 is now a file, which is not part of this archive.")
                                 .arg(QString::fromStdString(term.path)));
            kept.push_back(std::move(file));
        } else {
            emit information(tr("The query image %1 was an item of the previous archive and has been removed.")
                                 .arg(QString::fromStdString(term.source.empty() ? term.path : term.source)));
        }
    }
    if (changed) {
        m_query.terms = std::move(kept);
        m_undo.clear(); // earlier queries name items of the previous archive
    }
    // An outside file is read with the archive's raster options (bands, stretch): its
    // embedding from another archive's options is not this archive's.
    m_encoded.eraseIf([](const auto& key) { return key.second.startsWith(QLatin1String("file:")); });
    m_info = info;
    m_places.reset();
    m_placesFailed = false;
    if (m_distinct && m_info)
        m_archive->loadFootprints(m_info->generation);
    m_lookup = std::move(lookup);
    m_archive->release(std::exchange(m_matrix, nullptr));
    m_scores.clear();
    dropRanking();
    emit archiveChanged();
    emit queryChanged();
    emit embeddingsChanged();
    if (!info->notice.isEmpty())
        emit information(info->notice);
    requestMatrix();
    updatePending();
}

void SearchSession::requestMatrix()
{
    if (!m_info || !m_backend) {
        m_matrixPending = false;
        return;
    }
    m_matrixPending = true;
    m_archive->loadMatrix(m_info->generation, m_backend->identity());
}

void SearchSession::onMatrix(const std::shared_ptr<const ArchiveMatrix>& matrix)
{
    if (!m_info || matrix->generation != m_info->generation || matrix->fingerprint != fingerprint() ||
        matrix->activation != m_backend->identity().activation)
        return;
    m_matrixPending = false;
    m_archive->release(std::exchange(m_matrix, matrix));
    m_scores.clear();
    dropRanking();
    emit embeddingsChanged();
    requestArea();
    requestTerms();
    updatePending();
}

// ---- the model ------------------------------------------------------------------

void SearchSession::setBackend(std::shared_ptr<EncoderBackend> backend)
{
    m_backend = std::move(backend);
    m_encoder->setBackend(m_backend);
    // Nothing of the previous model may be shown or mixed in: its matrix, its scores.
    m_archive->release(std::exchange(m_matrix, nullptr));
    m_scores.clear();
    m_pendingTerms.clear();
    dropRanking();
    emit embeddingsChanged();
    requestMatrix();
    updatePending();
}

// ---- the query ------------------------------------------------------------------

void SearchSession::changeQuery(const std::function<void(Query&)>& change)
{
    Query next = m_query;
    change(next);
    if (next == m_query)
        return;
    m_undo.push_back(m_query);
    if (m_undo.size() > 100)
        m_undo.erase(m_undo.begin());
    m_query = std::move(next);
    queryReplaced();
}

void SearchSession::queryReplaced()
{
    emit queryChanged();
    if (anchored())
        updateRestriction(); // the same place or a relative time: of the new query
    requestTerms(); // scores the new terms; rebuilds
    updatePending();
}

bool SearchSession::undo()
{
    if (m_undo.empty())
        return false;
    m_query = std::move(m_undo.back());
    m_undo.pop_back();
    queryReplaced();
    return true;
}

void SearchSession::setQuery(const Query& query)
{
    changeQuery([&](Query& q) { q = query; });
}

std::optional<QueryTerm> SearchSession::itemTerm(std::int64_t itemId) const
{
    if (!m_info)
        return std::nullopt;
    QueryTerm term = QueryTerm::ofItem(m_info->path.toStdString(), itemId);
    if (m_lookup)
        guarded(
            [&] {
                if (const auto item = m_lookup->item(itemId)) {
                    term.path = m_lookup->sourceFile(item->path).string();
                    term.source = item->path;
                    term.window = {item->window.x, item->window.y, item->window.width, item->window.height};
                }
            },
            [](const QString&) {});
    return term;
}

void SearchSession::addItemTerm(std::int64_t itemId, bool avoided)
{
    auto term = itemTerm(itemId);
    if (!term)
        return;
    term->avoided = avoided;
    changeQuery([&](Query& q) {
        const auto it = std::find_if(q.terms.begin(), q.terms.end(),
                                     [&](const QueryTerm& t) { return t.key() == term->key(); });
        if (it != q.terms.end())
            it->avoided = avoided;
        else
            q.terms.push_back(*term);
    });
}

void SearchSession::addImageFileTerm(const QString& path, bool avoided)
{
    QueryTerm term = QueryTerm::ofFile(QFileInfo(path).absoluteFilePath().toStdString());
    term.avoided = avoided;
    changeQuery([&](Query& q) {
        if (std::none_of(q.terms.begin(), q.terms.end(), [&](const QueryTerm& t) { return t == term; }))
            q.terms.push_back(term);
    });
}

void SearchSession::addTextTerm(const QString& text, bool avoided)
{
    const QString trimmed = text.trimmed();
    if (trimmed.isEmpty())
        return;
    QueryTerm term = QueryTerm::ofText(trimmed.toStdString());
    term.avoided = avoided;
    changeQuery([&](Query& q) {
        if (std::none_of(q.terms.begin(), q.terms.end(), [&](const QueryTerm& t) { return t == term; }))
            q.terms.push_back(term);
    });
}

void SearchSession::removeTerm(int index)
{
    if (index < 0 || index >= static_cast<int>(m_query.terms.size()))
        return;
    changeQuery([&](Query& q) { q.terms.erase(q.terms.begin() + index); });
}

void SearchSession::setTermAvoided(int index, bool avoided)
{
    if (index < 0 || index >= static_cast<int>(m_query.terms.size()))
        return;
    changeQuery([&](Query& q) { q.terms[static_cast<std::size_t>(index)].avoided = avoided; });
}

int SearchSession::termMark(std::int64_t itemId) const
{
    if (!m_info)
        return 0;
    const std::string index = m_info->path.toStdString();
    for (const QueryTerm& t : m_query.terms)
        if (t.kind == QueryTerm::Kind::Item && t.item == itemId && t.index == index)
            return t.avoided ? -1 : 1;
    return 0;
}

QString SearchSession::scoreKey(const QueryTerm& term) const
{
    // A query image resampled to the archive's resolution is another image: its own scores.
    const QString key = QString::fromStdString(term.key());
    const auto resolution = matchedResolution();
    return resolution && term.kind == QueryTerm::Kind::File
               ? key + QStringLiteral("\n@") + QString::fromStdString(metresText(*resolution))
               : key;
}

std::optional<double> SearchSession::matchedResolution() const
{
    return m_matchGsd && m_info ? m_info->groundResolution : std::nullopt;
}

void SearchSession::setMatchGsd(bool on)
{
    if (on == m_matchGsd)
        return;
    m_matchGsd = on;
    if (std::any_of(m_query.terms.begin(), m_query.terms.end(),
                    [](const QueryTerm& t) { return t.kind == QueryTerm::Kind::File; }))
        requestTerms();
}

Query SearchSession::bindQuery(const Query& query, QStringList* dropped) const
{
    Query bound;
    for (const QueryTerm& term : query.terms) {
        if (term.kind != QueryTerm::Kind::Item) {
            bound.terms.push_back(term);
            continue;
        }
        std::optional<std::int64_t> id;
        if (m_lookup)
            guarded(
                [&] {
                    id = m_lookup->findItem(term.source,
                                            Window{term.window[0], term.window[1], term.window[2], term.window[3]});
                },
                [](const QString&) {});
        if (auto item = id ? itemTerm(*id) : std::nullopt) {
            item->avoided = term.avoided;
            bound.terms.push_back(std::move(*item));
        } else if (dropped) {
            dropped->append(QString::fromStdString(term.source));
        }
    }
    return bound;
}

void SearchSession::setImageTerm(std::optional<QueryTerm> term)
{
    changeQuery([&](Query& q) { q.setImage(std::move(term)); });
}

void SearchSession::setQueryItem(std::int64_t itemId)
{
    if (auto term = itemTerm(itemId))
        setImageTerm(std::move(*term));
}

void SearchSession::setQueryImageFile(const QString& path)
{
    setImageTerm(QueryTerm::ofFile(QFileInfo(path).absoluteFilePath().toStdString()));
}

void SearchSession::clearQueryImage()
{
    setImageTerm(std::nullopt);
}

void SearchSession::setQueryText(const QString& text)
{
    const QString trimmed = text.trimmed();
    if (trimmed == queryText())
        return;
    changeQuery([&](Query& q) { q.setText(trimmed.toStdString()); });
}

QString SearchSession::queryImageLabel() const
{
    const QueryTerm* image = m_query.image();
    if (!image)
        return {};
    if (image->kind == QueryTerm::Kind::Item && image->path.empty())
        return tr("Item %1").arg(image->item);
    if (image->kind == QueryTerm::Kind::Item && m_info)
        return QDir(m_info->root).relativeFilePath(QString::fromStdString(image->path));
    return QFileInfo(QString::fromStdString(image->path)).fileName();
}

std::optional<std::int64_t> SearchSession::queryItem() const
{
    const QueryTerm* image = m_query.image();
    if (image && image->kind == QueryTerm::Kind::Item)
        return image->item;
    return std::nullopt;
}

QString SearchSession::queryImagePath() const
{
    const QueryTerm* image = m_query.image();
    return image && image->kind == QueryTerm::Kind::File ? QString::fromStdString(image->path) : QString();
}

QString SearchSession::queryText() const
{
    const QueryTerm* text = m_query.text();
    return text ? QString::fromStdString(text->text) : QString();
}

bool SearchSession::hasImage() const
{
    const QueryTerm* image = m_query.image();
    return image && m_scores.count(QString::fromStdString(image->key()));
}

bool SearchSession::hasText() const
{
    const QueryTerm* text = m_query.text();
    return text && m_scores.count(QString::fromStdString(text->key()));
}

void SearchSession::requestTerms()
{
    // What the query no longer holds is not waited for, and not encoded.
    std::set<QString> wanted;
    for (const QueryTerm& term : m_query.terms)
        wanted.insert(scoreKey(term));
    std::erase_if(m_pendingTerms, [&](const QString& key) { return !wanted.count(key); });
    m_encoder->keepOnly(wanted);
    for (const QueryTerm& term : m_query.terms)
        requestTerm(term);
    // A new query waits its own 20 s before it is said to stall.
    if (m_updating)
        m_stallTimer.start();
    rebuild();
}

void SearchSession::requestTerm(const QueryTerm& term)
{
    const QString key = scoreKey(term);
    if (!m_matrix || m_scores.count(key) || m_pendingTerms.count(key))
        return;
    m_pendingTerms.insert(key);
    if (const auto* embedding = m_encoded.find({fingerprint(), key})) {
        m_archive->score(m_matrix, key, *embedding);
        return;
    }
    switch (term.kind) {
    case QueryTerm::Kind::Item:
        if (!m_info || term.index != m_info->path.toStdString()) {
            m_pendingTerms.erase(key); // an item of another index is never re-bound here
            return;
        }
        m_archive->scoreItem(m_matrix, key, term.item);
        break;
    case QueryTerm::Kind::File: m_archive->scoreFile(m_matrix, key, QString::fromStdString(term.path)); break;
    case QueryTerm::Kind::Text: m_encoder->requestText(key, QString::fromStdString(term.text)); break;
    }
}

void SearchSession::onEncoded(const QString& fingerprint, const QString& key, const QVector<float>& values)
{
    if (fingerprint.toStdString() != this->fingerprint())
        return; // encoded by a model that is no longer the current one
    std::vector<float> embedding(values.begin(), values.end());
    m_encoded.put({fingerprint.toStdString(), key}, embedding, embedding.size() * sizeof(float));
    // Bounded in bytes; the terms of the query at hand stay.
    const auto inQuery = [&](const QString& termKey) {
        return std::any_of(m_query.terms.begin(), m_query.terms.end(),
                           [&](const QueryTerm& t) { return scoreKey(t) == termKey; });
    };
    m_encoded.trim([&](const auto& entry) { return inQuery(entry.second); });
    const bool wanted = inQuery(key);
    if (wanted && m_matrix)
        m_archive->score(m_matrix, key, std::move(embedding));
}

void SearchSession::onScored(const std::shared_ptr<const TermScores>& scores)
{
    if (!m_matrix || scores->generation != m_matrix->generation || scores->fingerprint != fingerprint())
        return;
    if (!scores->area.isEmpty()) {
        if (scores->area != m_areaKey)
            return; // the scores of an area that is no longer the current one
        m_pendingRestricted.erase(scores->key);
        m_restricted[scores->key] = scores;
        rebuild();
        updatePending();
        return;
    }
    m_pendingTerms.erase(scores->key);
    const bool wanted = std::any_of(m_query.terms.begin(), m_query.terms.end(),
                                    [&](const QueryTerm& t) { return scoreKey(t) == scores->key; });
    if (!wanted)
        return;
    m_scores[scores->key] = scores;
    requestRestriction(scores);
    rebuild();
    updatePending();
}

void SearchSession::onTermFailed(const QString& key, const QString& message)
{
    m_pendingTerms.erase(key);
    // A term that cannot be read or encoded leaves the query (an image well empty, not
    // "loading"); it is not an undoable change of the user's.
    const auto before = m_query.terms.size();
    std::erase_if(m_query.terms, [&](const QueryTerm& t) { return t.key() == key.toStdString(); });
    if (m_query.terms.size() == before)
        return; // a term that is no longer part of the query
    emit queryChanged();
    if (anchored())
        updateRestriction(); // the same place or a relative time: of what the query is now
    emit error(message);
    rebuild();
    updatePending();
}

} // namespace rscir::ui
