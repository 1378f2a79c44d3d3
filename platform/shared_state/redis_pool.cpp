#include "platform/shared_state/redis_pool.hpp"

#include <chrono>

#include "base/shared_state/shared_state.hpp"

namespace station::redis {

RedisPool::Lease::~Lease() {
    if (connection_) pool_->give_back(std::move(connection_));
}

RedisPool::RedisPool(RedisEndpoint endpoint, RedisTimeouts timeouts, std::size_t max_connections)
    : endpoint_(std::move(endpoint)), timeouts_(timeouts), max_connections_(max_connections) {}

RedisPool::Lease RedisPool::acquire() {
    const auto deadline = std::chrono::steady_clock::now() + timeouts_.command;
    std::unique_lock lock(mutex_);
    while (true) {
        while (!idle_.empty()) {
            std::unique_ptr<RedisConnection> connection = std::move(idle_.back());
            idle_.pop_back();
            if (connection->idle_and_alive()) return Lease(*this, std::move(connection));
            // Closed by the server while idle: drop it, and its slot, outside the lock.
            --open_;
            lock.unlock();
            connection.reset();
            lock.lock();
        }
        if (open_ < max_connections_) break;
        if (returned_.wait_until(lock, deadline) == std::cv_status::timeout && idle_.empty() &&
            open_ >= max_connections_) {
            throw shared::SharedStateError("redis " + endpoint_.describe() + ": all " +
                                           std::to_string(max_connections_) +
                                           " pooled connections stayed busy");
        }
    }
    ++open_;
    lock.unlock();
    try {
        return Lease(*this, RedisConnection::open(endpoint_, timeouts_));
    } catch (...) {
        lock.lock();
        --open_;
        returned_.notify_one();
        throw;
    }
}

void RedisPool::give_back(std::unique_ptr<RedisConnection> connection) {
    {
        std::lock_guard lock(mutex_);
        if (connection->broken()) {
            --open_;
        } else {
            idle_.push_back(std::move(connection));
        }
    }
    returned_.notify_one();
    // A broken connection is freed here, after the lock is released.
}

RedisReply RedisPool::command(std::span<const std::string_view> args) {
    Lease lease = acquire();
    return lease->command(args);
}

RedisReply RedisPool::command(std::initializer_list<std::string_view> args) {
    return command(std::span(args.begin(), args.size()));
}

RedisReply RedisPool::checked(std::initializer_list<std::string_view> args) {
    RedisReply reply = command(args);
    if (reply.view().is_error()) {
        throw shared::SharedStateError("redis " + endpoint_.describe() + ": " +
                                       std::string(*args.begin()) +
                                       " failed: " + std::string(reply.view().text()));
    }
    return reply;
}

}  // namespace station::redis
