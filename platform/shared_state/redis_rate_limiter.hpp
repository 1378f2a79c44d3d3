#pragma once
// The Redis RateLimiter: the GCRA step of base/shared_state/gcra.hpp run atomically in a Lua
// script on `<key_prefix>rate:<key>`. "Now" is the injected clock's, passed to the script, so for
// equal clocks both backends decide identically; the bucket key expires (server time) when the
// bucket would be empty. Thread-safe; throws shared::SharedStateError when Redis cannot be
// reached.

#include <string>

#include "base/shared_state/shared_state.hpp"
#include "base/util/clock.hpp"
#include "platform/shared_state/redis_pool.hpp"
#include "platform/shared_state/redis_scripts.hpp"

namespace station::redis {

class RedisRateLimiter final : public shared::RateLimiter {
public:
    // `pool` and `clock` must outlive the limiter. Loads the script: throws
    // shared::SharedStateError when Redis cannot be reached.
    RedisRateLimiter(RedisPool& pool, const util::Clock& clock, std::string key_prefix)
        : pool_(pool),
          clock_(clock),
          prefix_(std::move(key_prefix) + "rate:"),
          script_(pool, kGcraScript) {}

    // Throws std::invalid_argument when shared::validate_bucket refuses bucket or cost.
    shared::RateDecision acquire(std::string_view key, const shared::LeakyBucket& bucket,
                                 std::int64_t cost = 1) override;

private:
    RedisPool& pool_;
    const util::Clock& clock_;
    const std::string prefix_;
    const RedisScript script_;
};

}  // namespace station::redis
