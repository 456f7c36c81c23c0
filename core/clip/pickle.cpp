#include "core/clip/pickle.h"

#include "core/base/error.h"

#include <cstring>
#include <set>

namespace rscir::pickle {

namespace {

/// Globals a state-dict pickle may name. Each is interpreted, never looked up or run.
const std::set<std::string>& allowedGlobals()
{
    static const std::set<std::string> names = {
        "collections.OrderedDict",
        "torch._utils._rebuild_tensor_v2",
        "torch._utils._rebuild_tensor",
        "torch._utils._rebuild_parameter",
        "torch._utils._rebuild_parameter_with_state",
        "torch._tensor._rebuild_from_type_v2",
        "torch.nn.parameter.Parameter",
        "torch.FloatStorage",
        "torch.HalfStorage",
        "torch.BFloat16Storage",
        "torch.DoubleStorage",
        "torch.LongStorage",
        "torch.IntStorage",
        "torch.ShortStorage",
        "torch.CharStorage",
        "torch.ByteStorage",
        "torch.BoolStorage",
        "builtins.set",
        "__builtin__.set",
    };
    return names;
}

class Unpickler {
public:
    Unpickler(std::string_view data, Document& document)
        : m_data(data), m_document(document), m_limit(16384 + data.size() / 4)
    {
    }

    ValuePtr run()
    {
        while (true) {
            const std::uint8_t op = byte();
            switch (op) {
            case 0x80: byte(); break; // PROTO
            case 0x95: bytes(8); break; // FRAME
            case '.': // STOP
                if (m_stack.empty())
                    fail("the pickle stops with an empty stack");
                return m_stack.back();
            case '(': m_marks.push_back(m_stack.size()); break;
            case '}': push(make(Value::Kind::Dict)); break;
            case ']': push(make(Value::Kind::List)); break;
            case ')': push(make(Value::Kind::Tuple)); break;
            case 'N': push(make(Value::Kind::None)); break;
            case 0x88:
            case 0x89: {
                auto v = make(Value::Kind::Bool);
                v->integer = op == 0x88;
                push(v);
                break;
            }
            case 'K': pushInt(byte()); break;
            case 'M': pushInt(static_cast<std::uint16_t>(little(2))); break;
            case 'J': pushInt(static_cast<std::int32_t>(static_cast<std::uint32_t>(little(4)))); break;
            case 0x8a: { // LONG1
                const std::size_t n = byte();
                if (n > 8)
                    fail("an integer of " + std::to_string(n) + " bytes is too large");
                const std::string_view b = bytes(n);
                std::uint64_t value = 0;
                for (std::size_t i = 0; i < n; ++i)
                    value |= static_cast<std::uint64_t>(static_cast<std::uint8_t>(b[i])) << (8 * i);
                if (n > 0 && n < 8 && (static_cast<std::uint8_t>(b[n - 1]) & 0x80))
                    value |= ~0ull << (8 * n); // sign-extend
                pushInt(static_cast<std::int64_t>(value));
                break;
            }
            case 'G': { // BINFLOAT, big endian
                const std::string_view b = bytes(8);
                std::uint64_t bits = 0;
                for (int i = 0; i < 8; ++i)
                    bits = (bits << 8) | static_cast<std::uint8_t>(b[static_cast<std::size_t>(i)]);
                auto v = make(Value::Kind::Float);
                std::memcpy(&v->real, &bits, 8);
                push(v);
                break;
            }
            case 'X': pushString(Value::Kind::String, little(4)); break;
            case 0x8c: pushString(Value::Kind::String, byte()); break;
            case 0x8d: pushString(Value::Kind::String, little(8)); break;
            case 'B': pushString(Value::Kind::Bytes, little(4)); break;
            case 'C': pushString(Value::Kind::Bytes, byte()); break;
            case 0x8e: pushString(Value::Kind::Bytes, little(8)); break;
            case 'q': memo(byte()); break;
            case 'r': memo(little(4)); break;
            case 0x94: memo(m_memo.size()); break;
            case 'h': push(recall(byte())); break;
            case 'j': push(recall(little(4))); break;
            case 'c': { // GLOBAL "module\nname\n"
                const std::string module = line();
                const std::string name = line();
                pushGlobal(module + "." + name);
                break;
            }
            case 0x93: { // STACK_GLOBAL
                const ValuePtr name = pop();
                const ValuePtr module = pop();
                if (module->kind != Value::Kind::String || name->kind != Value::Kind::String)
                    fail("STACK_GLOBAL expects two strings");
                if (module->text.size() + name->text.size() > 512)
                    fail("a global's name is too long");
                pushGlobal(module->text + "." + name->text);
                break;
            }
            case 't': {
                auto t = make(Value::Kind::Tuple);
                t->items = popMark();
                push(t);
                break;
            }
            case 0x85:
            case 0x86:
            case 0x87: {
                const std::size_t n = op - 0x84u;
                auto t = make(Value::Kind::Tuple);
                t->items.resize(n);
                for (std::size_t i = n; i-- > 0;)
                    t->items[i] = pop();
                push(t);
                break;
            }
            case 'a': {
                const ValuePtr v = pop();
                listAt(top())->items.push_back(v);
                break;
            }
            case 'e': {
                auto items = popMark();
                auto& list = listAt(top())->items;
                list.insert(list.end(), items.begin(), items.end());
                break;
            }
            case 's': {
                const ValuePtr v = pop();
                const ValuePtr k = pop();
                dictAt(top())->entries.emplace_back(k, v);
                break;
            }
            case 'u': {
                auto items = popMark();
                if (items.size() % 2)
                    fail("SETITEMS with an odd number of items");
                auto dict = dictAt(top());
                for (std::size_t i = 0; i < items.size(); i += 2)
                    dict->entries.emplace_back(items[i], items[i + 1]);
                break;
            }
            case 0x8f: push(make(Value::Kind::List)); break; // EMPTY_SET: a list is enough here
            case 0x90: {
                auto items = popMark();
                auto& list = listAt(top())->items;
                list.insert(list.end(), items.begin(), items.end());
                break;
            } // ADDITEMS
            case 'Q': { // BINPERSID
                const ValuePtr pid = pop();
                push(persistent(pid));
                break;
            }
            case 'R': { // REDUCE
                const ValuePtr args = pop();
                const ValuePtr callable = pop();
                push(reduce(callable, args));
                break;
            }
            case 0x81: { // NEWOBJ
                const ValuePtr args = pop();
                const ValuePtr cls = pop();
                push(reduce(cls, args));
                break;
            }
            case 'b': { // BUILD: a TorchScript object's attributes; other state (a state dict's _metadata) is not needed
                const ValuePtr state = pop();
                ValuePtr& object = top();
                if (object->kind == Value::Kind::Object && state->kind == Value::Kind::Dict) {
                    // Once per object: a recalled dict built into objects again and again would
                    // copy without bound.
                    if (!object->entries.empty())
                        fail("an object is built twice");
                    charge(state->entries.size());
                    object->entries = state->entries;
                }
                break;
            }
            case '0': pop(); break; // POP
            case '2': push(top()); break; // DUP
            case '1': popMark(); break; // POP_MARK
            default: {
                char hex[8];
                std::snprintf(hex, sizeof hex, "0x%02x", op);
                fail(std::string("unsupported pickle opcode ") + hex + " at byte " + std::to_string(m_pos - 1));
            }
            }
        }
    }

private:
    [[noreturn]] void fail(const std::string& what) const
    {
        throw Error("the checkpoint's pickle is malformed: " + what);
    }

