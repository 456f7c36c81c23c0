#pragma once
/// \file
/// Known models, their downloads, and the models installed in the user's data folder.
/// A model is installed as a folder holding its checkpoint, its tokenizer vocabulary and
/// a model.json with its settings; it is referred to by name everywhere.

#include "core/base/progress.h"

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace rscir {

struct CatalogueEntry {
    std::string name; ///< what users type: "remoteclip-vit-l-14"
    std::string title; ///< "RemoteCLIP ViT-L/14"
    std::string url; ///< the checkpoint
    std::string fileName; ///< its name in the model folder
    std::uint64_t size = 0; ///< exact bytes, checked after the download; 0 when unknown
    std::string approximateSize; ///< for display, e.g. "1.7 GB"
    std::string sha256; ///< lowercase hex; empty when the publisher gives none
    std::string activation; ///< "gelu", "quickgelu" or "gelu_tanh"
    double defaultLambda = 0.5;
    std::string family = "CLIP"; ///< "CLIP", "Long-CLIP" or "SigLIP"
    std::string towers; ///< the towers' sizes, for a person: "ViT-B/16, 224 px; text 512 wide, 12 blocks, 77 positions"
    std::string tokenizer = "CLIP BPE"; ///< or "SentencePiece"
    std::optional<int> visionHeads, textHeads; ///< written into model.json where the weights cannot say
    std::string vocabularyUrl;
    std::string vocabularySha256;
    std::string vocabularyFile = "bpe_simple_vocab_16e6.txt.gz"; ///< its name in the model folder
    std::string notes; ///< where the weights and the vocabulary come from
    std::string licence; ///< the weights' licence, as the publisher states it
    std::optional<bool> commercialUse; ///< whether that licence allows it; unset: not known
    bool verified = true; ///< false: address, size and licence are as published, not checked from here
    bool lambdaTuned = true; ///< false: the default lambda is a placeholder, not a measured best
    /// For a release shipped as a .zip: the checkpoint inside it (empty: the first .pt,
    /// .pth, .bin or .safetensors file).
    std::string member;
};

/// The built-in catalogue, plus entries from `extra` (a JSON file: a list of entries,
/// which replace built-in ones of the same name). Throws rscir::Error for a bad file.
std::vector<CatalogueEntry> modelCatalogue(const std::filesystem::path& extra = {});

struct InstalledModel {
    std::string name;
    std::filesystem::path folder;
    std::string checkpoint; ///< file name inside the folder
    std::string activation;
    std::optional<double> defaultLambda;
    std::string sha256; ///< recorded at download or import
    std::string source; ///< URL or imported file
    std::optional<int> visionHeads, textHeads; ///< attention heads, when the weights cannot say
    std::string family, towers, tokenizer; ///< as the catalogue or the import found them; empty for older installs
};

/// The folder models are installed in: $RSCIR_MODELS_DIR, else $XDG_DATA_HOME/rscir/models,
/// else ~/.local/share/rscir/models.
std::filesystem::path modelsDirectory();

std::vector<InstalledModel> installedModels(const std::filesystem::path& directory = modelsDirectory());
std::optional<InstalledModel> findInstalledModel(const std::string& name,
                                                 const std::filesystem::path& directory = modelsDirectory());

/// Downloads `entry` (checkpoint and vocabulary) into `directory`/name: progress in bytes,
/// resumes a partial download, verifies the SHA-256 (or records it when none is
/// published), and only then makes the model visible. Cancellable through `progress`.
InstalledModel installModel(const CatalogueEntry& entry, const std::filesystem::path& directory = modelsDirectory(),
                            Progress* progress = nullptr);

struct ImportOptions {
    std::string name;
    std::string activation; ///< empty: the model's configuration or layout says, else gelu
    std::optional<double> defaultLambda;
    std::filesystem::path vocabulary; ///< empty: look next to the checkpoint
    std::optional<int> visionHeads, textHeads; ///< written into model.json when given
};

/// Copies a local checkpoint (and its vocabulary) into the models folder after checking
/// that it is a CLIP checkpoint this program reads.
InstalledModel importModel(const std::filesystem::path& checkpoint, const ImportOptions& options,
                           const std::filesystem::path& directory = modelsDirectory());

void removeModel(const std::string& name, const std::filesystem::path& directory = modelsDirectory());

/// Unpacks the checkpoint of a release shipped as a .zip into `folder` (under its own file
/// name) with libarchive, after checking every entry: an absolute path, a `..`, or a link
/// refuses the whole release. Returns the checkpoint's file name. Throws rscir::Error.
std::string extractRelease(const std::filesystem::path& zip, const std::filesystem::path& folder,
                           const std::string& member = {}, Progress* progress = nullptr);

/// SHA-256 of a file, lowercase hex.
std::string fileSha256(const std::filesystem::path& path, Progress* progress = nullptr);

/// The most a download may bring when its size is not known: 16 GiB for a checkpoint.
inline constexpr std::uint64_t kDownloadLimit = 16ull << 30;
/// A vocabulary is a few MiB: 64 MiB at most.
inline constexpr std::uint64_t kVocabularyLimit = 64ull << 20;

/// Downloads `url` (http or https only) to `target`, resuming from `target` + ".part" when
/// it exists. A download larger than `expectedSize` (when given) or than `limit` stops
/// with an error and leaves nothing behind.
void downloadFile(const std::string& url, const std::filesystem::path& target, std::uint64_t expectedSize,
                  Progress* progress = nullptr, const std::string& stage = {},
                  std::uint64_t limit = kDownloadLimit);

/// Checks what a catalogue gives as a file name: a plain name, no folders. Throws rscir::Error naming `what`.
void validateFileName(const std::string& name, const std::string& what);
/// Checks a download address: http:// or https:// only. Throws rscir::Error naming `what`.
void validateUrl(const std::string& url, const std::string& what);

} // namespace rscir
