#include "ui/search/filter_bar.h"

#include "core/base/acquisition_time.h"
#include "ui/archive/archive_service.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLocale>
#include <QMouseEvent>
#include <QPainter>
#include <QSpinBox>
#include <QToolButton>
#include <QToolTip>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

namespace rscir::ui {

namespace {

/// A bound of the filter as a date: "2020-06-01" or "2020-06-01T10:00:00Z" -> 2020-06-01.
std::optional<QDate> dateOf(const std::string& bound, bool upper)
{
    const std::string time = upper ? inclusiveUpperBound(bound) : normaliseAcquisitionTime(bound);
    if (time.size() < 10)
        return std::nullopt;
    const QDate date = QDate::fromString(QString::fromLatin1(time.substr(0, 10)), Qt::ISODate);
    return date.isValid() ? std::optional<QDate>(date) : std::nullopt;
}

} // namespace

DateHistogram::DateHistogram(QWidget* parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("DateHistogram"));
    setMinimumHeight(44);
    setFocusPolicy(Qt::ClickFocus);
    setMouseTracking(true);
    setAccessibleName(tr("Acquisition dates"));
    setToolTip(tr("Items per acquisition date: drag across the bars to keep a time span, double-click to clear it"));
}

QSize DateHistogram::sizeHint() const
{
    return {400, 48};
}

void DateHistogram::setDays(std::vector<std::pair<qint64, std::uint32_t>> days)
{
    m_days = std::move(days);
    update();
}

void DateHistogram::setSpan(std::optional<std::pair<QDate, QDate>> span)
{
    m_span = std::move(span);
    update();
}

QRectF DateHistogram::plot() const
{
    return QRectF(rect()).adjusted(4, 2, -4, -2 - fontMetrics().height());
}

double DateHistogram::xOf(qint64 day) const
{
    const QRectF r = plot();
    const qint64 first = m_days.front().first, last = m_days.back().first;
    return r.left() + r.width() * double(day - first) / double(last - first + 1);
}

qint64 DateHistogram::dayAt(double x) const
{
    const QRectF r = plot();
    const qint64 first = m_days.front().first, last = m_days.back().first;
    const double share = std::clamp((x - r.left()) / std::max(1.0, r.width()), 0.0, 0.999999);
    return first + static_cast<qint64>(std::floor(share * double(last - first + 1)));
}

void DateHistogram::paintEvent(QPaintEvent*)
{
    QPainter painter(this);
    painter.fillRect(rect(), palette().base());
    const QColor text = palette().color(QPalette::Text);
    if (m_days.empty()) {
        painter.setPen(palette().color(QPalette::PlaceholderText));
        painter.drawText(rect(), Qt::AlignCenter, tr("The archive's items carry no acquisition dates"));
        return;
    }
    const QRectF r = plot();
    const qint64 first = m_days.front().first, last = m_days.back().first;
    const qint64 spanDays = last - first + 1;
    const int bins = static_cast<int>(std::clamp<qint64>(static_cast<qint64>(r.width() / 5), 1, spanDays));
    std::vector<std::uint64_t> counts(static_cast<std::size_t>(bins), 0);
    for (const auto& [day, items] : m_days)
        counts[static_cast<std::size_t>(std::min<qint64>(bins - 1, (day - first) * bins / spanDays))] += items;
    const double most = static_cast<double>(*std::max_element(counts.begin(), counts.end()));
    if (m_span) {
        const double x0 = xOf(m_span->first.toJulianDay()), x1 = xOf(m_span->second.toJulianDay() + 1);
        painter.fillRect(QRectF(QPointF(std::max(r.left(), x0), r.top()), QPointF(std::min(r.right(), x1), r.bottom())),
                         palette().color(QPalette::Highlight).lighter(160));
    }
    const double width = r.width() / bins;
    for (int b = 0; b < bins; ++b) {
        if (counts[static_cast<std::size_t>(b)] == 0)
            continue;
        // Square-root heights: a day of a few items stays visible beside one of thousands.
        const double h = std::max(2.0, r.height() * std::sqrt(double(counts[static_cast<std::size_t>(b)]) / most));
        const qint64 binFirst = first + b * spanDays / bins;
        const bool inSpan = !m_span || (binFirst >= m_span->first.toJulianDay() && binFirst <= m_span->second.toJulianDay());
        painter.fillRect(QRectF(r.left() + b * width + 0.5, r.bottom() - h, std::max(1.0, width - 1), h),
                         inSpan ? palette().color(QPalette::Highlight) : palette().color(QPalette::Mid));
    }
    painter.setPen(text);
    const QLocale locale;
    const QRectF labels(r.left(), r.bottom() + 1, r.width(), fontMetrics().height());
    painter.drawText(labels, Qt::AlignLeft | Qt::AlignVCenter,
                     locale.toString(QDate::fromJulianDay(first), QLocale::ShortFormat));
    painter.drawText(labels, Qt::AlignRight | Qt::AlignVCenter,
                     locale.toString(QDate::fromJulianDay(last), QLocale::ShortFormat));
}

