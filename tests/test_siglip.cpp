// SigLIP models: given the same weights, rscir computes the tokens, pixels and embeddings
// that transformers' SiglipModel and open_clip/timm compute, in both checkpoint layouts,
// through the library, `rscir embed`, `rscir index` and the window's encoder. The fixture is
// ../shared/conformance/siglip; every test skips with a message where it is absent.

#include "core/base/npy.h"
#include "core/cli/encoding.h"
#include "core/clip/sentencepiece_tokenizer.h"
#include "core/imagery/image_file.h"
#include "core/imagery/preprocess.h"
#include "core/index/query_image.h"
#include "core/models/clip_encoder.h"
#include "tests/shared_data.h"
#include "tests/test_archive.h"
#include "ui/models/encoder_backend.h"

#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <nlohmann/json.hpp>

#include <cmath>
#include <fstream>
#include <map>

using namespace rscir;

namespace {

QString siglipDir()
{
    return rscir::test::conformanceDir() + "/siglip";
}

bool haveSiglip()
{
    return QFile::exists(siglipDir() + "/manifest.json");
}

#define REQUIRE_TOKENIZER()                                                                                            \
    do {                                                                                                               \
        if (!SentencePieceTokenizer::available())                                                                     \
            QSKIP("SentencePiece models cannot be loaded in an AddressSanitizer build");                               \
    } while (false)

#define REQUIRE_SIGLIP()                                                                                               \
    do {                                                                                                               \
        REQUIRE_TOKENIZER();                                                                                           \
        if (!haveSiglip())                                                                                             \
            QSKIP(qPrintable(QStringLiteral("the SigLIP fixture was not found at %1 (set RSCIR_SHARED_DIR)")          \
                                 .arg(siglipDir())));                                                                  \
    } while (false)

nlohmann::json readJson(const QString& file)
{
    std::ifstream in(file.toStdString());
    return nlohmann::json::parse(in);
}

std::vector<float> expected(const QString& name)
{
    return readNpy((siglipDir() + "/expected/" + name).toStdString()).toFloat();
}

/// The six images, in the manifest's order.
std::vector<std::string> imageFiles()
{
    std::vector<std::string> files;
    const auto manifest = readJson(siglipDir() + "/manifest.json");
    for (const auto& image : manifest["images"])
        files.push_back((siglipDir() + "/").toStdString() + image["file"].get<std::string>());
    return files;
}

/// Every row within 1e-5 of the reference's (L2-normalised) and at cosine >= 0.99999.
void compareRows(const std::vector<float>& got, const std::vector<float>& want, std::size_t dim, const QString& what)
{
    rscir::test::compareRows(got, want, dim, what, 1e-5);
}

/// The reference's pixels of every image, back to back.
std::vector<float> referencePixels()
{
    std::vector<float> all;
    for (const auto& file : imageFiles()) {
        const auto stem = std::filesystem::path(file).stem().string();
        const auto pixels = expected(QString::fromStdString("pixels_" + stem + ".npy"));
        all.insert(all.end(), pixels.begin(), pixels.end());
    }
    return all;
}

std::vector<std::vector<int>> idsOf(const QString& file)
{
    const auto ids = readNpy((siglipDir() + "/expected/" + file).toStdString());
    const auto values = ids.toInt64();
    const auto length = static_cast<std::size_t>(ids.shape[1]);
    std::vector<std::vector<int>> rows;
    for (std::size_t r = 0; r < values.size() / length; ++r)
        rows.emplace_back(values.begin() + static_cast<std::ptrdiff_t>(r * length),
                          values.begin() + static_cast<std::ptrdiff_t>((r + 1) * length));
    return rows;
}

ClipOptions cpuOptions(int batch = 4)
{
    ClipOptions options;
    options.device = DeviceChoice::Cpu;
    options.batchSize = batch; // several batches, one of them partial
    return options;
}

QByteArray runRscir(const QStringList& arguments, int* exitCode = nullptr, QByteArray* errors = nullptr)
{
    QProcess process;
    process.start(QStringLiteral(RSCIR_BIN_DIR "/rscir"), arguments);
    process.waitForFinished(300000);
    if (exitCode)
        *exitCode = process.exitCode();
    const QByteArray err = process.readAllStandardError();
    if (errors)
        *errors = err;
    else if (process.exitCode() != 0)
        qWarning() << err;
    return process.readAllStandardOutput();
}

} // namespace

