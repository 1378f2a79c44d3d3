#include "platform/shared_state/redis_jobs.hpp"

#include <algorithm>
#include <cstdio>
#include <stdexcept>

#include "base/shared_state/time_units.hpp"

namespace station::redis {
namespace {

// BRPOP's timeout in seconds, at its millisecond resolution; at least 1ms because 0 would block
// forever.
std::string brpop_timeout(std::chrono::milliseconds wait) {
    const long long ms = std::max<long long>(wait.count(), 1);
    char text[32];
    std::snprintf(text, sizeof text, "%lld.%03lld", ms / 1000, ms % 1000);
    return text;
}

}  // namespace

void RedisJobQueue::push(std::string_view queue, std::string_view payload) {
    pool_.checked({"LPUSH", prefix_ + std::string(queue), payload});
}

std::optional<std::string> RedisJobQueue::pop(std::string_view queue,
                                              std::chrono::milliseconds wait) {
    if (wait.count() < 0) throw std::invalid_argument("jobs: wait must not be negative");
    const std::string key = prefix_ + std::string(queue);
    if (wait.count() == 0) {
        RedisReply reply = pool_.checked({"RPOP", key});
        if (reply.view().is_nil()) return std::nullopt;
        return std::string(reply.view().text());
    }
    const auto deadline = std::chrono::steady_clock::now() + std::min(wait, shared::kMaxPopWait);
    RedisPool::Lease connection = pool_.acquire();
    while (true) {
        const auto remaining = std::chrono::ceil<std::chrono::milliseconds>(
            deadline - std::chrono::steady_clock::now());
        if (remaining.count() <= 0) return std::nullopt;
        // The reply legitimately takes up to `remaining`; the socket must not time out first.
        connection->set_io_timeout(remaining + pool_.timeouts().command);
        RedisReply reply = connection->command({"BRPOP", key, brpop_timeout(remaining)});
        connection->set_io_timeout(pool_.timeouts().command);
        ReplyView result = reply.view();
        if (result.is_error()) {
            throw shared::SharedStateError("redis " + pool_.endpoint().describe() +
                                           ": BRPOP failed: " + std::string(result.text()));
        }
        // Nil: the server's timer fired, possibly a little before our deadline; wait out the rest.
        if (result.is_array() && result.size() == 2) return std::string(result[1].text());
    }
}

std::int64_t RedisJobQueue::size(std::string_view queue) {
    return pool_.checked({"LLEN", prefix_ + std::string(queue)}).view().integer();
}

}  // namespace station::redis
