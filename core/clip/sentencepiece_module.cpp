// A loadable module around libsentencepiece, with a C interface. Debian's libsentencepiece
// carries its own copy of protobuf and exports its symbols; loaded beside libtorch's
// libprotobuf in one symbol scope, one library's calls land in the other's copy (a crash at
// start-up). The tokenizer therefore loads this module on its own (RTLD_LOCAL and
// RTLD_DEEPBIND): libsentencepiece resolves its protobuf to its own copy, and nothing of it
// reaches the process's global scope.

#include <sentencepiece_processor.h>

#include <cstring>
#include <string>
#include <vector>

namespace {

void copyError(const std::string& text, char* error, std::size_t size)
{
    if (!error || size == 0)
        return;
    const std::size_t n = std::min(size - 1, text.size());
    std::memcpy(error, text.data(), n);
    error[n] = '\0';
}

} // namespace

extern "C" {

__attribute__((visibility("default"))) void* rscir_spm_load(const char* bytes, std::size_t size, char* error,
                                                            std::size_t errorSize)
{
    try {
        auto* processor = new sentencepiece::SentencePieceProcessor;
        const auto status = processor->LoadFromSerializedProto(std::string(bytes, size));
        if (!status.ok()) {
            copyError(status.ToString(), error, errorSize);
            delete processor;
            return nullptr;
        }
        return processor;
    } catch (const std::exception& e) {
        copyError(e.what(), error, errorSize);
        return nullptr;
    }
}

__attribute__((visibility("default"))) void rscir_spm_free(void* processor)
{
    delete static_cast<sentencepiece::SentencePieceProcessor*>(processor);
}

__attribute__((visibility("default"))) int rscir_spm_piece_count(const void* processor)
{
    return static_cast<const sentencepiece::SentencePieceProcessor*>(processor)->GetPieceSize();
}

__attribute__((visibility("default"))) int rscir_spm_piece_to_id(const void* processor, const char* piece)
{
    return static_cast<const sentencepiece::SentencePieceProcessor*>(processor)->PieceToId(piece);
}

/// The piece of `id`, NUL-terminated, into `out` (at most `size` bytes); its length, or -1.
__attribute__((visibility("default"))) long rscir_spm_id_to_piece(const void* processor, int id, char* out,
                                                                  std::size_t size)
{
    const auto* p = static_cast<const sentencepiece::SentencePieceProcessor*>(processor);
    if (id < 0 || id >= p->GetPieceSize())
        return -1;
    const std::string piece = p->IdToPiece(id);
    copyError(piece, out, size);
    return static_cast<long>(piece.size());
}

/// Encodes `text`: the ids into `ids` (at most `capacity`), and, when `pieces` is given,
/// the pieces one after another, each ending with a NUL (at most `piecesSize` bytes).
/// Returns the number of ids (which may exceed `capacity`: call again with more), or -1.
__attribute__((visibility("default"))) long rscir_spm_encode(const void* processor, const char* text,
                                                             std::size_t size, int* ids, std::size_t capacity,
                                                             char* pieces, std::size_t piecesSize)
{
    try {
        const auto* p = static_cast<const sentencepiece::SentencePieceProcessor*>(processor);
        const std::string input(text, size);
        std::vector<int> encoded;
        if (!p->Encode(input, &encoded).ok())
            return -1;
        for (std::size_t i = 0; i < encoded.size() && i < capacity; ++i)
            ids[i] = encoded[i];
        if (pieces && piecesSize > 0) {
            std::vector<std::string> encodedPieces;
            if (!p->Encode(input, &encodedPieces).ok())
                return -1;
            std::string joined;
            for (const auto& piece : encodedPieces)
                joined += piece + '\0';
            std::memcpy(pieces, joined.data(), std::min(piecesSize, joined.size()));
        }
        return static_cast<long>(encoded.size());
    } catch (...) {
        return -1;
    }
}

} // extern "C"