void DateHistogram::mousePressEvent(QMouseEvent* event)
{
    if (m_days.empty() || event->button() != Qt::LeftButton)
        return;
    m_pressed = dayAt(event->position().x());
    m_span = std::make_pair(QDate::fromJulianDay(*m_pressed), QDate::fromJulianDay(*m_pressed));
    update();
}

void DateHistogram::mouseMoveEvent(QMouseEvent* event)
{
    if (m_days.empty())
        return;
    const qint64 day = dayAt(event->position().x());
    if (m_pressed) {
        m_span = std::make_pair(QDate::fromJulianDay(std::min(*m_pressed, day)),
                                QDate::fromJulianDay(std::max(*m_pressed, day)));
        update();
    }
    std::uint64_t items = 0;
    for (const auto& [d, n] : m_days)
        items += d == day ? n : 0;
    QToolTip::showText(event->globalPosition().toPoint(),
                       tr("%1: %n item(s)", nullptr, static_cast<int>(items))
                           .arg(QLocale().toString(QDate::fromJulianDay(day), QLocale::ShortFormat)),
                       this);
}

void DateHistogram::mouseReleaseEvent(QMouseEvent*)
{
    if (!m_pressed)
        return;
    m_pressed.reset();
    emit spanChosen(m_span);
}

void DateHistogram::mouseDoubleClickEvent(QMouseEvent*)
{
    m_pressed.reset();
    m_span.reset();
    update();
    emit spanChosen(std::nullopt);
}

void DateHistogram::keyPressEvent(QKeyEvent* event)
{
    if (event->key() == Qt::Key_Escape && m_span) {
        m_span.reset();
        update();
        emit spanChosen(std::nullopt);
        return;
    }
    QWidget::keyPressEvent(event);
}

