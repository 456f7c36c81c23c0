#include "core/cli/label_commands.h"

#include "core/base/error.h"
#include "core/cli/options.h"
#include "core/index/index_store.h"
#include "core/index/label_export.h"
#include "core/index/labels.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>
#include <iostream>
#include <memory>

namespace rscir::cli {

namespace {

struct LabelArgs {
    std::string index;
    std::string sideFile; ///< --labels: a side file instead of the index
    std::vector<std::int64_t> items;
    std::string name;
    bool negative = false;
    std::int64_t id = 0;
    std::string output, chips;
    bool force = false;
};

std::unique_ptr<LabelStore> openLabels(const LabelArgs& a)
{
    return a.sideFile.empty() ? LabelStore::inIndex(a.index) : LabelStore::inSideFile(a.sideFile, a.index);
}

nlohmann::ordered_json labelJson(const Label& l)
{
    nlohmann::ordered_json j{{"id", l.id},         {"label", l.name},       {"positive", l.positive},
                             {"source", l.sourcePath}, {"x", l.window.x},    {"y", l.window.y},
                             {"width", l.window.width}, {"height", l.window.height}};
    if (l.itemId)
        j["item"] = l.itemId;
    if (l.score)
        j["score"] = *l.score;
    j["created"] = l.created;
    return j;
}

int runAdd(const LabelArgs& a)
{
    const auto index = IndexStore::open(a.index, false, true);
    if (const std::string problem = labelNameProblem(a.name); !problem.empty())
        throw Error(problem + ": \"" + a.name + "\"");
    std::vector<ItemRecord> items; // every item checked before any label is written
    for (const std::int64_t id : a.items) {
        auto item = index->item(id);
        if (!item)
            throw Error("the index " + a.index + " has no item " + std::to_string(id), "rscir search lists item ids");
        items.push_back(std::move(*item));
    }
    auto labels = openLabels(a);
    for (const ItemRecord* item = items.data(); item != items.data() + items.size(); ++item) {
        Label l;
        l.name = a.name;
        l.positive = !a.negative;
        l.sourcePath = item->path;
        l.window = item->window;
        l.itemId = item->id;
        l.footprint = item->footprint;
        l.created = labelTimeNow();
        l.id = labels->set(l);
        std::cout << labelJson(l).dump() << "\n";
    }
    return 0;
}

int runList(const LabelArgs& a)
{
    for (const Label& l : LabelStore::read(a.sideFile.empty() ? a.index : a.sideFile, a.index))
        std::cout << labelJson(l).dump() << "\n";
    return 0;
}

int runExportLabels(const LabelArgs& a)
{
    std::string extension = std::filesystem::path(a.output).extension().string();
    std::transform(extension.begin(), extension.end(), extension.begin(), [](unsigned char c) { return std::tolower(c); });
    if (extension != ".gpkg")
        throw Error("the labels are written as a GeoPackage: name the output .gpkg");
    const auto labels = LabelStore::read(a.sideFile.empty() ? a.index : a.sideFile, a.index);
    const auto index = IndexStore::open(a.index, false, true);
    // Nothing is written when the GeoPackage would be replaced without --force.
    std::error_code ec;
    if (!a.force && std::filesystem::exists(std::filesystem::symlink_status(a.output, ec)))
        throw Error(a.output + " exists already; nothing was written", "give another name, or --force to replace it");
    nlohmann::ordered_json out{{"labels", labels.size()}, {"output", a.output}};
    if (!a.chips.empty()) {
        const LabelChipReport report = exportLabelChips(a.chips, labels, *index, a.force);
        for (const std::string& line : report.missing)
            std::cerr << "rscir: no chip for " << line << "\n";
        out["chips"] = a.chips;
        out["manifest"] = "manifest.csv";
        out["written"] = report.written;
        out["missing"] = report.missing.size();
    }
    writeLabelsGeoPackage(a.output, labels, a.force);
    std::cout << out.dump() << "\n";
    return 0;
}

} // namespace

std::function<int()> addLabelCommands(CLI::App& app)
{
    auto args = std::make_shared<LabelArgs>();
    auto* label = app.add_subcommand("label", "Label places of an index (positive or negative), list and remove labels");
    label->require_subcommand(1);
    const auto common = [&](CLI::App* c) {
        c->add_option("--index", args->index, "Index file")->required()->check(CLI::ExistingFile);
        c->add_option("--labels", args->sideFile,
                      "Keep the labels in this side file instead of the index (for an index on read-only storage)");
    };
    auto* add = label->add_subcommand("add", "Label items (by id, as rscir search lists them)");
    common(add);
    add->add_option("--item", args->items, "Item id (repeat for several)")->required();
    add->add_option("--name", args->name, "The label's name")->required();
    add->add_flag("--negative", args->negative, "A negative: the place is not what the name says");
    auto* remove = label->add_subcommand("remove", "Remove a label by its id");
    common(remove);
    remove->add_option("--id", args->id, "The label's id (rscir label list shows it)")->required();
    auto* list = label->add_subcommand("list", "List the labels as JSON lines");
    common(list);

    auto* exportCommand = app.get_subcommand("export");
    auto* exportLabels = exportCommand->add_subcommand(
        "labels", "Write the labels as a GeoPackage (layer labels) and, with --chips, a folder per label of "
                  "GeoTIFF chips with manifest.csv");
    exportLabels->add_option("--index", args->index, "Index file")->required()->check(CLI::ExistingFile);
    exportLabels->add_option("--labels", args->sideFile, "Read the labels from this side file");
    exportLabels->add_option("--output", args->output, "The GeoPackage to write (.gpkg)")->required();
    exportLabels->add_option("--chips", args->chips, "Also write chips into this folder, one folder per label");
    exportLabels->add_flag("--force", args->force, "Replace files that exist");

    return [=]() -> int {
        if (add->parsed())
            return runAdd(*args);
        if (remove->parsed()) {
            if (!openLabels(*args)->remove(args->id))
                throw Error("there is no label " + std::to_string(args->id) + " in " +
                            (args->sideFile.empty() ? args->index : args->sideFile));
            return 0;
        }
        if (list->parsed())
            return runList(*args);
        if (exportLabels->parsed())
            return runExportLabels(*args);
        return -1;
    };
}

} // namespace rscir::cli
