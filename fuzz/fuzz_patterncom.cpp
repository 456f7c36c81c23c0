// The PatternCom benchmark's list of images (patternnet.csv) and its query files.
#include "core/base/error.h"
#include "core/eval/patterncom.h"
#include "fuzz/fuzz_input.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const auto root = rscir::fuzz::asFile(nullptr, 0, "-patterncom").string() + ".d";
    std::filesystem::remove_all(root);
    std::filesystem::create_directories(root);
    // The first half is the image list, the rest one attribute's query file.
    const std::size_t half = size / 2;
    std::ofstream(std::filesystem::path(root) / "patternnet.csv", std::ios::binary)
        .write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(half));
    std::ofstream(std::filesystem::path(root) / "color.csv", std::ios::binary)
        .write(reinterpret_cast<const char*>(data + half), static_cast<std::streamsize>(size - half));
    try {
        (void)rscir::loadPatternCom(root);
    } catch (const rscir::Error&) {
    }
    return 0;
}
