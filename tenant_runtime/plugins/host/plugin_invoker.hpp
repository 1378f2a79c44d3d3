#pragma once
// What event delivery and the task scheduler need from the host: run one invocation for one
// install, with the host's fault accounting (circuit breaker) applied.

#include "tenant_runtime/plugins/abi/invocation.hpp"
#include "tenant_runtime/plugins/host/plugin_runner.hpp"
#include "tenant_runtime/plugins/manifest/install.hpp"

namespace station::plugins {

class PluginInvoker {
public:
    virtual ~PluginInvoker() = default;
    // Thread-safe; never throws.
    virtual InvocationResult invoke(const StoreInstall& install, const Invocation& invocation,
                                    SteadyClock::time_point deadline) = 0;
};

// One line describing a failed invocation for logs, dead letters and notices.
std::string describe_failure(const InvocationResult& result);

}  // namespace station::plugins
