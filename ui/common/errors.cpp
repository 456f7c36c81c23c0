#include "ui/common/errors.h"
#include "core/base/lru_cache.h"
#include "core/search/cache_limits.h"

#include "core/base/error.h"

#include <QCoreApplication>

#include <map>
#include <mutex>
#include <optional>
#include <vector>

#include <exception>
#include <new>

namespace rscir::ui {

namespace {

/// The translatable form of each code's message; its arguments become %1, %2, ... in order.
const char* translatable(ErrorCode code)
{
    switch (code) {
    case ErrorCode::None: break;
    case ErrorCode::FileDisappeared:
        return QT_TRANSLATE_NOOP("rscir::ui::EngineMessages", "%1: the file disappeared (it was removed or renamed)");
    case ErrorCode::FileDisappearedWhileRead:
        return QT_TRANSLATE_NOOP("rscir::ui::EngineMessages", "%1: the file disappeared while it was being read");
    case ErrorCode::NotARaster:
        return QT_TRANSLATE_NOOP("rscir::ui::EngineMessages", "%1 is not a raster that GDAL can read: %2");
    case ErrorCode::DamagedFile:
        return QT_TRANSLATE_NOOP("rscir::ui::EngineMessages", "%1 is damaged (truncated or corrupt): %2");
    case ErrorCode::TooManyPixels:
        return QT_TRANSLATE_NOOP("rscir::ui::EngineMessages",
                                 "%1 has %2 x %3 pixels (%4 megapixels); at most %5 megapixels are read (%6 sets the "
                                 "limit)");
    case ErrorCode::NoVocabularyForModel:
        return QT_TRANSLATE_NOOP("rscir::ui::EngineMessages",
                                 "No tokenizer vocabulary was found for the model %1: put bpe_simple_vocab_16e6.txt.gz "
                                 "next to its checkpoint, or give one in the models dialog.");
    case ErrorCode::NoSentencePieceForModel:
        return QT_TRANSLATE_NOOP("rscir::ui::EngineMessages",
                                 "No SentencePiece tokenizer was found for the SigLIP model %1: put its spiece.model "
                                 "next to its checkpoint, or give one in the models dialog.");
    case ErrorCode::WrongTokenizerForModel:
        return QT_TRANSLATE_NOOP("rscir::ui::EngineMessages",
                                 "The model %1 needs its %2 tokenizer, and %3 is not one. Give the model's own "
                                 "tokenizer in the models dialog.");
    case ErrorCode::NoImagery:
        return QT_TRANSLATE_NOOP("rscir::ui::EngineMessages",
                                 "%1 holds no images or rasters that rscir reads (.tif, .jpg, .png and others); no "
                                 "index was made. Choose the folder that holds the imagery.");
    case ErrorCode::NoVocabularyNextTo:
        return QT_TRANSLATE_NOOP("rscir::ui::EngineMessages",
                                 "No tokenizer vocabulary was found next to %1: put bpe_simple_vocab_16e6.txt.gz (or "
                                 "vocab.json and merges.txt) beside the checkpoint, or give one in the models dialog.");
    case ErrorCode::ArchiveFolderMissing:
        return QT_TRANSLATE_NOOP("rscir::ui::EngineMessages", "The archive folder %1 does not exist or is not a folder.");
    case ErrorCode::NotAVectorFile:
        return QT_TRANSLATE_NOOP("rscir::ui::EngineMessages",
                                 "%1 is not a vector file that GDAL/OGR can read; give a GeoJSON, GeoPackage or "
                                 "Shapefile.");
    case ErrorCode::DamagedEmbedding:
        return QT_TRANSLATE_NOOP("rscir::ui::EngineMessages",
                                 "The embedding of item %1 in %2 is damaged (not a finite number). Check every row and "
                                 "encode the damaged ones again with: rscir index --verify");
    case ErrorCode::DamagedIndex:
        return QT_TRANSLATE_NOOP("rscir::ui::EngineMessages",
                                 "The index %1 is damaged or truncated (%2). rscir leaves it as it is: restore it from "
                                 "a copy, or index the archive into a new file.");
    case ErrorCode::NoPolygons: return QT_TRANSLATE_NOOP("rscir::ui::EngineMessages", "%1 holds no polygons.");
    case ErrorCode::NotGeoreferenced:
        return QT_TRANSLATE_NOOP("rscir::ui::EngineMessages", "%1 is not georeferenced: the map cannot place it.");
    case ErrorCode::PickledModel:
        return QT_TRANSLATE_NOOP("rscir::ui::EngineMessages",
                                 "%1 is a whole pickled model (the class %2), not a state dict; %3");
    case ErrorCode::StoreIsLink:
        return QT_TRANSLATE_NOOP("rscir::ui::EngineMessages",
                                 "The embedding store %1 is a symbolic link. rscir reads and writes an index's stores "
                                 "only as the files it made: remove the link and index the archive again.");
    case ErrorCode::SourceOutsideArchive:
        return QT_TRANSLATE_NOOP("rscir::ui::EngineMessages",
                                 "%1 names a source that rscir does not read: %2 (%3).");
    case ErrorCode::TooManyVertices:
        return QT_TRANSLATE_NOOP("rscir::ui::EngineMessages",
                                 "%1 has %2 vertices; at most %3 are used for an area. Simplify it in a GIS first.");
    case ErrorCode::LabelsReadOnly:
        return QT_TRANSLATE_NOOP("rscir::ui::EngineMessages",
                                 "Labels cannot be stored in %1: it is on storage this account may not write. Keep "
                                 "them in a side file instead.");
    }
    return nullptr;
}

/// An engine error as the window received it: its code, arguments and context.
struct Coded {
    ErrorCode code;
    std::vector<std::string> args;
    std::string context;
};

/// Messages travel between threads as their English sentence (the log keeps it); each
/// coded one is remembered here, so that the message bar can say it from its code. The
/// most recent are kept within a byte budget: a message is shown moments after it was
/// raised.
class CodedMessages {
public:
    void remember(const QString& english, Coded coded)
    {
        const std::lock_guard lock(m_mutex);
        std::size_t bytes = static_cast<std::size_t>(english.size()) * sizeof(QChar) + coded.context.size();
        for (const auto& arg : coded.args)
            bytes += arg.size();
        m_byText.put(english, std::move(coded), bytes);
        m_byText.trim();
    }
    std::optional<Coded> find(const QString& english) const
    {
        const std::lock_guard lock(m_mutex);
        const Coded* coded = m_byText.find(english);
        return coded ? std::optional<Coded>(*coded) : std::nullopt;
    }

private:
    mutable std::mutex m_mutex;
    mutable LruCache<QString, Coded> m_byText{cache_limits::kCodedMessageBytes};
};

CodedMessages& codedMessages()
{
    static CodedMessages messages;
    return messages;
}

QString say(const Coded& coded)
{
    const char* source = translatable(coded.code);
    if (!source)
        return {};
    const QString pattern = QCoreApplication::translate("rscir::ui::EngineMessages", source);
    // %1 ... %9 replaced in one pass: an argument (a file name) may itself hold a '%'.
    QString text;
    for (qsizetype i = 0; i < pattern.size(); ++i) {
        if (pattern[i] == QLatin1Char('%') && i + 1 < pattern.size() && pattern[i + 1].isDigit()) {
            const auto n = static_cast<std::size_t>(pattern[i + 1].digitValue());
            if (n >= 1 && n <= coded.args.size())
                text += QString::fromStdString(coded.args[n - 1]);
            ++i;
        } else {
            text += pattern[i];
        }
    }
    return QString::fromStdString(coded.context) + text;
}

} // namespace

QString inUserLanguage(const Error& error)
{
    if (error.code() != ErrorCode::None)
        if (QString text = say({error.code(), error.args(), error.context()}); !text.isEmpty())
            return text;
    return QString::fromStdString(error.what());
}

QString inUserLanguage(const QString& engineMessage)
{
    if (const auto coded = codedMessages().find(engineMessage))
        if (QString text = say(*coded); !text.isEmpty())
            return text;
    return engineMessage;
}

QString currentErrorText()
{
    try {
        throw;
    } catch (const Error& e) {
        const QString english = QString::fromStdString(e.what());
        if (e.code() != ErrorCode::None)
            codedMessages().remember(english, {e.code(), e.args(), e.context()});
        return english;
    } catch (const Cancelled&) {
        return QCoreApplication::translate("rscir::ui::Errors", "Cancelled.");
    } catch (const std::bad_alloc&) {
        return QCoreApplication::translate("rscir::ui::Errors", "Not enough memory.");
    } catch (const std::exception& e) {
        return QCoreApplication::translate("rscir::ui::Errors", "An unexpected failure: %1")
            .arg(QString::fromLocal8Bit(e.what()));
    } catch (...) {
        return QCoreApplication::translate("rscir::ui::Errors", "An unexpected failure.");
    }
}

} // namespace rscir::ui
