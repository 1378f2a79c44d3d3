// The HTTP server on its own: keep-alive, size limits, malformed requests, graceful drain.

#include "platform/http/http_server.hpp"

#include <atomic>
#include <condition_variable>
#include <future>
#include <mutex>
#include <thread>

#include <arpa/inet.h>
#include <catch2/catch.hpp>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include "tests/support/http_client.hpp"

using namespace station;

namespace {

// Answers "echo <path>", or blocks on /slow until released.
class TestHandler final : public server::RequestHandler {
public:
    http::Response handle(http::Request& request) override {
        if (request.path == "/slow") {
            std::unique_lock lock(mutex_);
            entered_ = true;
            cv_.notify_all();
            cv_.wait(lock, [this] { return released_; });
        }
        if (request.path == "/throw") throw std::runtime_error("boom");
        return http::Response::text(200, "echo " + request.path + " " + request.host);
    }
    void wait_until_entered() {
        std::unique_lock lock(mutex_);
        cv_.wait(lock, [this] { return entered_; });
    }
    void release() {
        std::lock_guard lock(mutex_);
        released_ = true;
        cv_.notify_all();
    }

private:
    std::mutex mutex_;
    std::condition_variable cv_;
    bool entered_ = false;
    bool released_ = false;
};

struct Server {
    TestHandler handler;
    metrics::Registry metrics;
    server::HttpServer server;
    int port;
    explicit Server(server::HttpServerOptions options)
        : server((options.address = "127.0.0.1", options.port = 0, options.access_log = false,
                  options),
                 handler, metrics),
          port(server.start()) {}
};

int connect_to(int port) {
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(static_cast<uint16_t>(port));
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    REQUIRE(connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0);
    timeval timeout{5, 0};
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
    return fd;
}

void send_all(int fd, const std::string& data) {
    std::size_t sent = 0;
    while (sent < data.size()) {
        ssize_t n = ::send(fd, data.data() + sent, data.size() - sent, MSG_NOSIGNAL);
        if (n <= 0) return;
        sent += static_cast<std::size_t>(n);
    }
}

// Reads until `count` responses with Content-Length bodies arrived, or the peer closed.
std::string read_responses(int fd, int count) {
    std::string data;
    char buffer[4096];
    auto complete = [&] {
        int seen = 0;
        std::size_t pos = 0;
        while (true) {
            std::size_t end = data.find("\r\n\r\n", pos);
            if (end == std::string::npos) return false;
            std::size_t cl = data.find("Content-Length: ", pos);
            std::size_t length =
                cl != std::string::npos && cl < end ? std::stoul(data.substr(cl + 16)) : 0;
            if (data.size() < end + 4 + length) return false;
            pos = end + 4 + length;
            if (++seen == count) return true;
        }
    };
    while (!complete()) {
        ssize_t n = recv(fd, buffer, sizeof buffer, 0);
        if (n <= 0) break;
        data.append(buffer, static_cast<std::size_t>(n));
    }
    return data;
}

int count_of(const std::string& text, const std::string& needle) {
    int n = 0;
    for (std::size_t pos = text.find(needle); pos != std::string::npos;
         pos = text.find(needle, pos + 1)) {
        ++n;
    }
    return n;
}

}  // namespace

TEST_CASE("keep-alive serves several requests on one connection") {
    Server s({});
    int fd = connect_to(s.port);
    send_all(
        fd,
        "GET /one HTTP/1.1\r\nHost: a.test\r\n\r\nGET /two HTTP/1.1\r\nHost: B.TEST:99\r\n\r\n");
    std::string replies = read_responses(fd, 2);
    close(fd);
    CHECK(count_of(replies, "HTTP/1.1 200 OK") == 2);
    CHECK(replies.find("echo /one a.test") != std::string::npos);
    CHECK(replies.find("echo /two b.test") != std::string::npos);
    CHECK(replies.find("X-Request-Id: ") != std::string::npos);
}

TEST_CASE("oversized headers get 431 and oversized bodies 413") {
    server::HttpServerOptions options;
    options.max_header_bytes = 1024;
    options.max_body_bytes = 100;
    Server s(options);
    testing::HttpClient client("127.0.0.1", s.port);
    auto big_header = client.get("a.test", "/", {"X-Big: " + std::string(4000, 'x')});
    CHECK(big_header.status == 431);
    testing::HttpCall call;
    call.method = "POST";
    call.body = std::string(101, 'b');
    CHECK(client.send(call).status == 413);
    call.body = std::string(100, 'b');
    CHECK(client.send(call).status == 200);
}

TEST_CASE("malformed requests get 400 and handler failures get 500 naming only the request id") {
    Server s({});
    int fd = connect_to(s.port);
    send_all(fd, "NOT A REQUEST\r\n\r\n");
    std::string reply = read_responses(fd, 1);
    close(fd);
    CHECK(reply.starts_with("HTTP/1.1 400"));

    testing::HttpClient client("127.0.0.1", s.port);
    auto failed = client.get("a.test", "/throw");
    CHECK(failed.status == 500);
    CHECK(failed.body.find("boom") == std::string::npos);
    CHECK(failed.body.find(failed.header("x-request-id")) != std::string::npos);
}

TEST_CASE("an idle connection is closed after the idle timeout") {
    server::HttpServerOptions options;
    options.header_timeout = std::chrono::milliseconds(200);
    Server s(options);
    int fd = connect_to(s.port);
    char byte;
    auto start = std::chrono::steady_clock::now();
    CHECK(recv(fd, &byte, 1, 0) == 0);  // the server closed it
    CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(3));
    close(fd);
}

TEST_CASE("stop() lets an in-flight request finish, then refuses new connections") {
    Server s({});
    testing::HttpClient client("127.0.0.1", s.port);
    auto in_flight = std::async(std::launch::async, [&] { return client.get("a.test", "/slow"); });
    s.handler.wait_until_entered();
    auto stopping = std::async(std::launch::async, [&] { s.server.stop(); });
    CHECK(stopping.wait_for(std::chrono::milliseconds(100)) == std::future_status::timeout);
    s.handler.release();
    CHECK(in_flight.get().status == 200);
    stopping.get();
    CHECK_THROWS(client.get("a.test", "/"));
}

TEST_CASE("connections over max_connections are closed at once; others keep working") {
    server::HttpServerOptions options;
    options.max_connections = 2;
    Server s(options);
    int first = connect_to(s.port);
    int second = connect_to(s.port);
    // Both are served, so both are counted before the third arrives.
    send_all(first, "GET /a HTTP/1.1\r\nHost: a.test\r\n\r\n");
    send_all(second, "GET /b HTTP/1.1\r\nHost: a.test\r\n\r\n");
    CHECK(read_responses(first, 1).find("echo /a") != std::string::npos);
    CHECK(read_responses(second, 1).find("echo /b") != std::string::npos);

    int third = connect_to(s.port);
    char byte;
    CHECK(recv(third, &byte, 1, 0) == 0);  // closed without a response
    close(third);
    CHECK(s.metrics.render_prometheus().find("station_http_rejected_connections_total 1") !=
          std::string::npos);

    close(first);
    // Once a slot frees up, new connections are served again.
    std::string reply;
    for (int attempt = 0; attempt < 100 && reply.empty(); ++attempt) {
        int again = connect_to(s.port);
        send_all(again, "GET /c HTTP/1.1\r\nHost: a.test\r\n\r\n");
        reply = read_responses(again, 1);
        close(again);
    }
    CHECK(reply.find("echo /c") != std::string::npos);
    close(second);
}
