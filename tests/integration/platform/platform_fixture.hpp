#pragma once
// A real Station platform served over HTTP on 127.0.0.1 and a free port, with its data dir in a
// temp dir and a ManualClock (so rate limits and expiries are tested without sleeping).
// Requests go through libcurl like any client's.

#include <functional>
#include <memory>
#include <string>

#include <boost/json.hpp>

#include "base/util/clock.hpp"
#include "platform/app/platform.hpp"
#include "platform/http/http_server.hpp"
#include "tests/support/http_client.hpp"
#include "tests/support/temp_dir.hpp"

namespace station::testing {

inline constexpr std::string_view kPlatformHost = "station.test";

struct Signup {
    std::int64_t store_id = 0;
    std::string handle;
    std::string host;  // <handle>.station.test
    std::string admin_token;
    std::string api_secret;
    std::string session_cookie;  // "station_session=…"
    std::string csrf_token;
    boost::json::object reply;
};

class PlatformFixture {
public:
    // `tweak` adjusts the configuration before the platform starts.
    explicit PlatformFixture(std::function<void(config::StationConfig&)> tweak = {});
    ~PlatformFixture();

    app::Platform& platform() { return *platform_; }
    util::ManualClock& clock() { return clock_; }
    const HttpClient& client() const { return client_; }
    int port() const { return port_; }
    const std::filesystem::path& data_dir() const { return dir_.path(); }

    HttpResult get(const std::string& host, const std::string& path,
                   std::vector<std::string> headers = {}) const;
    HttpResult send(const std::string& method, const std::string& host, const std::string& path,
                    const std::string& json_body, std::vector<std::string> headers = {}) const;

    // POST /api/signup; REQUIREs 201.
    Signup signup(const std::string& handle, const std::string& email = "");
    // Creates and logs in a platform admin; returns the headers its requests need.
    std::vector<std::string> admin_session();

private:
    TempDir dir_;
    util::ManualClock clock_;
    std::unique_ptr<app::Platform> platform_;
    std::unique_ptr<server::HttpServer> server_;
    int port_ = 0;
    HttpClient client_;
};

boost::json::object parse_object(const std::string& body);

// Headers authenticating as the merchant of `signup` for a write (cookie + CSRF + JSON).
std::vector<std::string> merchant_headers(const Signup& signup);
std::vector<std::string> token_headers(const std::string& admin_token);

}  // namespace station::testing
