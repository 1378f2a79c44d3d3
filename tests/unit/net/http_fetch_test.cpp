#include "base/net/http_fetch.hpp"

#include <string>

#include <boost/json.hpp>
#include <catch2/catch.hpp>

#include "tests/support/child_process.hpp"
#include "tests/support/dnsmasq.hpp"
#include "tests/support/ports.hpp"
#include "tests/support/temp_dir.hpp"

using namespace station;
using namespace std::chrono_literals;

namespace {

// fetch_test_server.py on a free port of 127.0.0.1 and ::1, with dnsmasq naming it: hook.test and
// api.hook.test resolve to 127.0.0.1 and v6hook.test to ::1 (only through dnsmasq — the system
// resolver has never heard of them), meta.test to the cloud metadata address, private.test to two
// RFC 1918 addresses.
class FetchPeers {
public:
    FetchPeers()
        : http_port_(testing::free_tcp_port()),
          server_(testing::ChildProcess::spawn(
              {"python3", STATION_SOURCE_DIR "/tests/unit/net/fetch_test_server.py",
               std::to_string(http_port_)},
              log_to(dir_ / "server.log"))),
          dns_(records()) {
        if (!testing::wait_for_tcp_port(http_port_, 10000)) {
            throw std::runtime_error("fetch_test_server.py did not start:\n" + server_.log());
        }
    }

    int http_port() const { return http_port_; }
    net::ResolverOptions resolver_options() const {
        net::ResolverOptions options;
        options.nameservers = {dns_.nameserver()};
        return options;
    }
    std::string server_log() const { return server_.log(); }

private:
    static testing::SpawnOptions log_to(std::filesystem::path file) {
        testing::SpawnOptions options;
        options.log_file = std::move(file);
        return options;
    }

    static testing::DnsRecords records() {
        testing::DnsRecords records;
        records.hosts = {
            {"hook.test", {"127.0.0.1"}},
            {"v6hook.test", {"::1"}},
            {"api.hook.test", {"127.0.0.1"}},
            {"meta.test", {"169.254.169.254"}},
            {"private.test", {"10.1.2.3", "192.168.0.1"}},
        };
        return records;
    }

    testing::TempDir dir_;
    int http_port_;
    testing::ChildProcess server_;
    testing::Dnsmasq dns_;
};

net::FetchOptions dev_options(const FetchPeers& peers) {
    net::FetchOptions options;
    options.allow_private = true;
    options.connect_timeout = 2s;
    options.total_timeout = 5s;
    options.port_overrides = {{80, peers.http_port()}};
    return options;
}

net::FetchRequest get(std::string url) {
    net::FetchRequest request;
    request.url = std::move(url);
    return request;
}

// For INFO(): why a fetch that should have succeeded did not.
std::string failure_of(const net::FetchResult& result) {
    return result ? std::string() : result.error().message;
}

boost::json::object echo_of(const net::FetchResponse& response) {
    return boost::json::parse(response.body).as_object();
}

}  // namespace

TEST_CASE("a fetch resolves through the given resolver and pins the checked address") {
    FetchPeers peers;
    net::DnsResolver resolver(peers.resolver_options());
    net::HttpFetcher fetcher(resolver, dev_options(peers));

    auto response = fetcher.fetch(get("http://hook.test/echo?x=1"));
    INFO(failure_of(response));
    REQUIRE(response.has_value());
    CHECK(response->status == 200);
    CHECK(response->remote_address == "127.0.0.1");
    CHECK(response->url == "http://hook.test/echo?x=1");
    CHECK(response->headers.get("content-type") == "application/json");
    auto echo = echo_of(*response);
    CHECK(echo["method"] == "GET");
    CHECK(echo["path"] == "/echo?x=1");
    // The port override changes where we connect, not what the server is told.
    CHECK(echo["headers"].as_object()["host"] == "hook.test");
}

