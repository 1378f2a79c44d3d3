#pragma once
// The Redis JobQueue: a list per queue under `<key_prefix>jobs:`; LPUSH to add, RPOP/BRPOP to
// take (FIFO). A pop with a wait holds one pooled connection for up to that wait (cut to
// shared::kMaxPopWait), using BRPOP's fractional timeout (Redis >= 6). Thread-safe; throws
// shared::SharedStateError when Redis cannot be reached.

#include <string>

#include "base/shared_state/shared_state.hpp"
#include "platform/shared_state/redis_pool.hpp"

namespace station::redis {

class RedisJobQueue final : public shared::JobQueue {
public:
    // `pool` must outlive the queue.
    RedisJobQueue(RedisPool& pool, std::string key_prefix)
        : pool_(pool), prefix_(std::move(key_prefix) + "jobs:") {}

    void push(std::string_view queue, std::string_view payload) override;
    // Throws std::invalid_argument when wait < 0.
    std::optional<std::string> pop(std::string_view queue, std::chrono::milliseconds wait) override;
    std::int64_t size(std::string_view queue) override;

private:
    RedisPool& pool_;
    const std::string prefix_;
};

}  // namespace station::redis
