#include "core/clip/tokenizer.h"

#include "core/clip/text_clean.h"
#include "core/base/error.h"

#include <nlohmann/json.hpp>
#include <unicode/regex.h>
#include <unicode/unistr.h>
#include <zlib.h>

#include <algorithm>
#include <climits>
#include <limits>
#include <fstream>
#include <mutex>
#include <queue>
#include <sstream>
#include <unordered_map>

namespace rscir {

namespace {

/// GPT-2's byte-to-unicode table: printable bytes map to themselves, the other 68
/// bytes, in ascending order, to U+0100 onwards. Returns the UTF-8 form of each.
/// Bytes that stand for themselves in the table, in ascending order.
std::vector<int> printableBytes()
{
    std::vector<int> printable;
    for (int b = '!'; b <= '~'; ++b)
        printable.push_back(b);
    for (int b = 0xa1; b <= 0xac; ++b)
        printable.push_back(b);
    for (int b = 0xae; b <= 0xff; ++b)
        printable.push_back(b);
    return printable;
}

std::vector<std::string> byteTable()
{
    const std::vector<int> printable = printableBytes();
    std::vector<std::string> table(256);
    int extra = 0;
    for (int b = 0; b < 256; ++b) {
        const bool isPrintable = std::find(printable.begin(), printable.end(), b) != printable.end();
        const UChar32 cp = isPrintable ? b : 256 + extra++;
        icu::UnicodeString(cp).toUTF8String(table[static_cast<std::size_t>(b)]);
    }
    return table;
}

/// The byte-table order of the 256 single-byte symbols, as CLIP lists them (ids 0..255).
std::vector<std::string> byteSymbolsInVocabularyOrder(const std::vector<std::string>& table)
{
    std::vector<int> order = printableBytes();
    for (int b = 0; b < 256; ++b)
        if (std::find(order.begin(), order.end(), b) == order.end())
            order.push_back(b);
    std::vector<std::string> symbols;
    for (int b : order)
        symbols.push_back(table[static_cast<std::size_t>(b)]);
    return symbols;
}

std::string readGzipOrText(const std::filesystem::path& path)
{
    gzFile file = gzopen(path.string().c_str(), "rb"); // reads plain text transparently too
    if (!file)
        throw Error("cannot open the tokenizer vocabulary " + path.string());
    std::string data;
    char buffer[1 << 16];
    int n;
    while ((n = gzread(file, buffer, sizeof buffer)) > 0) {
        data.append(buffer, static_cast<std::size_t>(n));
        if (data.size() > (64u << 20)) {
            gzclose(file);
            throw Error(path.string() + " is larger than any CLIP vocabulary");
        }
    }
    const bool failed = n < 0;
    gzclose(file);
    if (failed)
        throw Error(path.string() + " is damaged (gzip error)", "download the vocabulary again");
    return data;
}

std::vector<std::string> splitLines(const std::string& data)
{
    std::vector<std::string> lines;
    std::stringstream stream(data);
    std::string line;
    while (std::getline(stream, line)) {
        if (!line.empty() && line.back() == '\r')
            line.pop_back();
        lines.push_back(line);
    }
    return lines;
}

/// Splits a UTF-8 string into its code points (each as UTF-8).
std::vector<std::string> codePoints(const std::string& s)
{
    std::vector<std::string> out;
    for (std::size_t i = 0; i < s.size();) {
        const unsigned char c = static_cast<unsigned char>(s[i]);
        const std::size_t len = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : 4;
        out.push_back(s.substr(i, len));
        i += len;
    }
    return out;
}

} // namespace

struct ClipTokenizer::Impl {
    std::vector<std::string> byteEncoder;
    std::unordered_map<std::string, int> encoder;
    std::vector<std::string> decoder;
    std::unordered_map<std::string, int> mergeRanks; // "a b" -> rank
    std::unique_ptr<icu::RegexPattern> pattern;
    mutable std::mutex cacheMutex;
    mutable std::unordered_map<std::string, std::vector<int>> cache;

