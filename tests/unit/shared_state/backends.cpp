#include "tests/unit/shared_state/backends.hpp"

#include <atomic>

#include <poll.h>

#include "base/shared_state/in_process.hpp"
#include "platform/shared_state/redis_shared_state.hpp"
#include "tests/support/redis_server.hpp"

namespace station::testing {

InProcessBackend::InProcessBackend() : state_(shared::make_in_process_shared_state(clock_)) {}

shared::SharedState& InProcessBackend::node(int) {
    return *state_;
}

RedisBackend::RedisBackend() {
    static std::atomic<int> next_fixture{0};
    prefix_ = "test" + std::to_string(++next_fixture) + ":";
}

shared::SharedState& RedisBackend::node(int index) {
    std::lock_guard lock(mutex_);
    auto& node = nodes_[index];
    if (!node) {
        redis::RedisOptions options;
        options.key_prefix = prefix_;
        node = redis::connect_redis(shared_redis_server().url(), clock_, options);
    }
    return *node;
}

bool eventually(const std::function<bool()>& condition, std::chrono::milliseconds timeout) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (!condition()) {
        if (std::chrono::steady_clock::now() >= deadline) return false;
        poll(nullptr, 0, 5);  // polling interval of a deadline-bounded wait
    }
    return true;
}

}  // namespace station::testing
