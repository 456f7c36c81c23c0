#include "ui/shell/scripted_run.h"
#include "ui/workbench/workbench_window.h"

#include "ui/models/encoder_service.h"
#include "ui/search/item_models.h"
#include "ui/shell/main_window.h"
#include "ui/map/map_dock.h"
#include "ui/map/map_view.h"
#include "ui/shell/message_bar.h"
#include "ui/search/query_panel.h"
#include "ui/search/search_session.h"

#include "core/base/error.h"
#include "core/search/ranking.h"

#include <cstdlib>

#include <QApplication>
#include <QComboBox>
#include <QLineEdit>
#include <QTableView>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QListView>
#include <QPixmap>
#include <QSlider>
#include <QSpinBox>
#include <QTimer>

#include <algorithm>
#include <cstdio>
#include <functional>
#include <memory>

namespace rscir::ui {

namespace {

/// Runs steps one after another on the event loop; a step either finishes at once or
/// waits for a condition (polled), so that the GUI keeps running between them.
class Sequence : public QObject {
public:
    using Ready = std::function<bool()>;
    struct Step {
        QString name;
        std::function<void()> act; ///< may throw rscir::Error to fail the run
        Ready until; ///< null: done at once
        int timeoutMs = 600000;
    };

    Sequence(MainWindow& window, std::function<void(int)> onExit) : QObject(&window), m_window(window), m_exit(onExit)
    {
        // Errors the window reports while a step runs fail the script at the next wait.
        connect(window.session(), &SearchSession::error, this, [this](const QString& text) { m_errors << text; });
        m_poll.setInterval(20);
        connect(&m_poll, &QTimer::timeout, this, &Sequence::poll);
    }

    void add(Step step) { m_steps.push_back(std::move(step)); }
    /// After the last action the window stays open (a live demonstration) instead of the
    /// application ending.
    void stayOpen() { m_stay = true; }
    void start() { QTimer::singleShot(0, this, &Sequence::next); }
    void fail(const QString& message)
    {
        m_poll.stop();
        std::fprintf(stderr, "rscir-desktop: script step %d (%s): %s\n", m_index, qPrintable(m_current),
                     qPrintable(message));
        m_exit(1);
    }
    /// Errors collected since the last call.
    QStringList takeErrors() { return std::exchange(m_errors, {}); }

private:
    void next()
    {
        if (m_index >= static_cast<int>(m_steps.size())) {
            if (!m_stay)
                m_exit(0);
            return;
        }
        Step& step = m_steps[static_cast<std::size_t>(m_index++)];
        m_current = step.name;
        try {
            if (step.act)
                step.act();
        } catch (const std::exception& e) {
            fail(QString::fromStdString(e.what()));
            return;
        }
        if (!step.until) {
            QTimer::singleShot(0, this, &Sequence::next);
            return;
        }
        m_clock.start();
        m_poll.start();
    }

    void poll()
    {
        const Step& step = m_steps[static_cast<std::size_t>(m_index - 1)];
        bool ready = false;
        try {
            ready = step.until();
        } catch (const std::exception& e) {
            fail(QString::fromStdString(e.what()));
            return;
        }
        if (ready) {
            m_poll.stop();
            QTimer::singleShot(0, this, &Sequence::next);
        } else if (m_clock.elapsed() > step.timeoutMs) {
            fail(QStringLiteral("gave up waiting after %1 s").arg(step.timeoutMs / 1000));
        }
    }

