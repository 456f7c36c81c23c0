#pragma once
/// \file
/// A benchmark's images as an index holds them: the stored embeddings of a list of
/// archive files, in the list's order, so that a benchmark runs on an indexed archive
/// without encoding it again.

#include "core/index/index_store.h"
#include "core/search/embedding.h"

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace rscir {

/// Every file the index holds whole (one item): its archive-relative path and item id.
std::map<std::string, std::int64_t> wholeFileItems(const IndexStore& store);

/// The model's embeddings of `paths` (relative to the index's archive root; a path under
/// "images/" is also found without that prefix, for an index of a dataset's images/
/// folder), one row per path. Each path must be a file indexed whole (one item); throws
/// rscir::Error saying how many are not, with an example. `itemIds`, when given, receives
/// the item id of each row.
/// `whole`, when given, is wholeFileItems() of the store (read once by a caller that needs it too).
EmbeddingMatrix embeddingsOfFiles(const IndexStore& store, std::int64_t modelId, const std::vector<std::string>& paths,
                                  std::vector<std::int64_t>* itemIds = nullptr,
                                  const std::map<std::string, std::int64_t>* whole = nullptr);

} // namespace rscir
