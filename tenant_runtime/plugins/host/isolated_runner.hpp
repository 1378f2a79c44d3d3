#pragma once
// A plugin release run in a sandboxed worker process (worker_process.hpp): the default for
// third-party plugins. What a fault does:
//   - a crash (any signal), a call past its deadline (the worker is SIGKILLed at the deadline), a
//     memory blow-up or a protocol violation ends that call with the fault and retires the worker;
//   - a supervisor thread starts a new worker after a backoff that doubles with each consecutive
//     fault; calls arriving meanwhile wait for it until their own deadline, then fail with
//     Fault::Unavailable — they never wait past their deadline;
//   - a release whose worker cannot start (ABI refusal, or crashing while loading
//     `max_start_failures` times in a row) is refused for good and reported through `on_refused`.
// Whether a store switches the plugin off is the circuit breaker's decision (plugin_host.hpp).
//
// Threading: invoke() is thread-safe; calls are served one at a time by the single worker.

#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "tenant_runtime/plugins/host/circuit_breaker.hpp"
#include "tenant_runtime/plugins/host/plugin_runner.hpp"
#include "tenant_runtime/plugins/host/worker_process.hpp"
#include "tenant_runtime/plugins/services/service_broker.hpp"

namespace station::plugins {

struct IsolatedOptions {
    WorkerLaunch launch;
    BackoffOptions backoff;
    OutputLimits limits;
    int max_start_failures = 5;
    // Recycle the worker (without counting a fault) once it used this share of its CPU budget.
    double cpu_recycle_share = 0.8;
};

class IsolatedRunner final : public PluginRunner {
public:
    using RefusedCallback = std::function<void(const std::string& reason)>;

    // Starts the supervisor, which starts the first worker at once.
    IsolatedRunner(std::shared_ptr<const PluginRelease> release, ServiceBroker& broker,
                   IsolatedOptions options, RefusedCallback on_refused);
    ~IsolatedRunner() override;

    InvocationResult invoke(const StoreInstall& install, const Invocation& invocation,
                            SteadyClock::time_point deadline) override;
    RunnerState state() const override;

    // Blocks until a worker is up or the release was refused, at most `timeout`; true if up.
    bool wait_until_ready(std::chrono::milliseconds timeout);

private:
    void supervise();
    InvocationResult converse(WorkerProcess& worker, const StoreInstall& install,
                              const Invocation& invocation, SteadyClock::time_point deadline,
                              std::int64_t& cpu_ms);
    // Under mutex_: the worker is gone because of a fault.
    void retire_locked(std::unique_ptr<WorkerProcess>& out, bool fault, const std::string& why);

    std::shared_ptr<const PluginRelease> release_;
    ServiceBroker& broker_;
    IsolatedOptions options_;
    RefusedCallback on_refused_;

    mutable std::mutex mutex_;
    std::condition_variable changed_;
    std::unique_ptr<WorkerProcess> worker_;
    bool busy_ = false;
    bool want_start_ = true;
    bool stopping_ = false;
    std::optional<std::string> refused_;
    int consecutive_faults_ = 0;
    int consecutive_start_failures_ = 0;
    SteadyClock::time_point restart_at_{};
    std::uint64_t next_call_id_ = 1;
    std::int64_t starts_ = 0;
    std::int64_t faults_ = 0;
    std::string last_fault_;
    std::int64_t max_rss_kb_ = 0;
    std::thread supervisor_;
};

}  // namespace station::plugins
