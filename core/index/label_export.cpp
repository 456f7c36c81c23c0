#include "core/index/label_export.h"

#include "core/base/error.h"
#include "core/base/files.h"
#include "core/base/progress.h"
#include "core/imagery/raster.h"
#include "core/index/chips.h"
#include "core/index/index_store.h"
#include "core/index/result_export.h"

#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <array>
#include <cctype>
#include <cstdio>
#include <fstream>
#include <functional>
#include <set>
#include <map>
#include <iomanip>
#include <memory>
#include <sstream>

namespace rscir {

namespace fs = std::filesystem;

namespace {

void writeLayer(const fs::path& path, const std::vector<Label>& labels)
{
    initialiseGdal();
    GDALDriver* driver = GetGDALDriverManager()->GetDriverByName("GPKG");
    if (!driver)
        throw Error("GDAL has no GPKG driver");
    std::unique_ptr<GDALDataset> ds(driver->Create(path.string().c_str(), 0, 0, 0, GDT_Unknown, nullptr));
    if (!ds)
        throw Error("cannot create " + path.string() + ": " + CPLGetLastErrorMsg());
    OGRSpatialReference wgs84;
    wgs84.SetWellKnownGeogCS("WGS84");
    wgs84.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    OGRLayer* layer = ds->CreateLayer("labels", &wgs84, wkbPolygon, nullptr);
    if (!layer)
        throw Error("cannot create a layer in " + path.string() + ": " + CPLGetLastErrorMsg());
    const std::pair<const char*, OGRFieldType> fields[] = {
        {"label", OFTString}, {"positive", OFTInteger}, {"source", OFTString}, {"x", OFTInteger},
        {"y", OFTInteger},    {"width", OFTInteger},    {"height", OFTInteger}, {"item", OFTInteger64},
        {"score", OFTReal},   {"model", OFTString},     {"query", OFTString},   {"created", OFTString}};
    for (const auto& [name, type] : fields) {
        OGRFieldDefn field(name, type);
        if (name == std::string("positive"))
            field.SetSubType(OFSTBoolean);
        if (layer->CreateField(&field) != OGRERR_NONE)
            throw Error("cannot create the field " + std::string(name) + " in " + path.string());
    }
    ds->StartTransaction();
    for (const Label& l : labels) {
        OGRFeature feature(layer->GetLayerDefn());
        feature.SetField("label", l.name.c_str());
        feature.SetField("positive", l.positive ? 1 : 0);
        feature.SetField("source", l.sourcePath.c_str());
        feature.SetField("x", l.window.x);
        feature.SetField("y", l.window.y);
        feature.SetField("width", l.window.width);
        feature.SetField("height", l.window.height);
        if (l.itemId)
            feature.SetField("item", static_cast<GIntBig>(l.itemId));
        if (l.score)
            feature.SetField("score", *l.score);
        feature.SetField("model", l.model.c_str());
        feature.SetField("query", l.query.c_str());
        feature.SetField("created", l.created.c_str());
        if (l.footprint) {
            OGRLinearRing ring;
            for (const auto& point : counterClockwise(*l.footprint))
                ring.addPoint(point[0], point[1]);
            OGRPolygon polygon;
            polygon.addRing(&ring);
            feature.SetGeometry(&polygon);
        }
        if (layer->CreateFeature(&feature) != OGRERR_NONE)
            throw Error("cannot write the label " + l.name + " to " + path.string() + ": " + CPLGetLastErrorMsg());
    }
    if (ds->CommitTransaction() != OGRERR_NONE)
        throw Error("cannot write " + path.string() + ": " + CPLGetLastErrorMsg());
}

/// The chips an earlier export listed in its manifest that this one does not write (a label
/// removed, or turned negative): removed, so that a trainer does not read them. Only files
/// the manifest names, inside the folder, and never through a link.
void removeStaleChips(const fs::path& folder, const std::vector<Label>& labels)
{
    std::ifstream manifest(folder / "manifest.csv", std::ios::binary);
    if (!manifest)
        return;
    std::set<std::string> kept;
    for (const Label& l : labels)
        kept.insert(labelChipPath(l));
    std::string line;
    std::getline(manifest, line); // the header
    std::size_t lines = 0;
    while (std::getline(manifest, line) && ++lines <= 10000000) {
        const std::string file = line.substr(0, line.find(','));
        if (file.empty() || file.front() == '"' || kept.count(file))
            continue;
        const fs::path path = (folder / file).lexically_normal();
        const fs::path relative = path.lexically_relative(folder);
        std::error_code ec;
        if (relative.empty() || *relative.begin() == ".." || path.extension() != ".tif" ||
            !fs::is_regular_file(fs::symlink_status(path, ec)) || !resolvesInside(folder, path))
            continue;
        fs::remove(path, ec);
    }
}

} // namespace

void writeLabelsGeoPackage(const fs::path& output, const std::vector<Label>& labels, bool overwrite)
try {
    writeIntoPlace(output, overwrite, [&](const fs::path& temporary) { writeLayer(temporary, labels); });
} catch (...) {
    rethrowAsError("writing the labels to " + output.string());
}

void attachLabels(std::vector<RankedItem>& results, const std::vector<Label>& labels)
{
    std::map<std::pair<std::string, std::array<int, 4>>, std::string> words;
    for (const Label& l : labels) {
        std::string& text = words[{l.sourcePath, {l.window.x, l.window.y, l.window.width, l.window.height}}];
        text += (text.empty() ? "" : ", ") + (l.positive ? l.name : "not " + l.name);
    }
    for (RankedItem& r : results) {
        const Window& w = r.item.window;
        if (const auto it = words.find({r.item.path, {w.x, w.y, w.width, w.height}}); it != words.end())
            r.labels = it->second;
    }
}

std::string labelFolderName(const std::string& name)
{
    // Letters of any script stay (a name is checked UTF-8); ASCII that a file system or a
    // shell reads otherwise becomes '_'. Where that changed the name, a hash of the name
    // follows, so that two names never share a folder.
    std::string folder;
    for (const char ch : name) {
        const auto c = static_cast<unsigned char>(ch);
        const bool keep = c >= 0x80 || std::isalnum(c) || c == '-' || c == '_' || (c == '.' && !folder.empty());
        folder += keep ? ch : '_';
    }
    if (folder != name) {
        char hash[12];
        std::snprintf(hash, sizeof hash, "-%08x", static_cast<unsigned>(std::hash<std::string>{}(name) & 0xffffffffu));
        folder += hash;
    }
    return folder;
}

std::string labelChipPath(const Label& label)
{
    const std::string file = safeFileName(std::to_string(label.id) + "_" + fs::path(label.sourcePath).filename().string() +
                                          "_" + std::to_string(label.window.x) + "_" + std::to_string(label.window.y));
    return std::string(label.positive ? "positive/" : "negative/") + labelFolderName(label.name) + "/" + file + ".tif";
}

std::vector<fs::path> labelChipFiles(const fs::path& folder, const std::vector<Label>& labels)
{
    std::vector<fs::path> files;
    for (const Label& l : labels)
        files.push_back(folder / labelChipPath(l));
    files.push_back(folder / "manifest.csv");
    return files;
}

LabelChipReport exportLabelChips(const fs::path& given, const std::vector<Label>& labels, const IndexStore& store,
                                 bool overwrite, Progress* progress)
try {
    const fs::path folder = prepareExportFolder(given, labelChipFiles(given, labels), overwrite);
    if (overwrite)
        removeStaleChips(folder, labels);
    LabelChipReport report;
    std::ostringstream manifest;
    manifest << "file,label,positive,source,x,y,width,height,item,score,created,longitude,latitude,problem\r\n";
    for (std::size_t i = 0; i < labels.size(); ++i) {
        if (progress) {
            progress->report(static_cast<std::int64_t>(i), static_cast<std::int64_t>(labels.size()), "writing chips");
            if (progress->isCancelled())
                throw Cancelled{};
        }
        const Label& l = labels[i];
        const std::string chip = labelChipPath(l);
        std::string problem;
        try {
            std::error_code ec;
            const fs::path side = folder / (l.positive ? "positive" : "negative");
            for (const fs::path& sub : {side, side / labelFolderName(l.name)}) {
                if (fs::is_symlink(fs::symlink_status(sub, ec)))
                    throw Error(sub.string() + " is a symbolic link; rscir does not write through links");
                fs::create_directory(sub, ec);
            }
            writeChip(store.sourceFile(l.sourcePath), l.window, folder / chip, overwrite);
            ++report.written;
        } catch (const Cancelled&) {
            throw;
        } catch (const std::exception& e) {
            problem = e.what();
            report.missing.push_back(l.sourcePath + ": " + problem);
        }
        std::string lon, lat;
        if (l.footprint) {
            const auto centre = footprintCentre(*l.footprint);
            lon = number(centre[0]);
            lat = number(centre[1]);
        }
        manifest << csvField(problem.empty() ? chip : "") << ',' << csvField(l.name) << ','
                 << (l.positive ? "true" : "false") << ',' << csvField(l.sourcePath) << ',' << l.window.x << ','
                 << l.window.y << ',' << l.window.width << ',' << l.window.height << ','
                 << (l.itemId ? std::to_string(l.itemId) : "") << ',' << (l.score ? number(*l.score) : "") << ','
                 << csvField(l.created) << ',' << lon << ',' << lat << ',' << csvField(problem) << "\r\n";
    }
    writeIntoPlace(folder / "manifest.csv", overwrite, [&](const fs::path& temporary) {
        std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
        out << manifest.str();
        if (!out.flush())
            throw Error("writing " + temporary.string() + " failed (is the disk full?)");
    });
    return report;
} catch (...) {
    rethrowAsError("exporting labelled chips to " + given.string());
}

} // namespace rscir
