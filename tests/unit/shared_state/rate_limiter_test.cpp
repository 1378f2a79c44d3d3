#include <atomic>
#include <random>
#include <stdexcept>
#include <thread>
#include <vector>

#include <catch2/catch.hpp>

#include "base/shared_state/gcra.hpp"
#include "tests/unit/shared_state/backends.hpp"

using namespace station;
using namespace std::chrono_literals;
using shared::LeakyBucket;
using testing::InProcessBackend;
using testing::RedisBackend;

namespace {

constexpr LeakyBucket kShopify{40, 500ms};
constexpr LeakyBucket kTenPerMinute{10, 6s};

}  // namespace

TEMPLATE_TEST_CASE("rate limiter: a burst fills the bucket, then refuses with retry_after",
                   "[rate]", InProcessBackend, RedisBackend) {
    TestType backend;
    auto& limiter = backend.node(0).rate_limiter();
    for (int i = 1; i <= 40; ++i) {
        auto decision = limiter.acquire("shop-1", kShopify);
        REQUIRE(decision.allowed);
        CHECK(decision.used == i);  // the "i/40" of X-Shopify-Shop-Api-Call-Limit
        CHECK(decision.capacity == 40);
        CHECK(decision.retry_after == 0ms);
    }
    auto refused = limiter.acquire("shop-1", kShopify);
    CHECK_FALSE(refused.allowed);
    CHECK(refused.used == 40);
    CHECK(refused.capacity == 40);
    CHECK(refused.retry_after == 500ms);
}

TEMPLATE_TEST_CASE("rate limiter: the bucket leaks over time", "[rate]", InProcessBackend,
                   RedisBackend) {
    TestType backend;
    auto& limiter = backend.node(0).rate_limiter();
    for (int i = 0; i < 40; ++i)
        REQUIRE(limiter.acquire("shop-1", kShopify).allowed);

    backend.clock().advance(500ms);  // one unit leaked
    auto one_more = limiter.acquire("shop-1", kShopify);
    CHECK(one_more.allowed);
    CHECK(one_more.used == 40);

    backend.clock().advance(250ms);  // half a unit: not enough
    auto refused = limiter.acquire("shop-1", kShopify);
    CHECK_FALSE(refused.allowed);
    CHECK(refused.used == 40);  // 39.5 rounds up
    CHECK(refused.retry_after == 250ms);

    backend.clock().advance(10s);  // 20 more units leaked: 19.5 left
    auto after_pause = limiter.acquire("shop-1", kShopify);
    CHECK(after_pause.allowed);
    CHECK(after_pause.used == 21);  // 20.5 rounds up

    backend.clock().advance(1h);
    CHECK(limiter.acquire("shop-1", kShopify).used == 1);
}

TEMPLATE_TEST_CASE("rate limiter: used is the fill rounded up to whole units", "[rate]",
                   InProcessBackend, RedisBackend) {
    TestType backend;
    auto& limiter = backend.node(0).rate_limiter();
    CHECK(limiter.acquire("login:ann", kTenPerMinute).used == 1);
    backend.clock().advance(3s);  // 0.5 left
    CHECK(limiter.acquire("login:ann", kTenPerMinute).used == 2);
    backend.clock().advance(1s);  // 1.5 - 1/6 left
    CHECK(limiter.acquire("login:ann", kTenPerMinute).used == 3);
}

TEMPLATE_TEST_CASE("rate limiter: keys have independent buckets", "[rate]", InProcessBackend,
                   RedisBackend) {
    TestType backend;
    auto& limiter = backend.node(0).rate_limiter();
    for (int i = 0; i < 10; ++i)
        REQUIRE(limiter.acquire("a", kTenPerMinute).allowed);
    CHECK_FALSE(limiter.acquire("a", kTenPerMinute).allowed);
    auto other = limiter.acquire("b", kTenPerMinute);
    CHECK(other.allowed);
    CHECK(other.used == 1);
}

