#include "platform/shared_state/redis_shared_state.hpp"

#include <stdexcept>

#include "platform/shared_state/redis_cache.hpp"
#include "platform/shared_state/redis_jobs.hpp"
#include "platform/shared_state/redis_locks.hpp"
#include "platform/shared_state/redis_pool.hpp"
#include "platform/shared_state/redis_pubsub.hpp"
#include "platform/shared_state/redis_rate_limiter.hpp"
#include "platform/shared_state/redis_url.hpp"

namespace station::redis {
namespace {

void validate(const RedisOptions& options) {
    if (options.connect_timeout.count() <= 0 || options.command_timeout.count() <= 0) {
        throw std::invalid_argument("redis options: timeouts must be positive");
    }
    if (options.max_connections < 1) {
        throw std::invalid_argument("redis options: max_connections must be >= 1");
    }
    if (options.reconnect_initial_delay.count() <= 0 ||
        options.reconnect_max_delay < options.reconnect_initial_delay) {
        throw std::invalid_argument(
            "redis options: reconnect delays must be positive, initial <= max");
    }
}

class RedisSharedState final : public shared::SharedState {
public:
    RedisSharedState(RedisEndpoint endpoint, const util::Clock& clock, const RedisOptions& options)
        : pool_(std::move(endpoint), {options.connect_timeout, options.command_timeout},
                options.max_connections),
          cache_(pool_, options.key_prefix),
          rate_limiter_(pool_, clock, options.key_prefix),
          pubsub_(pool_, options.key_prefix,
                  {options.reconnect_initial_delay, options.reconnect_max_delay}),
          jobs_(pool_, options.key_prefix),
          locks_(pool_, options.key_prefix) {}

    shared::Cache& cache() override { return cache_; }
    shared::RateLimiter& rate_limiter() override { return rate_limiter_; }
    shared::PubSub& pubsub() override { return pubsub_; }
    shared::JobQueue& jobs() override { return jobs_; }
    shared::Locks& locks() override { return locks_; }
    std::string_view backend_name() const override { return "redis"; }

private:
    RedisPool pool_;
    RedisCache cache_;
    RedisRateLimiter rate_limiter_;
    RedisPubSub pubsub_;
    RedisJobQueue jobs_;
    RedisLocks locks_;
};

}  // namespace

std::unique_ptr<shared::SharedState> connect_redis(std::string_view url, const util::Clock& clock,
                                                   RedisOptions options) {
    validate(options);
    return std::make_unique<RedisSharedState>(parse_redis_url(url), clock, options);
}

}  // namespace station::redis
