#pragma once
// Each (store, plugin) pair's private database, tenants/<store>/plugins/<plugin-id>.db: its
// key-value data, scheduled tasks, cron bookkeeping, event-delivery state and dead letters.
// Uninstalling the plugin deletes the file, which purges everything the plugin stored.
//
// Connections are opened on first use and kept in an LRU of `max_open` (each WAL database holds
// up to three descriptors).
//
// Threading: thread-safe. with() serializes use of one database; different pairs run in parallel.

#include <cstdint>
#include <filesystem>
#include <list>
#include <memory>
#include <mutex>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>

#include "base/sqlite/database.hpp"
#include "base/sqlite/migrations.hpp"

namespace station::plugins {

std::span<const sql::Migration> plugin_db_migrations();

class PluginDataStores {
public:
    // `tenants_dir`: data-dir/tenants. Plugin ids are validated manifest ids (safe file names).
    explicit PluginDataStores(std::filesystem::path tenants_dir, std::size_t max_open = 128);

    // Runs fn(sql::Database&) on the pair's database, creating it when absent. Throws sql::Error.
    template <typename Fn>
    decltype(auto) with(std::int64_t store_id, std::string_view plugin_id, Fn&& fn) {
        std::shared_ptr<Entry> entry = acquire(store_id, plugin_id);
        std::lock_guard lock(entry->mutex);
        if (!entry->db) throw sql::Error(SQLITE_MISUSE, "the plugin's database was purged");
        return fn(*entry->db);
    }

    // Closes and deletes the pair's database (database, WAL and shared-memory files).
    void purge(std::int64_t store_id, std::string_view plugin_id);
    bool exists(std::int64_t store_id, std::string_view plugin_id) const;
    std::filesystem::path path_of(std::int64_t store_id, std::string_view plugin_id) const;
    std::size_t open_count() const;

private:
    struct Entry {
        explicit Entry(sql::Database database) : db(std::move(database)) {}
        std::mutex mutex;
        std::optional<sql::Database> db;  // reset by purge()
        std::list<std::string>::iterator lru_position;
    };

    std::shared_ptr<Entry> acquire(std::int64_t store_id, std::string_view plugin_id);
    static std::string key_of(std::int64_t store_id, std::string_view plugin_id);

    std::filesystem::path tenants_dir_;
    std::size_t max_open_;
    mutable std::mutex mutex_;
    std::list<std::string> lru_;  // front: most recently used
    std::unordered_map<std::string, std::shared_ptr<Entry>> open_;
};

}  // namespace station::plugins
