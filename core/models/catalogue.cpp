#include "core/models/catalogue.h"

#include <archive.h>
#include <archive_entry.h>
#include <cstring>

#include "core/base/error.h"
#include "core/clip/clip_model.h"
#include "core/clip/tokenizer.h"
#include "core/models/model_source.h"

#include <curl/curl.h>
#include <nlohmann/json.hpp>
#include <openssl/evp.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <memory>
#include <mutex>
#include <regex>

namespace rscir {

namespace fs = std::filesystem;

namespace {

const char* kVocabularyUrl = "https://github.com/openai/CLIP/raw/main/clip/bpe_simple_vocab_16e6.txt.gz";
const char* kVocabularySha256 = "924691ac288e54409236115652ad4aa250f48203de50a9e4722a6ecd48d6804a";
const char* kVocabularyFile = "bpe_simple_vocab_16e6.txt.gz";

CatalogueEntry openai(const std::string& name, const std::string& title, const std::string& sha,
                      const std::string& file, std::uint64_t size, const std::string& approximate)
{
    CatalogueEntry e;
    e.name = name;
    e.title = title;
    e.url = "https://openaipublic.azureedge.net/clip/models/" + sha + "/" + file;
    e.fileName = file;
    e.size = size;
    e.sha256 = sha;
    e.approximateSize = approximate;
    e.activation = "quickgelu";
    e.defaultLambda = 0.3;
    e.licence = "MIT (OpenAI's CLIP)";
    e.commercialUse = true;
    e.notes = "OpenAI's TorchScript release (QuickGELU, the correct activation for these weights; the WeiCom paper "
              "evaluated them with GELU: add --activation gelu to reproduce its table). Vocabulary from OpenAI's CLIP.";
    return e;
}

/// An open_clip model whose address, size and licence are as published and could not be
/// checked from here; GELU, and a default lambda that is not tuned.
CatalogueEntry unverified(const std::string& name, const std::string& title, const std::string& url,
                          const std::string& approximate, const std::string& licence, const std::string& notes)
{
    CatalogueEntry e;
    e.name = name;
    e.title = title;
    e.url = url;
    e.fileName = url.substr(url.rfind('/') + 1);
    e.approximateSize = approximate;
    e.activation = "gelu";
    e.defaultLambda = 0.5;
    e.lambdaTuned = false;
    e.verified = false;
    e.licence = licence;
    e.notes = notes + " Address, size and licence are as published and could not be checked from here; the SHA-256 is "
                      "recorded at the first download. Default lambda 0.5 is not tuned.";
    return e;
}

/// GeoRSCLIP (Zhang et al., RS5M), open_clip checkpoints on Hugging Face.
CatalogueEntry georsclip(const std::string& name, const std::string& title, const std::string& file,
                         const std::string& approximate)
{
    CatalogueEntry e = unverified(name, title, "https://huggingface.co/Zilun/GeoRSCLIP/resolve/main/ckpt/" + file,
                                  approximate, "CC BY-NC 4.0 (as stated for RS5M; not verified)",
                                  "GeoRSCLIP, trained on RS5M: an open_clip checkpoint, GELU. Vocabulary from OpenAI's "
                                  "CLIP.");
    e.commercialUse = false;
    return e;
}

/// SkyCLIP (Wang et al., SkyScript), open_clip training checkpoints shipped as .zip releases.
CatalogueEntry skyclip(const std::string& name, const std::string& title, const std::string& file,
                       const std::string& approximate)
{
    return unverified(name, title, "https://opendatasharing.s3.us-west-2.amazonaws.com/SkyScript/ckpt/" + file,
                      approximate, "MIT (as stated for SkyScript; not verified for the weights)",
                      "SkyCLIP, trained on SkyScript: a .zip holding an open_clip training checkpoint (its state dict "
                      "is read; optimizer state is skipped), GELU.");
}

/// Git-RSCLIP (Liu et al., Git-10M): transformers SiglipModel checkpoints with their
/// SentencePiece tokenizer, on Hugging Face.
CatalogueEntry gitRsclip(const std::string& name, const std::string& title, const std::string& repository,
                         const std::string& approximate, const std::string& towers, int heads,
                         const std::string& licence)
{
    const std::string base = "https://huggingface.co/lcybuaa/" + repository + "/resolve/main/";
    CatalogueEntry e = unverified(name, title, base + "model.safetensors", approximate, licence,
                                  "Git-RSCLIP, a SigLIP model trained on the Git-10M remote-sensing image-text pairs: "
                                  "a transformers SiglipModel checkpoint (tanh-approximated GELU), its texts tokenised "
                                  "with its SentencePiece model and padded to its context; images squashed to the "
                                  "square. The sizes are as the model page describes them.");
    e.activation = "gelu_tanh";
    e.family = "SigLIP";
    e.towers = towers;
    e.tokenizer = "SentencePiece";
    e.visionHeads = heads;
    e.textHeads = heads;
    e.vocabularyUrl = base + "spiece.model";
    e.vocabularyFile = "spiece.model";
    return e;
}

/// LRSCLIP (Chen et al.): a Long-CLIP (248 text positions) trained for long remote-sensing
/// descriptions, as a pickled state dict of Long-CLIP's model.
CatalogueEntry lrsclip(const std::string& name, const std::string& title, const std::string& repository,
                       const std::string& approximate, const std::string& towers)
{
    CatalogueEntry e = unverified(name, title,
                                  "https://huggingface.co/cwz14/" + repository + "/resolve/main/" + repository + ".pt",
                                  approximate, "Apache 2.0 (the code's licence; not verified for the weights)",
                                  "LRSCLIP, a Long-CLIP for long remote-sensing descriptions: an OpenAI-style state dict "
                                  "with 248 text positions (positional_embedding and positional_embedding_res), "
                                  "QuickGELU as Long-CLIP's model computes it. Texts longer than 248 tokens are cut as "
                                  "Long-CLIP's tokenizer cuts them. Vocabulary from OpenAI's CLIP.");
    e.activation = "quickgelu";
    e.family = "Long-CLIP";
    e.towers = towers;
    return e;
}

CatalogueEntry remoteclip(const std::string& name, const std::string& title, const std::string& file,
                          const std::string& approximate)
{
    CatalogueEntry e;
    e.name = name;
    e.title = title;
    e.url = "https://huggingface.co/chendelong/RemoteCLIP/resolve/main/" + file;
    e.fileName = file;
    e.approximateSize = approximate;
    e.activation = "gelu";
    e.defaultLambda = 0.6;
    e.licence = "Apache 2.0 (as stated by the publisher)";
    e.commercialUse = true;
    e.notes = "RemoteCLIP (Liu et al.), an open_clip state dict; GELU as open_clip builds it and as the paper used it. "
              "No checksum is published: the SHA-256 is recorded at the first download. Vocabulary from OpenAI's CLIP.";
    return e;
}

/// A field of a catalogue entry, of the given JSON type, or the fallback when it is absent.
template <typename T>
T field(const nlohmann::json& item, const char* key, const T& fallback, const std::string& where)
{
    if (!item.contains(key) || item[key].is_null())
        return fallback;
    try {
        return item[key].get<T>();
    } catch (const nlohmann::json::exception&) {
        throw Error(where + ": the field \"" + key + "\" has the wrong type (" + item[key].type_name() + ")");
    }
}

void validateName(const std::string& name)
{
    static const std::regex valid("[a-z0-9][a-z0-9._-]{0,63}");
    if (!std::regex_match(name, valid))
        throw Error("'" + name + "' is not a valid model name",
                    "use lowercase letters, digits, '.', '_' and '-', starting with a letter or digit");
}

void writeManifest(const fs::path& folder, const InstalledModel& model)
{
    nlohmann::ordered_json json{{"name", model.name},
                                {"checkpoint", model.checkpoint},
                                {"activation", model.activation},
                                {"sha256", model.sha256},
                                {"source", model.source}};
    if (model.defaultLambda)
        json["default_lambda"] = *model.defaultLambda;
    if (model.visionHeads)
        json["vision_heads"] = *model.visionHeads;
    if (model.textHeads)
        json["text_heads"] = *model.textHeads;
    for (const auto& [key, value] : {std::pair{"family", &model.family}, std::pair{"towers", &model.towers},
                                     std::pair{"tokenizer", &model.tokenizer}})
        if (!value->empty())
            json[key] = *value;
    std::ofstream out(folder / "model.json");
    out << json.dump(2) << "\n";
    if (!out.flush())
        throw Error("cannot write " + (folder / "model.json").string());
}

std::optional<InstalledModel> readManifest(const fs::path& folder)
{
    std::ifstream in(folder / "model.json");
    if (!in)
        return std::nullopt;
    const auto json = nlohmann::json::parse(in, nullptr, false);
    if (!json.is_object())
        return std::nullopt;
    InstalledModel m;
    m.folder = folder;
    m.name = json.value("name", folder.filename().string());
    m.checkpoint = json.value("checkpoint", std::string());
    m.activation = json.value("activation", std::string("gelu"));
    if (json.contains("default_lambda") && json["default_lambda"].is_number())
        m.defaultLambda = json["default_lambda"].get<double>();
    m.sha256 = json.value("sha256", std::string());
    m.source = json.value("source", std::string());
    if (json.contains("vision_heads") && json["vision_heads"].is_number_integer())
        m.visionHeads = json["vision_heads"].get<int>();
    if (json.contains("text_heads") && json["text_heads"].is_number_integer())
        m.textHeads = json["text_heads"].get<int>();
    for (const auto& [key, value] : {std::pair{"family", &m.family}, std::pair{"towers", &m.towers},
                                     std::pair{"tokenizer", &m.tokenizer}})
        if (json.contains(key) && json[key].is_string())
            *value = json[key].get<std::string>().substr(0, 200);
    return m;
}

void curlGlobalInit()
{
    static std::once_flag once;
    std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

struct Transfer {
    std::FILE* file = nullptr;
    std::uint64_t offset = 0; ///< bytes already on disk before this request
    CURL* curl = nullptr;
    bool checkedRange = false;
    Progress* progress = nullptr;
    std::string stage;
    std::uint64_t expected = 0;
    std::uint64_t limit = kDownloadLimit;
    std::uint64_t written = 0;
    bool tooLarge = false;
};

std::size_t writeData(char* data, std::size_t size, std::size_t count, void* user)
{
    auto* t = static_cast<Transfer*>(user);
    t->written += size * count;
    if (t->offset + t->written > t->limit) {
        t->tooLarge = true;
        return 0; // stops the transfer
    }
    if (!t->checkedRange) {
        t->checkedRange = true;
        long code = 0;
        curl_easy_getinfo(t->curl, CURLINFO_RESPONSE_CODE, &code);
        if (t->offset > 0 && code == 200) {
            // The server ignored the range: start the file over.
            if (std::fflush(t->file) != 0 || !std::freopen(nullptr, "wb", t->file))
                return 0;
            t->offset = 0;
        }
    }
    return std::fwrite(data, size, count, t->file) * size;
}

int transferProgress(void* user, curl_off_t total, curl_off_t now, curl_off_t, curl_off_t)
{
    auto* t = static_cast<Transfer*>(user);
    if (t->progress) {
        if (t->progress->isCancelled())
            return 1;
        const std::uint64_t whole = total > 0 ? t->offset + static_cast<std::uint64_t>(total) : t->expected;
        t->progress->report(static_cast<std::int64_t>(t->offset + static_cast<std::uint64_t>(now)),
                            static_cast<std::int64_t>(whole), t->stage);
    }
    return 0;
}

} // namespace

void validateFileName(const std::string& name, const std::string& what)
{
    // Written into the models folder: no folders, no way out of it, not one of ours.
    const bool plain = !name.empty() && name.size() <= 200 && name != "." && name != ".." && name[0] != '.' &&
                       name.find_first_of(std::string("/\\\0", 3)) == std::string::npos &&
                       std::none_of(name.begin(), name.end(), [](char c) { return static_cast<unsigned char>(c) < 0x20; });
    if (!plain || name == "model.json" || name == kVocabularyFile || name == "spiece.model" || name.ends_with(".part"))
        throw Error(what + " must be a plain file name, without folders; got \"" + name + "\"",
                    "this catalogue entry is refused");
}

void validateUrl(const std::string& url, const std::string& what)
{
    std::string scheme = url.substr(0, url.find(':'));
    std::transform(scheme.begin(), scheme.end(), scheme.begin(), [](unsigned char c) { return std::tolower(c); });
    const bool web = (scheme == "https" || scheme == "http") && url.size() < 4096 &&
                     url.compare(scheme.size(), 3, "://") == 0 &&
                     std::none_of(url.begin(), url.end(), [](char c) { return static_cast<unsigned char>(c) <= 0x20; });
    if (!web)
        throw Error(what + " must be an http:// or https:// address; got \"" + url.substr(0, 200) + "\"",
                    "this catalogue entry is refused");
}

std::vector<CatalogueEntry> modelCatalogue(const fs::path& extra)
{
    std::vector<CatalogueEntry> entries = {
        remoteclip("remoteclip-vit-b-32", "RemoteCLIP ViT-B/32", "RemoteCLIP-ViT-B-32.pt", "605 MB"),
        remoteclip("remoteclip-vit-l-14", "RemoteCLIP ViT-L/14", "RemoteCLIP-ViT-L-14.pt", "1.71 GB"),
        openai("openai-vit-b-32", "OpenAI CLIP ViT-B/32",
               "40d365715913c9da98579312b702a82c18be219cc2a73407c4526f58eba950af", "ViT-B-32.pt", 0, "338 MB"),
        openai("openai-vit-b-16", "OpenAI CLIP ViT-B/16",
               "5806e77cd80f8b59890b7e101eabd078d9fb84e6937f9e85e4ecb61988df416f", "ViT-B-16.pt", 0, "335 MB"),
        openai("openai-vit-l-14", "OpenAI CLIP ViT-L/14",
               "b8cca3fd41ae0c99ba7e8951adf17d267cdb84cd88be6f7c2e0eca1737a03836", "ViT-L-14.pt", 932768134, "933 MB"),
        openai("openai-vit-l-14-336", "OpenAI CLIP ViT-L/14@336px",
               "3035c92b350959924f9f00213499208652fc7ea050643e8b385c2dac08641f02", "ViT-L-14-336px.pt", 0, "934 MB"),
        georsclip("georsclip-vit-b-32", "GeoRSCLIP ViT-B/32", "RS5M_ViT-B-32.pt", "about 600 MB"),
        georsclip("georsclip-vit-l-14", "GeoRSCLIP ViT-L/14", "RS5M_ViT-L-14.pt", "about 1.7 GB"),
        georsclip("georsclip-vit-l-14-336", "GeoRSCLIP ViT-L/14@336px", "RS5M_ViT-L-14-336.pt", "about 1.7 GB"),
        georsclip("georsclip-vit-h-14", "GeoRSCLIP ViT-H/14", "RS5M_ViT-H-14.pt", "about 3.9 GB"),
        skyclip("skyclip-vit-b-32", "SkyCLIP ViT-B/32", "SkyCLIP_ViT_B32_top50pct.zip", "about 1.7 GB"),
        skyclip("skyclip-vit-l-14", "SkyCLIP ViT-L/14", "SkyCLIP_ViT_L14_top30pct_filtered_by_CLIP_laion_RS.zip",
                "about 5 GB"),
        gitRsclip("git-rsclip", "Git-RSCLIP (SigLIP ViT-L/16)", "Git-RSCLIP", "about 1.3 GB",
                  "SigLIP ViT-L/16, 256 px; text 1024 wide, 24 blocks, 64 positions", 16,
                  "Apache 2.0 (as the model page shows it; not verified)"),
        gitRsclip("git-rsclip-base", "Git-RSCLIP base (SigLIP ViT-B/16)", "Git-RSCLIP-base", "about 406 MB",
                  "SigLIP ViT-B/16, 224 or 256 px (not verified); text 768 wide, 12 blocks, 64 positions", 12,
                  "not stated on the model page as checked (not verified)"),
        lrsclip("lrsclip-vit-b-16", "LRSCLIP ViT-B/16 (Long-CLIP)", "LRSCLIP_ViT-B-16", "about 600 MB",
                "ViT-B/16, 224 px; text 512 wide, 12 blocks, 248 positions"),
        lrsclip("lrsclip-vit-l-14", "LRSCLIP ViT-L/14 (Long-CLIP)", "LRSCLIP_ViT-L-14", "about 1.7 GB",
                "ViT-L/14, 224 px; text 768 wide, 12 blocks, 248 positions"),
    };
    for (auto& e : entries) {
        if (e.family == "SigLIP")
            continue; // its own tokenizer, set above
        e.vocabularyUrl = kVocabularyUrl;
        e.vocabularySha256 = kVocabularySha256;
        if (e.towers.empty() && e.title.find("ViT") != std::string::npos)
            e.towers = e.title.substr(e.title.find("ViT"));
    }
    if (extra.empty())
        return entries;
    std::ifstream in(extra);
    if (!in)
        throw Error("cannot open the catalogue " + extra.string());
    const auto json = nlohmann::json::parse(in, nullptr, false);
    if (json.is_discarded())
        throw Error(extra.string() + " is not valid JSON");
    if (!json.is_array())
        throw Error(extra.string() + " is not a JSON list of model entries");
    for (std::size_t index = 0; index < json.size(); ++index) {
        const auto& item = json[index];
        const std::string where = extra.string() + ", entry " + std::to_string(index + 1);
        if (!item.is_object() || !item.contains("name") || !item.contains("url"))
            throw Error(where + ": every entry needs at least a name and a url");
        CatalogueEntry e;
        e.name = field<std::string>(item, "name", {}, where);
        validateName(e.name);
        const std::string at = where + " (" + e.name + ")";
        e.title = field<std::string>(item, "title", e.name, at);
        e.url = field<std::string>(item, "url", {}, at);
        validateUrl(e.url, at + ": the field \"url\"");
        const std::string fromUrl = fs::path(e.url.substr(0, e.url.find_first_of("?#"))).filename().string();
        e.fileName = field<std::string>(item, "file", fromUrl, at);
        validateFileName(e.fileName, at + (item.contains("file") ? ": the field \"file\"" : ": the file name taken from the url"));
        e.size = field<std::uint64_t>(item, "size", 0, at);
        e.sha256 = field<std::string>(item, "sha256", {}, at);
        e.family = field<std::string>(item, "family", "CLIP", at);
        // A SigLIP entry without one: transformers' layout (what Hugging Face hosts) computes
        // tanh-approximated GELU; an open_clip SigLIP entry must say "gelu".
        e.activation = field<std::string>(item, "activation", e.family == "SigLIP" ? "gelu_tanh" : "gelu", at);
        parseActivation(e.activation);
        e.defaultLambda = field<double>(item, "default_lambda", 0.5, at);
        if (!(e.defaultLambda >= 0.0 && e.defaultLambda <= 1.0))
            throw Error(at + ": the field \"default_lambda\" must lie between 0 and 1");
        e.vocabularyUrl = field<std::string>(item, "vocabulary_url", kVocabularyUrl, at);
        validateUrl(e.vocabularyUrl, at + ": the field \"vocabulary_url\"");
        e.vocabularySha256 = field<std::string>(
            item, "vocabulary_sha256", item.contains("vocabulary_url") ? std::string() : std::string(kVocabularySha256), at);
        e.notes = field<std::string>(item, "notes", {}, at);
        if (e.family != "CLIP" && e.family != "Long-CLIP" && e.family != "SigLIP")
            throw Error(at + ": the field \"family\" must be CLIP, Long-CLIP or SigLIP");
        e.towers = field<std::string>(item, "towers", {}, at).substr(0, 200);
        e.tokenizer = e.family == "SigLIP" ? "SentencePiece" : "CLIP BPE";
        if (e.family == "SigLIP") {
            e.vocabularyFile = "spiece.model";
            if (!item.contains("vocabulary_url"))
                throw Error(at + ": a SigLIP model needs \"vocabulary_url\", the address of its spiece.model");
        }
        e.licence = field<std::string>(item, "licence", {}, at);
        if (item.contains("commercial_use") && item["commercial_use"].is_boolean())
            e.commercialUse = item["commercial_use"].get<bool>();
        e.verified = field<bool>(item, "verified", false, at);
        e.member = field<std::string>(item, "member", {}, at);
        if (!e.member.empty())
            validateFileName(fs::path(e.member).filename().string(), at + ": the field \"member\"");
        std::erase_if(entries, [&](const CatalogueEntry& other) { return other.name == e.name; });
        entries.push_back(e);
    }
    return entries;
}

fs::path modelsDirectory()
{
    if (const char* dir = std::getenv("RSCIR_MODELS_DIR"); dir && *dir)
        return dir;
    if (const char* data = std::getenv("XDG_DATA_HOME"); data && *data)
        return fs::path(data) / "rscir" / "models";
    if (const char* home = std::getenv("HOME"); home && *home)
        return fs::path(home) / ".local" / "share" / "rscir" / "models";
    return fs::current_path() / "rscir-models";
}

std::vector<InstalledModel> installedModels(const fs::path& directory)
{
    std::vector<InstalledModel> out;
    std::error_code ec;
    if (!fs::is_directory(directory, ec))
        return out;
    for (const auto& entry : fs::directory_iterator(directory, ec)) {
        const std::string name = entry.path().filename().string();
        if (!entry.is_directory() || name.empty() || name[0] == '.')
            continue;
        if (auto model = readManifest(entry.path()))
            out.push_back(std::move(*model));
    }
    std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.name < b.name; });
    return out;
}

