#include "core/cli/commands.h"

int main(int argc, char** argv)
{
    return rscir::cli::run(argc, argv);
}
