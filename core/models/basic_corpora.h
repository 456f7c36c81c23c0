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

/// What BASIC needs of a model's text tower: the embeddings of a batch of texts (row after
/// row, not normalised), their width, and what identifies them (the weights and heads, the
/// activation, the tokenizer and the context) for the corpus cache. The command line makes
/// one of a loaded model, the window of its shared encoder.
struct BasicTextModel {
    std::function<std::vector<float>(const std::vector<std::string>&)> encode;
    std::size_t dim = 0;
    std::string identity;
};

/// What identifies `model`'s text embeddings; `fingerprint` identifies its weights and heads.
std::string textIdentity(const LoadedModel& model, const std::string& fingerprint);
/// `model`'s text tower; `fingerprint` identifies its weights and heads. `model` must outlive it.
BasicTextModel basicTextModel(LoadedModel& model, const std::string& fingerprint);

/// The L2-normalised text embeddings of `texts`, kept in the cache folder
/// ($XDG_CACHE_HOME/rscir/basic) under the model's identity and the texts' hash, so that
/// a corpus is embedded once per model. Cancellable through `progress`.
EmbeddingMatrix embedCorpus(const BasicTextModel& model, const std::vector<std::string>& texts,
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
BasicPrepared prepareBasic(const BasicTextModel& model, const std::function<std::vector<float>()>& archiveMean, const BasicOptions& options,
                           Progress* progress = nullptr);

/// BASIC for an evaluation (`eval patterncom`, `eval cir`, the workbench): its space over a
/// dataset's images (their mean unless a file is given) and the texts it ranks with.
struct BasicEvaluation {
    std::shared_ptr<const BasicSpace> space;
    std::optional<BasicNormalisation> normalisation;
    std::function<Embedding(const std::string&)> text; ///< contextualised; null: the plain text embedding
    std::string description; ///< BasicPrepared::description
};
BasicEvaluation basicEvaluation(std::shared_ptr<const BasicTextModel> model, const EmbeddingMatrix& images,
                                const BasicOptions& options, Progress* progress = nullptr);

/// An evaluation's options (PatternComOptions, CirOptions) take BASIC's space, normalisation
/// and texts from `evaluation`.
template <class Options>
void useBasicEvaluation(Options& options, const BasicEvaluation& evaluation)
{
    options.basic = evaluation.space;
    options.basicNormalisation = evaluation.normalisation;
    options.basicText = evaluation.text;
}

/// The reference's contextualised text: the mean of the L2-normalised embeddings of
/// "subject text" and "text subject" for the first `count` subjects.
std::vector<float> contextualisedText(const BasicTextModel& model, const std::string& text,
                                      const std::vector<std::string>& subjects, int count, Progress* progress = nullptr);

} // namespace rscir
