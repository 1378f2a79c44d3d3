#include "tenant_runtime/webhooks/delivery_worker.hpp"

#include <charconv>

#include <spdlog/spdlog.h>

#include "tenant_runtime/events/event_log.hpp"
#include "tenant_runtime/webhooks/subscriptions.hpp"
#include "tenant_runtime/webhooks/webhook_message.hpp"

namespace station::tenant {
namespace {

std::optional<EventRecord> next_event(sql::Database& db, const Subscription& s) {
    auto events =
        read_events(db, EventQuery{.after_seq = s.cursor_seq, .topic = s.topic, .limit = 1});
    if (events.empty()) return std::nullopt;
    return std::move(events.front());
}

}  // namespace

DeliveryWorker::DeliveryWorker(WebhookStores stores, const net::DnsResolver& resolver,
                               const util::Clock& clock, DeliveryWorkerOptions options)
    : stores_(std::move(stores)),
      clock_(clock),
      options_(std::move(options)),
      fetcher_(resolver, options_.fetch) {}

DeliveryWorker::~DeliveryWorker() {
    stop();
}

void DeliveryWorker::start() {
    sweep();
    std::lock_guard lock(mutex_);
    stopping_ = false;
    for (unsigned i = 0; i < std::max(1u, options_.threads); ++i)
        threads_.emplace_back([this] { run(); });
}

void DeliveryWorker::stop() {
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

void DeliveryWorker::sweep() {
    std::error_code ec;
    std::vector<std::int64_t> found;
    for (auto it = std::filesystem::directory_iterator(stores_.tenants_dir, ec);
         !ec && it != std::filesystem::directory_iterator(); it.increment(ec)) {
        std::string name = it->path().filename().string();
        std::int64_t id = 0;
        auto [end, error] = std::from_chars(name.data(), name.data() + name.size(), id);
        if (error != std::errc() || end != name.data() + name.size()) continue;
        if (std::filesystem::exists(webhook_marker(it->path()), ec)) found.push_back(id);
    }
    std::lock_guard lock(mutex_);
    for (std::int64_t id : found)
        enqueue_locked(id);
    if (!found.empty()) spdlog::info("webhooks: {} stores to check after start-up", found.size());
}

void DeliveryWorker::notify(std::int64_t store_id) {
    std::error_code ec;
    std::filesystem::path dir = stores_.tenants_dir / std::to_string(store_id);
    if (!std::filesystem::exists(webhook_marker(dir), ec)) return;
    {
        std::lock_guard lock(mutex_);
        enqueue_locked(store_id);
    }
    work_.notify_one();
}

void DeliveryWorker::wake() {
    work_.notify_all();
}

void DeliveryWorker::enqueue_locked(std::int64_t store_id) {
    if (queued_.insert(store_id).second) ready_.push_back(store_id);
}

void DeliveryWorker::schedule_retry(std::int64_t store_id, std::int64_t at) {
    std::lock_guard lock(mutex_);
    for (auto [it, end] = retries_.equal_range(at); it != end; ++it) {
        if (it->second == store_id) return;
    }
    retries_.emplace(at, store_id);
}

void DeliveryWorker::run() {
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
                auto until = std::chrono::seconds(retries_.begin()->first - now);
                wait = std::min<std::chrono::milliseconds>(wait, until);
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
            spdlog::error("webhooks: store {}: {}", store_id, e.what());
        }
        lock.lock();
        busy_.erase(store_id);
        if (more) enqueue_locked(store_id);
        work_.notify_all();
    }
}

bool DeliveryWorker::process_store(std::int64_t store_id) {
    auto context = stores_.context(store_id);
    if (!context) return false;
    std::shared_ptr<StoreRuntime> runtime = stores_.acquire(store_id);
    auto subscriptions =
        runtime->with_db([](sql::Database& db) { return active_subscriptions(db); });
    bool more = false;
    for (Subscription& s : subscriptions) {
        std::int64_t now = clock_.unix_seconds();
        if (s.next_attempt_at && *s.next_attempt_at > now) {
            schedule_retry(store_id, *s.next_attempt_at);
            continue;
        }
        for (int sent = 0;; ++sent) {
            if (sent == options_.batch) {
                more = true;
                break;
            }
            auto event = runtime->with_db([&](sql::Database& db) { return next_event(db, s); });
            if (!event) break;
            WebhookMessage message = build_webhook_message(*context, s, *event);
            net::FetchRequest request;
            request.method = http::Method::Post;
            request.url = s.address;
            request.headers = message.headers;
            request.body = message.body;
            auto started = std::chrono::steady_clock::now();
            net::FetchResult result = fetcher_.fetch(request);
            auto elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(
                std::chrono::steady_clock::now() - started);

            DeliveryAttempt attempt;
            attempt.subscription_id = s.id;
            attempt.event_seq = event->seq;
            attempt.webhook_id = std::string(message.headers.get("X-Shopify-Webhook-Id"));
            attempt.attempt = s.failed_attempts + 1;
            attempt.attempted_at = clock_.unix_seconds();
            attempt.duration_ms = elapsed.count();
            bool ok = false;
            if (result) {
                attempt.response_status = result->status;
                ok = result->status >= 200 && result->status < 300;
                if (!ok) attempt.error = "HTTP " + std::to_string(result->status);
            } else {
                attempt.error = std::string(net::fetch_error_kind_name(result.error().kind)) +
                                ": " + result.error().message;
            }
            attempt.outcome = ok ? "delivered" : "failed";
            std::optional<std::int64_t> retry_at;
            if (!ok) {
                if (auto delay =
                        options_.schedule.delay_after(static_cast<std::size_t>(attempt.attempt))) {
                    retry_at = attempt.attempted_at + delay->count();
                }
            }
            bool recorded = runtime->with_db([&](sql::Database& db) {
                return record_attempt(db, attempt, retry_at, attempt.attempted_at);
            });
            if (!recorded) break;
            if (ok) {
                s.cursor_seq = event->seq;
                s.failed_attempts = 0;
                continue;
            }
            if (retry_at) {
                schedule_retry(store_id, *retry_at);
            } else {
                spdlog::warn("webhooks: store {} subscription {} disabled after {} attempts",
                             store_id, s.id, attempt.attempt);
                runtime->note_change();
            }
            break;
        }
    }
    return more;
}

}  // namespace station::tenant
