#pragma once
// The Lua scripts the Redis backend runs atomically on the server, and how it runs them.
//
// A script is loaded once (SCRIPT LOAD, which also yields its SHA1) and then invoked with
// EVALSHA; if the server no longer knows it (restart, SCRIPT FLUSH) the call falls back to EVAL,
// which also reloads it for the next EVALSHA.

#include <span>
#include <string>
#include <string_view>

#include "platform/shared_state/redis_connection.hpp"
#include "platform/shared_state/redis_pool.hpp"

namespace station::redis {

// KEYS[1] bucket; ARGV now_us, leak_interval_us, capacity, cost. Returns {allowed 0|1, level_us}
// exactly as shared::gcra_step (base/shared_state/gcra.hpp) computes them, stores the new TAT of
// an allowed call and lets the key expire when the bucket is empty.
extern const std::string_view kGcraScript;
// KEYS[1] lock; ARGV token, ttl_ms. Returns 1 and resets the TTL if the token holds the lock.
extern const std::string_view kExtendLockScript;
// KEYS[1] lock; ARGV token. Returns 1 and deletes the lock if the token holds it.
extern const std::string_view kReleaseLockScript;

class RedisScript {
public:
    // Loads `source` into the server. Throws shared::SharedStateError when it cannot.
    RedisScript(RedisPool& pool, std::string_view source);

    // Runs the script; an error reply (including a script error) throws shared::SharedStateError.
    RedisReply run(RedisPool& pool, std::span<const std::string_view> keys,
                   std::span<const std::string_view> args) const;

private:
    std::string source_;
    std::string sha1_;
};

}  // namespace station::redis
