// Indexing an archive in shards and merging them: the split (deterministic, disjoint,
// complete, balanced), the shard runs, and a merge that equals one run over the whole
// archive; merges of shards that do not belong together are refused and leave nothing.

#include "core/base/error.h"
#include "core/base/progress.h"
#include "core/index/index_store.h"
#include "core/index/merge.h"
#include "core/index/shards.h"
#include "core/search/archive_embeddings.h"
#include "tests/rscir_process.h"
#include "tests/test_archive.h"
#include "tests/tiny_model.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <set>

using namespace rscir;
using namespace rscir::test;
namespace fs = std::filesystem;

namespace {

/// What an index holds, keyed by path and window: footprint, thumbnail, embedding.
struct ItemContent {
    std::string footprint;
    std::vector<std::uint8_t> thumbnail;
    std::vector<float> embedding;
};
using Content = std::map<std::string, ItemContent>;

Content fullContents(const QString& index)
{
    auto store = IndexStore::open(index.toStdString(), false, true);
    Content out;
    const auto models = store->models();
    if (models.empty())
        return out;
    const auto embeddings = store->embeddings(models.front().id);
    std::map<std::int64_t, std::size_t> rowOf;
    for (std::size_t r = 0; r < embeddings->size(); ++r)
        rowOf[embeddings->itemId(r)] = r;
    for (const auto& item : store->items()) {
        const std::string key = item.path + "@" + std::to_string(item.window.x) + "," + std::to_string(item.window.y) +
                                "," + std::to_string(item.window.width) + "," + std::to_string(item.window.height);
        ItemContent content;
        if (item.footprint)
            for (const auto& p : *item.footprint)
                content.footprint += std::to_string(p[0]) + " " + std::to_string(p[1]) + ";";
        content.thumbnail = store->thumbnail(item.id);
        if (rowOf.count(item.id))
            content.embedding = embeddings->values(rowOf.at(item.id));
        out[key] = std::move(content);
    }
    return out;
}

std::map<std::string, std::string> failures(const QString& index)
{
    std::map<std::string, std::string> out;
    for (const auto& source : IndexStore::open(index.toStdString(), false, true)->sources())
        if (source.status != "done")
            out[source.path] = source.status + ": " + source.error;
    return out;
}

/// Files in `folder` whose names start with `prefix` (the merge's hidden output included).
QStringList filesStartingWith(const QString& folder, const QString& prefix)
{
    QStringList out;
    for (const auto& name : QDir(folder).entryList(QDir::Files | QDir::Hidden))
        if (name.startsWith(prefix) || name.startsWith("." + prefix))
            out << name;
    return out;
}

} // namespace

class TestShards : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    QString m_model, m_otherModel, m_archive;

    QStringList modelArgs(const QString& model = {}) const
    {
        return {"--model", model.isEmpty() ? m_model : model, "--activation", "gelu", "--device", "cpu"};
    }
    RscirRun index(const QString& file, const QStringList& extra, const QString& model = {}) const
    {
        return runRscir(QStringList{"index"} + modelArgs(model) + QStringList{"--archive", m_archive, "--index", file} +
                        extra);
    }
    QString path(const QString& name) const { return m_dir.filePath(name); }

