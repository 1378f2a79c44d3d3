#pragma once
// Runs plugins' scheduled work: the cron entries of each install's manifest ("schedules") and the
// one-off tasks plugins schedule through station.tasks/1.
//
// Cron: a fresh install's entries first run at their next time after installation. Runs missed
// while the platform was down are not replayed one by one: one run happens at start-up, then the
// schedule continues. A failing cron run is logged and not retried (the next run will come).
// Tasks: at-least-once — a task is deleted only after on_task succeeded; a failed task is retried
// with growing delays, at most `max_task_attempts` times, then dropped with an error in the log.
//
// Time comes from the injected clock; wake() re-checks at once (tests move a ManualClock).
// Threading: one scheduler thread between start() and stop(); other methods from any thread.

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <thread>

#include "base/util/clock.hpp"
#include "tenant_runtime/plugins/host/install_directory.hpp"
#include "tenant_runtime/plugins/host/plugin_invoker.hpp"
#include "tenant_runtime/plugins/services/plugin_data_stores.hpp"

namespace station::plugins {

struct TaskSchedulerOptions {
    std::chrono::milliseconds deadline{30'000};
    std::chrono::seconds first_retry{60};
    int max_task_attempts = 5;
    // How often the set of stores with installs is re-read (new installs, uninstalls).
    std::chrono::seconds refresh{60};
    std::chrono::milliseconds recheck{1000};
};

class TaskScheduler {
public:
    TaskScheduler(InstallDirectory& installs, PluginInvoker& invoker, PluginDataStores& data,
                  const util::Clock& clock, TaskSchedulerOptions options);
    TaskScheduler(const TaskScheduler&) = delete;
    TaskScheduler& operator=(const TaskScheduler&) = delete;
    ~TaskScheduler();

    void start();
    void stop();

    // A task was scheduled for `run_at`, or installs of the store changed.
    void store_changed(std::int64_t store_id);
    void wake();

    // One pass over the due work of one store (what the thread runs); returns the next time
    // (unix seconds) something is due for the store, if anything.
    std::optional<std::int64_t> run_store(std::int64_t store_id);

private:
    void run();
    std::optional<std::int64_t> run_install(const StoreInstall& install, std::int64_t now);

    InstallDirectory& installs_;
    PluginInvoker& invoker_;
    PluginDataStores& data_;
    const util::Clock& clock_;
    TaskSchedulerOptions options_;

    std::mutex mutex_;
    std::condition_variable wake_;
    std::map<std::int64_t, std::int64_t> due_;  // store id → next due (unix seconds)
    bool dirty_ = true;                         // re-read the stores with installs
    bool stopping_ = false;
    std::thread thread_;
};

}  // namespace station::plugins
