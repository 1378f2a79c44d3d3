#pragma once
// The HTTP/1.1 front door: Boost.Beast on an Asio io_context run by several threads.
//
// Lifetimes: the handler and metrics registry MUST outlive the server. start() binds and spawns the
// I/O threads; stop() drains (stops accepting, lets in-flight requests finish, closes idle
// keep-alive connections) for at most `drain_timeout`, then joins the threads. The destructor
// calls stop().
//
// Threading: RequestHandler::handle is called concurrently from the I/O threads and MUST be
// thread-safe. It runs synchronously on an I/O thread, so it should not block for long.
//
// Errors: a handler that throws http::RequestError produces that status with a JSON error body;
// any other exception produces a 500 whose body names only the request id (details go to the log).

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

#include "base/http/message.hpp"
#include "base/metrics/metrics.hpp"

namespace station::server {

struct HttpServerOptions {
    std::string address = "0.0.0.0";
    std::uint16_t port = 8080;  // 0 picks a free port; start() returns it
    unsigned threads = 0;       // 0: one per hardware thread
    std::size_t max_header_bytes = 16 * 1024;
    std::size_t max_body_bytes = 8 * 1024 * 1024;
    std::chrono::milliseconds header_timeout{10'000};  // first request's headers
    std::chrono::milliseconds body_timeout{30'000};    // a request body, once headers arrived
    std::chrono::milliseconds idle_timeout{75'000};    // keep-alive wait for the next request
    std::chrono::milliseconds write_timeout{30'000};
    std::size_t max_connections = 10'000;
    std::chrono::milliseconds drain_timeout{10'000};
    // Take the client address and scheme from X-Forwarded-For / X-Forwarded-Proto (only behind a
    // trusted reverse proxy).
    bool trust_forwarded_headers = false;
    bool access_log = true;
};

class RequestHandler {
public:
    virtual ~RequestHandler() = default;
    virtual http::Response handle(http::Request& request) = 0;
};

class HttpServer {
public:
    HttpServer(HttpServerOptions options, RequestHandler& handler, metrics::Registry& metrics);
    HttpServer(const HttpServer&) = delete;
    HttpServer& operator=(const HttpServer&) = delete;
    ~HttpServer();

    // Binds, listens and starts the I/O threads. Returns the bound port. Throws on bind failure.
    std::uint16_t start();
    // Graceful stop; idempotent.
    void stop();
    // Blocks until SIGINT or SIGTERM arrives, then returns (the caller then calls stop()).
    void wait_for_shutdown_signal();

    std::size_t open_connections() const;

private:
    class Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace station::server
