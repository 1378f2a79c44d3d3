#pragma once
// A real redis-server started by a test: loopback only, persistence off, its log in a temp dir.
// Stopped (SIGTERM, then SIGKILL) on destruction.

#include <optional>
#include <string>
#include <vector>

#include "tests/support/child_process.hpp"
#include "tests/support/temp_dir.hpp"

namespace station::testing {

class RedisServer {
public:
    // Starts a server on a free TCP port with `extra_args` appended to its command line, and
    // waits until it answers PING. Throws std::runtime_error if it does not come up.
    explicit RedisServer(std::vector<std::string> extra_args = {});
    RedisServer(const RedisServer&) = delete;
    RedisServer& operator=(const RedisServer&) = delete;

    int port() const { return port_; }
    std::string url() const { return "redis://127.0.0.1:" + std::to_string(port_); }
    const TempDir& dir() const { return dir_; }

    void stop();
    // Starts it again on the same port (after stop()).
    void start();

private:
    TempDir dir_;
    int port_;
    std::vector<std::string> extra_args_;
    std::optional<ChildProcess> process_;
};

// The one server the behaviour tests of this process share (started on first use). Tests keep
// apart by giving each backend instance its own key prefix.
RedisServer& shared_redis_server();

}  // namespace station::testing
