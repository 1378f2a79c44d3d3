// Behaviour only the in-process backend has: bounded memory (eviction and sweeping) and its
// delivery queue limit.

#include "base/shared_state/in_process.hpp"

#include <condition_variable>
#include <mutex>
#include <string>

#include <catch2/catch.hpp>

#include "base/shared_state/in_process_cache.hpp"
#include "base/shared_state/in_process_locks.hpp"
#include "base/shared_state/in_process_pubsub.hpp"
#include "base/shared_state/in_process_rate_limiter.hpp"
#include "tests/unit/shared_state/backends.hpp"

using namespace station;
using namespace std::chrono_literals;
using testing::eventually;

TEST_CASE("in-process: the backend names itself") {
    util::ManualClock clock;
    auto state = shared::make_in_process_shared_state(clock);
    CHECK(state->backend_name() == "in-process");
}

TEST_CASE("in-process cache: stays within its byte budget, evicting least recently used") {
    util::ManualClock clock;
    constexpr std::size_t kBudget = 64 * 1024;
    shared::InProcessCache cache(clock, kBudget);
    const std::string value(200, 'v');
    cache.set("hot", value, 1h);
    for (int i = 0; i < 5000; ++i) {
        cache.set("key-" + std::to_string(i), value, 1h);
        CHECK(cache.get("hot"));  // kept fresh, so never the least recently used
        REQUIRE(cache.bytes_used() <= kBudget);
    }
    CHECK(cache.entry_count() < 5000);
    CHECK_FALSE(cache.get("key-0"));
    CHECK(cache.get("key-4999") == value);
}

TEST_CASE("in-process cache: a value larger than a shard's share is not kept") {
    util::ManualClock clock;
    shared::InProcessCache cache(clock, 16 * 1024);
    cache.set("k", "small", 1h);
    cache.set("k", std::string(4096, 'x'), 1h);
    CHECK_FALSE(cache.get("k"));
    CHECK(cache.bytes_used() == 0);
}

TEST_CASE("in-process cache: expired entries are swept as the clock moves on") {
    util::ManualClock clock;
    shared::InProcessCache cache(clock, 64 << 20);
    for (int i = 0; i < 20'000; ++i) {
        cache.set("k" + std::to_string(i), "v", 500ms);
        clock.advance(10ms);
    }
    // Without sweeping all 20,000 would remain; live ones cover only the last 500ms (50 sets),
    // plus what each shard sweeps at most once a second.
    CHECK(cache.entry_count() < 400);
}

TEST_CASE("in-process rate limiter: drained buckets are dropped") {
    util::ManualClock clock;
    shared::InProcessRateLimiter limiter(clock);
    const shared::LeakyBucket bucket{10, 100ms};
    for (int i = 0; i < 20'000; ++i) {
        limiter.acquire("client-" + std::to_string(i), bucket, 3);  // drains within 300ms
        clock.advance(10ms);
    }
    CHECK(limiter.tracked_buckets() < 400);
    auto decision = limiter.acquire("client-19999", bucket, 0);
    CHECK(decision.used == 3);
}

TEST_CASE("in-process locks: expired leases are dropped") {
    util::ManualClock clock;
    shared::InProcessLocks locks(clock);
    for (int i = 0; i < 20'000; ++i) {
        REQUIRE(locks.try_acquire("lock-" + std::to_string(i), 200ms));
        clock.advance(10ms);
    }
    CHECK(locks.tracked_leases() < 400);
}

TEST_CASE("in-process pubsub: a full delivery queue drops new messages instead of growing") {
    shared::InProcessPubSub pubsub(4);
    std::mutex mutex;
    std::condition_variable changed;
    bool blocked = false;
    bool release = false;
    std::vector<std::string> received;
    auto subscription = pubsub.subscribe("c", [&](std::string_view message) {
        std::unique_lock lock(mutex);
        received.emplace_back(message);
        if (message == "first") {
            blocked = true;
            changed.notify_all();
            changed.wait(lock, [&] { return release; });
        }
    });
    pubsub.publish("c", "first");
    {
        std::unique_lock lock(mutex);
        REQUIRE(changed.wait_for(lock, 10s, [&] { return blocked; }));
    }
    for (int i = 0; i < 10; ++i)
        pubsub.publish("c", std::to_string(i));  // 4 fit, 6 dropped
    {
        std::lock_guard lock(mutex);
        release = true;
    }
    changed.notify_all();
    REQUIRE(eventually([&] {
        std::lock_guard lock(mutex);
        return received.size() >= 5;
    }));
    pubsub.publish("c", "after");
    REQUIRE(eventually([&] {
        std::lock_guard lock(mutex);
        return received.size() >= 6;
    }));
    std::lock_guard lock(mutex);
    CHECK(received == std::vector<std::string>{"first", "0", "1", "2", "3", "after"});
}

TEST_CASE("in-process pubsub: a subscription may outlive the backend") {
    auto pubsub = std::make_unique<shared::InProcessPubSub>(16);
    auto subscription = pubsub->subscribe("c", [](std::string_view) {});
    pubsub.reset();
    CHECK_NOTHROW(subscription.reset());
}
