// Bad checkpoints, each written by the test, must give one clear error each: no crash,
// no huge allocation. A tiny valid model is written alongside to prove the path works.

#include "core/base/error.h"
#include "checkpoint.h" // core/clip/detail, through rscir_clip_internals
#include "core/clip/clip_model.h"
#include "tests/shared_data.h"
#include "tests/tiny_model.h"

#include <QFile>

#include <QTemporaryDir>
#include <QTest>

#include <nlohmann/json.hpp>
#include <zlib.h>

#include <fstream>
#include <map>
#include <random>

using namespace rscir;

using namespace rscir::test;

namespace {

QByteArray readAll(const QString& file)
{
    QFile f(file);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

/// A minimal stored (uncompressed) zip archive, as torch.save writes them.
void writeZip(const QString& path, const std::vector<std::pair<std::string, std::string>>& files)
{
    std::string out, central;
    const auto u16 = [](std::string& s, std::uint16_t v) { s.append(reinterpret_cast<const char*>(&v), 2); };
    const auto u32 = [](std::string& s, std::uint32_t v) { s.append(reinterpret_cast<const char*>(&v), 4); };
    for (const auto& [name, content] : files) {
        const std::uint32_t crc =
            static_cast<std::uint32_t>(crc32(0, reinterpret_cast<const Bytef*>(content.data()), content.size()));
        const std::uint32_t offset = static_cast<std::uint32_t>(out.size());
        u32(out, 0x04034b50);
        u16(out, 20);
        u16(out, 0);
        u16(out, 0);
        u16(out, 0);
        u16(out, 0);
        u32(out, crc);
        u32(out, content.size());
        u32(out, content.size());
        u16(out, static_cast<std::uint16_t>(name.size()));
        u16(out, 0);
        out += name + content;
        u32(central, 0x02014b50);
        u16(central, 20);
        u16(central, 20);
        u16(central, 0);
        u16(central, 0);
        u16(central, 0);
        u16(central, 0);
        u32(central, crc);
        u32(central, content.size());
        u32(central, content.size());
        u16(central, static_cast<std::uint16_t>(name.size()));
        u16(central, 0);
        u16(central, 0);
        u16(central, 0);
        u16(central, 0);
        u32(central, 0);
        u32(central, offset);
        central += name;
    }
    const std::uint32_t centralOffset = static_cast<std::uint32_t>(out.size());
    out += central;
    u32(out, 0x06054b50);
    u16(out, 0);
    u16(out, 0);
    u16(out, static_cast<std::uint16_t>(files.size()));
    u16(out, static_cast<std::uint16_t>(files.size()));
    u32(out, central.size());
    u32(out, centralOffset);
    u16(out, 0);
    std::ofstream(path.toStdString(), std::ios::binary) << out;
}

/// A protocol-2 pickle of {key: tensor of 4 floats in storage "0"}, as torch.save writes it;
/// `wrapped` puts it inside {"state_dict": ...} as training scripts often do.
/// Writes pickle opcodes by hand.
struct PickleText {
    std::string p;
    void op(std::initializer_list<int> bytes)
    {
        for (int b : bytes)
            p.push_back(static_cast<char>(b));
    }
    void str(const std::string& s)
    {
        op({'X', int(s.size()), 0, 0, 0});
        p += s;
    }
    void global(const std::string& module, const std::string& name) { p += "c" + module + "\n" + name + "\n"; }
    void integer(std::int64_t v)
    {
        const std::int32_t i = static_cast<std::int32_t>(v);
        p.push_back('J');
        p.append(reinterpret_cast<const char*>(&i), 4);
    }
};

std::string stateDictPickle(const std::string& rebuildModule = "torch._utils",
                            const std::string& rebuild = "_rebuild_tensor_v2", const std::string& key = "w",
                            bool wrapped = false)
{
    PickleText text;
    std::string& p = text.p;
    const auto op = [&](std::initializer_list<int> bytes) { text.op(bytes); };
    const auto str = [&](const std::string& s) { text.str(s); };
    const auto global = [&](const std::string& module, const std::string& name) { text.global(module, name); };
    op({0x80, 2});
    if (wrapped) {
        op({'}'});
        str("state_dict");
    }
    global("collections", "OrderedDict");
    op({'q', 0, ')', 'R', '('});
    str(key);
    global(rebuildModule, rebuild);
    op({'(', '('});
    str("storage");
    global("torch", "FloatStorage");
    str("0");
    str("cpu");
    op({'K', 4, 't', 'Q'}); // persistent id -> storage
    op({'K', 0, 'K', 4, 0x85, 'K', 1, 0x85, 0x89}); // offset, size (4,), stride (1,), requires_grad
    global("collections", "OrderedDict");
    op({')', 'R', 't', 'R', 'u'}); // hooks; rebuild; SETITEMS
    if (wrapped)
        op({'s'}); // the state dict into the wrapper
    op({'.'});
    return p;
}

void expectError(const std::string& path, const QString& message)
{
    try {
        ClipModel::load(path, ClipOptions{});
        QFAIL("the bad checkpoint was accepted");
    } catch (const Error& e) {
        QVERIFY2(QString::fromStdString(e.what()).contains(message), e.what());
    }
}

} // namespace

class TestCheckpointErrors : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;

