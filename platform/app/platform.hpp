#pragma once
// The composition root: builds every platform and tenant-runtime service from a StationConfig
// and owns them for the life of the process. `station serve` puts an HttpServer in front of
// request_handler(); the operator commands (`station tenant …`) use the services directly
// against the same data dir without serving.
//
// Lifetimes: members are declared in dependency order and destroyed in reverse. Call
// start_background() to begin watching for routing changes and doing maintenance, and
// shutdown() (or the destructor) to stop and close every store cleanly.

#include <memory>

#include "base/metrics/metrics.hpp"
#include "base/shared_state/shared_state.hpp"
#include "base/util/clock.hpp"
#include "platform/config/station_config.hpp"

namespace station::control {
class PlatformDb;
}
namespace station::tenant {
class StorePool;
class AdminApi;
class Storefront;
class EventNotifier;
class DeliveryWorker;
class ImportJobs;
}  // namespace station::tenant
namespace station::net {
class DnsResolver;
}
namespace station::routing {
class TenantRouter;
}
namespace station::stores {
class StoreProvisioning;
class StoreOperations;
class AccessTokens;
}  // namespace station::stores
namespace station::accounts {
class Accounts;
}
namespace station::domains {
class DomainVerifier;
class DomainService;
}  // namespace station::domains
namespace station::api {
class MerchantApi;
class PlatformAdminApi;
}  // namespace station::api
namespace station::server {
class RequestHandler;
}

namespace station::app {

class Maintenance;

class Platform {
public:
    // Opens (creating) the data dir and platform.db and connects shared state (Redis when
    // configured). Throws on failure (bad data dir, unreachable Redis, newer schema).
    Platform(config::StationConfig config, const util::Clock& clock);
    Platform(const Platform&) = delete;
    Platform& operator=(const Platform&) = delete;
    ~Platform();

    void start_background();
    void shutdown();

    const config::StationConfig& config() const { return config_; }
    const util::Clock& clock() const { return clock_; }
    metrics::Registry& metrics() { return metrics_; }
    shared::SharedState& shared_state() { return *shared_state_; }
    control::PlatformDb& platform_db() { return *platform_db_; }
    tenant::StorePool& store_pool() { return *store_pool_; }
    routing::TenantRouter& router() { return *router_; }
    stores::StoreProvisioning& provisioning() { return *provisioning_; }
    stores::StoreOperations& operations() { return *operations_; }
    stores::AccessTokens& tokens() { return *tokens_; }
    accounts::Accounts& accounts() { return *accounts_; }
    domains::DomainService& domains() { return *domains_; }
    tenant::AdminApi& admin_api() { return *admin_api_; }
    tenant::EventNotifier& event_notifier() { return *event_notifier_; }
    tenant::DeliveryWorker& webhook_worker() { return *webhook_worker_; }
    tenant::ImportJobs& import_jobs() { return *import_jobs_; }
    tenant::Storefront& storefront() { return *storefront_; }
    api::MerchantApi& merchant_api() { return *merchant_api_; }
    api::PlatformAdminApi& platform_admin_api() { return *platform_admin_api_; }
    server::RequestHandler& request_handler() { return *dispatcher_; }

private:
    config::StationConfig config_;
    const util::Clock& clock_;
    metrics::Registry metrics_;
    std::unique_ptr<shared::SharedState> shared_state_;
    std::unique_ptr<control::PlatformDb> platform_db_;
    std::unique_ptr<tenant::StorePool> store_pool_;
    std::unique_ptr<routing::TenantRouter> router_;
    std::unique_ptr<stores::StoreProvisioning> provisioning_;
    std::unique_ptr<stores::StoreOperations> operations_;
    std::unique_ptr<stores::AccessTokens> tokens_;
    std::unique_ptr<accounts::Accounts> accounts_;
    std::unique_ptr<domains::DomainVerifier> verifier_;
    std::unique_ptr<domains::DomainService> domains_;
    std::unique_ptr<tenant::EventNotifier> event_notifier_;
    std::unique_ptr<net::DnsResolver> webhook_resolver_;
    std::unique_ptr<tenant::DeliveryWorker> webhook_worker_;
    std::unique_ptr<tenant::ImportJobs> import_jobs_;
    std::unique_ptr<tenant::AdminApi> admin_api_;
    std::unique_ptr<tenant::Storefront> storefront_;
    std::unique_ptr<api::MerchantApi> merchant_api_;
    std::unique_ptr<api::PlatformAdminApi> platform_admin_api_;
    std::unique_ptr<server::RequestHandler> dispatcher_;
    std::unique_ptr<Maintenance> maintenance_;
    bool shut_down_ = false;
};

}  // namespace station::app
