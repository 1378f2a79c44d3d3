#include "base/shared_state/in_process_rate_limiter.hpp"

#include "base/shared_state/gcra.hpp"
#include "base/shared_state/time_units.hpp"

namespace station::shared {
namespace {

// A shard's sweep is O(its size); once a second keeps that cost negligible next to the requests
// that filled it, while bounding how long drained buckets linger.
constexpr std::int64_t kSweepPeriodUs = 1'000'000;

}  // namespace

RateDecision InProcessRateLimiter::acquire(std::string_view key, const LeakyBucket& bucket,
                                           std::int64_t cost) {
    validate_bucket(bucket, cost);
    const std::int64_t now_us = epoch_micros(clock_.now());
    Shard& shard = shards_[shard_index(key, kShardCount)];
    GcraStep step;
    {
        std::lock_guard lock(shard.mutex);
        if (now_us >= shard.next_sweep_us) {
            std::erase_if(shard.tats,
                          [now_us](const auto& entry) { return entry.second <= now_us; });
            shard.next_sweep_us = now_us + kSweepPeriodUs;
        }
        auto it = shard.tats.find(key);
        std::optional<std::int64_t> stored;
        if (it != shard.tats.end()) stored = it->second;
        step = gcra_step(stored, now_us, bucket, cost);
        if (step.allowed && cost > 0) {
            const std::int64_t tat_us = now_us + step.level_us;
            if (it != shard.tats.end()) {
                it->second = tat_us;
            } else {
                shard.tats.emplace(std::string(key), tat_us);
            }
        }
    }
    return gcra_decision(step, bucket, cost);
}

std::size_t InProcessRateLimiter::tracked_buckets() {
    std::size_t count = 0;
    for (Shard& shard : shards_) {
        std::lock_guard lock(shard.mutex);
        count += shard.tats.size();
    }
    return count;
}

}  // namespace station::shared
