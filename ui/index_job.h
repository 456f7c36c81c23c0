#pragma once
/// \file
/// An indexing run as a background job: the core pipeline on a thread of its own, its
/// progress (files, items/s, ETA) and log lines as signals, and Cancel that takes
/// effect within one batch. The model is shared with the encoder worker, whose
/// interactive requests go first.

#include "core/index/indexer.h"

#include <QObject>
#include <QString>

#include <memory>
#include <thread>

namespace rscir {
class Progress;
}

namespace rscir::ui {

class EncoderBackend;

class IndexJob : public QObject {
    Q_OBJECT
public:
    IndexJob(QString indexPath, QString archive, IndexOptions options, std::shared_ptr<EncoderBackend> backend,
             QObject* parent = nullptr);
    ~IndexJob() override; ///< cancels and waits

    void start();
    void cancel();
    bool isRunning() const { return m_running; }
    QString archive() const { return m_archive; }
    QString indexPath() const { return m_indexPath; }

signals:
    void progress(qint64 done, qint64 total, const QString& stage);
    void logLine(const QString& line);
    void finished(const rscir::IndexReport& report);
    void failed(const QString& message);
    void cancelled();

private:
    QString m_indexPath, m_archive;
    IndexOptions m_options;
    std::shared_ptr<EncoderBackend> m_backend;
    std::unique_ptr<Progress> m_progress;
    std::thread m_thread;
    bool m_running = false;
};

} // namespace rscir::ui

Q_DECLARE_METATYPE(rscir::IndexReport)