    QString path(const char* name) const { return m_dir.filePath(name); }

private slots:
    void validTinyModelLoadsAndEncodes()
    {
        const auto file = writeSafetensors(path("tiny.safetensors"), tinyModel());
        ClipOptions options;
        options.threads = 1;
        auto model = ClipModel::load(file, options);
        QCOMPARE(model->config().embedDim, 8);
        QCOMPARE(model->config().imageSize, 64);
        QCOMPARE(model->config().patchSize, 32);
        QCOMPARE(model->config().visionLayers, 1);
        QCOMPARE(model->config().contextLength, 16);
        QCOMPARE(model->config().vocabSize, 600);
        QVERIFY(model->unusedKeys().empty());
        std::vector<float> pixels(2 * 3 * 64 * 64, 0.1f);
        const auto images = model->encodeImages(pixels, 2);
        QCOMPARE(images.size(), std::size_t(16));
        double norm = 0;
        for (int i = 0; i < 8; ++i)
            norm += double(images[std::size_t(i)]) * images[std::size_t(i)];
        QVERIFY(std::fabs(norm - 1.0) < 1e-5);
        // EOT truncation is exact: a padded-out batch and a single sequence agree.
        const auto single = model->encodeTexts({{5, 7, 599}});
        const auto batched = model->encodeTexts({{5, 7, 9, 11, 13, 599}, {5, 7, 599}});
        for (int i = 0; i < 8; ++i)
            QVERIFY(std::fabs(single[std::size_t(i)] - batched[std::size_t(8 + i)]) < 1e-6);
        QVERIFY_THROWS_EXCEPTION(Error, model->encodeTexts({{5, 600}}));
        QVERIFY_THROWS_EXCEPTION(Error, model->encodeImages(pixels, 3));
    }

    void unknownKeysAreReported()
    {
        auto tensors = tinyModel();
        tensors["extra.head.weight"] = {{4}};
        auto model = ClipModel::load(writeSafetensors(path("extra.safetensors"), tensors), ClipOptions{});
        QCOMPARE(model->unusedKeys(), std::vector<std::string>{"extra.head.weight"});
    }

    void truncatedFile()
    {
        const auto file = writeSafetensors(path("truncated.safetensors"), tinyModel());
        std::filesystem::resize_file(file, std::filesystem::file_size(file) - 100);
        expectError(file, "outside the file");
    }

    void headerLengthBeyondFile()
    {
        std::ofstream out(path("header_past_end.safetensors").toStdString(), std::ios::binary);
        const std::uint64_t length = 1ull << 40;
        out.write(reinterpret_cast<const char*>(&length), 8);
        out << "{\"a\": 1}";
        out.close();
        expectError(path("header_past_end.safetensors").toStdString(), "runs past the end");
    }

