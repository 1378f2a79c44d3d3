#include "base/shared_state/gcra.hpp"

#include <stdexcept>

#include <catch2/catch.hpp>

using namespace station;
using namespace std::chrono_literals;
using shared::gcra_decision;
using shared::gcra_step;
using shared::LeakyBucket;

namespace {

constexpr std::int64_t kNow = 1'800'000'000'000'000;  // microseconds
constexpr LeakyBucket kShopify{40, 500ms};

}  // namespace

TEST_CASE("gcra: an empty bucket admits up to its capacity at once") {
    auto step = gcra_step(std::nullopt, kNow, kShopify, 40);
    CHECK(step.allowed);
    CHECK(step.level_us == 40 * 500'000);
    auto decision = gcra_decision(step, kShopify, 40);
    CHECK(decision.allowed);
    CHECK(decision.used == 40);
    CHECK(decision.capacity == 40);
    CHECK(decision.retry_after == 0ms);
}

TEST_CASE("gcra: a full bucket refuses, keeps its level and says when the cost fits") {
    const std::int64_t full_tat = kNow + 40 * 500'000;
    auto step = gcra_step(full_tat, kNow, kShopify, 1);
    CHECK_FALSE(step.allowed);
    CHECK(step.level_us == 40 * 500'000);
    auto decision = gcra_decision(step, kShopify, 1);
    CHECK(decision.used == 40);
    CHECK(decision.retry_after == 500ms);
    CHECK(gcra_decision(gcra_step(full_tat, kNow, kShopify, 3), kShopify, 3).retry_after == 1500ms);
}

TEST_CASE("gcra: the bucket leaks one unit per interval, and used rounds up") {
    const std::int64_t tat = kNow + 10 * 500'000;                // 10 units in the bucket at kNow
    auto later = gcra_step(tat, kNow + 1'250'000, kShopify, 0);  // 2.5 units leaked
    CHECK(later.level_us == 7 * 500'000 + 250'000);
    CHECK(gcra_decision(later, kShopify, 0).used == 8);
    auto drained = gcra_step(tat, kNow + 60'000'000, kShopify, 0);
    CHECK(drained.level_us == 0);
    CHECK(gcra_decision(drained, kShopify, 0).used == 0);
}

TEST_CASE("gcra: filling exactly to capacity is allowed, one microsecond more is not") {
    const LeakyBucket bucket{3, 1000us};
    CHECK(gcra_step(kNow + 2000, kNow, bucket, 1).allowed);
    auto over = gcra_step(kNow + 2001, kNow, bucket, 1);
    CHECK_FALSE(over.allowed);
    // One microsecond short rounds up to a whole millisecond of waiting.
    CHECK(gcra_decision(over, bucket, 1).retry_after == 1ms);
}

TEST_CASE("gcra: retry_after rounds sub-millisecond leaks up") {
    const LeakyBucket bucket{2, 1500us};
    auto step = gcra_step(kNow + 3000, kNow, bucket, 1);
    CHECK_FALSE(step.allowed);
    CHECK(gcra_decision(step, bucket, 1).retry_after == 2ms);
}

TEST_CASE("gcra: validate_bucket refuses impossible buckets and costs") {
    CHECK_NOTHROW(shared::validate_bucket(kShopify, 0));
    CHECK_NOTHROW(shared::validate_bucket(kShopify, 40));
    CHECK_THROWS_AS(shared::validate_bucket(kShopify, 41), std::invalid_argument);
    CHECK_THROWS_AS(shared::validate_bucket(kShopify, -1), std::invalid_argument);
    CHECK_THROWS_AS(shared::validate_bucket({0, 500ms}, 0), std::invalid_argument);
    CHECK_THROWS_AS(shared::validate_bucket({10, 0us}, 1), std::invalid_argument);
    CHECK_THROWS_AS(shared::validate_bucket({1'000'000'000, 24h * 365}, 1), std::invalid_argument);
    CHECK_NOTHROW(shared::validate_bucket({shared::kMaxBucketSpanMicros, 1us}, 1));
}
