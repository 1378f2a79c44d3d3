#include "tests/support/redis_server.hpp"

#include <chrono>
#include <memory>
#include <stdexcept>

#include <poll.h>

#include "base/shared_state/shared_state.hpp"
#include "platform/shared_state/redis_connection.hpp"
#include "tests/support/ports.hpp"

namespace station::testing {
namespace {

constexpr int kStartupTimeoutMs = 10'000;

// PING over a fresh connection until the server answers, or the deadline passes.
bool answers_ping(int port, const std::vector<std::string>& extra_args) {
    redis::RedisEndpoint endpoint;
    endpoint.host = "127.0.0.1";
    endpoint.port = port;
    for (std::size_t i = 0; i + 1 < extra_args.size(); ++i) {
        if (extra_args[i] == "--requirepass") endpoint.password = extra_args[i + 1];
    }
    const auto deadline =
        std::chrono::steady_clock::now() + std::chrono::milliseconds(kStartupTimeoutMs);
    while (std::chrono::steady_clock::now() < deadline) {
        try {
            auto connection = redis::RedisConnection::open(
                endpoint, {std::chrono::milliseconds(500), std::chrono::milliseconds(500)});
            auto reply = connection->command({"PING"});
            if (reply.view().text() == "PONG") return true;
        } catch (const shared::SharedStateError&) {
            // Not accepting yet; the poll below paces the retries.
        }
        poll(nullptr, 0, 10);  // a readiness probe of a child process, not a test sleep
    }
    return false;
}

}  // namespace

RedisServer::RedisServer(std::vector<std::string> extra_args)
    : port_(free_tcp_port()), extra_args_(std::move(extra_args)) {
    start();
}

void RedisServer::start() {
    std::vector<std::string> argv{"redis-server",
                                  "--port",
                                  std::to_string(port_),
                                  "--bind",
                                  "127.0.0.1",
                                  "--save",
                                  "",
                                  "--appendonly",
                                  "no",
                                  "--dir",
                                  dir_.path().string()};
    argv.insert(argv.end(), extra_args_.begin(), extra_args_.end());
    SpawnOptions options;
    options.log_file = dir_ / "redis.log";
    process_.emplace(ChildProcess::spawn(argv, options));
    if (!wait_for_tcp_port(port_, kStartupTimeoutMs) || !answers_ping(port_, extra_args_)) {
        const std::string log = process_->log();
        process_.reset();
        throw std::runtime_error("redis-server did not start on port " + std::to_string(port_) +
                                 ":\n" + log);
    }
}

void RedisServer::stop() {
    if (process_) process_->stop();
    process_.reset();
}

RedisServer& shared_redis_server() {
    static RedisServer server;
    return server;
}

}  // namespace station::testing
