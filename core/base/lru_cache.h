#pragma once
/// A map that keeps what was used last within a budget of bytes: trimming drops the least
/// recently used values until those kept fit, except those a caller still needs (the terms
/// of the query at hand), so that a long batch or session holds a bounded amount.

#include <cstddef>
#include <list>
#include <map>
#include <utility>

namespace rscir {

template <class Key, class Value>
class LruCache {
public:
    explicit LruCache(std::size_t budgetBytes) : m_budget(budgetBytes) { }

    /// The value under `key`, now the most recently used; null when not kept.
    const Value* find(const Key& key)
    {
        const auto it = m_entries.find(key);
        if (it == m_entries.end())
            return nullptr;
        m_uses.splice(m_uses.begin(), m_uses, it->second.use);
        return &it->second.value;
    }

    bool contains(const Key& key) const { return m_entries.count(key) != 0; }

    /// The value under `key` without marking it used; null when not kept.
    const Value* peek(const Key& key) const
    {
        const auto it = m_entries.find(key);
        return it == m_entries.end() ? nullptr : &it->second.value;
    }

    /// Keeps `value` (of `bytes`) as the most recently used, replacing what `key` held.
    /// The budget is not enforced until trim(): a caller puts a query's values, then trims
    /// keeping them. Returns the value kept.
    const Value& put(const Key& key, Value value, std::size_t bytes)
    {
        erase(key);
        m_uses.push_front(key);
        auto& entry = m_entries[key];
        entry.value = std::move(value);
        entry.bytes = bytes;
        entry.use = m_uses.begin();
        m_bytes += bytes;
        return entry.value;
    }

    /// Drops the least recently used values until the cache fits its budget; values for
    /// which `keep` is true stay, whatever they cost.
    template <class Keep>
    void trim(Keep keep)
    {
        for (auto it = m_uses.end(); m_bytes > m_budget && it != m_uses.begin();) {
            --it;
            if (keep(*it))
                continue;
            const Key victim = *it++;
            erase(victim);
        }
    }
    void trim()
    {
        trim([](const Key&) { return false; });
    }

    void erase(const Key& key)
    {
        const auto it = m_entries.find(key);
        if (it == m_entries.end())
            return;
        m_bytes -= it->second.bytes;
        m_uses.erase(it->second.use);
        m_entries.erase(it);
    }

    template <class Predicate>
    void eraseIf(Predicate predicate)
    {
        for (auto it = m_entries.begin(); it != m_entries.end();) {
            const auto next = std::next(it);
            if (predicate(it->first))
                erase(it->first);
            it = next;
        }
    }

    void clear()
    {
        m_entries.clear();
        m_uses.clear();
        m_bytes = 0;
    }

    std::size_t size() const { return m_entries.size(); }
    std::size_t bytes() const { return m_bytes; }
    std::size_t budget() const { return m_budget; }

private:
    struct Entry {
        Value value;
        std::size_t bytes = 0;
        typename std::list<Key>::iterator use;
    };
    std::size_t m_budget;
    std::size_t m_bytes = 0;
    std::map<Key, Entry> m_entries;
    std::list<Key> m_uses; ///< most recently used first
};

} // namespace rscir
