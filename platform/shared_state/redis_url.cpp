#include "platform/shared_state/redis_url.hpp"

#include <algorithm>
#include <charconv>
#include <stdexcept>

#include "base/http/url.hpp"
#include "base/util/strings.hpp"

namespace station::redis {
namespace {

constexpr std::string_view kTcpScheme = "redis://";
constexpr std::string_view kUnixScheme = "unix://";

[[noreturn]] void fail(const std::string& problem) {
    throw std::invalid_argument("redis URL: " + problem);
}

int parse_number(std::string_view text, int max, const std::string& what) {
    int value = 0;
    auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (text.empty() || error != std::errc() || end != text.data() + text.size() || value < 0 ||
        value > max) {
        fail(what + " must be a number from 0 to " + std::to_string(max) + ", got '" +
             std::string(text) + "'");
    }
    return value;
}

int parse_db(std::string_view text) {
    return parse_number(text, 1'000'000, "database");
}

std::string decode(std::string_view text, const std::string& what) {
    auto decoded = http::percent_decode(text);
    if (!decoded) fail("malformed percent-escape in the " + what);
    return *decoded;
}

void parse_userinfo(std::string_view userinfo, RedisEndpoint& endpoint) {
    auto colon = userinfo.find(':');
    if (colon == std::string_view::npos) {
        fail("credentials must be ':password@' or 'user:password@'");
    }
    endpoint.username = decode(userinfo.substr(0, colon), "user name");
    endpoint.password = decode(userinfo.substr(colon + 1), "password");
}

void parse_host_port(std::string_view authority, RedisEndpoint& endpoint) {
    std::string_view port;
    if (authority.starts_with('[')) {
        auto close = authority.find(']');
        if (close == std::string_view::npos) fail("unterminated '[' in the IPv6 host");
        endpoint.host = std::string(authority.substr(1, close - 1));
        std::string_view rest = authority.substr(close + 1);
        if (!rest.empty()) {
            if (!rest.starts_with(':')) fail("unexpected text after the IPv6 host");
            port = rest.substr(1);
            if (port.empty()) fail("empty port");
        }
    } else {
        auto colon = authority.find(':');
        endpoint.host = std::string(authority.substr(0, colon));
        if (colon != std::string_view::npos) {
            port = authority.substr(colon + 1);
            if (port.empty()) fail("empty port");
        }
    }
    if (endpoint.host.empty()) fail("missing host");
    if (!port.empty()) {
        endpoint.port = parse_number(port, 65535, "port");
        if (endpoint.port == 0) fail("port must be from 1 to 65535");
    }
}

RedisEndpoint parse_tcp(std::string_view rest) {
    RedisEndpoint endpoint;
    auto slash = rest.find('/');
    std::string_view authority = rest.substr(0, slash);
    std::string_view path = slash == std::string_view::npos ? "" : rest.substr(slash + 1);
    if (authority.find_first_of("?#") != std::string_view::npos ||
        path.find_first_of("?#/") != std::string_view::npos) {
        fail("expected redis://[[user]:password@]host[:port][/db]");
    }
    auto at = authority.rfind('@');
    if (at != std::string_view::npos) {
        parse_userinfo(authority.substr(0, at), endpoint);
        authority = authority.substr(at + 1);
    }
    parse_host_port(authority, endpoint);
    if (!path.empty()) endpoint.db = parse_db(path);
    return endpoint;
}

RedisEndpoint parse_unix(std::string_view rest) {
    RedisEndpoint endpoint;
    auto question = rest.find('?');
    std::string_view path = rest.substr(0, question);
    if (!path.starts_with('/')) fail("expected unix:///absolute/path/to/socket");
    if (path.size() == 1) fail("missing socket path");
    endpoint.unix_path = decode(path, "socket path");
    if (question == std::string_view::npos) return endpoint;
    for (std::string_view pair : util::split(rest.substr(question + 1), '&')) {
        auto equals = pair.find('=');
        std::string_view name = pair.substr(0, equals);
        std::string_view value = equals == std::string_view::npos ? "" : pair.substr(equals + 1);
        if (name == "db") {
            endpoint.db = parse_db(value);
        } else if (name == "password") {
            endpoint.password = decode(value, "password");
        } else {
            fail("unknown parameter '" + std::string(name) + "' (expected db or password)");
        }
    }
    return endpoint;
}

}  // namespace

std::string RedisEndpoint::describe() const {
    if (!unix_path.empty()) return "unix:" + unix_path;
    if (host.find(':') != std::string::npos) return "[" + host + "]:" + std::to_string(port);
    return host + ":" + std::to_string(port);
}

RedisEndpoint parse_redis_url(std::string_view url) {
    if (util::starts_with_icase(url, kTcpScheme)) return parse_tcp(url.substr(kTcpScheme.size()));
    if (util::starts_with_icase(url, kUnixScheme)) {
        return parse_unix(url.substr(kUnixScheme.size()));
    }
    if (util::starts_with_icase(url, "rediss://")) fail("TLS (rediss://) is not supported");
    auto scheme_end = url.find("://");
    if (scheme_end == std::string_view::npos) fail("expected a redis:// or unix:// URL");
    fail("unsupported scheme '" +
         std::string(url.substr(0, std::min<std::size_t>(scheme_end, 16))) +
         "' (expected redis:// or unix://)");
}

}  // namespace station::redis