TEST_CASE("IPv6 destinations are pinned the same way") {
    FetchPeers peers;
    net::DnsResolver resolver(peers.resolver_options());
    net::HttpFetcher fetcher(resolver, dev_options(peers));

    auto named = fetcher.fetch(get("http://v6hook.test/echo"));
    INFO(failure_of(named));
    REQUIRE(named.has_value());
    CHECK(named->status == 200);
    CHECK(named->remote_address == "::1");
    CHECK(echo_of(*named)["headers"].as_object()["host"] == "v6hook.test");

    auto literal = fetcher.fetch(get("http://[::1]/echo"));
    INFO(failure_of(literal));
    REQUIRE(literal.has_value());
    CHECK(literal->status == 200);
    CHECK(literal->remote_address == "::1");
}

TEST_CASE("POST sends the body and custom headers, as webhooks need") {
    FetchPeers peers;
    net::DnsResolver resolver(peers.resolver_options());
    net::HttpFetcher fetcher(resolver, dev_options(peers));

    net::FetchRequest request;
    request.method = http::Method::Post;
    request.url = "http://hook.test/echo";
    request.headers.add("Content-Type", "application/json");
    request.headers.add("X-Station-Hmac-Sha256", "c2lnbmF0dXJl");
    request.headers.add("X-Empty", "");
    request.body = R"({"id":42})";
    auto response = fetcher.fetch(request);
    INFO(failure_of(response));
    REQUIRE(response.has_value());
    auto echo = echo_of(*response);
    CHECK(echo["method"] == "POST");
    CHECK(echo["body"] == R"({"id":42})");
    auto& headers = echo["headers"].as_object();
    CHECK(headers["content-type"] == "application/json");
    CHECK(headers["x-station-hmac-sha256"] == "c2lnbmF0dXJl");
    CHECK(headers["x-empty"] == "");
    CHECK(headers["user-agent"] == "Station");
    CHECK_FALSE(headers.contains("expect"));

    request.method = http::Method::Put;
    auto put = fetcher.fetch(request);
    INFO(failure_of(put));
    REQUIRE(put.has_value());
    CHECK(echo_of(*put)["method"] == "PUT");
    CHECK(echo_of(*put)["body"] == R"({"id":42})");
}

TEST_CASE("without dev mode, names resolving to private addresses are refused") {
    FetchPeers peers;
    net::DnsResolver resolver(peers.resolver_options());
    auto options = dev_options(peers);
    options.allow_private = false;
    net::HttpFetcher fetcher(resolver, options);

    auto loopback = fetcher.fetch(get("http://hook.test/echo"));
    REQUIRE_FALSE(loopback.has_value());
    CHECK(loopback.error().kind == net::FetchErrorKind::ForbiddenAddress);
    CHECK_THAT(loopback.error().message, Catch::Contains("127.0.0.1 (loopback)"));

    auto private_net = fetcher.fetch(get("http://private.test/"));
    REQUIRE_FALSE(private_net.has_value());
    CHECK(private_net.error().kind == net::FetchErrorKind::ForbiddenAddress);
    CHECK_THAT(private_net.error().message,
               Catch::Contains("10.1.2.3 (private), 192.168.0.1 (private)"));

    // Nothing reached the server.
    CHECK(peers.server_log().find("/echo") == std::string::npos);
}

TEST_CASE("address literals are judged after libcurl's own URL normalization") {
    FetchPeers peers;
    net::DnsResolver resolver(peers.resolver_options());
    auto options = dev_options(peers);
    options.allow_private = false;
    net::HttpFetcher production(resolver, options);
    net::HttpFetcher dev(resolver, dev_options(peers));

    for (std::string url : {"http://127.0.0.1/", "http://2130706433/", "http://0x7f.1/",
                            "http://127.1/", "http://[::1]/", "http://[::ffff:127.0.0.1]/",
                            "http://10.0.0.1/", "http://169.254.169.254/latest/meta-data/",
                            "http://0.0.0.0/", "https://[fd00:ec2::254]/"}) {
        INFO(url);
        auto result = production.fetch(get(url));
        REQUIRE_FALSE(result.has_value());
        CHECK(result.error().kind == net::FetchErrorKind::ForbiddenAddress);
    }
    // Dev mode opens loopback and private ranges, never the metadata service.
    for (std::string url : {"http://169.254.169.254/latest/meta-data/", "http://meta.test/",
                            "http://0.0.0.0/", "http://[fe80::1]/"}) {
        INFO(url);
        auto result = dev.fetch(get(url));
        REQUIRE_FALSE(result.has_value());
        CHECK(result.error().kind == net::FetchErrorKind::ForbiddenAddress);
    }
    auto literal = dev.fetch(get("http://2130706433/echo"));
    INFO(failure_of(literal));
    REQUIRE(literal.has_value());
    CHECK(literal->status == 200);
}

