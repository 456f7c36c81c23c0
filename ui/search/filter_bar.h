#pragma once
/// \file
/// The filter bar above the results: a histogram of the archive's acquisition dates to
/// brush a time span on, the platform, the largest cloud cover, and the query's own place
/// at any time, after it or before it. It edits a QueryFilter (what it does not show, such
/// as a saved query's resolution range, is kept) and says how many items the filter keeps.

#include "core/search/query_file.h"

#include <QDate>
#include <QWidget>

#include <memory>
#include <optional>
#include <utility>
#include <vector>

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QSpinBox;
class QToolButton;

namespace rscir::ui {

struct ArchiveFootprints;

/// Bars of items per stretch of days; dragging across them chooses a span, a double-click
/// (or Escape) clears it.
class DateHistogram : public QWidget {
    Q_OBJECT
public:
    explicit DateHistogram(QWidget* parent = nullptr);
    /// Items per day (Julian day numbers, ascending).
    void setDays(std::vector<std::pair<qint64, std::uint32_t>> days);
    void setSpan(std::optional<std::pair<QDate, QDate>> span);
    QSize sizeHint() const override;

signals:
    /// A span was brushed (first and last day, inclusive), or cleared (nullopt).
    void spanChosen(std::optional<std::pair<QDate, QDate>> span);

protected:
    void paintEvent(QPaintEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    void mouseDoubleClickEvent(QMouseEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;

private:
    qint64 dayAt(double x) const;
    double xOf(qint64 day) const;
    QRectF plot() const;
    std::vector<std::pair<qint64, std::uint32_t>> m_days;
    std::optional<std::pair<QDate, QDate>> m_span;
    std::optional<qint64> m_pressed; ///< the day a drag started on
};

class FilterBar : public QWidget {
    Q_OBJECT
public:
    explicit FilterBar(QWidget* parent = nullptr);
    /// The archive's dates and platforms (null: no archive).
    void setArchive(const std::shared_ptr<const ArchiveFootprints>& archive);
    /// Shows `filter` without announcing it.
    void setFilter(const QueryFilter& filter);
    /// The least overlap set for the same place (also while that filter is off).
    double overlap() const;
    /// What the filter keeps, in words ("12 of 400 items are ranked").
    void setStatus(const QString& text);

signals:
    void filterChanged(const rscir::QueryFilter& filter);

private:
    void connectControls();
    void showFilter();
    void announce();
    QueryFilter m_filter;
    DateHistogram* m_histogram;
    QLabel* m_span;
    QToolButton* m_clearSpan;
    QComboBox* m_platform;
    QCheckBox* m_cloudOn;
    QSpinBox* m_cloud;
    QCheckBox* m_samePlace;
    QDoubleSpinBox* m_overlap;
    QComboBox* m_when;
    QLabel* m_status;
};

} // namespace rscir::ui
