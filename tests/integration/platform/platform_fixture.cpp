#include "tests/integration/platform/platform_fixture.hpp"

#include <chrono>

#include <catch2/catch.hpp>

#include "platform/accounts/accounts.hpp"

namespace station::testing {

PlatformFixture::PlatformFixture(std::function<void(config::StationConfig&)> tweak)
    : clock_(util::TimePoint(std::chrono::seconds(1'780'000'000))), client_("127.0.0.1", 0) {
    config::StationConfig config;
    config.data_dir = dir_.path() / "data";
    config.platform_domain = std::string(kPlatformHost);
    config.password_cost = "minimum";
    config.access_log = false;
    config.log_level = "warn";
    config.signups_per_hour = 100'000;
    config.login_attempts_per_minute = 100'000;
    config.dev = true;
    if (tweak) tweak(config);
    platform_ = std::make_unique<app::Platform>(config, clock_);
    platform_->start_background();
    server::HttpServerOptions options;
    options.address = "127.0.0.1";
    options.port = 0;
    options.threads = 2;
    options.access_log = false;
    options.trust_forwarded_headers = config.trust_forwarded_headers;
    options.max_body_bytes = config.max_body_bytes;
    options.max_header_bytes = config.max_header_bytes;
    server_ = std::make_unique<server::HttpServer>(options, platform_->request_handler(),
                                                   platform_->metrics());
    port_ = server_->start();
    client_ = HttpClient("127.0.0.1", port_);
}

PlatformFixture::~PlatformFixture() {
    server_->stop();
    platform_->shutdown();
}

HttpResult PlatformFixture::get(const std::string& host, const std::string& path,
                                std::vector<std::string> headers) const {
    return client_.get(host, path, std::move(headers));
}

HttpResult PlatformFixture::send(const std::string& method, const std::string& host,
                                 const std::string& path, const std::string& json_body,
                                 std::vector<std::string> headers) const {
    HttpCall call;
    call.method = method;
    call.host = host;
    call.path = path;
    call.body = json_body;
    call.headers = std::move(headers);
    if (!json_body.empty()) call.headers.push_back("Content-Type: application/json");
    return client_.send(call);
}

Signup PlatformFixture::signup(const std::string& handle, const std::string& email) {
    boost::json::object body{{"email", email.empty() ? handle + "@merchants.test" : email},
                             {"password", "correct horse battery"},
                             {"store_name", "Store " + handle},
                             {"handle", handle}};
    HttpResult result =
        send("POST", std::string(kPlatformHost), "/api/signup", boost::json::serialize(body));
    INFO(result.body);
    REQUIRE(result.status == 201);
    Signup s;
    s.reply = parse_object(result.body);
    s.store_id = s.reply["store"].as_object()["id"].as_int64();
    s.handle = handle;
    s.host = handle + "." + std::string(kPlatformHost);
    s.admin_token = std::string(s.reply["admin_token"].as_string());
    s.api_secret = std::string(s.reply["api_secret"].as_string());
    s.session_cookie = cookie_from(result, "station_session");
    s.csrf_token = std::string(s.reply["csrf_token"].as_string());
    return s;
}

std::vector<std::string> PlatformFixture::admin_session() {
    platform_->accounts().create_admin("ops@station.test", "operator password 1");
    HttpResult login = send("POST", std::string(kPlatformHost), "/platform/api/login",
                            R"({"email":"ops@station.test","password":"operator password 1"})");
    REQUIRE(login.status == 200);
    std::string csrf(parse_object(login.body)["csrf_token"].as_string());
    return {"Cookie: " + cookie_from(login, "station_admin_session"), "X-CSRF-Token: " + csrf};
}

boost::json::object parse_object(const std::string& body) {
    boost::system::error_code ec;
    auto value = boost::json::parse(body, ec);
    INFO(body);
    REQUIRE_FALSE(ec);
    REQUIRE(value.is_object());
    return value.as_object();
}

std::vector<std::string> merchant_headers(const Signup& signup) {
    return {"Cookie: " + signup.session_cookie, "X-CSRF-Token: " + signup.csrf_token};
}

std::vector<std::string> token_headers(const std::string& admin_token) {
    return {"X-Shopify-Access-Token: " + admin_token};
}

}  // namespace station::testing
