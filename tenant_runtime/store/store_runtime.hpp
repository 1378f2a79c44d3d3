#pragma once
// One store's engine state: its own directory and database. A runtime only ever touches
// `directory()` — the pool builds that path from the numeric store id, never from user input.
//
// Threading: all methods are thread-safe. with_db() serializes access to the one SQLite
// connection, which keeps a store's writes (stock reservation, order numbers) strictly ordered.

#include <atomic>
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <mutex>

#include "base/sqlite/database.hpp"

namespace station::tenant {

class StoreRuntime {
public:
    // Opens (creating when absent) <directory>/store.db and applies pending store migrations.
    // Throws sql::Error (including SchemaTooNewError) on failure.
    static std::unique_ptr<StoreRuntime> open(std::int64_t store_id,
                                              std::filesystem::path directory,
                                              sql::Synchronous synchronous);

    std::int64_t store_id() const { return store_id_; }
    const std::filesystem::path& directory() const { return directory_; }

    // Runs `fn(sql::Database&)` with exclusive use of the store's connection.
    template <typename Fn>
    decltype(auto) with_db(Fn&& fn) {
        std::lock_guard lock(mutex_);
        return fn(db_);
    }

    // Bytes on disk: database, WAL and uploaded files. Cached for a few seconds.
    std::int64_t storage_bytes();

    // A counter that moves whenever this process commits a change to the store (page caches key
    // on it). Writers call note_change() after committing.
    std::uint64_t data_version() const { return data_version_.load(std::memory_order_acquire); }
    void note_change() { data_version_.fetch_add(1, std::memory_order_acq_rel); }

    // Checkpoints the WAL into the main file (clean shutdown, backups).
    void checkpoint();

private:
    StoreRuntime(std::int64_t store_id, std::filesystem::path directory, sql::Database db)
        : store_id_(store_id), directory_(std::move(directory)), db_(std::move(db)) {}

    const std::int64_t store_id_;
    const std::filesystem::path directory_;
    std::mutex mutex_;
    sql::Database db_;
    std::atomic<std::uint64_t> data_version_{1};

    std::mutex storage_mutex_;
    std::int64_t storage_bytes_ = -1;
    std::chrono::steady_clock::time_point storage_measured_at_;
};

}  // namespace station::tenant