class TestSiglip : public QObject {
    Q_OBJECT
private slots:
    void tokens()
    {
        REQUIRE_SIGLIP();
        const auto tokenizer = SentencePieceTokenizer::load((siglipDir() + "/spiece.model").toStdString());
        QCOMPARE(tokenizer.vocabularySize(), std::size_t(500));
        QCOMPARE(tokenizer.endId(), 1);
        const auto texts = readJson(siglipDir() + "/tokens.json");
        QCOMPARE(texts.size(), std::size_t(20));
        for (const auto& text : texts) {
            const std::string t = text["text"];
            const auto want = text["input_ids"].get<std::vector<int>>();
            QVERIFY2(tokenizer.tokenize(t, 16) == want, t.c_str());
            const auto openClip = text.contains("openclip_input_ids") ? text["openclip_input_ids"].get<std::vector<int>>() : want;
            QVERIFY2(tokenizer.tokenize(t, 16, true) == openClip, t.c_str());
            QCOMPARE(tokenizer.pieces(t), text["pieces"].get<std::vector<std::string>>());
        }
        // The end token survives any truncation; the padding is the end token too.
        const auto shortContext = tokenizer.tokenize(texts[14]["text"].get<std::string>(), 4);
        QCOMPARE(shortContext.size(), std::size_t(4));
        QCOMPARE(shortContext.back(), 1);
        QVERIFY(shortContext[2] != 1);
        // The .npy of the same ids agrees with tokens.json.
        QVERIFY(idsOf("input_ids.npy").front() == texts[0]["input_ids"].get<std::vector<int>>());
    }

    void aDamagedTokenizerIsRefused()
    {
        REQUIRE_TOKENIZER();
        QTemporaryDir dir;
        const QString file = dir.filePath("spiece.model");
        QFile out(file);
        QVERIFY(out.open(QIODevice::WriteOnly));
        out.write(QByteArray(1000, '\x7f'));
        out.close();
        QVERIFY_THROWS_EXCEPTION(Error, SentencePieceTokenizer::load(file.toStdString()));
        QVERIFY_THROWS_EXCEPTION(Error, SentencePieceTokenizer::load(dir.filePath("absent.model").toStdString()));
        QFile empty(dir.filePath("empty.model"));
        QVERIFY(empty.open(QIODevice::WriteOnly));
        empty.close();
        QVERIFY_THROWS_EXCEPTION(Error, SentencePieceTokenizer::load(empty.fileName().toStdString()));
    }

    void pixels()
    {
        REQUIRE_SIGLIP();
        const auto want = referencePixels();
        const std::size_t per = 3 * 64 * 64;
        const auto files = imageFiles();
        QCOMPARE(files.size(), std::size_t(6));
        for (std::size_t i = 0; i < files.size(); ++i) {
            const auto got = preprocessImage(readImageFile(files[i]), siglipPreprocessing(64));
            QCOMPARE(got.size(), per);
            double worst = 0;
            for (std::size_t k = 0; k < per; ++k)
                worst = std::max(worst, static_cast<double>(std::fabs(got[k] - want[i * per + k])));
            QVERIFY2(worst <= 1e-6, qPrintable(QStringLiteral("%1: max |difference| %2").arg(files[i].c_str()).arg(worst)));
        }
    }