FilterBar::FilterBar(QWidget* parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("FilterBar"));
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 2);
    layout->setSpacing(2);
    auto* top = new QHBoxLayout;
    layout->addLayout(top);
    m_histogram = new DateHistogram(this);
    top->addWidget(m_histogram, 1);
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("FilterStatus"));
    m_status->setWordWrap(true);
    m_status->setFixedWidth(fontMetrics().averageCharWidth() * 34);
    top->addWidget(m_status);
    auto* row = new QHBoxLayout;
    layout->addLayout(row);
    m_span = new QLabel(this);
    m_span->setObjectName(QStringLiteral("FilterSpan"));
    row->addWidget(m_span);
    m_clearSpan = new QToolButton(this);
    m_clearSpan->setText(tr("Any Time"));
    m_clearSpan->setToolTip(tr("Rank items of any acquisition time"));
    row->addWidget(m_clearSpan);
    m_platform = new QComboBox(this);
    m_platform->setObjectName(QStringLiteral("FilterPlatform"));
    m_platform->setAccessibleName(tr("Platform"));
    m_platform->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_platform->setMinimumContentsLength(12);
    row->addWidget(m_platform);
    m_cloudOn = new QCheckBox(tr("Cloud cover at most"), this);
    m_cloudOn->setObjectName(QStringLiteral("FilterCloudOn"));
    row->addWidget(m_cloudOn);
    m_cloud = new QSpinBox(this);
    m_cloud->setObjectName(QStringLiteral("FilterCloud"));
    m_cloud->setRange(0, 100);
    m_cloud->setValue(20);
    m_cloud->setSuffix(tr(" %", "a percentage's suffix"));
    m_cloud->setAccessibleName(tr("Largest cloud cover"));
    m_cloud->setKeyboardTracking(false); // typed "35" asks once, not for 3 and then 35
    row->addWidget(m_cloud);
    row->addStretch(1);
    // The same place on a row of its own: one row of every control made the window wider
    // than a 1600-pixel screen in German.
    row = new QHBoxLayout;
    layout->addLayout(row);
    m_samePlace = new QCheckBox(tr("Same place as the query"), this);
    m_samePlace->setObjectName(QStringLiteral("FilterSamePlace"));
    m_samePlace->setToolTip(tr("Only items whose footprint overlaps the query image's at least as much as the overlap "
                               "beside: the same scene at other times"));
    row->addWidget(m_samePlace);
    m_overlap = new QDoubleSpinBox(this);
    m_overlap->setObjectName(QStringLiteral("FilterOverlap"));
    m_overlap->setRange(0.05, 1.0);
    m_overlap->setSingleStep(0.05);
    m_overlap->setDecimals(2);
    m_overlap->setValue(kDefaultSamePlaceOverlap);
    m_overlap->setPrefix(tr("overlap ≥ ", "intersection over union of two footprints, before its value"));
    m_overlap->setAccessibleName(tr("Least overlap with the query's footprint"));
    m_overlap->setKeyboardTracking(false);
    m_overlap->setToolTip(tr("The area both footprints cover, divided by the area either covers (intersection over "
                             "union): 1 is the same footprint, 0.5 the default"));
    row->addWidget(m_overlap);
    m_when = new QComboBox(this);
    m_when->setObjectName(QStringLiteral("FilterWhen"));
    m_when->setAccessibleName(tr("Acquired relative to the query"));
    m_when->addItem(tr("at any time"));
    m_when->addItem(tr("after the query"));
    m_when->addItem(tr("before the query"));
    row->addWidget(m_when);
    row->addStretch(1);
    showFilter();
    connectControls();
}

void FilterBar::connectControls()
{
    connect(m_histogram, &DateHistogram::spanChosen, this, [this](std::optional<std::pair<QDate, QDate>> span) {
        m_filter.from = span ? span->first.toString(Qt::ISODate).toStdString() : std::string();
        m_filter.to = span ? span->second.toString(Qt::ISODate).toStdString() : std::string();
        announce();
    });
    connect(m_clearSpan, &QToolButton::clicked, this, [this] {
        m_filter.from.clear();
        m_filter.to.clear();
        announce();
    });
    connect(m_platform, &QComboBox::activated, this, [this](int index) {
        m_filter.platforms.clear();
        for (const QString& name : m_platform->itemData(index).toStringList())
            m_filter.platforms.push_back(name.toStdString());
        announce();
    });
    connect(m_cloudOn, &QCheckBox::toggled, this, [this](bool on) {
        m_filter.maxCloud = on ? std::optional<double>(m_cloud->value()) : std::nullopt;
        announce();
    });
    connect(m_cloud, &QSpinBox::valueChanged, this, [this](int value) {
        if (m_cloudOn->isChecked()) {
            m_filter.maxCloud = value;
            announce();
        }
    });
    connect(m_samePlace, &QCheckBox::toggled, this, [this](bool on) {
        m_filter.samePlace = on ? std::optional<double>(m_overlap->value()) : std::nullopt;
        announce();
    });
    connect(m_overlap, &QDoubleSpinBox::valueChanged, this, [this](double value) {
        if (m_samePlace->isChecked()) {
            m_filter.samePlace = value;
            announce();
        }
    });
    connect(m_when, &QComboBox::activated, this, [this](int index) {
        m_filter.relative = index == 1 ? QueryFilter::Time::After
                            : index == 2 ? QueryFilter::Time::Before
                                         : QueryFilter::Time::Any;
        announce();
    });
}

