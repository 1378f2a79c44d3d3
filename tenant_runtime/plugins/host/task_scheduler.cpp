#include "tenant_runtime/plugins/host/task_scheduler.hpp"

#include <spdlog/spdlog.h>

#include "tenant_runtime/plugins/services/task_store.hpp"

namespace station::plugins {

TaskScheduler::TaskScheduler(InstallDirectory& installs, PluginInvoker& invoker,
                             PluginDataStores& data, const util::Clock& clock,
                             TaskSchedulerOptions options)
    : installs_(installs), invoker_(invoker), data_(data), clock_(clock), options_(options) {}

TaskScheduler::~TaskScheduler() {
    stop();
}

void TaskScheduler::start() {
    std::lock_guard lock(mutex_);
    stopping_ = false;
    dirty_ = true;
    thread_ = std::thread([this] { run(); });
}

void TaskScheduler::stop() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    wake_.notify_all();
    if (thread_.joinable()) thread_.join();
}

void TaskScheduler::store_changed(std::int64_t store_id) {
    {
        std::lock_guard lock(mutex_);
        due_[store_id] = 0;
    }
    wake_.notify_all();
}

void TaskScheduler::wake() {
    wake_.notify_all();
}

void TaskScheduler::run() {
    std::unique_lock lock(mutex_);
    auto last_refresh = std::chrono::steady_clock::now();
    while (!stopping_) {
        if (dirty_ || std::chrono::steady_clock::now() - last_refresh > options_.refresh) {
            dirty_ = false;
            last_refresh = std::chrono::steady_clock::now();
            lock.unlock();
            std::vector<std::int64_t> stores = installs_.stores_with_installs();
            lock.lock();
            for (std::int64_t id : stores)
                due_.try_emplace(id, 0);
        }
        std::int64_t now = clock_.unix_seconds();
        std::vector<std::int64_t> due;
        for (const auto& [store, at] : due_) {
            if (at <= now) due.push_back(store);
        }
        for (std::int64_t store : due) {
            lock.unlock();
            std::optional<std::int64_t> next;
            try {
                next = run_store(store);
            } catch (const std::exception& e) {
                spdlog::error("plugin tasks: store {}: {}", store, e.what());
                next = clock_.unix_seconds() + 60;
            }
            lock.lock();
            if (stopping_) return;
            // A store_changed() during the run set 0: keep that, it is newer.
            auto it = due_.find(store);
            if (it != due_.end() && it->second != 0) continue;
            if (next) {
                due_[store] = *next;
            } else {
                due_.erase(store);
            }
        }
        std::int64_t earliest = INT64_MAX;
        for (const auto& [store, at] : due_)
            earliest = std::min(earliest, at);
        auto wait = options_.recheck;
        if (earliest != INT64_MAX && earliest > now) {
            wait = std::min<std::chrono::milliseconds>(wait, std::chrono::seconds(earliest - now));
        }
        if (earliest > now || earliest == INT64_MAX) wake_.wait_for(lock, wait);
    }
}

std::optional<std::int64_t> TaskScheduler::run_store(std::int64_t store_id) {
    auto installs = installs_.active_installs(store_id);
    if (!installs) return std::nullopt;
    std::optional<std::int64_t> next;
    for (const StoreInstall& install : *installs) {
        auto at = run_install(install, clock_.unix_seconds());
        if (at && (!next || *at < *next)) next = at;
    }
    return next;
}

std::optional<std::int64_t> TaskScheduler::run_install(const StoreInstall& install,
                                                       std::int64_t now) {
    const std::string& plugin_id = install.plugin_id();
    const bool has_tasks = install.service_available(ServiceId::Tasks);
    if (install.manifest().schedules.empty() && !has_tasks) return std::nullopt;
    std::optional<std::int64_t> next;
    auto consider = [&](std::int64_t at) {
        if (!next || at < *next) next = at;
    };
    auto invoke = [&](const TaskCall& call) {
        return invoker_.invoke(install, call, SteadyClock::now() + options_.deadline);
    };

    for (const CronSchedule& schedule : install.manifest().schedules) {
        auto last = data_.with(install.store_id, plugin_id,
                               [&](sql::Database& db) { return last_cron_run(db, schedule.name); });
        if (!last) {
            // First sight of this entry: its first run is the next time after now.
            data_.with(install.store_id, plugin_id,
                       [&](sql::Database& db) { record_cron_run(db, schedule.name, now); });
            last = now;
        }
        auto due = schedule.expression.next_after(*last);
        if (!due) continue;
        if (*due <= now) {
            InvocationResult result = invoke(TaskCall{schedule.name, ""});
            if (result.status != STATION_OK || result.fault != Fault::None) {
                spdlog::warn("plugin {} (store {}): cron '{}' failed: {}", plugin_id,
                             install.store_id, schedule.name, describe_failure(result));
            }
            data_.with(install.store_id, plugin_id,
                       [&](sql::Database& db) { record_cron_run(db, schedule.name, now); });
            due = schedule.expression.next_after(now);
        }
        if (due) consider(*due);
    }

    if (!has_tasks || !data_.exists(install.store_id, plugin_id)) return next;
    auto tasks = data_.with(install.store_id, plugin_id,
                            [&](sql::Database& db) { return due_tasks(db, now, 20); });
    for (const ScheduledTask& task : tasks) {
        InvocationResult result = invoke(TaskCall{task.name, task.payload});
        bool ok = result.status == STATION_OK && result.fault == Fault::None;
        data_.with(install.store_id, plugin_id, [&](sql::Database& db) {
            if (ok) {
                finish_task(db, task.id);
            } else if (task.attempts + 1 >= options_.max_task_attempts) {
                spdlog::error("plugin {} (store {}): task '{}' dropped after {} attempts: {}",
                              plugin_id, install.store_id, task.name, task.attempts + 1,
                              describe_failure(result));
                finish_task(db, task.id);
            } else {
                std::int64_t delay = options_.first_retry.count() << task.attempts;
                reschedule_task(db, task.id, now + delay, describe_failure(result));
            }
        });
    }
    auto pending = data_.with(install.store_id, plugin_id,
                              [](sql::Database& db) { return next_task_time(db); });
    if (pending) consider(*pending);
    return next;
}

}  // namespace station::plugins
