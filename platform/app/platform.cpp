#include "platform/app/platform.hpp"

#include <spdlog/spdlog.h>

#include "base/net/dns_resolver.hpp"
#include "base/shared_state/in_process.hpp"
#include "platform/accounts/accounts.hpp"
#include "platform/api/merchant_api.hpp"
#include "platform/api/platform_admin_api.hpp"
#include "platform/app/maintenance.hpp"
#include "platform/app/request_dispatcher.hpp"
#include "platform/config/station_config.hpp"
#include "platform/control_plane/platform_db.hpp"
#include "platform/domains/domain_service.hpp"
#include "platform/domains/domain_verifier.hpp"
#include "platform/routing/tenant_router.hpp"
#include "platform/shared_state/redis_shared_state.hpp"
#include "platform/stores/access_tokens.hpp"
#include "platform/stores/store_operations.hpp"
#include "platform/stores/store_provisioning.hpp"
#include "tenant_runtime/admin_api/admin_api.hpp"
#include "tenant_runtime/events/event_notifier.hpp"
#include "tenant_runtime/import_export/import_jobs.hpp"
#include "tenant_runtime/store/store_pool.hpp"
#include "tenant_runtime/storefront/storefront.hpp"
#include "tenant_runtime/webhooks/address_check.hpp"
#include "tenant_runtime/webhooks/delivery_worker.hpp"

