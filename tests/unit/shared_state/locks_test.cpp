#include <stdexcept>
#include <string>

#include <catch2/catch.hpp>

#include "tests/unit/shared_state/backends.hpp"

using namespace station;
using namespace std::chrono_literals;
using testing::eventually;
using testing::InProcessBackend;
using testing::kLongTtl;
using testing::kShortTtl;
using testing::RedisBackend;

TEMPLATE_TEST_CASE("locks: a lease is exclusive across nodes until released", "[locks]",
                   InProcessBackend, RedisBackend) {
    TestType backend;
    auto& first = backend.node(0).locks();
    auto& second = backend.node(1).locks();
    auto token = first.try_acquire("migrate:store-7", kLongTtl);
    REQUIRE(token);
    CHECK_FALSE(second.try_acquire("migrate:store-7", kLongTtl));
    CHECK_FALSE(first.try_acquire("migrate:store-7", kLongTtl));  // not re-entrant
    CHECK(second.try_acquire("migrate:store-8", kLongTtl));       // names are independent

    CHECK(second.release("migrate:store-7", *token));  // the token, not the node, is the holder
    auto next = second.try_acquire("migrate:store-7", kLongTtl);
    REQUIRE(next);
    CHECK(*next != *token);
}

TEMPLATE_TEST_CASE("locks: only the holder's token extends or releases", "[locks]",
                   InProcessBackend, RedisBackend) {
    TestType backend;
    auto& locks = backend.node(0).locks();
    auto token = locks.try_acquire("l", kLongTtl);
    auto other = locks.try_acquire("other", kLongTtl);
    REQUIRE(token);
    REQUIRE(other);
    CHECK_FALSE(locks.release("l", *other));
    CHECK_FALSE(locks.release("l", "guess"));
    CHECK_FALSE(locks.release("l", ""));
    CHECK_FALSE(locks.extend("l", *other, kLongTtl));
    CHECK_FALSE(locks.try_acquire("l", kLongTtl));  // still held
    CHECK(locks.extend("l", *token, kLongTtl));
    CHECK(locks.release("l", *token));
    CHECK_FALSE(locks.release("l", *token));  // already released
    CHECK_FALSE(locks.extend("l", *token, kLongTtl));
}

TEMPLATE_TEST_CASE("locks: an expired lease can be taken over", "[locks]", InProcessBackend,
                   RedisBackend) {
    TestType backend;
    auto& first = backend.node(0).locks();
    auto& second = backend.node(1).locks();
    auto stale = first.try_acquire("job", kShortTtl);
    REQUIRE(stale);
    backend.let_expire(kShortTtl);
    std::optional<std::string> fresh;
    REQUIRE(eventually([&] { return (fresh = second.try_acquire("job", kLongTtl)).has_value(); }));
    CHECK_FALSE(first.extend("job", *stale, kLongTtl));
    CHECK_FALSE(first.release("job", *stale));
    CHECK(second.release("job", *fresh));
}

TEMPLATE_TEST_CASE("locks: extend sets a new expiry", "[locks]", InProcessBackend, RedisBackend) {
    TestType backend;
    auto& locks = backend.node(0).locks();
    // Shortening a long lease proves extend replaced its expiry.
    auto token = locks.try_acquire("shorten", kLongTtl);
    REQUIRE(token);
    REQUIRE(locks.extend("shorten", *token, kShortTtl));
    backend.let_expire(kShortTtl);
    CHECK(eventually([&] { return locks.try_acquire("shorten", kLongTtl).has_value(); }));

    if constexpr (TestType::kManualExpiry) {
        auto kept = locks.try_acquire("lengthen", 1s);
        REQUIRE(kept);
        backend.clock().advance(900ms);
        REQUIRE(locks.extend("lengthen", *kept, 1s));
        backend.clock().advance(900ms);  // past the original expiry
        CHECK_FALSE(locks.try_acquire("lengthen", 1s));
        CHECK(locks.release("lengthen", *kept));
    }
}

TEMPLATE_TEST_CASE("locks: a ttl must be positive", "[locks]", InProcessBackend, RedisBackend) {
    TestType backend;
    auto& locks = backend.node(0).locks();
    CHECK_THROWS_AS(locks.try_acquire("l", 0ms), std::invalid_argument);
    auto token = locks.try_acquire("l", kLongTtl);
    REQUIRE(token);
    CHECK_THROWS_AS(locks.extend("l", *token, -1ms), std::invalid_argument);
}
