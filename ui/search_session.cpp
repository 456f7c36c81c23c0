#include "ui/search_session.h"

#include "core/base/error.h"
#include "ui/encoder_backend.h"
#include "ui/encoder_service.h"
#include "ui/errors.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>

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
                const QueryTerm* image = m_query.image();
                if (image && image->key() == key.toStdString())
                    m_encoder->requestImage(key, QString::fromStdString(image->path),
                                            m_info && m_info->settings ? m_info->settings->rasterOptions()
                                                                       : ArchiveSettings{}.rasterOptions());
            });
    connect(m_archive, &ArchiveService::termFailed, this,
            [this](quint64 generation, const QString& fingerprint, const QString& key, const QString& message) {
                if (m_matrix && generation == m_matrix->generation && fingerprint.toStdString() == this->fingerprint())
                    onTermFailed(key, message);
            });
    connect(m_encoder, &EncoderService::encoded, this, &SearchSession::onEncoded);
    connect(m_encoder, &EncoderService::encodeFailed, this,
            [this](const QString& fingerprint, const QString& key, const QString& message) {
                if (fingerprint.toStdString() == this->fingerprint())
                    onTermFailed(key, tr("The query could not be encoded: %1").arg(message));
            });
}

SearchSession::~SearchSession() = default;

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
    if (const QueryTerm* image = m_query.image(); image && image->kind == QueryTerm::Kind::Item &&
                                                  image->index != info->path.toStdString()) {
        bool whole = false;
        if (m_lookup)
            guarded(
                [&] {
                    if (const auto item = m_lookup->item(image->item))
                        if (const auto source = m_lookup->source(item->sourceId))
                            whole = item->window == Window{0, 0, source->facts.width, source->facts.height};
                },
                [](const QString&) {});
        if (whole && QFileInfo::exists(QString::fromStdString(image->path))) {
            const std::string path = image->path;
            m_query.setImage(QueryTerm::ofFile(path));
            emit information(tr("The query image is now the file %1, which is not part of this archive.")
                                 .arg(QString::fromStdString(path)));
        } else {
            emit information(tr("The query image was an item of the previous archive and has been removed."));
            m_query.setImage(std::nullopt);
        }
    }
    // An outside file is read with the archive's raster options (bands, stretch): its
    // embedding from another archive's options is not this archive's.
    std::erase_if(m_encoded, [](const auto& entry) { return entry.first.second.startsWith(QLatin1String("file:")); });
    m_info = info;
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

void SearchSession::setImageTerm(std::optional<QueryTerm> term)
{
    m_query.setImage(std::move(term));
    emit queryChanged();
    if (m_query.image())
        requestTerm(*m_query.image());
    rebuild();
    updatePending();
}

void SearchSession::setQueryItem(std::int64_t itemId)
{
    if (!m_info)
        return;
    std::string path;
    if (m_lookup)
        guarded(
            [&] {
                if (const auto item = m_lookup->item(itemId))
                    path = (std::filesystem::path(m_info->root.toStdString()) / item->path).string();
            },
            [](const QString&) {});
    setImageTerm(QueryTerm::ofItem(m_info->path.toStdString(), itemId, path));
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
    m_query.setText(trimmed.toStdString());
    if (m_query.text())
        requestTerm(*m_query.text());
    rebuild();
    updatePending();
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
    for (const QueryTerm& term : m_query.terms)
        requestTerm(term);
    rebuild();
}