    void embeddings_data()
    {
        QTest::addColumn<QString>("layout");
        QTest::addColumn<QString>("activation");
        QTest::newRow("transformers") << "hf" << "gelu_tanh";
        QTest::newRow("open_clip") << "openclip" << "gelu";
    }
    void embeddings()
    {
        REQUIRE_SIGLIP();
        QFETCH(QString, layout);
        QFETCH(QString, activation);
        // The folder alone: weights, configuration and spiece.model; no other option.
        const ModelSource source = resolveModel((siglipDir() + "/" + layout).toStdString());
        QVERIFY(source.activationKnown);
        QCOMPARE(QString::fromStdString(std::string(activationName(source.activation))), activation);
        QCOMPARE(source.vocabulary.filename().string(), std::string("spiece.model"));
        LoadedModel loaded = loadModel(source, cpuOptions());
        const ClipConfig& c = loaded.model->config();
        QVERIFY(c.family == ModelFamily::Siglip);
        QCOMPARE(c.embedDim, 96);
        QCOMPARE(c.imageSize, 64);
        QCOMPARE(c.patchSize, 16);
        QCOMPARE(c.contextLength, 16);
        QCOMPARE(c.visionHeads(), 3);
        QCOMPARE(c.textHeads(), 3);
        QCOMPARE(c.headMlp, 384);
        QVERIFY(loaded.model->unusedKeys().empty());
        QCOMPARE(loaded.tokenizerName(), std::string("SentencePiece"));

        const auto images = loaded.model->encodeImages(referencePixels(), 6);
        compareRows(images, expected(layout + "_image_features_l2.npy"), 96, layout + " images");
        // Pixels computed here give the same embeddings.
        const auto files = imageFiles();
        const auto fromFiles = encodeImageFiles(*loaded.model, {files.begin(), files.end()});
        compareRows(std::vector<float>(fromFiles.data(), fromFiles.data() + fromFiles.rows() * fromFiles.dim()),
                    expected(layout + "_image_features_l2.npy"), 96, layout + " images from files");

        const auto ids = idsOf(layout == "hf" ? "input_ids.npy" : "openclip_input_ids.npy");
        compareRows(loaded.model->encodeTexts(ids), expected(layout + "_text_features_l2.npy"), 96, layout + " texts");
        // The tokenizer the model chose gives those ids from the texts.
        const auto texts = readJson(siglipDir() + "/tokens.json");
        for (std::size_t i = 0; i < texts.size(); ++i)
            QVERIFY(loaded.tokenize(texts[i]["text"].get<std::string>()) == ids[i]);
        // A CLIP-style unpadded sequence is refused, not guessed at.
        QVERIFY_THROWS_EXCEPTION(Error, loaded.model->encodeTexts({{5, 6, 1}}));
    }

    void bf16IsCloseToTheReference()
    {
        REQUIRE_SIGLIP();
        // bf16 weights and activations: close to the fp32 reference, not equal to it.
        ClipOptions options = cpuOptions();
        options.precision = Precision::BFloat16;
        for (const QString layout : {"hf", "openclip"}) {
            LoadedModel loaded = loadModel(resolveModel((siglipDir() + "/" + layout).toStdString()), options);
            QCOMPARE(std::string(loaded.model->precisionName()), std::string("bf16"));
            const auto check = [](const std::vector<float>& got, const std::vector<float>& want, const QString& what) {
                for (std::size_t r = 0; r < got.size() / 96; ++r) {
                    double dot = 0;
                    for (std::size_t c = 0; c < 96; ++c)
                        dot += static_cast<double>(got[r * 96 + c]) * want[r * 96 + c];
                    QVERIFY2(dot > 0.99, qPrintable(QStringLiteral("%1 row %2: cosine %3").arg(what).arg(r).arg(dot)));
                }
            };
            check(loaded.model->encodeImages(referencePixels(), 6), expected(layout + "_image_features_l2.npy"),
                  layout + " images in bf16");
            check(loaded.model->encodeTexts(idsOf(layout == "hf" ? "input_ids.npy" : "openclip_input_ids.npy")),
                  expected(layout + "_text_features_l2.npy"), layout + " texts in bf16");
        }
    }

