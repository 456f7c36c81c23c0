#pragma once
/// \file
/// Labels taken away: a GeoPackage of their footprints with every field a label has, and,
/// for trainers, a folder per label of chips (`positive/pool/…tif`, `negative/pool/…tif`)
/// with a CSV manifest (`manifest.csv`), the layout image-folder classifiers and detector
/// tools read.

#include "core/index/labels.h"

#include <filesystem>
#include <string>
#include <vector>

namespace rscir {

class IndexStore;
class Progress;
struct RankedItem;

/// Gives each result the labels of its place ("pool, not ship"), for an export that names
/// them (chips.gpkg's "labels" field).
void attachLabels(std::vector<RankedItem>& results, const std::vector<Label>& labels);

/// Writes `labels` as the layer "labels" of a GeoPackage (WGS84 footprints; a label without
/// one has no geometry). Never through a link, never replacing a file without `overwrite`.
/// Throws rscir::Error.
void writeLabelsGeoPackage(const std::filesystem::path& output, const std::vector<Label>& labels, bool overwrite);

/// The folder of a label's chips: its name, with ASCII that a file system or a shell reads
/// otherwise made '_' and then a hash of the name, so that two names never share one.
std::string labelFolderName(const std::string& name);
/// A label's chip, relative to the export folder: "positive/pool/12_scene.tif_512_256.tif"
/// (negatives under "negative/").
std::string labelChipPath(const Label& label);

/// Every file exportLabelChips writes (to ask before replacing).
std::vector<std::filesystem::path> labelChipFiles(const std::filesystem::path& folder, const std::vector<Label>& labels);

struct LabelChipReport {
    std::size_t written = 0;
    /// Labels whose source is no longer readable (moved, or outside the archive): in the
    /// manifest without a chip, with the reason.
    std::vector<std::string> missing;
};

/// Writes each label's window of its source (as `gdal_translate -srcwin` cuts it) into a
/// folder per label under `folder`, and `manifest.csv` listing every label with its chip.
/// Sources are found through `store` (its archive). Nothing is replaced without `overwrite`.
LabelChipReport exportLabelChips(const std::filesystem::path& folder, const std::vector<Label>& labels,
                                 const IndexStore& store, bool overwrite, Progress* progress = nullptr);

} // namespace rscir
