#include "tenant_runtime/events/event_log.hpp"

#include <stdexcept>

namespace station::tenant {

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
    std::vector<EventRecord> out;
    auto row = db.query(
        "SELECT seq, topic, subject_type, subject_id, payload, created_at FROM events "
        "WHERE seq > ? ORDER BY seq LIMIT ?",
        {after_seq, limit});
    while (row.next()) {
        out.push_back({row.int64(0), row.string(1), row.string(2), row.optional_int64(3),
                       row.string(4), row.int64(5)});
    }
    return out;
}

}  // namespace station::tenant
