// CLIP's text cleaning on arbitrary bytes (invalid UTF-8, HTML entities, control characters),
// and the tokenizer's vocabulary readers on arbitrary files.
#include "core/base/error.h"
#include "core/clip/text_clean.h"
#include "core/clip/tokenizer.h"
#include "fuzz/fuzz_input.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    try {
        (void)rscir::cleanClipText({reinterpret_cast<const char*>(data), size});
    } catch (const rscir::Error&) {
    }
    if (size > 0 && data[0] < 3) {
        const char* suffix = data[0] == 0 ? ".txt" : data[0] == 1 ? ".txt.gz" : "/vocab.json";
        std::filesystem::path file;
        if (data[0] == 2) {
            const auto folder = rscir::fuzz::asFile(nullptr, 0, "-vocab").string() + ".d";
            std::filesystem::create_directories(folder);
            file = std::filesystem::path(folder) / "vocab.json";
            std::ofstream(file, std::ios::binary).write(reinterpret_cast<const char*>(data + 1), std::streamsize(size - 1));
            std::ofstream(std::filesystem::path(folder) / "merges.txt") << "#version: 0.2\na b\n";
        } else {
            file = rscir::fuzz::asFile(data + 1, size - 1, suffix);
        }
        try {
            rscir::ClipTokenizer::load(file);
        } catch (const rscir::Error&) {
        }
    }
    return 0;
}
