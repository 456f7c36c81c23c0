#include "core/base/npy.h"

#include "core/base/error.h"
#include "core/base/half.h"

#include <algorithm>
#include <cctype>
#include <cstring>
#include <fstream>
#include <functional>
#include <limits>
#include <sstream>

namespace rscir {

namespace {

constexpr std::string_view kMagic{"\x93NUMPY", 6};

std::string_view typeDescr(NpyType type)
{
    switch (type) {
    case NpyType::Float32: return "<f4";
    case NpyType::Float16: return "<f2";
    case NpyType::Int32: return "<i4";
    case NpyType::Int64: return "<i8";
    }
    return "";
}

NpyType parseDescr(const std::string& descr)
{
    if (descr == "<f4" || descr == "f4")
        return NpyType::Float32;
    if (descr == "<f2" || descr == "f2")
        return NpyType::Float16;
    if (descr == "<i4" || descr == "i4")
        return NpyType::Int32;
    if (descr == "<i8" || descr == "i8")
        return NpyType::Int64;
    throw Error("unsupported .npy element type '" + descr + "'",
                "supported: little-endian float32, float16, int32, int64");
}

/// The header is a Python dict literal. It is scanned by hand, linearly: a backtracking
/// regex recurses once per character and a hostile header of a few hundred KiB would
/// exhaust the stack. Returns the value's text: a quoted string with its quotes, True,
/// False, or a parenthesised tuple.
std::string headerValue(const std::string& header, const std::string& key)
{
    for (std::size_t at = 0; at < header.size(); ++at) {
        const char quote = header[at];
        if (quote != '\'' && quote != '"')
            continue;
        if (header.compare(at + 1, key.size(), key) != 0 || at + 1 + key.size() >= header.size() ||
            header[at + 1 + key.size()] != quote)
            continue;
        std::size_t p = at + key.size() + 2;
        while (p < header.size() && std::isspace(static_cast<unsigned char>(header[p])))
            ++p;
        if (p >= header.size() || header[p] != ':')
            continue;
        ++p;
        while (p < header.size() && std::isspace(static_cast<unsigned char>(header[p])))
            ++p;
        if (p >= header.size())
            break;
        const char first = header[p];
        std::size_t end = std::string::npos;
        if (first == '\'' || first == '"')
            end = header.find(first, p + 1);
        else if (first == '(')
            end = header.find(')', p + 1);
        else if (header.compare(p, 4, "True") == 0)
            end = p + 3;
        else if (header.compare(p, 5, "False") == 0)
            end = p + 4;
        if (end == std::string::npos)
            throw Error(".npy header has a malformed '" + key + "' entry");
        return header.substr(p, end - p + 1);
    }
    throw Error(".npy header has no '" + key + "' entry");
}

} // namespace

std::size_t npyElementSize(NpyType type)
{
    switch (type) {
    case NpyType::Float16: return 2;
    case NpyType::Float32:
    case NpyType::Int32: return 4;
    case NpyType::Int64: return 8;
    }
    return 0;
}

std::size_t NpyArray::count() const
{
    std::size_t n = 1;
    for (auto d : shape)
        n *= static_cast<std::size_t>(d);
    return n;
}

std::vector<float> NpyArray::toFloat() const
{
    const std::size_t n = count();
    std::vector<float> out(n);
    const std::byte* p = data.data();
    for (std::size_t i = 0; i < n; ++i) {
        switch (type) {
        case NpyType::Float32: std::memcpy(&out[i], p + 4 * i, 4); break;
        case NpyType::Float16: {
            std::uint16_t h;
            std::memcpy(&h, p + 2 * i, 2);
            out[i] = halfToFloat(h);
            break;
        }
        case NpyType::Int32: {
            std::int32_t v;
            std::memcpy(&v, p + 4 * i, 4);
            out[i] = static_cast<float>(v);
            break;
        }
        case NpyType::Int64: {
            std::int64_t v;
            std::memcpy(&v, p + 8 * i, 8);
            out[i] = static_cast<float>(v);
            break;
        }
        }
    }
    return out;
}

std::vector<std::int64_t> NpyArray::toInt64() const
{
    const std::size_t n = count();
    std::vector<std::int64_t> out(n);
    const std::byte* p = data.data();
    for (std::size_t i = 0; i < n; ++i) {
        switch (type) {
        case NpyType::Int32: {
            std::int32_t v;
            std::memcpy(&v, p + 4 * i, 4);
            out[i] = v;
            break;
        }
        case NpyType::Int64: std::memcpy(&out[i], p + 8 * i, 8); break;
        default: throw Error("the .npy array holds floating-point values, not integers");
        }
    }
    return out;
}

NpyArray parseNpy(std::string_view bytes)
{
    if (bytes.size() < 10 || bytes.substr(0, 6) != kMagic)
        throw Error("not a .npy file (the magic string \\x93NUMPY is missing)");
    const int major = static_cast<unsigned char>(bytes[6]);
    std::size_t headerLength = 0;
    std::size_t headerStart = 0;
    if (major == 1) {
        headerLength = static_cast<unsigned char>(bytes[8]) | (static_cast<unsigned char>(bytes[9]) << 8);
        headerStart = 10;
    } else if (major == 2 || major == 3) {
        if (bytes.size() < 12)
            throw Error(".npy file ends inside its header");
        std::uint32_t len;
        std::memcpy(&len, bytes.data() + 8, 4);
        headerLength = len;
        headerStart = 12;
    } else {
        throw Error(".npy format version " + std::to_string(major) + " is not supported");
    }
    if (headerStart + headerLength > bytes.size())
        throw Error(".npy header length " + std::to_string(headerLength) + " runs past the end of the file");
    const std::string header(bytes.substr(headerStart, headerLength));

    NpyArray array;
    std::string descr = headerValue(header, "descr");
    array.type = parseDescr(descr.substr(1, descr.size() - 2));
    if (headerValue(header, "fortran_order") != "False")
        throw Error("Fortran-ordered .npy arrays are not supported", "save with numpy.ascontiguousarray first");
    const std::string shapeText = headerValue(header, "shape");
    std::size_t count = 1;
    {
        std::string inner = shapeText.substr(1, shapeText.size() - 2);
        std::stringstream stream(inner);
        std::string part;
        while (std::getline(stream, part, ',')) {
            part.erase(std::remove_if(part.begin(), part.end(), ::isspace), part.end());
            if (part.empty())
                continue;
            if (!std::all_of(part.begin(), part.end(), ::isdigit) || part.size() > 12)
                throw Error(".npy shape '" + shapeText + "' is not a tuple of sizes");
            const std::int64_t dim = std::stoll(part);
            array.shape.push_back(dim);
            if (dim != 0 && count > std::numeric_limits<std::size_t>::max() / static_cast<std::size_t>(dim))
                throw Error(".npy shape '" + shapeText + "' is too large");
            count *= static_cast<std::size_t>(dim);
        }
    }
    const std::size_t dataStart = headerStart + headerLength;
    const std::size_t available = bytes.size() - dataStart;
    const std::size_t elementSize = npyElementSize(array.type);
    if (count > available / elementSize || count * elementSize != available)
        throw Error(".npy data holds " + std::to_string(available) + " bytes; the shape " + shapeText + " needs " +
                    std::to_string(count * elementSize));
    array.data.resize(available);
    if (available > 0)
        std::memcpy(array.data.data(), bytes.data() + dataStart, available);
    return array;
}

NpyArray readNpy(const std::filesystem::path& path)
{
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw Error("cannot open " + path.string());
    std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    try {
        return parseNpy(bytes);
    } catch (const Error& e) {
        throw e.within(path.string() + ": ");
    }
}

void writeNpy(const std::filesystem::path& path, NpyType type, const std::vector<std::int64_t>& dims,
              const std::function<void(std::ostream&)>& writeData)
{
    std::string shape = "(";
    for (std::size_t i = 0; i < dims.size(); ++i)
        shape += std::to_string(dims[i]) + (dims.size() == 1 || i + 1 < dims.size() ? "," : "");
    shape += ")";
    std::string header =
        "{'descr': '" + std::string(typeDescr(type)) + "', 'fortran_order': False, 'shape': " + shape + ", }";
    // NumPy pads the header with spaces and a newline so that the data starts on a 64-byte boundary.
    const std::size_t unpadded = 10 + header.size() + 1;
    header.append((64 - unpadded % 64) % 64, ' ');
    header.push_back('\n');

    const std::filesystem::path temporary = path.string() + ".part";
    {
        std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
        if (!out)
            throw Error("cannot write " + temporary.string());
        out.write(kMagic.data(), kMagic.size());
        const char version[2] = {1, 0};
        out.write(version, 2);
        const std::uint16_t len = static_cast<std::uint16_t>(header.size());
        const char lenBytes[2] = {static_cast<char>(len & 0xff), static_cast<char>(len >> 8)};
        out.write(lenBytes, 2);
        out.write(header.data(), static_cast<std::streamsize>(header.size()));
        writeData(out);
        if (!out.flush()) {
            out.close();
            std::error_code ignored;
            std::filesystem::remove(temporary, ignored);
            throw Error("writing " + temporary.string() + " failed (disk full?)");
        }
    }
    std::error_code ec;
    std::filesystem::rename(temporary, path, ec);
    if (ec)
        throw Error("cannot rename " + temporary.string() + " to " + path.string() + ": " + ec.message());
}

void writeNpy(const std::filesystem::path& path, const NpyArray& array)
{
    if (array.count() * npyElementSize(array.type) != array.data.size())
        throw Error("writeNpy: the data does not match the shape");
    writeNpy(path, array.type, array.shape, [&](std::ostream& out) {
        out.write(reinterpret_cast<const char*>(array.data.data()), static_cast<std::streamsize>(array.data.size()));
    });
}

void writeNpy(const std::filesystem::path& path, const float* values, std::vector<std::int64_t> shape)
{
    NpyArray array;
    array.type = NpyType::Float32;
    array.shape = std::move(shape);
    array.data.resize(array.count() * 4);
    if (!array.data.empty())
        std::memcpy(array.data.data(), values, array.data.size());
    writeNpy(path, array);
}

} // namespace rscir