    void build(const std::vector<std::pair<std::string, std::string>>& merges)
    {
        byteEncoder = byteTable();
        std::vector<std::string> vocab = byteSymbolsInVocabularyOrder(byteEncoder);
        const std::size_t n = vocab.size();
        for (std::size_t i = 0; i < n; ++i)
            vocab.push_back(vocab[i] + "</w>");
        for (const auto& [a, b] : merges)
            vocab.push_back(a + b);
        vocab.push_back("<|startoftext|>");
        vocab.push_back("<|endoftext|>");
        for (std::size_t i = 0; i < merges.size(); ++i)
            mergeRanks.emplace(merges[i].first + " " + merges[i].second, static_cast<int>(i));
        setVocabulary(std::move(vocab));
    }

    void setVocabulary(std::vector<std::string> vocab)
    {
        decoder = std::move(vocab);
        encoder.clear();
        for (std::size_t i = 0; i < decoder.size(); ++i)
            encoder.emplace(decoder[i], static_cast<int>(i));
        const auto idOf = [&](const char* symbol) {
            const auto it = encoder.find(symbol);
            return it == encoder.end() ? -1 : it->second;
        };
        if (decoder.size() != 49408 || idOf("<|endoftext|>") != kEndOfText || idOf("<|startoftext|>") != kStartOfText)
            throw Error("the tokenizer vocabulary has " + std::to_string(decoder.size()) +
                        " entries; CLIP's has 49408 with <|startoftext|> = 49406 and <|endoftext|> = 49407");
    }

    void compilePattern()
    {
        UErrorCode status = U_ZERO_ERROR;
        UParseError parseError;
        pattern.reset(icu::RegexPattern::compile(
            icu::UnicodeString::fromUTF8(
                R"(<\|startoftext\|>|<\|endoftext\|>|'s|'t|'re|'ve|'m|'ll|'d|[\p{L}]+|[\p{N}]|[^\s\p{L}\p{N}]+)"),
            UREGEX_CASE_INSENSITIVE, parseError, status));
        if (U_FAILURE(status))
            throw Error(std::string("cannot compile the tokenizer pattern: ") + u_errorName(status));
    }

