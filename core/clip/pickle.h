#pragma once
/// \file
/// The subset of Python's pickle format (protocols 2-5) that `torch.save` writes for
/// state dicts: containers, numbers, strings, and the few globals that rebuild tensors.
/// Anything else is refused by name; nothing is executed. Internal to core/clip.

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace rscir::pickle {

/// A tensor as `torch._utils._rebuild_tensor_v2` describes it: a view into a storage.
struct TensorRecord {
    std::string storageKey; ///< name of the storage record in the archive (data/<key>)
    std::string storageType; ///< "FloatStorage", "HalfStorage", ...
    std::int64_t storageNumel = 0;
    std::int64_t storageOffset = 0; ///< in elements
    std::vector<std::int64_t> sizes;
    std::vector<std::int64_t> strides;
};

struct Value;
using ValuePtr = std::shared_ptr<Value>;

struct Value {
    enum class Kind { None, Bool, Int, Float, String, Bytes, Tuple, List, Dict, Global, Storage, Tensor };
    Kind kind = Kind::None;
    std::int64_t integer = 0;
    double real = 0;
    std::string text; ///< String, Bytes, or "module.name" of a Global
    std::vector<ValuePtr> items; ///< Tuple, List
    std::vector<std::pair<ValuePtr, ValuePtr>> entries; ///< Dict, in insertion order
    TensorRecord tensor; ///< Tensor, Storage (key, type, numel)
};

/// Parses one pickle; throws rscir::Error naming the problem (unknown opcode or global,
/// truncated data, a malformed tensor record).
ValuePtr load(std::string_view data);

} // namespace rscir::pickle
