#include "tenant_runtime/webhooks/subscriptions.hpp"

#include <algorithm>
#include <fstream>
#include <system_error>

#include <boost/json/array.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <fcntl.h>
#include <unistd.h>

#include "base/util/clock.hpp"
#include "base/util/strings.hpp"
#include "tenant_runtime/events/event_log.hpp"
#include "tenant_runtime/events/write_scope.hpp"

namespace station::tenant {
namespace {

constexpr std::string_view kColumns =
    "id, topic, address, format, api_version, fields, status, disabled_reason, disabled_at, "
    "cursor_seq, failed_attempts, next_attempt_at, created_at, updated_at";

std::vector<std::string> parse_fields(const std::optional<std::string>& json) {
    std::vector<std::string> out;
    if (!json) return out;
    boost::system::error_code ec;
    auto value = boost::json::parse(*json, ec);
    if (ec || !value.is_array()) return out;
    for (const auto& v : value.as_array()) {
        if (v.is_string()) out.emplace_back(v.as_string());
    }
    return out;
}

std::optional<std::string> fields_json(const std::vector<std::string>& fields) {
    if (fields.empty()) return std::nullopt;
    boost::json::array a;
    for (const auto& f : fields)
        a.push_back(boost::json::string(f));
    return boost::json::serialize(a);
}

Subscription read_subscription(const sql::Row& r) {
    Subscription s;
    s.id = r.int64(0);
    s.topic = r.string(1);
    s.address = r.string(2);
    s.format = r.string(3);
    s.api_version = r.string(4);
    s.fields = parse_fields(r.optional_string(5));
    s.status = r.string(6);
    s.disabled_reason = r.optional_string(7);
    s.disabled_at = r.optional_int64(8);
    s.cursor_seq = r.int64(9);
    s.failed_attempts = r.int64(10);
    s.next_attempt_at = r.optional_int64(11);
    s.created_at = r.int64(12);
    s.updated_at = r.int64(13);
    return s;
}

std::optional<FieldError> check(const SubscriptionInput& in) {
    if (in.topic && !is_webhook_topic(*in.topic)) {
        return FieldError{"topic", "Invalid topic specified: " + *in.topic};
    }
    if (in.address) {
        const std::string& a = *in.address;
        if (!(a.starts_with("https://") || a.starts_with("http://")) || a.size() > 2048) {
            return FieldError{"address", "must be an absolute http(s) URL"};
        }
    }
    if (in.format && *in.format != "json") {
        return FieldError{"format", "only json is supported"};
    }
    return std::nullopt;
}

void write_marker(const std::filesystem::path& store_dir) {
    std::filesystem::create_directories(store_dir);
    std::filesystem::path marker = webhook_marker(store_dir);
    int fd = ::open(marker.c_str(), O_WRONLY | O_CREAT, 0644);
    if (fd < 0) throw std::runtime_error("cannot create " + marker.string());
    ::fsync(fd);
    ::close(fd);
    // The marker must survive a crash right after the subscription commits.
    int dir = ::open(store_dir.c_str(), O_RDONLY | O_DIRECTORY);
    if (dir >= 0) {
        ::fsync(dir);
        ::close(dir);
    }
}

}  // namespace

const std::vector<std::string>& webhook_topics() {
    static const std::vector<std::string> topics = {
        "products/create",
        "products/update",
        "products/delete",
        "collections/create",
        "collections/update",
        "collections/delete",
        "customers/create",
        "customers/update",
        "customers/delete",
        "inventory_levels/update",
        "inventory_levels/disconnect",
        "inventory_items/update",
        "metafields/create",
        "metafields/update",
        "metafields/delete",
        "orders/create",
        "orders/updated",
        "orders/paid",
        "orders/cancelled",
        "orders/fulfilled",
        "orders/delete",
    };
    return topics;
}

bool is_webhook_topic(std::string_view topic) {
    const auto& topics = webhook_topics();
    return std::find(topics.begin(), topics.end(), topic) != topics.end();
}

std::filesystem::path webhook_marker(const std::filesystem::path& store_dir) {
    return store_dir / "webhooks.active";
}

Checked<Subscription> create_subscription(sql::Database& db, const std::filesystem::path& store_dir,
                                          const SubscriptionInput& in, std::int64_t now) {
    if (!in.topic || in.topic->empty()) return FieldError{"topic", "can't be blank"};
    if (!in.address || in.address->empty()) return FieldError{"address", "can't be blank"};
    if (auto problem = check(in)) return *problem;
    WriteScope scope(db);
    if (db.query_int64("SELECT 1 FROM webhook_subscriptions WHERE topic = ? AND address = ?",
                       {*in.topic, *in.address})) {
        return FieldError{"address", "for this topic has already been taken"};
    }
    write_marker(store_dir);
    std::int64_t id =
        db.run(
              "INSERT INTO webhook_subscriptions(topic, address, format, api_version, "
              "fields, cursor_seq, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?)",
              {*in.topic, *in.address, in.format.value_or("json"),
               in.api_version.value_or("unstable"),
               fields_json(in.fields.value_or(std::vector<std::string>{})), latest_event_seq(db),
               now, now})
            .last_insert_rowid;
    scope.commit();
    return *find_subscription(db, id);
}

Checked<std::optional<Subscription>> update_subscription(sql::Database& db, std::int64_t id,
                                                         const SubscriptionInput& in,
                                                         std::int64_t now) {
    if (auto problem = check(in)) return *problem;
    WriteScope scope(db);
    auto s = find_subscription(db, id);
    if (!s) return std::optional<Subscription>();
    std::string topic = in.topic.value_or(s->topic);
    std::string address = in.address.value_or(s->address);
    auto clash = db.query_int64(
        "SELECT id FROM webhook_subscriptions WHERE topic = ? AND address = ? AND id <> ?",
        {topic, address, id});
    if (clash) return FieldError{"address", "for this topic has already been taken"};
    db.run(
        "UPDATE webhook_subscriptions SET topic = ?, address = ?, format = ?, api_version = ?, "
        "fields = ?, status = 'active', disabled_reason = NULL, disabled_at = NULL, "
        "failed_attempts = 0, next_attempt_at = NULL, updated_at = ? WHERE id = ?",
        {topic, address, in.format.value_or(s->format), in.api_version.value_or(s->api_version),
         fields_json(in.fields.value_or(s->fields)), now, id});
    scope.commit();
    return find_subscription(db, id);
}

bool delete_subscription(sql::Database& db, const std::filesystem::path& store_dir,
                         std::int64_t id) {
    if (db.run("DELETE FROM webhook_subscriptions WHERE id = ?", {id}).changes == 0) return false;
    if (!db.query_int64("SELECT 1 FROM webhook_subscriptions LIMIT 1")) {
        std::error_code ignored;
        std::filesystem::remove(webhook_marker(store_dir), ignored);
    }
    return true;
}

std::optional<Subscription> find_subscription(sql::Database& db, std::int64_t id) {
    auto row = db.query(
        "SELECT " + std::string(kColumns) + " FROM webhook_subscriptions WHERE id = ?", {id});
    if (!row.next()) return std::nullopt;
    return read_subscription(row);
}

std::vector<Subscription> list_subscriptions(sql::Database& db, const SubscriptionFilter& f,
                                             int limit, std::int64_t after_id,
                                             std::int64_t before_id) {
    std::vector<Subscription> out;
    bool backwards = before_id > 0;
    auto row = db.query(
        "SELECT " + std::string(kColumns) +
            " FROM webhook_subscriptions WHERE (?1 IS NULL OR topic = ?1) AND "
            "(?2 IS NULL OR address = ?2) AND id > ?3 " +
            (backwards ? "AND id < ?4 ORDER BY id DESC LIMIT ?5"
                       : "AND ?4 = 0 ORDER BY id LIMIT ?5"),
        {f.topic, f.address, std::max(f.since_id, after_id), backwards ? before_id : 0, limit});
    while (row.next())
        out.push_back(read_subscription(row));
    if (backwards) std::reverse(out.begin(), out.end());
    return out;
}

std::int64_t count_subscriptions(sql::Database& db, const SubscriptionFilter& f) {
    return db
        .query_int64(
            "SELECT count(*) FROM webhook_subscriptions WHERE (?1 IS NULL OR topic = ?1) AND "
            "(?2 IS NULL OR address = ?2) AND id > ?3",
            {f.topic, f.address, f.since_id})
        .value_or(0);
}

std::vector<Subscription> active_subscriptions(sql::Database& db) {
    std::vector<Subscription> out;
    auto row = db.query("SELECT " + std::string(kColumns) +
                        " FROM webhook_subscriptions WHERE status = 'active' ORDER BY id");
    while (row.next())
        out.push_back(read_subscription(row));
    return out;
}

std::vector<DeliveryAttempt> list_deliveries(sql::Database& db, std::int64_t subscription_id,
                                             int limit, std::int64_t before_id) {
    std::vector<DeliveryAttempt> out;
    auto row = db.query(
        "SELECT id, subscription_id, event_seq, webhook_id, attempt, attempted_at, "
        "response_status, error, duration_ms, outcome FROM webhook_deliveries "
        "WHERE subscription_id = ? AND (? = 0 OR id < ?) ORDER BY id DESC LIMIT ?",
        {subscription_id, before_id, before_id, limit});
    while (row.next()) {
        out.push_back({row.int64(0), row.int64(1), row.int64(2), row.string(3), row.int64(4),
                       row.int64(5), row.optional_int64(6), row.optional_string(7), row.int64(8),
                       row.string(9)});
    }
    return out;
}

bool record_attempt(sql::Database& db, const DeliveryAttempt& a,
                    std::optional<std::int64_t> retry_at, std::int64_t now) {
    sql::Transaction tx(db);
    auto s = find_subscription(db, a.subscription_id);
    if (!s || s->status != "active") return false;
    bool delivered = a.outcome == "delivered";
    std::string outcome = delivered ? "delivered" : (retry_at ? "failed" : "abandoned");
    db.run(
        "INSERT INTO webhook_deliveries(subscription_id, event_seq, webhook_id, attempt, "
        "attempted_at, response_status, error, duration_ms, outcome) VALUES (?,?,?,?,?,?,?,?,?)",
        {a.subscription_id, a.event_seq, a.webhook_id, a.attempt, a.attempted_at, a.response_status,
         a.error, a.duration_ms, outcome});
    if (delivered) {
        db.run(
            "UPDATE webhook_subscriptions SET cursor_seq = ?, failed_attempts = 0, "
            "next_attempt_at = NULL WHERE id = ?",
            {a.event_seq, a.subscription_id});
    } else if (retry_at) {
        db.run(
            "UPDATE webhook_subscriptions SET failed_attempts = ?, next_attempt_at = ? "
            "WHERE id = ?",
            {a.attempt, *retry_at, a.subscription_id});
    } else {
        std::string reason =
            "Disabled after " + std::to_string(a.attempt) + " failed attempts to deliver event " +
            std::to_string(a.event_seq) + " (last error: " +
            (a.error ? *a.error : "HTTP " + std::to_string(a.response_status.value_or(0))) + ")";
        db.run(
            "UPDATE webhook_subscriptions SET status = 'disabled', disabled_reason = ?, "
            "disabled_at = ?, failed_attempts = ?, next_attempt_at = NULL, updated_at = ? "
            "WHERE id = ?",
            {reason, now, a.attempt, now, a.subscription_id});
        boost::json::object payload{{"id", s->id},
                                    {"topic", s->topic},
                                    {"address", s->address},
                                    {"disabled_reason", reason},
                                    {"disabled_at", util::format_iso8601(now)},
                                    {"event_seq", a.event_seq}};
        append_event(db, kSubscriptionDisabledTopic, "webhook_subscription", s->id,
                     boost::json::serialize(payload), now);
    }
    tx.commit();
    return true;
}

}  // namespace station::tenant
