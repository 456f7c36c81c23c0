#include "core/base/error.h"
#include "core/clip/tokenizer.h"
#include "tests/shared_data.h"

#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <nlohmann/json.hpp>

#include <fstream>
#include <optional>

using namespace rscir;

class TestTokenizer : public QObject {
    Q_OBJECT

    std::optional<ClipTokenizer> m_tokenizer;

private slots:
    void initTestCase()
    {
        if (rscir::test::haveConformance())
            m_tokenizer.emplace(
                ClipTokenizer::load((rscir::test::conformanceDir() + "/bpe_simple_vocab_16e6.txt.gz").toStdString()));
    }

    void manifestTexts_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QList<int>>("tokens");
        if (!rscir::test::haveConformance()) {
            QTest::newRow("absent") << QString() << QList<int>{};
            return;
        }
        std::ifstream in((rscir::test::conformanceDir() + "/manifest.json").toStdString());
        const auto manifest = nlohmann::json::parse(in);
        int i = 0;
        for (const auto& entry : manifest["texts"]) {
            QList<int> ids;
            for (int id : entry["tokens"])
                ids.append(id);
            QTest::newRow(qPrintable(QString::number(i++))) << QString::fromStdString(entry["text"]) << ids;
        }
    }
    void manifestTexts()
    {
        RSCIR_REQUIRE_CONFORMANCE();
        QFETCH(QString, text);
        QFETCH(QList<int>, tokens);
        const auto got = m_tokenizer->tokenize(text.toStdString());
        QCOMPARE(QList<int>(got.begin(), got.end()), tokens);
    }

    void ownCases()
    {
        RSCIR_REQUIRE_CONFORMANCE();
        const auto& t = *m_tokenizer;
        QCOMPARE(t.vocabularySize(), std::size_t(49408));
        // Typographic variants tokenise like their plain forms.
        QCOMPARE(t.tokenize("\xe2\x80\x9c"
                            "don\xe2\x80\x99"
                            "t\xe2\x80\x9d"),
                 t.tokenize("\"don't\""));
        QCOMPARE(t.tokenize("\xef\xbc\xb2\xef\xbc\xa5\xef\xbc\xa4 roof"), t.tokenize("red roof"));
        QCOMPARE(t.tokenize("\xef\xac\x81"
                            "eld"),
                 t.tokenize("field"));
        QCOMPARE(t.tokenize("pool &amp;amp; court"), t.tokenize("pool & court"));
        QCOMPARE(t.tokenize("   "), (std::vector<int>{49406, 49407}));
        // Long input: 77 tokens, the last one EOT.
        std::string longText;
        for (int i = 0; i < 200; ++i)
            longText += "harbour ";
        const auto ids = t.tokenize(longText);
        QCOMPARE(ids.size(), std::size_t(77));
        QCOMPARE(ids.back(), ClipTokenizer::kEndOfText);
        QCOMPARE(ids.front(), ClipTokenizer::kStartOfText);
        // Invalid UTF-8 never crashes; it becomes U+FFFD.
        const std::string bad = std::string("pool ") + char(0xc3) + char(0x28) + char(0xff);
        const auto badIds = t.tokenize(bad);
        QVERIFY(badIds.size() > 3);
        QCOMPARE(t.decode(t.encode("a photo of a cat")), std::string("a photo of a cat "));
        // One 100 KB word and a 400 KB text of many words: merges with a heap, and the text
        // is tokenised only as far as the context reaches. The word's first tokens are the
        // ones the same word of 200 bytes starts with.
        const std::string word(100000, 'a');
        const auto wordIds = t.tokenize(word);
        QCOMPARE(wordIds.size(), std::size_t(77));
        const auto shortIds = t.tokenize(std::string(200, 'a'));
        QVERIFY(shortIds.size() > 10);
        QVERIFY(std::equal(shortIds.begin(), shortIds.begin() + 10, wordIds.begin()));
        std::string manyWords;
        for (int i = 0; manyWords.size() < 400000; ++i)
            manyWords += "w" + std::to_string(i * 7919 % 100003) + " ";
        QCOMPARE(t.tokenize(manyWords).size(), std::size_t(77));
        QCOMPARE(t.encode(manyWords, 10).size() >= 10, true);
    }

    void huggingFaceFiles()
    {
        RSCIR_REQUIRE_CONFORMANCE();
        // vocab.json + merges.txt as Hugging Face ships them, written from the .gz vocabulary.
        QTemporaryDir dir;
        const auto& symbols = m_tokenizer->symbols();
        nlohmann::json vocab = nlohmann::json::object();
        for (std::size_t i = 0; i < symbols.size(); ++i)
            vocab[symbols[i]] = i;
        std::ofstream(dir.filePath("vocab.json").toStdString()) << vocab.dump();
        QVERIFY_THROWS_EXCEPTION(Error, ClipTokenizer::load(dir.filePath("vocab.json").toStdString())); // no merges yet
        QProcess gunzip;
        gunzip.start("gzip", {"-dc", rscir::test::conformanceDir() + "/bpe_simple_vocab_16e6.txt.gz"});
        QVERIFY(gunzip.waitForFinished(60000));
        const QList<QByteArray> lines = gunzip.readAllStandardOutput().split('\n');
        QFile merges(dir.filePath("merges.txt"));
        QVERIFY(merges.open(QIODevice::WriteOnly));
        merges.write("#version: 0.2\n");
        for (int i = 1; i <= 48894; ++i)
            merges.write(lines[i] + "\n");
        merges.close();
        const ClipTokenizer hf = ClipTokenizer::load(dir.path().toStdString());
        for (const char* text : {"a photo of a cat", "kidney-shaped swimming pool",
                                 "Stra\xc3\x9f"
                                 "e 2024!"})
            QCOMPARE(hf.tokenize(text), m_tokenizer->tokenize(text));
        // A vocab.json without <|endoftext|>, or with an id that is not a number: one
        // sentence that names the file, not "unordered_map::at" or a JSON library's code.
        for (const bool wrongType : {false, true}) {
            nlohmann::json broken = vocab;
            if (wrongType)
                broken["a</w>"] = "one";
            else
                broken.erase("<|endoftext|>");
            std::ofstream(dir.filePath("vocab.json").toStdString(), std::ios::trunc) << broken.dump();
            try {
                ClipTokenizer::load(dir.path().toStdString());
                QFAIL("a broken vocab.json was accepted");
            } catch (const Error& e) {
                const std::string what = e.what();
                QVERIFY2(what.find("vocab.json") != std::string::npos, e.what());
                QVERIFY2(what.find("unordered_map") == std::string::npos && what.find("[json.exception") == std::string::npos,
                         e.what());
            }
        }
    }

    void badVocabularies()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath("bpe.txt");
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("header\na b\n");
        file.close();
        QVERIFY_THROWS_EXCEPTION(Error, ClipTokenizer::load(path.toStdString()));
        QVERIFY_THROWS_EXCEPTION(Error, ClipTokenizer::load(dir.filePath("missing.gz").toStdString()));
        QVERIFY_THROWS_EXCEPTION(Error, ClipTokenizer::findVocabulary(dir.filePath("model.pt").toStdString()));
    }
};

QTEST_GUILESS_MAIN(TestTokenizer)
#include "test_tokenizer.moc"
