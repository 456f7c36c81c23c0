#include "ui/search/labels_panel.h"

#include "ui/search/label_service.h"

#include <QDateTime>
#include <QDir>
#include <QLocale>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QShortcut>
#include <QTableWidget>
#include <QTimer>
#include <QVBoxLayout>

#include <set>

namespace rscir::ui {

namespace {

QStringList parseNames(const QString& text)
{
    QStringList names;
    for (QString name : text.split(QLatin1Char(','))) {
        name = name.simplified();
        if (!name.isEmpty() && !names.contains(name) && names.size() < 9 &&
            labelNameProblem(name.toStdString()).empty())
            names << name;
    }
    return names;
}

} // namespace

LabelsPanel::LabelsPanel(LabelService* labels, QWidget* parent) : QWidget(parent), m_labels(labels)
{
    auto* layout = new QVBoxLayout(this);
    m_where = new QLabel(this);
    m_where->setWordWrap(true);
    m_sideFile = new QPushButton(tr("Choose Side File..."), this);
    m_sideFile->setToolTip(tr("Keep the labels of this index in a file of your own, since the index cannot be written"));
    m_names = new QLineEdit(this);
    m_names->setAccessibleName(tr("Label names"));
    m_names->setPlaceholderText(tr("Names, separated by commas: pool, tennis court"));
    m_names->setToolTip(tr("Keys 1 to 9 give the selected result these labels, in this order; Ctrl+1 to Ctrl+9 "
                           "label it as not that"));
    m_filter = new QLineEdit(this);
    m_filter->setPlaceholderText(tr("Filter by label or file"));
    m_filter->setClearButtonEnabled(true);
    m_filter->setAccessibleName(tr("Filter the labels"));
    m_table = new QTableWidget(0, 4, this);
    m_table->setObjectName(QStringLiteral("LabelsTable"));
    m_table->setHorizontalHeaderLabels({tr("Label"), tr("Place"), tr("Score"), tr("Labelled")});
    m_table->setAccessibleName(tr("Labels"));
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setSectionResizeMode(1, QHeaderView::Stretch);
    m_table->horizontalHeader()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setSectionResizeMode(3, QHeaderView::ResizeToContents);
    m_remove = new QPushButton(tr("Remove"), this);
    m_remove->setToolTip(tr("Remove the selected labels (Delete)"));
    m_zoom = new QPushButton(tr("Show on Map"), this);
    m_zoom->setToolTip(tr("Zoom the map to the selected labels, or to all of them"));
    auto* names = new QHBoxLayout;
    names->addWidget(new QLabel(tr("Names:"), this));
    names->addWidget(m_names, 1);
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(m_remove);
    buttons->addWidget(m_zoom);
    buttons->addStretch(1);
    layout->addWidget(m_where);
    layout->addWidget(m_sideFile);
    layout->addLayout(names);
    layout->addWidget(m_filter);
    layout->addWidget(m_table, 1);
    layout->addLayout(buttons);

    setNames(QSettings().value(QStringLiteral("labels/names"), QStringList{tr("target", "a default label name")})
                 .toStringList());
    connectControls();
    refresh();
}

void LabelsPanel::connectControls()
{
    connect(m_names, &QLineEdit::editingFinished, this, [this] {
        const QStringList names = parseNames(m_names->text());
        if (names == m_nameList)
            return;
        setNames(names);
        QSettings().setValue(QStringLiteral("labels/names"), m_nameList);
        emit namesChanged(m_nameList);
    });
    // Filtered after a pause in typing: a long list is not rebuilt at every key.
    auto* filterTimer = new QTimer(this);
    filterTimer->setSingleShot(true);
    filterTimer->setInterval(200);
    connect(m_filter, &QLineEdit::textChanged, filterTimer, qOverload<>(&QTimer::start));
    connect(filterTimer, &QTimer::timeout, this, &LabelsPanel::refresh);
    connect(m_labels, &LabelService::changed, this, &LabelsPanel::refresh);
    connect(m_remove, &QPushButton::clicked, this, &LabelsPanel::removeSelected);
    connect(new QShortcut(QKeySequence::Delete, m_table, nullptr, nullptr, Qt::WidgetShortcut), &QShortcut::activated,
            this, &LabelsPanel::removeSelected);
    connect(m_sideFile, &QPushButton::clicked, this, &LabelsPanel::chooseSideFile);
    connect(m_zoom, &QPushButton::clicked, this, [this] {
        std::vector<std::size_t> rows = selectedRows();
        if (rows.empty())
            for (int r = 0; r < m_table->rowCount(); ++r)
                rows.push_back(m_table->item(r, 0)->data(Qt::UserRole).toULongLong());
        std::vector<std::int64_t> items;
        for (const std::size_t row : rows)
            if (const auto item = m_labels->itemOf(row))
                items.push_back(item);
        emit zoomTo(items);
    });
    connect(m_table, &QTableWidget::cellDoubleClicked, this, [this](int r, int) {
        if (const auto item = m_labels->itemOf(m_table->item(r, 0)->data(Qt::UserRole).toULongLong()))
            emit openItem(item);
    });
    connect(m_table, &QTableWidget::itemSelectionChanged, this,
            [this] { m_remove->setEnabled(!m_table->selectedItems().isEmpty()); });
}

void LabelsPanel::setNames(const QStringList& names)
{
    m_nameList = names;
    m_names->setText(names.join(QStringLiteral(", ")));
}

std::vector<std::size_t> LabelsPanel::selectedRows() const
{
    std::set<std::size_t> rows;
    for (const QTableWidgetItem* item : m_table->selectedItems())
        rows.insert(m_table->item(item->row(), 0)->data(Qt::UserRole).toULongLong());
    return {rows.begin(), rows.end()};
}

void LabelsPanel::removeSelected()
{
    for (const std::size_t row : selectedRows())
        m_labels->removeLabel(m_labels->labels()[row].id);
}

void LabelsPanel::chooseSideFile()
{
    const QString suggested = LabelService::suggestedSideFile(m_labels->indexPath());
    QDir().mkpath(QFileInfo(suggested).path());
    const QString file = QFileDialog::getSaveFileName(this, tr("Keep the Labels in a Side File"), suggested,
                                                      tr("rscir labels (*.rscir-labels)"), nullptr,
                                                      QFileDialog::DontConfirmOverwrite);
    if (!file.isEmpty())
        m_labels->useSideFile(file);
}

void LabelsPanel::refresh()
{
    const bool open = !m_labels->indexPath().isEmpty();
    if (!open)
        m_where->setText(tr("Open an index to label its places."));
    else if (!m_labels->indexIsReadOnly())
        m_where->setText(tr("Labels are kept in the index."));
    else if (m_labels->sideFile().isEmpty())
        m_where->setText(tr("This index is on read-only storage: labels need a side file of their own."));
    else
        m_where->setText(tr("The index is read-only; labels are kept in %1.")
                             .arg(QDir::toNativeSeparators(m_labels->sideFile())));
    m_sideFile->setVisible(open && m_labels->indexIsReadOnly());
    const QString filter = m_filter->text().trimmed();
    const auto& labels = m_labels->labels();
    m_table->setSortingEnabled(false);
    m_table->setRowCount(0);
    for (std::size_t row = 0; row < labels.size(); ++row) {
        const Label& l = labels[row];
        const QString name = QString::fromStdString(l.name);
        const QString place = QString::fromStdString(l.sourcePath) +
                              QStringLiteral(" @%1,%2").arg(l.window.x).arg(l.window.y);
        if (!filter.isEmpty() && !name.contains(filter, Qt::CaseInsensitive) &&
            !place.contains(filter, Qt::CaseInsensitive))
            continue;
        const int r = m_table->rowCount();
        m_table->insertRow(r);
        auto* label = new QTableWidgetItem(l.positive ? name : tr("not %1", "a negative label").arg(name));
        label->setData(Qt::UserRole, static_cast<qulonglong>(row));
        label->setForeground(l.positive ? QColor(30, 120, 55) : QColor(175, 35, 35));
        m_table->setItem(r, 0, label);
        auto* where = new QTableWidgetItem(place);
        if (!m_labels->itemOf(row))
            where->setToolTip(tr("The index no longer has this place (it was indexed anew without it)"));
        m_table->setItem(r, 1, where);
        m_table->setItem(r, 2, new QTableWidgetItem(l.score ? QString::number(*l.score, 'f', 3) : QString()));
        // In the user's time zone and words; the stored time (UTC) in the tooltip.
        const QString stored = QString::fromStdString(l.created);
        const QDateTime when = QDateTime::fromString(stored, Qt::ISODate);
        auto* time = new QTableWidgetItem(when.isValid() ? QLocale().toString(when.toLocalTime(), QLocale::ShortFormat)
                                                         : stored);
        time->setToolTip(stored);
        m_table->setItem(r, 3, time);
    }
    m_remove->setEnabled(!m_table->selectedItems().isEmpty());
    m_zoom->setEnabled(m_table->rowCount() > 0);
}

} // namespace rscir::ui
