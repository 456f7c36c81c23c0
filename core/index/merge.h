#pragma once
/// \file
/// Joining the shards of an archive (indexes made by `rscir index --shard I/N`) into one
/// index, as if one run had indexed the whole archive: the same sources, items,
/// thumbnails, failures and embeddings. Rows are copied as the shards keep them (bit for
/// bit when the shards share their store's centre, as shards of one split on one kind
/// of machine do). Streams source by source, so memory does not grow with the archive;
/// the output is written under a hidden name beside it and appears, under its own name,
/// only when complete.

#include <cstddef>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

namespace rscir {

class Progress;

struct MergeReport {
    std::size_t shards = 0;
    std::size_t sources = 0; ///< files indexed or failed
    std::size_t failed = 0;
    std::size_t items = 0;
    std::size_t models = 0;
    /// Stores whose shards had different centres: their rows were rounded again (within
    /// fp16 rounding of the shards' values) instead of copied.
    std::size_t recentred = 0;
    double seconds = 0;
};

/// Merges `shards` into a new index at `output` (which must not exist). Checks first that
/// the shards come from one split (same archive root, settings, models, storage and plan,
/// every shard present once, each complete); a file found in two shards is an error too.
/// Throws rscir::Error naming the shard and what differs, rscir::Cancelled when cancelled;
/// either way nothing is left at `output`.
MergeReport mergeIndexes(const std::filesystem::path& output, const std::vector<std::filesystem::path>& shards,
                         Progress* progress = nullptr, const std::function<void(const std::string&)>& log = {});

} // namespace rscir
