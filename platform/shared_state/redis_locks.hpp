#pragma once
// The Redis Locks: SET NX PX with a random token under `<key_prefix>lock:`; extend and release
// compare the token and act in one Lua script, so only the holder can do either. Lease expiry is
// the server's (real time). Thread-safe; throws shared::SharedStateError when Redis cannot be
// reached. Tokens come from libsodium: crypto::init_crypto() must have run.

#include <string>

#include "base/shared_state/shared_state.hpp"
#include "platform/shared_state/redis_pool.hpp"
#include "platform/shared_state/redis_scripts.hpp"

namespace station::redis {

class RedisLocks final : public shared::Locks {
public:
    // `pool` must outlive the locks. Loads the scripts: throws shared::SharedStateError when
    // Redis cannot be reached.
    RedisLocks(RedisPool& pool, std::string key_prefix)
        : pool_(pool),
          prefix_(std::move(key_prefix) + "lock:"),
          extend_(pool, kExtendLockScript),
          release_(pool, kReleaseLockScript) {}

    // try_acquire and extend throw std::invalid_argument when ttl <= 0.
    std::optional<std::string> try_acquire(std::string_view name,
                                           std::chrono::milliseconds ttl) override;
    bool extend(std::string_view name, std::string_view token,
                std::chrono::milliseconds ttl) override;
    bool release(std::string_view name, std::string_view token) override;

private:
    RedisPool& pool_;
    const std::string prefix_;
    const RedisScript extend_;
    const RedisScript release_;
};

}  // namespace station::redis
