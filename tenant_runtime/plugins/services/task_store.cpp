#include "tenant_runtime/plugins/services/task_store.hpp"

#include "tenant_runtime/plugins/services/text_checks.hpp"

namespace station::plugins {

station_status schedule_task(sql::Database& db, std::string_view name, std::string_view payload,
                             std::int64_t delay_seconds, std::int64_t now, const TaskLimits& limits,
                             std::int64_t& task_id) {
    if (name.empty() || name.size() > limits.max_name_bytes || !is_clean_text(name) ||
        delay_seconds < 0) {
        return STATION_ERR_INVALID;
    }
    if (payload.size() > limits.max_payload_bytes || delay_seconds > limits.max_delay_seconds) {
        return STATION_ERR_TOO_LARGE;
    }
    sql::Transaction transaction(db);
    if (db.query_int64("SELECT count(*) FROM tasks").value_or(0) >= limits.max_pending) {
        return STATION_ERR_QUOTA;
    }
    task_id = db.run("INSERT INTO tasks(name, payload, run_at, created_at) VALUES (?, ?, ?, ?)",
                     {name, payload, now + delay_seconds, now})
                  .last_insert_rowid;
    transaction.commit();
    return STATION_OK;
}

station_status cancel_task(sql::Database& db, std::int64_t task_id) {
    auto changed = db.run("DELETE FROM tasks WHERE id = ?", {task_id}).changes;
    return changed > 0 ? STATION_OK : STATION_ERR_NOT_FOUND;
}

std::vector<ScheduledTask> due_tasks(sql::Database& db, std::int64_t now, int limit) {
    std::vector<ScheduledTask> tasks;
    sql::Row row = db.query(
        "SELECT id, name, payload, run_at, attempts FROM tasks WHERE run_at <= ? "
        "ORDER BY run_at, id LIMIT ?",
        {now, limit});
    while (row.next()) {
        tasks.push_back({row.int64(0), row.string(1), row.string(2), row.int64(3), row.int64(4)});
    }
    return tasks;
}

std::optional<std::int64_t> next_task_time(sql::Database& db) {
    return db.query_int64("SELECT min(run_at) FROM tasks");
}

void finish_task(sql::Database& db, std::int64_t task_id) {
    db.run("DELETE FROM tasks WHERE id = ?", {task_id});
}

void reschedule_task(sql::Database& db, std::int64_t task_id, std::int64_t run_at,
                     std::string_view error) {
    db.run("UPDATE tasks SET run_at = ?, attempts = attempts + 1, last_error = ? WHERE id = ?",
           {run_at, error, task_id});
}

std::optional<std::int64_t> last_cron_run(sql::Database& db, std::string_view name) {
    return db.query_int64("SELECT last_run_at FROM cron_runs WHERE name = ?", {name});
}

void record_cron_run(sql::Database& db, std::string_view name, std::int64_t at) {
    db.run(
        "INSERT INTO cron_runs(name, last_run_at) VALUES (?, ?) "
        "ON CONFLICT(name) DO UPDATE SET last_run_at = excluded.last_run_at",
        {name, at});
}

}  // namespace station::plugins
