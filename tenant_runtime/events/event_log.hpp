#pragma once
// The store's event log (transactional outbox). Every change to store data appends one event in
// the SAME SQLite transaction as the change, so an event exists if and only if its change was
// committed. Consumers (webhooks, plugins, search, analytics) read by cursor: events are
// ordered by `seq`, which is strictly increasing per store and never reused.
//
// A consumer that is not a webhook subscription (a plugin, an exporter) keeps its position in
// `event_consumers` by name: read_events(after = consumer_cursor(name)), process, then
// advance_consumer(name, last seq) — at-least-once, in order, replayable from any seq.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/sqlite/database.hpp"

namespace station::tenant {

struct EventRecord {
    std::int64_t seq = 0;
    std::string topic;         // "products/create"
    std::string subject_type;  // "product"
    std::optional<std::int64_t> subject_id;
    std::string payload;  // JSON
    std::int64_t created_at = 0;
};

// Precondition: `db` is inside a write transaction (checked; throws std::logic_error otherwise).
std::int64_t append_event(sql::Database& db, std::string_view topic, std::string_view subject_type,
                          std::optional<std::int64_t> subject_id, std::string_view payload_json,
                          std::int64_t now);

// Events with seq > after_seq, oldest first, at most `limit`.
std::vector<EventRecord> read_events_after(sql::Database& db, std::int64_t after_seq, int limit);

struct EventQuery {
    std::int64_t after_seq = 0;
    std::optional<std::string> topic;         // exact topic
    std::optional<std::string> subject_type;  // "product"
    std::optional<std::int64_t> subject_id;
    std::optional<std::int64_t> created_at_min, created_at_max;
    int limit = 50;
};
std::vector<EventRecord> read_events(sql::Database& db, const EventQuery& query);
std::int64_t count_events(sql::Database& db, const EventQuery& query);
std::optional<EventRecord> find_event(sql::Database& db, std::int64_t seq);
// The newest seq, 0 for an empty log.
std::int64_t latest_event_seq(sql::Database& db);

// Named consumer cursors (0 for a consumer never seen).
std::int64_t consumer_cursor(sql::Database& db, std::string_view consumer);
// Moves the cursor forward to `seq` (never backwards).
void advance_consumer(sql::Database& db, std::string_view consumer, std::int64_t seq,
                      std::int64_t now);

}  // namespace station::tenant