    void offsetsOutOfRange()
    {
        const auto file =
            writeSafetensors(path("offsets_out_of_range.safetensors"), tinyModel(), [](nlohmann::json& h) {
                h["visual.proj"]["data_offsets"] = {0, 1ull << 45};
            });
        expectError(file, "outside the file");
    }

    void overlappingOffsets()
    {
        const auto file = writeSafetensors(path("overlapping_offsets.safetensors"), tinyModel(), [](nlohmann::json& h) {
            h["ln_final.bias"]["data_offsets"] = h["ln_final.weight"]["data_offsets"];
        });
        expectError(file, "overlap");
    }

    void wrongDtype()
    {
        auto tensors = tinyModel();
        tensors["visual.proj"].dtype = "I8";
        expectError(writeSafetensors(path("wrong_dtype.safetensors"), tensors), "type I8 is not supported");
    }

    void missingKey()
    {
        auto tensors = tinyModel();
        tensors.erase("visual.transformer.resblocks.0.mlp.c_fc.bias");
        expectError(writeSafetensors(path("missing_key.safetensors"), tensors),
                    "lacks visual.transformer.resblocks.0.mlp.c_fc.bias");
    }

    void wrongShape()
    {
        auto tensors = tinyModel();
        tensors["visual.proj"].shape = {64, 9};
        expectError(writeSafetensors(path("wrong_shape.safetensors"), tensors),
                    "has visual.proj of shape [64, 9]; expected [64, 8]");
    }

    void insaneConfigurationsAreRefusedBeforeBuilding()
    {
        // Shapes that would divide by zero, allocate without bound, or give heads that do
        // not divide the width: each is one clear error, before anything is built.
        struct Case {
            const char* key;
            Shape shape;
            const char* message;
        };
        const std::vector<Case> cases{
            {"visual.conv1.weight", {64, 3, 0, 0}, "the patch size"},
            {"visual.conv1.weight", {0, 3, 32, 32}, "the vision width"},
            {"visual.conv1.weight", {1, 3, 200, 200}, "the patch size"},
            {"visual.conv1.weight", {64, 4, 32, 32}, "colour channels"},
            {"visual.conv1.weight", {64, 3, 32, 16}, "non-square patches"},
            {"token_embedding.weight", {600, 0}, "the text width"},
            {"token_embedding.weight", {600, 96}, "the text tower: a width of 96 is not a multiple of 64"},
            {"positional_embedding", {0, 64}, "the context length"},
            {"text_projection", {64, 0}, "the embedding dimension"},
        };
        int n = 0;
        for (const auto& c : cases) {
            auto tensors = tinyModel();
            tensors[c.key].shape = c.shape;
            expectError(writeSafetensors(path(qPrintable(QStringLiteral("insane_%1.safetensors").arg(n++))), tensors),
                        QString::fromLatin1(c.message));
        }
    }

    void notCheckpoints()
    {
        std::ofstream(path("random.pt").toStdString(), std::ios::binary)
            << std::string("\x13\x37 this is not a model, just some bytes in a file", 48);
        expectError(path("random.pt").toStdString(), "is not a model checkpoint");
        std::ofstream(path("empty.pt").toStdString(), std::ios::binary).close();
        expectError(path("empty.pt").toStdString(), "too short");
        std::ofstream(path("legacy.pt").toStdString(), std::ios::binary)
            << std::string("\x80\x02\x8a\x0a\x6c\xfc\x9c\x46\xf9\x20\x6a\xa8\x50\x19.", 15);
        expectError(path("legacy.pt").toStdString(), "legacy format");
        expectError(path("missing.pt").toStdString(), "does not exist");
    }

    void zipWithoutDataEntry()
    {
        writeZip(path("no_data_entry.pt"), {{"archive/data.pkl", stateDictPickle()}, {"archive/version", "3\n"}});
        expectError(path("no_data_entry.pt").toStdString(), "which the archive lacks");
    }

