#pragma once
// Where the tests find ../shared, and a skip message when it is absent.

#include <QDir>
#include <QString>
#include <QTest>

#include <algorithm>
#include <cmath>
#include <vector>

namespace rscir::test {

inline QString sharedDir()
{
    const QByteArray env = qgetenv("RSCIR_SHARED_DIR");
    return QDir::cleanPath(env.isEmpty() ? QStringLiteral(RSCIR_SHARED_DIR) : QString::fromLocal8Bit(env));
}

inline QString conformanceDir()
{
    return sharedDir() + QStringLiteral("/conformance");
}

inline bool haveConformance()
{
    return QFile::exists(conformanceDir() + QStringLiteral("/manifest.json"));
}

/// Embeddings against a reference's, row by row: every value within `maxDifference`, and
/// every row at cosine >= 0.99999.
inline void compareRows(const std::vector<float>& got, const std::vector<float>& expected, std::size_t dim,
                        const QString& what, double maxDifference)
{
    QCOMPARE(got.size(), expected.size());
    double worst = 0, worstCos = 1;
    for (std::size_t r = 0; r < got.size() / dim; ++r) {
        double dot = 0, a = 0, b = 0;
        for (std::size_t c = 0; c < dim; ++c) {
            const double x = got[r * dim + c], y = expected[r * dim + c];
            worst = std::max(worst, std::fabs(x - y));
            dot += x * y;
            a += x * x;
            b += y * y;
        }
        worstCos = std::min(worstCos, dot / std::sqrt(a * b));
    }
    QVERIFY2(worst <= maxDifference && worstCos >= 0.99999,
             qPrintable(QStringLiteral("%1: max |difference| %2, min cosine %3").arg(what).arg(worst).arg(worstCos, 0, 'f', 8)));
}

} // namespace rscir::test

#define RSCIR_REQUIRE_CONFORMANCE()                                                                                    \
    do {                                                                                                               \
        if (!rscir::test::haveConformance())                                                                           \
            QSKIP(qPrintable(QStringLiteral("conformance fixtures not found at %1 (set RSCIR_SHARED_DIR)")             \
                                 .arg(rscir::test::conformanceDir())));                                                \
    } while (false)
