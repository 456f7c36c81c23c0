#pragma once
/// What the caches between queries may hold, in one place. Each is a byte budget, and the
/// terms of the query at hand are kept even beyond it.

#include <cstddef>

namespace rscir::cache_limits {

/// Normalised score vectors per term (and area): 16 terms at 10^6 items, or 1.6 at 10^7.
constexpr std::size_t kTermScoresBytes = std::size_t(128) << 20;
/// Embeddings of query terms (texts, images, items) per model: about 5,000 of 768 values.
constexpr std::size_t kTermEmbeddingsBytes = std::size_t(16) << 20;
/// The rows each area of a batch keeps: 8 bytes a row, so 8 areas of 10^6 rows.
constexpr std::size_t kAreaRowsBytes = std::size_t(64) << 20;
/// Item labels the window shows (path and window), read from the index once each.
constexpr std::size_t kItemLabelBytes = std::size_t(1) << 20;
/// Engine messages remembered with their code between the thread that raised them and the
/// message bar that says them in the user's language.
constexpr std::size_t kCodedMessageBytes = std::size_t(256) << 10;

} // namespace rscir::cache_limits
