#include "tests/integration/admin_api/admin_api_support.hpp"

#include <chrono>
#include <fstream>
#include <thread>

#include <catch2/catch.hpp>

#include "tests/support/ports.hpp"

namespace station::testing {

boost::json::object api(PlatformFixture& f, const Signup& s, const std::string& method,
                        const std::string& path, const std::string& body, int expected_status) {
    HttpResult r = f.send(method, s.host, kApi + path, body, token_headers(s.admin_token));
    INFO(method << " " << path << " -> " << r.status << " " << r.body);
    if (expected_status) REQUIRE(r.status == expected_status);
    if (r.body.empty()) return {};
    return parse_object(r.body);
}

namespace {

SpawnOptions logged(const std::filesystem::path& file) {
    SpawnOptions options;
    options.log_file = file;
    return options;
}

}  // namespace

WebhookReceiver::WebhookReceiver(int status, int port)
    : port_(port ? port : free_tcp_port()),
      file_(dir_ / "deliveries.jsonl"),
      process_(ChildProcess::spawn(
          {"python3", STATION_SOURCE_DIR "/tests/integration/admin_api/webhook_receiver.py",
           std::to_string(port_), file_.string(), std::to_string(status)},
          logged(dir_ / "receiver.log"))) {
    if (!wait_for_tcp_port(port_, 10000)) {
        throw std::runtime_error("webhook receiver did not start: " + process_.log());
    }
}

std::string WebhookReceiver::url(const std::string& path) const {
    return "http://127.0.0.1:" + std::to_string(port_) + path;
}

std::vector<boost::json::object> WebhookReceiver::deliveries() const {
    std::vector<boost::json::object> out;
    std::ifstream in(file_);
    std::string line;
    while (std::getline(in, line)) {
        boost::system::error_code ec;
        auto v = boost::json::parse(line, ec);
        if (!ec && v.is_object()) out.push_back(v.as_object());
    }
    return out;
}

std::vector<boost::json::object> WebhookReceiver::wait_for(std::size_t count,
                                                           int timeout_ms) const {
    auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
    for (;;) {
        auto found = deliveries();
        if (found.size() >= count || std::chrono::steady_clock::now() > deadline) return found;
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
}

}  // namespace station::testing
