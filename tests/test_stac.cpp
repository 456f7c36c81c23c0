// STAC as a source of archives: the specification's own examples parse (from ../shared,
// skipped without it), links and hrefs resolve as RFC 3986 says, walks stop at loops and at
// their limit, an API's pages are followed, and a document that fails is one line.
#include "core/base/error.h"
#include "core/index/stac.h"

#include "shared_data.h"

#include <nlohmann/json.hpp>

#include <QDirIterator>
#include <QTemporaryDir>
#include <QTest>

#include <fstream>
#include <map>

using namespace rscir;
using Json = nlohmann::json;

namespace {

QString examples()
{
    return rscir::test::sharedDir() + QStringLiteral("/data/stac-spec-examples");
}

/// Documents by location, for walks that read no files.
StacReader readerOf(const std::map<std::string, std::string>& documents)
{
    return [documents](const std::string& location) {
        const auto it = documents.find(location);
        if (it == documents.end())
            throw Error(withoutQuery(location) + ": 404 Not Found");
        return it->second;
    };
}

} // namespace

class TestStac : public QObject {
    Q_OBJECT
private slots:
    void theSpecificationsExamplesParse()
    {
        if (!QFile::exists(examples() + "/catalog.json"))
            QSKIP("../shared/data/stac-spec-examples is not here");
        int parsed = 0;
        QDirIterator it(examples(), {"*.json"}, QDir::Files, QDirIterator::Subdirectories);
        while (it.hasNext()) {
            const std::string path = it.next().toStdString();
            const StacDocument doc = parseStacDocument(readStacLocation(path), path);
            QVERIFY2(doc.kind != StacKind::Unknown, path.c_str());
            ++parsed;
        }
        QCOMPARE(parsed, 10);

        const std::string core = (examples() + "/core-item.json").toStdString();
        const StacDocument item = parseStacDocument(readStacLocation(core), core);
        QCOMPARE(item.kind, StacKind::Item);
        QCOMPARE(item.items.size(), std::size_t(1));
        const StacItem& i = item.items.front();
        QCOMPARE(i.id, std::string("20201211_223832_CS2"));
        QCOMPARE(i.collection, std::string("simple-collection"));
        QCOMPARE(i.datetime, std::string("2020-12-11T22:38:32.125Z")); // "datetime" is null: start_datetime
        QCOMPARE(i.platform, std::string("cool_sat1"));
        QCOMPARE(i.constellation, std::string("ion"));
        QCOMPARE(i.gsd.value_or(0), 0.512);
        QVERIFY(i.bbox && std::abs((*i.bbox)[0] - 172.91173669923782) < 1e-12);
        const auto visual = chooseStacAsset(i);
        QVERIFY(visual);
        QCOMPARE(visual->key, std::string("visual")); // the role "visual" before the first GeoTIFF
        QCOMPARE(visual->href, std::string("https://storage.googleapis.com/open-cogs/stac-examples/20201211_223832_CS2.tif"));
        QCOMPARE(chooseStacAsset(i, "analytic")->key, std::string("analytic"));
        QVERIFY(!chooseStacAsset(i, "nope"));

        // STAC 1.1 "bands" with eo:common_name.
        const std::string extended = (examples() + "/extended-item.json").toStdString();
        const StacItem e = parseStacDocument(readStacLocation(extended), extended).items.front();
        const auto seen = chooseStacAsset(e);
        QCOMPARE(seen->bands.size(), std::size_t(3));
        QCOMPARE(seen->bands[0].commonName, std::string("red"));
        QCOMPARE(seen->bands[2].name, std::string("band1"));
        QVERIFY(e.cloudCover.has_value());

        // No "visual" role: the first GeoTIFF (here a Landsat band).
        const std::string proj = (examples() + "/extensions-collection/proj-example/proj-example.json").toStdString();
        const StacItem p = parseStacDocument(readStacLocation(proj), proj).items.front();
        QCOMPARE(chooseStacAsset(p)->key, std::string("B1"));
        QCOMPARE(p.datetime, std::string("2018-10-01T01:08:32.033000Z"));
    }

