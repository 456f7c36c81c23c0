#pragma once
/// \file
/// BASIC's text corpora: a "subjects" corpus (what images show) and a "styles" corpus
/// (how they are shown), read as the reference reads them (the first column of every row
/// of `subjects.csv` and `styles.csv`), embedded with a model's text tower and kept on
/// disk per model, and the contextualised text of a query.

#include "core/models/model_source.h"
#include "core/search/basic.h"
#include "core/search/embedding.h"

#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace rscir {

class Progress;

struct BasicCorpusTexts {
    std::vector<std::string> subjects, styles;
};

/// The corpora rscir ships (remote-sensing subjects and styles): `share/rscir/basic`
/// beside the programs. Throws rscir::Error when they are not there.
std::filesystem::path defaultBasicCorpora();

/// The first column of every row of `folder`/subjects.csv and styles.csv (a header row is
/// a row, as the reference reads it; empty first columns are left out). At most 100,000
/// rows each. Throws rscir::Error naming the file.
BasicCorpusTexts readBasicCorpora(const std::filesystem::path& folder);

/// The L2-normalised text embeddings of `texts`, kept in the cache folder
/// ($XDG_CACHE_HOME/rscir/basic) under the model's fingerprint and the texts' hash, so that
/// a corpus is embedded once per model. Cancellable through `progress`.
EmbeddingMatrix embedCorpus(LoadedModel& model, const std::string& fingerprint, const std::vector<std::string>& texts,
                            Progress* progress = nullptr);

/// Everything a BASIC ranking needs of a model and an archive, built once.
struct BasicPrepared {
    std::shared_ptr<const BasicSpace> space;
    std::optional<BasicNormalisation> normalisation;
    std::vector<std::string> subjects; ///< for contextualised texts
    std::string key; ///< identifies the options, for caches of scores
    std::string description; ///< one line for a person: the mean, the components, the corpora
};

/// Embeds the corpora (kept on disk per model), takes the mean image (`archiveMean()` or
/// the given file), builds the space and reads the synthetic set. Throws rscir::Error.
BasicPrepared prepareBasic(LoadedModel& model, const std::string& fingerprint,
                           const std::function<std::vector<float>()>& archiveMean, const BasicOptions& options,
                           Progress* progress = nullptr);

/// The reference's contextualised text: the mean of the L2-normalised embeddings of
/// "subject text" and "text subject" for the first `count` subjects.
std::vector<float> contextualisedText(LoadedModel& model, const std::string& text,
                                      const std::vector<std::string>& subjects, int count);

} // namespace rscir
