#pragma once
// State shared by every node of a platform: cache, rate limiter, pub/sub, job queue and locks.
//
// Two backends implement this one interface and pass one test suite
// (tests/unit/shared_state): in-process (base/shared_state/in_process.hpp, the single-node default)
// and Redis (platform/shared_state/redis_shared_state.hpp, `station serve --redis URL`).
//
// Threading: every method of every interface here MAY be called from any thread concurrently.
// Pub/sub handlers run on a backend-owned thread, one message at a time per subscription, and
// MUST NOT block for long (they typically invalidate a cache entry).
//
// Errors: a backend that cannot reach its store throws SharedStateError. Callers on a request
// path decide whether to fail open (rate limits) or closed.

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

namespace station::shared {

class SharedStateError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

class Cache {
public:
    virtual ~Cache() = default;
    virtual std::optional<std::string> get(std::string_view key) = 0;
    // ttl > 0. Overwrites any existing value.
    virtual void set(std::string_view key, std::string_view value,
                     std::chrono::milliseconds ttl) = 0;
    virtual void erase(std::string_view key) = 0;
};

// A leaky bucket: holds at most `capacity` units; one unit leaks out every `leak_interval`.
// Shopify's REST limit is {capacity 40, leak_interval 500ms}; "10 per minute" is {10, 6s}.
struct LeakyBucket {
    std::int64_t capacity;
    std::chrono::microseconds leak_interval;
};

struct RateDecision {
    bool allowed;
    std::int64_t used;      // units in the bucket after this call (rounded up)
    std::int64_t capacity;  // the bucket's capacity, for "used/capacity" headers
    // When refused: how long until `cost` units fit. Zero when allowed.
    std::chrono::milliseconds retry_after;
};

class RateLimiter {
public:
    virtual ~RateLimiter() = default;
    // Atomically adds `cost` units to the bucket named `key` if they fit; a refused call adds
    // nothing. Buckets are independent per key and vanish once empty.
    virtual RateDecision acquire(std::string_view key, const LeakyBucket& bucket,
                                 std::int64_t cost = 1) = 0;
};

// Destroying a Subscription unsubscribes; after the destructor returns the handler is not running
// and will not be called again.
class Subscription {
public:
    virtual ~Subscription() = default;
};

class PubSub {
public:
    using Handler = std::function<void(std::string_view message)>;
    virtual ~PubSub() = default;
    // Fire-and-forget to every current subscriber of `channel` on every node (including this one).
    virtual void publish(std::string_view channel, std::string_view message) = 0;
    // Once this returns, the subscription receives every message published afterwards.
    virtual std::unique_ptr<Subscription> subscribe(std::string_view channel, Handler handler) = 0;
};

// A FIFO work queue per name. A popped job belongs to the popper (at-most-once); durable work
// belongs in a store's event log instead.
class JobQueue {
public:
    virtual ~JobQueue() = default;
    virtual void push(std::string_view queue, std::string_view payload) = 0;
    // Waits up to `wait` for a job; nullopt on timeout. wait == 0 polls.
    virtual std::optional<std::string> pop(std::string_view queue,
                                           std::chrono::milliseconds wait) = 0;
    virtual std::int64_t size(std::string_view queue) = 0;
};

// Expiring mutual-exclusion leases (one holder per name across all nodes).
class Locks {
public:
    virtual ~Locks() = default;
    // Returns the holder's token, or nullopt if another holder's lease has not expired.
    virtual std::optional<std::string> try_acquire(std::string_view name,
                                                   std::chrono::milliseconds ttl) = 0;
    // Both return false if `token` no longer holds the lease (expired or taken over).
    virtual bool extend(std::string_view name, std::string_view token,
                        std::chrono::milliseconds ttl) = 0;
    virtual bool release(std::string_view name, std::string_view token) = 0;
};

class SharedState {
public:
    virtual ~SharedState() = default;
    virtual Cache& cache() = 0;
    virtual RateLimiter& rate_limiter() = 0;
    virtual PubSub& pubsub() = 0;
    virtual JobQueue& jobs() = 0;
    virtual Locks& locks() = 0;
    // "in-process" or "redis", for /metrics and logs.
    virtual std::string_view backend_name() const = 0;
};

}  // namespace station::shared
