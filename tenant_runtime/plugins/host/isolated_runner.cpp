#include "tenant_runtime/plugins/host/isolated_runner.hpp"

#include <spdlog/spdlog.h>

#include "tenant_runtime/plugins/protocol/wire.hpp"

namespace station::plugins {
namespace {

using Steady = SteadyClock;

InvocationResult protocol_fault(const std::string& what) {
    return InvocationResult::failed(Fault::Protocol, STATION_ERR_INTERNAL,
                                    "the worker broke the protocol: " + what);
}

}  // namespace

IsolatedRunner::IsolatedRunner(std::shared_ptr<const PluginRelease> release, ServiceBroker& broker,
                               IsolatedOptions options, RefusedCallback on_refused)
    : release_(std::move(release)),
      broker_(broker),
      options_(std::move(options)),
      on_refused_(std::move(on_refused)) {
    supervisor_ = std::thread([this] { supervise(); });
}

IsolatedRunner::~IsolatedRunner() {
    std::unique_ptr<WorkerProcess> worker;
    {
        std::unique_lock lock(mutex_);
        stopping_ = true;
        changed_.notify_all();
        changed_.wait(lock, [&] { return !busy_; });
        worker = std::move(worker_);
    }
    if (supervisor_.joinable()) supervisor_.join();
    worker.reset();
}

void IsolatedRunner::supervise() {
    std::unique_lock lock(mutex_);
    while (!stopping_) {
        if (!want_start_ || worker_ || refused_) {
            changed_.wait(lock);
            continue;
        }
        if (Steady::now() < restart_at_) {
            changed_.wait_until(lock, restart_at_);
            continue;
        }
        lock.unlock();
        auto started = WorkerProcess::start(options_.launch, *release_);
        std::optional<std::string> refusal;
        lock.lock();
        if (started) {
            worker_ = std::move(*started);
            want_start_ = false;
            consecutive_start_failures_ = 0;
            ++starts_;
        } else if (started.error().refused ||
                   ++consecutive_start_failures_ >= options_.max_start_failures) {
            refused_ = started.error().refused
                           ? started.error().message
                           : "the worker failed to start " +
                                 std::to_string(consecutive_start_failures_) +
                                 " times in a row; last: " + started.error().message;
            refusal = refused_;
        } else {
            ++faults_;
            ++consecutive_faults_;
            last_fault_ = started.error().message;
            restart_at_ = Steady::now() + restart_delay(options_.backoff, consecutive_faults_);
            spdlog::warn("plugin {}: worker start failed ({}); retrying in {} ms", release_->key(),
                         started.error().message,
                         restart_delay(options_.backoff, consecutive_faults_).count());
        }
        changed_.notify_all();
        if (refusal) {
            lock.unlock();
            spdlog::error("plugin {} refused: {}", release_->key(), *refusal);
            if (on_refused_) on_refused_(*refusal);
            lock.lock();
        }
    }
}

bool IsolatedRunner::wait_until_ready(std::chrono::milliseconds timeout) {
    std::unique_lock lock(mutex_);
    changed_.wait_for(lock, timeout, [&] { return worker_ || refused_ || stopping_; });
    return worker_ != nullptr;
}

void IsolatedRunner::retire_locked(std::unique_ptr<WorkerProcess>& out, bool fault,
                                   const std::string& why) {
    out = std::move(worker_);
    want_start_ = true;
    if (fault) {
        ++faults_;
        ++consecutive_faults_;
        last_fault_ = why;
        restart_at_ = Steady::now() + restart_delay(options_.backoff, consecutive_faults_);
    } else {
        restart_at_ = Steady::now();
    }
    changed_.notify_all();
}

InvocationResult IsolatedRunner::invoke(const StoreInstall& install, const Invocation& invocation,
                                        SteadyClock::time_point deadline) {
    std::unique_lock lock(mutex_);
    bool ready = changed_.wait_until(lock, deadline,
                                     [&] { return stopping_ || refused_ || (worker_ && !busy_); });
    if (stopping_) {
        return InvocationResult::failed(Fault::Unavailable, STATION_ERR_UNAVAILABLE,
                                        "the plugin host is stopping");
    }
    if (refused_) {
        return InvocationResult::failed(Fault::Unavailable, STATION_ERR_UNAVAILABLE, *refused_);
    }
    if (!ready) {
        return InvocationResult::failed(Fault::Unavailable, STATION_ERR_TIMEOUT,
                                        worker_
                                            ? "the plugin's worker stayed busy until the deadline"
                                            : "the plugin's worker is restarting after a fault");
    }
    busy_ = true;
    WorkerProcess& worker = *worker_;
    lock.unlock();

    std::int64_t cpu_ms = 0;
    InvocationResult result = converse(worker, install, invocation, deadline, cpu_ms);

    std::unique_ptr<WorkerProcess> retired;
    lock.lock();
    busy_ = false;
    if (is_plugin_fault(result.fault)) {
        retire_locked(retired, true, result.detail);
    } else {
        consecutive_faults_ = 0;
        if (static_cast<double>(cpu_ms) >
            options_.cpu_recycle_share * static_cast<double>(options_.launch.cpu_seconds) * 1000) {
            retire_locked(retired, false, "");
        }
    }
    changed_.notify_all();
    lock.unlock();
    if (retired && is_plugin_fault(result.fault)) {
        spdlog::warn("plugin {} (store {}): {} — worker restarting", release_->key(),
                     install.store_id, result.detail);
    }
    return result;
}

InvocationResult IsolatedRunner::converse(WorkerProcess& worker, const StoreInstall& install,
                                          const Invocation& invocation,
                                          SteadyClock::time_point deadline, std::int64_t& cpu_ms) {
    wire::InvokeMessage message;
    {
        std::lock_guard lock(mutex_);
        message.call_id = next_call_id_++;
    }
    message.store_id = install.store_id;
    auto budget = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Steady::now());
    message.deadline_ms = std::max<std::int64_t>(1, budget.count());
    message.services = install.service_mask();
    message.invocation = invocation;
    auto timed_out = [&] {
        worker.kill();
        return InvocationResult::failed(
            Fault::Timeout, STATION_ERR_TIMEOUT,
            std::string(kind_name(kind_of(invocation))) + " did not finish within " +
                std::to_string(message.deadline_ms) + " ms; the worker was killed");
    };
    auto died = [&] {
        std::string how = worker.reap(std::chrono::milliseconds(1000));
        if (worker.exited_out_of_memory()) {
            return InvocationResult::failed(Fault::NoMemory, STATION_ERR_NO_MEMORY,
                                            "the worker ran out of memory");
        }
        return InvocationResult::failed(Fault::Crash, STATION_ERR_INTERNAL,
                                        "the worker crashed during " +
                                            std::string(kind_name(kind_of(invocation))) + ": " +
                                            how);
    };

