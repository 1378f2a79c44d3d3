#pragma once
// A small thread-safe pool of command connections to one Redis server.
//
// Connections are opened on demand up to `max_connections` and kept for reuse. A connection that
// failed is discarded rather than returned, and an idle one the server has closed (e.g. after a
// restart) is detected before use and replaced, so the pool heals itself: after an outage, the
// next command simply opens a fresh connection. A command that was in flight when its connection
// failed throws shared::SharedStateError and is not retried (it may or may not have run).
//
// Thread-safe. The pool must outlive its leases.

#include <condition_variable>
#include <cstddef>
#include <initializer_list>
#include <memory>
#include <mutex>
#include <span>
#include <string_view>
#include <vector>

#include "platform/shared_state/redis_connection.hpp"
#include "platform/shared_state/redis_url.hpp"

namespace station::redis {

class RedisPool {
public:
    // Exclusive use of one connection; returns it to the pool (or discards it if broken) on
    // destruction.
    class Lease {
    public:
        Lease(RedisPool& pool, std::unique_ptr<RedisConnection> connection)
            : pool_(&pool), connection_(std::move(connection)) {}
        Lease(Lease&&) noexcept = default;
        Lease& operator=(Lease&&) = delete;
        ~Lease();
        RedisConnection& operator*() const { return *connection_; }
        RedisConnection* operator->() const { return connection_.get(); }

    private:
        RedisPool* pool_;
        std::unique_ptr<RedisConnection> connection_;
    };

    // max_connections >= 1. Opens no connection yet.
    RedisPool(RedisEndpoint endpoint, RedisTimeouts timeouts, std::size_t max_connections);

    // A live connection: an idle one, else a new one if under the cap, else the first one
    // returned within timeouts.command. Throws shared::SharedStateError when none can be had.
    Lease acquire();

    // Runs one command on a pooled connection. Error replies are returned.
    RedisReply command(std::initializer_list<std::string_view> args);
    RedisReply command(std::span<const std::string_view> args);
    // Like command(), but an error reply throws shared::SharedStateError too.
    RedisReply checked(std::initializer_list<std::string_view> args);

    const RedisEndpoint& endpoint() const { return endpoint_; }
    const RedisTimeouts& timeouts() const { return timeouts_; }

private:
    void give_back(std::unique_ptr<RedisConnection> connection);

    const RedisEndpoint endpoint_;
    const RedisTimeouts timeouts_;
    const std::size_t max_connections_;
    std::mutex mutex_;
    std::condition_variable returned_;
    std::vector<std::unique_ptr<RedisConnection>> idle_;
    std::size_t open_ = 0;  // idle plus leased, plus those being opened
};

}  // namespace station::redis
