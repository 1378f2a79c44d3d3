#include "platform/routing/tenant_router.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <spdlog/spdlog.h>

#include "platform/control_plane/domain_repository.hpp"
#include "platform/control_plane/store_repository.hpp"

namespace station::routing {
namespace {

std::shared_ptr<const RoutedStore> to_routed(const control::StoreRecord& store,
                                             std::string primary_domain) {
    if (store.status == control::StoreStatus::Deleted) return nullptr;
    auto routed = std::make_shared<RoutedStore>();
    tenant::StoreContext& c = routed->context;
    c.id = store.id;
    c.handle = store.handle;
    c.name = store.name;
    c.plan = store.plan;
    c.base_currency = store.base_currency;
    c.default_locale = store.default_locale;
    c.primary_domain = std::move(primary_domain);
    c.webhook_secret = store.webhook_secret;
    c.quotas = store.quotas;
    routed->status = store.status;
    routed->status_reason = store.status_reason;
    return routed;
}

}  // namespace

TenantRouter::TenantRouter(control::PlatformDb& platform_db, shared::PubSub* pubsub,
                           metrics::Registry& metrics, RouterOptions options)
    : platform_db_(platform_db),
      pubsub_(pubsub),
      options_(options),
      hits_(metrics.counter("station_route_cache_total", "Host routing cache lookups",
                            "result=\"hit\"")),
      misses_(metrics.counter("station_route_cache_total", "Host routing cache lookups",
                              "result=\"miss\"")) {}

TenantRouter::~TenantRouter() {
    stop();
}

std::shared_ptr<const RoutedStore> TenantRouter::resolve(const std::string& host) {
    {
        std::shared_lock lock(mutex_);
        if (auto it = by_host_.find(host); it != by_host_.end()) {
            hits_.inc();
            return it->second;
        }
    }
    misses_.inc();
    auto routed = load_host(host);
    std::unique_lock lock(mutex_);
    if (by_host_.size() >= options_.max_cached_hosts) by_host_.clear();
    by_host_[host] = routed;
    return routed;
}

std::shared_ptr<const RoutedStore> TenantRouter::resolve_store(std::int64_t store_id) {
    {
        std::shared_lock lock(mutex_);
        if (auto it = by_id_.find(store_id); it != by_id_.end()) {
            hits_.inc();
            return it->second;
        }
    }
    misses_.inc();
    auto routed = load_store(store_id);
    std::unique_lock lock(mutex_);
    if (by_id_.size() >= options_.max_cached_hosts) by_id_.clear();
    by_id_[store_id] = routed;
    return routed;
}

std::shared_ptr<const RoutedStore> TenantRouter::load_host(const std::string& host) {
    return platform_db_.with([&](sql::Database& db) -> std::shared_ptr<const RoutedStore> {
        control::DomainRepository domains(db);
        auto store_id = domains.verified_owner(host);
        if (!store_id) return nullptr;
        auto store = control::StoreRepository(db).find_by_id(*store_id);
        if (!store) return nullptr;
        return to_routed(*store, domains.primary_hostname(*store_id).value_or(host));
    });
}

std::shared_ptr<const RoutedStore> TenantRouter::load_store(std::int64_t store_id) {
    return platform_db_.with([&](sql::Database& db) -> std::shared_ptr<const RoutedStore> {
        auto store = control::StoreRepository(db).find_by_id(store_id);
        if (!store) return nullptr;
        return to_routed(*store,
                         control::DomainRepository(db).primary_hostname(store_id).value_or(""));
    });
}

void TenantRouter::hosts_changed(const std::vector<std::string>& hostnames) {
    forget(hostnames);
    if (!pubsub_) return;
    boost::json::array hosts(hostnames.begin(), hostnames.end());
    try {
        pubsub_->publish(kRouteChannel, boost::json::serialize(hosts));
    } catch (const shared::SharedStateError& e) {
        spdlog::warn("could not tell other nodes about a routing change: {}", e.what());
    }
}

void TenantRouter::forget(const std::vector<std::string>& hostnames) {
    std::unique_lock lock(mutex_);
    // Store-level facts (status, quotas) are cached by id too; a host list does not say which
    // ids changed, and the id cache is small, so it is simply rebuilt.
    by_id_.clear();
    if (hostnames.empty()) {
        by_host_.clear();
        return;
    }
    for (const auto& host : hostnames)
        by_host_.erase(host);
}

void TenantRouter::forget_all() {
    forget({});
}

void TenantRouter::start() {
    if (pubsub_) {
        subscription_ = pubsub_->subscribe(kRouteChannel, [this](std::string_view message) {
            boost::system::error_code ec;
            auto value = boost::json::parse(message, ec);
            if (ec || !value.is_array()) return forget_all();
            std::vector<std::string> hosts;
            for (const auto& host : value.as_array()) {
                if (host.is_string()) hosts.emplace_back(host.as_string());
            }
            forget(hosts);
        });
    }
    watcher_ = std::thread([this] { watch_platform_db(); });
}

void TenantRouter::stop() {
    {
        std::lock_guard lock(watcher_mutex_);
        if (stopping_) return;
        stopping_ = true;
    }
    watcher_cv_.notify_all();
    if (watcher_.joinable()) watcher_.join();
    subscription_.reset();
}

void TenantRouter::watch_platform_db() {
    std::int64_t seen = platform_db_.external_data_version();
    std::unique_lock lock(watcher_mutex_);
    while (!watcher_cv_.wait_for(lock, options_.poll_interval, [this] { return stopping_; })) {
        lock.unlock();
        try {
            std::int64_t now = platform_db_.external_data_version();
            if (now != seen) {
                seen = now;
                forget_all();
            }
        } catch (const std::exception& e) {
            spdlog::warn("watching platform.db failed: {}", e.what());
        }
        lock.lock();
    }
}

}  // namespace station::routing
