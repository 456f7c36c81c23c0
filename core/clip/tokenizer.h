#pragma once
/// \file
/// CLIP's byte-level BPE tokenizer, as OpenAI's and open_clip's reference code does it:
/// text cleaning, the pre-tokenising pattern, merges by rank, start and end tokens,
/// and a context of 77 with open_clip's truncation.

#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace rscir {

class ClipTokenizer {
public:
    static constexpr int kStartOfText = 49406;
    static constexpr int kEndOfText = 49407;

    /// Reads `bpe_simple_vocab_16e6.txt.gz` (or its gunzipped text), or a Hugging Face
    /// folder / `vocab.json` with `merges.txt` beside it. Throws rscir::Error.
    static ClipTokenizer load(const std::filesystem::path& path);
    /// The vocabulary next to a checkpoint: the .gz file, or vocab.json + merges.txt.
    static std::filesystem::path findVocabulary(const std::filesystem::path& checkpoint);

    ClipTokenizer(ClipTokenizer&&) noexcept;
    ClipTokenizer& operator=(ClipTokenizer&&) noexcept;
    ~ClipTokenizer();

    /// Token ids of the cleaned text, without start/end tokens.
    std::vector<int> encode(std::string_view utf8) const;
    /// The same, stopping once `limit` ids are there (a prompt longer than the context
    /// is cut anyway: the rest of a 400 KB text is never tokenised).
    std::vector<int> encode(std::string_view utf8, std::size_t limit) const;
    /// `[SOT] + ids + [EOT]`, at most `context` long (longer input keeps the first
    /// context - 1 ids... and ends with EOT, as open_clip does). No padding.
    std::vector<int> tokenize(std::string_view utf8, int context = 77) const;
    /// The text a list of ids stands for (for diagnostics).
    std::string decode(const std::vector<int>& ids) const;
    std::size_t vocabularySize() const;
    /// The symbol of every id (byte-level BPE symbols, as Hugging Face's vocab.json lists them).
    const std::vector<std::string>& symbols() const;

private:
    struct Impl;
    explicit ClipTokenizer(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> m_impl;
};

} // namespace rscir
