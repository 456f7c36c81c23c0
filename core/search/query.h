#pragma once
/// \file
/// A composed query as a value: a list of terms, each an image or a text, wanted or
/// avoided. A term says what it is: an item *of which index*, an image file from outside
/// the archive, or a text. Two queries are equal when their terms are, so that whoever
/// holds a query can tell whether cached similarities still belong to it.

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace rscir {

struct QueryTerm {
    enum class Kind {
        Item, ///< an item of an index: `index` and `item` (and its `path` for a label)
        File, ///< an image file from outside the archive: `path`
        Text, ///< a text: `text`
    };
    Kind kind = Kind::Text;
    bool avoided = false; ///< wanted (false) or to avoid (true)
    std::string index; ///< Item: the index file it belongs to (absolute path)
    std::int64_t item = 0; ///< Item: its id in that index
    std::string path; ///< File: the file (absolute path); Item: its path in the archive
    std::string text; ///< Text: the text, trimmed
    /// Item: its source file relative to the archive and its window (x, y, width, height),
    /// which identify it across re-indexing; empty when unknown.
    std::string source;
    std::array<int, 4> window{};

    bool isImage() const { return kind != Kind::Text; }
    bool operator==(const QueryTerm&) const = default;

    static QueryTerm ofItem(std::string index, std::int64_t item, std::string path = {});
    static QueryTerm ofFile(std::string path);
    static QueryTerm ofText(std::string text);
    /// A key that identifies the term's content (the same key means the same embedding
    /// for a given model and index).
    std::string key() const;
};

struct Query {
    std::vector<QueryTerm> terms;

    bool empty() const { return terms.empty(); }
    bool operator==(const Query&) const = default;

    /// The first wanted image term, and the first wanted text term, if any.
    const QueryTerm* image() const;
    const QueryTerm* text() const;
    /// Replaces the wanted image (or removes it when `term` is empty); keeps other terms.
    void setImage(std::optional<QueryTerm> term);
    /// Replaces the wanted text (an empty text removes it).
    void setText(const std::string& text);
};

} // namespace rscir
