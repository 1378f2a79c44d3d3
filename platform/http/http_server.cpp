#include "platform/http/http_server.hpp"

#include <array>
#include <atomic>
#include <condition_variable>
#include <ctime>
#include <mutex>
#include <optional>
#include <thread>
#include <unordered_map>

#include <boost/asio/dispatch.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/strand.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <spdlog/spdlog.h>

#include "base/crypto/secrets.hpp"
#include "base/http/request_error.hpp"
#include "base/http/url.hpp"
#include "base/util/strings.hpp"

namespace station::server {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = beast::http;
using tcp = asio::ip::tcp;
using Clock = std::chrono::steady_clock;

http::Method to_method(bhttp::verb verb) {
    switch (verb) {
        case bhttp::verb::get:
            return http::Method::Get;
        case bhttp::verb::head:
            return http::Method::Head;
        case bhttp::verb::post:
            return http::Method::Post;
        case bhttp::verb::put:
            return http::Method::Put;
        case bhttp::verb::patch:
            return http::Method::Patch;
        case bhttp::verb::delete_:
            return http::Method::Delete;
        case bhttp::verb::options:
            return http::Method::Options;
        default:
            return http::Method::Other;
    }
}

// RFC 9110 IMF-fixdate, formatted at most once per second per thread.
const std::string& http_date() {
    thread_local std::time_t cached_second = 0;
    thread_local std::string cached;
    std::time_t now = std::time(nullptr);
    if (now != cached_second) {
        std::tm tm{};
        gmtime_r(&now, &tm);
        char buffer[40];
        std::size_t n = std::strftime(buffer, sizeof buffer, "%a, %d %b %Y %H:%M:%S GMT", &tm);
        cached.assign(buffer, n);
        cached_second = now;
    }
    return cached;
}

bool valid_request_id(std::string_view id) {
    if (id.empty() || id.size() > 64) return false;
    for (char c : id) {
        bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                  c == '-' || c == '_' || c == '.';
        if (!ok) return false;
    }
    return true;
}

// Per-status request counters, resolved once so the hot path does no registry lookups.
class StatusCounters {
public:
    explicit StatusCounters(metrics::Registry& registry) {
        constexpr int kCommon[] = {200, 201, 202, 204, 301, 302, 303, 304, 400, 401, 403, 404,
                                   405, 406, 409, 413, 415, 422, 429, 431, 500, 502, 503, 504};
        constexpr std::string_view kName = "station_http_requests_total";
        constexpr std::string_view kHelp = "HTTP requests served, by status code";
        for (int cls = 1; cls <= 5; ++cls) {
            auto& other = registry.counter(kName, kHelp, "code=\"" + std::to_string(cls) + "xx\"");
            for (int code = cls * 100; code < cls * 100 + 100; ++code)
                by_code_[code] = &other;
        }
        for (int code : kCommon) {
            by_code_[code] =
                &registry.counter(kName, kHelp, "code=\"" + std::to_string(code) + "\"");
        }
    }
    void count(int status) {
        if (status >= 100 && status < 600) by_code_[status]->inc();
    }

private:
    std::array<metrics::Counter*, 600> by_code_{};
};

}  // namespace

class HttpServer::Impl {
public:
    Impl(HttpServerOptions options, RequestHandler& handler, metrics::Registry& registry)
        : options_(std::move(options)),
          handler_(handler),
          status_counters_(registry),
          latency_(registry.histogram("station_http_request_duration_seconds",
                                      "Time from a complete request to its response")),
          rejected_connections_(registry.counter("station_http_rejected_connections_total",
                                                 "Connections closed at the max_connections cap")),
          request_id_prefix_(crypto::random_token(6)),
          acceptor_(ioc_),
          signals_(ioc_, SIGINT, SIGTERM) {
        registry.gauge("station_http_open_connections", "Open client connections",
                       [this] { return static_cast<double>(connections_.load()); });
    }

    std::uint16_t start();
    void stop();
    void wait_for_shutdown_signal();
    std::size_t open_connections() const { return connections_.load(); }

    class Session;

private:
    friend class Session;
    void accept();
    void register_session(Session* session, std::weak_ptr<Session> weak);
    void unregister_session(Session* session);
    std::string next_request_id() {
        return request_id_prefix_ + "-" + std::to_string(request_counter_.fetch_add(1));
    }

