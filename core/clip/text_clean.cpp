#include "core/clip/text_clean.h"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/locid.h>

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <map>
#include <string>

namespace rscir {

namespace {

/// Named character references that occur in ordinary text. Python knows all 2,231 of
/// HTML5; this set covers markup, Latin-1 and typography.
const std::map<std::string, char32_t>& namedEntities()
{
    static const std::map<std::string, char32_t> entities = {
        {"amp", U'&'},     {"lt", U'<'},      {"gt", U'>'},       {"quot", U'"'},    {"apos", U'\''},
        {"nbsp", 0xa0},    {"iexcl", 0xa1},   {"cent", 0xa2},     {"pound", 0xa3},   {"curren", 0xa4},
        {"yen", 0xa5},     {"brvbar", 0xa6},  {"sect", 0xa7},     {"uml", 0xa8},     {"copy", 0xa9},
        {"ordf", 0xaa},    {"laquo", 0xab},   {"not", 0xac},      {"shy", 0xad},     {"reg", 0xae},
        {"macr", 0xaf},    {"deg", 0xb0},     {"plusmn", 0xb1},   {"sup2", 0xb2},    {"sup3", 0xb3},
        {"acute", 0xb4},   {"micro", 0xb5},   {"para", 0xb6},     {"middot", 0xb7},  {"cedil", 0xb8},
        {"sup1", 0xb9},    {"ordm", 0xba},    {"raquo", 0xbb},    {"frac14", 0xbc},  {"frac12", 0xbd},
        {"frac34", 0xbe},  {"iquest", 0xbf},  {"Agrave", 0xc0},   {"Aacute", 0xc1},  {"Acirc", 0xc2},
        {"Atilde", 0xc3},  {"Auml", 0xc4},    {"Aring", 0xc5},    {"AElig", 0xc6},   {"Ccedil", 0xc7},
        {"Egrave", 0xc8},  {"Eacute", 0xc9},  {"Ecirc", 0xca},    {"Euml", 0xcb},    {"Igrave", 0xcc},
        {"Iacute", 0xcd},  {"Icirc", 0xce},   {"Iuml", 0xcf},     {"ETH", 0xd0},     {"Ntilde", 0xd1},
        {"Ograve", 0xd2},  {"Oacute", 0xd3},  {"Ocirc", 0xd4},    {"Otilde", 0xd5},  {"Ouml", 0xd6},
        {"times", 0xd7},   {"Oslash", 0xd8},  {"Ugrave", 0xd9},   {"Uacute", 0xda},  {"Ucirc", 0xdb},
        {"Uuml", 0xdc},    {"Yacute", 0xdd},  {"THORN", 0xde},    {"szlig", 0xdf},   {"agrave", 0xe0},
        {"aacute", 0xe1},  {"acirc", 0xe2},   {"atilde", 0xe3},   {"auml", 0xe4},    {"aring", 0xe5},
        {"aelig", 0xe6},   {"ccedil", 0xe7},  {"egrave", 0xe8},   {"eacute", 0xe9},  {"ecirc", 0xea},
        {"euml", 0xeb},    {"igrave", 0xec},  {"iacute", 0xed},   {"icirc", 0xee},   {"iuml", 0xef},
        {"eth", 0xf0},     {"ntilde", 0xf1},  {"ograve", 0xf2},   {"oacute", 0xf3},  {"ocirc", 0xf4},
        {"otilde", 0xf5},  {"ouml", 0xf6},    {"divide", 0xf7},   {"oslash", 0xf8},  {"ugrave", 0xf9},
        {"uacute", 0xfa},  {"ucirc", 0xfb},   {"uuml", 0xfc},     {"yacute", 0xfd},  {"thorn", 0xfe},
        {"yuml", 0xff},    {"ndash", 0x2013}, {"mdash", 0x2014},  {"lsquo", 0x2018}, {"rsquo", 0x2019},
        {"sbquo", 0x201a}, {"ldquo", 0x201c}, {"rdquo", 0x201d},  {"bdquo", 0x201e}, {"hellip", 0x2026},
        {"euro", 0x20ac},  {"trade", 0x2122}, {"bull", 0x2022},   {"prime", 0x2032}, {"Prime", 0x2033},
        {"larr", 0x2190},  {"rarr", 0x2192},  {"uarr", 0x2191},   {"darr", 0x2193},  {"le", 0x2264},
        {"ge", 0x2265},    {"ne", 0x2260},    {"minus", 0x2212},  {"infin", 0x221e}, {"asymp", 0x2248},
        {"alpha", 0x3b1},  {"beta", 0x3b2},   {"gamma", 0x3b3},   {"delta", 0x3b4},  {"lambda", 0x3bb},
        {"mu", 0x3bc},     {"pi", 0x3c0},     {"sigma", 0x3c3},   {"tab", U'\t'},    {"newline", U'\n'},
        {"ensp", 0x2002},  {"emsp", 0x2003},  {"thinsp", 0x2009},
    };
    return entities;
}

void appendUtf8(std::string& out, char32_t c)
{
    icu::UnicodeString s(static_cast<UChar32>(c));
    s.toUTF8String(out);
}

/// ftfy's character-level fixes, applied to one code point; returns the replacement.
icu::UnicodeString fixCharacter(UChar32 c)
{
    // Curly and low quotes, and the modifier apostrophe, to ASCII quotes.
    if (c == 0x2bc || (c >= 0x2018 && c <= 0x201b))
        return icu::UnicodeString(static_cast<UChar32>('\''));
    if (c >= 0x201c && c <= 0x201f)
        return icu::UnicodeString(static_cast<UChar32>('"'));
    // Latin ligatures that are not language-specific letters.
    switch (c) {
    case 0x132: return icu::UnicodeString("IJ");
    case 0x133: return icu::UnicodeString("ij");
    case 0x149: return icu::UnicodeString(u"\u02bcn");
    case 0x1c4: return icu::UnicodeString(u"D\u017d");
    case 0x1c5: return icu::UnicodeString(u"D\u017e");
    case 0x1c6: return icu::UnicodeString(u"d\u017e");
    case 0x1c7: return icu::UnicodeString("LJ");
    case 0x1c8: return icu::UnicodeString("Lj");
    case 0x1c9: return icu::UnicodeString("lj");
    case 0x1ca: return icu::UnicodeString("NJ");
    case 0x1cb: return icu::UnicodeString("Nj");
    case 0x1cc: return icu::UnicodeString("nj");
    case 0x1f1: return icu::UnicodeString("DZ");
    case 0x1f2: return icu::UnicodeString("Dz");
    case 0x1f3: return icu::UnicodeString("dz");
    case 0xfb00: return icu::UnicodeString("ff");
    case 0xfb01: return icu::UnicodeString("fi");
    case 0xfb02: return icu::UnicodeString("fl");
    case 0xfb03: return icu::UnicodeString("ffi");
    case 0xfb04: return icu::UnicodeString("ffl");
    case 0xfb05: return icu::UnicodeString(u"\u017ft");
    case 0xfb06: return icu::UnicodeString("st");
    default: break;
    }
    // Full-width ASCII and the ideographic space to their ordinary forms; half-width
    // katakana and hangul to their standard width (what NFKC does to these blocks).
    if (c == 0x3000)
        return icu::UnicodeString(static_cast<UChar32>(' '));
    if ((c >= 0xff01 && c <= 0xff5e) || (c >= 0xff61 && c <= 0xffdc) || (c >= 0xffe0 && c <= 0xffee)) {
        UErrorCode status = U_ZERO_ERROR;
        const icu::Normalizer2* nfkc = icu::Normalizer2::getNFKCInstance(status);
        if (U_SUCCESS(status)) {
            icu::UnicodeString mapped = nfkc->normalize(icu::UnicodeString(c), status);
            if (U_SUCCESS(status) && mapped.countChar32() == 1)
                return mapped;
        }
    }
    // Line and paragraph separators become newlines; other control characters go.
    if (c == 0x2028 || c == 0x2029 || c == 0x85)
        return icu::UnicodeString(static_cast<UChar32>('\n'));
    if ((c <= 0x08) || c == 0x0b || (c >= 0x0e && c <= 0x1f) || c == 0x7f || (c >= 0x206a && c <= 0x206f) ||
        c == 0xfeff || (c >= 0xfff9 && c <= 0xfffc))
        return {};
    return icu::UnicodeString(c);
}

/// Python's str.isspace(): bidirectional class WS, B or S, or general category Zs.
bool isPythonSpace(UChar32 c)
{
    if (u_charType(c) == U_SPACE_SEPARATOR)
        return true;
    const auto direction = u_charDirection(c);
    return direction == U_WHITE_SPACE_NEUTRAL || direction == U_BLOCK_SEPARATOR || direction == U_SEGMENT_SEPARATOR;
}

} // namespace

std::string htmlUnescape(std::string_view text)
{
    std::string out;
    out.reserve(text.size());
    std::size_t i = 0;
    while (i < text.size()) {
        if (text[i] != '&') {
            out.push_back(text[i++]);
            continue;
        }
        const std::size_t semicolon = text.find(';', i + 1);
        if (semicolon != std::string_view::npos && semicolon - i <= 32) {
            const std::string_view body = text.substr(i + 1, semicolon - i - 1);
            if (body.size() >= 2 && body[0] == '#') {
                const bool hex = body[1] == 'x' || body[1] == 'X';
                const std::string_view digits = body.substr(hex ? 2 : 1);
                std::uint32_t value = 0;
                bool valid = !digits.empty() && digits.size() <= 8;
                for (char ch : digits) {
                    const int d = std::isdigit(static_cast<unsigned char>(ch)) ? ch - '0'
                                  : hex && std::isxdigit(static_cast<unsigned char>(ch))
                                      ? (std::tolower(static_cast<unsigned char>(ch)) - 'a' + 10)
                                      : -1;
                    if (d < 0) {
                        valid = false;
                        break;
                    }
                    value = value * (hex ? 16 : 10) + static_cast<std::uint32_t>(d);
                }
                if (valid) {
                    if (value == 0 || value > 0x10ffff || (value >= 0xd800 && value <= 0xdfff))
                        value = 0xfffd;
                    appendUtf8(out, value);
                    i = semicolon + 1;
                    continue;
                }
            } else {
                const auto& entities = namedEntities();
                const auto it = entities.find(std::string(body));
                if (it != entities.end()) {
                    appendUtf8(out, it->second);
                    i = semicolon + 1;
                    continue;
                }
            }
        }
        out.push_back(text[i++]);
    }
    return out;
}

std::string cleanClipText(std::string_view utf8)
{
    UErrorCode status = U_ZERO_ERROR;
    // ftfy: character fixes, then NFC.
    const icu::UnicodeString input =
        icu::UnicodeString::fromUTF8(icu::StringPiece(utf8.data(), static_cast<std::int32_t>(utf8.size())));
    icu::UnicodeString fixed;
    for (std::int32_t i = 0; i < input.length();) {
        const UChar32 c = input.char32At(i);
        fixed.append(fixCharacter(c));
        i = input.moveIndex32(i, 1);
    }
    const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(status);
    if (U_SUCCESS(status))
        fixed = nfc->normalize(fixed, status);

    std::string text;
    fixed.toUTF8String(text);
    text = htmlUnescape(htmlUnescape(text));

    // Collapse whitespace runs to one space and strip, then lowercase (full mapping).
    const icu::UnicodeString unescaped = icu::UnicodeString::fromUTF8(text);
    icu::UnicodeString collapsed;
    bool pendingSpace = false;
    for (std::int32_t i = 0; i < unescaped.length();) {
        const UChar32 c = unescaped.char32At(i);
        i = unescaped.moveIndex32(i, 1);
        if (isPythonSpace(c)) {
            pendingSpace = true;
            continue;
        }
        if (pendingSpace && !collapsed.isEmpty())
            collapsed.append(static_cast<UChar32>(' '));
        pendingSpace = false;
        collapsed.append(c);
    }
    collapsed.toLower(icu::Locale::getRoot());
    std::string out;
    collapsed.toUTF8String(out);
    return out;
}

std::string canonicalizeSiglipText(std::string_view utf8, bool openClip)
{
    std::string text;
    if (openClip) {
        text = cleanClipText(utf8);
        std::replace(text.begin(), text.end(), '_', ' ');
    } else {
        text = std::string(utf8);
    }
    icu::UnicodeString input = icu::UnicodeString::fromUTF8(text);
    input.toLower(icu::Locale::getRoot());
    icu::UnicodeString out;
    bool pendingSpace = false;
    for (std::int32_t i = 0; i < input.length();) {
        UChar32 c = input.char32At(i);
        i = input.moveIndex32(i, 1);
        if (c == 0x2581)
            c = ' ';
        // Python's string.punctuation, whatever the process's locale.
        static constexpr std::string_view kPunctuation = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";
        if (c < 0x80 && kPunctuation.find(static_cast<char>(c)) != std::string_view::npos)
            continue;
        if (isPythonSpace(c)) {
            pendingSpace = true;
            continue;
        }
        if (pendingSpace && !out.isEmpty())
            out.append(static_cast<UChar32>(' '));
        pendingSpace = false;
        out.append(c);
    }
    std::string result;
    out.toUTF8String(result);
    return result;
}

} // namespace rscir
