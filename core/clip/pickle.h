#pragma once
/// \file
/// The subset of Python's pickle format (protocols 2-5) that `torch.save` writes for
/// state dicts, and that a TorchScript archive's data.pkl uses for a module's attributes:
/// containers, numbers, strings, the few globals that rebuild tensors, and TorchScript
/// classes (`__torch__.…`), which become objects holding their attributes. Anything else
/// is refused by name; nothing is executed and no TorchScript code is compiled.
/// Internal to core/clip.

#include <cstdint>
#include <deque>
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
/// Values point at each other without owning: a Document owns them all, so that deep
/// nesting or a cycle (which a hostile pickle can build) is freed without recursion.
using ValuePtr = Value*;

struct Value {
    /// Object: an instance of a TorchScript class; its attributes are `entries`.
    enum class Kind { None, Bool, Int, Float, String, Bytes, Tuple, List, Dict, Global, Storage, Tensor, Object };
    Kind kind = Kind::None;
    union {
        std::int64_t integer = 0; ///< Bool, Int
        double real; ///< Float
    };
    std::string text; ///< String, Bytes, or "module.name" of a Global
    std::vector<ValuePtr> items; ///< Tuple, List
    std::vector<std::pair<ValuePtr, ValuePtr>> entries; ///< Dict, in insertion order
    std::unique_ptr<TensorRecord> tensor; ///< Tensor, Storage (key, type, numel); out of line to keep Value small
};

/// The values of one pickle and the one it returns.
struct Document {
    std::deque<Value> values; ///< stable addresses, one allocation per block of values
    const Value* root = nullptr;
};

/// Parses one pickle; throws rscir::Error naming the problem (unknown opcode or global,
/// truncated data, a malformed tensor record, more objects than a pickle of its size can
/// describe). Memory stays within about 40 times the pickle's size (one object per 4 bytes
/// at most, each about 100 bytes); checkpoint readers refuse a data.pkl over 4 MiB (a real
/// CLIP state dict's is about 100 KiB), so a hostile one costs at most ~170 MiB.
std::unique_ptr<Document> load(std::string_view data);

} // namespace rscir::pickle
