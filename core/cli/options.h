#pragma once
/// \file
/// Pieces the subcommands share: the model options every --model command takes, and
/// progress printed to stderr.

#include "core/base/progress.h"
#include "core/clip/clip_model.h"
#include "core/models/basic_corpora.h"
#include "core/models/model_source.h"
#include "core/index/index_store.h"

#include <CLI/CLI.hpp>

#include <string>

namespace rscir::cli {

/// Options shared by every subcommand that takes --model.
struct ModelOptions {
    std::string model;
    std::string activation;
    std::string vocab;
    std::string device = "auto";
    std::string precision = "auto";
    int threads = 0;
    int batch = 32;

    void add(CLI::App* app, bool required = true);
    ModelSource source() const;
    ClipOptions clipOptions() const;
};

/// Validators whose messages read well ("must be at least 1", not a 309-digit bound).
CLI::Validator atLeast(long long low);
CLI::Validator integerIn(long long low, long long high);
CLI::Validator between(double low, double high);
/// An intersection over union above 0 and at most 1 (--distinct, --same-place).
CLI::Validator overlapValidator();
/// --same-place without a value: kDefaultSamePlaceOverlap as it is written.
std::string samePlaceDefaultText();
/// A thread count from the command line: at most the number of cores (said on stderr).
int capThreads(int requested, const char* option);

/// Progress on stderr: a line when the stage changes, then at most one a second.
Progress stderrProgress();

/// BASIC's options (--basic-corpora, --basic-mean, ...), for the commands that rank.
void addBasicOptions(CLI::App* command, BasicOptions& options);
/// A saved query's BASIC settings with the options given on `command`'s line over them
/// (`given` alone without saved settings).
BasicOptions basicOptionsFor(const CLI::App* command, const BasicOptions& given, const std::optional<BasicOptions>& saved);

/// The index's record of the model named on the command line, found by its content;
/// throws rscir::Error naming the models the index does hold.
ModelRecord indexedModel(const IndexStore& store, const ModelSource& source);

} // namespace rscir::cli
