#include "platform/shared_state/redis_rate_limiter.hpp"

#include <array>

#include "base/shared_state/gcra.hpp"
#include "base/shared_state/time_units.hpp"

namespace station::redis {

shared::RateDecision RedisRateLimiter::acquire(std::string_view key,
                                               const shared::LeakyBucket& bucket,
                                               std::int64_t cost) {
    shared::validate_bucket(bucket, cost);
    const std::string full_key = prefix_ + std::string(key);
    const std::string now_us = std::to_string(shared::epoch_micros(clock_.now()));
    const std::string interval_us = std::to_string(bucket.leak_interval.count());
    const std::string capacity = std::to_string(bucket.capacity);
    const std::string cost_text = std::to_string(cost);
    const std::array<std::string_view, 1> keys{full_key};
    const std::array<std::string_view, 4> args{now_us, interval_us, capacity, cost_text};
    RedisReply reply = script_.run(pool_, keys, args);
    ReplyView result = reply.view();
    if (result.size() != 2 || !result[0].is_integer() || !result[1].is_integer()) {
        throw shared::SharedStateError("redis " + pool_.endpoint().describe() +
                                       ": unexpected rate-limit script reply");
    }
    const shared::GcraStep step{result[0].integer() == 1, result[1].integer()};
    return shared::gcra_decision(step, bucket, cost);
}

}  // namespace station::redis
