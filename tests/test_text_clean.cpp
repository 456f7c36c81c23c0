#include "core/clip/text_clean.h"

#include <QTest>

using namespace rscir;

class TestTextClean : public QObject {
    Q_OBJECT
private slots:
    void cleaning_data()
    {
        QTest::addColumn<QString>("input");
        QTest::addColumn<QString>("expected");
        QTest::newRow("lowercase") << "Airport with TWO runways."
                                   << "airport with two runways.";
        QTest::newRow("whitespace") << "  tabs\tand\nnewlines  "
                                    << "tabs and newlines";
        QTest::newRow("curly quotes") << QString::fromUtf8("\u2018pool\u2019 \u201coval\u201d") << "'pool' \"oval\"";
        QTest::newRow("full width") << QString::fromUtf8("\uff21\uff22\uff23\u3000\uff11\uff12") << "abc 12";
        QTest::newRow("ligatures") << QString::fromUtf8("\ufb01eld \ufb02at") << "field flat";
        QTest::newRow("html twice") << "tennis court &amp;amp; parking &lt;lot&gt;"
                                    << "tennis court & parking <lot>";
        QTest::newRow("numeric entities") << "&#233;t&#xE9;" << QString::fromUtf8("\u00e9t\u00e9");
        QTest::newRow("unknown entity kept") << "&nosuch; & co"
                                             << "&nosuch; & co";
        QTest::newRow("nfc") << QString::fromUtf8("e\u0301") << QString::fromUtf8("\u00e9");
        QTest::newRow("unicode lowercase") << QString::fromUtf8("STRA\u00dfE \u039f\u0394\u039f\u03a3")
                                           << QString::fromUtf8("stra\u00dfe \u03bf\u03b4\u03bf\u03c2");
        QTest::newRow("control characters") << QString::fromUtf8("a\u0007b\ufeffc") << "abc";
        QTest::newRow("nbsp") << QString::fromUtf8("a\u00a0\u2003b") << "a b";
        QTest::newRow("empty") << ""
                               << "";
    }
    void cleaning()
    {
        QFETCH(QString, input);
        QFETCH(QString, expected);
        QCOMPARE(QString::fromStdString(cleanClipText(input.toStdString())), expected);
    }

    void invalidUtf8BecomesReplacement()
    {
        const std::string bad = std::string("ab") + char(0xff) + char(0xc3) + "cd";
        const QString out = QString::fromStdString(cleanClipText(bad));
        QVERIFY(out.startsWith("ab"));
        QVERIFY(out.endsWith("cd"));
        QVERIFY(out.contains(QChar(0xfffd)));
    }
};

QTEST_GUILESS_MAIN(TestTextClean)
#include "test_text_clean.moc"
