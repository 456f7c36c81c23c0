#pragma once
/// \file
/// The one owner of the open archive. A worker on a thread of its own opens the index,
/// reads each model's embedding matrix, runs every pass over a matrix, and answers the
/// archive grid's pages and counts. The GUI thread sends requests and receives
/// immutable snapshots (`shared_ptr<const ...>`) tagged with the index generation and
/// the model's fingerprint, so that whoever receives a reply can tell whether it still
/// belongs to what is shown. Nothing here blocks the GUI thread.

#include "core/index/distinct.h"
#include "core/index/index_store.h"
#include "core/index/item_filter.h"
#include "core/index/spatial_filter.h"
#include "core/search/archive_search.h"
#include "core/search/ranking.h"

#include <QObject>
#include <QString>
#include <QThread>

#include <atomic>
#include <memory>
#include <optional>
#include <vector>

namespace rscir::ui {

/// What the GUI knows of an open index: small, immutable, read once at opening.
struct ArchiveInfo {
    quint64 generation = 0; ///< grows with every successful opening (also of the same file)
    QString path; ///< the index file, absolute
    QString root; ///< the archive folder
    QString catalogue, catalogueAsset, catalogueBands; ///< the STAC catalogue the index holds the items of (IndexStore::catalogue), or empty
    std::optional<ArchiveSettings> settings;
    qint64 items = 0;
    QString notice; ///< something the user should know about this index (an older format), or empty
    bool readOnly = false; ///< on read-only storage: searched as it is, nothing can be written to it
    int readOnlyCause = 0; ///< why (IndexStore::readOnlyCause): 1 mounted read-only, 2 the file, 3 the folder
    /// Metres per pixel: the index's --gsd, else the median of its sources'; none when not georeferenced.
    std::optional<double> groundResolution;
    /// Files the last indexing run found and files it recorded; fewer recorded: interrupted.
    qint64 filesFound = 0, filesRecorded = 0;
    bool incomplete() const { return filesRecorded < filesFound; }
};

/// One model's embeddings of one opened index.
struct ArchiveMatrix {
    quint64 generation = 0;
    std::string fingerprint;
    std::string activation;
    std::shared_ptr<const ArchiveEmbeddings> embeddings;
    std::string storeFile; ///< where the rows are kept, for messages
    std::size_t rows() const { return embeddings ? embeddings->size() : 0; }
};

/// The scores of one query term over an archive matrix.
struct TermScores {
    quint64 generation = 0;
    std::string fingerprint;
    QString key; ///< the term's key (QueryTerm::key())
    std::vector<float> embedding; ///< the term's embedding (an item's stored row, or the encoded one)
    /// A query file that is a whole indexed file of the archive: its item (hidden from the
    /// results as an item term is), else 0.
    std::int64_t archiveItem = 0;
    std::shared_ptr<const ModalityScores> scores;
    double milliseconds = 0; ///< the pass over the archive and the normalisation, in the worker
    QString area; ///< empty: over the whole matrix; else the key of the area whose rows these are
};

/// A BASIC query for the worker: its terms (kind, role and the embedding BASIC ranks by, owned),
/// BASIC's space and normalisation, and the key of all of it.
struct BasicScoring {
    QString key; ///< the query, the space, the area: the same key, the same ranking
    struct Term {
        bool image = true, avoided = false;
        std::vector<float> embedding;
    };
    std::vector<Term> terms;
    std::shared_ptr<const BasicSpace> space;
    std::optional<BasicNormalisation> normalisation;
    std::string spaceKey; ///< BasicPrepared::key
};

/// BASIC's products of a query over an archive matrix (or an area's rows of it): what the
/// window re-ranks for any Harris weight without another pass.
struct BasicScores {
    quint64 generation = 0;
    std::string fingerprint;
    QString key; ///< BasicScoring::key
    std::shared_ptr<const QuerySession> session;
    double milliseconds = 0; ///< the expansion's pass and BASIC's pass, in the worker
};

/// Where every item of an archive lies and what is known of its source, read once per
/// opening: for the map, the filter bar, filters, and listing one result per place.
struct ArchiveFootprints : ItemCatalogue {
    quint64 generation = 0;
    std::size_t withFootprint = 0;
    /// How many items were acquired on each day (Julian day numbers, ascending), for the
    /// filter bar's histogram; undated items are not counted.
    std::vector<std::pair<qint64, std::uint32_t>> days;
    std::vector<std::string> platformNames; ///< platforms(), once
    /// The place of an item; nullopt for an id that is not in the archive.
    std::optional<ItemPlace> place(std::int64_t id) const;
};

/// The rows of a matrix that an area and a filter keep.
struct AreaRows {
    quint64 generation = 0;
    std::string fingerprint;
    QString key; ///< the request's key (SearchSession's: the area, the filter, the query's anchor)
    std::shared_ptr<const SearchArea> area; ///< the rows, ascending, and how many were left out and why
    /// With a filter, which items of the archive's places (ArchiveFootprints' order) are
    /// kept, for the map; null without one.
    std::shared_ptr<const std::vector<bool>> keptItems;
    double milliseconds = 0;
};

/// What a search keeps of the archive: an area, a filter, and the query they are relative to.
struct Restriction {
    std::optional<SpatialFilter> area;
    QueryFilter filter;
    Query query; ///< for the same place and a relative time (queryAnchor())
};

class ArchiveWorker;

class ArchiveService : public QObject {
    Q_OBJECT
public:
    explicit ArchiveService(QObject* parent = nullptr);
    ~ArchiveService() override;

