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

/// SigLIP's text canonicalisation before SentencePiece: U+2581 becomes a space, full
/// Unicode lowercasing, ASCII punctuation deleted, whitespace runs collapsed to one space
/// and stripped (transformers' SiglipTokenizer). `openClip`: first open_clip's
/// `canonicalize` clean (the cleaning above, with `_` becoming a space).
std::string canonicalizeSiglipText(std::string_view utf8, bool openClip);

/// Python's `html.unescape` for numeric references and the common named entities.
std::string htmlUnescape(std::string_view utf8);

} // namespace rscir
