#include "tenant_runtime/store/store_pool.hpp"

#include <algorithm>

#include <spdlog/spdlog.h>
#include <sys/resource.h>

namespace station::tenant {
namespace {

std::size_t capacity_from_descriptor_limit() {
    rlimit limit{};
    if (getrlimit(RLIMIT_NOFILE, &limit) != 0 || limit.rlim_cur == RLIM_INFINITY) return 4096;
    std::size_t for_stores = static_cast<std::size_t>(limit.rlim_cur) * 3 / 4;
    return std::max<std::size_t>(1, for_stores / StorePool::kDescriptorsPerStore);
}

}  // namespace

StorePool::StorePool(StorePoolOptions options)
    : options_(std::move(options)),
      capacity_(options_.max_open ? options_.max_open : capacity_from_descriptor_limit()) {}

std::filesystem::path StorePool::directory_of(std::int64_t store_id) const {
    return options_.tenants_dir / std::to_string(store_id);
}

std::shared_ptr<StoreRuntime> StorePool::acquire(std::int64_t store_id) {
    std::lock_guard lock(mutex_);
    auto now = std::chrono::steady_clock::now();
    if (auto it = open_.find(store_id); it != open_.end()) {
        lru_.splice(lru_.begin(), lru_, it->second.lru_position);
        it->second.last_used = now;
        return it->second.runtime;
    }
    // Opening under the lock keeps one runtime per store; it costs well under a millisecond and
    // only happens on a store's first request after being closed.
    std::shared_ptr<StoreRuntime> runtime =
        StoreRuntime::open(store_id, directory_of(store_id), options_.synchronous);
    while (open_.size() >= capacity_)
        evict_least_recently_used();
    lru_.push_front(store_id);
    open_.emplace(store_id, Entry{runtime, lru_.begin(), now});
    return runtime;
}

void StorePool::evict_least_recently_used() {
    std::int64_t victim = lru_.back();
    lru_.pop_back();
    open_.erase(victim);
}

void StorePool::close(std::int64_t store_id) {
    std::shared_ptr<StoreRuntime> closing;
    {
        std::lock_guard lock(mutex_);
        auto it = open_.find(store_id);
        if (it == open_.end()) return;
        closing = std::move(it->second.runtime);
        lru_.erase(it->second.lru_position);
        open_.erase(it);
    }
}

void StorePool::purge(std::int64_t store_id) {
    close(store_id);
    std::filesystem::remove_all(directory_of(store_id));
}

std::size_t StorePool::close_idle() {
    std::vector<std::shared_ptr<StoreRuntime>> closing;  // destroyed outside the lock
    std::lock_guard lock(mutex_);
    auto cutoff = std::chrono::steady_clock::now() - options_.idle_timeout;
    for (auto it = open_.begin(); it != open_.end();) {
        if (it->second.last_used < cutoff) {
            closing.push_back(std::move(it->second.runtime));
            lru_.erase(it->second.lru_position);
            it = open_.erase(it);
        } else {
            ++it;
        }
    }
    return closing.size();
}

void StorePool::close_all() {
    std::unordered_map<std::int64_t, Entry> closing;
    {
        std::lock_guard lock(mutex_);
        closing.swap(open_);
        lru_.clear();
    }
    for (auto& [id, entry] : closing) {
        try {
            entry.runtime->checkpoint();
        } catch (const std::exception& e) {
            spdlog::warn("checkpoint of store {} failed: {}", id, e.what());
        }
    }
}

std::size_t StorePool::open_count() const {
    std::lock_guard lock(mutex_);
    return open_.size();
}

}  // namespace station::tenant
