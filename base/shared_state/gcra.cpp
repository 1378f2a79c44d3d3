#include "base/shared_state/gcra.hpp"

#include <algorithm>
#include <stdexcept>

namespace station::shared {
namespace {

std::int64_t ceil_div(std::int64_t numerator, std::int64_t denominator) {
    return (numerator + denominator - 1) / denominator;
}

}  // namespace

void validate_bucket(const LeakyBucket& bucket, std::int64_t cost) {
    const std::int64_t interval_us = bucket.leak_interval.count();
    if (bucket.capacity < 1) throw std::invalid_argument("rate limit: capacity must be >= 1");
    if (interval_us < 1) throw std::invalid_argument("rate limit: leak_interval must be >= 1us");
    if (bucket.capacity > kMaxBucketSpanMicros / interval_us) {
        throw std::invalid_argument("rate limit: capacity * leak_interval exceeds 2^53us");
    }
    if (cost < 0 || cost > bucket.capacity) {
        throw std::invalid_argument("rate limit: cost must be within [0, capacity]");
    }
}

GcraStep gcra_step(std::optional<std::int64_t> stored_tat_us, std::int64_t now_us,
                   const LeakyBucket& bucket, std::int64_t cost) {
    const std::int64_t interval_us = bucket.leak_interval.count();
    const std::int64_t level_us = std::max(stored_tat_us.value_or(now_us), now_us) - now_us;
    const std::int64_t new_level_us = level_us + cost * interval_us;
    if (new_level_us > bucket.capacity * interval_us) return {false, level_us};
    return {true, new_level_us};
}

RateDecision gcra_decision(const GcraStep& step, const LeakyBucket& bucket, std::int64_t cost) {
    const std::int64_t interval_us = bucket.leak_interval.count();
    RateDecision decision{step.allowed, ceil_div(step.level_us, interval_us), bucket.capacity,
                          std::chrono::milliseconds(0)};
    if (!step.allowed) {
        const std::int64_t excess_us =
            step.level_us + cost * interval_us - bucket.capacity * interval_us;
        decision.retry_after = std::chrono::milliseconds(ceil_div(excess_us, 1000));
    }
    return decision;
}

}  // namespace station::shared
