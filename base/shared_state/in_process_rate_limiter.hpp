#pragma once
// The in-process RateLimiter: GCRA buckets (gcra.hpp) in a sharded map, one mutex per shard, so
// the per-request cost is one hash, one uncontended lock and one map lookup.
//
// Part of the in-process backend (in_process.hpp); declared here so tests can observe pruning.
// Thread-safe. Empty buckets are dropped lazily: each shard sweeps out buckets that have fully
// leaked at most once per second of clock time, when it is next used.

#include <array>
#include <cstddef>
#include <cstdint>
#include <mutex>

#include "base/shared_state/shared_state.hpp"
#include "base/shared_state/string_map.hpp"
#include "base/util/clock.hpp"

namespace station::shared {

class InProcessRateLimiter final : public RateLimiter {
public:
    // `clock` must outlive the limiter.
    explicit InProcessRateLimiter(const util::Clock& clock) : clock_(clock) {}

    // Throws std::invalid_argument when validate_bucket (gcra.hpp) refuses bucket or cost.
    RateDecision acquire(std::string_view key, const LeakyBucket& bucket,
                         std::int64_t cost = 1) override;

    // Buckets currently held, including drained ones not yet swept.
    std::size_t tracked_buckets();

private:
    static constexpr std::size_t kShardCount = 64;

    struct alignas(64) Shard {
        std::mutex mutex;
        StringMap<std::int64_t> tats;  // key -> TAT in microseconds
        std::int64_t next_sweep_us = 0;
    };

    const util::Clock& clock_;
    std::array<Shard, kShardCount> shards_;
};

}  // namespace station::shared
