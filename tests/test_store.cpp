// The embedding store: its file format (fp32 and fp16 against a centre), damaged and
// hostile headers, stores shorter or longer than the index says, deletions that leave
// dead rows until a compaction, a failed batch, precision that must not mix, migration
// of an index written in format 1 (tests/data/index-v1.rscir), and fp16 against fp32.
#include "core/base/error.h"
#include "core/base/progress.h"
#include "core/imagery/raster.h"
#include "core/index/index_store.h"
#include "core/index/indexer.h"
#include "core/base/acquisition_time.h"
#include "core/index/labels.h"
#include "core/index/vector_store.h"
#include "core/search/ranking.h"

#include <QTemporaryDir>
#include <QTest>

#include <sqlite3.h>
#include <zlib.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <fstream>
#include <map>
#include <random>
#include <set>

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

using namespace rscir;
namespace fs = std::filesystem;

namespace {

/// Unit vectors that share a large common part, as a CLIP model's embeddings do.
std::vector<std::vector<float>> clipLikeRows(std::size_t count, std::size_t dim, unsigned seed)
{
    std::mt19937 rng(seed);
    std::normal_distribution<float> normal;
    std::vector<float> common(dim);
    for (auto& v : common)
        v = normal(rng);
    std::vector<std::vector<float>> rows(count, std::vector<float>(dim));
    for (auto& row : rows) {
        double norm = 0;
        for (std::size_t c = 0; c < dim; ++c) {
            row[c] = common[c] + 0.8f * normal(rng);
            norm += double(row[c]) * row[c];
        }
        for (auto& v : row)
            v = static_cast<float>(v / std::sqrt(norm));
    }
    return rows;
}

StoreIdentity identityOf(ElementType type, std::uint32_t dim)
{
    return {7, 1, type, dim, "fingerprint=test;activation=gelu"};
}

std::string readBytes(const fs::path& path)
{
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), {}};
}

void writeBytes(const fs::path& path, const std::string& bytes)
{
    std::ofstream(path, std::ios::binary | std::ios::trunc).write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

/// Rewrites a header's checksum, so that a test can change a field and still pass the CRC.
void resealHeader(std::string& bytes, std::size_t headerBytes)
{
    const auto crc = static_cast<std::uint32_t>(
        crc32(0L, reinterpret_cast<const Bytef*>(bytes.data()), static_cast<uInt>(headerBytes - 4)));
    std::memcpy(bytes.data() + headerBytes - 4, &crc, 4);
}

/// A deterministic encoder with no model: fixed random projections of the pixels plus a
/// common part, normalised.
class FakeEncoder : public ImageEncoder {
public:
    int imageSize() const override { return 32; }
    int dim() const override { return 16; }
    ModelRecord identity() const override
    {
        ModelRecord r{0, "fake", "fake", "gelu", "fake-fingerprint", 16};
        r.precision = precision;
        return r;
    }
    std::vector<float> encode(const std::vector<float>& pixels, std::size_t count) override
    {
        const std::size_t per = 3u * 32u * 32u;
        std::vector<float> out(count * 16);
        for (std::size_t i = 0; i < count; ++i) {
            double norm = 0;
            for (std::size_t k = 0; k < 16; ++k) {
                double sum = 3.0 + 0.1 * double(k);
                for (std::size_t p = 0; p < per; p += 7)
                    sum += pixels[i * per + p] * std::sin(double(p * (k + 1)) * 0.013) * 0.05;
                out[i * 16 + k] = static_cast<float>(sum);
                norm += sum * sum;
            }
            for (std::size_t k = 0; k < 16; ++k)
                out[i * 16 + k] = static_cast<float>(out[i * 16 + k] / std::sqrt(norm));
        }
        return out;
    }
    std::string precision = "fp32";
};

void writeImage(const fs::path& path, int seed)
{
    ImageU8 image{48, 40, 3, {}};
    image.pixels.resize(48u * 40u * 3u);
    for (int y = 0; y < 40; ++y)
        for (int x = 0; x < 48; ++x)
            for (int c = 0; c < 3; ++c)
                image.pixels[(std::size_t(y) * 48 + x) * 3 + c] =
                    static_cast<std::uint8_t>((x * (seed % 5 + 1) * 3 + y * (seed % 7 + 2) * 2 + c * 70 + seed * 37) % 256);
    const auto jpeg = encodeJpeg(image, 95);
    fs::create_directories(path.parent_path());
    std::ofstream(path, std::ios::binary).write(reinterpret_cast<const char*>(jpeg.data()), std::streamsize(jpeg.size()));
}

/// path -> embedding of the first model.
std::map<std::string, std::vector<float>> contents(const fs::path& index)
{
    auto store = IndexStore::open(index, false, true);
    const auto embeddings = store->embeddings(store->models().front().id);
    std::map<std::string, std::vector<float>> out;
    for (std::size_t i = 0; i < embeddings->size(); ++i)
        out[store->item(embeddings->itemId(i))->path] = embeddings->values(i);
    return out;
}

double largestDifference(const std::map<std::string, std::vector<float>>& a,
                         const std::map<std::string, std::vector<float>>& b)
{
    if (a.size() != b.size())
        return INFINITY;
    double worst = 0;
    for (const auto& [key, values] : a) {
        const auto it = b.find(key);
        if (it == b.end() || it->second.size() != values.size())
            return INFINITY;
        for (std::size_t c = 0; c < values.size(); ++c)
            worst = std::max(worst, double(std::fabs(values[c] - it->second[c])));
    }
    return worst;
}

IndexReport runIndex(const fs::path& index, const fs::path& archive, std::vector<std::string>* log = nullptr,
                     std::optional<ElementType> storage = std::nullopt, const std::string& precision = "fp32")
{
    auto store = IndexStore::open(index, true);
    FakeEncoder encoder;
    encoder.precision = precision;
    IndexOptions options;
    options.jobs = 1;
    options.batchSize = 4;
    options.storage = storage;
    return indexArchive(*store, archive, encoder, options, nullptr, [log](const std::string& line) {
        if (log)
            log->push_back(line);
    });
}

} // namespace

