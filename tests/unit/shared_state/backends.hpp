#pragma once
// The two SharedState backends as Catch2 template fixtures, so every behaviour test runs against
// both, plus small polling helpers.
//
// A fixture owns a ManualClock and hands out "nodes": node(i) is the SharedState that platform
// node i would hold. In-process, every node is the same single state (a single-process platform
// has only one); with Redis, each node is its own connection set (its own pool and subscriber
// thread) to the shared test server, under a key prefix unique to the fixture.
//
// Time: rate limiting follows the clock in both backends. Cache and lock TTLs follow the clock
// in-process (kManualExpiry) but are the Redis server's real time; tests call let_expire(ttl) and
// then poll with eventually(), which succeeds at once in-process and within the TTL for Redis.

#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>

#include "base/shared_state/shared_state.hpp"
#include "base/util/clock.hpp"

namespace station::testing {

// A TTL short enough for a Redis test to wait out.
inline constexpr std::chrono::milliseconds kShortTtl{100};
inline constexpr std::chrono::milliseconds kLongTtl{std::chrono::minutes(10)};

class InProcessBackend {
public:
    static constexpr bool kManualExpiry = true;

    InProcessBackend();
    util::ManualClock& clock() { return clock_; }
    shared::SharedState& node(int index);
    void let_expire(std::chrono::milliseconds ttl) { clock_.advance(ttl); }

private:
    util::ManualClock clock_;
    std::unique_ptr<shared::SharedState> state_;
};

class RedisBackend {
public:
    static constexpr bool kManualExpiry = false;

    RedisBackend();
    util::ManualClock& clock() { return clock_; }
    // Connects node `index` on first use. Thread-safe.
    shared::SharedState& node(int index);
    void let_expire(std::chrono::milliseconds ttl) { clock_.advance(ttl); }
    const std::string& key_prefix() const { return prefix_; }

private:
    util::ManualClock clock_;
    std::string prefix_;
    std::mutex mutex_;
    std::map<int, std::unique_ptr<shared::SharedState>> nodes_;
};

// Polls `condition` until it holds or `timeout` passes; returns its last value.
bool eventually(const std::function<bool()>& condition,
                std::chrono::milliseconds timeout = std::chrono::seconds(10));

}  // namespace station::testing
