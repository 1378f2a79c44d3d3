#include "base/shared_state/in_process_cache.hpp"

#include <stdexcept>

#include "base/shared_state/string_map.hpp"
#include "base/shared_state/time_units.hpp"

namespace station::shared {
namespace {

constexpr std::int64_t kSweepPeriodUs = 1'000'000;

std::size_t charge(std::string_view key, std::string_view value) {
    return key.size() + value.size() + InProcessCache::kEntryOverheadBytes;
}

}  // namespace

InProcessCache::InProcessCache(const util::Clock& clock, std::size_t max_bytes)
    : clock_(clock), shard_budget_bytes_(max_bytes / kShardCount) {}

InProcessCache::Shard& InProcessCache::shard_for(std::string_view key) {
    return shards_[shard_index(key, kShardCount)];
}

void InProcessCache::remove_locked(Shard& shard, std::list<Entry>::iterator entry) {
    shard.bytes -= charge(entry->key, entry->value);
    shard.index.erase(entry->key);
    shard.lru.erase(entry);
}

void InProcessCache::sweep_if_due_locked(Shard& shard, std::int64_t now_us) {
    if (now_us < shard.next_sweep_us) return;
    shard.next_sweep_us = now_us + kSweepPeriodUs;
    for (auto it = shard.lru.begin(); it != shard.lru.end();) {
        auto current = it++;
        if (current->expires_us <= now_us) remove_locked(shard, current);
    }
}

std::optional<std::string> InProcessCache::get(std::string_view key) {
    const std::int64_t now_us = epoch_micros(clock_.now());
    Shard& shard = shard_for(key);
    std::lock_guard lock(shard.mutex);
    sweep_if_due_locked(shard, now_us);
    auto found = shard.index.find(key);
    if (found == shard.index.end()) return std::nullopt;
    auto entry = found->second;
    if (entry->expires_us <= now_us) {
        remove_locked(shard, entry);
        return std::nullopt;
    }
    shard.lru.splice(shard.lru.begin(), shard.lru, entry);
    return entry->value;
}

void InProcessCache::set(std::string_view key, std::string_view value,
                         std::chrono::milliseconds ttl) {
    if (ttl.count() <= 0) throw std::invalid_argument("cache: ttl must be positive");
    const std::int64_t now_us = epoch_micros(clock_.now());
    const std::int64_t expires_us = expiry_micros(now_us, ttl);
    const std::size_t new_charge = charge(key, value);
    Shard& shard = shard_for(key);
    std::lock_guard lock(shard.mutex);
    sweep_if_due_locked(shard, now_us);
    auto found = shard.index.find(key);
    if (new_charge > shard_budget_bytes_) {
        if (found != shard.index.end()) remove_locked(shard, found->second);
        return;
    }
    if (found != shard.index.end()) {
        auto entry = found->second;
        shard.bytes = shard.bytes - charge(entry->key, entry->value) + new_charge;
        entry->value.assign(value);
        entry->expires_us = expires_us;
        shard.lru.splice(shard.lru.begin(), shard.lru, entry);
    } else {
        shard.lru.push_front(Entry{std::string(key), std::string(value), expires_us});
        shard.index.emplace(shard.lru.front().key, shard.lru.begin());
        shard.bytes += new_charge;
    }
    // The entry just written is at the front and fits the budget alone, so this stops before it.
    while (shard.bytes > shard_budget_bytes_)
        remove_locked(shard, std::prev(shard.lru.end()));
}

void InProcessCache::erase(std::string_view key) {
    Shard& shard = shard_for(key);
    std::lock_guard lock(shard.mutex);
    auto found = shard.index.find(key);
    if (found != shard.index.end()) remove_locked(shard, found->second);
}

std::size_t InProcessCache::bytes_used() {
    std::size_t bytes = 0;
    for (Shard& shard : shards_) {
        std::lock_guard lock(shard.mutex);
        bytes += shard.bytes;
    }
    return bytes;
}

std::size_t InProcessCache::entry_count() {
    std::size_t count = 0;
    for (Shard& shard : shards_) {
        std::lock_guard lock(shard.mutex);
        count += shard.lru.size();
    }
    return count;
}

}  // namespace station::shared