class TestStore : public QObject {
    Q_OBJECT

private slots:
    void formatRoundTrip()
    {
        QTemporaryDir dir;
        const auto rows = clipLikeRows(100, 20, 1);
        for (const ElementType type : {ElementType::Float32, ElementType::Float16}) {
            const StoreFiles files = storeFiles(fs::path(dir.path().toStdString()) / "a.rscir", 7, int(type));
            StoreIdentity identity = identityOf(type, 20);
            identity.generation = int(type);
            {
                StoreWriter writer(files, identity, 0, true);
                for (std::size_t i = 0; i < rows.size(); ++i)
                    writer.append(1000 + std::int64_t(i), rows[i]);
                QCOMPARE(writer.rows(), std::uint64_t(100));
                writer.flush();
                writer.committed();
            }
            // The documented layout: header, then the rows back to back.
            const std::string bytes = readBytes(files.vectors);
            QCOMPARE(bytes.substr(0, 8), std::string("RSCIRVEC"));
            QCOMPARE(storeHeaderBytes(20), std::size_t(4096));
            QCOMPARE(bytes.size(), 4096 + 100 * 20 * elementSize(type));
            QCOMPARE(readBytes(files.ids).size(), std::size_t(4096 + 100 * 8));

            const double tolerance = type == ElementType::Float16 ? 2e-4 : 0.0;
            const auto mapped = mapStore(files, identity, 100, {});
            QCOMPARE(mapped->size(), std::size_t(100));
            QCOMPARE(mapped->elementType(), type);
            QVERIFY(mapped->mappedBytes() > 0);
            QCOMPARE(mapped->centre().empty(), type == ElementType::Float32);
            for (std::size_t i = 0; i < rows.size(); ++i) {
                QCOMPARE(mapped->itemId(i), 1000 + std::int64_t(i));
                const auto values = mapped->values(i);
                for (std::size_t c = 0; c < 20; ++c)
                    QVERIFY(std::fabs(values[c] - rows[i][c]) <= tolerance);
            }
            // Dead rows leave the archive: sizes, indices and similarities skip them.
            const auto live = mapStore(files, identity, 100, {0, 5, 6, 99});
            QCOMPARE(live->size(), std::size_t(96));
            QCOMPARE(live->itemId(0), std::int64_t(1001));
            QCOMPARE(live->itemId(4), std::int64_t(1007));
            QVERIFY(!live->indexOf(1005).has_value());
            QCOMPARE(live->indexOf(1007).value(), std::size_t(4));
            std::vector<float> image(96), text(96);
            live->similarities(rows[3].data(), rows[50].data(), image, text, 2);
            for (std::size_t i = 0; i < 96; ++i) {
                const auto& row = rows[std::size_t(live->itemId(i) - 1000)];
                double a = 0, b = 0;
                for (std::size_t c = 0; c < 20; ++c) {
                    a += double(row[c]) * rows[3][c];
                    b += double(row[c]) * rows[50][c];
                }
                QVERIFY(std::fabs(image[i] - a) <= 1e-5 + 20 * tolerance);
                QVERIFY(std::fabs(text[i] - b) <= 1e-5 + 20 * tolerance);
            }
        }
    }

    void damagedAndHostileHeadersAreErrorsNamingTheFile()
    {
        QTemporaryDir dir;
        const StoreFiles files = storeFiles(fs::path(dir.path().toStdString()) / "b.rscir", 7, 1);
        const StoreIdentity identity = identityOf(ElementType::Float16, 20);
        {
            StoreWriter writer(files, identity, 0, true);
            for (const auto& row : clipLikeRows(10, 20, 2))
                writer.append(1, row);
            writer.flush();
            writer.committed();
        }
        const std::string good = readBytes(files.vectors);
        struct Case {
            const char* what;
            std::function<void(std::string&)> damage;
            bool newer = false;
        };
        const auto field = [](std::size_t offset, std::uint32_t value, bool reseal) {
            return [=](std::string& b) {
                std::memcpy(b.data() + offset, &value, 4);
                if (reseal)
                    resealHeader(b, 4096);
            };
        };
        const std::vector<Case> cases{
            {"a flipped bit in the row count", [](std::string& b) { b[24] ^= 1; }},
            {"another magic", [](std::string& b) { b[0] = 'X'; }},
            {"a newer format", field(8, 2, true), true},
            {"a huge header size", field(12, 0x7fffffff, true)},
            {"another element type", field(16, 1, true)},
            {"a huge dimension", field(20, 0xffffffff, true)},
            {"another model", field(32, 8, true)},
            {"a centre that is not a number",
             [](std::string& b) {
                 const float nan = std::nanf("");
                 std::memcpy(b.data() + 512, &nan, 4);
                 resealHeader(b, 4096);
             }},
            {"a header cut short", [](std::string& b) { b.resize(100); }},
            {"an empty file", [](std::string& b) { b.clear(); }},
            {"rows cut short", [](std::string& b) { b.resize(4096 + 3 * 40 + 7); }},
        };
        for (const auto& c : cases) {
            std::string bytes = good;
            c.damage(bytes);
            writeBytes(files.vectors, bytes);
            bool threw = false;
            try {
                mapStore(files, identity, 10, {});
            } catch (const StoreDamaged& e) {
                threw = !c.newer && std::string(e.what()).find(files.vectors.string()) != std::string::npos;
            } catch (const Error& e) {
                threw = c.newer && std::string(e.what()).find("newer rscir") != std::string::npos &&
                        std::string(e.what()).find(files.vectors.string()) != std::string::npos;
            }
            QVERIFY2(threw, c.what);
        }
        // A store shorter than committed tells how many rows it can still give.
        std::string shortStore = good;
        shortStore.resize(4096 + 4 * 40);
        writeBytes(files.vectors, shortStore);
        try {
            mapStore(files, identity, 10, {});
            QFAIL("a short store was mapped");
        } catch (const StoreDamaged& e) {
            QCOMPARE(e.usableRows(), std::uint64_t(4));
        }
        writeBytes(files.vectors, good);
        QCOMPARE(mapStore(files, identity, 10, {})->size(), std::size_t(10));
        // Shortened by another program while mapped: a search says so instead of crashing.
        {
            const auto mapped = mapStore(files, identity, 10, {});
            fs::resize_file(files.vectors, 4096 + 2 * 40);
            std::vector<float> out(10);
            const auto query = clipLikeRows(1, 20, 5).front();
            QVERIFY_THROWS_EXCEPTION(Error, mapped->similarities(query.data(), nullptr, out, {}));
        }
        writeBytes(files.vectors, good);
        fs::remove(files.ids);
        QVERIFY_THROWS_EXCEPTION(StoreDamaged, mapStore(files, identity, 10, {}));
    }