    std::uint8_t byte()
    {
        if (m_pos >= m_data.size())
            fail("it ends before its STOP opcode");
        return static_cast<std::uint8_t>(m_data[m_pos++]);
    }
    std::string_view bytes(std::uint64_t n)
    {
        if (n > m_data.size() - m_pos)
            fail("a value of " + std::to_string(n) + " bytes runs past its end");
        const auto out = m_data.substr(m_pos, static_cast<std::size_t>(n));
        m_pos += static_cast<std::size_t>(n);
        return out;
    }
    std::uint64_t little(int n)
    {
        const std::string_view b = bytes(static_cast<std::uint64_t>(n));
        std::uint64_t v = 0;
        for (int i = n; i-- > 0;)
            v = (v << 8) | static_cast<std::uint8_t>(b[static_cast<std::size_t>(i)]);
        return v;
    }
    std::string line()
    {
        const auto end = m_data.find('\n', m_pos);
        if (end == std::string_view::npos)
            fail("a GLOBAL name is not terminated");
        std::string out(m_data.substr(m_pos, end - m_pos));
        m_pos = end + 1;
        return out;
    }

    /// Counts items copied from one value into another against the same budget as objects.
    void charge(std::size_t items)
    {
        m_copied += items;
        if (m_copied > 4 * m_limit)
            fail("it copies more than a pickle of " + std::to_string(m_data.size()) + " bytes can describe");
    }
    // With at most one object per 4 bytes and each under 128 bytes (text and containers
    // hold what the pickle spells out), a pickle costs at most about 40 times its size.
    static_assert(sizeof(Value) <= 112, "a Value grew: recheck the memory bound in pickle.h");
    ValuePtr make(Value::Kind kind)
    {
        // One object per 4 bytes of pickle at most (torch.save and TorchScript pickles use
        // one per 6 to 7 bytes), so memory stays within a fixed multiple of the pickle's size.
        if (m_document.values.size() >= m_limit)
            fail("it builds more objects than a pickle of " + std::to_string(m_data.size()) + " bytes can describe");
        m_document.values.emplace_back();
        m_document.values.back().kind = kind;
        return &m_document.values.back();
    }
    void push(ValuePtr v)
    {
        if (m_stack.size() >= m_limit)
            fail("its stack grows beyond what a pickle of its size needs");
        m_stack.push_back(v);
    }
    void pushInt(std::int64_t i)
    {
        auto v = make(Value::Kind::Int);
        v->integer = i;
        push(v);
    }
    void pushString(Value::Kind kind, std::uint64_t n)
    {
        auto v = make(kind);
        v->text = std::string(bytes(n));
        push(v);
    }
    void pushGlobal(const std::string& name)
    {
        if (!allowedGlobals().count(name) && name.rfind("__torch__.", 0) != 0) {
            // A class of a model library: torch.save(model) pickled the whole module, which
            // only that library's code could rebuild; nothing here runs pickled code.
            const bool module = name.rfind("torch.nn.", 0) == 0 || name.rfind("open_clip.", 0) == 0 ||
                                name.rfind("clip.", 0) == 0 || name.rfind("__main__.", 0) == 0 ||
                                name.find(".model") != std::string::npos || name.find("Model") != std::string::npos;
            const std::string recipe =
                "convert it once with Python: python3 -c \"import torch; torch.save(torch.load('IN.pt', "
                "weights_only=False).state_dict(), 'OUT.pt')\"";
            if (module)
                throw Error(ErrorCode::PickledModel, {std::string(), name, recipe},
                            "the checkpoint is a whole pickled model (it refers to the class " + name +
                                "), not a state dict",
                            recipe);
            throw Error("the checkpoint's pickle refers to " + name + ", which is not part of a state dict", recipe);
        }
        auto v = make(Value::Kind::Global);
        v->text = name;
        push(v);
    }
    ValuePtr pop()
    {
        if (m_stack.empty() || (!m_marks.empty() && m_stack.size() <= m_marks.back()))
            fail("stack underflow");
        ValuePtr v = std::move(m_stack.back());
        m_stack.pop_back();
        return v;
    }
    ValuePtr& top()
    {
        if (m_stack.empty())
            fail("stack underflow");
        return m_stack.back();
    }
    std::vector<ValuePtr> popMark()
    {
        if (m_marks.empty())
            fail("no MARK to pop to");
        const std::size_t mark = m_marks.back();
        m_marks.pop_back();
        if (mark > m_stack.size())
            fail("a MARK points past the stack");
        std::vector<ValuePtr> items(m_stack.begin() + static_cast<std::ptrdiff_t>(mark), m_stack.end());
        m_stack.resize(mark);
        return items;
    }
    void memo(std::uint64_t index)
    {
        if (index > m_limit)
            fail("memo index too large");
        if (m_memo.size() <= index)
            m_memo.resize(static_cast<std::size_t>(index) + 1);
        m_memo[static_cast<std::size_t>(index)] = top();
    }
    ValuePtr recall(std::uint64_t index)
    {
        if (index >= m_memo.size() || !m_memo[static_cast<std::size_t>(index)])
            fail("memo entry " + std::to_string(index) + " is used before it is set");
        return m_memo[static_cast<std::size_t>(index)];
    }
    ValuePtr& listAt(ValuePtr& v)
    {
        if (v->kind != Value::Kind::List)
            fail("APPEND to something that is not a list");
        return v;
    }
    ValuePtr& dictAt(ValuePtr& v)
    {
        if (v->kind != Value::Kind::Dict)
            fail("SETITEM on something that is not a dict");
        return v;
    }

