#pragma once
/// \file
/// Splitting an archive into shards for indexing on a cluster: N disjoint parts made of
/// whole source files, balanced by pixel count, the same for every run that sees the
/// same files (each shard job computes the whole split and keeps its own part). Each
/// shard is an ordinary index; mergeIndexes() (core/index/merge.h) joins them.

#include "core/index/index_store.h"

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace rscir {

class Progress;

/// The image files of an archive (hidden files and folders left out, `exclude` too), as
/// '/'-separated paths relative to `root`, sorted. Throws rscir::Error when the folder
/// cannot be read.
std::vector<std::string> listArchive(const std::filesystem::path& root, const std::filesystem::path& exclude = {});

/// "I/N" with 1 <= I <= N: which shard a run indexes.
struct ShardSpec {
    int index = 0; ///< from 1
    int count = 0;
    bool operator==(const ShardSpec&) const = default;
    std::string text() const; ///< "2/3"
};
/// Parses "I/N"; throws rscir::Error saying what is wrong.
ShardSpec parseShard(const std::string& text);

struct ShardPart {
    std::vector<std::string> files; ///< sorted
    std::int64_t tiles = 0;
    std::int64_t pixels = 0;
};

struct ShardPlan {
    std::vector<ShardPart> parts;
    std::int64_t files = 0, tiles = 0, pixels = 0;
    std::int64_t unreadable = 0; ///< files whose size could not be read (they count as one tile, no pixels)
    /// Identifies the files and sizes the split was made from: shards whose plans differ
    /// were run over different archive contents and must not be merged.
    std::string fingerprint;
    /// The largest part's pixels over the mean (1 is perfect balance).
    double imbalance() const;
};

/// Splits `files` (from listArchive()) into `count` parts: files in decreasing order of
/// pixels (ties by path) each go to the part with the fewest pixels so far (ties: the
/// lowest part). Only raster headers are read, on `jobs` threads. Throws rscir::Cancelled.
ShardPlan planShards(const std::filesystem::path& root, const std::vector<std::string>& files,
                     const ArchiveSettings& settings, int count, int jobs = 1, Progress* progress = nullptr);

} // namespace rscir
