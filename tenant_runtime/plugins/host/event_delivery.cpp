#include "tenant_runtime/plugins/host/event_delivery.hpp"

#include <spdlog/spdlog.h>

#include "tenant_runtime/events/event_log.hpp"

namespace station::plugins {
namespace {

struct RetryState {
    std::int64_t seq = 0;
    std::int64_t attempts = 0;
    std::int64_t next_attempt_at = 0;
};

std::optional<RetryState> load_retry(sql::Database& db) {
    sql::Row row = db.query("SELECT seq, attempts, next_attempt_at FROM event_retry LIMIT 1");
    if (!row.next()) return std::nullopt;
    return RetryState{row.int64(0), row.int64(1), row.int64(2)};
}

}  // namespace

std::string consumer_name(std::string_view plugin_id) {
    return "plugin:" + std::string(plugin_id);
}

EventDelivery::EventDelivery(InstallDirectory& installs, PluginInvoker& invoker,
                             PluginDataStores& data, RuntimeOf runtime_of, const util::Clock& clock,
                             EventDeliveryOptions options)
    : installs_(installs),
      invoker_(invoker),
      data_(data),
      runtime_of_(std::move(runtime_of)),
      clock_(clock),
      options_(std::move(options)) {}

EventDelivery::~EventDelivery() {
    stop();
}

void EventDelivery::start() {
    std::vector<std::int64_t> stores = installs_.stores_with_installs();
    std::lock_guard lock(mutex_);
    stopping_ = false;
    for (std::int64_t id : stores)
        enqueue_locked(id);
    for (unsigned i = 0; i < std::max(1u, options_.threads); ++i)
        threads_.emplace_back([this] { run(); });
}

void EventDelivery::stop() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    work_.notify_all();
    for (auto& t : threads_) {
        if (t.joinable()) t.join();
    }
    threads_.clear();
}

void EventDelivery::notify(std::int64_t store_id) {
    {
        std::lock_guard lock(mutex_);
        enqueue_locked(store_id);
    }
    work_.notify_one();
}

void EventDelivery::wake() {
    work_.notify_all();
}

bool EventDelivery::idle() const {
    std::lock_guard lock(mutex_);
    return ready_.empty() && busy_.empty();
}

void EventDelivery::enqueue_locked(std::int64_t store_id) {
    if (queued_.insert(store_id).second) ready_.push_back(store_id);
}

void EventDelivery::schedule_retry(std::int64_t store_id, std::int64_t at) {
    std::lock_guard lock(mutex_);
    for (auto [it, end] = retries_.equal_range(at); it != end; ++it) {
        if (it->second == store_id) return;
    }
    retries_.emplace(at, store_id);
}

void EventDelivery::run() {
    std::unique_lock lock(mutex_);
    while (!stopping_) {
        std::int64_t now = clock_.unix_seconds();
        while (!retries_.empty() && retries_.begin()->first <= now) {
            enqueue_locked(retries_.begin()->second);
            retries_.erase(retries_.begin());
        }
        auto pick = std::find_if(ready_.begin(), ready_.end(),
                                 [&](std::int64_t id) { return !busy_.contains(id); });
        if (pick == ready_.end()) {
            auto wait = options_.recheck;
            if (!retries_.empty()) {
                wait = std::min<std::chrono::milliseconds>(
                    wait, std::chrono::seconds(retries_.begin()->first - now));
            }
            work_.wait_for(lock, wait);
            continue;
        }
        std::int64_t store_id = *pick;
        ready_.erase(pick);
        queued_.erase(store_id);
        busy_.insert(store_id);
        lock.unlock();
        bool more = false;
        try {
            more = process_store(store_id);
        } catch (const std::exception& e) {
            spdlog::error("plugin events: store {}: {}", store_id, e.what());
        }
        lock.lock();
        busy_.erase(store_id);
        if (more) enqueue_locked(store_id);
        work_.notify_all();
    }
}

bool EventDelivery::process_store(std::int64_t store_id) {
    auto installs = installs_.active_installs(store_id);
    if (!installs || installs->empty()) return false;
    std::shared_ptr<tenant::StoreRuntime> runtime;
    bool more = false;
    for (const StoreInstall& install : *installs) {
        if (install.manifest().events.empty()) continue;
        if (!runtime) runtime = runtime_of_(store_id);
        try {
            more = deliver(install, *runtime) || more;
        } catch (const std::exception& e) {
            spdlog::error("plugin events: store {} plugin {}: {}", store_id, install.plugin_id(),
                          e.what());
        }
    }
    return more;
}

