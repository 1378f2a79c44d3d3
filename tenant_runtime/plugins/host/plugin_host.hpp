#pragma once
// The plugin host of the platform process: loads each installed plugin release once (in-process
// or in a supervised worker), and serves every store through it — synchronous hooks, the
// plugin's HTTP surfaces, event delivery, scheduled tasks and configuration changes — with the
// fault policy applied everywhere:
//   - every call has a deadline; an isolated worker that misses it is killed and restarted with
//     backoff (isolated_runner.hpp);
//   - faults are counted per (store, plugin) by a circuit breaker; when it trips, the plugin is
//     switched off for that store ("recovery mode") through InstallDirectory::plugin_tripped,
//     which records it and tells the merchant and the platform admins;
//   - a release that cannot load is refused through InstallDirectory::release_refused.
// Nothing a plugin does can fail a storefront request that does not involve that plugin.
//
// Safe mode (PluginHostOptions::safe_mode) loads nothing: hooks run no plugin, plugin routes 404,
// no events or tasks are delivered.
//
// Threading: every public method is thread-safe. start()/stop() from the owner.

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/http/message.hpp"
#include "base/util/clock.hpp"
#include "tenant_runtime/plugins/host/circuit_breaker.hpp"
#include "tenant_runtime/plugins/host/event_delivery.hpp"
#include "tenant_runtime/plugins/host/hooks.hpp"
#include "tenant_runtime/plugins/host/install_directory.hpp"
#include "tenant_runtime/plugins/host/isolated_runner.hpp"
#include "tenant_runtime/plugins/host/plugin_invoker.hpp"
#include "tenant_runtime/plugins/host/task_scheduler.hpp"
#include "tenant_runtime/plugins/services/plugin_data_stores.hpp"
#include "tenant_runtime/plugins/services/service_broker.hpp"

namespace station::plugins {

struct PluginHostOptions {
    bool safe_mode = false;
    IsolatedOptions isolated;  // isolated.launch.executable: the `station` binary
    OutputLimits limits;
    std::chrono::milliseconds http_deadline{5000};
    std::chrono::milliseconds config_deadline{2000};
    std::size_t max_request_bytes = std::size_t{1} << 20;
    CircuitBreakerOptions breaker;
    EventDeliveryOptions events;
    TaskSchedulerOptions tasks;
    // How often a dev-loop release's library is checked for a rebuild.
    std::chrono::milliseconds dev_reload_check{250};
};

struct PluginHostDeps {
    InstallDirectory& installs;
    ServiceBroker& broker;
    PluginDataStores& data;
    PluginMetrics& metrics;
    const util::Clock& clock;
    EventDelivery::RuntimeOf runtime_of;
};

class PluginHost final : public PluginInvoker {
public:
    PluginHost(PluginHostDeps deps, PluginHostOptions options);
    PluginHost(const PluginHost&) = delete;
    PluginHost& operator=(const PluginHost&) = delete;
    ~PluginHost() override;

    void start();
    void stop();
    bool safe_mode() const { return options_.safe_mode; }

    // Runs `hook` (hook_catalog) with `input_json` through every active install of the store that
    // declares it, in install order, each within its declared deadline. Returns within the sum of
    // those deadlines (plus scheduling noise) whatever the plugins do.
    HookRun run_hook(std::int64_t store_id, std::string_view hook, std::string_view input_json);

    // A request for a plugin's HTTP surface (STATION_SURFACE_*). `sub_path` is the path below the
    // plugin's prefix ("/points"); `staff` the signed-in user for the admin surface. nullopt when
    // the store has no active install of the plugin offering that surface (the caller 404s).
    std::optional<http::Response> handle_http(std::int64_t store_id, std::string_view plugin_id,
                                              std::uint32_t surface, const http::Request& request,
                                              std::string_view sub_path, std::string_view staff);

    // PluginInvoker: one call with fault accounting (circuit breaker, recovery mode).
    InvocationResult invoke(const StoreInstall& install, const Invocation& invocation,
                            SteadyClock::time_point deadline) override;

    // Events and tasks.
    void events_appended(std::int64_t store_id);
    void task_scheduled(std::int64_t store_id);

    // Lifecycle, told by the platform after it committed the change.
    void installed(std::int64_t store_id, const std::string& plugin_id);
    void uninstalled(std::int64_t store_id, const std::string& plugin_id);
    void enabled(std::int64_t store_id, const std::string& plugin_id);
    void config_changed(std::int64_t store_id, const std::string& plugin_id);
    // A release was blocked, unblocked or re-approved: drop its runner so the next call reloads.
    void release_changed(const std::string& release_key);

    std::vector<RunnerState> runner_states() const;
    std::vector<DeadLetter> dead_letters(std::int64_t store_id, const std::string& plugin_id,
                                         int limit);
    // The plugins' own metrics (station.metrics/1), for /metrics.
    std::string render_metrics() const;
    EventDelivery& event_delivery() { return events_; }
    TaskScheduler& task_scheduler() { return tasks_; }
    // Test and dev-loop helper: waits until the release's worker is up (isolated) or loaded.
    bool wait_until_ready(const StoreInstall& install, std::chrono::milliseconds timeout);

private:
    struct RunnerEntry {
        std::shared_ptr<PluginRunner> runner;
        std::filesystem::file_time_type library_time;
        SteadyClock::time_point checked_at;
    };

    // The runner of the install's release (loading it on first use); nullptr when refused.
    std::shared_ptr<PluginRunner> runner_for(const PluginRelease& release,
                                             const std::shared_ptr<const PluginRelease>& shared);
    std::shared_ptr<PluginRunner> make_isolated_runner(
        const std::shared_ptr<const PluginRelease>& release);
    void refuse(const PluginRelease& release, const std::string& reason);
    std::optional<StoreInstall> find_install(std::int64_t store_id, std::string_view plugin_id);

    PluginHostDeps deps_;
    PluginHostOptions options_;
    CircuitBreaker breaker_;
    EventDelivery events_;
    TaskScheduler tasks_;

    mutable std::mutex mutex_;
    std::map<std::string, RunnerEntry> runners_;  // by release key
    std::map<std::string, std::string> refused_;  // release key → reason
    bool started_ = false;
};

}  // namespace station::plugins
