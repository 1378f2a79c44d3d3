#include "tenant_runtime/events/event_log.hpp"

#include <stdexcept>

namespace station::tenant {
namespace {

EventRecord read_event(const sql::Row& row) {
    return {row.int64(0),          row.string(1), row.string(2),
            row.optional_int64(3), row.string(4), row.int64(5)};
}

constexpr std::string_view kWhere =
    " FROM events WHERE seq > ?1 AND (?2 IS NULL OR topic = ?2) "
    "AND (?3 IS NULL OR subject_type = ?3) AND (?4 IS NULL OR subject_id = ?4) "
    "AND (?5 IS NULL OR created_at >= ?5) AND (?6 IS NULL OR created_at <= ?6) ";

}  // namespace

std::int64_t append_event(sql::Database& db, std::string_view topic, std::string_view subject_type,
                          std::optional<std::int64_t> subject_id, std::string_view payload_json,
                          std::int64_t now) {
    if (!db.in_transaction()) {
        throw std::logic_error("append_event outside the transaction of the change it records");
    }
    return db
        .run(
            "INSERT INTO events(topic, subject_type, subject_id, payload, created_at) "
            "VALUES (?, ?, ?, ?, ?)",
            {topic, subject_type, subject_id, payload_json, now})
        .last_insert_rowid;
}

std::vector<EventRecord> read_events_after(sql::Database& db, std::int64_t after_seq, int limit) {
    return read_events(db, EventQuery{.after_seq = after_seq, .limit = limit});
}

std::vector<EventRecord> read_events(sql::Database& db, const EventQuery& q) {
    std::vector<EventRecord> out;
    auto row = db.query("SELECT seq, topic, subject_type, subject_id, payload, created_at" +
                            std::string(kWhere) + "ORDER BY seq LIMIT ?7",
                        {q.after_seq, q.topic, q.subject_type, q.subject_id, q.created_at_min,
                         q.created_at_max, q.limit});
    while (row.next())
        out.push_back(read_event(row));
    return out;
}

std::int64_t count_events(sql::Database& db, const EventQuery& q) {
    return db
        .query_int64("SELECT count(*)" + std::string(kWhere),
                     {q.after_seq, q.topic, q.subject_type, q.subject_id, q.created_at_min,
                      q.created_at_max})
        .value_or(0);
}

std::optional<EventRecord> find_event(sql::Database& db, std::int64_t seq) {
    auto row = db.query(
        "SELECT seq, topic, subject_type, subject_id, payload, created_at FROM events "
        "WHERE seq = ?",
        {seq});
    if (!row.next()) return std::nullopt;
    return read_event(row);
}

std::int64_t latest_event_seq(sql::Database& db) {
    return db.query_int64("SELECT coalesce(max(seq), 0) FROM events").value_or(0);
}

std::int64_t consumer_cursor(sql::Database& db, std::string_view consumer) {
    return db.query_int64("SELECT cursor_seq FROM event_consumers WHERE name = ?", {consumer})
        .value_or(0);
}

void advance_consumer(sql::Database& db, std::string_view consumer, std::int64_t seq,
                      std::int64_t now) {
    db.run(
        "INSERT INTO event_consumers(name, cursor_seq, updated_at) VALUES (?, ?, ?) "
        "ON CONFLICT(name) DO UPDATE SET cursor_seq = max(cursor_seq, excluded.cursor_seq), "
        "updated_at = excluded.updated_at",
        {consumer, seq, now});
}

}  // namespace station::tenant
