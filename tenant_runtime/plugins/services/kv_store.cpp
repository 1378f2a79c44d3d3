#include "tenant_runtime/plugins/services/kv_store.hpp"

#include <boost/json/array.hpp>
#include <boost/json/serialize.hpp>

#include "tenant_runtime/plugins/services/text_checks.hpp"

namespace station::plugins {
namespace {

struct StoredEntry {
    std::int64_t version = 0;
    std::int64_t size = 0;  // key + value bytes, as counted against the quota
    bool expired = false;
};

std::int64_t meta(sql::Database& db, std::string_view name) {
    return db.query_int64("SELECT value FROM meta WHERE name = ?", {name}).value_or(0);
}

void add_meta(sql::Database& db, std::string_view name, std::int64_t delta) {
    db.run("UPDATE meta SET value = value + ? WHERE name = ?", {delta, name});
}

std::optional<StoredEntry> find(sql::Database& db, std::string_view key, std::int64_t now) {
    sql::Row row = db.query(
        "SELECT version, length(CAST(value AS BLOB)), expires_at FROM kv "
        "WHERE key = ?",
        {key});
    if (!row.next()) return std::nullopt;
    StoredEntry entry;
    entry.version = row.int64(0);
    entry.size = static_cast<std::int64_t>(key.size()) + row.int64(1);
    auto expires = row.optional_int64(2);
    entry.expired = expires && *expires <= now;
    return entry;
}

void erase(sql::Database& db, std::string_view key, const StoredEntry& entry) {
    db.run("DELETE FROM kv WHERE key = ?", {key});
    add_meta(db, "kv_count", -1);
    add_meta(db, "kv_bytes", -entry.size);
}

// Deletes every expired key; returns how many.
std::int64_t sweep_expired(sql::Database& db, std::int64_t now) {
    std::int64_t removed = 0;
    std::int64_t bytes = 0;
    {
        sql::Row row = db.query(
            "SELECT count(*), coalesce(sum(length(CAST(key AS BLOB)) + "
            "length(CAST(value AS BLOB))), 0) FROM kv WHERE expires_at IS NOT NULL AND "
            "expires_at <= ?",
            {now});
        if (row.next()) {
            removed = row.int64(0);
            bytes = row.int64(1);
        }
    }
    if (removed > 0) {
        db.run("DELETE FROM kv WHERE expires_at IS NOT NULL AND expires_at <= ?", {now});
        add_meta(db, "kv_count", -removed);
        add_meta(db, "kv_bytes", -bytes);
    }
    return removed;
}

// The smallest string greater than every string starting with `prefix`, or empty for none.
std::string upper_bound_of(std::string_view prefix) {
    std::string upper(prefix);
    while (!upper.empty() && static_cast<unsigned char>(upper.back()) == 0xff)
        upper.pop_back();
    if (!upper.empty())
        upper.back() = static_cast<char>(static_cast<unsigned char>(upper.back()) + 1);
    return upper;
}

}  // namespace

bool valid_kv_key(std::string_view key, const KvLimits& limits) {
    return !key.empty() && key.size() <= limits.max_key_bytes && is_clean_text(key);
}

station_status kv_get(sql::Database& db, std::string_view key, std::int64_t now,
                      const KvLimits& limits, KvValue& out) {
    if (!valid_kv_key(key, limits)) return STATION_ERR_INVALID;
    sql::Row row = db.query(
        "SELECT value, version FROM kv WHERE key = ? AND (expires_at IS NULL OR expires_at > ?)",
        {key, now});
    if (!row.next()) return STATION_ERR_NOT_FOUND;
    out.value = row.string(0);
    out.version = row.int64(1);
    return STATION_OK;
}

station_status kv_put(sql::Database& db, std::string_view key, std::string_view value,
                      std::int64_t expected_version, std::int64_t ttl_seconds, std::int64_t now,
                      const KvLimits& limits, std::int64_t& new_version) {
    if (!valid_kv_key(key, limits) || expected_version < STATION_KV_ANY_VERSION ||
        ttl_seconds < 0) {
        return STATION_ERR_INVALID;
    }
    if (value.size() > limits.max_value_bytes || ttl_seconds > limits.max_ttl_seconds) {
        return STATION_ERR_TOO_LARGE;
    }
    sql::Transaction transaction(db);
    auto current = find(db, key, now);
    if (current && current->expired) {
        erase(db, key, *current);
        current.reset();
    }
    if (expected_version == STATION_KV_ABSENT && current) return STATION_ERR_CONFLICT;
    if (expected_version > 0 && (!current || current->version != expected_version)) {
        return STATION_ERR_CONFLICT;
    }
    std::int64_t size = static_cast<std::int64_t>(key.size() + value.size());
    auto fits = [&] {
        std::int64_t keys = meta(db, "kv_count") + (current ? 0 : 1);
        std::int64_t bytes = meta(db, "kv_bytes") - (current ? current->size : 0) + size;
        return keys <= limits.max_keys && bytes <= limits.max_total_bytes;
    };
    if (!fits() && (sweep_expired(db, now) == 0 || !fits())) return STATION_ERR_QUOTA;

    new_version = meta(db, "next_version");
    db.run("UPDATE meta SET value = value + 1 WHERE name = 'next_version'");
    std::optional<std::int64_t> expires;
    if (ttl_seconds > 0) expires = now + ttl_seconds;
    db.run(
        "INSERT INTO kv(key, value, version, expires_at) VALUES (?, ?, ?, ?) "
        "ON CONFLICT(key) DO UPDATE SET value = excluded.value, version = excluded.version, "
        "expires_at = excluded.expires_at",
        {key, value, new_version, expires});
    if (!current) add_meta(db, "kv_count", 1);
    add_meta(db, "kv_bytes", size - (current ? current->size : 0));
    transaction.commit();
    return STATION_OK;
}

station_status kv_remove(sql::Database& db, std::string_view key, std::int64_t expected_version,
                         std::int64_t now, const KvLimits& limits) {
    if (!valid_kv_key(key, limits) || expected_version < STATION_KV_ANY_VERSION) {
        return STATION_ERR_INVALID;
    }
    sql::Transaction transaction(db);
    auto current = find(db, key, now);
    if (!current) return STATION_ERR_NOT_FOUND;
    if (current->expired) {
        erase(db, key, *current);
        transaction.commit();
        return STATION_ERR_NOT_FOUND;
    }
    if (expected_version == STATION_KV_ABSENT ||
        (expected_version > 0 && current->version != expected_version)) {
        return STATION_ERR_CONFLICT;
    }
    erase(db, key, *current);
    transaction.commit();
    return STATION_OK;
}

station_status kv_list(sql::Database& db, std::string_view prefix, std::string_view start_after,
                       std::int64_t limit, std::int64_t now, const KvLimits& limits,
                       std::string& json_out) {
    if (limit < 1 || limit > limits.max_list || prefix.size() > limits.max_key_bytes ||
        start_after.size() > limits.max_key_bytes || !is_clean_text(prefix) ||
        !is_clean_text(start_after)) {
        return STATION_ERR_INVALID;
    }
    std::string upper = upper_bound_of(prefix);
    boost::json::array keys;
    // Keys compare as bytes (BINARY collation): a range scan on the primary key.
    sql::Row row = db.query(
        "SELECT key FROM kv WHERE key >= ? AND key > ? AND (? = '' OR key < ?) AND "
        "(expires_at IS NULL OR expires_at > ?) ORDER BY key LIMIT ?",
        {prefix, start_after, upper, upper, now, limit});
    while (row.next())
        keys.emplace_back(row.text(0));
    json_out = boost::json::serialize(keys);
    return STATION_OK;
}

KvUsage kv_usage(sql::Database& db) {
    return {meta(db, "kv_count"), meta(db, "kv_bytes")};
}

}  // namespace station::plugins
