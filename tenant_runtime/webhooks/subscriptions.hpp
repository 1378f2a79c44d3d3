#pragma once
// Webhook subscriptions (topic, address, format json) and their delivery log, in the store's
// database. Each subscription reads the event log by its own cursor, which starts at the newest
// event when it is created: it receives what happens after it exists, in log order.
//
// A subscription whose delivery keeps failing for the whole retry schedule is disabled
// (status "disabled", with the reason and time); the event `webhook_subscriptions/disabled` is
// appended in the same transaction. Updating a disabled subscription re-enables it, and delivery
// resumes at the event that failed.
//
// Preconditions: callers hold the store's database (StoreRuntime::with_db).

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "base/sqlite/database.hpp"
#include "tenant_runtime/domain/field_error.hpp"

namespace station::tenant {

inline constexpr std::string_view kSubscriptionDisabledTopic = "webhook_subscriptions/disabled";

// Topics a subscription may name (those the store's code emits).
bool is_webhook_topic(std::string_view topic);
const std::vector<std::string>& webhook_topics();

// The file that marks a store directory as having webhook subscriptions, so the start-up sweep
// opens only those stores. Created before a subscription commits; removed after the last one is
// deleted.
std::filesystem::path webhook_marker(const std::filesystem::path& store_dir);

struct SubscriptionInput {
    std::optional<std::string> topic;
    std::optional<std::string> address;
    std::optional<std::string> format;
    std::optional<std::string> api_version;
    std::optional<std::vector<std::string>> fields;
};

struct Subscription {
    std::int64_t id = 0;
    std::string topic;
    std::string address;
    std::string format = "json";
    std::string api_version;
    std::vector<std::string> fields;
    std::string status = "active";
    std::optional<std::string> disabled_reason;
    std::optional<std::int64_t> disabled_at;
    std::int64_t cursor_seq = 0;
    std::int64_t failed_attempts = 0;
    std::optional<std::int64_t> next_attempt_at;
    std::int64_t created_at = 0;
    std::int64_t updated_at = 0;
};

// `input.topic` and `input.address` are required. `store_dir` receives the marker file.
Checked<Subscription> create_subscription(sql::Database& db, const std::filesystem::path& store_dir,
                                          const SubscriptionInput& input, std::int64_t now);
Checked<std::optional<Subscription>> update_subscription(sql::Database& db, std::int64_t id,
                                                         const SubscriptionInput& input,
                                                         std::int64_t now);
bool delete_subscription(sql::Database& db, const std::filesystem::path& store_dir,
                         std::int64_t id);

std::optional<Subscription> find_subscription(sql::Database& db, std::int64_t id);
struct SubscriptionFilter {
    std::optional<std::string> topic;
    std::optional<std::string> address;
    std::int64_t since_id = 0;
};
std::vector<Subscription> list_subscriptions(sql::Database& db, const SubscriptionFilter& filter,
                                             int limit, std::int64_t after_id,
                                             std::int64_t before_id);
std::int64_t count_subscriptions(sql::Database& db, const SubscriptionFilter& filter);
std::vector<Subscription> active_subscriptions(sql::Database& db);

struct DeliveryAttempt {
    std::int64_t id = 0;
    std::int64_t subscription_id = 0;
    std::int64_t event_seq = 0;
    std::string webhook_id;
    std::int64_t attempt = 1;  // 1 for the first try of this event
    std::int64_t attempted_at = 0;
    std::optional<std::int64_t> response_status;
    std::optional<std::string> error;
    std::int64_t duration_ms = 0;
    std::string outcome;  // delivered | failed | abandoned
};
// Newest first; entries with id < before_id (0: from the newest).
std::vector<DeliveryAttempt> list_deliveries(sql::Database& db, std::int64_t subscription_id,
                                             int limit, std::int64_t before_id);

// Records one attempt and moves the subscription on: past the event when delivered; to its next
// retry time (`retry_at`) when failed; disabled (with the event) when `retry_at` is nullopt after
// a failure. Returns false when the subscription is gone or no longer active.
bool record_attempt(sql::Database& db, const DeliveryAttempt& attempt,
                    std::optional<std::int64_t> retry_at, std::int64_t now);

}  // namespace station::tenant