void FilterBar::setArchive(const std::shared_ptr<const ArchiveFootprints>& archive)
{
    m_histogram->setDays(archive ? archive->days : std::vector<std::pair<qint64, std::uint32_t>>{});
    m_platform->clear();
    m_platform->addItem(tr("Any platform"), QStringList());
    if (archive)
        for (const std::string& name : archive->platformNames)
            m_platform->addItem(QString::fromStdString(name), QStringList{QString::fromStdString(name)});
    showFilter();
}

void FilterBar::setFilter(const QueryFilter& filter)
{
    m_filter = filter;
    showFilter();
}

double FilterBar::overlap() const
{
    return m_overlap->value();
}

void FilterBar::setStatus(const QString& text)
{
    m_status->setText(text);
}

void FilterBar::showFilter()
{
    const QSignalBlocker b1(m_platform), b2(m_cloudOn), b3(m_cloud), b4(m_samePlace), b5(m_when), b6(m_overlap);
    const auto from = m_filter.from.empty() ? std::nullopt : dateOf(m_filter.from, false);
    const auto to = m_filter.to.empty() ? std::nullopt : dateOf(m_filter.to, true);
    const QLocale locale;
    if (from || to) {
        const QDate first = from.value_or(QDate(1, 1, 1)), last = to.value_or(QDate(9999, 12, 31));
        m_histogram->setSpan(std::make_pair(first, last));
        m_span->setText(from && to ? tr("Acquired %1 – %2")
                                         .arg(locale.toString(*from, QLocale::ShortFormat),
                                              locale.toString(*to, QLocale::ShortFormat))
                        : from ? tr("Acquired from %1").arg(locale.toString(*from, QLocale::ShortFormat))
                               : tr("Acquired until %1").arg(locale.toString(*to, QLocale::ShortFormat)));
    } else {
        m_histogram->setSpan(std::nullopt);
        m_span->setText(tr("Acquired at any time"));
    }
    m_clearSpan->setEnabled(from || to);
    // The platforms asked for: one the archive names, or the list as it is (a saved query's).
    QStringList wanted;
    for (const auto& p : m_filter.platforms)
        wanted << QString::fromStdString(p);
    int index = -1;
    for (int i = 0; i < m_platform->count() && index < 0; ++i)
        if (m_platform->itemData(i).toStringList().join(QLatin1Char(',')).compare(wanted.join(QLatin1Char(',')),
                                                                                 Qt::CaseInsensitive) == 0)
            index = i;
    if (index < 0) {
        m_platform->addItem(wanted.join(QStringLiteral(", ")), wanted);
        index = m_platform->count() - 1;
    }
    m_platform->setCurrentIndex(index);
    m_cloudOn->setChecked(m_filter.maxCloud.has_value());
    if (m_filter.maxCloud)
        m_cloud->setValue(static_cast<int>(std::lround(*m_filter.maxCloud)));
    m_samePlace->setChecked(m_filter.samePlace.has_value());
    if (m_filter.samePlace)
        m_overlap->setValue(*m_filter.samePlace);
    m_overlap->setEnabled(m_filter.samePlace.has_value());
    m_when->setCurrentIndex(m_filter.relative == QueryFilter::Time::After    ? 1
                            : m_filter.relative == QueryFilter::Time::Before ? 2
                                                                             : 0);
}

void FilterBar::announce()
{
    showFilter();
    emit filterChanged(m_filter);
}

} // namespace rscir::ui