namespace station::app {
namespace {

std::unique_ptr<shared::SharedState> connect_shared_state(const config::StationConfig& config,
                                                          const util::Clock& clock) {
    if (config.redis_url.empty()) return shared::make_in_process_shared_state(clock);
    return redis::connect_redis(config.redis_url, clock);
}

shared::LeakyBucket per_minute(int count) {
    count = std::max(1, count);
    return {count, std::chrono::microseconds(60'000'000 / count)};
}

shared::LeakyBucket per_hour(int count) {
    count = std::max(1, count);
    return {std::max(1, count / 6), std::chrono::microseconds(3'600'000'000LL / count)};
}

}  // namespace

Platform::Platform(config::StationConfig config, const util::Clock& clock)
    : config_(std::move(config)), clock_(clock) {
    shared_state_ = connect_shared_state(config_, clock_);
    platform_db_ = std::make_unique<control::PlatformDb>(config_.data_dir);

    tenant::StorePoolOptions pool_options;
    pool_options.tenants_dir = config_.data_dir / "tenants";
    pool_options.max_open = config_.max_open_stores;
    pool_options.idle_timeout = std::chrono::seconds(config_.store_idle_seconds);
    pool_options.synchronous =
        config_.durability == "normal" ? sql::Synchronous::Normal : sql::Synchronous::Full;
    store_pool_ = std::make_unique<tenant::StorePool>(pool_options);
    metrics_.gauge("station_open_stores", "Store runtimes with an open database",
                   [this] { return static_cast<double>(store_pool_->open_count()); });

    router_ =
        std::make_unique<routing::TenantRouter>(*platform_db_, &shared_state_->pubsub(), metrics_);

    stores::ProvisioningOptions provisioning_options;
    provisioning_options.platform_domain = config_.platform_domain;
    provisioning_ = std::make_unique<stores::StoreProvisioning>(*platform_db_, *store_pool_, clock_,
                                                                provisioning_options);
    operations_ =
        std::make_unique<stores::StoreOperations>(*platform_db_, *store_pool_, *router_, clock_);
    tokens_ = std::make_unique<stores::AccessTokens>(*platform_db_, clock_);

    accounts::AccountOptions account_options;
    if (config_.password_cost == "minimum")
        account_options.password_cost = crypto::kPasswordCostMinimum;
    accounts_ = std::make_unique<accounts::Accounts>(*platform_db_, *provisioning_, clock_,
                                                     account_options);

    domains::DomainVerifierOptions verifier_options;
    verifier_options.resolver.nameservers = config_.dns_servers;
    verifier_options.allow_private = config_.dev;
    if (config_.http_challenge_port != 80) {
        verifier_options.http_port_override = config_.http_challenge_port;
    }
    verifier_ = std::make_unique<domains::DomainVerifier>(verifier_options);
    domains_ = std::make_unique<domains::DomainService>(*platform_db_, *verifier_, *router_, clock_,
                                                        config_.platform_domain);

    event_notifier_ = std::make_unique<tenant::EventNotifier>();
    net::ResolverOptions resolver_options;
    resolver_options.nameservers = config_.dns_servers;
    webhook_resolver_ = std::make_unique<net::DnsResolver>(resolver_options);
    tenant::DeliveryWorkerOptions webhook_options;
    webhook_options.threads = config_.webhook_workers;
    if (!config_.webhook_retry_schedule.empty()) {
        auto schedule = tenant::parse_retry_schedule(config_.webhook_retry_schedule);
        if (!schedule) {
            throw config::ConfigError("--webhook-retry-schedule: expected seconds like 15,30,60");
        }
        webhook_options.schedule = std::move(*schedule);
    }
    webhook_options.fetch.allow_private = config_.dev;
    webhook_options.fetch.total_timeout = std::chrono::seconds(5);
    webhook_options.fetch.user_agent = "Station Webhooks";
    tenant::WebhookStores webhook_stores{
        [this](std::int64_t id) { return store_pool_->acquire(id); },
        [this](std::int64_t id) -> std::optional<tenant::StoreContext> {
            auto routed = router_->resolve_store(id);
            if (!routed) return std::nullopt;
            return routed->context;
        },
        config_.data_dir / "tenants"};
    webhook_worker_ = std::make_unique<tenant::DeliveryWorker>(webhook_stores, *webhook_resolver_,
                                                               clock_, webhook_options);
    event_notifier_->listen([this](std::int64_t id) { webhook_worker_->notify(id); });
    import_jobs_ = std::make_unique<tenant::ImportJobs>(
        clock_, [this](std::int64_t id) { event_notifier_->events_appended(id); });

    tenant::AdminServices admin_services;
    admin_services.call_bucket.capacity = std::max(1, config_.admin_api_call_limit);
    admin_services.notifier = event_notifier_.get();
    admin_services.check_webhook_address = [this](const std::string& address) {
        return tenant::check_webhook_address(address, *webhook_resolver_, config_.dev);
    };
    admin_services.imports = import_jobs_.get();
    admin_services.runtime_of = [this](std::int64_t id) { return store_pool_->acquire(id); };
    admin_api_ = std::make_unique<tenant::AdminApi>(shared_state_->rate_limiter(), clock_,
                                                    std::move(admin_services));
    storefront_ = std::make_unique<tenant::Storefront>();

    api::AuthRateLimits limits{per_minute(config_.login_attempts_per_minute),
                               per_hour(config_.signups_per_hour)};
    merchant_api_ = std::make_unique<api::MerchantApi>(
        api::MerchantApiDeps{*accounts_, *provisioning_, *operations_, *tokens_, *domains_,
                             shared_state_->rate_limiter(), limits});
    platform_admin_api_ = std::make_unique<api::PlatformAdminApi>(api::PlatformAdminApiDeps{
        *accounts_, *operations_, shared_state_->rate_limiter(), limits, config_.platform_domain});
    dispatcher_ = std::make_unique<RequestDispatcher>(*this);
    maintenance_ = std::make_unique<Maintenance>(*this);
}

Platform::~Platform() {
    shutdown();
}

void Platform::start_background() {
    router_->start();
    maintenance_->start();
    webhook_worker_->start();
    import_jobs_->start();
}

void Platform::shutdown() {
    if (shut_down_) return;
    shut_down_ = true;
    maintenance_->stop();
    import_jobs_->stop();
    webhook_worker_->stop();
    router_->stop();
    store_pool_->close_all();
}

}  // namespace station::app
