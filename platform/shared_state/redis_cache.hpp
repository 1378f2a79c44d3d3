#pragma once
// The Redis Cache: GET, SET PX, DEL under `<key_prefix>cache:`. Expiry is the server's (real
// time), not the injected clock's. Thread-safe; throws shared::SharedStateError when Redis cannot
// be reached.

#include <string>

#include "base/shared_state/shared_state.hpp"
#include "platform/shared_state/redis_pool.hpp"

namespace station::redis {

class RedisCache final : public shared::Cache {
public:
    // `pool` must outlive the cache.
    RedisCache(RedisPool& pool, std::string key_prefix)
        : pool_(pool), prefix_(std::move(key_prefix) + "cache:") {}

    std::optional<std::string> get(std::string_view key) override;
    // Throws std::invalid_argument when ttl <= 0.
    void set(std::string_view key, std::string_view value, std::chrono::milliseconds ttl) override;
    void erase(std::string_view key) override;

private:
    RedisPool& pool_;
    const std::string prefix_;
};

}  // namespace station::redis
