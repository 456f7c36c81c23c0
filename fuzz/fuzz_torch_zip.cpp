// The zip directory reader of torch.save and TorchScript archives, then the data.pkl it
// names through the pickle reader.
#include "core/base/error.h"
#include "core/clip/pickle.h"
#include "core/clip/zip_directory.h"
#include "fuzz/fuzz_input.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const auto file = rscir::fuzz::asFile(data, size, ".pt");
    try {
        const auto records = rscir::zip::readDirectory(file);
        const auto it = records.find("data.pkl");
        if (it != records.end() && it->second.stored && it->second.size < (1u << 20)) {
            std::string bytes(static_cast<std::size_t>(it->second.size), '\0');
            std::ifstream in(file, std::ios::binary);
            in.seekg(static_cast<std::streamoff>(it->second.dataOffset));
            in.read(bytes.data(), static_cast<std::streamsize>(bytes.size()));
            rscir::pickle::load(bytes);
        }
    } catch (const rscir::Error&) {
    }
    return 0;
}