    HttpServerOptions options_;
    RequestHandler& handler_;
    StatusCounters status_counters_;
    metrics::Histogram& latency_;
    metrics::Counter& rejected_connections_;

    std::vector<std::thread> threads_;
    std::atomic<bool> draining_{false};
    std::atomic<bool> stopped_{false};
    std::atomic<std::size_t> connections_{0};
    std::atomic<std::uint64_t> request_counter_{1};
    std::string request_id_prefix_;

    std::mutex sessions_mutex_;
    std::unordered_map<Session*, std::weak_ptr<Session>> sessions_;

    std::mutex signal_mutex_;
    std::condition_variable signal_cv_;
    bool signal_received_ = false;

    // Declared last so they are destroyed first: destroying the io_context destroys pending
    // handlers, which own Sessions whose destructors use the members above.
    asio::io_context ioc_;
    tcp::acceptor acceptor_;
    asio::signal_set signals_;
    std::optional<asio::executor_work_guard<asio::io_context::executor_type>> work_;
};

class HttpServer::Impl::Session : public std::enable_shared_from_this<Session> {
public:
    Session(tcp::socket&& socket, Impl& server) : stream_(std::move(socket)), server_(server) {}

    ~Session() {
        server_.unregister_session(this);
        server_.connections_.fetch_sub(1);
    }

    void start() {
        server_.register_session(this, weak_from_this());
        asio::dispatch(stream_.get_executor(),
                       beast::bind_front_handler(&Session::read_next, shared_from_this()));
    }

    // Closes the connection if it is between requests; otherwise it closes after its response.
    void close_if_idle() {
        asio::dispatch(stream_.get_executor(), [self = shared_from_this()] {
            if (self->waiting_for_request_) self->stream_.socket().close();
        });
    }

private:
    void read_next() {
        parser_.emplace();
        parser_->header_limit(static_cast<std::uint32_t>(server_.options_.max_header_bytes));
        parser_->body_limit(server_.options_.max_body_bytes);
        stream_.expires_after(first_request_ ? server_.options_.header_timeout
                                             : server_.options_.idle_timeout);
        waiting_for_request_ = true;
        if (server_.draining_) {
            stream_.socket().close();
            return;
        }
        bhttp::async_read_header(
            stream_, buffer_, *parser_,
            beast::bind_front_handler(&Session::on_header, shared_from_this()));
    }

    void on_header(beast::error_code ec, std::size_t) {
        waiting_for_request_ = false;
        first_request_ = false;
        if (ec) return fail_read(ec);
        stream_.expires_after(server_.options_.body_timeout);
        if (util::iequals(parser_->get()[bhttp::field::expect], "100-continue")) {
            continue_response_.emplace(bhttp::status::continue_, 11);
            bhttp::async_write(stream_, *continue_response_,
                               [self = shared_from_this()](beast::error_code wec, std::size_t) {
                                   if (wec) return self->close();
                                   self->read_body();
                               });
            return;
        }
        read_body();
    }

    void read_body() {
        started_ = Clock::now();
        bhttp::async_read(stream_, buffer_, *parser_,
                          beast::bind_front_handler(&Session::on_body, shared_from_this()));
    }

    void fail_read(beast::error_code ec) {
        static const auto& kParseErrors =
            bhttp::make_error_code(bhttp::error::bad_method).category();
        if (ec == bhttp::error::header_limit) return send_error(431, "request headers too large");
        if (ec == bhttp::error::body_limit) return send_error(413, "request body too large");
        bool client_went_away =
            ec == bhttp::error::end_of_stream || ec == bhttp::error::partial_message;
        if (ec.category() == kParseErrors && !client_went_away) {
            return send_error(400, "malformed HTTP request");
        }
        close();  // timeout, reset, or the client closed between requests
    }

    void on_body(beast::error_code ec, std::size_t) {
        if (ec) return fail_read(ec);
        http::Request request;
        if (!convert_request(request)) return send_error(400, "malformed request target");
        http::Response response = invoke_handler(request);
        send(std::move(response), request, parser_->get().keep_alive());
    }