    void zipReadsStateDict()
    {
        // With its storage present the same archive reads; it is only not a CLIP model.
        std::string storage(16, '\0');
        writeZip(path("one_tensor.pt"),
                 {{"archive/data.pkl", stateDictPickle()}, {"archive/data/0", storage}, {"archive/version", "3\n"}});
        expectError(path("one_tensor.pt").toStdString(), "lacks visual.conv1.weight");
    }

    void wrappedStateDictAndModulePrefix()
    {
        // {"state_dict": {"module.w": [1, 2, 3, 4]}}: unwrapped, prefix removed, values read at their offset.
        const float values[4] = {1.0f, 2.0f, 3.0f, 4.0f};
        writeZip(path("wrapped.pt"),
                 {{"archive/data.pkl", stateDictPickle("torch._utils", "_rebuild_tensor_v2", "module.w", true)},
                  {"archive/data/0", std::string(reinterpret_cast<const char*>(values), 16)},
                  {"archive/version", "3\n"}});
        const auto checkpoint = clip::openCheckpoint(path("wrapped.pt").toStdString());
        QCOMPARE(checkpoint.format, std::string("pytorch"));
        QCOMPARE(checkpoint.tensors.size(), std::size_t(1));
        QCOMPARE(checkpoint.tensors.front().name, std::string("w"));
        torch::Tensor read = torch::empty({4});
        checkpoint.tensors.front().readInto(read);
        QCOMPARE(read[3].item<float>(), 4.0f);
        QCOMPARE(read[0].item<float>(), 1.0f);
        // A safetensors model whose every key has the DataParallel prefix loads.
        std::map<std::string, rscir::test::Entry> prefixed;
        for (const auto& [name, entry] : tinyModel())
            prefixed["module." + name] = entry;
        auto model = ClipModel::load(writeSafetensors(path("prefixed.safetensors"), prefixed), ClipOptions{});
        QVERIFY(model->unusedKeys().empty());
    }

    void pickleWithUnknownGlobal()
    {
        writeZip(path("unknown_global.pt"),
                 {{"archive/data.pkl", stateDictPickle("os", "system")}, {"archive/version", "3\n"}});
        expectError(path("unknown_global.pt").toStdString(), "refers to os.system");
        // torch.save(model): a whole module, refused with the one line that converts it.
        writeZip(path("whole_module.pt"),
                 {{"archive/data.pkl", stateDictPickle("open_clip.model", "CLIP")}, {"archive/version", "3\n"}});
        expectError(path("whole_module.pt").toStdString(), "whole pickled model (it refers to the class open_clip.model.CLIP)");
        expectError(path("whole_module.pt").toStdString(), "torch.save(torch.load('IN.pt', weights_only=False).state_dict()");
    }

    void trainingCheckpointsReadTheirStateDictOnly()
    {
        // open_clip's training checkpoint: {"epoch", "state_dict" (with "module."), "optimizer"}.
        // The optimizer's storages are never read: here they are not even in the archive,
        // and the weights still load.
        const auto tensors = tinyModel();
        PickleText t;
        std::string storages;
        std::vector<std::pair<std::string, std::string>> records;
        t.op({0x80, 2, '}', '('});
        t.str("epoch");
        t.integer(32);
        t.str("state_dict");
        t.global("collections", "OrderedDict");
        t.op({')', 'R', '('});
        std::mt19937 rng(5);
        std::normal_distribution<float> normal(0.0f, 0.02f);
        int key = 0;
        const auto tensor = [&](const Shape& shape, bool stored) {
            std::int64_t numel = 1;
            for (auto d : shape)
                numel *= d;
            t.global("torch._utils", "_rebuild_tensor_v2");
            t.op({'(', '('});
            t.str("storage");
            t.global("torch", "FloatStorage");
            t.str(std::to_string(key));
            t.str("cpu");
            t.integer(std::max<std::int64_t>(numel, 1));
            t.op({'t', 'Q', 'K', 0, '('});
            for (auto d : shape)
                t.integer(d);
            t.op({'t', '('});
            std::int64_t stride = 1;
            std::vector<std::int64_t> strides(shape.size());
            for (std::size_t i = shape.size(); i-- > 0;) {
                strides[i] = stride;
                stride *= shape[i];
            }
            for (auto s : strides)
                t.integer(s);
            t.op({'t', 0x89});
            t.global("collections", "OrderedDict");
            t.op({')', 'R', 't', 'R'});
            if (stored) {
                std::string data;
                for (std::int64_t i = 0; i < std::max<std::int64_t>(numel, 1); ++i) {
                    const float v = normal(rng) + (shape.size() == 1 ? 1.0f : 0.0f);
                    data.append(reinterpret_cast<const char*>(&v), 4);
                }
                records.emplace_back("archive/data/" + std::to_string(key), data);
            }
            ++key;
        };
        for (const auto& [name, entry] : tensors) {
            t.str("module." + name);
            tensor(entry.shape, true);
        }
        t.op({'u'}); // the state dict's items
        t.str("optimizer");
        t.op({'}', '('});
        t.str("exp_avg");
        tensor({4096, 1024}, false); // 16 MiB the archive does not hold
        t.op({'u', 'u', '.'}); // the optimizer's items, then the checkpoint's
        records.insert(records.begin(), {"archive/data.pkl", t.p});
        records.emplace_back("archive/version", "3\n");
        writeZip(path("training.pt"), records);
        ClipOptions options;
        options.device = DeviceChoice::Cpu;
        const auto model = ClipModel::load(path("training.pt").toStdString(), options);
        QCOMPARE(model->config().visionWidth, 64);
    }

