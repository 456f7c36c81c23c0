#include "core/clip/sentencepiece_tokenizer.h"

#include "core/base/error.h"
#include "core/clip/text_clean.h"

#include <dlfcn.h>
#include <unistd.h>

#include <fstream>
#include <mutex>
#include <sstream>

#ifndef RSCIR_MODULE_DIRS
#define RSCIR_MODULE_DIRS ""
#endif

#if defined(__SANITIZE_ADDRESS__)
#define RSCIR_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define RSCIR_ASAN 1
#endif
#endif

namespace rscir {

namespace {

/// The functions of the SentencePiece module (sentencepiece_module.cpp), loaded once on its
/// own: see that file for why it is not linked.
struct Module {
    void* (*load)(const char*, std::size_t, char*, std::size_t) = nullptr;
    void (*free)(void*) = nullptr;
    int (*pieceCount)(const void*) = nullptr;
    int (*pieceToId)(const void*, const char*) = nullptr;
    long (*idToPiece)(const void*, int, char*, std::size_t) = nullptr;
    long (*encode)(const void*, const char*, std::size_t, int*, std::size_t, char*, std::size_t) = nullptr;
};

std::filesystem::path executableFolder()
{
    std::error_code ec;
    const auto self = std::filesystem::read_symlink("/proc/self/exe", ec);
    return ec ? std::filesystem::path{} : self.parent_path();
}

const Module& module()
{
    static Module m;
    static std::string failure;
    static std::once_flag once;
    std::call_once(once, [] {
        constexpr const char* kName = "librscir_sentencepiece.so";
        if (!SentencePieceTokenizer::available()) {
            failure = "SigLIP's tokenizer cannot be loaded in an AddressSanitizer build";
            return;
        }
        std::vector<std::filesystem::path> candidates;
        if (const char* given = std::getenv("RSCIR_SENTENCEPIECE_MODULE"); given && *given)
            candidates.emplace_back(given);
        const auto folder = executableFolder();
        if (!folder.empty()) {
            candidates.push_back(folder / kName); // the build tree: beside the programs
            std::stringstream dirs(RSCIR_MODULE_DIRS); // installed: relative to the programs
            for (std::string dir; std::getline(dirs, dir, ':');)
                if (!dir.empty())
                    candidates.push_back(folder / dir / kName);
        }
        void* handle = nullptr;
        std::string errors;
        for (const auto& candidate : candidates) {
            std::error_code ec;
            if (!std::filesystem::is_regular_file(candidate, ec))
                continue;
            handle = dlopen(candidate.c_str(), RTLD_NOW | RTLD_LOCAL | RTLD_DEEPBIND);
            if (handle)
                break;
            errors += std::string(dlerror()) + "; ";
        }
        if (!handle) {
            failure = "the SentencePiece module (" + std::string(kName) + ") was not found beside the program" +
                      (errors.empty() ? std::string() : ": " + errors);
            return;
        }
        const auto bind = [&](auto& target, const char* name) {
            target = reinterpret_cast<std::remove_reference_t<decltype(target)>>(dlsym(handle, name));
            if (!target)
                failure = std::string("the SentencePiece module lacks ") + name;
        };
        bind(m.load, "rscir_spm_load");
        bind(m.free, "rscir_spm_free");
        bind(m.pieceCount, "rscir_spm_piece_count");
        bind(m.pieceToId, "rscir_spm_piece_to_id");
        bind(m.idToPiece, "rscir_spm_id_to_piece");
        bind(m.encode, "rscir_spm_encode");
    });
    if (!failure.empty())
        throw Error(failure, "reinstall rscir; SigLIP models need it for their texts");
    return m;
}

} // namespace

struct SentencePieceTokenizer::Impl {
    void* processor = nullptr;
    int end = 1;
    ~Impl()
    {
        if (processor)
            module().free(processor);
    }
    /// The ids (and pieces, when asked) of an already canonicalised text.
    std::vector<int> encode(const std::string& text, std::vector<std::string>* pieces) const
    {
        const Module& m = module();
        std::vector<int> ids(text.size() + 8);
        std::string joined(pieces ? text.size() * 4 + 64 : 0, '\0');
        long n = m.encode(processor, text.data(), text.size(), ids.data(), ids.size(), pieces ? joined.data() : nullptr,
                          joined.size());
        if (n < 0)
            throw Error("the text could not be tokenised");
        if (static_cast<std::size_t>(n) > ids.size()) {
            ids.resize(static_cast<std::size_t>(n));
            n = m.encode(processor, text.data(), text.size(), ids.data(), ids.size(), nullptr, 0);
        }
        ids.resize(static_cast<std::size_t>(n));
        if (pieces) {
            pieces->clear();
            std::size_t start = 0;
            for (long i = 0; i < n && start < joined.size(); ++i) {
                const std::size_t stop = joined.find('\0', start);
                pieces->push_back(joined.substr(start, stop - start));
                start = stop + 1;
            }
        }
        return ids;
    }
};

SentencePieceTokenizer::SentencePieceTokenizer(std::unique_ptr<Impl> impl) : m_impl(std::move(impl)) { }
SentencePieceTokenizer::SentencePieceTokenizer(SentencePieceTokenizer&&) noexcept = default;
SentencePieceTokenizer& SentencePieceTokenizer::operator=(SentencePieceTokenizer&&) noexcept = default;
SentencePieceTokenizer::~SentencePieceTokenizer() = default;

bool SentencePieceTokenizer::available()
{
#ifdef RSCIR_ASAN
    return false;
#else
    return true;
#endif
}

bool SentencePieceTokenizer::isSentencePieceFile(const std::filesystem::path& path)
{
    std::error_code ec;
    if (std::filesystem::is_directory(path, ec))
        return std::filesystem::is_regular_file(path / "spiece.model", ec);
    return path.extension() == ".model";
}

std::filesystem::path SentencePieceTokenizer::findModel(const std::filesystem::path& checkpoint)
{
    std::error_code ec;
    const auto candidate = checkpoint.parent_path() / "spiece.model";
    return std::filesystem::is_regular_file(candidate, ec) ? candidate : std::filesystem::path{};
}

SentencePieceTokenizer SentencePieceTokenizer::load(const std::filesystem::path& given)
{
    namespace fs = std::filesystem;
    std::error_code ec;
    const fs::path path = fs::is_directory(given, ec) ? given / "spiece.model" : given;
    if (!fs::is_regular_file(path, ec))
        throw Error(path.string() + " is not a SentencePiece model file");
    const auto size = fs::file_size(path, ec);
    constexpr std::uintmax_t kLimit = 64u << 20;
    if (ec || size == 0 || size > kLimit)
        throw Error(path.string() + " is " + std::to_string(ec ? 0 : size) +
                        " bytes; a SentencePiece model holds 1 byte to 64 MiB",
                    "pass the model's spiece.model");
    std::ifstream in(path, std::ios::binary);
    std::ostringstream bytes;
    bytes << in.rdbuf();
    const std::string data = bytes.str();
    const Module& m = module();
    auto impl = std::make_unique<Impl>();
    char error[512] = {};
    impl->processor = m.load(data.data(), data.size(), error, sizeof error);
    if (!impl->processor)
        throw Error(path.string() + " is not a SentencePiece model: " + error, "pass the model's spiece.model");
    if (m.pieceCount(impl->processor) < 3)
        throw Error(path.string() + " holds fewer than 3 pieces");
    impl->end = m.pieceToId(impl->processor, "</s>");
    char piece[64] = {};
    if (impl->end < 0 || m.idToPiece(impl->processor, impl->end, piece, sizeof piece) < 0 ||
        std::string(piece) != "</s>")
        throw Error(path.string() + " has no end token </s>, which SigLIP needs");
    return SentencePieceTokenizer(std::move(impl));
}

std::vector<int> SentencePieceTokenizer::tokenize(std::string_view utf8, int context, bool openClip) const
{
    if (context < 1)
        throw Error("a text context must hold at least one token");
    std::vector<int> ids = m_impl->encode(canonicalizeSiglipText(utf8, openClip), nullptr);
    if (ids.size() > static_cast<std::size_t>(context - 1))
        ids.resize(static_cast<std::size_t>(context - 1));
    ids.resize(static_cast<std::size_t>(context), m_impl->end);
    return ids;
}

std::vector<std::string> SentencePieceTokenizer::pieces(std::string_view utf8, bool openClip) const
{
    std::vector<std::string> out;
    m_impl->encode(canonicalizeSiglipText(utf8, openClip), &out);
    return out;
}

int SentencePieceTokenizer::endId() const
{
    return m_impl->end;
}

std::size_t SentencePieceTokenizer::vocabularySize() const
{
    return static_cast<std::size_t>(module().pieceCount(m_impl->processor));
}

} // namespace rscir
