#pragma once
// The Redis SharedState backend (`station serve --redis URL`): several nodes share cache, rate
// limits, pub/sub, job queues and locks through one Redis server (>= 6; hiredis, synchronous
// API).
//
// Commands run on a small pool of connections that reconnect on their own after failures; pub/sub
// has one dedicated subscriber connection and thread that reconnect with backoff and resubscribe.
// Every key and channel is prefixed (RedisOptions::key_prefix) so several platforms can share a
// server. Rate-limit decisions take "now" from the injected clock; cache and lock expiry are the
// server's (real time). Every operation throws shared::SharedStateError when Redis cannot be
// reached or answers with an error; see shared_state.hpp for the rest of the contract.

#include <chrono>
#include <cstddef>
#include <memory>
#include <string>
#include <string_view>

#include "base/shared_state/shared_state.hpp"
#include "base/util/clock.hpp"

namespace station::redis {

struct RedisOptions {
    std::string key_prefix = "station:";
    std::chrono::milliseconds connect_timeout{2000};
    // Limit on each socket read and write of a command (a blocking pop adds its own wait).
    std::chrono::milliseconds command_timeout{2000};
    // Command connections open at once; a blocking JobQueue::pop holds one for its wait.
    std::size_t max_connections = 16;
    // Subscriber reconnection delays: doubled after each failed attempt, up to the maximum.
    std::chrono::milliseconds reconnect_initial_delay{50};
    std::chrono::milliseconds reconnect_max_delay{2000};
};

// Parses `url` (forms in platform/shared_state/redis_url.hpp: redis://[[user]:password@]host[:port]
// [/db] or unix:///path[?db=N]), connects and loads the Lua scripts, so an unreachable server is
// reported here rather than on first use. Throws std::invalid_argument for a bad URL or options,
// shared::SharedStateError when Redis cannot be reached. `clock` must outlive the returned state.
std::unique_ptr<shared::SharedState> connect_redis(std::string_view url, const util::Clock& clock,
                                                   RedisOptions options = {});

}  // namespace station::redis