    void truncatedPickle()
    {
        const std::string pickle = stateDictPickle();
        writeZip(path("truncated_pickle.pt"),
                 {{"archive/data.pkl", pickle.substr(0, pickle.size() / 2)}, {"archive/version", "3\n"}});
        expectError(path("truncated_pickle.pt").toStdString(), "pickle is malformed");
    }

    void hostilePicklesAreBounded()
    {
        // 10^6 nested tuples, a list that holds itself, a million DUPs, a state dict nested a
        // million times: each one error (or a clean refusal), never a crash or gigabytes.
        const auto pickleOf = [](const std::string& body) { return std::string("\x80\x02", 2) + body + "."; };
        std::string nested;
        for (int i = 0; i < 1000000; ++i)
            nested += ")\x85"; // EMPTY_TUPLE, TUPLE1: one more level each time
        std::string selfList = "]q\x00h\x00a"; // EMPTY_LIST, memo 0, recall 0, APPEND: the list holds itself
        std::string dups = ")" + std::string(4000000, '2'); // DUP a tuple four million times
        std::string wrapped;
        for (int i = 0; i < 200000; ++i)
            wrapped += "}\x8c\x0astate_dict"; // EMPTY_DICT, "state_dict"
        wrapped += "}";
        for (int i = 0; i < 200000; ++i)
            wrapped += "s"; // SETITEM: each dict holds the next under "state_dict"
        const std::vector<std::pair<const char*, std::string>> cases{
            {"nested", pickleOf(nested)},
            {"self", pickleOf(selfList)},
            {"dups", pickleOf(dups)},
            {"wrapped", pickleOf(wrapped)},
        };
        for (const auto& [name, pickle] : cases) {
            const QString file = path(qPrintable(QStringLiteral("hostile_%1.pt").arg(QLatin1String(name))));
            writeZip(file, {{"archive/data.pkl", pickle}, {"archive/version", "3\n"}});
            try {
                ClipModel::load(file.toStdString(), ClipOptions{});
                QFAIL(name);
            } catch (const Error& e) {
                QVERIFY2(std::string(e.what()).size() < 400, e.what());
            }
        }
    }

