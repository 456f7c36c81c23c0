#include "core/models/clip_encoder.h"

#include "core/base/error.h"
#include "core/base/hash.h"

#include <cstdio>
#include <fstream>

namespace rscir {

std::string checkpointFingerprint(const std::filesystem::path& checkpoint)
{
    std::ifstream in(checkpoint, std::ios::binary);
    if (!in)
        throw Error("cannot read " + checkpoint.string());
    const std::uint64_t size = std::filesystem::file_size(checkpoint);
    constexpr std::uint64_t kSpan = 1u << 20;
    std::uint64_t hash = kFnv1aOffset;
    std::vector<char> buffer(kSpan);
    const auto mix = [&](std::uint64_t offset) {
        in.clear();
        in.seekg(static_cast<std::streamoff>(offset));
        in.read(buffer.data(), static_cast<std::streamsize>(kSpan));
        hash = fnv1a64(std::string_view(buffer.data(), static_cast<std::size_t>(in.gcount())), hash);
    };
    mix(0);
    if (size > kSpan)
        mix(std::max(kSpan, size - kSpan));
    char text[64];
    std::snprintf(text, sizeof text, "fnv1a64:%016llx:%llu", static_cast<unsigned long long>(hash),
                  static_cast<unsigned long long>(size));
    return text;
}

ModelRecord modelRecord(const ModelSource& source, int dim, const std::string& architecture)
{
    ModelRecord record;
    record.name = source.name;
    record.architecture = architecture;
    record.activation = std::string(activationName(source.activation));
    record.fingerprint = checkpointFingerprint(source.checkpoint);
    // The same weights with other attention heads are another model.
    if (source.visionHeads || source.textHeads)
        record.fingerprint += ":heads=" + std::to_string(source.visionHeads.value_or(0)) + "/" +
                              std::to_string(source.textHeads.value_or(0));
    record.dim = dim;
    return record;
}

} // namespace rscir
