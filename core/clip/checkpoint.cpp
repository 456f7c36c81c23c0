#include "core/clip/detail/checkpoint.h"

#include "core/clip/pickle.h"
#include "core/clip/zip_directory.h"
#include "core/base/error.h"

#include <nlohmann/json.hpp>
#include <torch/torch.h>
#include <zlib.h>

#include <algorithm>
#include <fstream>
#include <map>
#include <set>

namespace rscir::clip {

namespace {

std::string shapeText(const std::vector<std::int64_t>& shape)
{
    std::string s = "[";
    for (std::size_t i = 0; i < shape.size(); ++i)
        s += (i ? ", " : "") + std::to_string(shape[i]);
    return s + "]";
}

std::int64_t elementCount(const std::vector<std::int64_t>& shape)
{
    std::int64_t n = 1;
    for (auto d : shape) {
        if (d < 0 || (d > 0 && n > (std::int64_t(1) << 40) / d))
            throw Error("a tensor shape " + shapeText(shape) + " is impossibly large");
        n *= d;
    }
    return n;
}

/// Reads `bytes` bytes at `offset` of `path` into `destination` (contiguous CPU tensor
/// of type `stored`), converting to the destination's type through one temporary tensor
/// of that single tensor's size when the types differ.
void readRaw(const std::filesystem::path& path, std::uint64_t offset, std::uint64_t bytes, torch::ScalarType stored,
             torch::Tensor& destination)
{
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw Error("cannot open " + path.string());
    torch::Tensor target = destination.scalar_type() == stored && destination.is_contiguous()
                               ? destination
                               : torch::empty(destination.sizes(), torch::TensorOptions().dtype(stored));
    if (static_cast<std::uint64_t>(target.nbytes()) != bytes)
        throw Error(path.string() + ": a tensor's data is " + std::to_string(bytes) + " bytes; its shape needs " +
                    std::to_string(target.nbytes()));
    in.seekg(static_cast<std::streamoff>(offset));
    in.read(static_cast<char*>(target.data_ptr()), static_cast<std::streamsize>(bytes));
    if (static_cast<std::uint64_t>(in.gcount()) != bytes)
        throw Error(path.string() + " ends inside a tensor's data", "the file is truncated; download it again");
    if (!target.is_same(destination))
        destination.copy_(target);
}

torch::ScalarType safetensorsType(const std::string& dtype, const std::string& where)
{
    if (dtype == "F32")
        return torch::kFloat;
    if (dtype == "F16")
        return torch::kHalf;
    if (dtype == "BF16")
        return torch::kBFloat16;
    if (dtype == "F64")
        return torch::kDouble;
    if (dtype == "I64")
        return torch::kLong;
    if (dtype == "I32")
        return torch::kInt;
    throw Error(where + ": tensor type " + dtype + " is not supported", "CLIP weights are F32, F16 or BF16");
}

Checkpoint openSafetensors(const std::filesystem::path& path, std::uint64_t fileSize)
{
    std::ifstream in(path, std::ios::binary);
    std::uint64_t headerLength = 0;
    unsigned char lengthBytes[8] = {};
    in.read(reinterpret_cast<char*>(lengthBytes), 8);
    for (int i = 7; i >= 0; --i)
        headerLength = (headerLength << 8) | lengthBytes[i];
    if (!in || headerLength > fileSize - 8 || headerLength > (100u << 20))
        throw Error(path.string() + ": the safetensors header length " + std::to_string(headerLength) +
                        " runs past the end of the file (" + std::to_string(fileSize) + " bytes)",
                    "the file is truncated or not a safetensors file");
    std::string header(static_cast<std::size_t>(headerLength), '\0');
    in.read(header.data(), static_cast<std::streamsize>(headerLength));
    const auto json = nlohmann::json::parse(header, nullptr, false);
    if (!json.is_object())
        throw Error(path.string() + ": the safetensors header is not a JSON object");

    Checkpoint checkpoint;
    checkpoint.path = path;
    checkpoint.format = "safetensors";
    const std::uint64_t dataStart = 8 + headerLength;
    std::vector<std::pair<std::uint64_t, std::uint64_t>> ranges;
    for (const auto& [name, info] : json.items()) {
        if (name == "__metadata__")
            continue;
        const std::string where = path.string() + ": tensor " + name;
        if (!info.is_object() || !info.contains("dtype") || !info.contains("shape") || !info.contains("data_offsets") ||
            !info["dtype"].is_string() || !info["shape"].is_array() || !info["data_offsets"].is_array() ||
            info["data_offsets"].size() != 2)
            throw Error(where + " lacks dtype, shape or data_offsets");
        StoredTensor tensor;
        tensor.name = name;
        tensor.dtype = safetensorsType(info["dtype"].get<std::string>(), where);
        for (const auto& d : info["shape"]) {
            if (!d.is_number_integer() || d.get<std::int64_t>() < 0)
                throw Error(where + " has a shape that is not a list of sizes");
            tensor.shape.push_back(d.get<std::int64_t>());
        }
        const auto& offsets = info["data_offsets"];
        if (!offsets[0].is_number_unsigned() || !offsets[1].is_number_unsigned())
            throw Error(where + " has data offsets that are not non-negative integers");
        const std::uint64_t begin = offsets[0].get<std::uint64_t>();
        const std::uint64_t end = offsets[1].get<std::uint64_t>();
        if (end < begin || end > fileSize - dataStart)
            throw Error(where + " has data offsets [" + std::to_string(begin) + ", " + std::to_string(end) +
                            "] outside the file's " + std::to_string(fileSize - dataStart) + " data bytes",
                        "the file is truncated or damaged");
        const std::uint64_t needed =
            static_cast<std::uint64_t>(elementCount(tensor.shape)) * torch::elementSize(tensor.dtype);
        if (end - begin != needed)
            throw Error(where + " holds " + std::to_string(end - begin) + " bytes; shape " + shapeText(tensor.shape) +
                        " needs " + std::to_string(needed));
        ranges.emplace_back(begin, end);
        tensor.readInto = [path, offset = dataStart + begin, bytes = end - begin, dtype = tensor.dtype](
                              torch::Tensor& destination) { readRaw(path, offset, bytes, dtype, destination); };
        checkpoint.tensors.push_back(std::move(tensor));
    }
    std::sort(ranges.begin(), ranges.end());
    for (std::size_t i = 1; i < ranges.size(); ++i)
        if (ranges[i].first < ranges[i - 1].second)
            throw Error(path.string() + ": two tensors' data overlap", "the file is damaged");
    const std::uint64_t last = ranges.empty() ? 0 : ranges.back().second;
    if (dataStart + last != fileSize)
        throw Error(path.string() + ": the header describes " + std::to_string(dataStart + last) +
                        " bytes but the file has " + std::to_string(fileSize),
                    "the file is truncated or damaged");
    return checkpoint;
}

torch::ScalarType storageType(const std::string& name)
{
    static const std::map<std::string, torch::ScalarType> types = {
        {"FloatStorage", torch::kFloat},   {"HalfStorage", torch::kHalf}, {"BFloat16Storage", torch::kBFloat16},
        {"DoubleStorage", torch::kDouble}, {"LongStorage", torch::kLong}, {"IntStorage", torch::kInt},
        {"ShortStorage", torch::kShort},   {"CharStorage", torch::kChar}, {"ByteStorage", torch::kByte},
        {"BoolStorage", torch::kBool},
    };
    const auto it = types.find(name);
    if (it == types.end())
        throw Error("storage type " + name + " is not supported");
    return it->second;
}

const pickle::Value* stateDict(const pickle::Value& root)
{
    if (root.kind != pickle::Value::Kind::Dict)
        return nullptr;
    // A training checkpoint wraps the state dict ({"state_dict": ...} or {"model": ...});
    // a few levels at most (a hostile pickle can nest, or point a dict at itself).
    const pickle::Value* dict = &root;
    for (int level = 0; level < 8; ++level) {
        const pickle::Value* inner = nullptr;
        for (const auto& [key, value] : dict->entries)
            if (key->kind == pickle::Value::Kind::String && (key->text == "state_dict" || key->text == "model") &&
                value->kind == pickle::Value::Kind::Dict) {
                inner = value;
                break;
            }
        if (!inner)
            return dict;
        dict = inner;
    }
    return dict;
}

/// The tensors of a TorchScript module: its attributes, by dotted name ("visual.conv1.weight"),
/// found by walking the objects its data.pkl builds (a few dozen levels at most).
void collectModuleTensors(const pickle::Value& object, const std::string& prefix, int depth,
                          std::vector<std::pair<std::string, const pickle::TensorRecord*>>& out,
                          std::set<const pickle::Value*>& visited)
{
    // Each object once (a hostile pickle can make objects point at each other), a few
    // dozen levels, names and counts of a sane size.
    if (depth > 32 || !visited.insert(&object).second)
        return;
    for (const auto& [key, value] : object.entries) {
        if (key->kind != pickle::Value::Kind::String || prefix.size() + key->text.size() > 1024)
            continue;
        if (out.size() >= 100000)
            throw Error("the TorchScript archive names more than 100,000 tensors");
        if (value->kind == pickle::Value::Kind::Tensor)
            out.emplace_back(prefix + key->text, value->tensor.get());
        else if (value->kind == pickle::Value::Kind::Object)
            collectModuleTensors(*value, prefix + key->text + ".", depth + 1, out, visited);
    }
}

std::uint32_t crcOf(const void* data, std::uint64_t bytes)
{
    uLong crc = crc32(0L, Z_NULL, 0);
    const auto* p = static_cast<const Bytef*>(data);
    while (bytes > 0) {
        const uInt n = static_cast<uInt>(std::min<std::uint64_t>(bytes, 1u << 30));
        crc = crc32(crc, p, n);
        p += n;
        bytes -= n;
    }
    return static_cast<std::uint32_t>(crc);
}

/// A torch.save zip, or a TorchScript archive (OpenAI's releases), read through this
/// project's own zip directory and pickle readers: no TorchScript is parsed or compiled,
/// so a hostile archive can only give an error. Every record's size is checked against
/// what the pickle asks for, and its CRC-32 when it is read.
Checkpoint openTorchZip(const std::filesystem::path& path, std::uint64_t)
{
    const auto records = zip::readDirectory(path);
    const bool torchScript = records.count("constants.pkl") || records.count("bytecode.pkl") ||
                             std::any_of(records.begin(), records.end(),
                                         [](const auto& r) { return r.first.rfind("code/", 0) == 0; });
    const auto pickleRecord = records.find("data.pkl");
    if (pickleRecord == records.end())
        throw Error(path.string() + ": the archive has no data.pkl", "this is not a torch.save checkpoint");
    if (!pickleRecord->second.stored || pickleRecord->second.size > (4u << 20))
        throw Error(path.string() + ": its data.pkl is " +
                        (pickleRecord->second.stored ? std::to_string(pickleRecord->second.size) + " bytes"
                                                     : std::string("compressed")) +
                        "; a checkpoint's is a few hundred KiB, stored",
                    "the file is damaged or not a PyTorch checkpoint");
    std::string pickleBytes(static_cast<std::size_t>(pickleRecord->second.size), '\0');
    {
        std::ifstream in(path, std::ios::binary);
        in.seekg(static_cast<std::streamoff>(pickleRecord->second.dataOffset));
        in.read(pickleBytes.data(), static_cast<std::streamsize>(pickleBytes.size()));
        if (static_cast<std::size_t>(in.gcount()) != pickleBytes.size())
            throw Error(path.string() + " ends inside its data.pkl", "the file is truncated");
    }
    if (crcOf(pickleBytes.data(), pickleBytes.size()) != pickleRecord->second.crc)
        throw Error(path.string() + ": its data.pkl fails its checksum", "the file is damaged; download it again");
    const auto document = [&] {
        try {
            return pickle::load(pickleBytes);
        } catch (const Error& e) {
            if (e.code() != ErrorCode::PickledModel)
                throw;
            // The file it is about, in front of the sentence and as the first argument.
            throw Error(ErrorCode::PickledModel, {path.string(), e.args().at(1), e.args().at(2)},
                        path.string() + ": " + e.message(), e.hint());
        }
    }();

    std::vector<std::pair<std::string, const pickle::TensorRecord*>> named;
    if (torchScript) {
        if (document->root->kind != pickle::Value::Kind::Object)
            throw Error(path.string() + ": the TorchScript archive does not hold a module");
        std::set<const pickle::Value*> visited;
        collectModuleTensors(*document->root, "", 0, named, visited);
    } else {
        const pickle::Value* dict = stateDict(*document->root);
        if (!dict)
            throw Error(path.string() + " does not hold a state dict (a mapping of names to tensors)");
        for (const auto& [key, value] : dict->entries)
            if (key->kind == pickle::Value::Kind::String && value->kind == pickle::Value::Kind::Tensor)
                named.emplace_back(key->text, value->tensor.get());
    }

    Checkpoint checkpoint;
    checkpoint.path = path;
    checkpoint.format = torchScript ? "torchscript" : "pytorch";
    for (const auto& [name, recordPointer] : named) {
        const pickle::TensorRecord& record = *recordPointer;
        const std::string where = path.string() + ": tensor " + name;
        const auto stored = records.find("data/" + record.storageKey);
        if (stored == records.end())
            throw Error(where + " refers to data/" + record.storageKey + ", which the archive lacks",
                        "the file is truncated or damaged");
        const zip::Record zipRecord = stored->second;
        StoredTensor tensor;
        tensor.name = name;
        tensor.shape = record.sizes;
        tensor.dtype = storageType(record.storageType);
        const std::uint64_t elementSize = torch::elementSize(tensor.dtype);
        if (record.storageNumel > (std::int64_t(1) << 40) || !zipRecord.stored ||
            zipRecord.size != static_cast<std::uint64_t>(record.storageNumel) * elementSize)
            throw Error(where + ": its storage record holds " + std::to_string(zipRecord.size) + " bytes" +
                            (zipRecord.stored ? "" : " (compressed)") + "; the pickle asks for " +
                            std::to_string(static_cast<std::uint64_t>(record.storageNumel) * elementSize),
                        "the file is truncated or damaged");
        // The furthest element the view touches must lie inside its storage (computed without
        // overflow), and a view may not hold more elements than its storage (stride-0 views
        // of a tiny storage could otherwise describe gigabytes).
        if (record.storageOffset < 0 || record.storageOffset > record.storageNumel)
            throw Error(where + " starts outside its storage");
        std::int64_t numel = 1;
        std::int64_t extent = record.storageOffset;
        bool overflow = false;
        for (std::size_t d = 0; d < record.sizes.size(); ++d) {
            std::int64_t step = 0;
            overflow = overflow || __builtin_mul_overflow(numel, record.sizes[d], &numel);
            if (record.sizes[d] > 0) {
                overflow = overflow || record.strides[d] < 0 ||
                           __builtin_mul_overflow(record.sizes[d] - 1, record.strides[d], &step) ||
                           __builtin_add_overflow(extent, step, &extent);
            }
        }
        if (overflow || numel > record.storageNumel || (numel > 0 && extent >= record.storageNumel))
            throw Error(where + " reaches outside its storage");
        tensor.readInto = [path, zipRecord, record, where, dtype = tensor.dtype](torch::Tensor& destination) {
            torch::Tensor storage = torch::empty({record.storageNumel}, torch::TensorOptions().dtype(dtype));
            readRaw(path, zipRecord.dataOffset, zipRecord.size, dtype, storage);
            if (crcOf(storage.data_ptr(), zipRecord.size) != zipRecord.crc)
                throw Error(where + ": its data fails its checksum", "the file is damaged; download it again");
            destination.copy_(storage.as_strided(record.sizes, record.strides, record.storageOffset));
        };
        checkpoint.tensors.push_back(std::move(tensor));
    }
    return checkpoint;
}

} // namespace

Checkpoint openCheckpoint(const std::filesystem::path& path)
{
    std::error_code ec;
    if (!std::filesystem::is_regular_file(path, ec))
        throw Error("model checkpoint " + path.string() + " does not exist or is not a file");
    const std::uint64_t fileSize = std::filesystem::file_size(path, ec);
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw Error("cannot open " + path.string(), "check the file's permissions");
    unsigned char head[16] = {};
    in.read(reinterpret_cast<char*>(head), sizeof head);
    const std::size_t got = static_cast<std::size_t>(in.gcount());
    in.close();

    Checkpoint checkpoint;
    if (got >= 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4) {
        checkpoint = openTorchZip(path, fileSize);
    } else if (got >= 3 && head[0] == 0x80 && head[1] <= 5 && head[2] == 0x8a) {
        throw Error(path.string() + " is a PyTorch checkpoint in the legacy format of PyTorch before 1.6",
                    "convert it once in Python: torch.save(torch.load(old), new) writes the current zip format");
    } else if (got >= 9 && head[8] == '{') {
        checkpoint = openSafetensors(path, fileSize);
    } else if (got < 9) {
        throw Error(path.string() + " is too short (" + std::to_string(fileSize) + " bytes) to be a checkpoint");
    } else {
        throw Error(path.string() + " is not a model checkpoint",
                    "supported: .safetensors, PyTorch .pt/.bin (torch.save), TorchScript archives");
    }

    // Strip a DataParallel "module." prefix when every key has it.
    const bool prefixed = !checkpoint.tensors.empty() &&
                          std::all_of(checkpoint.tensors.begin(), checkpoint.tensors.end(),
                                      [](const StoredTensor& t) { return t.name.rfind("module.", 0) == 0; });
    if (prefixed)
        for (auto& t : checkpoint.tensors)
            t.name.erase(0, 7);
    return checkpoint;
}

} // namespace rscir::clip
