// The workbench's chart: each method's sweep of its parameter, the paper's sweep beside
// WeiCom's, and its export as SVG or PNG.
#include "ui/workbench/workbench_window.h"
#include "ui/workbench/benchmark_run.h"

#include "core/eval/report.h"

#include <QChart>
#include <QChartView>
#include <QCheckBox>
#include <QComboBox>
#include <QFileDialog>
#include <QLegend>
#include <QLineSeries>
#include <QPainter>
#include <QSvgGenerator>
#include <QValueAxis>

#include <algorithm>
#include <cmath>

namespace rscir::ui {

using namespace benchmark;

void WorkbenchWindow::updateChart()
{
    QChart* chart = m_chart->chart();
    chart->removeAllSeries();
    for (auto* axis : chart->axes())
        chart->removeAxis(axis);
    if (!m_run || m_run->sweeps.empty()) {
        chart->setTitle(tr("Run a benchmark to see mAP against \u03bb"));
        return;
    }
    const auto& sweep = m_run->sweeps[static_cast<std::size_t>(std::clamp(m_sweepBox->currentIndex(), 0,
                                                                          static_cast<int>(m_run->sweeps.size()) - 1))];
    chart->setTitle(sweep.title);
    m_paper->setEnabled(m_run->kind == Kind::PatternCom && sweep.method == Method::WeiCom); // the paper's is WeiCom's
    auto* x = new QValueAxis;
    const bool basic = sweep.method == Method::Basic;
    x->setRange(0, sweep.xMax);
    x->setTickCount(basic ? 6 : 11);
    x->setLabelFormat(basic ? QStringLiteral("%.2f") : QStringLiteral("%.1f"));
    x->setTitleText(sweep.axis);
    auto* y = new QValueAxis;
    y->setTitleText(tr("percent"));
    chart->addAxis(x, Qt::AlignBottom);
    chart->addAxis(y, Qt::AlignLeft);
    double top = 1;
    const auto add = [&](const QString& name, const std::vector<QPointF>& points, QColor colour, bool dashed, bool bold) {
        auto* series = new QLineSeries;
        series->setName(name);
        for (const auto& p : points) {
            series->append(p);
            top = std::max(top, p.y());
        }
        QPen pen(colour, bold ? 3 : dashed ? 1.2 : 2);
        if (dashed)
            pen.setStyle(Qt::DashLine);
        series->setPen(pen);
        chart->addSeries(series);
        series->attachAxis(x);
        series->attachAxis(y);
        return series;
    };
    for (std::size_t i = 0; i < sweep.series.size(); ++i) {
        const bool average = m_run->kind == Kind::PatternCom && i + 1 == sweep.series.size();
        const int colour = i < sweep.colours.size() ? sweep.colours[i] : static_cast<int>(i);
        add(sweep.series[i].first, sweep.series[i].second, seriesColour(colour), false, average);
    }
    // The paper's sweep is WeiCom's.
    if (m_paper->isChecked() && m_run->kind == Kind::PatternCom && !basic) {
        // In the order of the measured series above them.
        auto paper = paperRemoteClipSweep();
        std::stable_sort(paper.begin(), paper.end(), [&sweep](const auto& a, const auto& b) {
            const auto place = [&sweep](const std::string& name) {
                for (std::size_t i = 0; i < sweep.colours.size(); ++i)
                    if (sweep.colours[i] == attributeColour(name))
                        return i;
                return sweep.colours.size();
            };
            return place(a.first) < place(b.first);
        });
        for (const auto& [attribute, values] : paper) {
            std::vector<QPointF> points;
            for (std::size_t k = 0; k < values.size(); ++k)
                points.emplace_back(k / 10.0, values[k]);
            add(tr("%1 (paper)").arg(attributeName(attribute)), points, seriesColour(attributeColour(attribute)), true,
                attribute == "avg");
        }
    }
    y->setRange(0, std::ceil(top * 1.05 / 10.0) * 10.0);
    y->setTickCount(static_cast<int>(std::ceil(top * 1.05 / 10.0)) + 1);
    y->setLabelFormat(QStringLiteral("%.0f"));
    chart->legend()->setAlignment(Qt::AlignRight);
}

bool WorkbenchWindow::exportChart(const QString& path)
{
    if (!m_chart->isVisible() && m_chart->size().width() < 200)
        m_chart->resize(900, 560);
    const bool svg = path.endsWith(QLatin1String(".svg"), Qt::CaseInsensitive);
    bool ok = false;
    if (svg) {
        QSvgGenerator generator;
        generator.setFileName(path);
        generator.setSize(m_chart->size());
        generator.setViewBox(QRect(QPoint(0, 0), m_chart->size()));
        generator.setTitle(m_chart->chart()->title());
        QPainter painter;
        if (painter.begin(&generator)) {
            m_chart->render(&painter);
            ok = painter.end();
        }
        ok = ok && QFileInfo(path).size() > 0;
    } else {
        ok = m_chart->grab().save(path, "PNG");
    }
    if (!ok)
        setMessage(tr("Could not write %1.").arg(path), true);
    return ok;
}

void WorkbenchWindow::chooseChartFile()
{
    const QString path = QFileDialog::getSaveFileName(this, tr("Export Chart"), QStringLiteral("map-vs-lambda.svg"),
                                                      tr("SVG (*.svg);;PNG (*.png)"));
    if (!path.isEmpty() && exportChart(path))
        setMessage(tr("Wrote %1.").arg(path));
}

} // namespace rscir::ui
