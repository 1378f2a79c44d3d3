#pragma once
// station.tasks/1 and cron bookkeeping on a plugin's database: one-off tasks waiting for their
// time, and the last run of each manifest cron entry (so a restart neither repeats nor loses a
// run).
//
// Preconditions: the caller holds the database (PluginDataStores::with). Statuses are the ABI's;
// storage failures throw sql::Error.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <station/plugin.h>

#include "base/sqlite/database.hpp"

namespace station::plugins {

struct TaskLimits {
    std::int64_t max_pending = 1000;
    std::int64_t max_delay_seconds = 30 * 86400;
    std::size_t max_name_bytes = 64;
    std::size_t max_payload_bytes = 64 * 1024;
};

struct ScheduledTask {
    std::int64_t id = 0;
    std::string name;
    std::string payload;
    std::int64_t run_at = 0;
    std::int64_t attempts = 0;
};

station_status schedule_task(sql::Database& db, std::string_view name, std::string_view payload,
                             std::int64_t delay_seconds, std::int64_t now, const TaskLimits& limits,
                             std::int64_t& task_id);
station_status cancel_task(sql::Database& db, std::int64_t task_id);

// Tasks due at `now`, oldest first.
std::vector<ScheduledTask> due_tasks(sql::Database& db, std::int64_t now, int limit);
// The earliest run_at of any pending task.
std::optional<std::int64_t> next_task_time(sql::Database& db);
void finish_task(sql::Database& db, std::int64_t task_id);
void reschedule_task(sql::Database& db, std::int64_t task_id, std::int64_t run_at,
                     std::string_view error);

std::optional<std::int64_t> last_cron_run(sql::Database& db, std::string_view name);
void record_cron_run(sql::Database& db, std::string_view name, std::int64_t at);

}  // namespace station::plugins