    std::vector<int> bpe(const std::string& piece) const
    {
        {
            std::lock_guard lock(cacheMutex);
            const auto it = cache.find(piece);
            if (it != cache.end())
                return it->second;
        }
        if (piece == "<|startoftext|>" || piece == "<|endoftext|>")
            return {encoder.at(piece)};
        // Byte-pair merges, lowest rank first, each over the whole word from the left: the
        // reference's result, found with a heap over adjacent pairs (O(n log n)) instead of
        // rescanning the word after every merge (quadratic: 18 s for one 100 KB word).
        std::vector<std::string> symbol;
        symbol.reserve(piece.size());
        for (unsigned char byte : piece)
            symbol.push_back(byteEncoder[byte]);
        if (symbol.empty())
            return {};
        symbol.back() += "</w>";
        const int n = static_cast<int>(symbol.size());
        std::vector<int> prev(static_cast<std::size_t>(n)), next(static_cast<std::size_t>(n)),
            version(static_cast<std::size_t>(n), 0);
        for (int i = 0; i < n; ++i) {
            prev[static_cast<std::size_t>(i)] = i - 1;
            next[static_cast<std::size_t>(i)] = i + 1 < n ? i + 1 : -1;
        }
        struct Pair {
            int rank, left, right, leftVersion, rightVersion;
            bool operator>(const Pair& o) const { return rank != o.rank ? rank > o.rank : left > o.left; }
        };
        std::priority_queue<Pair, std::vector<Pair>, std::greater<Pair>> heap;
        const auto offer = [&](int left, int right) {
            if (left < 0 || right < 0)
                return;
            const auto it = mergeRanks.find(symbol[static_cast<std::size_t>(left)] + " " +
                                            symbol[static_cast<std::size_t>(right)]);
            if (it != mergeRanks.end())
                heap.push({it->second, left, right, version[static_cast<std::size_t>(left)],
                           version[static_cast<std::size_t>(right)]});
        };
        for (int i = 0; i + 1 < n; ++i)
            offer(i, i + 1);
        while (!heap.empty()) {
            const Pair p = heap.top();
            heap.pop();
            const auto l = static_cast<std::size_t>(p.left), r = static_cast<std::size_t>(p.right);
            if (version[l] != p.leftVersion || version[r] != p.rightVersion || next[l] != p.right)
                continue; // a stale pair: one of its symbols has merged since
            symbol[l] += symbol[r];
            symbol[r].clear();
            ++version[l];
            version[r] = -1;
            next[l] = next[r];
            if (next[l] >= 0)
                prev[static_cast<std::size_t>(next[l])] = p.left;
            offer(prev[l], p.left);
            offer(p.left, next[l]);
        }
        std::vector<std::string> word;
        for (int i = 0; i >= 0; i = next[static_cast<std::size_t>(i)])
            word.push_back(std::move(symbol[static_cast<std::size_t>(i)]));
        std::vector<int> ids;
        for (const auto& symbol : word) {
            const auto it = encoder.find(symbol);
            if (it == encoder.end())
                throw Error("the tokenizer vocabulary lacks the symbol '" + symbol + "'", "the vocabulary is damaged");
            ids.push_back(it->second);
        }
        std::lock_guard lock(cacheMutex);
        if (cache.size() < 100000)
            cache.emplace(piece, ids);
        return ids;
    }
};

ClipTokenizer::ClipTokenizer(std::unique_ptr<Impl> impl) : m_impl(std::move(impl)) { }
ClipTokenizer::ClipTokenizer(ClipTokenizer&&) noexcept = default;
ClipTokenizer& ClipTokenizer::operator=(ClipTokenizer&&) noexcept = default;
ClipTokenizer::~ClipTokenizer() = default;

std::filesystem::path ClipTokenizer::findVocabulary(const std::filesystem::path& checkpoint)
{
    const auto folder = std::filesystem::is_directory(checkpoint) ? checkpoint : checkpoint.parent_path();
    for (const char* name : {"bpe_simple_vocab_16e6.txt.gz", "bpe_simple_vocab_16e6.txt", "vocab.json"}) {
        const auto candidate = folder / name;
        if (std::filesystem::exists(candidate))
            return candidate;
    }
    throw Error(ErrorCode::NoVocabularyNextTo, {checkpoint.string()}, "no tokenizer vocabulary next to " + checkpoint.string(),
                "put bpe_simple_vocab_16e6.txt.gz (or vocab.json and merges.txt) beside the model, or pass --vocab");
}

ClipTokenizer ClipTokenizer::load(const std::filesystem::path& givenPath)
{
    auto impl = std::make_unique<Impl>();
    std::filesystem::path path = givenPath;
    if (std::filesystem::is_directory(path))
        path = findVocabulary(path / "x");
    try {
        if (path.filename() == "vocab.json" || path.filename() == "merges.txt") {
            const auto folder = path.parent_path();
            const auto mergeLines = splitLines(readGzipOrText(folder / "merges.txt"));
            std::vector<std::pair<std::string, std::string>> merges;
            for (std::size_t i = 0; i < mergeLines.size(); ++i) {
                const auto& line = mergeLines[i];
                if (line.empty() || (i == 0 && line.rfind("#version", 0) == 0))
                    continue;
                const auto space = line.find(' ');
                if (space == std::string::npos)
                    throw Error((folder / "merges.txt").string() + ":" + std::to_string(i + 1) +
                                ": a merge must be two symbols separated by a space");
                merges.emplace_back(line.substr(0, space), line.substr(space + 1));
            }
            impl->build(merges);
            // vocab.json is authoritative for ids where it exists.
            std::ifstream in(folder / "vocab.json");
            if (!in)
                throw Error("cannot open " + (folder / "vocab.json").string());
            const auto json = nlohmann::json::parse(in, nullptr, false);
            if (!json.is_object())
                throw Error((folder / "vocab.json").string() + " is not a JSON object of token ids");
            std::vector<std::string> vocab(json.size());
            for (const auto& [token, id] : json.items()) {
                if (!id.is_number_integer() || id.get<std::int64_t>() < 0 || id.get<std::size_t>() >= vocab.size())
                    throw Error((folder / "vocab.json").string() + ": token '" + token + "' has an invalid id");
                vocab[id.get<std::size_t>()] = token;
            }
            impl->setVocabulary(std::move(vocab));
        } else {
            const auto lines = splitLines(readGzipOrText(path));
            // Line 0 is a header; CLIP uses the first 49152 - 256 - 2 merges.
            constexpr std::size_t kMerges = 49152 - 256 - 2;
            if (lines.size() < kMerges + 1)
                throw Error(path.string() + " holds " + std::to_string(lines.size()) +
                            " lines; a CLIP vocabulary has " + std::to_string(kMerges + 1) + " or more");
            std::vector<std::pair<std::string, std::string>> merges;
            merges.reserve(kMerges);
            for (std::size_t i = 1; i <= kMerges; ++i) {
                const auto space = lines[i].find(' ');
                if (space == std::string::npos)
                    throw Error(path.string() + ":" + std::to_string(i + 1) + ": not a merge ('a b')");
                merges.emplace_back(lines[i].substr(0, space), lines[i].substr(space + 1));
            }
            impl->build(merges);
        }
    } catch (const Error& e) {
        // Every message names the file it is about.
        if (e.message().find(path.parent_path().string()) != std::string::npos && !path.parent_path().empty())
            throw;
        throw e.within(path.string() + ": ");
    } catch (...) {
        rethrowAsError(path.string());
    }
    impl->compilePattern();
    return ClipTokenizer(std::move(impl));
}

std::vector<int> ClipTokenizer::encode(std::string_view utf8) const
{
    return encode(utf8, std::numeric_limits<std::size_t>::max());
}

std::vector<int> ClipTokenizer::encode(std::string_view utf8, std::size_t limit) const
{
    const std::string cleaned = cleanClipText(utf8);
    const icu::UnicodeString text = icu::UnicodeString::fromUTF8(cleaned);
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::RegexMatcher> matcher(m_impl->pattern->matcher(text, status));
    if (U_FAILURE(status))
        throw Error(std::string("tokenizer: ") + u_errorName(status));
    std::vector<int> ids;
    while (ids.size() < limit && matcher->find(status) && U_SUCCESS(status)) {
        std::string piece;
        matcher->group(status).toUTF8String(piece);
        const auto pieceIds = m_impl->bpe(piece);
        ids.insert(ids.end(), pieceIds.begin(), pieceIds.end());
    }
    return ids;
}

std::vector<int> ClipTokenizer::tokenize(std::string_view utf8, int context) const
{
    if (context < 2)
        throw Error("the context length must be at least 2");
    std::vector<int> tokens{kStartOfText};
    const auto ids = encode(utf8, static_cast<std::size_t>(context));
    tokens.insert(tokens.end(), ids.begin(), ids.end());
    tokens.push_back(kEndOfText);
    if (tokens.size() > static_cast<std::size_t>(context)) {
        tokens.resize(static_cast<std::size_t>(context));
        tokens.back() = kEndOfText;
    }
    return tokens;
}

std::string ClipTokenizer::decode(const std::vector<int>& ids) const
{
    std::string symbols;
    for (int id : ids)
        if (id >= 0 && static_cast<std::size_t>(id) < m_impl->decoder.size())
            symbols += m_impl->decoder[static_cast<std::size_t>(id)];
    // Undo the byte table; "</w>" marks the end of a word.
    std::string out;
    std::unordered_map<std::string, unsigned char> byteOf;
    for (int b = 0; b < 256; ++b)
        byteOf[m_impl->byteEncoder[static_cast<std::size_t>(b)]] = static_cast<unsigned char>(b);
    for (std::size_t i = 0; i < symbols.size();) {
        if (symbols.compare(i, 4, "</w>") == 0) {
            out.push_back(' ');
            i += 4;
            continue;
        }
        const auto cp = codePoints(symbols.substr(i, 4)).front();
        const auto it = byteOf.find(cp);
        if (it != byteOf.end())
            out.push_back(static_cast<char>(it->second));
        i += cp.size();
    }
    return out;
}

const std::vector<std::string>& ClipTokenizer::symbols() const
{
    return m_impl->decoder;
}

std::size_t ClipTokenizer::vocabularySize() const
{
    return m_impl->decoder.size();
}

} // namespace rscir