    static std::int64_t intAt(const ValuePtr& tuple, std::size_t i)
    {
        if (tuple->items.size() <= i || tuple->items[i]->kind != Value::Kind::Int)
            throw Error("the checkpoint's pickle is malformed: a tensor record lacks an integer at position " +
                        std::to_string(i));
        return tuple->items[i]->integer;
    }
    static std::vector<std::int64_t> intsAt(const ValuePtr& tuple, std::size_t i)
    {
        if (tuple->items.size() <= i || tuple->items[i]->kind != Value::Kind::Tuple)
            throw Error("the checkpoint's pickle is malformed: a tensor record lacks a size tuple");
        std::vector<std::int64_t> out;
        if (tuple->items[i]->items.size() > 64)
            throw Error("the checkpoint's pickle is malformed: a tensor has more than 64 dimensions");
        for (const auto& item : tuple->items[i]->items) {
            if (item->kind != Value::Kind::Int || item->integer < 0)
                throw Error("the checkpoint's pickle is malformed: a tensor size is not a non-negative integer");
            out.push_back(item->integer);
        }
        return out;
    }

    ValuePtr persistent(const ValuePtr& pid)
    {
        // ('storage', torch.FloatStorage, key, location, numel)
        if (pid->kind != Value::Kind::Tuple || pid->items.size() < 5 || pid->items[0]->kind != Value::Kind::String ||
            pid->items[0]->text != "storage" || pid->items[1]->kind != Value::Kind::Global ||
            pid->items[2]->kind != Value::Kind::String)
            fail("a persistent id is not a storage reference");
        auto v = make(Value::Kind::Storage);
        v->tensor = std::make_unique<TensorRecord>();
        v->tensor->storageType = pid->items[1]->text.substr(pid->items[1]->text.rfind('.') + 1);
        if (pid->items[2]->text.size() > 256)
            fail("a storage key is too long");
        v->tensor->storageKey = pid->items[2]->text;
        v->tensor->storageNumel = intAt(pid, 4);
        if (v->tensor->storageNumel < 0)
            fail("a storage has a negative size");
        return v;
    }

