#pragma once
// One Redis connection (hiredis 0.14, synchronous API) and the replies it returns.
//
// A connection is used by one thread at a time. Every I/O failure throws
// shared::SharedStateError and leaves the connection broken(): it must then be discarded (hiredis
// cannot resume a context after an error). Error *replies* from the server are not failures of
// the connection; they are returned as replies for the caller to judge.

#include <chrono>
#include <cstddef>
#include <initializer_list>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "platform/shared_state/redis_url.hpp"

struct redisContext;
struct redisReply;

namespace station::redis {

struct RedisTimeouts {
    std::chrono::milliseconds connect;
    std::chrono::milliseconds command;  // each socket read or write
};

// A borrowed look at (part of) a reply; valid while the owning RedisReply lives.
class ReplyView {
public:
    explicit ReplyView(const redisReply* reply) : reply_(reply) {}
    bool is_nil() const;
    bool is_error() const;
    bool is_array() const;
    bool is_integer() const;
    bool is_text() const;  // a bulk string or a status such as OK
    // The bytes of a bulk string, status or error; empty for other types.
    std::string_view text() const;
    long long integer() const;                      // 0 unless is_integer()
    std::size_t size() const;                       // array length; 0 unless is_array()
    ReplyView operator[](std::size_t index) const;  // precondition: index < size()

private:
    const redisReply* reply_;
};

class RedisReply {
public:
    explicit RedisReply(redisReply* reply);
    RedisReply(RedisReply&&) noexcept;
    RedisReply& operator=(RedisReply&&) noexcept;
    ~RedisReply();

    ReplyView view() const { return ReplyView(reply_); }

private:
    redisReply* reply_;
};

class RedisConnection {
public:
    // Connects within timeouts.connect, then authenticates and selects the endpoint's database.
    // Throws shared::SharedStateError when the server is unreachable or refuses the login.
    static std::unique_ptr<RedisConnection> open(const RedisEndpoint& endpoint,
                                                 const RedisTimeouts& timeouts);
    RedisConnection(const RedisConnection&) = delete;
    RedisConnection& operator=(const RedisConnection&) = delete;
    ~RedisConnection();

    // Sends one command and waits for its reply.
    RedisReply command(std::span<const std::string_view> args);
    RedisReply command(std::initializer_list<std::string_view> args);

    // For a subscriber connection, driven by poll() on fd(): send() writes a command without
    // waiting for its reply; read_available() reads what the socket holds (call it when poll()
    // reports fd() readable: it then does not block); next_buffered_reply() returns the next
    // complete reply read so far, if any. read_available() throws when the server closed the
    // connection.
    void send(std::span<const std::string_view> args);
    void read_available();
    std::optional<RedisReply> next_buffered_reply();

    // The limit on each socket read or write from now on.
    void set_io_timeout(std::chrono::milliseconds timeout);

    int fd() const;
    bool broken() const;
    // For a connection that sat idle: false when the server has closed it (or sent something
    // unrequested), which poll() reveals without blocking.
    bool idle_and_alive() const;

private:
    RedisConnection(redisContext* context, std::string description);
    [[noreturn]] void fail(std::string_view doing);

    redisContext* context_;
    std::string description_;  // endpoint for messages, without credentials
};

}  // namespace station::redis