    void catalogsAreWalkedThroughTheirLinks()
    {
        if (!QFile::exists(examples() + "/catalog.json"))
            QSKIP("../shared/data/stac-spec-examples is not here");
        // The catalogue: three child collections (one with an item) and an item of its own.
        const StacWalk walk = walkStac((examples() + "/catalog.json").toStdString());
        QVERIFY2(walk.problems.empty(), walk.problems.empty() ? "" : walk.problems.front().c_str());
        QCOMPARE(walk.documents, std::size_t(6));
        QCOMPARE(walk.items.size(), std::size_t(2));
        QCOMPARE(walk.items[0].id, std::string("CS3-20160503_132131_08"));
        QCOMPARE(walk.items[1].id, std::string("proj-example"));
        // Relative hrefs resolve against the document that holds them.
        QVERIFY(walk.items[1].location.ends_with("extensions-collection/proj-example/proj-example.json"));
        // The simple collection links three versions of one item (one id in one collection): one item.
        const StacWalk simple = walkStac((examples() + "/collection.json").toStdString());
        QCOMPARE(simple.documents, std::size_t(4));
        QCOMPARE(simple.items.size(), std::size_t(1));
        QCOMPARE(simple.items[0].location, (examples() + "/simple-item.json").toStdString());
    }

    void hrefsResolveAsUrlsDo()
    {
        const std::string base = "https://example.org/stac/a/collection.json?token=secret";
        QCOMPARE(resolveStacHref(base, "./items/x.json"), std::string("https://example.org/stac/a/items/x.json"));
        QCOMPARE(resolveStacHref(base, "../b/c.json"), std::string("https://example.org/stac/b/c.json"));
        QCOMPARE(resolveStacHref(base, "../../../../up.json"), std::string("https://example.org/up.json"));
        QCOMPARE(resolveStacHref(base, "/root.json"), std::string("https://example.org/root.json"));
        QCOMPARE(resolveStacHref(base, "x.json?page=2"), std::string("https://example.org/stac/a/x.json?page=2"));
        QCOMPARE(resolveStacHref(base, "s3://bucket/k.tif"), std::string("s3://bucket/k.tif"));
        QCOMPARE(resolveStacHref("/data/cat/catalog.json", "./sub/../items/i.json"), std::string("/data/cat/items/i.json"));
        QCOMPARE(resolveStacHref("/data/cat/catalog.json", "/elsewhere/i.json"), std::string("/elsewhere/i.json"));
        QCOMPARE(resolveStacHref("/data/cat/catalog.json", "file:///data/x.json"), std::string("/data/x.json"));
        QCOMPARE(withoutQuery(base), std::string("https://example.org/stac/a/collection.json?…"));
        QCOMPARE(resolveStacHref("https://api/search?page=1", "?page=2"), std::string("https://api/search?page=2"));
        QCOMPARE(resolveStacHref(base, "//cdn.example.net/x.tif"), std::string("https://cdn.example.net/x.tif"));
        QCOMPARE(resolveStacHref("/data/c.json", "file://localhost/data/x.json"), std::string("/data/x.json"));
        // A server's document never leads to this machine's files.
        QVERIFY(resolveStacHref(base, "file:///etc/passwd").empty());
        const StacDocument remote = parseStacDocument(
            Json{{"type", "Feature"},
                 {"id", "x"},
                 {"properties", Json::object()},
                 {"assets", {{"a", {{"href", "file:///home/user/secret.tif"}}}, {"b", {{"href", "b.tif"}}}}}}
                .dump(),
            base);
        QCOMPARE(remote.items.front().assets.size(), std::size_t(1));
        QCOMPARE(remote.items.front().assets.front().href, std::string("https://example.org/stac/a/b.tif"));
    }