    void longAndShortStoresThroughTheIndex()
    {
        QTemporaryDir dir;
        const fs::path root = dir.path().toStdString();
        for (int i = 0; i < 12; ++i)
            writeImage(root / "archive" / ("img_" + std::to_string(i) + ".jpg"), i);
        const fs::path index = root / "a.rscir";
        runIndex(index, root / "archive");
        const auto reference = contents(index);
        QCOMPARE(reference.size(), std::size_t(12));
        const StoreFiles files = storeFiles(index, 1, 1);
        const std::string vectors = readBytes(files.vectors), ids = readBytes(files.ids);
        QCOMPARE(vectors.size(), 4096 + 12 * 16 * 2u);

        // Longer than committed (an interrupted flush): readers ignore the rest, the next writer cuts it.
        writeBytes(files.vectors, vectors + std::string(3 * 32, '\x7f'));
        writeBytes(files.ids, ids + std::string(3 * 8, '\x01'));
        QCOMPARE(largestDifference(contents(index), reference), 0.0);
        QCOMPARE(runIndex(index, root / "archive").items, std::size_t(0));
        QCOMPARE(readBytes(files.vectors), vectors);
        QCOMPARE(readBytes(files.ids).size(), ids.size());

        // Shorter than committed: search says which file, indexing keeps what it can.
        writeBytes(files.vectors, vectors.substr(0, 4096 + 5 * 32));
        try {
            IndexStore::open(index, false, true)->embeddings(1);
            QFAIL("a short store was read");
        } catch (const Error& e) {
            QVERIFY(std::string(e.what()).find(files.vectors.string()) != std::string::npos);
            QVERIFY(std::string(e.what()).find("rscir index") != std::string::npos);
        }
        std::vector<std::string> log;
        const auto repaired = runIndex(index, root / "archive", &log);
        QCOMPARE(repaired.items, std::size_t(7));
        QVERIFY(std::any_of(log.begin(), log.end(), [](const std::string& l) { return l.find("kept 5 rows") != std::string::npos; }));
        QCOMPARE(largestDifference(contents(index), reference), 0.0);

        // A damaged header: every row is encoded again.
        std::string bad = readBytes(files.vectors);
        bad[30] ^= 4;
        writeBytes(files.vectors, bad);
        log.clear();
        QCOMPARE(runIndex(index, root / "archive", &log).items, std::size_t(12));
        QVERIFY(largestDifference(contents(index), reference) < 1e-3);
    }

    void deletionsLeaveDeadRowsUntilCompaction()
    {
        QTemporaryDir dir;
        const fs::path root = dir.path().toStdString();
        for (int i = 0; i < 12; ++i)
            writeImage(root / "archive" / ("img_" + std::to_string(i) + ".jpg"), i);
        const fs::path index = root / "d.rscir";
        runIndex(index, root / "archive");
        const StoreFiles files = storeFiles(index, 1, 1);
        const std::string before = readBytes(files.vectors);

        for (int i : {2, 5, 9})
            fs::remove(root / "archive" / ("img_" + std::to_string(i) + ".jpg"));
        writeImage(root / "archive" / "img_0.jpg", 40); // changed
        const auto report = runIndex(index, root / "archive");
        QCOMPARE(report.removed, std::size_t(3));
        QCOMPARE(report.changed, std::size_t(1));
        QVERIFY(!report.compacted); // far below the automatic threshold
        {
            auto store = IndexStore::open(index, false, true);
            const auto record = store->storeOf(1).value();
            QCOMPARE(record.rows, std::uint64_t(13));
            QCOMPARE(record.dead, std::uint64_t(4));
            QCOMPARE(store->embeddingCount(1), std::int64_t(9));
            QCOMPARE(store->itemCount(), std::int64_t(9));
            // The rows of the other files were not rewritten: the run appended one row.
            const std::string after = readBytes(files.vectors);
            QCOMPARE(after.size(), before.size() + 32);
            QCOMPARE(after.substr(4096, 12 * 32), before.substr(4096, 12 * 32));
            // Search sees the live items only.
            const auto embeddings = store->embeddings(1);
            QCOMPARE(embeddings->size(), std::size_t(9));
            const Embedding query(embeddings->values(3));
            const QuerySession session(*embeddings, &query, nullptr);
            for (const auto& hit : session.rerank(Method::Image, 0, 20))
                QVERIFY(store->item(embeddings->itemId(hit.index)).has_value());
            // A block of live rows across the dead ones reads as the rows one by one.
            const std::size_t dim = embeddings->dim();
            std::vector<float> block(7 * dim);
            embeddings->copyValues(1, 7, block);
            for (std::size_t r = 0; r < 7; ++r) {
                const auto one = embeddings->values(1 + r);
                QVERIFY(std::equal(one.begin(), one.end(), block.begin() + static_cast<std::ptrdiff_t>(r * dim)));
            }
            QVERIFY_THROWS_EXCEPTION(Error, embeddings->copyValues(3, 7, block));
        }
        // The same content as a fresh index of the folder (fp16 against another centre).
        runIndex(root / "fresh.rscir", root / "archive");
        const auto live = contents(index);
        QVERIFY(largestDifference(live, contents(root / "fresh.rscir")) < 1e-3);

        // Compaction: the next generation without dead rows, the same values, the old files gone.
        auto store = IndexStore::open(index, false, false);
        const auto lines = store->compact();
        QCOMPARE(lines.size(), std::size_t(1));
        const auto record = store->storeOf(1).value();
        QCOMPARE(record.generation, std::int64_t(2));
        QCOMPARE(record.rows, std::uint64_t(9));
        QCOMPARE(record.dead, std::uint64_t(0));
        QVERIFY(!fs::exists(files.vectors) && !fs::exists(files.ids));
        QVERIFY(fs::exists(storeFiles(index, 1, 2).vectors));
        QCOMPARE(largestDifference(contents(index), live), 0.0);
        // And into fp32: the same values, now as float32.
        store->compact(ElementType::Float32);
        QCOMPARE(store->storeOf(1)->storage, ElementType::Float32);
        QVERIFY(largestDifference(contents(index), live) < 1e-6);
        // A later run appends to the compacted store as usual.
        writeImage(root / "archive" / "img_new.jpg", 77);
        store.reset();
        QCOMPARE(runIndex(index, root / "archive").items, std::size_t(1));
        QCOMPARE(contents(index).size(), std::size_t(10));
    }