    bool convert_request(http::Request& out) {
        auto& in = parser_->get();
        out.method = to_method(in.method());
        out.method_text = std::string(in.method_string());
        out.target = std::string(in.target());
        std::string_view target = out.target;
        std::size_t q = target.find('?');
        auto path = http::percent_decode(target.substr(0, q));
        if (!path || path->empty() || path->front() != '/') return false;
        out.path = std::move(*path);
        if (q != std::string_view::npos) out.query = std::string(target.substr(q + 1));
        out.host = http::normalize_host(in[bhttp::field::host]);
        for (const auto& field : in) {
            out.headers.add(std::string(field.name_string()), std::string(field.value()));
        }
        out.body = std::move(in.body());
        beast::error_code ec;
        auto endpoint = stream_.socket().remote_endpoint(ec);
        if (!ec) out.remote_address = endpoint.address().to_string();
        if (server_.options_.trust_forwarded_headers) {
            std::string_view forwarded_for = out.headers.get("X-Forwarded-For");
            if (!forwarded_for.empty()) {
                out.remote_address =
                    std::string(util::trim(forwarded_for.substr(0, forwarded_for.find(','))));
            }
            out.secure = util::iequals(out.headers.get("X-Forwarded-Proto"), "https");
        }
        std::string_view incoming_id = out.headers.get("X-Request-Id");
        out.request_id =
            valid_request_id(incoming_id) ? std::string(incoming_id) : server_.next_request_id();
        return true;
    }

    http::Response invoke_handler(http::Request& request) {
        try {
            return server_.handler_.handle(request);
        } catch (const http::RequestError& e) {
            return http::Response::json(e.status(),
                                        http::error_json(e.status(), e.field(), e.what()));
        } catch (const std::exception& e) {
            spdlog::error("request {} {} {} failed: {}", request.request_id, request.method_text,
                          request.target, e.what());
            return http::Response::json(
                500,
                http::error_json(500, "", "internal error (request " + request.request_id + ")"));
        }
    }

    void send_error(int status, std::string_view message) {
        http::Request request;
        request.request_id = server_.next_request_id();
        started_ = Clock::now();
        send(http::Response::json(status, http::error_json(status, "", message)), request, false);
    }

    void send(http::Response&& response, const http::Request& request, bool keep_alive) {
        keep_alive = keep_alive && !server_.draining_;
        auto& out = response_.emplace();
        out.version(11);
        out.result(static_cast<unsigned>(response.status));
        out.set(bhttp::field::server, "Station");
        out.set(bhttp::field::date, http_date());
        for (const auto& [name, value] : response.headers)
            out.insert(name, value);
        out.set("X-Request-Id", request.request_id);
        out.keep_alive(keep_alive);
        std::size_t body_bytes = response.body.size();
        if (request.method == http::Method::Head) {
            out.content_length(body_bytes);
        } else {
            out.body() = std::move(response.body);
            out.prepare_payload();
        }
        double seconds = std::chrono::duration<double>(Clock::now() - started_).count();
        server_.latency_.observe(seconds);
        server_.status_counters_.count(response.status);
        if (server_.options_.access_log) {
            spdlog::info("{} {} {} {} {} {}B {:.3f}ms store={} ip={}", request.request_id,
                         request.host.empty() ? "-" : request.host, request.method_text,
                         request.target, response.status, body_bytes, seconds * 1e3,
                         request.store_label.empty() ? "-" : request.store_label,
                         request.remote_address.empty() ? "-" : request.remote_address);
        }
        stream_.expires_after(server_.options_.write_timeout);
        bhttp::async_write(
            stream_, out,
            [self = shared_from_this(), keep_alive](beast::error_code ec, std::size_t) {
                if (ec || !keep_alive) return self->close();
                self->read_next();
            });
    }

    void close() {
        beast::error_code ignored;
        stream_.socket().shutdown(tcp::socket::shutdown_send, ignored);
        stream_.socket().close(ignored);
    }

    beast::tcp_stream stream_;
    Impl& server_;
    beast::flat_buffer buffer_;
    std::optional<bhttp::request_parser<bhttp::string_body>> parser_;
    std::optional<bhttp::response<bhttp::string_body>> response_;
    std::optional<bhttp::response<bhttp::empty_body>> continue_response_;
    Clock::time_point started_;
    bool first_request_ = true;
    bool waiting_for_request_ = false;
};