TEMPLATE_TEST_CASE("rate limiter: a cost above one takes that many units or none", "[rate]",
                   InProcessBackend, RedisBackend) {
    TestType backend;
    auto& limiter = backend.node(0).rate_limiter();
    CHECK(limiter.acquire("k", kTenPerMinute, 4).used == 4);
    CHECK(limiter.acquire("k", kTenPerMinute, 4).used == 8);
    auto refused = limiter.acquire("k", kTenPerMinute, 4);
    CHECK_FALSE(refused.allowed);
    CHECK(refused.used == 8);           // a refusal adds nothing
    CHECK(refused.retry_after == 12s);  // two units must leak
    auto fits = limiter.acquire("k", kTenPerMinute, 2);
    CHECK(fits.allowed);
    CHECK(fits.used == 10);
}

TEMPLATE_TEST_CASE("rate limiter: cost zero reports the fill without adding", "[rate]",
                   InProcessBackend, RedisBackend) {
    TestType backend;
    auto& limiter = backend.node(0).rate_limiter();
    CHECK(limiter.acquire("k", kShopify, 0).used == 0);
    limiter.acquire("k", kShopify, 5);
    auto peek = limiter.acquire("k", kShopify, 0);
    CHECK(peek.allowed);
    CHECK(peek.used == 5);
    CHECK(limiter.acquire("k", kShopify, 0).used == 5);
}

TEMPLATE_TEST_CASE("rate limiter: impossible buckets and costs are refused as arguments", "[rate]",
                   InProcessBackend, RedisBackend) {
    TestType backend;
    auto& limiter = backend.node(0).rate_limiter();
    CHECK_THROWS_AS(limiter.acquire("k", kShopify, 41), std::invalid_argument);
    CHECK_THROWS_AS(limiter.acquire("k", kShopify, -1), std::invalid_argument);
    CHECK_THROWS_AS(limiter.acquire("k", LeakyBucket{0, 1s}), std::invalid_argument);
    CHECK_THROWS_AS(limiter.acquire("k", LeakyBucket{5, 0s}), std::invalid_argument);
}

TEMPLATE_TEST_CASE("rate limiter: concurrent acquirers never exceed the capacity", "[rate]",
                   InProcessBackend, RedisBackend) {
    TestType backend;
    std::atomic<int> allowed{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < 8; ++t) {
        threads.emplace_back([&backend, &allowed, t] {
            auto& limiter = backend.node(t % 2).rate_limiter();
            for (int i = 0; i < 25; ++i) {
                if (limiter.acquire("hot", kShopify).allowed) ++allowed;
            }
        });
    }
    for (auto& thread : threads)
        thread.join();
    CHECK(allowed == 40);
    CHECK(backend.node(0).rate_limiter().acquire("hot", kShopify, 0).used == 40);
}

TEMPLATE_TEST_CASE("rate limiter: decisions follow the GCRA arithmetic over a long run", "[rate]",
                   InProcessBackend, RedisBackend) {
    TestType backend;
    auto& limiter = backend.node(0).rate_limiter();
    // An interval that is not a whole number of milliseconds. It is long because Redis expires an
    // emptied bucket's key in real time while this clock jumps: a key outliving the whole test
    // keeps the comparison exact.
    const LeakyBucket bucket{7, 13'337'421us};
    std::mt19937 random(20261125);
    std::uniform_int_distribution<std::int64_t> cost(0, 7);
    std::uniform_int_distribution<std::int64_t> step_us(0, 60'000'000);
    std::optional<std::int64_t> tat;
    for (int i = 0; i < 300; ++i) {
        backend.clock().advance(std::chrono::microseconds(step_us(random)));
        const std::int64_t c = cost(random);
        const std::int64_t now_us = std::chrono::duration_cast<std::chrono::microseconds>(
                                        backend.clock().now().time_since_epoch())
                                        .count();
        auto expected_step = shared::gcra_step(tat, now_us, bucket, c);
        if (expected_step.allowed && c > 0) tat = now_us + expected_step.level_us;
        auto expected = shared::gcra_decision(expected_step, bucket, c);

        auto actual = limiter.acquire("model", bucket, c);
        INFO("step " << i << ", cost " << c);
        REQUIRE(actual.allowed == expected.allowed);
        REQUIRE(actual.used == expected.used);
        REQUIRE(actual.retry_after == expected.retry_after);
    }
}