    void largeRastersAreCommittedInParts()
    {
        // A raster of 100 tiles committed 16 items at a time: the same content as in one
        // piece; cancelled in the middle, it is "partial" and the next run indexes it anew.
        QTemporaryDir dir;
        const fs::path root = dir.path().toStdString();
        {
            ImageU8 image{320, 320, 3, {}};
            image.pixels.resize(320u * 320u * 3u);
            for (std::size_t i = 0; i < image.pixels.size(); ++i)
                image.pixels[i] = static_cast<std::uint8_t>((i * 31 + i / 960 * 7) % 256);
            const auto jpeg = encodeJpeg(image, 95);
            fs::create_directories(root / "archive");
            std::ofstream(root / "archive" / "big.jpg", std::ios::binary)
                .write(reinterpret_cast<const char*>(jpeg.data()), std::streamsize(jpeg.size()));
        }
        writeImage(root / "archive" / "small.jpg", 3);
        const auto run = [&](const fs::path& index, std::size_t parts, Progress* progress,
                             std::vector<std::string>* log) {
            auto store = IndexStore::open(index, true);
            FakeEncoder encoder;
            IndexOptions options;
            options.jobs = 1;
            options.batchSize = 8;
            options.settings.tile = 32;
            options.partialCommitItems = parts;
            options.storage = ElementType::Float32; // exact: no fp16 centre that depends on the first part
            return indexArchive(*store, root / "archive", encoder, options, progress, [log](const std::string& l) {
                if (log)
                    log->push_back(l);
            });
        };
        run(root / "whole.rscir", 100000, nullptr, nullptr);
        const auto reference = contents(root / "whole.rscir");
        std::vector<std::string> log;
        run(root / "parts.rscir", 16, nullptr, &log);
        QCOMPARE(largestDifference(contents(root / "parts.rscir"), reference), 0.0);
        // Before anything is read: one line with the run's tile count (10 x 10 + 2 x 2), naming
        // the raster that makes the most.
        QVERIFY(!log.empty());
        QCOMPARE(QString::fromStdString(log.front()),
                 QStringLiteral("2 files to index: 104 items, windows of at most 32 pixels (the most from big.jpg: 100)"));
        // Cancelled once a part is committed: the raster is partial, then indexed anew.
        int batches = 0;
        Progress progress([&](std::int64_t, std::int64_t, const std::string& stage) {
            if (stage.rfind("indexing,", 0) == 0 && ++batches == 4)
                progress.cancel();
        });
        QVERIFY_THROWS_EXCEPTION(Cancelled, run(root / "cancelled.rscir", 16, &progress, nullptr));
        {
            auto store = IndexStore::open(root / "cancelled.rscir", false, true);
            bool partial = false;
            for (const auto& source : store->sources())
                partial = partial || source.status == "partial";
            QVERIFY(partial);
            QVERIFY(store->itemCount() > 0);
        }
        run(root / "cancelled.rscir", 16, nullptr, nullptr);
        QCOMPARE(largestDifference(contents(root / "cancelled.rscir"), reference), 0.0);
        for (const auto& source : IndexStore::open(root / "cancelled.rscir", false, true)->sources())
            QCOMPARE(source.status, std::string("done"));
    }

    void aFileThatDisappearsIsSaidToHave()
    {
        // Listed by the scan, deleted before it is read: recorded as "disappeared" (not an
        // unknown GDAL error), and the other files are indexed.
        QTemporaryDir dir;
        const fs::path root = dir.path().toStdString();
        for (int i = 0; i < 4; ++i)
            writeImage(root / "archive" / ("f" + std::to_string(i) + ".jpg"), i);
        auto store = IndexStore::open(root / "gone.rscir", true);
        FakeEncoder encoder;
        IndexOptions options;
        options.jobs = 1;
        std::vector<std::string> log;
        const auto report = indexArchive(*store, root / "archive", encoder, options, nullptr, [&](const std::string& l) {
            if (log.empty())
                fs::remove(root / "archive" / "f2.jpg"); // the plan line comes after the scan
            log.push_back(l);
        });
        QCOMPARE(report.failed, std::size_t(1));
        QCOMPARE(store->itemCount(), std::int64_t(3));
        const bool said = std::any_of(log.begin(), log.end(), [](const std::string& l) {
            return l.rfind("f2.jpg: ", 0) == 0 && l.find("disappeared") != std::string::npos;
        });
        QVERIFY2(said, log.back().c_str());
    }

