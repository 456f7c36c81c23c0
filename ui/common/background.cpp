#include "ui/common/background.h"

namespace rscir::ui::background {

QThreadPool& pool()
{
    static QThreadPool* const instance = [] {
        auto* p = new QThreadPool; // lives as long as the process: tasks may outlive windows
        p->setMaxThreadCount(2);
        p->setObjectName(QStringLiteral("background"));
        return p;
    }();
    return *instance;
}

bool waitForDone(int ms)
{
    return pool().waitForDone(ms);
}

} // namespace rscir::ui::background
