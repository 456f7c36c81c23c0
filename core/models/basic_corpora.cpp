#include "core/models/basic_corpora.h"

#include "core/base/error.h"
#include "core/base/hash.h"
#include "core/base/npy.h"
#include "core/base/progress.h"
#include "core/base/text_lines.h"
#include "core/search/archive_search.h"

#include <cmath>
#include <cstdlib>
#include <fstream>

namespace rscir {

namespace {

/// Empty where there is no home (then nothing is kept).
std::filesystem::path cacheFolder()
{
    const char* xdg = std::getenv("XDG_CACHE_HOME");
    const char* home = std::getenv("HOME");
    if (xdg && *xdg)
        return std::filesystem::path(xdg) / "rscir" / "basic";
    if (home && *home)
        return std::filesystem::path(home) / ".cache" / "rscir" / "basic";
    return {};
}

std::vector<std::string> firstColumn(const std::filesystem::path& file)
{
    std::error_code ec;
    if (!std::filesystem::is_regular_file(file, ec))
        throw Error(file.string() + " is not there; a BASIC corpora folder holds subjects.csv and styles.csv");
    std::ifstream in(file);
    std::vector<std::string> rows, fields;
    std::size_t line = 0;
    while (readCsvRecord(in, fields, line, file.string())) {
        if (rows.size() >= 100000)
            throw Error(file.string() + " has more than 100,000 rows; a corpus is a few thousand texts");
        if (!fields.empty() && !fields.front().empty())
            rows.push_back(fields.front());
    }
    if (rows.empty())
        throw Error(file.string() + " holds no texts");
    return rows;
}

/// The texts' embeddings, `batch` at a time.
EmbeddingMatrix encodeTexts(const BasicTextModel& model, const std::vector<std::string>& texts, Progress* progress)
{
    const std::size_t dim = model.dim;
    EmbeddingMatrix out(texts.size(), dim);
    constexpr std::size_t kBatch = 64;
    for (std::size_t start = 0; start < texts.size(); start += kBatch) {
        if (progress && progress->isCancelled())
            throw Cancelled{};
        const std::vector<std::string> batch(texts.begin() + static_cast<std::ptrdiff_t>(start),
                                             texts.begin() + static_cast<std::ptrdiff_t>(std::min(texts.size(), start + kBatch)));
        const auto values = model.encode(batch);
        if (values.size() != batch.size() * dim)
            throw Error("the text encoder returned " + std::to_string(values.size()) + " values for " +
                        std::to_string(batch.size()) + " texts of width " + std::to_string(dim));
        std::copy(values.begin(), values.end(), out.data() + start * dim);
        if (progress)
            progress->report(static_cast<std::int64_t>(start + batch.size()), static_cast<std::int64_t>(texts.size()),
                             "embedding BASIC's corpora");
    }
    out.normaliseRows();
    return out;
}

} // namespace

std::filesystem::path defaultBasicCorpora()
{
    std::error_code ec;
    const auto self = std::filesystem::read_symlink("/proc/self/exe", ec);
    const auto folder = self.parent_path().parent_path() / "share" / "rscir" / "basic";
    if (ec || !std::filesystem::is_regular_file(folder / "subjects.csv", ec))
        throw Error("rscir's BASIC corpora were not found beside the program (" + folder.string() + ")",
                    "give a folder with subjects.csv and styles.csv: --basic-corpora DIR");
    return folder;
}

BasicCorpusTexts readBasicCorpora(const std::filesystem::path& folder)
{
    return {firstColumn(folder / "subjects.csv"), firstColumn(folder / "styles.csv")};
}

std::string textIdentity(const LoadedModel& model, const std::string& fingerprint)
{
    // Everything that changes a text's embedding: the weights (and heads), the activation,
    // the tokenizer and its file, the context and the precision computed in.
    return fingerprint + "\n" + std::string(activationName(model.model->options().activation)) + "\n" +
           model.tokenizerName() + "\n" + model.source.vocabulary.string() + "\n" +
           std::to_string(model.model->config().contextLength) + "\n" + model.model->precisionName();
}

BasicTextModel basicTextModel(LoadedModel& model, const std::string& fingerprint)
{
    BasicTextModel m;
    m.encode = [&model](const std::vector<std::string>& texts) {
        std::vector<std::vector<int>> tokens;
        for (const auto& text : texts)
            tokens.push_back(model.tokenize(text));
        return model.model->encodeTexts(tokens);
    };
    m.dim = static_cast<std::size_t>(model.model->config().embedDim);
    m.identity = textIdentity(model, fingerprint);
    return m;
}

EmbeddingMatrix embedCorpus(const BasicTextModel& model, const std::vector<std::string>& texts, Progress* progress)
{
    std::uint64_t hash = fnv1a64("rscir-basic-corpus-1\n" + model.identity + "\n");
    for (const auto& text : texts)
        hash = fnv1a64(text + '\n', hash);
    char name[40];
    std::snprintf(name, sizeof name, "%016llx.npy", static_cast<unsigned long long>(hash));
    const auto folder = cacheFolder();
    if (folder.empty())
        return encodeTexts(model, texts, progress);
    const auto file = folder / name;
    const std::size_t dim = model.dim;
    std::error_code ec;
    if (std::filesystem::is_regular_file(file, ec) && !std::filesystem::is_symlink(file, ec)) {
        try {
            const NpyArray cached = readNpy(file);
            if (cached.shape == std::vector<std::int64_t>{static_cast<std::int64_t>(texts.size()),
                                                          static_cast<std::int64_t>(dim)}) {
                const auto values = cached.toFloat();
                EmbeddingMatrix m(texts.size(), dim, values);
                m.checkFinite();
                return m;
            }
        } catch (const Error&) {
            // a damaged cache entry: embedded again and replaced
        }
    }
    EmbeddingMatrix m = encodeTexts(model, texts, progress);
    std::filesystem::create_directories(folder, ec);
    try {
        // Not through a link someone left in the cache folder.
        if (!std::filesystem::is_symlink(folder, ec) && !std::filesystem::is_symlink(file, ec))
            writeNpy(file, m.data(), {static_cast<std::int64_t>(m.rows()), static_cast<std::int64_t>(dim)});
    } catch (const Error&) {
        // no cache (a read-only home): embedded again next time
    }
    return m;
}

std::vector<float> contextualisedText(const BasicTextModel& model, const std::string& text,
                                      const std::vector<std::string>& subjects, int count, Progress* progress)
{
    const std::size_t n = std::min<std::size_t>(static_cast<std::size_t>(std::max(0, count)), subjects.size());
    if (n == 0)
        throw Error("contextualising a text needs subjects");
    std::vector<std::string> texts;
    for (std::size_t i = 0; i < n; ++i)
        texts.push_back(subjects[i] + " " + text);
    for (std::size_t i = 0; i < n; ++i)
        texts.push_back(text + " " + subjects[i]);
    const EmbeddingMatrix m = encodeTexts(model, texts, progress);
    std::vector<double> sum(m.dim(), 0.0);
    for (std::size_t r = 0; r < m.rows(); ++r)
        for (std::size_t c = 0; c < m.dim(); ++c)
            sum[c] += m.row(r)[c];
    std::vector<float> mean(m.dim());
    for (std::size_t c = 0; c < m.dim(); ++c)
        mean[c] = static_cast<float>(sum[c] / static_cast<double>(m.rows()));
    return mean;
}

BasicPrepared prepareBasic(const BasicTextModel& model, const std::function<std::vector<float>()>& archiveMean,
                           const BasicOptions& b, Progress* progress)
{
    const std::filesystem::path corpora = b.corpora.empty() ? defaultBasicCorpora() : std::filesystem::path(b.corpora);
    const BasicCorpusTexts texts = readBasicCorpora(corpora);
    const EmbeddingMatrix subjects = embedCorpus(model, texts.subjects, progress);
    const EmbeddingMatrix styles = embedCorpus(model, texts.styles, progress);
    const std::size_t dim = subjects.dim();
    std::vector<float> mean;
    if (b.mean == "archive") {
        mean = archiveMean();
    } else {
        mean = readNpy(b.mean).toFloat();
        if (mean.size() != dim)
            throw Error(b.mean + " holds " + std::to_string(mean.size()) + " values; the model's embeddings have " +
                        std::to_string(dim));
    }
    BasicSettings settings;
    settings.aa = b.aa;
    settings.components = b.components;
    settings.expansion = b.expansion;
    BasicPrepared p;
    p.space = std::make_shared<const BasicSpace>(BasicSpace::build(subjects, styles, mean, settings));
    if (b.norm != "none") {
        const NpyArray set = readNpy(b.norm);
        if (set.shape.size() != 3 || set.shape[0] != 2 || set.shape[1] < 1 ||
            set.shape[2] != static_cast<std::int64_t>(dim))
            throw Error(b.norm + " must hold a synthetic set as [2, n, " + std::to_string(dim) +
                        "]: its image embeddings, then its text embeddings");
        const auto values = set.toFloat();
        const std::size_t n = static_cast<std::size_t>(set.shape[1]);
        const EmbeddingMatrix images(n, dim, std::span<const float>(values.data(), n * dim));
        const EmbeddingMatrix textSet(n, dim, std::span<const float>(values.data() + n * dim, n * dim));
        p.normalisation = p.space->normalisationOf(images, textSet);
    }
    p.subjects = texts.subjects;
    p.key = corpora.string() + "\n" + b.mean + "\n" + std::to_string(b.aa) + "\n" + std::to_string(b.components) +
            "\n" + std::to_string(b.expansion) + "\n" + b.norm;
    p.description = "BASIC centres images with " + (b.mean == "archive" ? std::string("the archive's mean image") : b.mean) +
                    ", projects onto " + std::to_string(p.space->components()) + (p.space->components() == 1 ? " component" : " components") + " (corpora " +
                    corpora.string() + ", aa " + std::to_string(b.aa).substr(0, 4) + "), " +
                    (b.expansion > 0 ? "expands with " + std::to_string(b.expansion) + " items, " : std::string("does not expand, ")) +
                    (p.normalisation ? "normalises with " + b.norm : std::string("does not normalise"));
    return p;
}

BasicEvaluation basicEvaluation(std::shared_ptr<const BasicTextModel> model, const EmbeddingMatrix& images,
                                const BasicOptions& options, Progress* progress)
{
    BasicPrepared prepared = prepareBasic(*model, [&] { return archiveMean(*archiveOf(images)); }, options, progress);
    BasicEvaluation evaluation{prepared.space, prepared.normalisation, {}, prepared.description};
    if (options.contextualize > 0) {
        auto subjects = std::make_shared<const std::vector<std::string>>(std::move(prepared.subjects));
        evaluation.text = [model, subjects, count = options.contextualize](const std::string& prompt) {
            return Embedding(contextualisedText(*model, prompt, *subjects, count));
        };
    }
    return evaluation;
}

} // namespace rscir
