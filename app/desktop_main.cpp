#include "app/desktop_application.h"

int main(int argc, char** argv)
{
    return rscir::ui::runDesktop(argc, argv);
}
