// The desktop session benchmark: open an index, load a model twice, compose a query and
// drag lambda, timing each phase and the longest stall of the GUI event loop.
#include "ui/script/scripted_run.h"
#include "ui/script/window_parts.h"
#include "ui/script/script_sequence.h"

#include "ui/search/query_panel.h"
#include "ui/search/search_session.h"
#include "ui/shell/message_bar.h"

#include <QComboBox>

#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QListView>
#include <QSlider>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <functional>
#include <memory>

namespace rscir::ui {

using namespace script;

namespace {

/// The session benchmark's measurements. The stall monitor is a timer on the GUI thread:
/// the longest gap between two of its ticks is the longest time the event loop did not run.
struct SessionMonitor {
    QTimer monitor;
    QElapsedTimer sinceTick;
    double maxStall = 0;
    QJsonObject stalls; ///< the longest stall of each phase, by the phase's name
    QString current = QStringLiteral("open"); ///< the phase a stall that ends now belongs to
    std::vector<double> latencies;
    std::size_t weicomSteps = 0; ///< latencies before this are WeiCom's lambda, after it BASIC's Harris weight
    QElapsedTimer phase;
    QJsonObject phases;

    SessionMonitor()
    {
        monitor.setTimerType(Qt::PreciseTimer);
        monitor.setInterval(2);
        QObject::connect(&monitor, &QTimer::timeout, [this] {
            const double stall = static_cast<double>(sinceTick.nsecsElapsed()) / 1e6;
            maxStall = std::max(maxStall, stall);
            stalls[current] = std::max(stalls[current].toDouble(), stall);
            sinceTick.restart();
        });
    }

