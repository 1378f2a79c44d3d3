#pragma once
// The context behind an in-process callback: service calls go straight to the broker, for the
// install and deadline of the call being made. Lives on the invoking thread's stack.

#include "tenant_runtime/plugins/abi/service_call.hpp"
#include "tenant_runtime/plugins/host/plugin_runner.hpp"
#include "tenant_runtime/plugins/services/service_broker.hpp"

namespace station::plugins {

class BrokerEndpoint final : public ServiceEndpoint {
public:
    BrokerEndpoint(ServiceBroker& broker, const StoreInstall& install,
                   SteadyClock::time_point deadline)
        : broker_(broker), install_(install), deadline_(deadline) {}

    bool service_available(ServiceId service) const override {
        return install_.service_available(service);
    }
    ServiceReply call(ServiceFunction function, std::span<const ServiceArg> args) override {
        return broker_.execute(install_, function, args, deadline_);
    }
    std::int64_t store_id() const override { return install_.store_id; }
    std::string_view plugin_id() const override { return install_.manifest().id; }
    std::string_view plugin_version() const override { return install_.manifest().version; }
    std::int64_t remaining_ms() const override {
        if (deadline_ == SteadyClock::time_point::max()) return INT64_MAX;
        return std::chrono::duration_cast<std::chrono::milliseconds>(deadline_ - SteadyClock::now())
            .count();
    }

private:
    ServiceBroker& broker_;
    const StoreInstall& install_;
    SteadyClock::time_point deadline_;
};

}  // namespace station::plugins
