#pragma once
/// \file
/// SigLIP's tokenizer: a SentencePiece model (read by libsentencepiece), SigLIP's text
/// canonicalisation, the end token and padding to the model's context, as transformers'
/// SiglipTokenizer (or open_clip's tokenizer path for open_clip's SigLIP models) does it.

#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace rscir {

class SentencePieceTokenizer {
public:
    /// Whether this build can load SentencePiece models: not under AddressSanitizer, which
    /// refuses the isolated loading libsentencepiece needs (RTLD_DEEPBIND).
    static bool available();
    /// Reads a SentencePiece `.model` file (at most 64 MiB). Throws rscir::Error.
    static SentencePieceTokenizer load(const std::filesystem::path& path);
    /// Whether `path` is a SentencePiece model rather than a CLIP vocabulary: a `.model`
    /// file, or a folder holding `spiece.model`.
    static bool isSentencePieceFile(const std::filesystem::path& path);
    /// `spiece.model` beside a checkpoint, or empty.
    static std::filesystem::path findModel(const std::filesystem::path& checkpoint);

    SentencePieceTokenizer(SentencePieceTokenizer&&) noexcept;
    SentencePieceTokenizer& operator=(SentencePieceTokenizer&&) noexcept;
    ~SentencePieceTokenizer();

    /// The ids of the canonicalised text: at most context - 1 of them, then the end token
    /// `</s>`, then `</s>` again up to `context` (SigLIP pads with the end token). No mask:
    /// the text tower attends to the padding. `openClip`: open_clip's cleaning first.
    std::vector<int> tokenize(std::string_view utf8, int context, bool openClip = false) const;
    /// The pieces of the canonicalised text, for diagnostics.
    std::vector<std::string> pieces(std::string_view utf8, bool openClip = false) const;
    int endId() const;
    std::size_t vocabularySize() const;

private:
    struct Impl;
    explicit SentencePieceTokenizer(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> m_impl;
};

} // namespace rscir
