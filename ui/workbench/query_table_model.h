#pragma once
/// \file
/// The workbench's table of a run's queries.

#include "ui/workbench/benchmark_run.h"

#include <QAbstractTableModel>
#include <QLocale>

#include <limits>
#include <memory>

namespace rscir::ui {

/// The queries of a run as a table, read from the run itself: switching the run whose AP is
/// shown changes three columns, with no item per cell (PatternCom has thousands of queries).
class QueryTableModel : public QAbstractTableModel {
public:
    using QAbstractTableModel::QAbstractTableModel;
    static constexpr int SortRole = Qt::UserRole + 1;
    static constexpr int QueryRole = Qt::UserRole;
    static constexpr int FilterRole = Qt::UserRole + 2; ///< the cell, and the query's own keywords in its first

    void setRun(std::shared_ptr<const BenchmarkRun> run, const QString& key)
    {
        beginResetModel();
        m_run = std::move(run);
        m_outcomes = nullptr;
        if (m_run)
            if (const auto it = m_run->outcomes.find(key); it != m_run->outcomes.end())
                m_outcomes = &it->second;
        endResetModel();
    }
    int rowCount(const QModelIndex& parent = {}) const override
    {
        return parent.isValid() || !m_run ? 0 : static_cast<int>(m_run->queries.size());
    }
    int columnCount(const QModelIndex& parent = {}) const override
    {
        return parent.isValid() || !m_run ? 0 : static_cast<int>(m_run->queryColumns.size()) + 3;
    }
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override
    {
        if (orientation != Qt::Horizontal || role != Qt::DisplayRole || !m_run)
            return {};
        const int described = static_cast<int>(m_run->queryColumns.size());
        if (section < described)
            return m_run->queryColumns[section];
        switch (section - described) {
        case 0: return WorkbenchWindow::tr("AP (%)");
        case 1: return WorkbenchWindow::tr("First positive");
        default: return WorkbenchWindow::tr("Positives");
        }
    }
    QVariant data(const QModelIndex& index, int role) const override
    {
        if (!m_run || !index.isValid())
            return {};
        const auto row = static_cast<std::size_t>(index.row());
        const auto& q = m_run->queries[row];
        if (role == QueryRole)
            return static_cast<qulonglong>(row);
        const int described = static_cast<int>(m_run->queryColumns.size());
        if (index.column() < described) {
            if (role == Qt::DisplayRole || role == SortRole)
                return q.cells.value(index.column());
            if (role == FilterRole)
                return index.column() == 0 ? q.cells.value(0) + QLatin1Char(' ') + q.keywords : q.cells.value(index.column());
            return {};
        }
        if (role == FilterRole)
            return {};
        const auto outcome = m_outcomes && row < m_outcomes->size() ? (*m_outcomes)[row] : std::make_pair(0.0, std::size_t(0));
        if (role == Qt::TextAlignmentRole)
            return int(Qt::AlignRight | Qt::AlignVCenter);
        switch (index.column() - described) {
        case 0:
            if (role == SortRole)
                return outcome.first;
            if (role == Qt::DisplayRole)
                return QLocale().toString(100.0 * outcome.first, 'f', 2);
            break;
        case 1:
            if (role == SortRole)
                return outcome.second ? qulonglong(outcome.second) : std::numeric_limits<qulonglong>::max();
            if (role == Qt::DisplayRole)
                return outcome.second ? QLocale().toString(qulonglong(outcome.second)) : QStringLiteral("\u2013");
            break;
        default:
            if (role == SortRole)
                return qulonglong(q.positives.size());
            if (role == Qt::DisplayRole)
                return QLocale().toString(qulonglong(q.positives.size()));
        }
        return {};
    }

private:
    std::shared_ptr<const BenchmarkRun> m_run;
    const std::vector<std::pair<double, std::size_t>>* m_outcomes = nullptr;
};

} // namespace rscir::ui