    void theOtherActivationIsMeasurablyWrong()
    {
        REQUIRE_SIGLIP();
        // The transformers layout computed with exact GELU is off by the README's ~1e-3
        // before normalisation: the activation matters and is read, not assumed.
        ModelSource source = resolveModel((siglipDir() + "/hf").toStdString(), Activation::Gelu);
        LoadedModel loaded = loadModel(source, cpuOptions());
        const auto images = loaded.model->encodeImages(referencePixels(), 6);
        const auto want = expected("hf_image_features_l2.npy");
        double worst = 0;
        for (std::size_t i = 0; i < images.size(); ++i)
            worst = std::max(worst, static_cast<double>(std::fabs(images[i] - want[i])));
        QVERIFY2(worst > 2e-5, qPrintable(QString::number(worst)));
        // And it then agrees with open_clip's (exact GELU) embeddings of the same weights.
        compareRows(images, expected("openclip_image_features_l2.npy"), 96, "hf weights with exact GELU");
    }

    void aBareCheckpointTakesItsLayoutsActivation()
    {
        REQUIRE_SIGLIP();
        QTemporaryDir dir;
        for (const char* layout : {"hf", "openclip"}) {
            const QString target = dir.filePath(QString(layout) + ".safetensors");
            QVERIFY(QFile::copy(siglipDir() + "/" + layout + "/model.safetensors", target));
            const ModelSource source =
                resolveModel(target.toStdString(), std::nullopt, (siglipDir() + "/spiece.model").toStdString());
            QVERIFY(source.activationKnown);
            QVERIFY(source.activation == (QString(layout) == "hf" ? Activation::GeluTanh : Activation::Gelu));
            QVERIFY(!source.visionHeads); // no configuration: heads by the rule, 96 / 64 -> 1
            ModelSource withHeads = source;
            withHeads.visionHeads = 3;
            withHeads.textHeads = 3;
            LoadedModel loaded = loadModel(withHeads, cpuOptions());
            compareRows(loaded.model->encodeImages(referencePixels(), 6),
                        expected(QString(layout) + "_image_features_l2.npy"), 96, "bare checkpoint");
        }
    }

