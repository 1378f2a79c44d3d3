#include "platform/shared_state/redis_connection.hpp"

#include <cerrno>
#include <cstring>
#include <utility>
#include <vector>

#include <hiredis/hiredis.h>
#include <poll.h>
#include <sys/time.h>

#include "base/shared_state/shared_state.hpp"

namespace station::redis {
namespace {

timeval to_timeval(std::chrono::milliseconds duration) {
    timeval tv{};
    tv.tv_sec = static_cast<time_t>(duration.count() / 1000);
    tv.tv_usec = static_cast<suseconds_t>(duration.count() % 1000 * 1000);
    return tv;
}

// hiredis reports a socket timeout as strerror(EAGAIN); say what it means.
std::string error_text(const redisContext* context) {
    if (context->err == REDIS_ERR_IO && std::strcmp(context->errstr, std::strerror(EAGAIN)) == 0) {
        return "timed out";
    }
    return context->errstr;
}

}  // namespace

bool ReplyView::is_nil() const {
    return reply_->type == REDIS_REPLY_NIL;
}
bool ReplyView::is_error() const {
    return reply_->type == REDIS_REPLY_ERROR;
}
bool ReplyView::is_array() const {
    return reply_->type == REDIS_REPLY_ARRAY;
}
bool ReplyView::is_integer() const {
    return reply_->type == REDIS_REPLY_INTEGER;
}
bool ReplyView::is_text() const {
    return reply_->type == REDIS_REPLY_STRING || reply_->type == REDIS_REPLY_STATUS;
}

std::string_view ReplyView::text() const {
    if (is_text() || is_error()) return std::string_view(reply_->str, reply_->len);
    return {};
}

long long ReplyView::integer() const {
    return is_integer() ? reply_->integer : 0;
}
std::size_t ReplyView::size() const {
    return is_array() ? reply_->elements : 0;
}
ReplyView ReplyView::operator[](std::size_t index) const {
    return ReplyView(reply_->element[index]);
}

RedisReply::RedisReply(redisReply* reply) : reply_(reply) {}
RedisReply::RedisReply(RedisReply&& other) noexcept
    : reply_(std::exchange(other.reply_, nullptr)) {}
RedisReply& RedisReply::operator=(RedisReply&& other) noexcept {
    if (this != &other) {
        if (reply_ != nullptr) freeReplyObject(reply_);
        reply_ = std::exchange(other.reply_, nullptr);
    }
    return *this;
}
RedisReply::~RedisReply() {
    if (reply_ != nullptr) freeReplyObject(reply_);
}

std::unique_ptr<RedisConnection> RedisConnection::open(const RedisEndpoint& endpoint,
                                                       const RedisTimeouts& timeouts) {
    const timeval connect_timeout = to_timeval(timeouts.connect);
    redisContext* context =
        endpoint.unix_path.empty()
            ? redisConnectWithTimeout(endpoint.host.c_str(), endpoint.port, connect_timeout)
            : redisConnectUnixWithTimeout(endpoint.unix_path.c_str(), connect_timeout);
    if (context == nullptr) {
        throw shared::SharedStateError("redis " + endpoint.describe() +
                                       ": cannot allocate a connection");
    }
    std::unique_ptr<RedisConnection> connection(new RedisConnection(context, endpoint.describe()));
    if (context->err != 0) connection->fail("connect");
    if (endpoint.unix_path.empty()) redisEnableKeepAlive(context);
    connection->set_io_timeout(timeouts.command);

    if (!endpoint.password.empty()) {
        RedisReply reply =
            endpoint.username.empty()
                ? connection->command({"AUTH", endpoint.password})
                : connection->command({"AUTH", endpoint.username, endpoint.password});
        if (reply.view().is_error()) {
            throw shared::SharedStateError("redis " + endpoint.describe() +
                                           ": login refused: " + std::string(reply.view().text()));
        }
    }
    if (endpoint.db != 0) {
        RedisReply reply = connection->command({"SELECT", std::to_string(endpoint.db)});
        if (reply.view().is_error()) {
            throw shared::SharedStateError("redis " + endpoint.describe() + ": SELECT " +
                                           std::to_string(endpoint.db) +
                                           " refused: " + std::string(reply.view().text()));
        }
    }
    return connection;
}

RedisConnection::RedisConnection(redisContext* context, std::string description)
    : context_(context), description_(std::move(description)) {}

RedisConnection::~RedisConnection() {
    redisFree(context_);
}

void RedisConnection::fail(std::string_view doing) {
    throw shared::SharedStateError("redis " + description_ + ": " + std::string(doing) + ": " +
                                   error_text(context_));
}

RedisReply RedisConnection::command(std::span<const std::string_view> args) {
    if (broken()) fail("command on a failed connection");
    send(args);
    void* reply = nullptr;
    if (redisGetReply(context_, &reply) != REDIS_OK || reply == nullptr) fail("read reply");
    return RedisReply(static_cast<redisReply*>(reply));
}

RedisReply RedisConnection::command(std::initializer_list<std::string_view> args) {
    return command(std::span(args.begin(), args.size()));
}

void RedisConnection::send(std::span<const std::string_view> args) {
    std::vector<const char*> argv;
    std::vector<std::size_t> lengths;
    argv.reserve(args.size());
    lengths.reserve(args.size());
    for (std::string_view arg : args) {
        argv.push_back(arg.data());
        lengths.push_back(arg.size());
    }
    if (redisAppendCommandArgv(context_, static_cast<int>(argv.size()), argv.data(),
                               lengths.data()) != REDIS_OK) {
        fail("queue command");
    }
    int done = 0;
    while (done == 0) {
        if (redisBufferWrite(context_, &done) != REDIS_OK) fail("write");
    }
}

void RedisConnection::read_available() {
    if (redisBufferRead(context_) != REDIS_OK) fail("read");
}

std::optional<RedisReply> RedisConnection::next_buffered_reply() {
    void* reply = nullptr;
    if (redisGetReplyFromReader(context_, &reply) != REDIS_OK) fail("parse reply");
    if (reply == nullptr) return std::nullopt;
    return RedisReply(static_cast<redisReply*>(reply));
}

void RedisConnection::set_io_timeout(std::chrono::milliseconds timeout) {
    if (redisSetTimeout(context_, to_timeval(timeout)) != REDIS_OK) fail("set timeout");
}

int RedisConnection::fd() const {
    return context_->fd;
}
bool RedisConnection::broken() const {
    return context_->err != 0;
}

bool RedisConnection::idle_and_alive() const {
    if (broken()) return false;
    pollfd probe{context_->fd, POLLIN, 0};
    return poll(&probe, 1, 0) == 0;
}

}  // namespace station::redis
