#include "tenant_runtime/plugins/services/plugin_data_stores.hpp"

namespace station::plugins {
namespace {

constexpr sql::Migration kMigrations[] = {
    {1, "key-value data, tasks, cron runs, event delivery, dead letters, email counts", R"sql(
-- Versions come from one counter per database, so a key deleted and written again never reuses
-- a version an old compare-and-swap could still hold.
CREATE TABLE meta(
  name  TEXT PRIMARY KEY,
  value INTEGER NOT NULL
);
INSERT INTO meta VALUES ('next_version', 1), ('kv_count', 0), ('kv_bytes', 0);

CREATE TABLE kv(
  key        BLOB PRIMARY KEY,
  value      BLOB NOT NULL,
  version    INTEGER NOT NULL,
  expires_at INTEGER
);
CREATE INDEX kv_expiry ON kv(expires_at) WHERE expires_at IS NOT NULL;

CREATE TABLE tasks(
  id         INTEGER PRIMARY KEY AUTOINCREMENT,
  name       TEXT NOT NULL,
  payload    BLOB NOT NULL,
  run_at     INTEGER NOT NULL,
  attempts   INTEGER NOT NULL DEFAULT 0,
  last_error TEXT,
  created_at INTEGER NOT NULL
);
CREATE INDEX tasks_due ON tasks(run_at);

CREATE TABLE cron_runs(
  name        TEXT PRIMARY KEY,
  last_run_at INTEGER NOT NULL
);

-- The event at the head of the plugin's queue while it is being retried.
CREATE TABLE event_retry(
  seq             INTEGER PRIMARY KEY,
  attempts        INTEGER NOT NULL,
  next_attempt_at INTEGER NOT NULL,
  last_error      TEXT NOT NULL
);

CREATE TABLE dead_letters(
  seq        INTEGER PRIMARY KEY,
  topic      TEXT NOT NULL,
  attempts   INTEGER NOT NULL,
  last_error TEXT NOT NULL,
  dead_at    INTEGER NOT NULL
);

CREATE TABLE email_counts(
  day  INTEGER PRIMARY KEY,
  sent INTEGER NOT NULL
);
)sql"},
};

}  // namespace

std::span<const sql::Migration> plugin_db_migrations() {
    return kMigrations;
}

PluginDataStores::PluginDataStores(std::filesystem::path tenants_dir, std::size_t max_open)
    : tenants_dir_(std::move(tenants_dir)), max_open_(std::max<std::size_t>(1, max_open)) {}

std::string PluginDataStores::key_of(std::int64_t store_id, std::string_view plugin_id) {
    return std::to_string(store_id) + "/" + std::string(plugin_id);
}

std::filesystem::path PluginDataStores::path_of(std::int64_t store_id,
                                                std::string_view plugin_id) const {
    return tenants_dir_ / std::to_string(store_id) / "plugins" / (std::string(plugin_id) + ".db");
}

bool PluginDataStores::exists(std::int64_t store_id, std::string_view plugin_id) const {
    std::error_code ec;
    return std::filesystem::exists(path_of(store_id, plugin_id), ec);
}

std::size_t PluginDataStores::open_count() const {
    std::lock_guard lock(mutex_);
    return open_.size();
}

std::shared_ptr<PluginDataStores::Entry> PluginDataStores::acquire(std::int64_t store_id,
                                                                   std::string_view plugin_id) {
    std::string key = key_of(store_id, plugin_id);
    {
        std::lock_guard lock(mutex_);
        if (auto it = open_.find(key); it != open_.end()) {
            lru_.splice(lru_.begin(), lru_, it->second->lru_position);
            return it->second;
        }
    }
    // Opening (and migrating) happens outside the map lock: other pairs need not wait for it.
    std::filesystem::path path = path_of(store_id, plugin_id);
    std::filesystem::create_directories(path.parent_path());
    sql::OpenOptions options;
    options.synchronous = sql::Synchronous::Normal;
    sql::Database db = sql::Database::open(path, options);
    sql::migrate(db, plugin_db_migrations());
    auto entry = std::make_shared<Entry>(std::move(db));

    std::lock_guard lock(mutex_);
    if (auto it = open_.find(key); it != open_.end()) {
        lru_.splice(lru_.begin(), lru_, it->second->lru_position);
        return it->second;  // another thread opened it meanwhile; ours closes unused
    }
    lru_.push_front(key);
    entry->lru_position = lru_.begin();
    open_.emplace(key, entry);
    while (open_.size() > max_open_) {
        open_.erase(lru_.back());
        lru_.pop_back();
    }
    return entry;
}

void PluginDataStores::purge(std::int64_t store_id, std::string_view plugin_id) {
    std::shared_ptr<Entry> entry;
    {
        std::lock_guard lock(mutex_);
        if (auto it = open_.find(key_of(store_id, plugin_id)); it != open_.end()) {
            entry = it->second;
            lru_.erase(entry->lru_position);
            open_.erase(it);
        }
    }
    if (entry) {
        // Wait for a caller still inside with(), then close before deleting the files.
        std::lock_guard lock(entry->mutex);
        entry->db.reset();
    }
    std::filesystem::path path = path_of(store_id, plugin_id);
    std::error_code ec;
    for (const char* suffix : {"", "-wal", "-shm"}) {
        std::filesystem::remove(path.string() + suffix, ec);
    }
}

}  // namespace station::plugins