    MainWindow& m_window;
    std::function<void(int)> m_exit;
    bool m_stay = false;
    std::vector<Step> m_steps;
    int m_index = 0;
    QString m_current;
    QTimer m_poll;
    QElapsedTimer m_clock;
    QStringList m_errors;
};

void exitWith(int code)
{
    QTimer::singleShot(0, qApp, [code] { QApplication::exit(code); });
}

/// Everything the window has pending is done: the index is open, no model is loading,
/// the query's terms are encoded and scored, and the ranking shown is of this state.
bool settled(MainWindow& w)
{
    return !w.isModelLoading() && w.session()->isCurrent();
}

/// A step that fails with the window's own message when a job or the session failed.
Sequence::Ready settledOrFailed(MainWindow& w, Sequence& sequence)
{
    return [&w, &sequence] {
        const QString jobError = w.takeJobError();
        if (!jobError.isEmpty())
            throw Error(jobError.toStdString());
        if (!settled(w))
            return false;
        const QStringList errors = sequence.takeErrors();
        if (!errors.isEmpty())
            throw Error(errors.join(QStringLiteral("; ")).toStdString());
        return true;
    };
}

QString stringOf(const QJsonValue& value, const char* action)
{
    if (!value.isString())
        throw Error(std::string("\"") + action + "\" takes a string");
    return value.toString();
}

} // namespace

bool runScriptFile(MainWindow& window, const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        std::fprintf(stderr, "rscir-desktop: cannot read the script %s\n", qPrintable(path));
        return false;
    }
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(file.readAll(), &parseError);
    if (document.isNull() || !document.isArray()) {
        std::fprintf(stderr, "rscir-desktop: %s is not a JSON list of actions%s%s\n", qPrintable(path),
                     document.isNull() ? ": " : "", document.isNull() ? qPrintable(parseError.errorString()) : "");
        return false;
    }
    MainWindow* w = &window;
    auto* sequence = new Sequence(window, exitWith);
    const QDir base = QFileInfo(path).absoluteDir();
    const auto resolve = [base](const QString& p) { return QFileInfo(p).isAbsolute() ? p : base.filePath(p); };
    const QJsonArray actions = document.array();
    for (int i = 0; i < actions.size(); ++i) {
        const QJsonObject object = actions[i].toObject();
        if (!actions[i].isObject() || object.size() != 1) {
            std::fprintf(stderr, "rscir-desktop: script action %d is not an object with one key\n", i + 1);
            return false;
        }
        const QString action = object.begin().key();
        const QJsonValue value = object.begin().value();
        Sequence::Step step;
        step.name = action;
        if (action == QLatin1String("open_index")) {
            step.act = [=] { w->openIndex(resolve(stringOf(value, "open_index"))); };
            step.until = [=] {
                if (w->session()->isOpening())
                    return false;
                const QString wanted = QFileInfo(resolve(value.toString())).absoluteFilePath();
                if (w->session()->indexPath() != wanted)
                    throw Error(w->messageBar()->text().toStdString());
                return true;
            };
        } else if (action == QLatin1String("load_model")) {
            step.act = [=] {
                QString model, activation = QStringLiteral("gelu"), vocabulary;
                if (value.isString()) {
                    model = value.toString();
                } else if (value.isObject()) {
                    const QJsonObject o = value.toObject();
                    model = o.value(QStringLiteral("model")).toString();
                    activation = o.value(QStringLiteral("activation")).toString(activation);
                    vocabulary = o.value(QStringLiteral("vocab")).toString();
                }
                if (model.isEmpty())
                    throw Error("\"load_model\" takes a model name or path, or {\"model\": ..., \"activation\": ..., "
                                "\"vocab\": ...}");
                if (QFileInfo::exists(resolve(model)))
                    model = resolve(model);
                w->loadModel(model, activation, vocabulary.isEmpty() ? QString() : resolve(vocabulary));
            };
            step.until = settledOrFailed(window, *sequence);
        } else if (action == QLatin1String("query_item")) {
            step.act = [=] {
                if (!value.isDouble() || value.toDouble() < 1)
                    throw Error("\"query_item\" takes an item id (a positive number)");
                if (!w->session()->archive())
                    throw Error("open an index first");
                w->session()->setQueryItem(static_cast<std::int64_t>(value.toDouble()));
            };
        } else if (action == QLatin1String("query_image")) {
            step.act = [=] { w->session()->setQueryImageFile(resolve(stringOf(value, "query_image"))); };
        } else if (action == QLatin1String("text")) {
            step.act = [=] {
                const QString text = stringOf(value, "text");
                w->queryPanel()->textBox()->setEditText(text);
                w->session()->setQueryText(text);
            };
        } else if (action == QLatin1String("method")) {
            step.act = [=] {
                const Method method = parseMethod(stringOf(value, "method").toStdString());
                QComboBox* box = w->queryPanel()->methodBox();
                box->setCurrentIndex(box->findData(static_cast<int>(method)));
            };
        } else if (action == QLatin1String("lambda")) {
            step.act = [=] {
                if (!value.isDouble() || value.toDouble() < 0 || value.toDouble() > 1)
                    throw Error("\"lambda\" takes a number from 0 to 1");
                w->chooseLambda(value.toDouble());
            };
        } else if (action == QLatin1String("results")) {
            step.act = [=] {
                QSpinBox* count = w->queryPanel()->resultCount();
                if (!value.isDouble() || value.toDouble() < count->minimum() || value.toDouble() > count->maximum())
                    throw Error("\"results\" takes a number from " + std::to_string(count->minimum()) + " to " +
                                std::to_string(count->maximum()));
                count->setValue(value.toInt());
            };
        } else if (action == QLatin1String("more_like") || action == QLatin1String("less_like")) {
            const bool avoided = action == QLatin1String("less_like");
            step.act = [=] {
                if (!value.isDouble() || value.toDouble() < 1)
                    throw Error(action.toStdString() + " takes an item id (a positive number)");
                if (!w->session()->archive())
                    throw Error("open an index first");
                w->session()->addItemTerm(static_cast<std::int64_t>(value.toDouble()), avoided);
            };
        } else if (action == QLatin1String("add_text")) {
            step.act = [=] {
                const QJsonObject o = value.toObject();
                const QString text = value.isString() ? value.toString() : o.value(QStringLiteral("text")).toString();
                if (text.trimmed().isEmpty())
                    throw Error("\"add_text\" takes a text, or {\"text\": ..., \"avoid\": true}");
                w->session()->addTextTerm(text, o.value(QStringLiteral("avoid")).toBool(false));
            };
        } else if (action == QLatin1String("area_bbox")) {
            step.act = [=] {
                const QJsonArray box = value.toArray();
                if (box.size() != 4)
                    throw Error("\"area_bbox\" takes [west, south, east, north] in degrees");
                emit w->mapDock()->areaChosen(
                    SpatialFilter::box(box[0].toDouble(), box[1].toDouble(), box[2].toDouble(), box[3].toDouble()));
            };
        } else if (action == QLatin1String("area_file")) {
            step.act = [=] {
                emit w->mapDock()->areaChosen(SpatialFilter::fromFile(resolve(stringOf(value, "area_file")).toStdString()));
            };
        } else if (action == QLatin1String("clear_area")) {
            step.act = [=] { emit w->mapDock()->areaChosen(std::nullopt); };
        } else if (action == QLatin1String("map")) {
            step.act = [=] {
                const QString what = stringOf(value, "map");
                MapView* map = w->mapDock()->map();
                if (what == QLatin1String("archive"))
                    map->zoomToArchive();
                else if (what == QLatin1String("results"))
                    map->zoomToResults();
                else
                    throw Error("\"map\" takes \"archive\" or \"results\"");
                if (QWidget* dock = map->parentWidget() ? map->parentWidget()->parentWidget() : nullptr)
                    dock->raise();
            };
        } else if (action == QLatin1String("avoid")) {
            step.act = [=] {
                if (!value.isDouble() || value.toDouble() < 0 || value.toDouble() > 1)
                    throw Error("\"avoid\" takes a number from 0 to 1");
                w->queryPanel()->setAvoid(value.toDouble());
            };
        } else if (action == QLatin1String("undo")) {
            step.act = [=] {
                if (!w->session()->undo())
                    throw Error("there is no change of the query to undo");
            };
        } else if (action == QLatin1String("save_query")) {
            step.act = [=] {
                if (!w->saveQuery(resolve(stringOf(value, "save_query"))))
                    throw Error(w->messageBar()->text().toStdString());
            };
        } else if (action == QLatin1String("open_query")) {
            step.act = [=] {
                if (!w->openQuery(resolve(stringOf(value, "open_query"))))
                    throw Error(w->messageBar()->text().toStdString());
            };
        } else if (action == QLatin1String("wait")) {
            step.until = settledOrFailed(window, *sequence);
        } else if (action == QLatin1String("screenshot")) {
            // First the thumbnails of the results in view (they load in the background), for
            // at most 10 s: a picture of grey boxes shows nothing.
            Sequence::Step thumbnails{QStringLiteral("screenshot"), {}, {}, 20000};
            auto since = std::make_shared<QElapsedTimer>();
            thumbnails.until = [w, since]() -> bool {
                if (!since->isValid())
                    since->start();
                const int shown = std::min(w->resultsModel()->rowCount(), 16);
                bool all = true;
                for (int r = 0; r < shown; ++r)
                    all = !w->resultsModel()->index(r).data(Qt::DecorationRole).value<QPixmap>().isNull() && all;
                return all || since->elapsed() > 10000;
            };
            sequence->add(std::move(thumbnails));
            step.act = [=] {
                const QString file = resolve(stringOf(value, "screenshot"));
                if (!w->grab().save(file))
                    throw Error("cannot write " + file.toStdString());
                std::fprintf(stderr, "rscir-desktop: wrote %s\n", qPrintable(file));
            };
        } else if (action == QLatin1String("export")) {
            step.act = [=] {
                if (!w->exportResults(resolve(stringOf(value, "export"))))
                    throw Error(w->messageBar()->text().isEmpty() ? std::string("there are no results to export")
                                                                  : w->messageBar()->text().toStdString());
            };
        } else if (action == QLatin1String("workbench")) {
            // {"kind": "patterncom" | "composed", "dataset": path, "lambdas": "0:1:0.1", "text_column": name}
            step.act = [=] {
                const QJsonObject o = value.toObject();
                const QString kind = o.value(QStringLiteral("kind")).toString(QStringLiteral("patterncom"));
                if (!value.isObject() || (kind != QLatin1String("patterncom") && kind != QLatin1String("composed")))
                    throw Error("\"workbench\" takes {\"kind\": \"patterncom\" or \"composed\", \"dataset\": ..., "
                                "\"lambdas\": ...}");
                WorkbenchWindow* bench = w->showWorkbench(kind == QLatin1String("patterncom")
                                                              ? WorkbenchWindow::Kind::PatternCom
                                                              : WorkbenchWindow::Kind::Composed);
                bench->setDataset(resolve(o.value(QStringLiteral("dataset")).toString()));
                if (o.contains(QStringLiteral("lambdas")))
                    bench->setLambdas(o.value(QStringLiteral("lambdas")).toString());
                if (!bench->run())
                    throw Error(bench->message().toStdString());
            };
            step.until = [=] {
                WorkbenchWindow* bench = w->workbench();
                if (bench->isRunning())
                    return false;
                if (!bench->hasResults())
                    throw Error(bench->message().toStdString());
                return true;
            };
        } else if (action == QLatin1String("workbench_tab")) {
            step.act = [=] {
                const QString tab = stringOf(value, "workbench_tab");
                const QStringList tabs{QStringLiteral("table"), QStringLiteral("chart"), QStringLiteral("queries"),
                                       QStringLiteral("chart+paper")};
                if (!tabs.contains(tab))
                    throw Error("\"workbench_tab\" takes table, chart, chart+paper or queries, not \"" +
                                tab.toStdString() + "\"");
                const int index = tab == QLatin1String("table") ? 0 : tab.startsWith(QLatin1String("chart")) ? 1 : 2;
                // "chart+paper": the chart with the paper's RemoteCLIP sweep beside it
                w->workbench()->setPaperComparison(tab == QLatin1String("chart+paper"));
                w->workbench()->showTab(index);
            };
        } else if (action == QLatin1String("workbench_filter")) {
            step.act = [=] { w->workbench()->filterBox()->setText(stringOf(value, "workbench_filter")); };
        } else if (action == QLatin1String("workbench_query")) {
            // The query of a row of the workbench's list (from 1, as sorted and filtered).
            step.act = [=] {
                if (!value.isDouble() || value.toDouble() == 0)
                    throw Error("\"workbench_query\" takes a row of the query list (from 1; -1 is the last)");
                const int row = static_cast<int>(value.toDouble());
                WorkbenchWindow* bench = w->workbench();
                if (!bench->hasResults())
                    throw Error("run a benchmark first (the \"workbench\" action)");
                const int rows = bench->queryView()->model()->rowCount();
                if (rows == 0)
                    throw Error("the workbench's query list is empty (is its filter \"" +
                                bench->filterBox()->text().toStdString() + "\" too narrow?)");
                if (row > rows || -row > rows)
                    throw Error("the workbench's query list has " + std::to_string(rows) + " rows, not " +
                                std::to_string(std::abs(row)));
                bench->chooseQuery(row > 0 ? row - 1 : rows + row);
                if (!w->benchmarkQuery())
                    throw Error(w->messageBar()->text().toStdString());
            };
            step.until = settledOrFailed(window, *sequence);
        } else if (action == QLatin1String("workbench_screenshot")) {
            step.act = [=] {
                const QString file = resolve(stringOf(value, "workbench_screenshot"));
                if (!w->workbench()->grab().save(file))
                    throw Error("cannot write " + file.toStdString());
                std::fprintf(stderr, "rscir-desktop: wrote %s\n", qPrintable(file));
            };
        } else if (action == QLatin1String("quit")) {
            step.act = [] { exitWith(0); };
        } else if (action == QLatin1String("stay")) {
            step.act = [sequence] { sequence->stayOpen(); };
        } else {
            std::fprintf(stderr,
                         "rscir-desktop: script action %d: unknown action \"%s\" (known: open_index, load_model, "
                         "query_item, query_image, text, method, lambda, results, add_text, more_like, less_like, avoid, undo, "
                         "save_query, area_bbox, area_file, clear_area, map, "
                         "open_query, wait, screenshot, export, workbench, workbench_tab, workbench_filter, workbench_query, "
                         "workbench_screenshot, stay, quit)\n",
                         i + 1, qPrintable(action));
            return false;
        }
        sequence->add(std::move(step));
    }
    sequence->start();
    return true;
}

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
        auto& l = latencies;
        std::sort(l.begin(), l.end());
        QJsonObject result = phases;
        result[QStringLiteral("median_ms")] = l.empty() ? 0.0 : l[l.size() / 2];
        result[QStringLiteral("worst_ms")] = l.empty() ? 0.0 : l.back();
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
                   }});
    sequence->add({QStringLiteral("open_index"), [=] { w->openIndex(options.index); },
                   [=] {
                       if (w->session()->isOpening())
                           return false;
                       if (!w->session()->archive())
                           throw Error(w->messageBar()->text().toStdString());
                       return true;
                   }});
    sequence->add({QStringLiteral("phase"), [=] {
                       phase("open_ms")();
                       shared->phase.restart();
                   }});
    for (const char* name : {"load_model_ms", "switch_model_ms"}) {
        sequence->add({QStringLiteral("load_model"), [=] {
                           shared->current = QString::fromLatin1(name).chopped(3);
                           shared->phase.restart();
                           w->loadModel(options.model, options.activation, options.vocabulary);
                       },
                       settledOrFailed(window, *sequence)});
        sequence->add({QStringLiteral("phase"), phase(name)});
    }
    sequence->add({QStringLiteral("query"), [=] {
                       if (!w->session()->embeddings() || w->session()->embeddings()->size() == 0)
                           throw Error("the index holds no embeddings of this model");
                       shared->current = QStringLiteral("query");
                       shared->phase.restart();
                       w->session()->setQueryItem(w->session()->embeddings()->itemId(0));
                       w->queryPanel()->textBox()->setEditText(options.text);
                       w->session()->setQueryText(options.text);
                   },
                   settledOrFailed(window, *sequence)});
    sequence->add({QStringLiteral("phase"), [=] {
                       phase("query_ms")();
                       shared->current = QStringLiteral("drag");
                       shared->phases[QStringLiteral("items")] = static_cast<double>(w->session()->searchableItems());
                       w->chooseLambda(0.0);
                   }});
    // The drag: one slider value per event-loop turn, as a mouse drag delivers them.
    const int steps = std::max(2, options.steps);
    for (int pass = 0; pass < 2; ++pass)
        for (int step = 1; step <= steps; ++step) {
            const int value = static_cast<int>(std::lround(100.0 * (pass == 0 ? step : steps - step) / steps));
            sequence->add({QStringLiteral("drag"), [=] {
                               QSlider* slider = w->queryPanel()->lambdaSlider();
                               if (value == slider->value())
                                   return;
                               QElapsedTimer timer;
                               timer.start();
                               slider->setValue(value); // valueChanged -> re-rank -> model update
                               w->resultsView()->viewport()->repaint();
                               shared->latencies.push_back(static_cast<double>(timer.nsecsElapsed()) / 1e6);
                           }});
        }
    sequence->start();
}

} // namespace rscir::ui
