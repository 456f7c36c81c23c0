#pragma once
/// \file
/// The Labels panel: the short list of label names (keys 1–9 give them, Ctrl+1–9 their
/// negatives), where the labels are kept, and every label of the open index, filtered by
/// name or place, to remove, open or find on the map.

#include <QStringList>
#include <QWidget>

#include <cstdint>
#include <vector>

class QLabel;
class QLineEdit;
class QPushButton;
class QTableWidget;

namespace rscir::ui {

class LabelService;

class LabelsPanel : public QWidget {
    Q_OBJECT
public:
    explicit LabelsPanel(LabelService* labels, QWidget* parent = nullptr);

    /// The names keys 1–9 give, in order (at most nine, none empty).
    QStringList names() const { return m_nameList; }
    void setNames(const QStringList& names);
    QTableWidget* table() const { return m_table; }

signals:
    void namesChanged(const QStringList& names);
    void zoomTo(const std::vector<std::int64_t>& items);
    void openItem(std::int64_t itemId);
    void message(const QString& text);

private:
    void connectControls();
    void refresh();
    void removeSelected();
    void chooseSideFile();
    std::vector<std::size_t> selectedRows() const;

    LabelService* m_labels;
    QStringList m_nameList;
    QLabel* m_where;
    QPushButton* m_sideFile;
    QLineEdit* m_names;
    QLineEdit* m_filter;
    QTableWidget* m_table;
    QPushButton* m_remove;
    QPushButton* m_zoom;
};

} // namespace rscir::ui