void SearchSession::requestTerm(const QueryTerm& term)
{
    const QString key = QString::fromStdString(term.key());
    if (!m_matrix || m_scores.count(key) || m_pendingTerms.count(key))
        return;
    m_pendingTerms.insert(key);
    if (const auto it = m_encoded.find({fingerprint(), key}); it != m_encoded.end()) {
        m_archive->score(m_matrix, key, it->second);
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
    if (m_encoded.size() > 256)
        m_encoded.clear();
    m_encoded[{fingerprint.toStdString(), key}] = embedding;
    const bool wanted = std::any_of(m_query.terms.begin(), m_query.terms.end(),
                                    [&](const QueryTerm& t) { return t.key() == key.toStdString(); });
    if (wanted && m_matrix)
        m_archive->score(m_matrix, key, std::move(embedding));
}

void SearchSession::onScored(const std::shared_ptr<const TermScores>& scores)
{
    if (!m_matrix || scores->generation != m_matrix->generation || scores->fingerprint != fingerprint())
        return;
    m_pendingTerms.erase(scores->key);
    const bool wanted = std::any_of(m_query.terms.begin(), m_query.terms.end(),
                                    [&](const QueryTerm& t) { return t.key() == scores->key.toStdString(); });
    if (!wanted)
        return;
    m_scores[scores->key] = scores;
    rebuild();
    updatePending();
}

void SearchSession::onTermFailed(const QString& key, const QString& message)
{
    m_pendingTerms.erase(key);
    const QueryTerm* image = m_query.image();
    if (image && image->key() == key.toStdString()) {
        // A query image that cannot be read leaves the well empty, not "loading".
        m_query.setImage(std::nullopt);
        emit queryChanged();
    } else if (const QueryTerm* text = m_query.text(); text && text->key() == key.toStdString()) {
        m_query.setText({});
    } else {
        return; // a term that is no longer part of the query
    }
    emit error(message);
    rebuild();
    updatePending();
}

// ---- the ranking ----------------------------------------------------------------

void SearchSession::setMethod(Method method)
{
    if (method == m_method)
        return;
    m_method = method;
    rerank();
}

void SearchSession::setLambda(double lambda)
{
    lambda = std::clamp(lambda, 0.0, 1.0);
    if (lambda == m_lambda)
        return;
    m_lambda = lambda;
    rerank();
}

void SearchSession::setTopK(int k)
{
    if (k == m_topK || k < 1)
        return;
    m_topK = k;
    rerank();
}

void SearchSession::dropRanking()
{
    m_session.reset();
    m_pendingTerms.clear();
    if (!m_hits.empty()) {
        m_hits.clear();
        emit resultsChanged();
    }
}

void SearchSession::rebuild()
{
    const QueryTerm* image = m_query.image();
    const QueryTerm* text = m_query.text();
    std::shared_ptr<const ModalityScores> imageScores, textScores;
    double passMs = 0; // the slowest pass of the terms: what the user waited for at most
    if (image)
        if (const auto it = m_scores.find(QString::fromStdString(image->key())); it != m_scores.end()) {
            imageScores = it->second->scores;
            passMs = std::max(passMs, it->second->milliseconds);
        }
    if (text)
        if (const auto it = m_scores.find(QString::fromStdString(text->key())); it != m_scores.end()) {
            textScores = it->second->scores;
            passMs = std::max(passMs, it->second->milliseconds);
        }
    const bool complete = m_matrix && (image || text) && (!image || imageScores) && (!text || textScores);
    if (!complete) {
        // Until every term is scored, the previous ranking stays on screen marked as
        // updating; with no query at all, there is no ranking.
        if (!image && !text) {
            m_session.reset();
            m_hits.clear();
            emit resultsChanged();
        }
        return;
    }
    QElapsedTimer timer;
    timer.start();
    const std::size_t n = m_matrix->rows();
    if (!imageScores)
        imageScores = ModalityScores::missing(n);
    if (!textScores)
        textScores = ModalityScores::missing(n);
    m_session = std::make_unique<QuerySession>(imageScores, textScores);
    m_lastQueryMs = passMs + static_cast<double>(timer.nsecsElapsed()) / 1e6;
    rerank();
}

void SearchSession::rerank()
{
    if (!m_session)
        return;
    QElapsedTimer timer;
    timer.start();
    m_hits = m_session->rerank(m_method, m_lambda, static_cast<std::size_t>(m_topK));
    m_lastRerankMs = static_cast<double>(timer.nsecsElapsed()) / 1e6;
    emit resultsChanged();
}

bool SearchSession::isCurrent() const
{
    if (m_pendingOpen != 0 || m_matrixPending || !m_pendingTerms.empty() || m_encoder->isBusy())
        return false;
    if (!m_matrix)
        return true; // nothing to rank against (no index, no model, or no embeddings)
    for (const QueryTerm& term : m_query.terms)
        if (!term.avoided && !m_scores.count(QString::fromStdString(term.key())))
            return false;
    return true;
}

void SearchSession::updatePending()
{
    const bool updating = !isCurrent();
    if (updating != m_updating) {
        m_updating = updating;
        emit updatingChanged(updating);
    }
}

std::int64_t SearchSession::itemIdOfRow(std::size_t row) const
{
    const auto* e = embeddings();
    return e && row < e->size() ? e->itemId(row) : 0;
}

std::optional<Hit> SearchSession::explain(std::int64_t itemId) const
{
    const auto* e = embeddings();
    if (!m_session || !e)
        return std::nullopt;
    const auto row = e->indexOf(itemId);
    if (!row)
        return std::nullopt;
    return m_session->explain(*row, m_method, m_lambda);
}

std::vector<std::vector<Hit>> SearchSession::sweep(const std::vector<double>& lambdas, int k) const
{
    std::vector<std::vector<Hit>> rows;
    if (!m_session)
        return rows;
    for (double lambda : lambdas)
        rows.push_back(m_session->rerank(Method::WeiCom, lambda, static_cast<std::size_t>(k)));
    return rows;
}

} // namespace rscir::ui
