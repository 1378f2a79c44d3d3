#pragma once
// The set of open store runtimes: opened lazily on a store's first request, kept in an LRU whose
// capacity is bounded by file descriptors (each open store holds its database, WAL and
// shared-memory files), and closed when idle.
//
// Threading: every method is thread-safe. A runtime evicted while requests still use it stays
// alive (shared ownership) until the last of them finishes.

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <list>
#include <memory>
#include <mutex>
#include <unordered_map>

#include "base/sqlite/database.hpp"
#include "tenant_runtime/store/store_runtime.hpp"

namespace station::tenant {

struct StorePoolOptions {
    std::filesystem::path tenants_dir;  // data-dir/tenants
    // 0: derive from RLIMIT_NOFILE (kDescriptorsPerStore each, keeping a quarter of the limit
    // for sockets and other files).
    std::size_t max_open = 0;
    std::chrono::seconds idle_timeout{600};
    sql::Synchronous synchronous = sql::Synchronous::Full;
};

class StorePool {
public:
    static constexpr std::size_t kDescriptorsPerStore = 3;

    explicit StorePool(StorePoolOptions options);

    // The runtime of `store_id`, opening (and creating) it when needed. Throws sql::Error.
    std::shared_ptr<StoreRuntime> acquire(std::int64_t store_id);
    // Closes the runtime if open (e.g. before deleting the store's files).
    void close(std::int64_t store_id);
    // Closes and deletes the store's directory. Irreversible.
    void purge(std::int64_t store_id);
    // Closes runtimes unused for longer than the idle timeout; returns how many.
    std::size_t close_idle();
    // Checkpoints and closes every runtime (graceful shutdown).
    void close_all();

    std::size_t open_count() const;
    std::size_t capacity() const { return capacity_; }
    std::filesystem::path directory_of(std::int64_t store_id) const;

private:
    struct Entry {
        std::shared_ptr<StoreRuntime> runtime;
        std::list<std::int64_t>::iterator lru_position;
        std::chrono::steady_clock::time_point last_used;
    };

    void evict_least_recently_used();

    StorePoolOptions options_;
    std::size_t capacity_;
    mutable std::mutex mutex_;
    std::list<std::int64_t> lru_;  // front: most recently used
    std::unordered_map<std::int64_t, Entry> open_;
};

}  // namespace station::tenant
