#pragma once
/// \file
/// The search state of one window: the open index, the current model's embedding
/// matrix, the query (an item or image file, and a text), and the cached query session.
/// Moving lambda or changing the method re-ranks the cached vectors on the GUI thread:
/// one O(N) fusion and a top-k selection, no model call.

#include "core/index/index_store.h"
#include "core/search/ranking.h"

#include <QObject>
#include <QString>

#include <memory>
#include <optional>

namespace rscir::ui {

class EncoderService;

class SearchSession : public QObject {
    Q_OBJECT
public:
    explicit SearchSession(EncoderService* encoder, QObject* parent = nullptr);
    ~SearchSession() override;

    /// Opens an index read-only for searching; emits error() and returns false on failure.
    bool openIndex(const QString& path);
    void closeIndex();
    IndexStore* store() const { return m_store.get(); }
    QString indexPath() const;
    /// Loads the embeddings of the encoder's model from the index (after a model loads
    /// or an indexing run adds items).
    void reloadEmbeddings();
    /// Searches these embeddings instead of an index's (benchmarks, tests).
    void setEmbeddings(LoadedEmbeddings embeddings);
    std::size_t searchableItems() const { return m_embeddings ? m_embeddings->matrix.rows() : 0; }
    const LoadedEmbeddings* embeddings() const { return m_embeddings.get(); }

    void setQueryItem(std::int64_t itemId);
    void setQueryImageFile(const QString& path);
    void setQueryText(const QString& text);
    void clearQueryImage();
    QString queryImageLabel() const { return m_queryLabel; }
    std::optional<std::int64_t> queryItem() const { return m_queryItem; }
    QString queryImagePath() const { return m_queryPath; }
    QString queryText() const { return m_text; }
    bool hasImage() const { return !m_image.empty(); }
    bool hasText() const { return !m_textEmbedding.empty(); }

    void setMethod(Method method);
    void setLambda(double lambda);
    void setTopK(int k);
    Method method() const { return m_method; }
    double lambda() const { return m_lambda; }
    int topK() const { return m_topK; }

    const std::vector<Hit>& hits() const { return m_hits; }
    std::int64_t itemIdOfRow(std::size_t row) const;
    std::optional<Hit> explain(std::int64_t itemId) const;
    /// The top k for each lambda (the paper's Figure 1 for this query).
    std::vector<std::vector<Hit>> sweep(const std::vector<double>& lambdas, int k) const;
    bool hasQuery() const { return m_session != nullptr; }

    double lastQueryMilliseconds() const { return m_lastQueryMs; }
    double lastRerankMilliseconds() const { return m_lastRerankMs; }

signals:
    void resultsChanged();
    void queryChanged();
    void embeddingsChanged();
    void error(const QString& message);

private:
    void rebuild();
    void rerank();

    EncoderService* m_encoder;
    std::unique_ptr<IndexStore> m_store;
    std::unique_ptr<LoadedEmbeddings> m_embeddings;
    std::unique_ptr<QuerySession> m_session;
    Embedding m_image, m_textEmbedding;
    std::optional<std::int64_t> m_queryItem;
    QString m_queryPath, m_queryLabel, m_text;
    Method m_method = Method::WeiCom;
    double m_lambda = 0.5;
    int m_topK = 100;
    std::vector<Hit> m_hits;
    double m_lastQueryMs = 0, m_lastRerankMs = 0;
};

} // namespace rscir::ui