    void aBatchThatFailsLeavesNoRows()
    {
        QTemporaryDir dir;
        const fs::path index = fs::path(dir.path().toStdString()) / "f.rscir";
        auto store = IndexStore::open(index, true);
        const auto model = store->ensureModel({0, "m", "a", "gelu", "f", 4});
        const auto write = [&](const std::string& path, bool commit) {
            IndexStore::Batch batch(*store);
            SourceRecord source;
            source.path = path;
            NewItem item;
            item.window = {0, 0, 8, 8};
            item.embedding = {0.5f, 0.5f, 0.5f, 0.5f};
            batch.writeSource(source, {item, item}, model);
            if (commit)
                batch.commit();
        };
        write("one.png", true);
        write("lost.png", false);
        write("two.png", true);
        QCOMPARE(store->storeOf(model)->rows, std::uint64_t(4));
        const auto embeddings = store->embeddings(model);
        QCOMPARE(embeddings->size(), std::size_t(4));
        std::set<std::string> paths;
        for (std::size_t i = 0; i < embeddings->size(); ++i)
            paths.insert(store->item(embeddings->itemId(i))->path);
        QCOMPARE(paths, (std::set<std::string>{"one.png", "two.png"}));
        QCOMPARE(fs::file_size(storeFiles(index, model, 1).vectors), std::uintmax_t(4096 + 4 * 8));
    }

    void precisionsAreNotMixed()
    {
        QTemporaryDir dir;
        const fs::path root = dir.path().toStdString();
        for (int i = 0; i < 3; ++i)
            writeImage(root / "archive" / ("img_" + std::to_string(i) + ".jpg"), i);
        const fs::path index = root / "p.rscir";
        runIndex(index, root / "archive", nullptr, ElementType::Float32, "bf16");
        QCOMPARE(IndexStore::open(index, false, true)->storeOf(1)->precision, std::string("bf16"));
        writeImage(root / "archive" / "img_3.jpg", 3);
        try {
            runIndex(index, root / "archive");
            QFAIL("fp32 rows were added to bf16 rows");
        } catch (const Error& e) {
            QVERIFY(std::string(e.what()).find("computed in bf16") != std::string::npos);
        }
        QVERIFY_THROWS_EXCEPTION(Error, runIndex(index, root / "archive", nullptr, ElementType::Float16, "bf16"));
        QCOMPARE(runIndex(index, root / "archive", nullptr, std::nullopt, "bf16").items, std::size_t(1));
    }

    void acquisitionTimesAreReadAndCompare()
    {
        QCOMPARE(normaliseAcquisitionTime("2020-12-11T22:38:32.125Z"), std::string("2020-12-11T22:38:32Z"));
        QCOMPARE(normaliseAcquisitionTime("2020:12:11 22:38:32"), std::string("2020-12-11T22:38:32Z"));
        QCOMPARE(normaliseAcquisitionTime("2020-12-11"), std::string("2020-12-11T00:00:00Z"));
        QCOMPARE(normaliseAcquisitionTime("2020-12-12T00:38:32+02:00"), std::string("2020-12-11T22:38:32Z"));
        QCOMPARE(normaliseAcquisitionTime(" 2020-12-11T22:38 "), std::string("2020-12-11T22:38:00Z"));
        for (const char* bad : {"", "yesterday", "2020-02-30", "2020-13-01", "2020-12-11T25:00:00Z", "2020-12-11X",
                                "2020-12-11T22:38:32+99:00", "12/11/2020"})
            QVERIFY2(normaliseAcquisitionTime(bad).empty(), bad);
        QCOMPARE(inclusiveUpperBound("2020-12-11"), std::string("2020-12-11T23:59:59Z"));
        QCOMPARE(acquisitionTimeFromName("S2A_MSIL2A_20200612T103031_N0214.tif", "%Y%m%dT%H%M%S"),
                 std::string("2020-06-12T10:30:31Z"));
        QCOMPARE(acquisitionTimeFromName("scene_2019-07-04.tif", "%Y-%m-%d"), std::string("2019-07-04T00:00:00Z"));
        QVERIFY(acquisitionTimeFromName("scene_2019-13-04.tif", "%Y-%m-%d").empty()); // no such month
        QVERIFY(acquisitionTimeFromName("no date here.tif", "%Y%m%d").empty());
        QVERIFY(!datePatternProblem("%Y%m").empty());
        QVERIFY(!datePatternProblem("%Y%m%d%q").empty());
        QVERIFY_THROWS_EXCEPTION(Error, acquisitionTimeFromName("x", "%Y"));
    }

    void anIndexOfFormatTwoOpensAndSearchesAfterTheMigration()
    {
        QTemporaryDir dir;
        const fs::path root = dir.path().toStdString();
        for (int i = 0; i < 5; ++i)
            writeImage(root / "archive" / ("S2A_2020061" + std::to_string(i) + ".jpg"), i);
        const fs::path index = root / "a.rscir";
        runIndex(index, root / "archive");
        const auto before = contents(index);
        // Today's index as format 2 wrote it: no table of acquisitions, version 2.
        {
            sqlite3* db = nullptr;
            QCOMPARE(sqlite3_open(index.c_str(), &db), SQLITE_OK);
            QCOMPARE(sqlite3_exec(db, "DROP TABLE source_meta; UPDATE meta SET value = '2' WHERE key = 'schema_version'",
                                  nullptr, nullptr, nullptr),
                     SQLITE_OK);
            sqlite3_close(db);
        }
        {
            auto store = IndexStore::open(index, false, true); // read as it is
            QCOMPARE(store->schemaVersion(), 2);
            QCOMPARE(store->sources().size(), std::size_t(5));
            QVERIFY(store->sources().front().meta.empty());
            QCOMPARE(store->acquisitionSpan().dated, std::int64_t(0));
        }
        QCOMPARE(contents(index), before);
        {
            // Opened for writing: format 3, the same rows; a date pattern dates the files already there.
            auto store = IndexStore::open(index, false, false);
            QCOMPARE(store->schemaVersion(), 3);
            QCOMPARE(store->dateSourcesByName("%Y%m%d"), std::size_t(5));
            const auto span = store->acquisitionSpan();
            QCOMPARE(span.first, std::string("2020-06-10T00:00:00Z"));
            QCOMPARE(span.last, std::string("2020-06-14T00:00:00Z"));
            QCOMPARE(span.dated, std::int64_t(5));
            QCOMPARE(store->source(store->sources().front().id)->meta.acquired.substr(0, 10), std::string("2020-06-10"));
        }
        QCOMPARE(contents(index), before);
        // Indexing again keeps the dates of unchanged files; a new file is dated by the index's pattern.
        {
            auto store = IndexStore::open(index, false, false);
            store->setDatePattern("%Y%m%d");
        }
        writeImage(root / "archive" / "S2A_20210101.jpg", 9);
        runIndex(index, root / "archive");
        const auto span = IndexStore::open(index, false, true)->acquisitionSpan();
        QCOMPARE(span.dated, std::int64_t(6));
        QCOMPARE(span.last, std::string("2021-01-01T00:00:00Z"));
    }