std::optional<InstalledModel> findInstalledModel(const std::string& name, const fs::path& directory)
{
    for (auto& model : installedModels(directory))
        if (model.name == name)
            return model;
    return std::nullopt;
}

std::string extractRelease(const fs::path& zip, const fs::path& folder, const std::string& member, Progress* progress)
{
    const auto isCheckpoint = [](const std::string& name) {
        for (const char* ext : {".pt", ".pth", ".bin", ".safetensors"})
            if (name.size() > std::strlen(ext) && name.compare(name.size() - std::strlen(ext), std::strlen(ext), ext) == 0)
                return true;
        return false;
    };
    struct Reader {
        archive* a = archive_read_new();
        ~Reader() { archive_read_free(a); }
    };
    const auto open = [&](Reader& r) {
        archive_read_support_format_zip(r.a);
        if (archive_read_open_filename(r.a, zip.c_str(), 1 << 16) != ARCHIVE_OK)
            throw Error(zip.string() + " is not a zip archive: " + archive_error_string(r.a));
    };
    // First every entry's name and type: one that would leave the folder refuses the release.
    std::string chosen;
    {
        Reader r;
        open(r);
        archive_entry* entry = nullptr;
        int entries = 0;
        while (archive_read_next_header(r.a, &entry) == ARCHIVE_OK) {
            if (++entries > 100000)
                throw Error(zip.string() + " has more than 100,000 entries; this is not a model release");
            const char* raw = archive_entry_pathname(entry);
            const std::string name = raw ? raw : "";
            const fs::path path(name);
            const bool escapes = name.empty() || path.is_absolute() || name.find('\\') != std::string::npos ||
                                 std::any_of(path.begin(), path.end(), [](const fs::path& p) { return p == ".."; });
            const auto type = archive_entry_filetype(entry);
            if (escapes || (type != AE_IFREG && type != AE_IFDIR) || archive_entry_hardlink(entry) ||
                archive_entry_symlink(entry))
                throw Error(zip.string() + " holds the entry \"" + name.substr(0, 200) +
                                "\", which would leave the model's folder or is a link",
                            "the release is refused; nothing of it was unpacked");
            if (type == AE_IFREG && chosen.empty() &&
                (member.empty() ? isCheckpoint(name) : (name == member || path.filename() == fs::path(member).filename())))
                chosen = name;
            archive_read_data_skip(r.a);
        }
    }
    if (chosen.empty())
        throw Error(zip.string() + (member.empty() ? std::string(" holds no checkpoint (.pt, .pth, .bin, .safetensors)")
                                                   : " holds no entry " + member));
    const std::string file = fs::path(chosen).filename().string();
    validateFileName(file, "the checkpoint inside " + zip.filename().string());
    Reader r;
    open(r);
    archive_entry* entry = nullptr;
    while (archive_read_next_header(r.a, &entry) == ARCHIVE_OK) {
        if (archive_entry_pathname(entry) != chosen) {
            archive_read_data_skip(r.a);
            continue;
        }
        const fs::path target = folder / file;
        std::ofstream out(target, std::ios::binary | std::ios::trunc);
        std::vector<char> buffer(1 << 20);
        std::uint64_t written = 0;
        for (la_ssize_t n; (n = archive_read_data(r.a, buffer.data(), buffer.size())) != 0;) {
            if (n < 0)
                throw Error(zip.string() + ": " + archive_error_string(r.a), "the release is damaged; install again");
            written += static_cast<std::uint64_t>(n);
            if (written > kDownloadLimit)
                throw Error(zip.string() + ": its checkpoint unpacks to more than 16 GiB");
            out.write(buffer.data(), n);
            if (progress) {
                progress->report(static_cast<std::int64_t>(written), 0, "unpacking");
                if (progress->isCancelled())
                    throw Cancelled{};
            }
        }
        if (!out.flush())
            throw Error("cannot write " + target.string() + " (is the disk full?)");
        return file;
    }
    throw Error(zip.string() + ": " + chosen + " could not be read again");
}

