#include "core/clip/detail/checkpoint.h"

#include "core/clip/pickle.h"
#include "core/base/error.h"

#include <caffe2/serialize/inline_container.h>
#include <nlohmann/json.hpp>
#include <torch/script.h>

#include <algorithm>
#include <fstream>
#include <map>

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

Checkpoint openTorchZip(const std::filesystem::path& path, std::uint64_t fileSize)
{
    std::shared_ptr<caffe2::serialize::PyTorchStreamReader> reader;
    try {
        reader = std::make_shared<caffe2::serialize::PyTorchStreamReader>(path.string());
    } catch (const c10::Error& e) {
        throw Error(path.string() + " is a zip file but not a PyTorch archive: " + e.what_without_backtrace());
    }
    if (reader->hasRecord("constants.pkl") || reader->hasRecord("code/__torch__.py") ||
        reader->hasRecord("bytecode.pkl")) {
        // A TorchScript archive, like OpenAI's own releases: let libtorch load it.
        Checkpoint checkpoint;
        checkpoint.path = path;
        checkpoint.format = "torchscript";
        std::shared_ptr<torch::jit::Module> module;
        try {
            module = std::make_shared<torch::jit::Module>(torch::jit::load(path.string(), torch::kCPU));
        } catch (const c10::Error& e) {
            throw Error(path.string() +
                        ": libtorch cannot load this TorchScript archive: " + e.what_without_backtrace());
        }
        checkpoint.keepAlive = module;
        const auto add = [&](const std::string& name, const torch::Tensor& value) {
            StoredTensor tensor;
            tensor.name = name;
            tensor.shape = value.sizes().vec();
            tensor.dtype = value.scalar_type();
            tensor.readInto = [value](torch::Tensor& destination) { destination.copy_(value); };
            checkpoint.tensors.push_back(std::move(tensor));
        };
        for (const auto& p : module->named_parameters(true))
            add(p.name, p.value);
        for (const auto& b : module->named_buffers(true))
            add(b.name, b.value);
        return checkpoint;
    }
    if (!reader->hasRecord("data.pkl"))
        throw Error(path.string() + ": the archive has no data.pkl", "this is not a torch.save checkpoint");
    at::DataPtr pickleData;
    std::size_t pickleSize = 0;
    try {
        std::tie(pickleData, pickleSize) = reader->getRecord("data.pkl");
    } catch (const c10::Error& e) {
        throw Error(path.string() + ": cannot read data.pkl: " + e.what_without_backtrace());
    }
    const auto document = pickle::load({static_cast<const char*>(pickleData.get()), pickleSize});
    const pickle::Value* dict = stateDict(*document->root);
    if (!dict)
        throw Error(path.string() + " does not hold a state dict (a mapping of names to tensors)");

    Checkpoint checkpoint;
    checkpoint.path = path;
    checkpoint.format = "pytorch";
    checkpoint.keepAlive = reader;
    for (const auto& [key, value] : dict->entries) {
        if (key->kind != pickle::Value::Kind::String || value->kind != pickle::Value::Kind::Tensor)
            continue;
        const pickle::TensorRecord& record = value->tensor;
        const std::string where = path.string() + ": tensor " + key->text;
        const std::string recordName = "data/" + record.storageKey;
        if (!reader->hasRecord(recordName))
            throw Error(where + " refers to " + recordName + ", which the archive lacks",
                        "the file is truncated or damaged");
        StoredTensor tensor;
        tensor.name = key->text;
        tensor.shape = record.sizes;
        tensor.dtype = storageType(record.storageType);
        const std::uint64_t elementSize = torch::elementSize(tensor.dtype);
        std::uint64_t offset = 0;
        try {
            offset = reader->getRecordOffset(recordName);
        } catch (const c10::Error& e) {
            throw Error(where + ": " + e.what_without_backtrace());
        }
        const std::uint64_t storageBytes = static_cast<std::uint64_t>(record.storageNumel) * elementSize;
        if (record.storageNumel > (std::int64_t(1) << 40) || offset > fileSize || storageBytes > fileSize - offset)
            throw Error(where + ": its storage of " + std::to_string(storageBytes) +
                            " bytes runs past the end of the file",
                        "the file is truncated or damaged");
        // The furthest element the view touches must lie inside its storage.
        std::int64_t extent = record.storageOffset;
        const std::int64_t numel = elementCount(record.sizes);
        for (std::size_t d = 0; d < record.sizes.size(); ++d)
            if (record.sizes[d] > 0)
                extent += (record.sizes[d] - 1) * record.strides[d];
        if (record.storageOffset < 0 || (numel > 0 && extent >= record.storageNumel))
            throw Error(where + " reaches outside its storage");
        bool contiguous = true;
        for (std::int64_t d = static_cast<std::int64_t>(record.sizes.size()) - 1, expected = 1; d >= 0; --d) {
            const auto i = static_cast<std::size_t>(d);
            if (record.sizes[i] != 1 && record.strides[i] != expected)
                contiguous = false;
            expected *= record.sizes[i];
        }
        tensor.readInto = [path, offset, elementSize, record, contiguous, dtype = tensor.dtype,
                           numel](torch::Tensor& destination) {
            if (contiguous) {
                readRaw(path, offset + static_cast<std::uint64_t>(record.storageOffset) * elementSize,
                        static_cast<std::uint64_t>(numel) * elementSize, dtype, destination);
            } else {
                torch::Tensor storage = torch::empty({record.storageNumel}, torch::TensorOptions().dtype(dtype));
                readRaw(path, offset, static_cast<std::uint64_t>(record.storageNumel) * elementSize, dtype, storage);
                destination.copy_(storage.as_strided(record.sizes, record.strides, record.storageOffset));
            }
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