    void labelsSurviveARestartAndAKill()
    {
        QTemporaryDir dir;
        const fs::path root = dir.path().toStdString();
        for (int i = 0; i < 4; ++i)
            writeImage(root / "archive" / ("img" + std::to_string(i) + ".jpg"), i);
        const fs::path index = root / "a.rscir";
        runIndex(index, root / "archive");
        const auto items = IndexStore::open(index, false, true)->items();
        QCOMPARE(items.size(), std::size_t(4));
        const auto labelOf = [&](const ItemRecord& item, const std::string& name, bool positive) {
            Label l;
            l.name = name;
            l.positive = positive;
            l.sourcePath = item.path;
            l.window = item.window;
            l.itemId = item.id;
            l.score = 0.75;
            l.query = R"({"lambda":0.5})";
            return l;
        };
        {
            // Labelled while an indexing run holds the index for writing: labels do not wait for it.
            auto writer = IndexStore::open(index, false, false);
            auto labels = LabelStore::inIndex(index);
            QVERIFY(!labels->isSideFile());
            labels->set(labelOf(items[0], "pool", true));
            labels->set(labelOf(items[1], "pool", false));
            labels->set(labelOf(items[1], "Θάλασσα", true));
            // The same place and name: replaced.
            labels->set(labelOf(items[1], "pool", true));
            QCOMPARE(labels->labels().size(), std::size_t(3));
            QVERIFY_THROWS_EXCEPTION(Error, labels->set(labelOf(items[0], "", true)));
            QVERIFY_THROWS_EXCEPTION(Error, labels->set(labelOf(items[0], "a\nb", true)));
            QVERIFY_THROWS_EXCEPTION(Error, labels->set(labelOf(items[0], std::string(65, 'x'), true)));
            QVERIFY(labelNameProblem(std::string(64, 'x')).empty());
        }
        // After a restart: all there, with what they were given under; the index is unchanged.
        {
            const auto labels = LabelStore::read(index);
            QCOMPARE(labels.size(), std::size_t(3));
            QCOMPARE(labels[0].name, std::string("pool"));
            QCOMPARE(labels[0].sourcePath, items[0].path);
            QCOMPARE(labels[0].score.value_or(0), 0.75);
            QCOMPARE(labels[0].query, std::string(R"({"lambda":0.5})"));
            QVERIFY(labels[2].positive);
            auto store = IndexStore::open(index, false, true);
            QCOMPARE(store->schemaVersion(), IndexStore::kSchemaVersion);
            QCOMPARE(store->embeddings(store->models().front().id)->size(), std::size_t(4));
            QVERIFY(LabelStore::inIndex(index)->remove(labels[2].id));
            QCOMPARE(LabelStore::read(index).size(), std::size_t(2));
        }
        // kill -9 while labelling: every label the child reported written is there.
        int pipe[2];
        QCOMPARE(::pipe(pipe), 0);
        const pid_t child = ::fork();
        if (child == 0) {
            ::close(pipe[0]);
            try {
                auto labels = LabelStore::inIndex(index);
                for (int i = 0;; ++i) {
                    labels->set(labelOf(items[std::size_t(i % 4)], "n" + std::to_string(i), i % 2 == 0));
                    if (::write(pipe[1], &i, sizeof i) != sizeof i)
                        ::_exit(2);
                }
            } catch (...) {
                ::_exit(1);
            }
        }
        ::close(pipe[1]);
        int last = -1, got = 0;
        while (last < 40 && ::read(pipe[0], &got, sizeof got) == sizeof got)
            last = got;
        ::kill(child, SIGKILL);
        int status = 0;
        ::waitpid(child, &status, 0);
        ::close(pipe[0]);
        QVERIFY2(last >= 40, "the child stopped labelling early");
        QVERIFY(WIFSIGNALED(status));
        std::set<std::string> names;
        for (const Label& l : LabelStore::read(index))
            names.insert(l.name);
        for (int i = 0; i <= last; ++i)
            QVERIFY2(names.count("n" + std::to_string(i)), ("lost n" + std::to_string(i)).c_str());
        // The index opens for writing afterwards (no lock or log left in the way).
        QVERIFY(IndexStore::open(index, false, false)->itemCount() == 4);
    }