private slots:
    void initTestCase()
    {
        m_model = path("tiny.safetensors");
        writeTinyModel(m_model);
        m_otherModel = path("other.safetensors");
        writeTinyModel(m_otherModel, 2);
        m_archive = path("archive");
        writeArchive(m_archive, true);
        // Files of many sizes, so that the balance has something to do.
        QDir().mkpath(m_archive + "/sizes");
        for (int i = 1; i <= 12; ++i)
            writeRaster((m_archive + QString("/sizes/s%1.png").arg(i, 2, 10, QChar('0'))).toStdString(), "PNG", 20 * i,
                        15 * i + 3, 3, GDT_Byte, pattern);
    }

    void shardsAreWrittenIOverN()
    {
        QCOMPARE(parseShard("2/3"), (ShardSpec{2, 3}));
        QCOMPARE(parseShard("1/1"), (ShardSpec{1, 1}));
        QCOMPARE(parseShard("3/3").text(), std::string("3/3"));
        for (const char* bad : {"0/3", "4/3", "3", "a/b", "1/0", "2/3x", "/3", "-1/3", ""})
            QVERIFY_THROWS_EXCEPTION(Error, parseShard(bad));
    }

    void theSplitIsDeterministicDisjointCompleteAndBalanced()
    {
        const fs::path root = m_archive.toStdString();
        const auto files = listArchive(root);
        QVERIFY(files.size() > 15);
        QVERIFY(std::is_sorted(files.begin(), files.end()));
        ArchiveSettings settings;
        for (const int count : {1, 2, 3, 5}) {
            const ShardPlan plan = planShards(root, files, settings, count, 2);
            const ShardPlan again = planShards(root, files, settings, count, 1);
            QCOMPARE(plan.parts.size(), std::size_t(count));
            QCOMPARE(plan.fingerprint, again.fingerprint);
            std::vector<std::string> all;
            std::int64_t largest = 0, smallest = plan.pixels, pixels = 0, biggestFile = 0;
            for (std::size_t p = 0; p < plan.parts.size(); ++p) {
                QCOMPARE(plan.parts[p].files, again.parts[p].files);
                QVERIFY(std::is_sorted(plan.parts[p].files.begin(), plan.parts[p].files.end()));
                std::int64_t sum = 0;
                for (const auto& file : plan.parts[p].files) {
                    const auto size = imageSizeOf(root / file);
                    const std::int64_t filePixels = size ? size->first * size->second : 0;
                    sum += filePixels;
                    biggestFile = std::max(biggestFile, filePixels);
                    all.push_back(file);
                }
                QCOMPARE(plan.parts[p].pixels, sum);
                largest = std::max(largest, sum);
                smallest = std::min(smallest, sum);
                pixels += sum;
            }
            QCOMPARE(pixels, plan.pixels);
            std::sort(all.begin(), all.end());
            QCOMPARE(all, files); // every file in exactly one shard
            // Greedy by decreasing size: the parts differ by at most the largest file.
            QVERIFY2(largest - smallest <= biggestFile,
                     qPrintable(QString("%1 shards: %2 - %3 > %4").arg(count).arg(largest).arg(smallest).arg(biggestFile)));
            QVERIFY(plan.imbalance() >= 1.0);
        }
        // The split depends on the files: one more file, another fingerprint.
        const ShardPlan before = planShards(root, files, settings, 3);
        auto more = files;
        more.push_back("sizes/not_there.png");
        QVERIFY(planShards(root, more, settings, 3).fingerprint != before.fingerprint);
        ArchiveSettings tiled = settings;
        tiled.tile = 128;
        QVERIFY(planShards(root, files, tiled, 3).fingerprint != before.fingerprint);
    }

    void thePlanIsPrintedWithoutAModel()
    {
        const auto r = runRscir({"index", "--archive", m_archive, "--plan", "3"});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const auto json = nlohmann::json::parse(r.out.toStdString());
        QCOMPARE(json["shards"].get<int>(), 3);
        QCOMPARE(json["parts"].size(), std::size_t(3));
        std::int64_t files = 0, pixels = 0;
        for (const auto& part : json["parts"]) {
            files += part["files"].get<std::int64_t>();
            pixels += part["pixels"].get<std::int64_t>();
        }
        QCOMPARE(files, json["files"].get<std::int64_t>());
        QCOMPARE(pixels, json["pixels"].get<std::int64_t>());
        QCOMPARE(json["parts"][1]["shard"].get<std::string>(), std::string("2/3"));
        QVERIFY(QDir(m_dir.path()).entryList({"*.rscir"}).isEmpty()); // nothing was indexed
    }

    void mergedShardsEqualOneRun_data()
    {
        QTest::addColumn<QString>("storage");
        QTest::newRow("fp16") << "fp16";
        QTest::newRow("fp32") << "fp32";
    }
    void mergedShardsEqualOneRun()
    {
        QFETCH(QString, storage);
        const QString prefix = "equal-" + storage;
        QStringList shards;
        for (int i = 1; i <= 3; ++i) {
            shards << path(QString("%1-shard%2.rscir").arg(prefix).arg(i));
            const auto r = index(shards.back(), {"--shard", QString("%1/3").arg(i), "--storage", storage});
            QVERIFY2(r.exitCode == 0, r.err.constData());
            QVERIFY2(r.err.contains(QString("shard %1/3: ").arg(i).toUtf8()), r.err.constData());
        }
        const QString single = path(prefix + "-single.rscir");
        QVERIFY(index(single, {"--storage", storage}).exitCode == 0);
        const QString merged = path(prefix + "-merged.rscir");
        const auto r = runRscir(QStringList{"merge", "--index", merged} + shards);
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const auto report = nlohmann::json::parse(r.out.toStdString());
        QCOMPARE(report["shards"].get<int>(), 3);
        QVERIFY(report["rows_copied_exactly"].get<bool>()); // the shards share their centre

        // Items, thumbnails and footprints as one run gives them; embeddings bit for bit
        // the shards', within 1e-5 of the single run (fp32) or its rounding (fp16).
        const Content one = fullContents(single), joined = fullContents(merged);
        Content parts;
        for (const auto& shard : shards)
            for (auto& [key, content] : fullContents(shard))
                QVERIFY2(parts.emplace(key, content).second, key.c_str()); // no item in two shards
        QCOMPARE(joined.size(), one.size());
        QVERIFY(joined.size() > 60);
        const float tolerance = storage == "fp32" ? 1e-5f : 2e-3f;
        for (const auto& [key, content] : one) {
            QVERIFY2(joined.count(key), key.c_str());
            const auto& got = joined.at(key);
            QCOMPARE(got.footprint, content.footprint);
            QVERIFY2(got.thumbnail == content.thumbnail, key.c_str());
            QVERIFY(!got.embedding.empty());
            QVERIFY2(got.embedding == parts.at(key).embedding, key.c_str());
            for (std::size_t c = 0; c < got.embedding.size(); ++c)
                QVERIFY2(std::fabs(got.embedding[c] - content.embedding[c]) <= tolerance, key.c_str());
        }
        // Failures with their reasons.
        const auto bad = failures(single);
        QVERIFY(bad.size() >= 6);
        QVERIFY(failures(merged) == bad);
        // The same results for a search: the same similarities rank by rank (items whose scores
        // tie within the tolerance may change places), the same best item.
        const auto ranked = [&](const QString& file) {
            const auto run = runRscir(QStringList{"search"} + modelArgs() +
                                      QStringList{"--index", file, "--image", m_archive + "/chips/plain.png", "--top-k",
                                                  "12", "--format", "csv"});
            std::vector<std::pair<QString, double>> rows;
            for (const auto& line : QString::fromUtf8(run.out).split('\n'))
                if (!line.isEmpty() && line[0].isDigit())
                    rows.emplace_back(line.section(',', 2, 2) + "@" + line.section(',', 4, 7),
                                      line.section(',', 9, 9).toDouble()); // the cosine similarity
            return rows;
        };
        const auto fromMerged = ranked(merged), fromSingle = ranked(single);
        QCOMPARE(fromMerged.size(), std::size_t(12));
        QCOMPARE(fromSingle.size(), std::size_t(12));
        QCOMPARE(fromMerged.front().first, fromSingle.front().first);
        const double scoreTolerance = storage == "fp32" ? 5e-5 : 5e-3;
        for (std::size_t i = 0; i < fromMerged.size(); ++i)
            QVERIFY2(std::fabs(fromMerged[i].second - fromSingle[i].second) <= scoreTolerance,
                     qPrintable(fromMerged[i].first + " / " + fromSingle[i].first + ": " +
                                QString::number(fromMerged[i].second, 'g', 9) + " / " +
                                QString::number(fromSingle[i].second, 'g', 9)));
        // The merged index is a whole-archive index: an update finds nothing to do.
        const auto update = index(merged, {"--storage", storage});
        QVERIFY2(update.exitCode == 0, update.err.constData());
        const auto updated = nlohmann::json::parse(update.out.toStdString());
        QCOMPARE(updated["added"].get<int>(), 0);
        QCOMPARE(updated["items_encoded"].get<int>(), 0);
        const auto info = nlohmann::json::parse(runRscir({"info", "--index", merged}).out.toStdString());
        QVERIFY(!info.contains("shard"));
        QCOMPARE(nlohmann::json::parse(runRscir({"info", "--index", shards[1]}).out.toStdString())["shard"].get<std::string>(),
                 std::string("2/3"));
    }

    void shardRunsKeepToTheirOwnIndex()
    {
        const QString whole = path("equal-fp32-single.rscir"), shard = path("equal-fp32-shard1.rscir");
        QVERIFY(QFile::exists(whole) && QFile::exists(shard));
        auto r = index(whole, {"--shard", "1/3"});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("holds a whole archive"), r.err.constData());
        r = index(shard, {});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("holds shard 1/3"), r.err.constData());
        r = index(shard, {"--shard", "2/3"});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("holds shard 1/3"), r.err.constData());
        // Updating a shard with its own spec finds nothing to do.
        r = index(shard, {"--shard", "1/3", "--storage", "fp32"});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QCOMPARE(nlohmann::json::parse(r.out.toStdString())["items_encoded"].get<int>(), 0);
    }

    void mergesOfShardsThatDoNotBelongTogetherAreRefused()
    {
        const QString s1 = path("equal-fp16-shard1.rscir"), s2 = path("equal-fp16-shard2.rscir"),
                      s3 = path("equal-fp16-shard3.rscir");
        // Shard 3 again, with other settings, another model, another storage.
        const QString tiled = path("odd-tiled.rscir"), otherModel = path("odd-model.rscir"),
                      otherStorage = path("equal-fp32-shard3.rscir");
        QVERIFY(index(tiled, {"--shard", "3/3", "--tile", "128"}).exitCode == 0);
        QVERIFY(index(otherModel, {"--shard", "3/3"}, m_otherModel).exitCode == 0);
        struct Case {
            QStringList shards;
            const char* says;
        };
        const std::vector<Case> cases{
            {{s1, s2}, "shard 3/3 is missing"},
            {{s1, s2, s2}, "is given twice"},
            {{s1, s2, tiled}, "was built with tile 128"},
            {{s1, s2, otherModel}, "was not indexed with"},
            {{s1, s2, otherStorage}, "keeps"},
            {{s1, s2, path("equal-fp16-single.rscir")}, "holds a whole archive"},
        };
        for (const auto& c : cases) {
            const QString out = path("refused.rscir");
            const auto r = runRscir(QStringList{"merge", "--index", out} + c.shards);
            QCOMPARE(r.exitCode, 1);
            QVERIFY2(r.err.contains(c.says), r.err.constData());
            QVERIFY2(filesStartingWith(m_dir.path(), "refused.rscir").isEmpty(), c.says);
        }
        // An existing file is not replaced.
        const QString existing = path("existing.rscir");
        {
            QFile file(existing);
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write("someone else's file");
        }
        const auto r = runRscir({"merge", "--index", existing, s1, s2, s3});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("exists already"), r.err.constData());
        QFile file(existing);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(file.readAll(), QByteArray("someone else's file"));
    }

    void shardsOfTwoModelsMergeBoth()
    {
        QStringList shards;
        for (int i = 1; i <= 2; ++i) {
            shards << path(QString("two-shard%1.rscir").arg(i));
            for (const QString& model : {m_model, m_otherModel}) {
                const auto r = index(shards.back(), {"--shard", QString("%1/2").arg(i)}, model);
                QVERIFY2(r.exitCode == 0, r.err.constData());
            }
        }
        const QString merged = path("two-merged.rscir");
        const auto r = runRscir(QStringList{"merge", "--index", merged} + shards);
        QVERIFY2(r.exitCode == 0, r.err.constData());
        auto out = IndexStore::open(merged.toStdString(), false, true);
        QCOMPARE(out->models().size(), std::size_t(2));
        for (const auto& model : out->models()) {
            std::int64_t rows = 0;
            for (const auto& shard : shards) {
                auto in = IndexStore::open(shard.toStdString(), false, true);
                rows += in->embeddingCount(in->findModel(model.fingerprint, model.activation)->id);
            }
            QVERIFY(rows > 0);
            QCOMPARE(out->embeddingCount(model.id), rows);
            QCOMPARE(out->embeddingCount(model.id), out->itemCount());
        }
        // A shard that one model did not finish is refused before anything is written.
        const QString partial = path("two-partial.rscir");
        QVERIFY(index(partial, {"--shard", "2/2"}).exitCode == 0);
        const auto refused = runRscir({"merge", "--index", path("two-refused.rscir"), shards[0], partial});
        QCOMPARE(refused.exitCode, 1);
        QVERIFY2(refused.err.contains("holds embeddings of 1 model, "), refused.err.constData());
        QVERIFY(filesStartingWith(m_dir.path(), "two-refused.rscir").isEmpty());
    }

    void shardsMovedElsewhereStillMerge()
    {
        // Shards lie beside the archive here; a cluster job copies them to another folder.
        QDir().mkpath(path("moved"));
        QStringList moved;
        for (int i = 1; i <= 3; ++i) {
            const QString name = QString("equal-fp16-shard%1.rscir").arg(i);
            for (const QString& file : QDir(m_dir.path()).entryList({name + "*"}, QDir::Files))
                QVERIFY(QFile::copy(path(file), path("moved/" + file)));
            moved << path("moved/" + name);
        }
        const auto r = runRscir(QStringList{"merge", "--index", path("moved/merged.rscir")} + moved);
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QVERIFY(sameContents(contents(path("moved/merged.rscir").toStdString()),
                             contents(path("equal-fp16-merged.rscir").toStdString())));
        // Into a folder that does not exist: said as such.
        const auto missing = runRscir(QStringList{"merge", "--index", path("nowhere/merged.rscir")} + moved);
        QCOMPARE(missing.exitCode, 1);
        QVERIFY2(missing.err.contains("does not exist"), missing.err.constData());
    }

    void aPlanOfAnEmptyFolderSaysSo()
    {
        QDir().mkpath(path("empty"));
        const auto r = runRscir({"index", "--archive", path("empty"), "--plan", "3"});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("holds no images"), r.err.constData());
    }

    void aSourceOfManyItemsMergesInPages()
    {
        // One raster of 2,961 windows (more than a page of the merge) and a small file.
        const QString archive = path("many");
        QDir().mkpath(archive);
        writeRaster((archive + "/scene.tif").toStdString(), "GTiff", 2000, 1500, 3, GDT_Byte, pattern, true);
        writeRaster((archive + "/small.png").toStdString(), "PNG", 64, 48, 3, GDT_Byte, pattern);
        QStringList shards;
        for (int i = 1; i <= 2; ++i) {
            shards << path(QString("many-shard%1.rscir").arg(i));
            const auto r = runRscir(QStringList{"index"} + modelArgs() +
                                    QStringList{"--archive", archive, "--index", shards.back(), "--tile", "32",
                                                "--shard", QString("%1/2").arg(i), "--storage", "fp32"});
            QVERIFY2(r.exitCode == 0, r.err.constData());
        }
        const QString merged = path("many-merged.rscir");
        const auto r = runRscir(QStringList{"merge", "--index", merged} + shards);
        QVERIFY2(r.exitCode == 0, r.err.constData());
        Content parts;
        for (const auto& shard : shards)
            for (auto& [key, content] : fullContents(shard))
                parts.emplace(key, content);
        const Content joined = fullContents(merged);
        QVERIFY(joined.size() > 2048);
        QCOMPARE(joined.size(), parts.size());
        for (const auto& [key, content] : parts) {
            QVERIFY2(joined.count(key), key.c_str());
            QVERIFY(joined.at(key).embedding == content.embedding);
            QVERIFY(joined.at(key).thumbnail == content.thumbnail);
        }
        // Every source is whole in the merged index: nothing is left partial.
        auto out = IndexStore::open(merged.toStdString(), false, true);
        QCOMPARE(out->sourceCount("partial"), std::int64_t(0));
        QCOMPARE(out->sourceCount("done"), std::int64_t(2));
    }

    void anInterruptedMergeLeavesNoOutput()
    {
        const std::vector<fs::path> shards{path("equal-fp16-shard1.rscir").toStdString(),
                                           path("equal-fp16-shard2.rscir").toStdString(),
                                           path("equal-fp16-shard3.rscir").toStdString()};
        // Cancelled once the first shard's files are in the hidden output.
        Progress* self = nullptr;
        std::int64_t cancelledAt = 0;
        Progress progress([&](std::int64_t done, std::int64_t, const std::string&) {
            if (done > 0 && self && !self->isCancelled()) {
                cancelledAt = done;
                self->cancel();
            }
        });
        self = &progress;
        const fs::path out = path("interrupted.rscir").toStdString();
        QVERIFY_THROWS_EXCEPTION(Cancelled, mergeIndexes(out, shards, &progress));
        QVERIFY(cancelledAt > 0);
        QVERIFY(!fs::exists(out));
        QVERIFY2(filesStartingWith(m_dir.path(), "interrupted.rscir").isEmpty(),
                 qPrintable(filesStartingWith(m_dir.path(), "interrupted.rscir").join(", ")));
        // Uninterrupted, the same call writes it.
        const MergeReport report = mergeIndexes(out, shards);
        QCOMPARE(report.shards, std::size_t(3));
        QVERIFY(fs::exists(out));
        QVERIFY(filesStartingWith(m_dir.path(), ".interrupted.rscir").isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestShards)
#include "test_shards.moc"
