#pragma once
/// \file
/// The labels of the open index, for the window: read and written off the GUI thread, in
/// the order they were asked for (one at a time, through the background pool), with a
/// snapshot on the GUI thread that the grids, the Labels panel and the map read. An index
/// on read-only storage keeps its labels in a side file the user chose (remembered per
/// index); until one is chosen, labelling says why it cannot be stored.

#include "core/index/labels.h"

#include <QHash>
#include <QObject>
#include <QString>
#include <QStringList>

#include <deque>
#include <functional>
#include <memory>
#include <vector>

namespace rscir::ui {

class LabelService : public QObject {
    Q_OBJECT
public:
    explicit LabelService(QObject* parent = nullptr);
    ~LabelService() override;

    /// Shows the labels of this index (empty: none open); they are read in the background.
    /// The same index again (opened after an indexing run) reads them again.
    void setIndex(const QString& indexPath);
    QString indexPath() const { return m_index; }
    /// Keeps the labels of the open index in this side file from now on (and next time).
    void useSideFile(const QString& file);
    /// Where the labels are kept: the index, a side file, or nowhere yet (read-only index).
    QString sideFile() const { return m_sideFile; }
    bool indexIsReadOnly() const { return m_readOnly; }
    bool canStore() const { return !m_index.isEmpty() && (!m_readOnly || !m_sideFile.isEmpty()); }

    /// Adds (or replaces) a label; changed() follows once it is stored, failed() otherwise.
    void setLabel(const Label& label);
    void removeLabel(std::int64_t id);

    /// The labels as last read, oldest first, with the item each one names in the open
    /// index now (0 where the index no longer has that place).
    const std::vector<Label>& labels() const { return m_labels; }
    std::int64_t itemOf(std::size_t row) const { return row < m_items.size() ? m_items[row] : 0; }
    /// An item's labels as its cell shows them (LabelRole: "+pool", "\u2212ship").
    QStringList labelsOfItem(std::int64_t itemId) const;
    /// The ids of an item's labels.
    std::vector<std::int64_t> labelIdsOfItem(std::int64_t itemId) const;

    /// Waits for what is being written and writes what waits (closing the window): no label
    /// asked for is lost. Only for closing: it may wait on the disk.
    void flush();

    /// The side file suggested for an index on read-only storage.
    static QString suggestedSideFile(const QString& indexPath);

signals:
    void changed();
    void failed(const QString& message);

private:
    struct Snapshot {
        std::vector<Label> labels;
        std::vector<std::int64_t> items;
    };
    using Operation = std::function<void(LabelStore&)>;
    /// A write (or, without an operation, a read) of the labels of one index, as it was when
    /// asked: switching the index or the side file never redirects what waits.
    struct Task {
        QString index, sideFile;
        Operation operation;
        quint64 generation = 0;
        bool checksSideFile = false; ///< the first use of a side file just chosen
    };
    void enqueue(Operation operation, bool checksSideFile = false);
    void runNext();
    void reload();
    void take(const Task& task, const std::shared_ptr<Snapshot>& snapshot, const QString& error);
    static std::shared_ptr<Snapshot> perform(const Task& task, QString& error);

    QString m_index;
    QString m_sideFile;
    bool m_readOnly = false;
    quint64 m_generation = 0; ///< grows with every index or side file chosen
    std::deque<Task> m_waiting;
    bool m_running = false;
    std::vector<Label> m_labels;
    std::vector<std::int64_t> m_items;
    QHash<std::int64_t, std::vector<std::size_t>> m_rowsOfItem;
};

} // namespace rscir::ui
