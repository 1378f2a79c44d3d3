#pragma once
// Host → store. The Host header (already normalized) is looked up in the platform's domains
// table through an in-memory cache.
//
// Invalidation, so an operator's change takes effect within a second everywhere:
//  - in this process, services call hosts_changed() after their commit;
//  - other processes on the same data dir (the `station tenant …` CLI) are noticed by polling
//    platform.db's PRAGMA data_version every `poll_interval`;
//  - other nodes hear about changes on the pub/sub channel kRouteChannel.
//
// Threading: resolve() is lock-light (shared lock on a hash map) and safe from any thread.

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <memory>
#include <shared_mutex>
#include <string>
#include <thread>
#include <unordered_map>

#include "base/metrics/metrics.hpp"
#include "base/shared_state/shared_state.hpp"
#include "platform/control_plane/platform_db.hpp"
#include "platform/control_plane/records.hpp"
#include "platform/routing/route_invalidation.hpp"
#include "tenant_runtime/store/store_context.hpp"

namespace station::routing {

inline constexpr std::string_view kRouteChannel = "routes";

struct RoutedStore {
    tenant::StoreContext context;
    control::StoreStatus status = control::StoreStatus::Active;
    std::optional<std::string> status_reason;
};

struct RouterOptions {
    std::chrono::milliseconds poll_interval{250};
    std::size_t max_cached_hosts = 100'000;
};

class TenantRouter final : public RouteInvalidation {
public:
    // `pubsub` may be null (no other nodes to tell).
    TenantRouter(control::PlatformDb& platform_db, shared::PubSub* pubsub,
                 metrics::Registry& metrics, RouterOptions options = {});
    ~TenantRouter() override;

    // The store a host routes to, or nullptr for unknown hosts and deleted stores.
    std::shared_ptr<const RoutedStore> resolve(const std::string& host);
    // The same by store id (Admin API on the platform host names the store by its token).
    std::shared_ptr<const RoutedStore> resolve_store(std::int64_t store_id);

    void hosts_changed(const std::vector<std::string>& hostnames) override;

    // Starts watching platform.db and the pub/sub channel; stop() (or the destructor) ends it.
    void start();
    void stop();

private:
    std::shared_ptr<const RoutedStore> load_host(const std::string& host);
    std::shared_ptr<const RoutedStore> load_store(std::int64_t store_id);
    void forget(const std::vector<std::string>& hostnames);
    void forget_all();
    void watch_platform_db();

    control::PlatformDb& platform_db_;
    shared::PubSub* pubsub_;
    RouterOptions options_;
    metrics::Counter& hits_;
    metrics::Counter& misses_;

    std::shared_mutex mutex_;
    std::unordered_map<std::string, std::shared_ptr<const RoutedStore>> by_host_;
    std::unordered_map<std::int64_t, std::shared_ptr<const RoutedStore>> by_id_;

    std::unique_ptr<shared::Subscription> subscription_;
    std::thread watcher_;
    std::mutex watcher_mutex_;
    std::condition_variable watcher_cv_;
    bool stopping_ = false;
};

}  // namespace station::routing
