#pragma once
/// \file
/// An indexing run as a job: the core pipeline on a pool thread, its progress (files)
/// and the files it could not read as log lines, and Cancel that takes effect within
/// one batch. The model is shared with the encoder worker, whose interactive requests
/// go first.

#include "ui/jobs/jobs.h"

#include "core/index/indexer.h"

#include <QString>

#include <memory>

namespace rscir::ui {

class EncoderBackend;

class IndexJob : public Job {
    Q_OBJECT
public:
    /// `fast`: encode in bf16 where the backend offers it (a model loaded anew for the run).
    IndexJob(QString indexPath, QString archive, IndexOptions options, std::shared_ptr<EncoderBackend> backend,
             bool fast = false, QObject* parent = nullptr);

    /// Indexes the items of a STAC catalogue (a file or an http(s) address) instead of the
    /// folder's files: `archive` is then the folder of its local files (empty: the index's
    /// own, else the catalogue's), `asset` the asset of each item (empty: the visual one),
    /// `bands` bands by name ("red,green,blue": of one asset, or a single-band asset each).
    void setCatalogue(const QString& catalogue, const QString& asset = {}, const QString& bands = {});

    QString archive() const { return m_archive; }
    QString indexPath() const { return m_indexPath; }
    /// The run's report; valid after finished().
    const IndexReport& report() const { return m_report; }

protected:
    void run(Progress& progress) override;

private:
    QString m_indexPath, m_archive, m_catalogue, m_asset, m_bands;
    IndexOptions m_options;
    std::shared_ptr<EncoderBackend> m_backend;
    bool m_fast = false;
    IndexReport m_report;
};

} // namespace rscir::ui
