#include "ui/index_job.h"

#include "ui/encoder_backend.h"

namespace rscir::ui {

IndexJob::IndexJob(QString indexPath, QString archive, IndexOptions options, std::shared_ptr<EncoderBackend> backend,
                   QObject* parent)
    : Job(tr("Indexing %1").arg(archive), parent),
      m_indexPath(std::move(indexPath)),
      m_archive(std::move(archive)),
      m_options(std::move(options)),
      m_backend(std::move(backend))
{
}

void IndexJob::run(Progress& progress)
{
    auto store = IndexStore::open(m_indexPath.toStdString(), true);
    auto encoder = m_backend->imageEncoder();
    m_report = indexArchive(*store, m_archive.toStdString(), *encoder, m_options, &progress,
                            [this](const std::string& line) { log(QString::fromStdString(line)); });
}

} // namespace rscir::ui
