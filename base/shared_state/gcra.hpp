#pragma once
// The leaky-bucket arithmetic (GCRA) behind both RateLimiter backends.
//
// A bucket is stored as one number, its "theoretical arrival time" (TAT): the instant, in
// microseconds since the injected clock's epoch, at which the bucket will be empty. Its fill at
// `now` is max(TAT - now, 0) microseconds of leaking, i.e. that many / leak_interval units.
//
// The in-process backend calls gcra_step directly. The Redis backend's Lua script
// (platform/shared_state/redis_scripts.cpp) performs exactly the steps of gcra_step atomically and
// returns (allowed, level_us); both backends then build the caller's RateDecision with
// gcra_decision. Change the two together.
//
// Every quantity stays an integer below 2^53 so that Lua's doubles hold it exactly;
// validate_bucket enforces that for the bucket, and clocks before the year 2255 keep `now` below.
// All functions are pure and thread-safe.

#include <cstdint>
#include <optional>

#include "base/shared_state/shared_state.hpp"

namespace station::shared {

// Largest capacity * leak_interval (in microseconds) a bucket may have: 2^53.
inline constexpr std::int64_t kMaxBucketSpanMicros = std::int64_t{1} << 53;

struct GcraStep {
    bool allowed;
    // The bucket's fill after the call, in microseconds of leaking; 0 when empty. A refused call
    // leaves it unchanged. An allowed call's new TAT is now + level_us.
    std::int64_t level_us;
};

// Throws std::invalid_argument unless capacity >= 1, leak_interval >= 1µs,
// 0 <= cost <= capacity (a cost above capacity could never be admitted) and
// capacity * leak_interval <= kMaxBucketSpanMicros.
void validate_bucket(const LeakyBucket& bucket, std::int64_t cost);

// One acquire against a bucket whose stored TAT is `stored_tat_us` (nullopt: no bucket, i.e.
// empty). Preconditions: validate_bucket(bucket, cost) passed; 0 <= now_us < 2^53.
GcraStep gcra_step(std::optional<std::int64_t> stored_tat_us, std::int64_t now_us,
                   const LeakyBucket& bucket, std::int64_t cost);

// The caller-facing decision for a step: `used` rounds the fill up to whole units; a refusal's
// retry_after is the time until `cost` more units fit, rounded up to whole milliseconds.
RateDecision gcra_decision(const GcraStep& step, const LeakyBucket& bucket, std::int64_t cost);

}  // namespace station::shared
