#include "ui/archive/index_job.h"

#include "ui/models/encoder_backend.h"

#include "core/index/stac.h"

#include <QFileInfo>

namespace rscir::ui {

IndexJob::IndexJob(QString indexPath, QString archive, IndexOptions options, std::shared_ptr<EncoderBackend> backend,
                   bool fast, QObject* parent)
    : Job(tr("Indexing %1").arg(archive), parent),
      m_indexPath(std::move(indexPath)),
      m_archive(std::move(archive)),
      m_options(std::move(options)),
      m_backend(std::move(backend)),
      m_fast(fast)
{
}

void IndexJob::setCatalogue(const QString& catalogue, const QString& asset, const QString& bands)
{
    m_catalogue = catalogue;
    m_asset = asset;
    m_bands = bands.trimmed();
}

void IndexJob::run(Progress& progress)
{
    // A folder without imagery is said to be one before a new index is written (walking
    // a large share is work for this thread, not the GUI's).
    const bool isNew = !QFileInfo::exists(m_indexPath);
    std::string archive = m_archive.toStdString(); // a catalogue's may be found below (m_archive is read by the GUI)
    if (isNew && m_catalogue.isEmpty())
        requireImages(m_archive.toStdString());
    auto store = IndexStore::open(m_indexPath.toStdString(), true, false,
                                  [this](const std::string& line) { log(QString::fromStdString(line)); });
    if (!m_catalogue.isEmpty()) {
        // A catalogue's run has no options of its own: an existing index keeps its settings.
        if (!isNew)
            if (const auto settings = store->settings())
                m_options.settings = *settings;
        // The catalogue is read here, off the GUI thread: a server's may take a while.
        progress.report(0, 0, "reading the catalogue");
        const std::vector<std::string> bands = catalogueBandNames(m_bands.toStdString());
        CatalogueRun listing =
            catalogueRun(m_catalogue.toStdString(), m_archive.toStdString(), m_asset.toStdString(),
                         m_indexPath.toStdString(), isNew ? std::filesystem::path() : store->archiveRoot(),
                         [this](const std::string& line) { log(QString::fromStdString(line)); }, &progress, bands);
        if (!bands.empty()) {
            m_options.settings.bands = listing.bandNumbers;
            m_options.catalogueBands = m_bands.toStdString();
        }
        archive = listing.archive.string();
        m_options.listed = std::move(listing.listed);
        m_options.listIsPartial = listing.partial;
        // Kept by the index as it was read: a list or an address (without secrets), a path absolute.
        const bool pathOnly = !m_catalogue.contains(QLatin1String("://")) &&
                              !m_catalogue.startsWith(QString::fromLatin1(kListPrefix.data(), kListPrefix.size()));
        m_options.catalogue = pathOnly ? QFileInfo(m_catalogue).absoluteFilePath().toStdString()
                                       : addressWithoutSecrets(m_catalogue.toStdString());
        m_options.catalogueAsset = m_asset.toStdString();
    }
    std::shared_ptr<EncoderBackend> backend = m_backend;
    if (m_fast) {
        if (m_backend->offersFastVariant()) {
            progress.report(0, 0, "loading the model in bf16");
            backend = m_backend->loadFastVariant(&progress);
        } else {
            log(tr("Fast indexing needs a model on a processor that computes bf16 natively; this run computes in "
                   "fp32."));
        }
    }
    auto encoder = backend->imageEncoder();
    m_report = indexArchive(*store, archive, *encoder, m_options, &progress,
                            [this](const std::string& line) { log(QString::fromStdString(line)); });
}

} // namespace rscir::ui