std::uint16_t HttpServer::Impl::start() {
    auto address = asio::ip::make_address(options_.address);
    tcp::endpoint endpoint(address, options_.port);
    acceptor_.open(endpoint.protocol());
    acceptor_.set_option(asio::socket_base::reuse_address(true));
    acceptor_.bind(endpoint);
    acceptor_.listen(asio::socket_base::max_listen_connections);
    std::uint16_t port = acceptor_.local_endpoint().port();

    signals_.async_wait([this](beast::error_code ec, int) {
        if (ec) return;
        std::lock_guard lock(signal_mutex_);
        signal_received_ = true;
        signal_cv_.notify_all();
    });
    accept();
    work_.emplace(ioc_.get_executor());
    unsigned threads = options_.threads ? options_.threads : std::thread::hardware_concurrency();
    if (threads == 0) threads = 1;
    for (unsigned i = 0; i < threads; ++i)
        threads_.emplace_back([this] { ioc_.run(); });
    return port;
}

void HttpServer::Impl::accept() {
    acceptor_.async_accept(asio::make_strand(ioc_),
                           [this](beast::error_code ec, tcp::socket socket) {
                               if (ec) {
                                   if (ec == asio::error::operation_aborted || !acceptor_.is_open())
                                       return;
                                   spdlog::warn("accept failed: {}", ec.message());
                               } else if (connections_.load() >= options_.max_connections) {
                                   rejected_connections_.inc();
                                   beast::error_code ignored;
                                   socket.close(ignored);
                               } else {
                                   beast::error_code ignored;
                                   socket.set_option(tcp::no_delay(true), ignored);
                                   connections_.fetch_add(1);
                                   std::make_shared<Session>(std::move(socket), *this)->start();
                               }
                               if (!draining_) accept();
                           });
}

void HttpServer::Impl::register_session(Session* session, std::weak_ptr<Session> weak) {
    std::lock_guard lock(sessions_mutex_);
    sessions_.emplace(session, std::move(weak));
}

void HttpServer::Impl::unregister_session(Session* session) {
    std::lock_guard lock(sessions_mutex_);
    sessions_.erase(session);
}

void HttpServer::Impl::stop() {
    if (stopped_.exchange(true)) return;
    draining_ = true;
    asio::post(acceptor_.get_executor(), [this] {
        beast::error_code ignored;
        acceptor_.close(ignored);
        signals_.cancel(ignored);
    });
    // Sessions are collected first and told outside the lock: dropping the last reference to a
    // session runs its destructor, which unregisters it under the same lock.
    std::vector<std::shared_ptr<Session>> open;
    {
        std::lock_guard lock(sessions_mutex_);
        for (auto& [raw, weak] : sessions_) {
            if (auto session = weak.lock()) open.push_back(std::move(session));
        }
    }
    for (auto& session : open)
        session->close_if_idle();
    open.clear();
    auto deadline = Clock::now() + options_.drain_timeout;
    while (connections_.load() > 0 && Clock::now() < deadline) {
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    if (connections_.load() > 0) {
        spdlog::warn("drain timeout: closing {} connections", connections_.load());
    }
    work_.reset();
    ioc_.stop();
    for (auto& t : threads_)
        t.join();
    threads_.clear();
}

void HttpServer::Impl::wait_for_shutdown_signal() {
    std::unique_lock lock(signal_mutex_);
    signal_cv_.wait(lock, [this] { return signal_received_; });
}

HttpServer::HttpServer(HttpServerOptions options, RequestHandler& handler,
                       metrics::Registry& metrics)
    : impl_(std::make_unique<Impl>(std::move(options), handler, metrics)) {}

HttpServer::~HttpServer() {
    stop();
}
std::uint16_t HttpServer::start() {
    return impl_->start();
}
void HttpServer::stop() {
    impl_->stop();
}
void HttpServer::wait_for_shutdown_signal() {
    impl_->wait_for_shutdown_signal();
}
std::size_t HttpServer::open_connections() const {
    return impl_->open_connections();
}

}  // namespace station::server
