#include "ui/errors.h"

#include "core/base/error.h"

#include <QCoreApplication>
#include <QRegularExpression>

#include <vector>

#include <exception>
#include <new>

namespace rscir::ui {

namespace {

/// English patterns of the engine's frequent messages and their translatable forms; the
/// captures become %1, %2, ... in order.
struct Pattern {
    const char* english;
    const char* translatable;
};
constexpr Pattern kPatterns[] = {
    {R"(^(.+): the file disappeared \(it was removed or renamed\)$)",
     QT_TRANSLATE_NOOP("rscir::ui::EngineMessages", "%1: the file disappeared (it was removed or renamed)")},
    {R"(^(.+): the file disappeared while it was being read$)",
     QT_TRANSLATE_NOOP("rscir::ui::EngineMessages", "%1: the file disappeared while it was being read")},
    {R"(^(.+): not a raster GDAL can read: (.*)$)",
     QT_TRANSLATE_NOOP("rscir::ui::EngineMessages", "%1 is not a raster that GDAL can read: %2")},
    {R"(^(.+) is damaged: (.*) \(the file is truncated or corrupt\)$)",
     QT_TRANSLATE_NOOP("rscir::ui::EngineMessages", "%1 is damaged (truncated or corrupt): %2")},
    {R"(^(.+) has (\d+) x (\d+) pixels \((\d+) megapixels\); at most (\d+) megapixels are read \((\w+) sets the limit\)$)",
     QT_TRANSLATE_NOOP("rscir::ui::EngineMessages",
                       "%1 has %2 x %3 pixels (%4 megapixels); at most %5 megapixels are read (%6 sets the limit)")},
    {R"(^no tokenizer vocabulary was found for model (.+) \(put bpe_simple_vocab_16e6\.txt\.gz next to the checkpoint or pass --vocab FILE\)$)",
     QT_TRANSLATE_NOOP("rscir::ui::EngineMessages",
                       "No tokenizer vocabulary was found for the model %1: put bpe_simple_vocab_16e6.txt.gz next to "
                       "its checkpoint, or give one in the models dialog.")},
    {R"(^(.+) holds no images or rasters \(\d+ kinds are read, e\.g\. \.tif, \.jpg, \.png\); no index was written \(choose the folder that holds the imagery\)$)",
     QT_TRANSLATE_NOOP("rscir::ui::EngineMessages",
                       "%1 holds no images or rasters that rscir reads (.tif, .jpg, .png and others); no index was "
                       "made. Choose the folder that holds the imagery.")},
    {R"(^no tokenizer vocabulary next to (.+) \(put bpe_simple_vocab_16e6\.txt\.gz \(or vocab\.json and merges\.txt\) beside the model, or pass --vocab\)$)",
     QT_TRANSLATE_NOOP("rscir::ui::EngineMessages",
                       "No tokenizer vocabulary was found next to %1: put bpe_simple_vocab_16e6.txt.gz (or vocab.json "
                       "and merges.txt) beside the checkpoint, or give one in the models dialog.")},
    {R"(^the archive folder (.+) does not exist or is not a folder$)",
     QT_TRANSLATE_NOOP("rscir::ui::EngineMessages", "The archive folder %1 does not exist or is not a folder.")},
    {R"(^(.+) is not a vector file GDAL/OGR can read \(give a GeoJSON, GeoPackage or Shapefile\)$)",
     QT_TRANSLATE_NOOP("rscir::ui::EngineMessages",
                       "%1 is not a vector file that GDAL/OGR can read; give a GeoJSON, GeoPackage or Shapefile.")},
    {R"(^the embedding of item (\d+) in (.+) is damaged \(not a finite number\) \(check every row and encode the damaged ones again: rscir index --verify\)$)",
     QT_TRANSLATE_NOOP("rscir::ui::EngineMessages",
                       "The embedding of item %1 in %2 is damaged (not a finite number). Check every row and encode "
                       "the damaged ones again with: rscir index --verify")},
    {R"(^the index (.+) is damaged or truncated: (.+) \(rscir leaves it as it is; restore it from a copy, or index the archive into a new file\)$)",
     QT_TRANSLATE_NOOP("rscir::ui::EngineMessages",
                       "The index %1 is damaged or truncated (%2). rscir leaves it as it is: restore it from a copy, "
                       "or index the archive into a new file.")},
    {R"(^(.+) holds no polygons$)", QT_TRANSLATE_NOOP("rscir::ui::EngineMessages", "%1 holds no polygons.")},
    {R"(^(.+) is not georeferenced: the map cannot place it$)",
     QT_TRANSLATE_NOOP("rscir::ui::EngineMessages", "%1 is not georeferenced: the map cannot place it.")},
    {R"(^(.+): the checkpoint is a whole pickled model \(it refers to the class (.+)\), not a state dict \((.+)\)$)",
     QT_TRANSLATE_NOOP("rscir::ui::EngineMessages",
                       "%1 is a whole pickled model (the class %2), not a state dict; %3")},
};

} // namespace

QString inUserLanguage(const QString& engineMessage)
{
    for (const Pattern& p : kPatterns) {
        static thread_local std::vector<QRegularExpression> compiled;
        if (compiled.empty())
            for (const Pattern& q : kPatterns)
                compiled.emplace_back(QString::fromUtf8(q.english));
        const auto match = compiled[static_cast<std::size_t>(&p - kPatterns)].match(engineMessage);
        if (!match.hasMatch())
            continue;
        // %1 ... %9 replaced in one pass: a captured file name may itself hold a '%'.
        const QString pattern = QCoreApplication::translate("rscir::ui::EngineMessages", p.translatable);
        QString text;
        for (qsizetype i = 0; i < pattern.size(); ++i) {
            if (pattern[i] == QLatin1Char('%') && i + 1 < pattern.size() && pattern[i + 1].isDigit()) {
                text += match.captured(pattern[i + 1].digitValue());
                ++i;
            } else {
                text += pattern[i];
            }
        }
        return text;
    }
    return engineMessage;
}

QString currentErrorText()
{
    try {
        throw;
    } catch (const Error& e) {
        return QString::fromStdString(e.what());
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
