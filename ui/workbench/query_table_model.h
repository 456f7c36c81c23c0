#pragma once
/// \file
/// The workbench's table of a run's queries.

#include "ui/workbench/benchmark_run.h"

#include <QAbstractTableModel>
#include <QLocale>

#include <cmath>
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
        m_rivals.clear();
        if (m_run) {
            if (const auto it = m_run->outcomes.find(key); it != m_run->outcomes.end())
                m_outcomes = &it->second;
            for (const auto& [rival, name] : m_run->rivals)
                if (const auto it = m_run->outcomes.find(rival); it != m_run->outcomes.end())
                    m_rivals.push_back({&it->second, name, labelOf(rival)});
            if (m_rivals.size() != 2)
                m_rivals.clear();
        }
        endResetModel();
    }
    int rowCount(const QModelIndex& parent = {}) const override
    {
        return parent.isValid() || !m_run ? 0 : static_cast<int>(m_run->queries.size());
    }
    int columnCount(const QModelIndex& parent = {}) const override
    {
        return parent.isValid() || !m_run ? 0 : static_cast<int>(m_run->queryColumns.size()) + 3 + (m_rivals.empty() ? 0 : 1);
    }
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override
    {
        if (orientation != Qt::Horizontal || !m_run)
            return {};
        const bool rivalColumn = !m_rivals.empty() && section == static_cast<int>(m_run->queryColumns.size()) + 3;
        if (role == Qt::ToolTipRole && rivalColumn)
            return WorkbenchWindow::tr("Which of %1 and %2 ranks the query's positives higher (%3 against %4), by "
                                       "how many points of AP")
                .arg(m_rivals[0].name, m_rivals[1].name, m_rivals[0].label, m_rivals[1].label);
        if (role != Qt::DisplayRole)
            return {};
        const int described = static_cast<int>(m_run->queryColumns.size());
        if (section < described)
            return m_run->queryColumns[section];
        switch (section - described) {
        case 0: return WorkbenchWindow::tr("AP (%)");
        case 1: return WorkbenchWindow::tr("First positive");
        case 2: return WorkbenchWindow::tr("Positives");
        default: return WorkbenchWindow::tr("Better", "which of two methods ranks a query's positives higher");
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
        if (index.column() - described == 3)
            return winner(row, role);
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
    /// The best runs of two methods, compared query by query.
    struct Rival {
        const std::vector<std::pair<double, std::size_t>>* outcomes;
        QString name; ///< "WeiCom"
        QString label; ///< the run's name in the table
    };
    QString labelOf(const QString& key) const
    {
        for (const auto& run : m_run->runs)
            if (run.key == key)
                return run.label;
        return key;
    }
    /// Which rival ranks a query's positives higher (a higher AP), and by how much.
    QVariant winner(std::size_t row, int role) const
    {
        const auto ap = [&](const Rival& r) { return row < r.outcomes->size() ? 100.0 * (*r.outcomes)[row].first : 0.0; };
        const double a = ap(m_rivals[0]), b = ap(m_rivals[1]);
        const QLocale locale;
        switch (role) {
        case SortRole: return b - a;
        case Qt::DisplayRole:
            if (std::abs(b - a) < 0.005)
                return WorkbenchWindow::tr("tie");
            return WorkbenchWindow::tr("%1 +%2", "which method wins a query, and by how many points of AP")
                .arg(b > a ? m_rivals[1].name : m_rivals[0].name, locale.toString(std::abs(b - a), 'f', 2));
        case Qt::ToolTipRole:
            return WorkbenchWindow::tr("AP %1 with %2; AP %3 with %4")
                .arg(locale.toString(a, 'f', 2), m_rivals[0].label, locale.toString(b, 'f', 2), m_rivals[1].label);
        default: return {};
        }
    }

    std::shared_ptr<const BenchmarkRun> m_run;
    const std::vector<std::pair<double, std::size_t>>* m_outcomes = nullptr;
    std::vector<Rival> m_rivals;
};

} // namespace rscir::ui
