#include "core/base/error.h"
#include "core/base/npy.h"
#include "core/imagery/preprocess.h"
#include "core/imagery/image_file.h"
#include "tests/shared_data.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>

using namespace rscir;

class TestPreprocess : public QObject {
    Q_OBJECT
private slots:
    void resizeTargets()
    {
        int w = 0, h = 0;
        clipResizeTarget(600, 600, 224, w, h);
        QCOMPARE(w, 224);
        QCOMPARE(h, 224);
        clipResizeTarget(320, 200, 224, w, h);
        QCOMPARE(w, 358); // int(224 * 320 / 200) = 358
        QCOMPARE(h, 224);
        clipResizeTarget(181, 347, 224, w, h);
        QCOMPARE(w, 224);
        QCOMPARE(h, 429);
    }

    void constantImageStaysConstant()
    {
        ImageU8 image{301, 157, 3, std::vector<std::uint8_t>(301 * 157 * 3, 77)};
        const ImageU8 resized = resizeBicubic(image, 97, 224);
        for (auto v : resized.pixels)
            QCOMPARE(int(v), 77);
        const auto pixels = clipPreprocess(image);
        QCOMPARE(pixels.size(), std::size_t(3 * 224 * 224));
        QCOMPARE(pixels[0], (77.0f / 255.0f - 0.48145466f) / 0.26862954f);
    }

    void grayIsReplicated()
    {
        ImageU8 gray{50, 40, 1, {}};
        for (int i = 0; i < 50 * 40; ++i)
            gray.pixels.push_back(static_cast<std::uint8_t>(i * 7));
        ImageU8 rgb{50, 40, 3, {}};
        for (auto v : gray.pixels)
            rgb.pixels.insert(rgb.pixels.end(), {v, v, v});
        const auto a = clipPreprocess(gray), b = clipPreprocess(rgb);
        QCOMPARE(a, b);
    }

    void badImagesAreRejected()
    {
        QVERIFY_THROWS_EXCEPTION(Error, clipPreprocess(ImageU8{}));
        QVERIFY_THROWS_EXCEPTION(Error, clipPreprocess(ImageU8{2, 2, 4, std::vector<std::uint8_t>(16)}));
        QVERIFY_THROWS_EXCEPTION(Error, clipPreprocess(ImageU8{2, 2, 3, std::vector<std::uint8_t>(5)}));
        QTemporaryDir dir;
        QFile text(dir.filePath("not_an_image.png"));
        QVERIFY(text.open(QIODevice::WriteOnly));
        text.write("hello");
        text.close();
        QVERIFY_THROWS_EXCEPTION(Error, readImageFile(text.fileName().toStdString()));
        QVERIFY_THROWS_EXCEPTION(Error, readImageFile(dir.filePath("missing.jpg").toStdString()));
    }

    void conformancePixels_data()
    {
        QTest::addColumn<QString>("image");
        if (!rscir::test::haveConformance()) {
            QTest::newRow("absent") << QString();
            return;
        }
        QFile file(rscir::test::conformanceDir() + "/manifest.json");
        QVERIFY(file.open(QIODevice::ReadOnly));
        for (const auto& v : QJsonDocument::fromJson(file.readAll()).object()["images"].toArray())
            QTest::newRow(qPrintable(v.toString())) << v.toString();
    }
    void conformancePixels()
    {
        RSCIR_REQUIRE_CONFORMANCE();
        QFETCH(QString, image);
        const QString dir = rscir::test::conformanceDir();
        const auto pixels = clipPreprocess(readImageFile((dir + "/images/" + image).toStdString()));
        const QString stem = image.left(image.lastIndexOf('.'));
        const auto expected = readNpy((dir + "/expected/pixels_" + stem + ".npy").toStdString()).toFloat();
        QCOMPARE(pixels.size(), expected.size());
        double worst = 0;
        for (std::size_t i = 0; i < pixels.size(); ++i)
            worst = std::max(worst, double(std::fabs(pixels[i] - expected[i])));
        const double tolerance = image.endsWith(".png") ? 1e-6 : 0.02;
        QVERIFY2(worst <= tolerance, qPrintable(QStringLiteral("max |difference| %1").arg(worst)));
    }
};

QTEST_GUILESS_MAIN(TestPreprocess)
#include "test_preprocess.moc"
