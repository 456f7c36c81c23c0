#pragma once
/// \file
/// The central directory of a zip archive (torch.save and TorchScript files are zips of
/// stored records): each record's name, size, CRC-32 and where its data starts. Read
/// from the file's end with every offset and size checked against the file, so that a
/// hostile archive can only produce an error. Internal to core/clip.

#include <cstdint>
#include <filesystem>
#include <map>
#include <string>

namespace rscir::zip {

struct Record {
    std::uint64_t dataOffset = 0; ///< where the record's bytes start in the file
    std::uint64_t size = 0; ///< its bytes (stored records: compressed size = size)
    std::uint32_t crc = 0;
    bool stored = true; ///< method 0: not compressed
};

/// Records by name without the archive's top folder ("data/0", "data.pkl", ...).
/// Throws rscir::Error naming the file for anything that is not a well-formed zip.
std::map<std::string, Record> readDirectory(const std::filesystem::path& file);

} // namespace rscir::zip
