#pragma once
// The in-process Cache: a sharded LRU with per-entry expiry and a memory budget.
//
// Part of the in-process backend (in_process.hpp); declared here so tests can observe eviction.
// Thread-safe (one mutex per shard). Each shard gets an equal share of `max_bytes` and evicts its
// least recently used entries when a set would exceed it; an entry is charged its key and value
// sizes plus a fixed bookkeeping overhead, so the budget bounds real memory approximately. A value
// too large for a shard's share is not stored (a later get misses, as after an eviction).
// Expired entries are dropped when read and by a sweep each shard runs at most once per second of
// clock time.

#include <array>
#include <cstddef>
#include <cstdint>
#include <list>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

#include "base/shared_state/shared_state.hpp"
#include "base/util/clock.hpp"

namespace station::shared {

class InProcessCache final : public Cache {
public:
    // Bookkeeping bytes charged per entry on top of its key and value.
    static constexpr std::size_t kEntryOverheadBytes = 128;

    // `clock` must outlive the cache. max_bytes > 0.
    InProcessCache(const util::Clock& clock, std::size_t max_bytes);

    std::optional<std::string> get(std::string_view key) override;
    // Throws std::invalid_argument when ttl <= 0.
    void set(std::string_view key, std::string_view value, std::chrono::milliseconds ttl) override;
    void erase(std::string_view key) override;

    // Charged bytes and entries currently held (expired ones not yet dropped included).
    std::size_t bytes_used();
    std::size_t entry_count();

private:
    static constexpr std::size_t kShardCount = 16;

    struct Entry {
        std::string key;
        std::string value;
        std::int64_t expires_us;
    };
    // Most recently used at the front. `index` keys view the key strings inside `lru`'s nodes,
    // which never move.
    struct alignas(64) Shard {
        std::mutex mutex;
        std::list<Entry> lru;
        std::unordered_map<std::string_view, std::list<Entry>::iterator> index;
        std::size_t bytes = 0;
        std::int64_t next_sweep_us = 0;
    };

    Shard& shard_for(std::string_view key);
    static void remove_locked(Shard& shard, std::list<Entry>::iterator entry);
    static void sweep_if_due_locked(Shard& shard, std::int64_t now_us);

    const util::Clock& clock_;
    const std::size_t shard_budget_bytes_;
    std::array<Shard, kShardCount> shards_;
};

}  // namespace station::shared
