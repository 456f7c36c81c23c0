#pragma once
/// \file
/// Labels: what an analyst says of a place found ("pool", positive; "pool", negative),
/// kept with the index they belong to. A label names a source and a pixel window (so that
/// it survives indexing the archive anew), the item it was given to, its footprint, and
/// the model, query and score it was given under, with the time. One label per place and
/// name: labelling a place again with the same name replaces it.
///
/// Labels live in the index file, in a `labels` table the first label adds (older versions
/// of rscir ignore it and still open the index). Each label is written in a transaction of
/// its own, synchronously, through a connection beside the index's readers: a program
/// killed while labelling loses at most the label being written. An index where nothing
/// can be written (a read-only folder or share) keeps no labels; a side file — a small
/// SQLite file of rscir's, anywhere the user may write — keeps them instead.

#include "core/imagery/raster.h"

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace rscir {

namespace sql {
class Database;
}

struct Label {
    std::int64_t id = 0;
    std::string name;
    bool positive = true;
    std::string sourcePath; ///< archive-relative, as the index keeps it
    Window window;
    std::int64_t itemId = 0; ///< the item it was given to (an index made anew gives others)
    std::optional<Footprint> footprint;
    std::string model; ///< the model's name and fingerprint, or empty
    std::string query; ///< the query as saved-query JSON, or empty
    std::optional<double> score; ///< the item's score under that query
    std::string created; ///< when, ISO 8601 in UTC ("2026-12-05T10:04:31Z")
};

/// Why `name` cannot be a label's name ("" when it can): not empty, at most 64 characters
/// of UTF-8 without control characters.
std::string labelNameProblem(const std::string& name);

/// The time now as a label records it.
std::string labelTimeNow();

class LabelStore {
public:
    static constexpr std::int64_t kSideFileApplicationId = 0x5253434C; ///< "RSCL"

    /// Labels kept in the index itself. Throws rscir::Error for a file that is not an index,
    /// and ErrorCode::LabelsReadOnly for an index where nothing can be written.
    static std::unique_ptr<LabelStore> inIndex(const std::filesystem::path& index);
    /// Labels of `index` kept in a side file (made when missing; never through a link). A
    /// side file of another index is refused, as is a file that is not one.
    static std::unique_ptr<LabelStore> inSideFile(const std::filesystem::path& file, const std::filesystem::path& index);
    /// Reads the labels of an index (none before the first), or of a side file, writing
    /// nothing; for exports. A side file must belong to `index` when one is given. At most
    /// kMaxLabels are read. Throws rscir::Error.
    static std::vector<Label> read(const std::filesystem::path& file, const std::filesystem::path& index = {});
    static constexpr std::size_t kMaxLabels = 1000000;
    /// Whether labels can be written into the index (its file and folder are writable).
    static bool indexTakesLabels(const std::filesystem::path& index);
    /// Where the side file of `index` goes by default: in `folder`, named after the index
    /// and a hash of its absolute path.
    static std::filesystem::path sideFileFor(const std::filesystem::path& index, const std::filesystem::path& folder);

    ~LabelStore();
    const std::filesystem::path& file() const { return m_file; }
    bool isSideFile() const { return m_sideFile; }

    /// Adds a label, or replaces the one of the same place and name; returns its id. The
    /// name is checked (labelNameProblem), the window must be a real one. Throws rscir::Error.
    std::int64_t set(const Label& label);
    /// Removes a label; false when there was none with that id.
    bool remove(std::int64_t id);
    /// Every label, oldest first.
    std::vector<Label> labels() const;

private:
    LabelStore(std::unique_ptr<sql::Database> db, std::filesystem::path file, bool sideFile);
    std::unique_ptr<sql::Database> m_db;
    std::filesystem::path m_file;
    bool m_sideFile = false;
};

} // namespace rscir
