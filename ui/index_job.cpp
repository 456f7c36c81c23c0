#include "ui/index_job.h"

#include "ui/encoder_backend.h"
#include "core/base/error.h"
#include "core/base/progress.h"

#include <QMetaObject>

namespace rscir::ui {

IndexJob::IndexJob(QString indexPath, QString archive, IndexOptions options, std::shared_ptr<EncoderBackend> backend,
                   QObject* parent)
    : QObject(parent),
      m_indexPath(std::move(indexPath)),
      m_archive(std::move(archive)),
      m_options(std::move(options)),
      m_backend(std::move(backend))
{
    qRegisterMetaType<rscir::IndexReport>();
}

IndexJob::~IndexJob()
{
    cancel();
    if (m_thread.joinable())
        m_thread.join();
}

void IndexJob::cancel()
{
    if (m_progress)
        m_progress->cancel();
}

void IndexJob::start()
{
    if (m_running)
        return;
    m_running = true;
    // Signals are emitted from the job's thread; queued connections carry them to the GUI.
    m_progress = std::make_unique<Progress>([this](std::int64_t done, std::int64_t total, const std::string& stage) {
        emit progress(done, total, QString::fromStdString(stage));
    });
    m_thread = std::thread([this] {
        enum class Outcome { Done, Failed, Cancelled } outcome = Outcome::Done;
        IndexReport report;
        QString message;
        try {
            auto store = IndexStore::open(m_indexPath.toStdString(), true);
            auto encoder = m_backend->imageEncoder();
            report = indexArchive(*store, m_archive.toStdString(), *encoder, m_options, m_progress.get(),
                                  [this](const std::string& line) { emit logLine(QString::fromStdString(line)); });
        } catch (const Cancelled&) {
            outcome = Outcome::Cancelled;
        } catch (const std::exception& e) {
            outcome = Outcome::Failed;
            message = QString::fromStdString(e.what());
        }
        QMetaObject::invokeMethod(this, [this, outcome, report, message] {
            m_running = false;
            if (outcome == Outcome::Done)
                emit finished(report);
            else if (outcome == Outcome::Cancelled)
                emit cancelled();
            else
                emit failed(message);
        });
    });
}

} // namespace rscir::ui