    wire::IoStatus io = wire::write_frame(worker.fd(), wire::encode(message), deadline);
    if (io == wire::IoStatus::Timeout) return timed_out();
    if (io != wire::IoStatus::Ok) return died();

    std::string body;
    while (true) {
        io = wire::read_frame(worker.fd(), body, deadline);
        if (io == wire::IoStatus::Timeout) return timed_out();
        if (io == wire::IoStatus::TooLarge) {
            worker.kill();
            return protocol_fault("a frame above the size cap");
        }
        if (io != wire::IoStatus::Ok) return died();
        auto type = wire::message_type(body);
        if (type == wire::MessageType::ServiceCall) {
            auto call = wire::decode_service_call(body);
            if (!call || call->call_id != message.call_id || !is_known_function(call->function)) {
                worker.kill();
                return protocol_fault("a malformed service call");
            }
            ServiceReply reply = broker_.execute(
                install, static_cast<ServiceFunction>(call->function), call->args, deadline);
            io = wire::write_frame(worker.fd(), wire::encode(reply), deadline);
            if (io == wire::IoStatus::Timeout) return timed_out();
            if (io != wire::IoStatus::Ok) return died();
            continue;
        }
        auto done = type == wire::MessageType::InvokeResult ? wire::decode_invoke_result(body)
                                                            : std::nullopt;
        if (!done || done->call_id != message.call_id) {
            worker.kill();
            return protocol_fault("an unexpected message");
        }
        cpu_ms = done->cpu_ms;
        {
            std::lock_guard lock(mutex_);
            max_rss_kb_ = std::max(max_rss_kb_, done->max_rss_kb);
        }
        InvocationResult result = std::move(done->result);
        // The worker is untrusted: enforce the output rules again on this side.
        if (result.output.size() > options_.limits.max_output_bytes ||
            result.http_headers.size() > options_.limits.max_headers) {
            result.status = STATION_ERR_TOO_LARGE;
        }
        std::erase_if(result.http_headers, [](const auto& header) {
            return !allowed_response_header(header.first, header.second);
        });
        if (result.http_status < 200 || result.http_status > 599) result.http_status = 502;
        if (result.fault == Fault::NoMemory) worker.kill();
        return result;
    }
}

RunnerState IsolatedRunner::state() const {
    RunnerState state;
    state.release = release_->key();
    state.mode = IsolationMode::Isolated;
    std::lock_guard lock(mutex_);
    state.running = worker_ != nullptr;
    state.pid = worker_ ? worker_->pid() : 0;
    state.restarts = std::max<std::int64_t>(0, starts_ - 1);
    state.faults = faults_;
    state.last_fault = refused_ ? "refused: " + *refused_ : last_fault_;
    state.max_rss_kb = max_rss_kb_;
    return state;
}

}  // namespace station::plugins