    /// The one JSON line the benchmark prints.
    QJsonObject report(const MainWindow& window)
    {
        QJsonObject result = phases;
        // The slider's re-rank and repaint: WeiCom's lambda, then BASIC's Harris weight.
        const auto summarise = [&](std::vector<double> l, const QString& prefix) {
            std::sort(l.begin(), l.end());
            result[prefix + QStringLiteral("median_ms")] = l.empty() ? 0.0 : l[l.size() / 2];
            result[prefix + QStringLiteral("worst_ms")] = l.empty() ? 0.0 : l.back();
        };
        const auto split = latencies.begin() + static_cast<std::ptrdiff_t>(std::min(weicomSteps, latencies.size()));
        summarise({latencies.begin(), split}, QString());
        summarise({split, latencies.end()}, QStringLiteral("basic_"));
        auto& l = latencies;
        result[QStringLiteral("max_stall_ms")] = maxStall;
        result[QStringLiteral("stall_ms")] = stalls;
        result[QStringLiteral("steps")] = static_cast<int>(l.size());
        // Memory as llama.cpp reports it: the process's own, and the store's mapping apart.
        QFile status(QStringLiteral("/proc/self/status"));
        if (status.open(QIODevice::ReadOnly))
            for (const QByteArray& line : status.readAll().split('\n'))
                if (line.startsWith("RssAnon:"))
                    result[QStringLiteral("private_mib")] = line.mid(8).trimmed().split(' ').front().toDouble() / 1024.0;
        if (const auto* e = window.session()->embeddings())
            result[QStringLiteral("mapped_mib")] = static_cast<double>(e->mappedBytes()) / (1 << 20);
        return result;
    }
};

/// The drag: one slider value per event-loop turn, as a mouse drag delivers them; then the
/// same with BASIC (its space prepared, the query ranked) over its Harris weights.
void addDrags(Sequence& sequence, MainWindow* w, const std::shared_ptr<SessionMonitor>& shared, int steps,
              const std::function<std::function<void()>(const char*)>& phase)
{
    const auto drag = [&](int top) {
        for (int pass = 0; pass < 2; ++pass)
            for (int step = 1; step <= steps; ++step) {
                const int value = static_cast<int>(std::lround(double(top) * (pass == 0 ? step : steps - step) / steps));
                sequence.add({QStringLiteral("drag"), [=] {
                                  QSlider* slider = partOf<QueryPanel>(*w)->lambdaSlider();
                                  QWidget* grid = partOf<QListView>(*w, QStringLiteral("ResultsView"))->viewport();
                                  if (value == slider->value())
                                      return;
                                  QElapsedTimer timer;
                                  timer.start();
                                  slider->setValue(value); // valueChanged -> re-rank -> model update
                                  grid->repaint();
                                  shared->latencies.push_back(static_cast<double>(timer.nsecsElapsed()) / 1e6);
                              }, {}});
            }
    };
    drag(100);
    sequence.add({QStringLiteral("basic"), [=] {
                      shared->weicomSteps = shared->latencies.size();
                      shared->current = QStringLiteral("basic");
                      shared->phase.restart();
                      QComboBox* box = partOf<QueryPanel>(*w)->methodBox();
                      box->setCurrentIndex(box->findData(static_cast<int>(Method::Basic)));
                  },
                  settledOrFailed(*w, sequence)});
    sequence.add({QStringLiteral("phase"), [=] {
                      phase("basic_ms")();
                      shared->current = QStringLiteral("basic_drag");
                  }, {}});
    drag(static_cast<int>(std::lround(SearchSession::kHarrisMaximum * 100)));
}

} // namespace

void runSessionBenchmark(MainWindow& window, const SessionBenchmark& options)
{
    MainWindow* w = &window;
    auto shared = std::make_shared<SessionMonitor>();
    auto* sequence = new Sequence(window, [shared, w](int code) {
        shared->monitor.stop();
        if (code != 0) {
            exitWith(code);
            return;
        }
        std::printf("%s\n", QJsonDocument(shared->report(*w)).toJson(QJsonDocument::Compact).constData());
        std::fflush(stdout);
        exitWith(0);
    });
    const auto phase = [shared](const char* name) {
        return [shared, name] {
            shared->phases[QString::fromLatin1(name)] = static_cast<double>(shared->phase.nsecsElapsed()) / 1e6;
        };
    };
    sequence->add({QStringLiteral("start"), [shared] {
                       shared->sinceTick.start();
                       shared->monitor.start();
                       shared->phase.start();
                   }, {}});
    sequence->add({QStringLiteral("open_index"), [=] { w->openIndex(options.index); },
                   [=] {
                       if (w->session()->isOpening())
                           return false;
                       if (!w->session()->archive())
                           throw Error(partOf<MessageBar>(*w)->text().toStdString());
                       return true;
                   }});
    sequence->add({QStringLiteral("phase"), [=] {
                       phase("open_ms")();
                       shared->phase.restart();
                   }, {}});
    for (const char* name : {"load_model_ms", "switch_model_ms"}) {
        sequence->add({QStringLiteral("load_model"), [=] {
                           shared->current = QString::fromLatin1(name).chopped(3);
                           shared->phase.restart();
                           w->loadModel(options.model, options.activation, options.vocabulary);
                       },
                       settledOrFailed(window, *sequence)});
        sequence->add({QStringLiteral("phase"), phase(name), {}});
    }
    sequence->add({QStringLiteral("query"), [=] {
                       if (!w->session()->embeddings() || w->session()->embeddings()->size() == 0)
                           throw Error("the index holds no embeddings of this model");
                       shared->current = QStringLiteral("query");
                       shared->phase.restart();
                       w->session()->setQueryItem(w->session()->embeddings()->itemId(0));
                       partOf<QueryPanel>(*w)->textBox()->setEditText(options.text);
                       w->session()->setQueryText(options.text);
                   },
                   settledOrFailed(window, *sequence)});
    sequence->add({QStringLiteral("phase"), [=] {
                       phase("query_ms")();
                       shared->current = QStringLiteral("drag");
                       shared->phases[QStringLiteral("items")] = static_cast<double>(w->session()->searchableItems());
                       w->chooseLambda(0.0);
                   }, {}});
    addDrags(*sequence, w, shared, std::max(2, options.steps), phase);
    sequence->start();
}

} // namespace rscir::ui