    void viewsOfOneStorageCannotDescribeALargerModel()
    {
        // Every tensor of a width-1024 model as a view of one storage of 4M floats (the
        // largest tensor's size): each view lies inside it, but the 30 million parameters the
        // model needs cannot come from a 16 MiB file.
        constexpr std::int64_t storageNumel = 4096 * 1024;
        PickleText text;
        std::string& p = text.p;
        const auto op = [&](std::initializer_list<int> bytes) { text.op(bytes); };
        const auto str = [&](const std::string& s) { text.str(s); };
        const auto integer = [&](std::int64_t v) { text.integer(v); };
        op({0x80, 2});
        p += "ccollections\nOrderedDict\n";
        op({')', 'R', '('});
        for (const auto& [key, entry] : tinyModel()) {
            str(key);
            p += "ctorch._utils\n_rebuild_tensor_v2\n";
            op({'(', '('});
            str("storage");
            p += "ctorch\nFloatStorage\n";
            str("0");
            str("cpu");
            integer(storageNumel);
            op({'t', 'Q', 'K', 0, '('});
            Shape shape;
            for (const auto d : entry.shape)
                shape.push_back(d == 64 ? 1024 : d == 192 ? 3072 : d == 256 ? 4096 : d);
            for (const auto d : shape)
                integer(d);
            op({'t', '('});
            std::int64_t stride = 1;
            std::vector<std::int64_t> strides(shape.size());
            for (std::size_t i = shape.size(); i-- > 0;) {
                strides[i] = stride;
                stride *= shape[i];
            }
            for (const auto st : strides)
                integer(st);
            op({'t', 0x89});
            p += "ccollections\nOrderedDict\n";
            op({')', 'R', 't', 'R'});
        }
        op({'u', '.'});
        writeZip(path("shared_storage.pt"),
                 {{"archive/data.pkl", p},
                  {"archive/data/0", std::string(static_cast<std::size_t>(storageNumel) * 4, '\0')},
                  {"archive/version", "3\n"}});
        expectError(path("shared_storage.pt").toStdString(), "bytes can hold");
    }

    void zipRecordsAreCheckedAgainstThePickleAndTheirChecksums()
    {
        const float values[4] = {1.0f, 2.0f, 3.0f, 4.0f};
        const std::string good(reinterpret_cast<const char*>(values), 16);
        const auto read = [&](const QString& file) {
            const auto checkpoint = clip::openCheckpoint(file.toStdString());
            torch::Tensor tensor = torch::empty({4});
            checkpoint.tensors.front().readInto(tensor);
        };
        // A record shorter than the storage the pickle asks for: an error, not zeros.
        writeZip(path("short_record.pt"),
                 {{"archive/data.pkl", stateDictPickle()}, {"archive/data/0", good.substr(0, 4)}, {"archive/version", "3\n"}});
        try {
            read(path("short_record.pt"));
            QFAIL("a short record was read");
        } catch (const Error& e) {
            QVERIFY2(QString::fromStdString(e.what()).contains("holds 4 bytes; the pickle asks for 16"), e.what());
        }
        // A flipped byte in a tensor's data: the record's CRC-32 says so when it is read.
        writeZip(path("flipped.pt"), {{"archive/data.pkl", stateDictPickle()}, {"archive/data/0", good}, {"archive/version", "3\n"}});
        QByteArray bytes = readAll(path("flipped.pt"));
        const int at = bytes.indexOf(QByteArray(good.data(), 16));
        QVERIFY(at > 0);
        bytes[at + 5] = static_cast<char>(bytes[at + 5] ^ 0x40);
        QFile out(path("flipped.pt"));
        QVERIFY(out.open(QIODevice::WriteOnly | QIODevice::Truncate));
        out.write(bytes);
        out.close();
        try {
            read(path("flipped.pt"));
            QFAIL("a damaged record was read");
        } catch (const Error& e) {
            QVERIFY2(QString::fromStdString(e.what()).contains("checksum"), e.what());
        }
        // A data.pkl of 100 MB (a padded record) is refused before it is read.
        writeZip(path("padded.pt"), {{"archive/data.pkl", std::string(100u << 20, '.')}, {"archive/version", "3\n"}});
        expectError(path("padded.pt").toStdString(), "a checkpoint's is a few hundred KiB");
    }

