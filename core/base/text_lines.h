#pragma once
/// \file
/// Lines and CSV records read from files a stranger may have written: each is bounded
/// before it is kept, so that a file without line breaks (or /dev/zero) is an error after
/// a mebibyte instead of all the memory there is.

#include "core/base/error.h"

#include <cstddef>
#include <istream>
#include <string>
#include <vector>

namespace rscir {

inline constexpr std::size_t kMaxLineBytes = std::size_t(1) << 20;

/// Reads one line (without its '\n' or a '\r' before it); false at the end of the input.
/// Throws rscir::Error naming `where` when the line is longer than `maxBytes`.
inline bool readBoundedLine(std::istream& in, std::string& line, const std::string& where,
                            std::size_t maxBytes = kMaxLineBytes)
{
    line.clear();
    std::streambuf* buffer = in.rdbuf();
    bool any = false;
    for (;;) {
        const int c = buffer ? buffer->sbumpc() : std::char_traits<char>::eof();
        if (c == std::char_traits<char>::eof()) {
            if (!any) {
                in.setstate(std::ios::eofbit | std::ios::failbit);
                return false;
            }
            break;
        }
        any = true;
        if (c == '\n')
            break;
        if (line.size() >= maxBytes)
            throw Error(where + ": a line is longer than " + std::to_string(maxBytes / 1024) + " KiB",
                        "is this a text file of the expected kind?");
        line.push_back(static_cast<char>(c));
    }
    if (!line.empty() && line.back() == '\r')
        line.pop_back();
    return true;
}

/// Reads one CSV record (RFC 4180: a quoted field may hold commas, doubled quotes and line
/// breaks) of at most `maxBytes`; false at the end of the input. A quote opens a quoted
/// field only at the field's start (`5" gap` is text). `lineNumber` counts the lines read (a
/// record of several lines advances it by their number); a UTF-8 byte order mark before the
/// first line is skipped. Throws rscir::Error naming `where` and the line.
inline bool readCsvRecord(std::istream& in, std::vector<std::string>& fields, std::size_t& lineNumber,
                          const std::string& where, std::size_t maxBytes = kMaxLineBytes)
{
    fields.assign(1, std::string());
    std::string line;
    const auto at = [&](std::size_t number) { return where + " line " + std::to_string(number); };
    const std::size_t first = lineNumber + 1;
    std::size_t bytes = 0;
    bool quoted = false, fieldStart = true;
    do {
        ++lineNumber;
        if (!readBoundedLine(in, line, at(lineNumber), maxBytes)) {
            --lineNumber;
            if (quoted)
                throw Error(at(first) + ": a quoted field is not closed");
            return false;
        }
        if (lineNumber == 1 && line.rfind("\xEF\xBB\xBF", 0) == 0)
            line.erase(0, 3);
        if (quoted)
            fields.back() += '\n';
        bytes += line.size() + 1;
        if (bytes > maxBytes)
            throw Error(at(first) + ": a record is longer than " + std::to_string(maxBytes / 1024) + " KiB");
        for (std::size_t i = 0; i < line.size(); ++i) {
            const char c = line[i];
            if (quoted) {
                if (c == '"' && i + 1 < line.size() && line[i + 1] == '"') {
                    fields.back() += '"';
                    ++i;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    fields.back() += c;
                }
            } else if (c == '"' && fieldStart) {
                quoted = true;
                fieldStart = false;
            } else if (c == ',') {
                fields.emplace_back();
                fieldStart = true;
            } else {
                fields.back() += c;
                fieldStart = false;
            }
        }
    } while (quoted);
    return true;
}

} // namespace rscir
