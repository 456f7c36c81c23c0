#pragma once
/// \file
/// The text cleaning CLIP applies before tokenising: the parts of ftfy's `fix_text`
/// that change ordinary text (NFC, curly quotes, full-width forms, Latin ligatures,
/// line breaks, control characters), HTML unescaping twice, whitespace collapsing and
/// full Unicode lowercasing. Input is UTF-8; invalid sequences become U+FFFD.

#include <string>
#include <string_view>

namespace rscir {

/// The cleaned, lowercased text, UTF-8.
std::string cleanClipText(std::string_view utf8);

/// Python's `html.unescape` for numeric references and the common named entities.
std::string htmlUnescape(std::string_view utf8);

} // namespace rscir