std::string fileSha256(const fs::path& path, Progress* progress)
{
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw Error("cannot read " + path.string());
    std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx(EVP_MD_CTX_new(), EVP_MD_CTX_free);
    EVP_DigestInit_ex(ctx.get(), EVP_sha256(), nullptr);
    std::vector<char> buffer(1 << 20);
    const auto total = static_cast<std::int64_t>(fs::file_size(path));
    std::int64_t done = 0;
    while (in) {
        in.read(buffer.data(), static_cast<std::streamsize>(buffer.size()));
        const auto n = in.gcount();
        if (n <= 0)
            break;
        EVP_DigestUpdate(ctx.get(), buffer.data(), static_cast<std::size_t>(n));
        done += n;
        if (progress) {
            if (progress->isCancelled())
                throw Cancelled{};
            progress->report(done, total, "verifying");
        }
    }
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    EVP_DigestFinal_ex(ctx.get(), digest, &length);
    std::string hex;
    char byte[3];
    for (unsigned int i = 0; i < length; ++i) {
        std::snprintf(byte, sizeof byte, "%02x", digest[i]);
        hex += byte;
    }
    return hex;
}

void downloadFile(const std::string& url, const fs::path& target, std::uint64_t expectedSize, Progress* progress,
                  const std::string& stage, std::uint64_t limit)
{
    validateUrl(url, "the download address");
    curlGlobalInit();
    const fs::path part = target.string() + ".part";
    std::error_code ec;
    std::uint64_t have = fs::exists(part, ec) ? fs::file_size(part, ec) : 0;
    if (expectedSize && have > expectedSize) {
        fs::remove(part, ec);
        have = 0;
    }
    Transfer t;
    t.file = std::fopen(part.string().c_str(), have ? "ab" : "wb");
    if (!t.file)
        throw Error("cannot write " + part.string(), "check the free space and the folder's permissions");
    t.offset = have;
    t.progress = progress;
    t.stage = stage;
    t.expected = expectedSize;
    t.limit = expectedSize ? std::min(expectedSize, limit) : limit;
    std::unique_ptr<CURL, decltype(&curl_easy_cleanup)> curl(curl_easy_init(), curl_easy_cleanup);
    t.curl = curl.get();
    char errors[CURL_ERROR_SIZE] = {};
    curl_easy_setopt(t.curl, CURLOPT_URL, url.c_str());
    // Web addresses only, also after a redirect: never file://, dict:// and the like.
    curl_easy_setopt(t.curl, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(t.curl, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(t.curl, CURLOPT_MAXFILESIZE_LARGE, static_cast<curl_off_t>(t.limit));
    curl_easy_setopt(t.curl, CURLOPT_FOLLOWLOCATION, 1L);
    curl_easy_setopt(t.curl, CURLOPT_FAILONERROR, 1L);
    curl_easy_setopt(t.curl, CURLOPT_ERRORBUFFER, errors);
    curl_easy_setopt(t.curl, CURLOPT_WRITEFUNCTION, writeData);
    curl_easy_setopt(t.curl, CURLOPT_WRITEDATA, &t);
    curl_easy_setopt(t.curl, CURLOPT_NOPROGRESS, 0L);
    curl_easy_setopt(t.curl, CURLOPT_XFERINFOFUNCTION, transferProgress);
    curl_easy_setopt(t.curl, CURLOPT_XFERINFODATA, &t);
    curl_easy_setopt(t.curl, CURLOPT_CONNECTTIMEOUT, 30L);
    curl_easy_setopt(t.curl, CURLOPT_LOW_SPEED_LIMIT, 1L);
    curl_easy_setopt(t.curl, CURLOPT_LOW_SPEED_TIME, 60L);
    curl_easy_setopt(t.curl, CURLOPT_USERAGENT, "rscir");
    if (have)
        curl_easy_setopt(t.curl, CURLOPT_RESUME_FROM_LARGE, static_cast<curl_off_t>(have));
    const CURLcode rc = curl_easy_perform(t.curl);
    long code = 0;
    curl_easy_getinfo(t.curl, CURLINFO_RESPONSE_CODE, &code);
    const bool flushed = std::fclose(t.file) == 0;
    if (rc == CURLE_ABORTED_BY_CALLBACK)
        throw Cancelled{};
    if (t.tooLarge || rc == CURLE_FILESIZE_EXCEEDED) {
        fs::remove(part, ec);
        throw Error("the download of " + url + " is larger than " + std::to_string(t.limit) + " bytes",
                    expectedSize ? "the server sends another file than the catalogue describes"
                                 : "give its size in the catalogue entry if it really is that large");
    }
    if (rc == CURLE_RANGE_ERROR || code == 416) {
        fs::remove(part, ec); // the partial file no longer matches the server's; start over next time
        throw Error("the server refused to resume " + url, "run the installation again to start over");
    }
    if (rc != CURLE_OK) {
        if (code >= 400)
            fs::remove(part, ec);
        throw Error("downloading " + url + " failed: " + (errors[0] ? errors : curl_easy_strerror(rc)),
                    code >= 400 ? "check the address; the server answered HTTP " + std::to_string(code)
                                : "run the installation again: it resumes where it stopped");
    }
    if (!flushed)
        throw Error("writing " + part.string() + " failed (disk full?)");
    if (expectedSize && fs::file_size(part) != expectedSize)
        throw Error("the download of " + url + " has " + std::to_string(fs::file_size(part)) + " bytes; expected " +
                        std::to_string(expectedSize),
                    "run the installation again: it resumes where it stopped");
    fs::rename(part, target);
}

InstalledModel installModel(const CatalogueEntry& entry, const fs::path& directory, Progress* progress)
{
    validateName(entry.name);
    const fs::path folder = directory / entry.name;
    if (readManifest(folder))
        throw Error("the model " + entry.name + " is already installed in " + folder.string(),
                    "remove it first to install it again");
    const std::string checkpointName = entry.fileName.empty() ? fs::path(entry.url).filename().string() : entry.fileName;
    // Entries from code are checked like those from a catalogue file: nothing outside the folder.
    validateFileName(checkpointName, "the checkpoint's file name of " + entry.name);
    validateUrl(entry.url, "the address of " + entry.name);
    validateUrl(entry.vocabularyUrl, "the vocabulary address of " + entry.name);
    const fs::path staging = directory / ("." + entry.name + ".partial");
    fs::create_directories(staging);
    const auto fetch = [&](const std::string& url, const std::string& file, std::uint64_t size, const std::string& sha,
                           const std::string& stage, std::uint64_t limit) {
        const fs::path target = staging / file;
        if (!fs::exists(target))
            downloadFile(url, target, size, progress, stage, limit);
        const std::string actual = fileSha256(target, progress);
        if (!sha.empty() && actual != sha) {
            // Nothing of a failed installation stays: the next one starts clean.
            std::error_code ec;
            fs::remove_all(staging, ec);
            throw Error("the checksum of " + url + " does not match: expected " + sha + ", got " + actual,
                        "the downloaded file was damaged or replaced and has been deleted; install again");
        }
        return actual;
    };
    InstalledModel model;
    model.name = entry.name;
    model.checkpoint = checkpointName;
    model.activation = entry.activation;
    model.defaultLambda = entry.defaultLambda;
    model.source = entry.url;
    model.visionHeads = entry.visionHeads;
    model.textHeads = entry.textHeads;
    model.family = entry.family;
    model.towers = entry.towers;
    model.tokenizer = entry.tokenizer;
    model.sha256 =
        fetch(entry.url, model.checkpoint, entry.size, entry.sha256, "downloading " + entry.name, kDownloadLimit);
    if (model.checkpoint.size() > 4 && model.checkpoint.compare(model.checkpoint.size() - 4, 4, ".zip") == 0) {
        // A release shipped as a .zip: its checkpoint comes out, the archive goes.
        const fs::path zip = staging / model.checkpoint;
        try {
            model.checkpoint = extractRelease(zip, staging, entry.member, progress);
        } catch (...) {
            std::error_code ec;
            fs::remove_all(staging, ec);
            throw;
        }
        fs::remove(zip);
    }
    fetch(entry.vocabularyUrl, entry.vocabularyFile, 0, entry.vocabularySha256, "downloading the vocabulary",
          kVocabularyLimit);
    writeManifest(staging, model);
    fs::rename(staging, folder);
    model.folder = folder;
    return model;
}

InstalledModel importModel(const fs::path& given, const ImportOptions& options, const fs::path& directory)
{
    // A model's folder: its checkpoint, with the configuration and tokenizer beside it.
    std::error_code folderError;
    const fs::path checkpoint =
        fs::is_directory(given, folderError) ? resolveModel(given.string()).checkpoint : given;
    validateName(options.name);
    const fs::path folder = directory / options.name;
    if (readManifest(folder))
        throw Error("a model named " + options.name + " is already installed", "choose another name or remove it");
    // What the options do not say, a published configuration beside the checkpoint may
    // (SigLIP's config.json or open_clip_config.json), then the layout: the model folder
    // records the result, so that the model loads the same way by name.
    const ModelConfiguration configuration = readModelConfiguration(checkpoint.parent_path());
    const CheckpointKind kind = checkpointKind(checkpoint);
    std::optional<int> visionHeads = options.visionHeads ? options.visionHeads : configuration.visionHeads;
    std::optional<int> textHeads = options.textHeads ? options.textHeads : configuration.textHeads;
    Activation activation = Activation::Gelu;
    if (!options.activation.empty())
        activation = parseActivation(options.activation);
    else if (configuration.activation)
        activation = *configuration.activation;
    else if (const auto implied = layoutActivation(kind))
        activation = *implied;
    ClipConfig config;
    {
        ClipOptions clip;
        clip.device = DeviceChoice::Cpu;
        clip.activation = activation;
        clip.visionHeads = visionHeads.value_or(0);
        clip.textHeads = textHeads.value_or(0);
        // A checkpoint this program reads, with every key and shape, and its own tokenizer.
        config = ClipModel::load(checkpoint, clip)->config();
    }
    // The tokenizer of the model's family: given, or beside the checkpoint (a folder may
    // hold both kinds), readable, and the one the model needs.
    fs::path vocabulary = options.vocabulary;
    if (vocabulary.empty())
        vocabulary = findTokenizerNextTo(checkpoint, config.family);
    if (vocabulary.empty() && config.family == ModelFamily::Siglip)
        throw Error(ErrorCode::NoSentencePieceForModel, {options.name},
                    "no SentencePiece tokenizer (spiece.model) was found next to " + checkpoint.string(),
                    "pass --vocab with the model's spiece.model");
    if (vocabulary.empty())
        vocabulary = ClipTokenizer::findVocabulary(checkpoint); // says what is missing
    checkTokenizerFits(config.family, options.name, vocabulary);
    const bool sentencePiece = SentencePieceTokenizer::isSentencePieceFile(vocabulary);
    if (sentencePiece)
        SentencePieceTokenizer::load(vocabulary); // a readable tokenizer
    else
        ClipTokenizer::load(vocabulary);
    const fs::path staging = directory / ("." + options.name + ".partial");
    std::error_code ec;
    fs::remove_all(staging, ec);
    fs::create_directories(staging);
    const auto place = [&](const fs::path& from, const fs::path& to) {
        std::error_code linkError;
        fs::create_hard_link(from, to, linkError);
        if (linkError)
            fs::copy_file(from, to, fs::copy_options::overwrite_existing);
    };
    InstalledModel model;
    model.name = options.name;
    model.checkpoint = checkpoint.filename().string();
    model.activation = std::string(activationName(activation));
    model.defaultLambda = options.defaultLambda;
    model.visionHeads = visionHeads;
    model.textHeads = textHeads;
    model.family = config.familyLabel();
    model.towers = config.towers();
    model.tokenizer = sentencePiece ? "SentencePiece" : "CLIP BPE";
    model.source = fs::absolute(checkpoint).string();
    place(checkpoint, staging / model.checkpoint);
    const bool huggingFace = vocabulary.filename() == "vocab.json" || vocabulary.filename() == "merges.txt";
    if (sentencePiece) {
        place(fs::is_directory(vocabulary) ? vocabulary / "spiece.model" : vocabulary, staging / "spiece.model");
    } else if (huggingFace) {
        place(vocabulary.parent_path() / "vocab.json", staging / "vocab.json");
        place(vocabulary.parent_path() / "merges.txt", staging / "merges.txt");
    } else {
        place(vocabulary, staging / vocabulary.filename());
    }
    model.sha256 = fileSha256(staging / model.checkpoint);
    writeManifest(staging, model);
    fs::rename(staging, folder);
    model.folder = folder;
    return model;
}

void removeModel(const std::string& name, const fs::path& directory)
{
    const auto model = findInstalledModel(name, directory);
    if (!model)
        throw Error("no model named " + name + " is installed", "rscir models list shows the installed ones");
    fs::remove_all(model->folder);
}

} // namespace rscir