TEST_CASE("only absolute http and https URLs are fetched") {
    FetchPeers peers;
    net::DnsResolver resolver(peers.resolver_options());
    net::HttpFetcher fetcher(resolver, dev_options(peers));
    for (std::string url : {"file:///etc/passwd", "ftp://hook.test/", "gopher://hook.test/",
                            "dict://hook.test:11211/stat", "/relative/path", "not a url",
                            "http://[fe80::1%25lo]/", "http://hook.test/\r\nX-Injected: 1"}) {
        INFO(url);
        auto result = fetcher.fetch(get(url));
        REQUIRE_FALSE(result.has_value());
        CHECK(result.error().kind == net::FetchErrorKind::InvalidUrl);
    }
}

TEST_CASE("request headers that could smuggle or reframe a request are refused") {
    FetchPeers peers;
    net::DnsResolver resolver(peers.resolver_options());
    net::HttpFetcher fetcher(resolver, dev_options(peers));
    auto with_header = [&](const std::string& name, std::string value) {
        auto request = get("http://hook.test/echo");
        request.headers.add(name, std::move(value));
        return fetcher.fetch(request);
    };
    for (const auto& result :
         {with_header("X-Sig", "a\r\nX-Injected: 1"), with_header("X Bad", "1"),
          with_header("Host", "evil.example"), with_header("Content-Length", "0"),
          with_header("Transfer-Encoding", "chunked")}) {
        REQUIRE_FALSE(result.has_value());
        CHECK(result.error().kind == net::FetchErrorKind::InvalidRequest);
    }
    auto trace = get("http://hook.test/echo");
    trace.method = http::Method::Other;
    CHECK(fetcher.fetch(trace).error().kind == net::FetchErrorKind::InvalidRequest);
}

TEST_CASE("redirects are returned, not followed, by default") {
    FetchPeers peers;
    net::DnsResolver resolver(peers.resolver_options());
    net::HttpFetcher fetcher(resolver, dev_options(peers));
    auto response = fetcher.fetch(get("http://hook.test/redirect?to=/echo"));
    INFO(failure_of(response));
    REQUIRE(response.has_value());
    CHECK(response->status == 302);
    CHECK(response->headers.get("location") == "/echo");
}

