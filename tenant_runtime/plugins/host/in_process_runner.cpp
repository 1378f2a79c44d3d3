#include "tenant_runtime/plugins/host/in_process_runner.hpp"

#include <mutex>

#include "tenant_runtime/plugins/abi/abi_tables.hpp"
#include "tenant_runtime/plugins/host/broker_endpoint.hpp"

namespace station::plugins {

boost::system::result<std::unique_ptr<InProcessRunner>, LoadError> InProcessRunner::load(
    std::shared_ptr<const PluginRelease> release, ServiceBroker& broker, OutputLimits limits) {
    auto library = PluginLibrary::load(release->library_path(), host_info());
    if (!library) return library.error();
    return std::unique_ptr<InProcessRunner>(
        new InProcessRunner(std::move(release), std::move(*library), broker, limits));
}

InProcessRunner::~InProcessRunner() {
    std::unique_lock lock(unload_mutex_);
    library_.reset();
}

InvocationResult InProcessRunner::invoke(const StoreInstall& install, const Invocation& invocation,
                                         SteadyClock::time_point deadline) {
    std::shared_lock lock(unload_mutex_);
    if (SteadyClock::now() >= deadline) {
        return InvocationResult::failed(Fault::Unavailable, STATION_ERR_TIMEOUT,
                                        "the deadline passed before the call started");
    }
    BrokerEndpoint endpoint(broker_, install, deadline);
    auto started = SteadyClock::now();
    InvocationResult result = call_plugin(library_->table(), endpoint, invocation, limits_);
    auto finished = SteadyClock::now();
    if (finished > deadline) {
        auto took = std::chrono::duration_cast<std::chrono::milliseconds>(finished - started);
        result =
            InvocationResult::failed(Fault::Timeout, STATION_ERR_TIMEOUT,
                                     std::string(kind_name(kind_of(invocation))) + " took " +
                                         std::to_string(took.count()) + " ms, past its deadline");
    }
    if (is_plugin_fault(result.fault)) {
        std::lock_guard state(state_mutex_);
        ++faults_;
        last_fault_ = result.detail;
    }
    return result;
}

RunnerState InProcessRunner::state() const {
    RunnerState state;
    state.release = release_->key();
    state.mode = IsolationMode::InProcess;
    state.running = true;
    std::lock_guard lock(state_mutex_);
    state.faults = faults_;
    state.last_fault = last_fault_;
    return state;
}

}  // namespace station::plugins
