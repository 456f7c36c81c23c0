#pragma once
// Where the tests find ../shared, and a skip message when it is absent.

#include <QDir>
#include <QString>
#include <QTest>

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

} // namespace rscir::test

#define RSCIR_REQUIRE_CONFORMANCE()                                                                                    \
    do {                                                                                                               \
        if (!rscir::test::haveConformance())                                                                           \
            QSKIP(qPrintable(QStringLiteral("conformance fixtures not found at %1 (set RSCIR_SHARED_DIR)")             \
                                 .arg(rscir::test::conformanceDir())));                                                \
    } while (false)