TEST_CASE("followed redirects are checked again at every hop") {
    FetchPeers peers;
    net::DnsResolver resolver(peers.resolver_options());
    auto options = dev_options(peers);
    options.max_redirects = 3;
    net::HttpFetcher fetcher(resolver, options);

    auto followed = fetcher.fetch(get("http://hook.test/redirect?to=http://api.hook.test/echo"));
    INFO(failure_of(followed));
    REQUIRE(followed.has_value());
    CHECK(followed->status == 200);
    CHECK(followed->url == "http://api.hook.test/echo");
    CHECK(echo_of(*followed)["headers"].as_object()["host"] == "api.hook.test");

    net::FetchRequest post;
    post.method = http::Method::Post;
    post.body = "payload";
    post.url = "http://hook.test/redirect?to=/echo&code=302";
    auto after_302 = fetcher.fetch(post);
    INFO(failure_of(after_302));
    REQUIRE(after_302.has_value());
    CHECK(echo_of(*after_302)["method"] == "GET");
    CHECK(echo_of(*after_302)["body"] == "");
    post.url = "http://hook.test/redirect?to=/echo&code=307";
    auto after_307 = fetcher.fetch(post);
    INFO(failure_of(after_307));
    REQUIRE(after_307.has_value());
    CHECK(echo_of(*after_307)["method"] == "POST");
    CHECK(echo_of(*after_307)["body"] == "payload");

    auto to_metadata = fetcher.fetch(get("http://hook.test/redirect?to=http://meta.test/latest"));
    REQUIRE_FALSE(to_metadata.has_value());
    CHECK(to_metadata.error().kind == net::FetchErrorKind::ForbiddenAddress);
    CHECK_THAT(to_metadata.error().message, Catch::Contains("169.254.169.254 (link-local)"));

    auto to_file = fetcher.fetch(get("http://hook.test/redirect?to=file:///etc/passwd"));
    REQUIRE_FALSE(to_file.has_value());
    CHECK(to_file.error().kind == net::FetchErrorKind::InvalidUrl);
    CHECK_THAT(to_file.error().message, Catch::Contains("redirect"));

    auto loop = fetcher.fetch(get("http://hook.test/loop"));
    REQUIRE_FALSE(loop.has_value());
    CHECK(loop.error().kind == net::FetchErrorKind::TooManyRedirects);
}

TEST_CASE("responses past the size caps are aborted") {
    FetchPeers peers;
    net::DnsResolver resolver(peers.resolver_options());
    auto options = dev_options(peers);
    options.max_response_bytes = 1000;
    net::HttpFetcher fetcher(resolver, options);

    auto exact = fetcher.fetch(get("http://hook.test/big?n=1000"));
    INFO(failure_of(exact));
    REQUIRE(exact.has_value());
    CHECK(exact->body.size() == 1000);

    for (std::string url : {"http://hook.test/big?n=1001", "http://hook.test/chunked?n=5000",
                            "http://hook.test/many-headers"}) {
        INFO(url);
        auto result = fetcher.fetch(get(url));
        REQUIRE_FALSE(result.has_value());
        CHECK(result.error().kind == net::FetchErrorKind::ResponseTooLarge);
    }
    // A HEAD response announces a length but carries no body: nothing to cap.
    auto head = get("http://hook.test/big?n=5000");
    head.method = http::Method::Head;
    auto headers_only = fetcher.fetch(head);
    INFO(failure_of(headers_only));
    REQUIRE(headers_only.has_value());
    CHECK(headers_only->status == 200);
    CHECK(headers_only->headers.get("content-length") == "5000");
    CHECK(headers_only->body.empty());

    auto chunked_small = fetcher.fetch(get("http://hook.test/chunked?n=600"));
    INFO(failure_of(chunked_small));
    REQUIRE(chunked_small.has_value());
    CHECK(chunked_small->body == std::string(600, 'y'));
}

TEST_CASE("slow servers, closed ports and unknown names fail with their own kinds") {
    FetchPeers peers;
    net::DnsResolver resolver(peers.resolver_options());
    auto options = dev_options(peers);
    options.total_timeout = 500ms;
    net::HttpFetcher fetcher(resolver, options);

    auto slow = fetcher.fetch(get("http://hook.test/slow"));
    REQUIRE_FALSE(slow.has_value());
    CHECK(slow.error().kind == net::FetchErrorKind::Timeout);

    auto unknown = fetcher.fetch(get("http://nowhere.test/"));
    REQUIRE_FALSE(unknown.has_value());
    CHECK(unknown.error().kind == net::FetchErrorKind::DnsFailure);
    CHECK_THAT(unknown.error().message, Catch::Contains("nowhere.test"));

    options.port_overrides = {{80, testing::free_tcp_port()}};
    net::HttpFetcher closed(resolver, options);
    auto refused = closed.fetch(get("http://hook.test/"));
    REQUIRE_FALSE(refused.has_value());
    CHECK(refused.error().kind == net::FetchErrorKind::ConnectFailed);
}
