#include "tenant_runtime/plugins/host/plugin_host.hpp"

#include <boost/json/parse.hpp>
#include <spdlog/spdlog.h>

#include "base/util/strings.hpp"
#include "tenant_runtime/plugins/host/in_process_runner.hpp"

namespace station::plugins {
namespace {

constexpr std::size_t kMaxHookOutputBytes = 256 * 1024;

bool offers(const Manifest& manifest, std::uint32_t surface) {
    switch (surface) {
        case STATION_SURFACE_STOREFRONT:
            return manifest.http.storefront;
        case STATION_SURFACE_ADMIN:
            return manifest.http.admin;
        case STATION_SURFACE_WEBHOOK:
            return manifest.http.webhook;
        default:
            return false;
    }
}

// Request headers a plugin may see: never the shopper's or merchant's credentials.
bool forwarded_header(std::string_view name) {
    static constexpr std::string_view kWithheld[] = {"cookie",
                                                     "authorization",
                                                     "x-csrf-token",
                                                     "x-shopify-access-token",
                                                     "x-station-access-token",
                                                     "proxy-authorization"};
    std::string lower = util::to_lower(name);
    return std::find(std::begin(kWithheld), std::end(kWithheld), lower) == std::end(kWithheld);
}

http::Response unavailable(int status, std::string_view message) {
    http::Response response = http::Response::text(status, std::string(message) + "\n");
    response.headers.set("Cache-Control", "no-store");
    return response;
}

}  // namespace

PluginHost::PluginHost(PluginHostDeps deps, PluginHostOptions options)
    : deps_(std::move(deps)),
      options_(std::move(options)),
      breaker_(deps_.clock, options_.breaker),
      events_(deps_.installs, *this, deps_.data, deps_.runtime_of, deps_.clock, options_.events),
      tasks_(deps_.installs, *this, deps_.data, deps_.clock, options_.tasks) {}

PluginHost::~PluginHost() {
    stop();
}

void PluginHost::start() {
    if (options_.safe_mode) {
        spdlog::warn("plugins: safe mode — no plugin is loaded");
        return;
    }
    events_.start();
    tasks_.start();
    std::lock_guard lock(mutex_);
    started_ = true;
}

void PluginHost::stop() {
    events_.stop();
    tasks_.stop();
    std::map<std::string, RunnerEntry> runners;
    {
        std::lock_guard lock(mutex_);
        runners.swap(runners_);
        started_ = false;
    }
    runners.clear();  // outside the lock: a runner's destructor waits for its calls
}

std::shared_ptr<PluginRunner> PluginHost::make_isolated_runner(
    const std::shared_ptr<const PluginRelease>& release) {
    std::weak_ptr<const PluginRelease> weak = release;
    return std::make_shared<IsolatedRunner>(release, deps_.broker, options_.isolated,
                                            [this, weak](const std::string& reason) {
                                                if (auto r = weak.lock()) refuse(*r, reason);
                                            });
}

std::shared_ptr<PluginRunner> PluginHost::runner_for(
    const PluginRelease& release, const std::shared_ptr<const PluginRelease>& shared) {
    const std::string key = release.key();
    std::shared_ptr<PluginRunner> replaced;  // destroyed after the lock is released
    std::unique_lock lock(mutex_);
    if (refused_.contains(key)) return nullptr;
    auto it = runners_.find(key);
    if (it != runners_.end()) {
        if (!release.dev) return it->second.runner;
        auto now = SteadyClock::now();
        if (now - it->second.checked_at < options_.dev_reload_check) return it->second.runner;
        it->second.checked_at = now;
        std::error_code ec;
        auto time = std::filesystem::last_write_time(release.library_path(), ec);
        if (ec || time == it->second.library_time) return it->second.runner;
        spdlog::info("plugins: {} was rebuilt; reloading", key);
        replaced = std::move(it->second.runner);
        runners_.erase(it);
    }
    std::error_code ec;
    auto library_time = std::filesystem::last_write_time(release.library_path(), ec);
    if (release.mode == IsolationMode::InProcess) {
        auto loaded = InProcessRunner::load(shared, deps_.broker, options_.limits);
        if (!loaded) {
            std::string reason = loaded.error().message;
            lock.unlock();
            refuse(release, reason);
            return nullptr;
        }
        std::shared_ptr<PluginRunner> runner(std::move(*loaded));
        runners_[key] = RunnerEntry{runner, library_time, SteadyClock::now()};
        return runner;
    }
    std::shared_ptr<PluginRunner> runner = make_isolated_runner(shared);
    runners_[key] = RunnerEntry{runner, library_time, SteadyClock::now()};
    return runner;
}

void PluginHost::refuse(const PluginRelease& release, const std::string& reason) {
    {
        std::lock_guard lock(mutex_);
        if (!refused_.emplace(release.key(), reason).second) return;
    }
    spdlog::error("plugins: {} refused: {}", release.key(), reason);
    deps_.installs.release_refused(release, reason);
}

void PluginHost::release_changed(const std::string& release_key) {
    std::shared_ptr<PluginRunner> old;
    {
        std::lock_guard lock(mutex_);
        refused_.erase(release_key);
        if (auto it = runners_.find(release_key); it != runners_.end()) {
            old = std::move(it->second.runner);
            runners_.erase(it);
        }
    }
}

InvocationResult PluginHost::invoke(const StoreInstall& install, const Invocation& invocation,
                                    SteadyClock::time_point deadline) {
    if (options_.safe_mode) {
        return InvocationResult::failed(Fault::Unavailable, STATION_ERR_UNAVAILABLE,
                                        "plugins are off (safe mode)");
    }
    std::shared_ptr<PluginRunner> runner = runner_for(*install.release, install.release);
    if (!runner) {
        std::lock_guard lock(mutex_);
        auto it = refused_.find(install.release->key());
        return InvocationResult::failed(
            Fault::Unavailable, STATION_ERR_UNAVAILABLE,
            "the plugin was refused: " + (it == refused_.end() ? std::string() : it->second));
    }
    InvocationResult result = runner->invoke(install, invocation, deadline);
    if (is_plugin_fault(result.fault) &&
        breaker_.record_fault(install.store_id, install.plugin_id())) {
        std::string reason = "switched off after " + std::to_string(options_.breaker.threshold) +
                             " faults within " + std::to_string(options_.breaker.window.count()) +
                             " s; the last: " + describe_failure(result);
        spdlog::error("plugin {} (store {}): {}", install.plugin_id(), install.store_id, reason);
        deps_.installs.plugin_tripped(install.store_id, install.plugin_id(), reason);
    }
    return result;
}

HookRun PluginHost::run_hook(std::int64_t store_id, std::string_view hook,
                             std::string_view input_json) {
    HookRun run;
    run.hook = std::string(hook);
    if (options_.safe_mode || !find_hook(hook)) return run;
    auto installs = deps_.installs.active_installs(store_id);
    if (!installs) return run;
    for (const StoreInstall& install : *installs) {
        const HookDeclaration* declaration = install.manifest().hook(hook);
        if (!declaration) continue;
        PluginHookResult r;
        r.plugin_id = install.plugin_id();
        r.policy = declaration->failure_policy;
        auto started = SteadyClock::now();
        InvocationResult result = invoke(install, HookCall{run.hook, std::string(input_json)},
                                         started + declaration->deadline);
        r.elapsed =
            std::chrono::duration_cast<std::chrono::microseconds>(SteadyClock::now() - started);
        r.status = result.status;
        r.fault = result.fault;
        if (result.status == STATION_OK && result.fault == Fault::None) {
            boost::system::error_code ec;
            std::string_view text = result.output.empty() ? "{}" : result.output;
            boost::json::value output;
            if (text.size() <= kMaxHookOutputBytes) output = boost::json::parse(text, ec);
            if (text.size() > kMaxHookOutputBytes || ec) {
                r.detail = "the output is not JSON";
            } else if (auto problem = hook_output_problem(hook, output)) {
                r.detail = "invalid output: " + *problem;
            } else {
                r.ok = true;
                r.output = std::move(output);
            }
        } else {
            r.detail = describe_failure(result);
        }
        bool reject = !r.ok && r.policy == FailurePolicy::Reject;
        if (!r.ok) {
            spdlog::warn("plugin {} (store {}): hook {} failed ({}); policy {}", r.plugin_id,
                         store_id, hook, r.detail, to_string(r.policy));
        }
        if (reject) {
            run.rejected = true;
            run.rejected_by = r.plugin_id;
            run.reason =
                "the app " + install.manifest().name + " could not check this (" + r.detail + ")";
        }
        run.results.push_back(std::move(r));
        if (reject) break;
    }
    return run;
}

std::optional<StoreInstall> PluginHost::find_install(std::int64_t store_id,
                                                     std::string_view plugin_id) {
    auto installs = deps_.installs.active_installs(store_id);
    if (!installs) return std::nullopt;
    for (const StoreInstall& install : *installs) {
        if (install.plugin_id() == plugin_id) return install;
    }
    return std::nullopt;
}

std::optional<http::Response> PluginHost::handle_http(
    std::int64_t store_id, std::string_view plugin_id, std::uint32_t surface,
    const http::Request& request, std::string_view sub_path, std::string_view staff) {
    if (options_.safe_mode) return std::nullopt;
    auto install = find_install(store_id, plugin_id);
    if (!install || !offers(install->manifest(), surface)) return std::nullopt;
    if (request.body.size() > options_.max_request_bytes) {
        return unavailable(413, "The request is too large for this app.");
    }
    HttpCall call;
    call.surface = surface;
    call.method = request.method_text.empty() ? std::string(http::method_name(request.method))
                                              : request.method_text;
    call.path = sub_path.empty() ? "/" : std::string(sub_path);
    call.query = request.query;
    call.body = request.body;
    call.remote_address = request.remote_address;
    call.staff = std::string(staff);
    for (const auto& [name, value] : request.headers) {
        if (forwarded_header(name)) call.headers.emplace_back(name, value);
    }
    InvocationResult result = invoke(*install, call, SteadyClock::now() + options_.http_deadline);
    if (result.fault == Fault::Timeout) {
        return unavailable(504, "This app did not answer in time.");
    }
    if (result.fault != Fault::None) {
        return unavailable(503, "This app is temporarily unavailable.");
    }
    if (result.status == STATION_ERR_UNSUPPORTED) return unavailable(404, "Not found.");
    if (result.status != STATION_OK) return unavailable(502, "This app failed to answer.");
    http::Response response;
    response.status = result.http_status;
    for (auto& [name, value] : result.http_headers)
        response.headers.add(name, std::move(value));
    if (!response.headers.contains("Content-Type")) {
        response.headers.set("Content-Type", "text/plain; charset=utf-8");
    }
    response.headers.set("X-Content-Type-Options", "nosniff");
    response.body = std::move(result.output);
    return response;
}

void PluginHost::events_appended(std::int64_t store_id) {
    if (!options_.safe_mode) events_.notify(store_id);
}

void PluginHost::task_scheduled(std::int64_t store_id) {
    if (!options_.safe_mode) tasks_.store_changed(store_id);
}

void PluginHost::installed(std::int64_t store_id, const std::string& plugin_id) {
    breaker_.reset(store_id, plugin_id);
    events_.start_at_latest(store_id, plugin_id);
    task_scheduled(store_id);
}

void PluginHost::uninstalled(std::int64_t store_id, const std::string& plugin_id) {
    breaker_.reset(store_id, plugin_id);
    deps_.data.purge(store_id, plugin_id);
    task_scheduled(store_id);
}

void PluginHost::enabled(std::int64_t store_id, const std::string& plugin_id) {
    breaker_.reset(store_id, plugin_id);
    events_appended(store_id);
    task_scheduled(store_id);
}

void PluginHost::config_changed(std::int64_t store_id, const std::string& plugin_id) {
    if (options_.safe_mode) return;
    auto install = find_install(store_id, plugin_id);
    if (!install) return;
    InvocationResult result =
        invoke(*install, ConfigChangedCall{}, SteadyClock::now() + options_.config_deadline);
    if (result.fault != Fault::None) {
        spdlog::warn("plugin {} (store {}): on_config_changed failed: {}", plugin_id, store_id,
                     describe_failure(result));
    }
}

std::vector<RunnerState> PluginHost::runner_states() const {
    std::vector<std::shared_ptr<PluginRunner>> runners;
    std::map<std::string, std::string> refused;
    {
        std::lock_guard lock(mutex_);
        for (const auto& [key, entry] : runners_)
            runners.push_back(entry.runner);
        refused = refused_;
    }
    std::vector<RunnerState> states;
    for (const auto& runner : runners)
        states.push_back(runner->state());
    for (const auto& [key, reason] : refused) {
        if (std::none_of(states.begin(), states.end(),
                         [&](const RunnerState& s) { return s.release == key; })) {
            RunnerState state;
            state.release = key;
            state.last_fault = "refused: " + reason;
            states.push_back(state);
        }
    }
    return states;
}

std::vector<DeadLetter> PluginHost::dead_letters(std::int64_t store_id,
                                                 const std::string& plugin_id, int limit) {
    return events_.dead_letters(store_id, plugin_id, limit);
}

std::string PluginHost::render_metrics() const {
    std::string out = deps_.metrics.render_prometheus();
    auto states = runner_states();
    out += "# HELP station_plugin_worker_faults_total crashes, timeouts and memory blow-ups\n";
    out += "# TYPE station_plugin_worker_faults_total counter\n";
    for (const RunnerState& s : states) {
        out += "station_plugin_worker_faults_total{release=\"" + s.release + "\"} " +
               std::to_string(s.faults) + "\n";
    }
    out += "# HELP station_plugin_worker_restarts_total workers started after the first\n";
    out += "# TYPE station_plugin_worker_restarts_total counter\n";
    for (const RunnerState& s : states) {
        out += "station_plugin_worker_restarts_total{release=\"" + s.release + "\"} " +
               std::to_string(s.restarts) + "\n";
    }
    return out;
}

bool PluginHost::wait_until_ready(const StoreInstall& install, std::chrono::milliseconds timeout) {
    std::shared_ptr<PluginRunner> runner = runner_for(*install.release, install.release);
    if (!runner) return false;
    if (auto* isolated = dynamic_cast<IsolatedRunner*>(runner.get())) {
        return isolated->wait_until_ready(timeout);
    }
    return true;
}

}  // namespace station::plugins
