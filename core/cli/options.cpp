#include "core/cli/options.h"

#include "core/base/error.h"
#include "core/base/threads.h"
#include "core/models/clip_encoder.h"
#include "core/search/query_file.h"

#include <limits>
#include <sstream>
#include <thread>
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <iostream>
#include <memory>

namespace rscir::cli {

CLI::Validator integerIn(long long low, long long high)
{
    return CLI::Validator(
        [low, high](std::string& text) -> std::string {
            try {
                std::size_t used = 0;
                const long long value = std::stoll(text, &used);
                if (used != text.size())
                    return "'" + text + "' is not a whole number";
                if (value < low)
                    return "must be at least " + std::to_string(low) + "; got " + text;
                if (value > high)
                    return "must be at most " + std::to_string(high) + "; got " + text;
            } catch (const std::exception&) {
                return "'" + text + "' is not a whole number in range";
            }
            return {};
        },
        high == std::numeric_limits<long long>::max() ? "INT >= " + std::to_string(low)
                                                       : "INT in [" + std::to_string(low) + ", " + std::to_string(high) + "]");
}

CLI::Validator atLeast(long long low)
{
    return integerIn(low, std::numeric_limits<long long>::max());
}

/// --distinct and --same-place IOU: an intersection over union above 0 and at most 1, said in one sentence
/// for every value that is not one.
CLI::Validator overlapValidator()
{
    return CLI::Validator(
        [](std::string& text) -> std::string {
            std::size_t used = 0;
            double value = 0;
            try {
                value = std::stod(text, &used);
            } catch (const std::exception&) {
                used = 0;
            }
            if (used != text.size() || !(value > 0.0 && value <= 1.0))
                return "give an overlap above 0 and at most 1, e.g. 0.3 (" + text + " is not one)";
            return {};
        },
        "IOU");
}

std::string samePlaceDefaultText()
{
    std::ostringstream text;
    text << kDefaultSamePlaceOverlap;
    return text.str();
}

CLI::Validator between(double low, double high)
{
    const auto show = [](double v) {
        std::ostringstream out;
        out << v;
        return out.str();
    };
    return CLI::Validator(
        [=](std::string& text) -> std::string {
            try {
                std::size_t used = 0;
                const double value = std::stod(text, &used);
                if (used != text.size() || !(value >= low && value <= high))
                    return "must lie between " + show(low) + " and " + show(high) + "; got " + text;
            } catch (const std::exception&) {
                return "'" + text + "' is not a number";
            }
            return {};
        },
        "NUMBER in [" + show(low) + ", " + show(high) + "]");
}

int capThreads(int requested, const char* option)
{
    const int cores = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
    if (requested > cores) {
        std::cerr << "rscir: " << option << " " << requested << " is more than the " << cores
                  << " cores of this machine; using " << cores << "\n";
        return cores;
    }
    return requested;
}

void ModelOptions::add(CLI::App* app, bool required)
{
    auto* option = app->add_option("--model,-m", model, "Checkpoint file or model folder");
    if (required)
        option->required();
    app->add_option("--activation", activation,
                    "gelu (open_clip; the paper's setting), quickgelu (correct for OpenAI's original weights) or "
                    "gelu_tanh (transformers' SigLIP; a SigLIP model's configuration or layout says it by itself)")
        ->check(CLI::IsMember({"gelu", "quickgelu", "gelu_tanh"}));
    app->add_option("--vocab", vocab,
                    "Tokenizer: CLIP's vocabulary (bpe_simple_vocab_16e6.txt.gz or vocab.json) or a SigLIP model's "
                    "spiece.model");
    app->add_option("--device", device, "auto, cpu or cuda")->check(CLI::IsMember({"auto", "cpu", "cuda"}));
    app->add_option("--precision", precision, "auto (fp32 on CPU, fp16 on CUDA), fp32, fp16 or bf16")
        ->check(CLI::IsMember({"auto", "fp32", "fp16", "bf16"}));
    app->add_option("--threads", threads,
                    "CPU threads for everything that computes: passes over the archive, decoding, inference (0 = "
                    "every core; at most the cores there are)")
        ->check(atLeast(0));
    app->add_option("--batch", batch, "Images per encoder batch")->check(integerIn(1, 4096));
}

ModelSource ModelOptions::source() const
{
    std::optional<Activation> act;
    if (!activation.empty())
        act = parseActivation(activation);
    std::optional<std::filesystem::path> vocabulary;
    if (!vocab.empty())
        vocabulary = vocab;
    // The process's one thread budget, before anything computes.
    setThreadBudget(static_cast<unsigned>(std::clamp(threads, 0, static_cast<int>(coreCount()))));
    ModelSource s = resolveModel(model, act, vocabulary);
    if (!s.activationKnown)
        std::cerr << "rscir: no activation given for " << s.name
                  << "; using gelu (the paper's setting). OpenAI's original weights need --activation quickgelu.\n";
    return s;
}

ClipOptions ModelOptions::clipOptions() const
{
    ClipOptions o;
    o.device = parseDevice(device);
    o.precision = parsePrecision(precision);
    o.threads = capThreads(threads, "--threads");
    setThreadBudget(static_cast<unsigned>(o.threads));
    o.batchSize = batch;
    return o;
}

/// The index's record of the model named on the command line, found by content.
ModelRecord indexedModel(const IndexStore& store, const ModelSource& source)
{
    // The fingerprint as indexing recorded it: with the attention heads, where given.
    const std::string fingerprint = modelRecord(source, 0, {}).fingerprint;
    const std::string activation(activationName(source.activation));
    if (auto model = store.findModel(fingerprint, activation))
        return *model;
    std::string have;
    for (const auto& m : store.models())
        have += (have.empty() ? "" : ", ") + m.name + " (" + m.activation + ")";
    throw Error("the index " + store.path().string() + " has no embeddings of " + source.name + " (" + activation + ")",
                have.empty() ? "index the archive with this model first"
                             : "it has: " + have + "; index with this model or choose one of those");
}

Progress stderrProgress()
{
    using Clock = std::chrono::steady_clock;
    struct State {
        Clock::time_point start = Clock::now(), last{};
        std::string stage;
    };
    auto state = std::make_shared<State>();
    return Progress([state](std::int64_t done, std::int64_t total, const std::string& stage) {
        const auto now = Clock::now();
        const std::string kind = stage.substr(0, stage.find(','));
        if (kind != state->stage) {
            state->stage = kind;
            state->start = now;
            state->last = {};
        } else if (now - state->last < std::chrono::seconds(1) && done != total) {
            return;
        }
        state->last = now;
        const double seconds = std::chrono::duration<double>(now - state->start).count();
        const double rate = seconds > 0 ? static_cast<double>(done) / seconds : 0.0;
        const double eta = rate > 0 ? static_cast<double>(total - done) / rate : 0.0;
        char line[256];
        if (done > 0 && done < total)
            std::snprintf(line, sizeof line, "%s: %lld/%lld (ETA %.0f s)", stage.c_str(), static_cast<long long>(done),
                          static_cast<long long>(total), eta);
        else // nothing done yet: no rate to tell an ETA by; all done: none to tell
            std::snprintf(line, sizeof line, "%s: %lld/%lld", stage.c_str(), static_cast<long long>(done),
                          static_cast<long long>(total));
        std::cerr << line << std::endl;
    });
}

/// BASIC's options, for the commands that rank.
void addBasicOptions(CLI::App* command, BasicOptions& b)
{
    command->add_option("--basic-corpora", b.corpora,
                        "BASIC: a folder with subjects.csv and styles.csv (default: rscir's remote-sensing corpora)");
    command->add_option("--basic-mean", b.mean, "BASIC: the mean image embedding, archive (default) or FILE.npy");
    command->add_option("--basic-aa", b.aa, "BASIC: the styles' weight in the contrastive PCA (default 0.2)")
        ->check(between(0.0, 1.0));
    command->add_option("--basic-components", b.components, "BASIC: at most this many components (default 250)")
        ->check(integerIn(1, 100000));
    command->add_option("--basic-expansion", b.expansion, "BASIC: items that expand the query image (default 25; 0: off)")
        ->check(integerIn(0, 1000));
    command->add_option("--basic-contextualize", b.contextualize,
                        "BASIC: subjects a text is put beside, each way (default 100; 0: off)")
        ->check(integerIn(0, 10000));
    command->add_option("--basic-norm", b.norm,
                        "BASIC: none (default), or FILE.npy of [2, n, d], a synthetic set's image and text embeddings");
}

BasicOptions basicOptionsFor(const CLI::App* command, const BasicOptions& given, const std::optional<BasicOptions>& saved)
{
    if (!saved || !command)
        return given;
    BasicOptions b = *saved;
    const auto over = [&](const char* name, auto member) {
        if (command->count(name) > 0)
            b.*member = given.*member;
    };
    over("--basic-corpora", &BasicOptions::corpora);
    over("--basic-mean", &BasicOptions::mean);
    over("--basic-aa", &BasicOptions::aa);
    over("--basic-components", &BasicOptions::components);
    over("--basic-expansion", &BasicOptions::expansion);
    over("--basic-contextualize", &BasicOptions::contextualize);
    over("--basic-norm", &BasicOptions::norm);
    return b;
}

} // namespace rscir::cli
