#include "ui/search_session.h"

#include "ui/encoder_service.h"
#include "core/base/error.h"

#include <QElapsedTimer>
#include <QFileInfo>

namespace rscir::ui {

SearchSession::SearchSession(EncoderService* encoder, QObject* parent) : QObject(parent), m_encoder(encoder)
{
    if (!m_encoder)
        return;
    connect(m_encoder, &EncoderService::textEncoded, this, [this](const QString& text, const QVector<float>& values) {
        if (text != m_text)
            return; // an older request finished after a newer one was made
        try {
            m_textEmbedding = Embedding(std::vector<float>(values.begin(), values.end()));
        } catch (const Error& e) {
            emit error(QString::fromStdString(e.what()));
            return;
        }
        rebuild();
    });
    connect(m_encoder, &EncoderService::imageEncoded, this, [this](const QString& path, const QVector<float>& values) {
        if (path != m_queryPath || m_queryItem)
            return;
        try {
            m_image = Embedding(std::vector<float>(values.begin(), values.end()));
        } catch (const Error& e) {
            emit error(QString::fromStdString(e.what()));
            return;
        }
        emit queryChanged();
        rebuild();
    });
    connect(m_encoder, &EncoderService::modelLoaded, this, &SearchSession::reloadEmbeddings);
}

SearchSession::~SearchSession() = default;

QString SearchSession::indexPath() const
{
    return m_store ? QString::fromStdString(m_store->path().string()) : QString();
}

bool SearchSession::openIndex(const QString& path)
{
    try {
        auto store = IndexStore::open(path.toStdString(), false, true);
        m_store = std::move(store);
    } catch (const Error& e) {
        emit error(QString::fromStdString(e.what()));
        return false;
    }
    reloadEmbeddings();
    return true;
}

void SearchSession::closeIndex()
{
    m_store.reset();
    m_embeddings.reset();
    m_session.reset();
    m_hits.clear();
    emit embeddingsChanged();
    emit resultsChanged();
}

void SearchSession::reloadEmbeddings()
{
    if (!m_store || !m_encoder || !m_encoder->backend())
        return;
    const ModelRecord identity = m_encoder->backend()->identity();
    const auto model = m_store->findModel(identity.fingerprint, identity.activation);
    if (!model) {
        m_embeddings.reset();
        m_session.reset();
        m_hits.clear();
        emit embeddingsChanged();
        emit resultsChanged();
        emit error(tr("This archive has no embeddings of the model %1 yet. Index the archive with it "
                      "(File > Index Folder) to search it.")
                       .arg(QString::fromStdString(identity.name)));
        return;
    }
    try {
        setEmbeddings(m_store->loadEmbeddings(model->id));
    } catch (const Error& e) {
        emit error(QString::fromStdString(e.what()));
    }
}

void SearchSession::setEmbeddings(LoadedEmbeddings embeddings)
{
    m_embeddings = std::make_unique<LoadedEmbeddings>(std::move(embeddings));
    // A query item keeps its place when its row moved.
    if (m_queryItem) {
        if (const auto row = m_embeddings->rowOf(*m_queryItem))
            m_image = Embedding(m_embeddings->matrix.row(*row));
    }
    emit embeddingsChanged();
    rebuild();
}

void SearchSession::setQueryItem(std::int64_t itemId)
{
    if (!m_embeddings)
        return;
    const auto row = m_embeddings->rowOf(itemId);
    if (!row) {
        emit error(tr("Item %1 has no embedding of the current model.").arg(itemId));
        return;
    }
    m_queryItem = itemId;
    m_queryPath.clear();
    m_image = Embedding(m_embeddings->matrix.row(*row));
    m_queryLabel = tr("Item %1").arg(itemId);
    if (m_store)
        if (const auto item = m_store->item(itemId))
            m_queryLabel = QString::fromStdString(item->path);
    emit queryChanged();
    rebuild();
}

void SearchSession::setQueryImageFile(const QString& path)
{
    // A file of the archive that is one item reuses its stored embedding.
    if (m_store && m_embeddings)
        if (const auto item = m_store->wholeFileItem(path.toStdString()); item && m_embeddings->rowOf(*item)) {
            setQueryItem(*item);
            return;
        }
    m_queryItem.reset();
    m_queryPath = path;
    m_queryLabel = QFileInfo(path).fileName();
    m_image = {};
    emit queryChanged();
    if (m_encoder) {
        std::vector<int> bands;
        if (m_store)
            if (const auto settings = m_store->settings())
                bands = settings->bands;
        m_encoder->requestImage(path, bands);
    }
}

void SearchSession::setQueryText(const QString& text)
{
    const QString trimmed = text.trimmed();
    if (trimmed == m_text && (!m_textEmbedding.empty() || trimmed.isEmpty()))
        return;
    m_text = trimmed;
    m_textEmbedding = {};
    if (trimmed.isEmpty()) {
        rebuild();
        return;
    }
    if (m_encoder)
        m_encoder->requestText(trimmed);
}

void SearchSession::clearQueryImage()
{
    m_queryItem.reset();
    m_queryPath.clear();
    m_queryLabel.clear();
    m_image = {};
    emit queryChanged();
    rebuild();
}

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

void SearchSession::rebuild()
{
    if (!m_embeddings || (m_image.empty() && m_textEmbedding.empty())) {
        m_session.reset();
        m_hits.clear();
        emit resultsChanged();
        return;
    }
    QElapsedTimer timer;
    timer.start();
    try {
        m_session = std::make_unique<QuerySession>(m_embeddings->matrix, &m_image, &m_textEmbedding);
    } catch (const Error& e) {
        m_session.reset();
        emit error(QString::fromStdString(e.what()));
        return;
    }
    m_lastQueryMs = static_cast<double>(timer.nsecsElapsed()) / 1e6;
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

std::int64_t SearchSession::itemIdOfRow(std::size_t row) const
{
    return m_embeddings && row < m_embeddings->itemIds.size() ? m_embeddings->itemIds[row] : 0;
}

std::optional<Hit> SearchSession::explain(std::int64_t itemId) const
{
    if (!m_session || !m_embeddings)
        return std::nullopt;
    const auto row = m_embeddings->rowOf(itemId);
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