    void labelsInASideFile()
    {
        QTemporaryDir dir;
        const fs::path root = dir.path().toStdString();
        writeImage(root / "archive" / "img.jpg", 1);
        const fs::path index = root / "a.rscir", other = root / "b.rscir";
        runIndex(index, root / "archive");
        fs::copy_file(index, other);
        const fs::path side = LabelStore::sideFileFor(index, root / "labels");
        QVERIFY(side.filename().string().rfind("a-", 0) == 0);
        QCOMPARE(side.extension().string(), std::string(".rscir-labels"));
        fs::create_directories(side.parent_path());
        const auto item = IndexStore::open(index, false, true)->items().front();
        {
            auto labels = LabelStore::inSideFile(side, index);
            QVERIFY(labels->isSideFile());
            Label l;
            l.name = "pool";
            l.sourcePath = item.path;
            l.window = item.window;
            labels->set(l);
        }
        QCOMPARE(LabelStore::read(side).size(), std::size_t(1));
        // The index itself has no labels, and the side file belongs to it alone.
        QCOMPARE(LabelStore::read(index).size(), std::size_t(0));
        QVERIFY_THROWS_EXCEPTION(Error, LabelStore::inSideFile(side, other));
        QVERIFY_THROWS_EXCEPTION(Error, LabelStore::read(side, other));
        QCOMPARE(LabelStore::read(side, index).size(), std::size_t(1));
        // Names that would show as another (direction marks, C1 controls) are refused.
        QVERIFY(!labelNameProblem("pool\u202elooc").empty());
        QVERIFY(!labelNameProblem("a\u0085b").empty());
        QVERIFY(labelNameProblem("πισίνα").empty());
        // Another program's file is not taken for a side file, and is left as it is.
        const fs::path foreign = root / "notes.sqlite";
        writeBytes(foreign, "SQLite format 3" + std::string(1, '\0') + std::string(200, 'x'));
        const std::string before = readBytes(foreign);
        QVERIFY_THROWS_EXCEPTION(Error, LabelStore::inSideFile(foreign, index));
        QVERIFY_THROWS_EXCEPTION(Error, LabelStore::read(foreign));
        QCOMPARE(readBytes(foreign), before);
        // Nor is a side file written through a link.
        const fs::path link = root / "link.rscir-labels";
        fs::create_symlink(side, link);
        QVERIFY_THROWS_EXCEPTION(Error, LabelStore::inSideFile(link, index));
        // A damaged row is skipped, not trusted.
        {
            sqlite3* db = nullptr;
            QCOMPARE(sqlite3_open(side.c_str(), &db), SQLITE_OK);
            QCOMPARE(sqlite3_exec(db,
                                  "INSERT INTO labels(name, positive, source_path, x, y, w, h, created) "
                                  "VALUES('bad', 1, 'img.jpg', 0, 0, -5, 10, 'now')",
                                  nullptr, nullptr, nullptr),
                     SQLITE_OK);
            sqlite3_close(db);
        }
        QCOMPARE(LabelStore::read(side).size(), std::size_t(1));
    }

    void migratesAnIndexOfFormatOne()
    {
        QTemporaryDir dir;
        const fs::path fixture = fs::path(RSCIR_TEST_DATA_DIR) / "index-v1.rscir";
        const fs::path index = fs::path(dir.path().toStdString()) / "old.rscir";
        const fs::path readOnlyCopy = fs::path(dir.path().toStdString()) / "old-read.rscir";
        fs::copy_file(fixture, index);
        fs::copy_file(fixture, readOnlyCopy);
        // The rows as format 1 keeps them: float32 blobs.
        std::map<std::int64_t, std::vector<float>> blobs;
        {
            sqlite3* db = nullptr;
            QCOMPARE(sqlite3_open_v2(index.c_str(), &db, SQLITE_OPEN_READONLY, nullptr), SQLITE_OK);
            sqlite3_stmt* s = nullptr;
            QCOMPARE(sqlite3_prepare_v2(db, "SELECT item_id, vector FROM embeddings", -1, &s, nullptr), SQLITE_OK);
            while (sqlite3_step(s) == SQLITE_ROW) {
                std::vector<float> v(std::size_t(sqlite3_column_bytes(s, 1)) / 4);
                std::memcpy(v.data(), sqlite3_column_blob(s, 1), v.size() * 4);
                blobs[sqlite3_column_int64(s, 0)] = v;
            }
            sqlite3_finalize(s);
            sqlite3_close(db);
        }
        QCOMPARE(blobs.size(), std::size_t(6));
        const auto sameAsBlobs = [&](const ArchiveEmbeddings& e) {
            if (e.size() != blobs.size())
                return false;
            for (std::size_t i = 0; i < e.size(); ++i)
                if (e.values(i) != blobs.at(e.itemId(i)))
                    return false;
            return true;
        };
        // Read-only (the desktop application): read as it is.
        {
            auto store = IndexStore::open(readOnlyCopy, false, true);
            QCOMPARE(store->schemaVersion(), 1);
            QCOMPARE(store->itemCount(), std::int64_t(6));
            QVERIFY(sameAsBlobs(*store->embeddings(store->models().front().id)));
        }
        // Opened for writing: converted, with a message, rows unchanged (fp32).
        std::vector<std::string> log;
        {
            auto store = IndexStore::open(index, false, false, [&](const std::string& l) { log.push_back(l); });
            QCOMPARE(store->schemaVersion(), IndexStore::kSchemaVersion);
            QCOMPARE(log.size(), std::size_t(1));
            QVERIFY(log.front().find("format 2") != std::string::npos);
            const auto model = store->models().front();
            const auto record = store->storeOf(model.id).value();
            QCOMPARE(record.storage, ElementType::Float32);
            QCOMPARE(record.precision, std::string("unrecorded"));
            QCOMPARE(store->itemCount(), std::int64_t(6));
            QVERIFY(sameAsBlobs(*store->embeddings(model.id)));
            // Rows of unrecorded precision take the next run's, with a message.
            log.clear();
            ModelRecord bf16 = model;
            bf16.precision = "bf16";
            store->prepareStore(model.id, bf16, std::nullopt, [&](const std::string& l) { log.push_back(l); });
            QCOMPARE(log.size(), std::size_t(1));
            QCOMPARE(store->storeOf(model.id)->precision, std::string("bf16"));
        }
        QVERIFY(IndexStore::open(index, false, true)->embeddings(1)->size() == 6);
        // A format newer than this program: a clear error.
        {
            sqlite3* db = nullptr;
            QCOMPARE(sqlite3_open(index.c_str(), &db), SQLITE_OK);
            QCOMPARE(sqlite3_exec(db, "UPDATE meta SET value = '99' WHERE key = 'schema_version'", nullptr, nullptr, nullptr),
                     SQLITE_OK);
            sqlite3_close(db);
        }
        try {
            IndexStore::open(index, false, true);
            QFAIL("an index of a newer format was opened");
        } catch (const Error& e) {
            QVERIFY(std::string(e.what()).find("newer") != std::string::npos);
        }
    }