    /// Opens an index in the worker. The open index stays as it is until the new one
    /// has opened; a failure leaves it untouched. Returns the generation the new index
    /// will carry.
    quint64 open(const QString& path);
    void close();
    /// Reads the embeddings of a model (by fingerprint and activation) of `generation`.
    void loadMatrix(quint64 generation, const ModelRecord& model);
    /// Scores a term of a known embedding over `matrix`.
    void score(std::shared_ptr<const ArchiveMatrix> matrix, const QString& key, std::vector<float> embedding);
    /// Scores an archive item: its stored row of `matrix`.
    void scoreItem(std::shared_ptr<const ArchiveMatrix> matrix, const QString& key, qint64 itemId);
    /// Scores an image file: the stored row when the file is an item of the archive
    /// indexed whole; otherwise replies needsEncoding().
    void scoreFile(std::shared_ptr<const ArchiveMatrix> matrix, const QString& key, const QString& path);
    /// Every item's footprint, for the map; footprintsReady() follows.
    void loadFootprints(quint64 generation);
    /// The rows of `matrix` that `restriction` keeps; areaReady() (or areaFailed()) follows,
    /// for the latest request only (one overtaken while it waited is not worked out).
    void restrict(std::shared_ptr<const ArchiveMatrix> matrix, const QString& key, const Restriction& restriction);
    /// A term's scores over the rows of an area (normalised over those rows); scored()
    /// follows with the area's key in TermScores::area.
    void restrictScores(std::shared_ptr<const ArchiveMatrix> matrix, std::shared_ptr<const AreaRows> area,
                        std::shared_ptr<const TermScores> scores);
    /// BASIC's products of a query over `matrix` (over `area`'s rows when given):
    /// basicScored() or basicFailed() follows, for the latest request only.
    void scoreBasic(std::shared_ptr<const ArchiveMatrix> matrix, std::shared_ptr<const AreaRows> area,
                    std::shared_ptr<const BasicScoring> request);
    /// A page of items after `afterId` whose path contains `filter`, and their count.
    void requestPage(quint64 generation, const QString& filter, qint64 afterId, int limit);
    void requestCount(quint64 generation, const QString& filter);

    /// Drops a matrix in the worker: freeing gigabytes is not for the GUI thread.
    void release(std::shared_ptr<const ArchiveMatrix> matrix);

    /// Threads a matrix pass may use: the process's thread budget but one, which stays with the GUI.
    static unsigned passThreads();

signals:
    void opened(std::shared_ptr<const rscir::ui::ArchiveInfo> info);
    void openFailed(const QString& path, const QString& message);
    void matrixReady(std::shared_ptr<const rscir::ui::ArchiveMatrix> matrix);
    /// The index holds no embeddings of the model.
    void matrixMissing(quint64 generation, const QString& fingerprint);
    void matrixFailed(quint64 generation, const QString& fingerprint, const QString& message);
    void scored(std::shared_ptr<const rscir::ui::TermScores> scores);
    void basicScored(std::shared_ptr<const rscir::ui::BasicScores> scores);
    void basicFailed(quint64 generation, const QString& key, const QString& message);
    void needsEncoding(quint64 generation, const QString& fingerprint, const QString& key);
    void termFailed(quint64 generation, const QString& fingerprint, const QString& key, const QString& message);
    void footprintsReady(std::shared_ptr<const rscir::ui::ArchiveFootprints> footprints);
    void footprintsFailed(quint64 generation, const QString& message);
    void areaReady(std::shared_ptr<const rscir::ui::AreaRows> area);
    void areaFailed(quint64 generation, const QString& key, const QString& message);
    void pageReady(quint64 generation, const QString& filter, qint64 afterId, const std::vector<rscir::ItemRecord>& items);
    void countReady(quint64 generation, const QString& filter, qint64 count);

private:
    QThread m_thread;
    ArchiveWorker* m_worker = nullptr;
    std::shared_ptr<std::atomic<quint64>> m_restrictions = std::make_shared<std::atomic<quint64>>(0);
    std::shared_ptr<std::atomic<quint64>> m_basicRequests = std::make_shared<std::atomic<quint64>>(0);
    quint64 m_nextGeneration = 0;
};

} // namespace rscir::ui

Q_DECLARE_METATYPE(std::shared_ptr<const rscir::ui::ArchiveInfo>)
Q_DECLARE_METATYPE(std::shared_ptr<const rscir::ui::ArchiveMatrix>)
Q_DECLARE_METATYPE(std::shared_ptr<const rscir::ui::TermScores>)
Q_DECLARE_METATYPE(std::shared_ptr<const rscir::ui::ArchiveFootprints>)
Q_DECLARE_METATYPE(std::shared_ptr<const rscir::ui::AreaRows>)
Q_DECLARE_METATYPE(std::shared_ptr<const rscir::ui::BasicScores>)
