#pragma once
// Delivers each store's event log to the plugins subscribed to it (manifest "events").
//
// Guarantees, per (store, plugin): events arrive in log order, one at a time; at-least-once — the
// plugin's cursor (event_consumers "plugin:<id>" in store.db) moves only after the plugin
// acknowledged, so a crash anywhere repeats deliveries with the same event id. A failed event is
// retried after each delay of the retry schedule (state in the plugin's database, so restarts keep
// it); after the last retry fails it goes to the plugin's dead-letter list (visible to the
// merchant) and delivery moves on. A newly installed plugin starts with the events committed
// after its installation.
//
// Driving it: notify(store) after a store commits events (EventNotifier), start() sweeps every
// store with installs once. Retries wake by the injected clock; wake() re-checks at once after a
// test moved a ManualClock.
//
// Threading: notify()/wake() from any thread; start()/stop() from the owner. A store is handled
// by one delivery thread at a time.

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <unordered_set>
#include <vector>

#include "base/util/clock.hpp"
#include "tenant_runtime/plugins/host/install_directory.hpp"
#include "tenant_runtime/plugins/host/plugin_invoker.hpp"
#include "tenant_runtime/plugins/services/plugin_data_stores.hpp"
#include "tenant_runtime/store/store_runtime.hpp"

namespace station::plugins {

struct EventDeliveryOptions {
    unsigned threads = 2;
    // After the Nth failed attempt of an event wait retry_delays[N-1]; after the attempt that
    // follows the last delay fails, the event is dead-lettered.
    std::vector<std::chrono::seconds> retry_delays{
        std::chrono::seconds(10),   std::chrono::seconds(60),   std::chrono::seconds(300),
        std::chrono::seconds(1800), std::chrono::seconds(7200), std::chrono::seconds(21600)};
    std::chrono::milliseconds deadline{10'000};
    int batch = 100;
    std::chrono::milliseconds recheck{500};
};

struct DeadLetter {
    std::int64_t seq = 0;
    std::string topic;
    std::int64_t attempts = 0;
    std::string last_error;
    std::int64_t dead_at = 0;
};

// The event-log consumer name of a plugin: "plugin:<id>".
std::string consumer_name(std::string_view plugin_id);

class EventDelivery {
public:
    using RuntimeOf = std::function<std::shared_ptr<tenant::StoreRuntime>(std::int64_t)>;

    EventDelivery(InstallDirectory& installs, PluginInvoker& invoker, PluginDataStores& data,
                  RuntimeOf runtime_of, const util::Clock& clock, EventDeliveryOptions options);
    EventDelivery(const EventDelivery&) = delete;
    EventDelivery& operator=(const EventDelivery&) = delete;
    ~EventDelivery();

    void start();
    // Lets in-flight deliveries finish (each bounded by the deadline), then joins.
    void stop();

    void notify(std::int64_t store_id);
    void wake();

    // Moves the plugin's cursor to the newest event (a fresh install starts from now).
    void start_at_latest(std::int64_t store_id, const std::string& plugin_id);
    std::vector<DeadLetter> dead_letters(std::int64_t store_id, const std::string& plugin_id,
                                         int limit);
    // Nothing queued or being delivered (a pending retry does not count).
    bool idle() const;

private:
    void run();
    void enqueue_locked(std::int64_t store_id);
    void schedule_retry(std::int64_t store_id, std::int64_t at);
    bool process_store(std::int64_t store_id);
    // Delivers one batch for one install; true when more events are waiting.
    bool deliver(const StoreInstall& install, tenant::StoreRuntime& runtime);

    InstallDirectory& installs_;
    PluginInvoker& invoker_;
    PluginDataStores& data_;
    RuntimeOf runtime_of_;
    const util::Clock& clock_;
    EventDeliveryOptions options_;

    mutable std::mutex mutex_;
    std::condition_variable work_;
    std::deque<std::int64_t> ready_;
    std::unordered_set<std::int64_t> queued_;
    std::unordered_set<std::int64_t> busy_;
    std::multimap<std::int64_t, std::int64_t> retries_;  // unix seconds → store id
    bool stopping_ = false;
    std::vector<std::thread> threads_;
};

}  // namespace station::plugins
