#pragma once
/// \file
/// The library's one exception type: a message a person can read, and what to do about it.

#include <filesystem>
#include <new>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace rscir {

/// What went wrong, for whoever says it in another language than the engine's English:
/// the window translates a code and its arguments (the list says which, in order); the
/// command line prints the English sentence. A message without a code is said as it is.
enum class ErrorCode {
    None = 0,
    FileDisappeared, ///< file
    FileDisappearedWhileRead, ///< file
    NotARaster, ///< file, what GDAL said
    DamagedFile, ///< file, what is wrong
    TooManyPixels, ///< file, width, height, megapixels, the limit in megapixels, the setting
    NoVocabularyForModel, ///< model
    NoImagery, ///< folder
    NoVocabularyNextTo, ///< checkpoint
    ArchiveFolderMissing, ///< folder
    NotAVectorFile, ///< file
    DamagedEmbedding, ///< item, store file
    DamagedIndex, ///< index, what is wrong
    NoPolygons, ///< file (and layer)
    NotGeoreferenced, ///< file
    PickledModel, ///< checkpoint, class, how to convert it
    StoreIsLink, ///< store file
    SourceOutsideArchive, ///< index, source path, why
    TooManyVertices, ///< what, vertices, the limit
    LabelsReadOnly, ///< index
    NoSentencePieceForModel, ///< model
    WrongTokenizerForModel, ///< model, the tokenizer it needs ("SentencePiece" or "CLIP BPE"), the file given
};

/// Thrown by every part of core for failures a user can meet: bad files, bad
/// arguments, missing resources. `what()` is the whole sentence; `hint()` the advice alone.
class Error : public std::runtime_error {
public:
    explicit Error(const std::string& message, std::string hint = {})
        : std::runtime_error(hint.empty() ? message : message + " (" + hint + ")"),
          m_message(message),
          m_hint(std::move(hint))
    {
    }
    /// A message with a code: the same English sentence, and what a translation needs.
    Error(ErrorCode code, std::vector<std::string> args, const std::string& message, std::string hint = {})
        : Error(message, std::move(hint))
    {
        m_code = code;
        m_args = std::move(args);
    }

    const std::string& message() const noexcept { return m_message; }
    const std::string& hint() const noexcept { return m_hint; }
    ErrorCode code() const noexcept { return m_code; }
    const std::vector<std::string>& args() const noexcept { return m_args; }
    /// Where it happened, when a caller added it in front ("FILE: ", "line 3: ").
    const std::string& context() const noexcept { return m_context; }

    /// The same error said with `prefix` in front (a file or a line it happened in); the
    /// code and its arguments stay, so that a translation keeps the prefix and the rest.
    Error within(const std::string& prefix) const
    {
        Error e(prefix + m_message, m_hint);
        e.m_code = m_code;
        e.m_args = m_args;
        e.m_context = prefix + m_context;
        return e;
    }

private:
    std::string m_message;
    std::string m_hint;
    ErrorCode m_code = ErrorCode::None;
    std::vector<std::string> m_args;
    std::string m_context;
};

/// Thrown by core functions that stopped because their Progress was cancelled.
struct Cancelled { };

/// Called inside a `catch (...)` at core's boundary: rethrows rscir::Error and Cancelled
/// as they are, and anything else (the standard library's, a JSON library's) as an
/// rscir::Error whose message starts with `context`, so that callers meet one type.
[[noreturn]] inline void rethrowAsError(const std::string& context)
{
    try {
        throw;
    } catch (const Error&) {
        throw;
    } catch (const Cancelled&) {
        throw;
    } catch (const std::bad_alloc&) {
        throw Error(context + ": not enough memory");
    } catch (const std::filesystem::filesystem_error& e) {
        throw Error(context + ": " + e.path1().string() + ": " + e.code().message());
    } catch (const std::invalid_argument& e) {
        // std::stoi and friends say only their own name.
        const std::string what = e.what();
        throw Error(context + ": " +
                    (what.find(' ') == std::string::npos ? std::string("a value that should be a number is not one")
                                                         : what));
    } catch (const std::out_of_range& e) {
        const std::string what = e.what();
        throw Error(context + ": " +
                    (what.find(' ') == std::string::npos || what.rfind("unordered_map", 0) == 0 ||
                             what.rfind("vector", 0) == 0
                         ? std::string("a value is missing or out of range")
                         : what));
    } catch (const std::exception& e) {
        // JSON errors read "[json.exception.type_error.302] type must be number, but is string".
        std::string what = e.what();
        if (what.rfind("[json.exception.", 0) == 0 && what.find("] ") != std::string::npos)
            what = "malformed JSON: " + what.substr(what.find("] ") + 2);
        throw Error(context + ": " + what);
    } catch (...) {
        throw Error(context + ": an unknown failure");
    }
}

} // namespace rscir
