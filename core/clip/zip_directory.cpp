#include "core/clip/zip_directory.h"

#include "core/base/error.h"

#include <cstring>
#include <fstream>
#include <vector>

namespace rscir::zip {

namespace {

template <typename T>
T le(const unsigned char* p)
{
    T v = 0;
    for (std::size_t i = sizeof(T); i-- > 0;)
        v = static_cast<T>((v << 8) | p[i]);
    return v;
}

} // namespace

std::map<std::string, Record> readDirectory(const std::filesystem::path& file)
{
    const auto fail = [&](const std::string& what) -> Error {
        return Error(ErrorCode::DamagedFile, {file.string(), what}, file.string() + ": the zip archive is damaged: " + what,
                     "the file is truncated or corrupt");
    };
    std::ifstream in(file, std::ios::binary);
    if (!in)
        throw Error("cannot open " + file.string());
    in.seekg(0, std::ios::end);
    const std::uint64_t size = static_cast<std::uint64_t>(in.tellg());
    const auto readAt = [&](std::uint64_t offset, std::size_t bytes) {
        if (offset > size || bytes > size - offset)
            throw fail("a structure lies outside the file");
        std::vector<unsigned char> out(bytes);
        in.seekg(static_cast<std::streamoff>(offset));
        in.read(reinterpret_cast<char*>(out.data()), static_cast<std::streamsize>(bytes));
        if (static_cast<std::size_t>(in.gcount()) != bytes)
            throw fail("it ends early");
        return out;
    };
    // The end of central directory record: 22 bytes plus a comment of at most 65535.
    const std::size_t tail = static_cast<std::size_t>(std::min<std::uint64_t>(size, 22 + 65535));
    const auto end = readAt(size - tail, tail);
    std::size_t eocd = std::string::npos;
    for (std::size_t i = tail >= 22 ? tail - 22 + 1 : 0; i-- > 0;)
        if (le<std::uint32_t>(&end[i]) == 0x06054b50) {
            eocd = i;
            break;
        }
    if (eocd == std::string::npos)
        throw fail("no end of central directory");
    std::uint64_t entries = le<std::uint16_t>(&end[eocd + 10]);
    std::uint64_t directorySize = le<std::uint32_t>(&end[eocd + 12]);
    std::uint64_t directoryOffset = le<std::uint32_t>(&end[eocd + 16]);
    if (entries == 0xffff || directorySize == 0xffffffff || directoryOffset == 0xffffffff) {
        // ZIP64: a locator just before the end record points at the 64-bit end record.
        const std::uint64_t locatorAt = size - tail + eocd;
        if (locatorAt < 20)
            throw fail("a ZIP64 archive without its locator");
        const auto locator = readAt(locatorAt - 20, 20);
        if (le<std::uint32_t>(&locator[0]) != 0x07064b50)
            throw fail("a ZIP64 archive without its locator");
        const auto record = readAt(le<std::uint64_t>(&locator[8]), 56);
        if (le<std::uint32_t>(&record[0]) != 0x06064b50)
            throw fail("a ZIP64 end record is missing");
        entries = le<std::uint64_t>(&record[32]);
        directorySize = le<std::uint64_t>(&record[40]);
        directoryOffset = le<std::uint64_t>(&record[48]);
    }
    if (directorySize > (256u << 20) || entries > directorySize / 46)
        throw fail("its central directory is implausibly large");
    const auto directory = readAt(directoryOffset, static_cast<std::size_t>(directorySize));
    std::map<std::string, Record> records;
    std::size_t at = 0;
    for (std::uint64_t n = 0; n < entries; ++n) {
        if (at + 46 > directory.size() || le<std::uint32_t>(&directory[at]) != 0x02014b50)
            throw fail("a central directory entry is malformed");
        const unsigned char* e = &directory[at];
        const std::uint16_t method = le<std::uint16_t>(e + 10);
        Record r;
        r.crc = le<std::uint32_t>(e + 16);
        std::uint64_t compressed = le<std::uint32_t>(e + 20);
        r.size = le<std::uint32_t>(e + 24);
        const std::size_t nameLength = le<std::uint16_t>(e + 28), extraLength = le<std::uint16_t>(e + 30),
                          commentLength = le<std::uint16_t>(e + 32);
        std::uint64_t localOffset = le<std::uint32_t>(e + 42);
        if (at + 46 + nameLength + extraLength + commentLength > directory.size())
            throw fail("a central directory entry runs past the directory");
        std::string name(reinterpret_cast<const char*>(e + 46), nameLength);
        // ZIP64 sizes and offset, for the fields that say 0xffffffff, in this order.
        for (std::size_t x = 0; x + 4 <= extraLength;) {
            const unsigned char* field = e + 46 + nameLength + x;
            const std::uint16_t id = le<std::uint16_t>(field), length = le<std::uint16_t>(field + 2);
            if (x + 4 + length > extraLength)
                throw fail("an extra field of " + name + " runs past its entry");
            if (id == 0x0001) {
                std::size_t p = 4;
                const auto next = [&]() {
                    if (p + 8 > 4u + length)
                        throw fail("a ZIP64 field of " + name + " is short");
                    const auto v = le<std::uint64_t>(field + p);
                    p += 8;
                    return v;
                };
                if (r.size == 0xffffffff)
                    r.size = next();
                if (compressed == 0xffffffff)
                    compressed = next();
                if (localOffset == 0xffffffff)
                    localOffset = next();
            }
            x += 4 + length;
        }
        r.stored = method == 0;
        if (r.stored && compressed != r.size)
            throw fail(name + " says it is stored but has two sizes");
        // The data follows the local header, whose name and extra field may differ in length.
        const auto local = readAt(localOffset, 30);
        if (le<std::uint32_t>(&local[0]) != 0x04034b50)
            throw fail("the local header of " + name + " is missing");
        r.dataOffset = localOffset + 30 + le<std::uint16_t>(&local[26]) + le<std::uint16_t>(&local[28]);
        if (r.dataOffset > size || compressed > size - r.dataOffset)
            throw fail(name + " runs past the end of the file");
        const auto slash = name.find('/');
        records[slash == std::string::npos ? name : name.substr(slash + 1)] = r;
        at += 46 + nameLength + extraLength + commentLength;
    }
    return records;
}

} // namespace rscir::zip
