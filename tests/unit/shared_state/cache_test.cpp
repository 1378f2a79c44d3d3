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

TEMPLATE_TEST_CASE("cache: get returns what set stored, set overwrites, erase removes", "[cache]",
                   InProcessBackend, RedisBackend) {
    TestType backend;
    auto& cache = backend.node(0).cache();
    CHECK_FALSE(cache.get("host:shop.example.com"));

    cache.set("host:shop.example.com", "store-1", kLongTtl);
    CHECK(cache.get("host:shop.example.com") == "store-1");
    cache.set("host:shop.example.com", "store-2", kLongTtl);
    CHECK(cache.get("host:shop.example.com") == "store-2");

    cache.erase("host:shop.example.com");
    CHECK_FALSE(cache.get("host:shop.example.com"));
    CHECK_NOTHROW(cache.erase("never-set"));
}

TEMPLATE_TEST_CASE("cache: values are binary-safe and keys independent", "[cache]",
                   InProcessBackend, RedisBackend) {
    TestType backend;
    auto& cache = backend.node(0).cache();
    const std::string binary("a\0b\r\n\xff", 6);
    const std::string large(200'000, 'x');
    cache.set("binary", binary, kLongTtl);
    cache.set("large", large, kLongTtl);
    cache.set("", "empty key", kLongTtl);
    CHECK(cache.get("binary") == binary);
    CHECK(cache.get("large") == large);
    CHECK(cache.get("") == "empty key");
    cache.erase("binary");
    CHECK(cache.get("large") == large);
}

TEMPLATE_TEST_CASE("cache: entries are shared by every node", "[cache]", InProcessBackend,
                   RedisBackend) {
    TestType backend;
    backend.node(0).cache().set("k", "from node 0", kLongTtl);
    CHECK(backend.node(1).cache().get("k") == "from node 0");
    backend.node(1).cache().erase("k");
    CHECK_FALSE(backend.node(0).cache().get("k"));
}

TEMPLATE_TEST_CASE("cache: entries expire after their ttl", "[cache]", InProcessBackend,
                   RedisBackend) {
    TestType backend;
    auto& cache = backend.node(0).cache();
    cache.set("short", "v", kShortTtl);
    cache.set("long", "v", kLongTtl);
    if constexpr (TestType::kManualExpiry) {
        backend.clock().advance(kShortTtl - 1ms);
        CHECK(cache.get("short") == "v");
    }
    backend.let_expire(kShortTtl);
    CHECK(eventually([&] { return !cache.get("short"); }));
    CHECK(cache.get("long") == "v");
}

TEMPLATE_TEST_CASE("cache: an overwrite replaces the ttl too", "[cache]", InProcessBackend,
                   RedisBackend) {
    TestType backend;
    auto& cache = backend.node(0).cache();
    cache.set("k", "old", kLongTtl);
    cache.set("k", "new", kShortTtl);
    // (Redis may already have expired it if this thread stalls for kShortTtl.)
    if constexpr (TestType::kManualExpiry) CHECK(cache.get("k") == "new");
    backend.let_expire(kShortTtl);
    CHECK(eventually([&] { return !cache.get("k"); }));
}

TEMPLATE_TEST_CASE("cache: a ttl must be positive", "[cache]", InProcessBackend, RedisBackend) {
    TestType backend;
    auto& cache = backend.node(0).cache();
    CHECK_THROWS_AS(cache.set("k", "v", 0ms), std::invalid_argument);
    CHECK_THROWS_AS(cache.set("k", "v", -5ms), std::invalid_argument);
    CHECK_FALSE(cache.get("k"));
}