    void loopsLimitsPagesAndFailures()
    {
        const std::string root = "https://h/stac/catalog.json";
        const auto link = [](const char* rel, const std::string& href) { return Json{{"rel", rel}, {"href", href}}; };
        const auto catalogue = [](Json links) {
            return Json{{"type", "Catalog"}, {"id", "c"}, {"stac_version", "1.0.0"}, {"description", ""}, {"links", links}}
                .dump();
        };
        const auto item = [](const std::string& id) {
            return Json{{"type", "Feature"},
                        {"id", id},
                        {"properties", {{"datetime", "2020-01-01T00:00:00Z"}}},
                        {"assets", {{"a", {{"href", "a.tif"}}}}}}
                .dump();
        };
        // A loop (root -> a -> root, a -> a), a missing child, a child that is not JSON.
        std::map<std::string, std::string> docs{
            {root, catalogue({link("child", "a/catalog.json"), link("child", "gone.json"),
                              link("child", "junk.json?sig=abc"), link("item", "i1.json")})},
            {"https://h/stac/a/catalog.json", catalogue({link("child", "../catalog.json"), link("child", "./catalog.json"),
                                                         link("item", "../i1.json"), link("item", "i2.json")})},
            {"https://h/stac/junk.json?sig=abc", "<html>not found</html>"},
            {"https://h/stac/i1.json", item("one")},
            {"https://h/stac/a/i2.json", item("two")},
        };
        const StacWalk walk = walkStac(root, readerOf(docs));
        QCOMPARE(walk.items.size(), std::size_t(2));
        QCOMPARE(walk.documents, std::size_t(6));
        QCOMPARE(walk.problems.size(), std::size_t(2));
        for (const std::string& problem : walk.problems)
            QVERIFY2(problem.find("sig=abc") == std::string::npos, problem.c_str()); // no token in messages
        QCOMPARE(walk.items[1].assets.front().href, std::string("https://h/stac/a/a.tif"));
        // A limit of documents: stopped, and said so.
        const StacWalk limited = walkStac(root, readerOf(docs), 3);
        QVERIFY(limited.truncated);
        QCOMPARE(limited.documents, std::size_t(3));

        // An API's pages through "next" (GET only), each item once.
        const auto page = [&](const std::string& ids, const std::string& next) {
            Json features = Json::array();
            for (const char id : ids)
                features.push_back({{"type", "Feature"}, {"id", std::string(1, id)}, {"properties", Json::object()},
                                    {"assets", Json::object()}});
            Json links = {{{"rel", "next"}, {"method", "POST"}, {"href", "/search"}}};
            if (!next.empty())
                links.push_back(link("next", next));
            return Json{{"type", "FeatureCollection"}, {"features", features}, {"links", links}}.dump();
        };
        const std::string search = "https://api/search?bbox=1,2,3,4";
        std::map<std::string, std::string> pages{{search, page("ab", "https://api/search?page=2")},
                                                 {"https://api/search?page=2", page("bc", "/search?page=3")},
                                                 {"https://api/search?page=3", page("d", "")}};
        const StacWalk paged = walkStac(search, readerOf(pages));
        QVERIFY(paged.problems.empty());
        QCOMPARE(paged.documents, std::size_t(3));
        QCOMPARE(paged.items.size(), std::size_t(4));
    }

    void hostileDocumentsAreRefused()
    {
        QVERIFY_THROWS_EXCEPTION(Error, parseStacDocument(std::string(100, '['), "x.json"));
        QVERIFY_THROWS_EXCEPTION(Error, parseStacDocument(Json{{"type", "Banana"}}.dump(), "x.json"));
        QVERIFY_THROWS_EXCEPTION(Error, parseStacDocument(Json{{"type", "FeatureCollection"}}.dump(), "x.json"));
        QVERIFY_THROWS_EXCEPTION(Error, parseStacDocument("[1, 2]", "x.json"));
        // Fields of the wrong type are left out, not trusted.
        const Json oddItem{{"type", "Feature"},
                           {"id", "x"},
                           {"bbox", {1, "a", 3, 4}},
                           {"properties", {{"gsd", "big"}, {"datetime", 5}}},
                           {"assets", {{"a", {{"href", 5}}}, {"b", Json::array()}, {"c", {{"href", "c.tif"}, {"roles", "visual"}}}}}};
        const StacDocument odd = parseStacDocument(oddItem.dump(), "/d/x.json");
        QCOMPARE(odd.items.size(), std::size_t(1));
        QVERIFY(!odd.items[0].bbox && !odd.items[0].gsd && odd.items[0].datetime.empty());
        QCOMPARE(odd.items[0].assets.size(), std::size_t(1));
        QCOMPARE(chooseStacAsset(odd.items[0])->href, std::string("/d/c.tif"));
        QVERIFY_THROWS_EXCEPTION(Error, readStacLocation("ftp://example.org/catalog.json"));
        QTemporaryDir dir;
        const std::string big = dir.filePath("big.json").toStdString();
        std::ofstream(big).seekp(kMaxStacDocumentBytes + 1) << ' ';
        QVERIFY_THROWS_EXCEPTION(Error, readStacLocation(big));
    }
};

QTEST_GUILESS_MAIN(TestStac)
#include "test_stac.moc"