    void fp16AgreesWithFp32()
    {
        QTemporaryDir dir;
        const std::size_t n = 4000, d = 64;
        const auto rows = clipLikeRows(n, d, 3);
        std::map<ElementType, std::shared_ptr<const ArchiveEmbeddings>> stores;
        for (const ElementType type : {ElementType::Float32, ElementType::Float16}) {
            const StoreFiles files = storeFiles(fs::path(dir.path().toStdString()) / "g.rscir", 7, int(type));
            StoreIdentity identity = identityOf(type, d);
            identity.generation = int(type);
            StoreWriter writer(files, identity, 0, true);
            for (std::size_t i = 0; i < n; ++i)
                writer.append(std::int64_t(i + 1), rows[i]);
            writer.flush();
            writer.committed();
            stores[type] = mapStore(files, identity, n, {});
        }
        const auto texts = clipLikeRows(20, d, 4);
        double overlap = 0, worst = 0;
        for (std::size_t q = 0; q < texts.size(); ++q) {
            const Embedding image(rows[q * 97]);
            const Embedding text(texts[q]);
            const QuerySession a(*stores[ElementType::Float32], &image, &text);
            const QuerySession b(*stores[ElementType::Float16], &image, &text);
            for (std::size_t i = 0; i < n; ++i)
                worst = std::max(worst, double(std::fabs(a.image()->raw[i] - b.image()->raw[i])));
            std::set<std::size_t> top;
            for (const auto& hit : a.rerank(Method::WeiCom, 0.5, 20))
                top.insert(hit.index);
            for (const auto& hit : b.rerank(Method::WeiCom, 0.5, 20))
                overlap += top.count(hit.index);
        }
        overlap /= 20.0 * double(texts.size());
        qInfo("fp16 vs fp32: largest similarity difference %.2g, top-20 overlap %.3f", worst, overlap);
        QVERIFY(worst < 1e-4);
        QVERIFY(overlap >= 0.95);
    }

    void aPassOnSeveralThreadsSkipsDeadRowsExactly()
    {
        // Large enough (n * d >= 2^22) for the pass to split over threads, with dead rows
        // at the start, inside and at the end of the threads' shares.
        QTemporaryDir dir;
        const std::size_t n = 70000, d = 64;
        const auto rows = clipLikeRows(n, d, 6);
        const StoreFiles files = storeFiles(fs::path(dir.path().toStdString()) / "t.rscir", 7, 1);
        const StoreIdentity identity = identityOf(ElementType::Float32, d);
        {
            StoreWriter writer(files, identity, 0, true);
            for (std::size_t i = 0; i < n; ++i)
                writer.append(std::int64_t(i), rows[i]);
            writer.flush();
            writer.committed();
        }
        std::vector<std::uint64_t> dead{0, 1, 2, 17, 34999, 35000, 35001, 52000, 69999};
        const auto store = mapStore(files, identity, n, dead);
        QCOMPARE(store->size(), n - dead.size());
        const auto& q1 = rows[123];
        const auto& q2 = rows[4567];
        for (const unsigned threads : {1u, 2u, 3u, 8u}) {
            std::vector<float> a(store->size()), b(store->size());
            store->similarities(q1.data(), q2.data(), a, b, threads);
            for (std::size_t i = 0; i < store->size(); i += 7) {
                const auto& row = rows[std::size_t(store->itemId(i))];
                double x = 0, y = 0;
                for (std::size_t c = 0; c < d; ++c) {
                    x += double(row[c]) * q1[c];
                    y += double(row[c]) * q2[c];
                }
                QVERIFY(std::fabs(a[i] - x) < 1e-5 && std::fabs(b[i] - y) < 1e-5);
            }
            QVERIFY(std::none_of(dead.begin(), dead.end(), [&](std::uint64_t r) {
                return store->indexOf(std::int64_t(r)).has_value();
            }));
        }
    }

    void oneWriterAtATimeAndSaneRecords()
    {
        QTemporaryDir dir;
        const fs::path root = dir.path().toStdString();
        writeImage(root / "archive" / "a.jpg", 1);
        const fs::path index = root / "w.rscir";
        runIndex(index, root / "archive");
        {
            auto writer = IndexStore::open(index, false, false);
            try {
                IndexStore::open(index, false, false);
                QFAIL("two writers opened one index");
            } catch (const Error& e) {
                QVERIFY(std::string(e.what()).find("another rscir") != std::string::npos);
            }
            QCOMPARE(IndexStore::open(index, false, true)->embeddingCount(1), std::int64_t(1)); // readers may
        }
        // Files of another generation (an interrupted compaction) go when the index is written again.
        const auto stale = storeFiles(index, 1, 5);
        writeBytes(stale.vectors, "left over");
        writeBytes(root / "w.rscir.1-5.notes", "someone else's");
        runIndex(index, root / "archive");
        QVERIFY(!fs::exists(stale.vectors));
        QVERIFY(fs::exists(root / "w.rscir.1-5.notes"));
        // Records from a stranger: a negative dead row is ignored, a model without dimensions refused.
        const auto exec = [&](const char* sql) {
            sqlite3* db = nullptr;
            QCOMPARE(sqlite3_open(index.c_str(), &db), SQLITE_OK);
            QCOMPARE(sqlite3_exec(db, sql, nullptr, nullptr, nullptr), SQLITE_OK);
            sqlite3_close(db);
        };
        exec("INSERT INTO dead_rows(model_id, row) VALUES(1, -5)");
        QCOMPARE(IndexStore::open(index, false, true)->embeddings(1)->size(), std::size_t(1));
        exec("UPDATE models SET dim = 0");
        QVERIFY_THROWS_EXCEPTION(Error, IndexStore::open(index, false, true)->embeddings(1));
    }
};

QTEST_GUILESS_MAIN(TestStore)
#include "test_store.moc"
