#pragma once
// Delivers webhooks from the stores' event logs.
//
// Driving it: notify(store) after a store commits events (EventNotifier does this for every
// Admin API write), and start() sweeps every store directory carrying the webhook marker once,
// so events committed before a crash or restart are delivered too. Failed deliveries wake on
// their retry time (by the injected clock; wake() re-checks at once after a test moves a
// ManualClock).
//
// Guarantees: per (store, subscription), events are delivered in log order, one at a time — an
// event is not sent before the previous one succeeded or its subscription was disabled.
// At-least-once: the cursor moves only after a 2xx is recorded, so a crash between the send and
// the record repeats the delivery with the same X-Shopify-Webhook-Id. Each attempt is logged
// (subscriptions.hpp: list_deliveries).
//
// Scale: threads are shared by all stores; a store is handled by one thread at a time; each
// round sends at most `batch` events per subscription before yielding to other stores. Idle
// stores cost nothing (no polling of stores).
//
// Threading: notify() and wake() from any thread; start()/stop() from one owner thread.

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>
#include <unordered_set>
#include <vector>

#include "base/net/http_fetch.hpp"
#include "base/util/clock.hpp"
#include "tenant_runtime/store/store_context.hpp"
#include "tenant_runtime/store/store_runtime.hpp"
#include "tenant_runtime/webhooks/retry_schedule.hpp"

namespace station::tenant {

// How the worker reaches stores (wired by the platform).
struct WebhookStores {
    // The store's runtime; may throw for a store that cannot be opened.
    std::function<std::shared_ptr<StoreRuntime>(std::int64_t store_id)> acquire;
    // The store's context (secret, domain), or nullopt for a deleted store.
    std::function<std::optional<StoreContext>(std::int64_t store_id)> context;
    // data-dir/tenants: numeric sub-directories are store ids.
    std::filesystem::path tenants_dir;
};

struct DeliveryWorkerOptions {
    unsigned threads = 2;
    RetrySchedule schedule = default_retry_schedule();
    // allow_private only in dev mode. total_timeout bounds one attempt (Shopify: 5 s).
    net::FetchOptions fetch;
    // Longest a thread sleeps without re-checking retry times.
    std::chrono::milliseconds recheck{500};
    int batch = 50;
};

class DeliveryWorker {
public:
    // `resolver` and `clock` are borrowed and must outlive the worker.
    DeliveryWorker(WebhookStores stores, const net::DnsResolver& resolver, const util::Clock& clock,
                   DeliveryWorkerOptions options);
    DeliveryWorker(const DeliveryWorker&) = delete;
    DeliveryWorker& operator=(const DeliveryWorker&) = delete;
    ~DeliveryWorker();

    void start();
    // Lets in-flight attempts finish (each bounded by the fetch timeout), then joins.
    void stop();

    void notify(std::int64_t store_id);
    void wake();

private:
    void run();
    void enqueue_locked(std::int64_t store_id);
    void schedule_retry(std::int64_t store_id, std::int64_t at);
    // Returns true when the store has more to send right away.
    bool process_store(std::int64_t store_id);
    void sweep();

    WebhookStores stores_;
    const util::Clock& clock_;
    DeliveryWorkerOptions options_;
    net::HttpFetcher fetcher_;

    std::mutex mutex_;
    std::condition_variable work_;
    std::deque<std::int64_t> ready_;
    std::unordered_set<std::int64_t> queued_;
    std::unordered_set<std::int64_t> busy_;
    std::multimap<std::int64_t, std::int64_t> retries_;  // unix seconds → store id
    bool stopping_ = false;
    std::vector<std::thread> threads_;
};

}  // namespace station::tenant
