#pragma once
// station.kv/1 on a plugin's database (plugin_data_stores.hpp): versioned values with
// compare-and-swap, optional expiry, and quotas on size and count.
//
// Statuses are the ABI's (STATION_OK, STATION_ERR_*); argument problems are STATION_ERR_INVALID,
// never exceptions. Expired keys read as absent and are removed lazily (on write, and when a
// quota would otherwise refuse a write).
//
// Preconditions: the caller holds the database (PluginDataStores::with). Throws sql::Error only
// for storage failures.

#include <cstdint>
#include <string>
#include <string_view>

#include <station/plugin.h>

#include "base/sqlite/database.hpp"

namespace station::plugins {

struct KvLimits {
    std::size_t max_key_bytes = 256;
    std::size_t max_value_bytes = 64 * 1024;
    std::int64_t max_keys = 10'000;
    std::int64_t max_total_bytes = 16 * 1024 * 1024;  // keys + values
    std::int64_t max_ttl_seconds = 366 * 86400;
    std::uint32_t max_list = 1000;
};

struct KvValue {
    std::string value;
    std::int64_t version = 0;
};

struct KvUsage {
    std::int64_t keys = 0;
    std::int64_t bytes = 0;
};

bool valid_kv_key(std::string_view key, const KvLimits& limits);

station_status kv_get(sql::Database& db, std::string_view key, std::int64_t now,
                      const KvLimits& limits, KvValue& out);
// `expected_version`: STATION_KV_ANY_VERSION, STATION_KV_ABSENT or a version. `ttl_seconds` 0:
// no expiry.
station_status kv_put(sql::Database& db, std::string_view key, std::string_view value,
                      std::int64_t expected_version, std::int64_t ttl_seconds, std::int64_t now,
                      const KvLimits& limits, std::int64_t& new_version);
station_status kv_remove(sql::Database& db, std::string_view key, std::int64_t expected_version,
                         std::int64_t now, const KvLimits& limits);
// A JSON array of at most `limit` keys starting with `prefix`, after `start_after`, byte order.
station_status kv_list(sql::Database& db, std::string_view prefix, std::string_view start_after,
                       std::int64_t limit, std::int64_t now, const KvLimits& limits,
                       std::string& json_out);
KvUsage kv_usage(sql::Database& db);

}  // namespace station::plugins
