#pragma once
// A plugin release loaded into the host process: the fastest mode, for first-party and
// admin-approved plugins only. A crash here is the host's crash, and a callback cannot be
// preempted: a call that overruns its deadline is reported as Fault::Timeout after it returns
// (its result is discarded), which counts toward the circuit breaker like any fault.
//
// Threading: invoke() may run concurrently; the library is unloaded (shutdown callback, dlclose)
// only after the last call returned.

#include <memory>
#include <shared_mutex>

#include <boost/system/result.hpp>

#include "tenant_runtime/plugins/abi/plugin_library.hpp"
#include "tenant_runtime/plugins/host/plugin_runner.hpp"
#include "tenant_runtime/plugins/services/service_broker.hpp"

namespace station::plugins {

class InProcessRunner final : public PluginRunner {
public:
    // Loads and negotiates the release's library (refusals name the reason).
    static boost::system::result<std::unique_ptr<InProcessRunner>, LoadError> load(
        std::shared_ptr<const PluginRelease> release, ServiceBroker& broker, OutputLimits limits);
    ~InProcessRunner() override;

    InvocationResult invoke(const StoreInstall& install, const Invocation& invocation,
                            SteadyClock::time_point deadline) override;
    RunnerState state() const override;

private:
    InProcessRunner(std::shared_ptr<const PluginRelease> release,
                    std::unique_ptr<PluginLibrary> library, ServiceBroker& broker,
                    OutputLimits limits)
        : release_(std::move(release)),
          library_(std::move(library)),
          broker_(broker),
          limits_(limits) {}

    std::shared_ptr<const PluginRelease> release_;
    std::unique_ptr<PluginLibrary> library_;
    ServiceBroker& broker_;
    OutputLimits limits_;
    mutable std::shared_mutex unload_mutex_;
    mutable std::mutex state_mutex_;
    std::int64_t faults_ = 0;
    std::string last_fault_;
};

}  // namespace station::plugins