    ValuePtr reduce(const ValuePtr& callable, const ValuePtr& args, int depth = 0)
    {
        if (depth > 4)
            fail("tensor rebuilds are nested too deeply");
        if (callable->kind != Value::Kind::Global || args->kind != Value::Kind::Tuple)
            fail("REDUCE needs a global and an argument tuple");
        const std::string& name = callable->text;
        if (name.rfind("__torch__.", 0) == 0)
            return make(Value::Kind::Object); // filled by BUILD
        if (name == "collections.OrderedDict")
            return make(Value::Kind::Dict);
        if (name == "builtins.set" || name == "__builtin__.set")
            return make(Value::Kind::List);
        if (name == "torch._utils._rebuild_tensor_v2" || name == "torch._utils._rebuild_tensor") {
            if (args->items.empty() || args->items[0]->kind != Value::Kind::Storage)
                fail("a tensor is rebuilt from something that is not a storage");
            auto t = make(Value::Kind::Tensor);
            t->tensor = std::make_unique<TensorRecord>(*args->items[0]->tensor);
            t->tensor->storageOffset = intAt(args, 1);
            t->tensor->sizes = intsAt(args, 2);
            t->tensor->strides = intsAt(args, 3);
            if (t->tensor->sizes.size() != t->tensor->strides.size())
                fail("a tensor's sizes and strides differ in length");
            // A tensor record costs about as much as 16 copied items plus its dimensions.
            charge(16 + 2 * t->tensor->sizes.size() + t->tensor->storageKey.size() / 8);
            return t;
        }
        if (name == "torch._utils._rebuild_parameter" || name == "torch._utils._rebuild_parameter_with_state") {
            if (args->items.empty() || args->items[0]->kind != Value::Kind::Tensor)
                fail("a parameter wraps something that is not a tensor");
            return args->items[0];
        }
        if (name == "torch._tensor._rebuild_from_type_v2") {
            // (function, type, args, state): apply the function to its arguments.
            if (args->items.size() < 3)
                fail("_rebuild_from_type_v2 needs a function and its arguments");
            return reduce(args->items[0], args->items[2], depth + 1);
        }
        fail(name + " cannot be called here");
    }

    std::string_view m_data;
    Document& m_document;
    std::size_t m_limit;
    std::size_t m_copied = 0;
    std::size_t m_pos = 0;
    std::vector<ValuePtr> m_stack;
    std::vector<std::size_t> m_marks;
    std::vector<ValuePtr> m_memo;
};

} // namespace

std::unique_ptr<Document> load(std::string_view data)
{
    auto document = std::make_unique<Document>();
    document->root = Unpickler(data, *document).run();
    return document;
}

} // namespace rscir::pickle
