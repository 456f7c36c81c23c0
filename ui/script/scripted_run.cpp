#include "ui/script/scripted_run.h"
#include "ui/script/window_parts.h"
#include "ui/script/script_sequence.h"
#include "ui/workbench/workbench_window.h"

#include "ui/models/encoder_service.h"
#include "ui/search/filter_bar.h"
#include "ui/search/item_models.h"
#include "ui/search/label_service.h"
#include "ui/shell/main_window.h"
#include "ui/map/map_dock.h"
#include "ui/map/map_view.h"
#include "ui/shell/message_bar.h"
#include "ui/search/query_panel.h"
#include "ui/search/search_session.h"

#include "core/base/error.h"
#include "core/search/query_file.h"
#include "core/search/ranking.h"

#include <cstdlib>

#include <QApplication>
#include <QComboBox>
#include <QLineEdit>
#include <QTableView>
#include <QDir>
#include <QDockWidget>
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
#include <QToolButton>

#include <algorithm>
#include <cstdio>
#include <functional>
#include <map>
#include <memory>

namespace rscir::ui {

using namespace script;

namespace {

/// What a script's action is built with: the window, the sequence it joins, the script's
/// folder (relative paths are relative to it), and the action's name and value.
struct ScriptContext {
    MainWindow* w;
    Sequence* sequence;
    QDir base;
    QString action;
    QJsonValue value;
    QString resolve(const QString& p) const { return QFileInfo(p).isAbsolute() ? p : base.filePath(p); }
};

/// Fills in a step for an action (what it does, and what it waits for).
using ScriptAction = void (*)(const ScriptContext& c, Sequence::Step& step);
using ScriptActions = std::map<QString, ScriptAction>;

/// An index and a model.
void queryActions(ScriptActions& actions)
{
    actions[QStringLiteral("open_index")] = [](const ScriptContext& c, Sequence::Step& step) {
        step.act = [=] { c.w->openIndex(c.resolve(stringOf(c.value, "open_index"))); };
        step.until = [=] {
            if (c.w->session()->isOpening())
                return false;
            const QString wanted = QFileInfo(c.resolve(c.value.toString())).absoluteFilePath();
            if (c.w->session()->indexPath() != wanted)
                throw Error(partOf<MessageBar>(*c.w)->text().toStdString());
            return true;
        };
    };
    actions[QStringLiteral("load_model")] = [](const ScriptContext& c, Sequence::Step& step) {
        step.act = [=] {
            QString model, activation, vocabulary; // no activation: the model's own settings say
            if (c.value.isString()) {
                model = c.value.toString();
            } else if (c.value.isObject()) {
                const QJsonObject o = c.value.toObject();
                model = o.value(QStringLiteral("model")).toString();
                activation = o.value(QStringLiteral("activation")).toString(activation);
                vocabulary = o.value(QStringLiteral("vocab")).toString();
            }
            if (model.isEmpty())
                throw Error("\"load_model\" takes a model name or path, or {\"model\": ..., \"activation\": ..., "
                            "\"vocab\": ...}");
            if (QFileInfo::exists(c.resolve(model)))
                model = c.resolve(model);
            c.w->loadModel(model, activation, vocabulary.isEmpty() ? QString() : c.resolve(vocabulary));
        };
        step.until = settledOrFailed(*c.w, *c.sequence);
    };
}

/// The query's terms, its method and its weights.
void termActions(ScriptActions& actions)
{
    actions[QStringLiteral("query_item")] = [](const ScriptContext& c, Sequence::Step& step) {
        step.act = [=] {
            if (!c.value.isDouble() || c.value.toDouble() < 1)
                throw Error("\"query_item\" takes an item id (a positive number)");
            if (!c.w->session()->archive())
                throw Error("open an index first");
            c.w->session()->setQueryItem(static_cast<std::int64_t>(c.value.toDouble()));
        };
    };
    actions[QStringLiteral("query_image")] = [](const ScriptContext& c, Sequence::Step& step) {
        step.act = [=] { c.w->session()->setQueryImageFile(c.resolve(stringOf(c.value, "query_image"))); };
    };
    actions[QStringLiteral("text")] = [](const ScriptContext& c, Sequence::Step& step) {
        step.act = [=] {
            const QString text = stringOf(c.value, "text");
            partOf<QueryPanel>(*c.w)->textBox()->setEditText(text);
            c.w->session()->setQueryText(text);
        };
    };
    actions[QStringLiteral("method")] = [](const ScriptContext& c, Sequence::Step& step) {
        step.act = [=] {
            const Method method = parseMethod(stringOf(c.value, "method").toStdString());
            QComboBox* box = partOf<QueryPanel>(*c.w)->methodBox();
            box->setCurrentIndex(box->findData(static_cast<int>(method)));
        };
    };
    actions[QStringLiteral("lambda")] = [](const ScriptContext& c, Sequence::Step& step) {
        step.act = [=] {
            const bool basic = c.w->session()->method() == Method::Basic; // then lambda is Harris's weight
            if (!c.value.isDouble() || c.value.toDouble() < 0 || c.value.toDouble() > (basic ? SearchSession::kHarrisMaximum : 1))
                throw Error(basic ? "\"lambda\" takes BASIC's Harris weight, 0 to 0.24" : "\"lambda\" takes a number from 0 to 1");
            c.w->chooseLambda(c.value.toDouble());
        };
    };
    actions[QStringLiteral("results")] = [](const ScriptContext& c, Sequence::Step& step) {
        step.act = [=] {
            QSpinBox* count = partOf<QueryPanel>(*c.w)->resultCount();
            if (!c.value.isDouble() || c.value.toDouble() < count->minimum() || c.value.toDouble() > count->maximum())
                throw Error("\"results\" takes a number from " + std::to_string(count->minimum()) + " to " +
                            std::to_string(count->maximum()));
            count->setValue(c.value.toInt());
        };
    };
    const ScriptAction item = [](const ScriptContext& c, Sequence::Step& step) {
        const bool avoided = c.action == QLatin1String("less_like");
        step.act = [=] {
            if (!c.value.isDouble() || c.value.toDouble() < 1)
                throw Error(c.action.toStdString() + " takes an item id (a positive number)");
            if (!c.w->session()->archive())
                throw Error("open an index first");
            c.w->session()->addItemTerm(static_cast<std::int64_t>(c.value.toDouble()), avoided);
        };
    };
    actions[QStringLiteral("more_like")] = item;
    actions[QStringLiteral("less_like")] = item;
    actions[QStringLiteral("add_text")] = [](const ScriptContext& c, Sequence::Step& step) {
        step.act = [=] {
            const QJsonObject o = c.value.toObject();
            const QString text = c.value.isString() ? c.value.toString() : o.value(QStringLiteral("text")).toString();
            if (text.trimmed().isEmpty())
                throw Error("\"add_text\" takes a text, or {\"text\": ..., \"avoid\": true}");
            c.w->session()->addTextTerm(text, o.value(QStringLiteral("avoid")).toBool(false));
        };
    };
    actions[QStringLiteral("avoid")] = [](const ScriptContext& c, Sequence::Step& step) {
        step.act = [=] {
            if (!c.value.isDouble() || c.value.toDouble() < 0 || c.value.toDouble() > 1)
                throw Error("\"avoid\" takes a number from 0 to 1");
            partOf<QueryPanel>(*c.w)->setAvoid(c.value.toDouble());
        };
    };
    actions[QStringLiteral("undo")] = [](const ScriptContext& c, Sequence::Step& step) {
        step.act = [=] {
            if (!c.w->session()->undo())
                throw Error("there is no change of the query to undo");
        };
    };
}

/// Areas and the map.
void areaActions(ScriptActions& actions)
{
    actions[QStringLiteral("area_bbox")] = [](const ScriptContext& c, Sequence::Step& step) {
        step.act = [=] {
            const QJsonArray box = c.value.toArray();
            if (box.size() != 4)
                throw Error("\"area_bbox\" takes [west, south, east, north] in degrees");
            emit partOf<MapDock>(*c.w)->areaChosen(
                SpatialFilter::box(box[0].toDouble(), box[1].toDouble(), box[2].toDouble(), box[3].toDouble()));
        };
    };
    actions[QStringLiteral("area_file")] = [](const ScriptContext& c, Sequence::Step& step) {
        step.act = [=] {
            emit partOf<MapDock>(*c.w)->areaChosen(SpatialFilter::fromFile(c.resolve(stringOf(c.value, "area_file")).toStdString()));
        };
    };
    actions[QStringLiteral("clear_area")] = [](const ScriptContext& c, Sequence::Step& step) {
        step.act = [=] { emit partOf<MapDock>(*c.w)->areaChosen(std::nullopt); };
    };
    actions[QStringLiteral("filter")] = [](const ScriptContext& c, Sequence::Step& step) {
        // As a saved query's "filter": {"from": ..., "to": ..., "platform": [...], "max_cloud": ..., ...}.
        step.act = [=] {
            const QByteArray filter = QJsonDocument(c.value.toObject()).toJson(QJsonDocument::Compact);
            const SavedQuery saved =
                queryFromJson("{\"rscir_query\": 1, \"terms\": [], \"filter\": " + filter.toStdString() + "}", "\"filter\"");
            emit partOf<FilterBar>(*c.w)->filterChanged(saved.filter);
        };
    };
    actions[QStringLiteral("label")] = [](const ScriptContext& c, Sequence::Step& step) {
        // {"result": rank from 1, "name": "pool", "negative": false}: labelled as keys 1-9 do.
        const QJsonObject o = c.value.toObject();
        auto* labels = c.w->findChild<LabelService*>();
        auto stored = std::make_shared<bool>(false);
        step.act = [=] {
            const int rank = o.value(QStringLiteral("result")).toInt(0);
            const QString name = o.value(QStringLiteral("name")).toString();
            const std::int64_t itemId = partOf<ResultsModel>(*c.w)->itemIdAt(rank - 1);
            if (!itemId || name.isEmpty())
                throw Error("\"label\" takes {\"result\": a rank that is shown, \"name\": ..., \"negative\": false}");
            // Selected first, as a user selects it before pressing a key.
            auto* view = partOf<QListView>(*c.w, QStringLiteral("ResultsView"));
            view->setCurrentIndex(view->model()->index(rank - 1, 0));
            QObject::connect(labels, &LabelService::changed, labels, [stored] { *stored = true; },
                             Qt::SingleShotConnection);
            c.w->labelItem(itemId, name, !o.value(QStringLiteral("negative")).toBool(false));
        };
        step.until = [=] { return *stored; };
    };
    actions[QStringLiteral("panel")] = [](const ScriptContext& c, Sequence::Step& step) {
        step.act = [=] {
            const QString which = stringOf(c.value, "panel");
            const std::map<QString, QString> docks{{QStringLiteral("labels"), QStringLiteral("LabelsDock")},
                                                   {QStringLiteral("map"), QStringLiteral("MapDock")},
                                                   {QStringLiteral("log"), QStringLiteral("LogDock")}};
            const auto it = docks.find(which);
            if (it == docks.end())
                throw Error("\"panel\" takes \"labels\", \"map\" or \"log\"");
            QDockWidget* dock = partOf<QDockWidget>(*c.w, it->second);
            dock->show();
            dock->raise();
        };
    };
    actions[QStringLiteral("map")] = [](const ScriptContext& c, Sequence::Step& step) {
        step.act = [=] {
            const QString what = stringOf(c.value, "map");
            MapView* map = partOf<MapDock>(*c.w)->map();
            if (what == QLatin1String("archive"))
                map->zoomToArchive();
            else if (what == QLatin1String("results"))
                map->zoomToResults();
            else if (what == QLatin1String("score") || what == QLatin1String("no score"))
                partOf<QToolButton>(*c.w, QStringLiteral("ScoreButton"))->setChecked(what == QLatin1String("score"));
            else
                throw Error("\"map\" takes \"archive\", \"results\", \"score\" or \"no score\"");
            if (QWidget* dock = map->parentWidget() ? map->parentWidget()->parentWidget() : nullptr)
                dock->raise();
        };
    };
}

/// Saved queries, waiting, pictures, exports, and the end of a script.
void fileActions(ScriptActions& actions)
{
    actions[QStringLiteral("save_query")] = [](const ScriptContext& c, Sequence::Step& step) {
        step.act = [=] {
            if (!c.w->saveQuery(c.resolve(stringOf(c.value, "save_query"))))
                throw Error(partOf<MessageBar>(*c.w)->text().toStdString());
        };
    };
    actions[QStringLiteral("open_query")] = [](const ScriptContext& c, Sequence::Step& step) {
        step.act = [=] {
            if (!c.w->openQuery(c.resolve(stringOf(c.value, "open_query"))))
                throw Error(partOf<MessageBar>(*c.w)->text().toStdString());
        };
    };
    actions[QStringLiteral("wait")] = [](const ScriptContext& c, Sequence::Step& step) {
        step.until = settledOrFailed(*c.w, *c.sequence);
    };
    actions[QStringLiteral("screenshot")] = [](const ScriptContext& c, Sequence::Step& step) {
        // First the thumbnails of the results in view (they load in the background), for
        // at most 10 s: a picture of grey boxes shows nothing.
        Sequence::Step thumbnails{QStringLiteral("screenshot"), {}, {}, 20000};
        auto since = std::make_shared<QElapsedTimer>();
        thumbnails.until = [c, since]() -> bool {
            if (!since->isValid())
                since->start();
            const int shown = std::min(partOf<ResultsModel>(*c.w)->rowCount(), 16);
            bool all = true;
            for (int r = 0; r < shown; ++r)
                all = !partOf<ResultsModel>(*c.w)->index(r).data(Qt::DecorationRole).value<QPixmap>().isNull() && all;
            return all || since->elapsed() > 10000;
        };
        c.sequence->add(std::move(thumbnails));
        step.act = [=] {
            const QString file = c.resolve(stringOf(c.value, "screenshot"));
            if (!c.w->grab().save(file))
                throw Error("cannot write " + file.toStdString());
            std::fprintf(stderr, "rscir-desktop: wrote %s\n", qPrintable(file));
        };
    };
    actions[QStringLiteral("export")] = [](const ScriptContext& c, Sequence::Step& step) {
        step.act = [=] {
            if (!c.w->exportResults(c.resolve(stringOf(c.value, "export"))))
                throw Error(partOf<MessageBar>(*c.w)->text().isEmpty() ? std::string("there are no results to export")
                                                              : partOf<MessageBar>(*c.w)->text().toStdString());
        };
    };
    actions[QStringLiteral("quit")] = [](const ScriptContext& c, Sequence::Step& step) {
        step.act = [] { exitWith(0); };
    };
    actions[QStringLiteral("stay")] = [](const ScriptContext& c, Sequence::Step& step) {
        step.act = [c] { c.sequence->stayOpen(); };
    };
}

/// The benchmark workbench.
void workbenchActions(ScriptActions& actions)
{
    actions[QStringLiteral("workbench")] = [](const ScriptContext& c, Sequence::Step& step) {
        // {"kind": "patterncom" | "composed", "dataset": path, "lambdas": "0:1:0.1", "text_column": name,
        //  "basic_lambdas": "0,0.1" ("" runs no BASIC)}
        step.act = [=] {
            const QJsonObject o = c.value.toObject();
            const QString kind = o.value(QStringLiteral("kind")).toString(QStringLiteral("patterncom"));
            if (!c.value.isObject() || (kind != QLatin1String("patterncom") && kind != QLatin1String("composed")))
                throw Error("\"workbench\" takes {\"kind\": \"patterncom\" or \"composed\", \"dataset\": ..., "
                            "\"lambdas\": ...}");
            WorkbenchWindow* bench = c.w->showWorkbench(kind == QLatin1String("patterncom")
                                                          ? WorkbenchWindow::Kind::PatternCom
                                                          : WorkbenchWindow::Kind::Composed);
            bench->setDataset(c.resolve(o.value(QStringLiteral("dataset")).toString()));
            if (o.contains(QStringLiteral("lambdas")))
                bench->setLambdas(o.value(QStringLiteral("lambdas")).toString());
            if (o.contains(QStringLiteral("basic_lambdas")))
                bench->setBasicLambdas(o.value(QStringLiteral("basic_lambdas")).toString());
            if (!bench->run())
                throw Error(bench->message().toStdString());
        };
        step.until = [=] {
            WorkbenchWindow* bench = c.w->workbench();
            if (bench->isRunning())
                return false;
            if (!bench->hasResults())
                throw Error(bench->message().toStdString());
            return true;
        };
    };
}

/// What the workbench shows: its tabs, the query list's filter, a query in the main window, a picture.
void workbenchViewActions(ScriptActions& actions)
{
    actions[QStringLiteral("workbench_tab")] = [](const ScriptContext& c, Sequence::Step& step) {
        step.act = [=] {
            const QString tab = stringOf(c.value, "workbench_tab");
            const QStringList tabs{QStringLiteral("table"), QStringLiteral("chart"), QStringLiteral("queries"),
                                   QStringLiteral("chart+paper"), QStringLiteral("chart+basic")};
            if (!tabs.contains(tab))
                throw Error("\"workbench_tab\" takes table, chart, chart+paper, chart+basic or queries, not \"" +
                            tab.toStdString() + "\"");
            const int index = tab == QLatin1String("table") ? 0 : tab.startsWith(QLatin1String("chart")) ? 1 : 2;
            // "chart+paper": the chart with the paper's RemoteCLIP sweep beside it; "chart+basic":
            // BASIC's sweep of the Harris weight
            c.w->workbench()->setPaperComparison(tab == QLatin1String("chart+paper"));
            QComboBox* sweep = c.w->workbench()->sweepBox();
            if (tab == QLatin1String("chart+basic") && sweep->count() < 2)
                throw Error("\"chart+basic\" needs a run with BASIC (\"basic_lambdas\")");
            sweep->setCurrentIndex(tab == QLatin1String("chart+basic") ? 1 : 0);
            c.w->workbench()->showTab(index);
        };
    };
    actions[QStringLiteral("workbench_filter")] = [](const ScriptContext& c, Sequence::Step& step) {
        step.act = [=] { c.w->workbench()->filterBox()->setText(stringOf(c.value, "workbench_filter")); };
    };
    actions[QStringLiteral("workbench_query")] = [](const ScriptContext& c, Sequence::Step& step) {
        // The query of a row of the workbench's list (from 1, as sorted and filtered).
        step.act = [=] {
            if (!c.value.isDouble() || c.value.toDouble() == 0)
                throw Error("\"workbench_query\" takes a row of the query list (from 1; -1 is the last)");
            const int row = static_cast<int>(c.value.toDouble());
            WorkbenchWindow* bench = c.w->workbench();
            if (!bench->hasResults())
                throw Error("run a benchmark first (the \"workbench\" c.action)");
            const int rows = bench->queryView()->model()->rowCount();
            if (rows == 0)
                throw Error("the workbench's query list is empty (is its filter \"" +
                            bench->filterBox()->text().toStdString() + "\" too narrow?)");
            if (row > rows || -row > rows)
                throw Error("the workbench's query list has " + std::to_string(rows) + " rows, not " +
                            std::to_string(std::abs(row)));
            bench->chooseQuery(row > 0 ? row - 1 : rows + row);
            if (!c.w->benchmarkQuery())
                throw Error(partOf<MessageBar>(*c.w)->text().toStdString());
        };
        step.until = settledOrFailed(*c.w, *c.sequence);
    };
    actions[QStringLiteral("workbench_screenshot")] = [](const ScriptContext& c, Sequence::Step& step) {
        step.act = [=] {
            const QString file = c.resolve(stringOf(c.value, "workbench_screenshot"));
            if (!c.w->workbench()->grab().save(file))
                throw Error("cannot write " + file.toStdString());
            std::fprintf(stderr, "rscir-desktop: wrote %s\n", qPrintable(file));
        };
    };
}

const ScriptActions& scriptActions()
{
    static const ScriptActions actions = [] {
        ScriptActions all;
        queryActions(all);
        termActions(all);
        areaActions(all);
        fileActions(all);
        workbenchActions(all);
        workbenchViewActions(all);
        return all;
    }();
    return actions;
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
    auto* sequence = new Sequence(window, exitWith);
    const QDir base = QFileInfo(path).absoluteDir();
    const QJsonArray actions = document.array();
    for (int i = 0; i < actions.size(); ++i) {
        const QJsonObject object = actions[i].toObject();
        if (!actions[i].isObject() || object.size() != 1) {
            std::fprintf(stderr, "rscir-desktop: script action %d is not an object with one key\n", i + 1);
            return false;
        }
        const QString action = object.begin().key();
        const auto known = scriptActions().find(action);
        if (known == scriptActions().end()) {
            QStringList names;
            for (const auto& [name, build] : scriptActions())
                names << name;
            std::fprintf(stderr, "rscir-desktop: script action %d: unknown action \"%s\" (known: %s)\n", i + 1,
                         qPrintable(action), qPrintable(names.join(QStringLiteral(", "))));
            return false;
        }
        Sequence::Step step;
        step.name = action;
        sequence->beginAction(i + 1); // the steps an action adds (a screenshot's wait) count as it
        known->second({&window, sequence, base, action, object.begin().value()}, step);
        sequence->add(std::move(step));
    }
    sequence->start();
    return true;
}

} // namespace rscir::ui
