#pragma once
// Runs the rscir executable built beside the tests and collects what it printed.

#include <QByteArray>
#include <QProcess>
#include <QStringList>

namespace rscir::test {

struct RscirRun {
    int exitCode = -1; ///< -1: did not finish in time; -2: crashed
    QByteArray out, err;
};

inline RscirRun runRscir(const QStringList& arguments, int timeoutMs = 120000)
{
    QProcess process;
    process.start(QStringLiteral(RSCIR_BIN_DIR "/rscir"), arguments);
    RscirRun r;
    if (!process.waitForFinished(timeoutMs))
        return r;
    r.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -2;
    r.out = process.readAllStandardOutput();
    r.err = process.readAllStandardError();
    return r;
}

} // namespace rscir::test
