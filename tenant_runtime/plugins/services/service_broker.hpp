#pragma once
// Executes the service calls plugins make — the same code for both isolation modes. Every call is
// checked against the calling install first: a service the manifest did not declare or whose
// scope the store did not grant is STATION_ERR_DENIED (get_service already hides it; a worker
// could still send the call, so the broker checks again), and malformed arguments are
// STATION_ERR_INVALID. Storage and other host failures become STATION_ERR_INTERNAL and are logged.
//
// Namespacing: every store-scoped service works on the install's own store and plugin — the
// store id comes from the host's side of the call, never from plugin input.
//
// Threading: thread-safe; execute() blocks for the service's work (an outbound fetch, never past
// the call's deadline).

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string_view>

#include "base/util/clock.hpp"
#include "tenant_runtime/plugins/abi/service_call.hpp"
#include "tenant_runtime/plugins/manifest/install.hpp"
#include "tenant_runtime/plugins/services/egress.hpp"
#include "tenant_runtime/plugins/services/kv_store.hpp"
#include "tenant_runtime/plugins/services/plugin_data_stores.hpp"
#include "tenant_runtime/plugins/services/plugin_metrics.hpp"
#include "tenant_runtime/plugins/services/task_store.hpp"
#include "tenant_runtime/store/store_context.hpp"
#include "tenant_runtime/store/store_runtime.hpp"

namespace station::plugins {

struct EmailRequest {
    std::string_view to;
    std::string_view subject;
    std::string_view text;
    std::string_view html;
};

// Sends one plugin email for a store (the platform mailer with suppression list and unsubscribe
// link); replies with the Message-ID, or DENIED (suppressed), INVALID (address), UNAVAILABLE.
using EmailSender = std::function<ServiceReply(
    const tenant::StoreContext& store, const StoreInstall& install, const EmailRequest& email)>;

struct BrokerDeps {
    PluginDataStores& data;
    PluginMetrics& metrics;
    const util::Clock& clock;
    std::function<std::shared_ptr<tenant::StoreRuntime>(std::int64_t store_id)> runtime_of;
    // nullopt for a store that no longer exists.
    std::function<std::optional<tenant::StoreContext>(std::int64_t store_id)> store_of;
    std::function<void(std::int64_t store_id)> events_appended;
    // A one-off task was scheduled for (store, plugin) at `run_at` (unix seconds).
    std::function<void(std::int64_t store_id, std::string_view plugin_id, std::int64_t run_at)>
        task_scheduled;
    const EgressClient* egress = nullptr;  // nullptr: outbound HTTP unavailable
    EmailSender send_email;                // empty: email unavailable
};

struct BrokerOptions {
    KvLimits kv;
    TaskLimits tasks;
    std::int64_t emails_per_day = 500;  // per store and plugin
    std::size_t max_log_bytes = 4096;
};

class ServiceBroker {
public:
    ServiceBroker(BrokerDeps deps, BrokerOptions options);

    ServiceReply execute(const StoreInstall& install, ServiceFunction function,
                         std::span<const ServiceArg> args,
                         std::chrono::steady_clock::time_point deadline);

    const BrokerOptions& options() const { return options_; }

private:
    ServiceReply dispatch(const StoreInstall& install, ServiceFunction function,
                          std::span<const ServiceArg> args,
                          std::chrono::steady_clock::time_point deadline);
    ServiceReply send_email(const StoreInstall& install, std::span<const ServiceArg> args);

    BrokerDeps deps_;
    BrokerOptions options_;
};

}  // namespace station::plugins