    void configurationsBesideACheckpoint()
    {
        QTemporaryDir dir;
        const auto write = [&](const QString& name, const QByteArray& text) {
            QFile f(dir.filePath(name));
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(text);
        };
        // Heads the shape gives by itself are not kept (one fingerprint for the folder and
        // a bare copy); others are.
        write("config.json", R"({"model_type": "siglip", "vision_config": {"hidden_size": 768, "num_hidden_layers": 12,
            "patch_size": 16, "num_attention_heads": 12, "hidden_act": "gelu"}, "text_config": {"hidden_size": 768, "num_hidden_layers": 12,
            "num_attention_heads": 8, "hidden_act": "gelu"}})");
        auto c = readModelConfiguration(dir.path().toStdString());
        QVERIFY(!c.visionHeads);
        QCOMPARE(c.textHeads.value_or(0), 8);
        QVERIFY(c.activation == Activation::Gelu);
        // Someone else's config.json beside a checkpoint says nothing, and breaks nothing.
        write("config.json", "not json at all");
        QVERIFY(!readModelConfiguration(dir.path().toStdString()).activation);
        write("config.json", R"({"model_type": "bert", "hidden_act": "relu"})");
        QVERIFY(!readModelConfiguration(dir.path().toStdString()).activation);
        // A SigLIP configuration that is wrong is refused with rscir's own error, never
        // with a JSON library's exception.
        write("config.json", R"({"model_type": "siglip", "vision_config": {"hidden_act": "relu"}})");
        QVERIFY_THROWS_EXCEPTION(Error, readModelConfiguration(dir.path().toStdString()));
        write("config.json", R"({"model_type": "siglip", "vision_config": {"num_attention_heads": 0}})");
        QVERIFY_THROWS_EXCEPTION(Error, readModelConfiguration(dir.path().toStdString()));
        QFile::remove(dir.filePath("config.json"));
        write("open_clip_config.json", R"({"model_cfg": {"vision_cfg": {"timm_model_name": 5}, "text_cfg": 3}})");
        QVERIFY(!readModelConfiguration(dir.path().toStdString()).activation);
        write("open_clip_config.json", R"({"model_cfg": {"vision_cfg": {"timm_model_name": "vit_so400m_patch16_siglip_256"},
            "text_cfg": {"act_kwargs": {"approximate": "tanh"}, "heads": 16, "width": 1152, "layers": 27}}})");
        c = readModelConfiguration(dir.path().toStdString());
        QVERIFY(c.activation == Activation::GeluTanh); // a SigLIP 2 tower, defined with tanh GELU
        QVERIFY(!c.textHeads); // 16 is what So400m's shape gives
        write("open_clip_config.json", R"({"model_cfg": {"vision_cfg": {"timm_model_name": "vit_so400m_patch14_siglip_224"},
            "text_cfg": {"act_kwargs": {"approximate": "tanh"}}}})");
        QVERIFY_THROWS_EXCEPTION(Error, readModelConfiguration(dir.path().toStdString())); // the towers disagree
    }

    void aClipModelBesideASentencePieceModelKeepsItsVocabulary()
    {
        REQUIRE_SIGLIP();
        // A folder holding a CLIP checkpoint, its vocabulary, an unrelated config.json and a
        // spiece.model: the CLIP model loads with CLIP's vocabulary.
        QTemporaryDir dir;
        const QString conformance = rscir::test::conformanceDir();
        QVERIFY(QFile::copy(conformance + "/models/gelu_b32/open_clip.safetensors", dir.filePath("clip.safetensors")));
        QVERIFY(QFile::copy(conformance + "/bpe_simple_vocab_16e6.txt.gz", dir.filePath("bpe_simple_vocab_16e6.txt.gz")));
        QVERIFY(QFile::copy(siglipDir() + "/spiece.model", dir.filePath("spiece.model")));
        QFile config(dir.filePath("config.json"));
        QVERIFY(config.open(QIODevice::WriteOnly));
        config.write("[1, 2, 3]");
        config.close();
        LoadedModel loaded = loadModel(resolveModel(dir.filePath("clip.safetensors").toStdString(), Activation::Gelu),
                                       cpuOptions());
        QCOMPARE(loaded.tokenizerName(), std::string("CLIP BPE"));
        QCOMPARE(loaded.source.vocabulary.filename().string(), std::string("bpe_simple_vocab_16e6.txt.gz"));
        QCOMPARE(loaded.tokenize("kidney-shaped"), (std::vector<int>{49406, 14610, 268, 10127, 49407}));
    }

    void theWrongTokenizerIsRefused()
    {
        REQUIRE_SIGLIP();
        const std::string clipVocab = (rscir::test::conformanceDir() + "/bpe_simple_vocab_16e6.txt.gz").toStdString();
        try {
            loadModel(resolveModel((siglipDir() + "/hf").toStdString(), std::nullopt, clipVocab), cpuOptions());
            QFAIL("a SigLIP model was loaded with a CLIP vocabulary");
        } catch (const Error& e) {
            QVERIFY2(QString(e.what()).contains("needs its SentencePiece tokenizer"), e.what());
            QVERIFY(e.code() == ErrorCode::WrongTokenizerForModel);
        }
        // rscir index refuses it before indexing, and leaves no new index file behind.
        QTemporaryDir work;
        int exitCode = -1;
        QByteArray errors;
        runRscir({"index", "--archive", siglipDir() + "/images", "--index", work.filePath("x.rscir"), "--model",
                  siglipDir() + "/hf", "--vocab", QString::fromStdString(clipVocab)},
                 &exitCode, &errors);
        QVERIFY(exitCode != 0);
        QVERIFY2(errors.contains("SentencePiece"), errors.constData());
        QVERIFY(!QFile::exists(work.filePath("x.rscir")));
        const std::string clip = (rscir::test::conformanceDir() + "/models/gelu_b32/open_clip.safetensors").toStdString();
        try {
            loadModel(resolveModel(clip, Activation::Gelu, (siglipDir() + "/spiece.model").toStdString()), cpuOptions());
            QFAIL("a CLIP model was loaded with a SentencePiece model");
        } catch (const Error& e) {
            QVERIFY2(QString(e.what()).contains("needs CLIP's BPE vocabulary"), e.what());
        }
    }

    void commandLine_data() { embeddings_data(); }
    void commandLine()
    {
        REQUIRE_SIGLIP();
        QFETCH(QString, layout);
        const QString folder = siglipDir() + "/" + layout;
        const auto files = imageFiles();
        const QStringList model{"embed", "--model", folder, "--device", "cpu"};
        QStringList imageArguments = model, textArguments = model;
        for (const auto& file : files)
            imageArguments << "--image" << QString::fromStdString(file);
        const auto texts = readJson(siglipDir() + "/tokens.json");
        for (std::size_t i = 0; i < 4; ++i)
            textArguments << "--text" << QString::fromStdString(texts[i]["text"].get<std::string>());
        int exitCode = -1;
        QByteArray out = runRscir(imageArguments, &exitCode);
        QCOMPARE(exitCode, 0);
        out += runRscir(textArguments, &exitCode);
        QCOMPARE(exitCode, 0);
        std::vector<float> images, textValues;
        std::size_t line = 0;
        const auto ids = idsOf(layout == "hf" ? "input_ids.npy" : "openclip_input_ids.npy");
        for (const auto& raw : out.split('\n')) {
            if (raw.isEmpty())
                continue;
            const auto json = nlohmann::json::parse(raw.toStdString());
            const auto e = json["embedding"].get<std::vector<float>>();
            if (line < files.size()) {
                images.insert(images.end(), e.begin(), e.end());
            } else {
                QVERIFY(json["tokens"].get<std::vector<int>>() == ids[line - files.size()]);
                textValues.insert(textValues.end(), e.begin(), e.end());
            }
            ++line;
        }
        QCOMPARE(line, files.size() + 4);
        compareRows(images, expected(layout + "_image_features_l2.npy"), 96, "rscir embed --image");
        auto want = expected(layout + "_text_features_l2.npy");
        want.resize(4 * 96);
        compareRows(textValues, want, 96, "rscir embed --text");
    }

    void importedAndListedWithItsFamily()
    {
        REQUIRE_SIGLIP();
        // Imported from the transformers folder: heads and activation from its config.json,
        // its spiece.model copied; the installed model then works by name.
        QTemporaryDir models;
        qputenv("RSCIR_MODELS_DIR", models.path().toUtf8());
        int exitCode = -1;
        runRscir({"models", "import", siglipDir() + "/hf/model.safetensors", "--name", "tiny-siglip"}, &exitCode);
        QCOMPARE(exitCode, 0);
        const auto manifest = readJson(models.path() + "/tiny-siglip/model.json");
        QCOMPARE(manifest["activation"].get<std::string>(), std::string("gelu_tanh"));
        QCOMPARE(manifest["vision_heads"].get<int>(), 3);
        QCOMPARE(manifest["family"].get<std::string>(), std::string("SigLIP"));
        QCOMPARE(manifest["tokenizer"].get<std::string>(), std::string("SentencePiece"));
        QVERIFY(QFile::exists(models.path() + "/tiny-siglip/spiece.model"));
        const QByteArray out = runRscir({"embed", "--model", "tiny-siglip", "--device", "cpu", "--text", "beach"}, &exitCode);
        QCOMPARE(exitCode, 0);
        const auto texts = readJson(siglipDir() + "/tokens.json");
        QVERIFY(nlohmann::json::parse(out.toStdString())["tokens"] == texts[15]["input_ids"]);
        // A SigLIP model imported with CLIP's vocabulary is refused, and nothing is installed.
        QByteArray errors;
        runRscir({"models", "import", siglipDir() + "/openclip/model.safetensors", "--name", "wrong", "--vocab",
                  rscir::test::conformanceDir() + "/bpe_simple_vocab_16e6.txt.gz"},
                 &exitCode, &errors);
        QVERIFY(exitCode != 0);
        QVERIFY2(errors.contains("SentencePiece"), errors.constData());
        QVERIFY(!QFile::exists(models.path() + "/wrong"));
        // The list shows each model's family, towers and tokenizer.
        const QByteArray list = runRscir({"models", "list", "--format", "json"}, &exitCode);
        QCOMPARE(exitCode, 0);
        std::map<std::string, nlohmann::json> byName;
        for (const auto& line : list.split('\n'))
            if (!line.isEmpty()) {
                const auto json = nlohmann::json::parse(line.toStdString());
                byName[json["name"].get<std::string>()] = json;
            }
        qunsetenv("RSCIR_MODELS_DIR");
        QCOMPARE(byName.at("tiny-siglip")["family"].get<std::string>(), std::string("SigLIP"));
        QCOMPARE(byName.at("git-rsclip")["family"].get<std::string>(), std::string("SigLIP"));
        QCOMPARE(byName.at("git-rsclip")["tokenizer"].get<std::string>(), std::string("SentencePiece"));
        QCOMPARE(byName.at("git-rsclip")["activation"].get<std::string>(), std::string("gelu_tanh"));
        QCOMPARE(byName.at("git-rsclip")["verified"].get<bool>(), false);
        QVERIFY(!byName.at("git-rsclip")["licence"].get<std::string>().empty());
        QCOMPARE(byName.at("lrsclip-vit-b-16")["family"].get<std::string>(), std::string("Long-CLIP"));
        QCOMPARE(byName.at("remoteclip-vit-l-14")["family"].get<std::string>(), std::string("CLIP"));
    }

    void anIndexHoldsTheReferenceEmbeddings()
    {
        REQUIRE_SIGLIP();
        QTemporaryDir work;
        const QString index = work.filePath("siglip.rscir");
        int exitCode = -1;
        runRscir({"index", "--archive", siglipDir() + "/images", "--index", index, "--model", siglipDir() + "/hf",
                  "--device", "cpu", "--storage", "fp32", "--batch", "4"},
                 &exitCode);
        QCOMPARE(exitCode, 0);
        const auto stored = rscir::test::contentsByFile(index, true);
        QCOMPARE(stored.size(), std::size_t(6));
        const auto want = expected("hf_image_features_l2.npy");
        const auto files = imageFiles();
        for (std::size_t i = 0; i < files.size(); ++i) {
            const auto name = std::filesystem::path(files[i]).filename().string();
            QVERIFY2(stored.count(name), name.c_str());
            compareRows(stored.at(name), std::vector<float>(want.begin() + i * 96, want.begin() + (i + 1) * 96), 96,
                        QString::fromStdString("index row of " + name));
        }
        // The index records the model as a SigLIP model; another family's model in the same
        // store is another model (its own fingerprint), never mixed into these rows.
        auto store = IndexStore::open(index.toStdString(), false, true);
        const auto models = store->models();
        QCOMPARE(models.size(), std::size_t(1));
        QVERIFY2(QString::fromStdString(models.front().architecture).startsWith("SigLIP"), models.front().architecture.c_str());
        QCOMPARE(models.front().activation, std::string("gelu_tanh"));
        // A search with the model: the text is tokenised with SentencePiece.
        const QByteArray out = runRscir({"search", "--index", index, "--model", siglipDir() + "/hf", "--device", "cpu",
                                         "--text", "an aerial image of an airport", "--top-k", "3", "--format", "json"},
                                        &exitCode);
        QCOMPARE(exitCode, 0);
        QVERIFY2(out.contains("aid_"), out.constData());

        // The window, given only the model's folder, ranks as the command line does: the
        // folder's configuration (not a default) sets the activation in both.
        const QString script = work.filePath("window.json");
        QFile file(script);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(QString("[{\"open_index\": \"%1\"}, {\"load_model\": \"%2\"}, {\"query_item\": 2},"
                           " {\"text\": \"a river crossing the desert\"}, {\"lambda\": 0.6}, {\"results\": 6},"
                           " {\"wait\": true}, {\"export\": \"%3\"}, {\"quit\": true}]")
                       .arg(index, siglipDir() + "/hf", work.filePath("window.csv"))
                       .toUtf8());
        file.close();
        QProcess window;
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert("QT_QPA_PLATFORM", "offscreen");
        environment.insert("XDG_CONFIG_HOME", work.filePath("config"));
        window.setProcessEnvironment(environment);
        window.start(QStringLiteral(RSCIR_BIN_DIR "/rscir-desktop"), {"--script", script});
        QVERIFY(window.waitForFinished(300000));
        QVERIFY2(window.exitCode() == 0, window.readAllStandardError().constData());
        QFile csv(work.filePath("window.csv"));
        QVERIFY(csv.open(QIODevice::ReadOnly));
        QStringList windowItems;
        for (const QByteArray& line : csv.readAll().split('\n').mid(1))
            if (!line.isEmpty())
                windowItems << QString::fromUtf8(line.split(',').at(1));
        const QByteArray cli = runRscir({"search", "--index", index, "--model", siglipDir() + "/hf", "--device", "cpu",
                                         "--item", "2", "--text", "a river crossing the desert", "--lambda", "0.6",
                                         "--top-k", "6", "--format", "json"},
                                        &exitCode);
        QCOMPARE(exitCode, 0);
        QStringList cliItems;
        for (const QByteArray& line : cli.split('\n'))
            if (!line.isEmpty())
                cliItems << QString::number(nlohmann::json::parse(line.toStdString())["item"].get<std::int64_t>());
        QCOMPARE(windowItems.size(), 5); // the query's own item is left out
        QCOMPARE(windowItems, cliItems.mid(0, windowItems.size()));
    }

    void theWindowsEncoderGivesTheSameEmbeddings()
    {
        REQUIRE_SIGLIP();
        // The window encodes through its backend: the query image read through GDAL and the
        // model's own preprocessing, the text through the model's tokenizer.
        const auto backend = ui::loadClipBackend(resolveModel((siglipDir() + "/openclip").toStdString()), cpuOptions());
        QCOMPARE(backend->preprocessing().resize, ResizeMode::Squash);
        const auto files = imageFiles();
        const auto want = expected("openclip_image_features_l2.npy");
        for (std::size_t i : {std::size_t(0), std::size_t(2)}) { // PNGs: pixels identical through GDAL
            const auto pixels = queryImagePixels(files[i], RasterOptions{}, backend->preprocessing());
            compareRows(backend->encodeImageNow(pixels), std::vector<float>(want.begin() + i * 96, want.begin() + (i + 1) * 96),
                        96, "the window's query image");
        }
        const auto texts = readJson(siglipDir() + "/tokens.json");
        const auto wantText = expected("openclip_text_features_l2.npy");
        compareRows(backend->encodeTextNow(texts[10]["text"].get<std::string>()),
                    std::vector<float>(wantText.begin() + 10 * 96, wantText.begin() + 11 * 96), 96, "the window's text");
    }
};

QTEST_GUILESS_MAIN(TestSiglip)
#include "test_siglip.moc"