    void torchScriptIsReadWithoutParsingItsCode()
    {
        RSCIR_REQUIRE_CONFORMANCE();
        // OpenAI's release format, with its code changed (a byte in __parameters__): nothing
        // of the code is parsed or compiled, so the weights still read and give the same model.
        const QString original = rscir::test::conformanceDir() + "/models/quickgelu_b32/openai_jit.pt";
        QByteArray bytes = readAll(original);
        const int at = bytes.indexOf("__parameters__");
        QVERIFY(at > 0);
        bytes[at + 13] = '3';
        QFile out(path("changed_code.pt"));
        QVERIFY(out.open(QIODevice::WriteOnly));
        out.write(bytes);
        out.close();
        const auto a = clip::openCheckpoint(original.toStdString());
        const auto b = clip::openCheckpoint(path("changed_code.pt").toStdString());
        QCOMPARE(a.format, std::string("torchscript"));
        QCOMPARE(a.tensors.size(), b.tensors.size());
        QVERIFY(a.tensors.size() > 20);
    }

    void viewsWhoseExtentOverflows()
    {
        // A stride of 2^62 over 4 elements: (4 - 1) * 2^62 overflows int64. Checked
        // arithmetic refuses it instead of letting a wrapped extent pass.
        std::string pickle = stateDictPickle();
        const std::string plain("K\x04\x85K\x01\x85", 6);
        const auto at = pickle.find(plain);
        QVERIFY(at != std::string::npos);
        std::string huge("K\x04\x85\x8a\x08", 5);
        const std::uint64_t stride = 1ull << 62;
        huge.append(reinterpret_cast<const char*>(&stride), 8);
        huge += "\x85";
        pickle.replace(at, plain.size(), huge);
        writeZip(path("overflow.pt"), {{"archive/data.pkl", pickle},
                                       {"archive/data/0", std::string(16, '\0')},
                                       {"archive/version", "3\n"}});
        try {
            clip::openCheckpoint(path("overflow.pt").toStdString());
            QFAIL("a view past its storage was accepted");
        } catch (const Error& e) {
            QVERIFY2(QString::fromStdString(e.what()).contains("reaches outside its storage"), e.what());
        }
    }

    void torchScriptObjectsThatPointAtEachOther()
    {
        // Two TorchScript objects, each the other's attribute: read once each, no endless
        // walk; and an object built twice is refused.
        using namespace std::string_literals; // the pickles hold zero bytes
        const std::string cycle = "\x80\x02"
                                  "c__torch__\nA\n)\x81q\x00"       // A, memo 0
                                  "c__torch__\nB\n)\x81q\x01"       // B, memo 1
                                  "}X\x01\x00\x00\x00yh\x00s"      // B.y = A
                                  "X\x01\x00\x00\x00zh\x00sb"      // B.z = A
                                  "0}X\x01\x00\x00\x00xh\x01s"     // A.x = B
                                  "X\x01\x00\x00\x00wh\x01sb."s;   // A.w = B; A is the result
        // Twice each: without a visited set, 2^32 paths of 32 levels.
        writeZip(path("cycle.pt"), {{"archive/data.pkl", cycle}, {"archive/code/__torch__/m.py", "# code\n"},
                                    {"archive/version", "3\n"}});
        const auto checkpoint = clip::openCheckpoint(path("cycle.pt").toStdString());
        QCOMPARE(checkpoint.format, std::string("torchscript"));
        QVERIFY(checkpoint.tensors.empty());
        const std::string twice = "\x80\x02"
                                  "c__torch__\nA\n)\x81}X\x01\x00\x00\x00"
                                  "aK\x01sb}X\x01\x00\x00\x00"
                                  "bK\x02sb."s;
        writeZip(path("twice.pt"), {{"archive/data.pkl", twice}, {"archive/code/__torch__/m.py", "# code\n"},
                                    {"archive/version", "3\n"}});
        expectError(path("twice.pt").toStdString(), "built twice");
    }

    void zipWithoutPickle()
    {
        writeZip(path("no_pickle.pt"), {{"archive/version", "3\n"}});
        expectError(path("no_pickle.pt").toStdString(), "no data.pkl");
    }
};

QTEST_GUILESS_MAIN(TestCheckpointErrors)
#include "test_checkpoint_errors.moc"