bool EventDelivery::deliver(const StoreInstall& install, tenant::StoreRuntime& runtime) {
    const std::int64_t store_id = install.store_id;
    const std::string& plugin_id = install.plugin_id();
    const std::string consumer = consumer_name(plugin_id);
    std::int64_t now = clock_.unix_seconds();
    auto retry = data_.with(store_id, plugin_id, [](sql::Database& db) { return load_retry(db); });
    if (retry && retry->next_attempt_at > now) {
        schedule_retry(store_id, retry->next_attempt_at);
        return false;
    }
    std::int64_t cursor = 0;
    std::vector<tenant::EventRecord> events;
    runtime.with_db([&](sql::Database& db) {
        cursor = tenant::consumer_cursor(db, consumer);
        events = tenant::read_events_after(db, cursor, options_.batch);
    });
    std::int64_t acknowledged = cursor;
    auto save_cursor = [&] {
        if (acknowledged > cursor) {
            runtime.with_db([&](sql::Database& db) {
                tenant::advance_consumer(db, consumer, acknowledged, clock_.unix_seconds());
            });
            cursor = acknowledged;
        }
    };
    for (const tenant::EventRecord& event : events) {
        if (!install.manifest().subscribes_to(event.topic)) {
            acknowledged = event.seq;
            continue;
        }
        std::int64_t attempt = retry && retry->seq == event.seq ? retry->attempts + 1 : 1;
        EventCall call;
        call.seq = event.seq;
        call.created_at = event.created_at;
        call.subject_id = event.subject_id.value_or(0);
        call.attempt = static_cast<std::uint32_t>(attempt);
        call.id = std::to_string(store_id) + ":" + std::to_string(event.seq);
        call.topic = event.topic;
        call.subject_type = event.subject_type;
        call.payload = event.payload;
        InvocationResult result =
            invoker_.invoke(install, call, SteadyClock::now() + options_.deadline);
        if (result.status == STATION_OK && result.fault == Fault::None) {
            acknowledged = event.seq;
            if (retry) {
                data_.with(store_id, plugin_id,
                           [](sql::Database& db) { db.run("DELETE FROM event_retry"); });
                retry.reset();
            }
            continue;
        }
        save_cursor();
        std::string error = describe_failure(result);
        now = clock_.unix_seconds();
        if (static_cast<std::size_t>(attempt) <= options_.retry_delays.size()) {
            std::int64_t next =
                now + options_.retry_delays[static_cast<std::size_t>(attempt - 1)].count();
            data_.with(store_id, plugin_id, [&](sql::Database& db) {
                sql::Transaction transaction(db);
                db.run("DELETE FROM event_retry");
                db.run(
                    "INSERT INTO event_retry(seq, attempts, next_attempt_at, last_error) "
                    "VALUES (?, ?, ?, ?)",
                    {event.seq, attempt, next, error});
                transaction.commit();
            });
            schedule_retry(store_id, next);
            return false;
        }
        spdlog::warn("plugin {} (store {}): event {} dead-lettered after {} attempts: {}",
                     plugin_id, store_id, event.seq, attempt, error);
        data_.with(store_id, plugin_id, [&](sql::Database& db) {
            sql::Transaction transaction(db);
            db.run("DELETE FROM event_retry");
            db.run(
                "INSERT OR REPLACE INTO dead_letters(seq, topic, attempts, last_error, dead_at) "
                "VALUES (?, ?, ?, ?, ?)",
                {event.seq, event.topic, attempt, error, now});
            transaction.commit();
        });
        retry.reset();
        acknowledged = event.seq;
    }
    save_cursor();
    return static_cast<int>(events.size()) == options_.batch;
}

void EventDelivery::start_at_latest(std::int64_t store_id, const std::string& plugin_id) {
    std::shared_ptr<tenant::StoreRuntime> runtime = runtime_of_(store_id);
    runtime->with_db([&](sql::Database& db) {
        tenant::advance_consumer(db, consumer_name(plugin_id), tenant::latest_event_seq(db),
                                 clock_.unix_seconds());
    });
}

std::vector<DeadLetter> EventDelivery::dead_letters(std::int64_t store_id,
                                                    const std::string& plugin_id, int limit) {
    if (!data_.exists(store_id, plugin_id)) return {};
    return data_.with(store_id, plugin_id, [&](sql::Database& db) {
        std::vector<DeadLetter> out;
        sql::Row row = db.query(
            "SELECT seq, topic, attempts, last_error, dead_at FROM dead_letters "
            "ORDER BY seq DESC LIMIT ?",
            {limit});
        while (row.next()) {
            out.push_back({row.int64(0), row.string(1), row.int64(2), row.string(3), row.int64(4)});
        }
        return out;
    });
}

}  // namespace station::plugins
