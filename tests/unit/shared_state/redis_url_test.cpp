#include "platform/shared_state/redis_url.hpp"

#include <stdexcept>
#include <string>

#include <catch2/catch.hpp>

using namespace station;
using redis::parse_redis_url;

TEST_CASE("redis URL: host, port and database") {
    auto plain = parse_redis_url("redis://cache.internal");
    CHECK(plain.host == "cache.internal");
    CHECK(plain.port == 6379);
    CHECK(plain.db == 0);
    CHECK(plain.password.empty());
    CHECK(plain.unix_path.empty());

    auto full = parse_redis_url("redis://10.0.0.5:7000/3");
    CHECK(full.host == "10.0.0.5");
    CHECK(full.port == 7000);
    CHECK(full.db == 3);
    CHECK(full.describe() == "10.0.0.5:7000");

    CHECK(parse_redis_url("redis://h:1/").db == 0);
    CHECK(parse_redis_url("REDIS://h:1").host == "h");

    auto ipv6 = parse_redis_url("redis://[::1]:6380/1");
    CHECK(ipv6.host == "::1");
    CHECK(ipv6.port == 6380);
    CHECK(ipv6.describe() == "[::1]:6380");
}

TEST_CASE("redis URL: credentials are percent-decoded and never described") {
    auto password_only = parse_redis_url("redis://:s3cr%40t@redis:6379/2");
    CHECK(password_only.username.empty());
    CHECK(password_only.password == "s3cr@t");
    CHECK(password_only.db == 2);
    CHECK(password_only.describe() == "redis:6379");

    auto with_user = parse_redis_url("redis://station:p%3Aw@redis");
    CHECK(with_user.username == "station");
    CHECK(with_user.password == "p:w");
    CHECK(with_user.host == "redis");
}

TEST_CASE("redis URL: unix sockets") {
    auto socket = parse_redis_url("unix:///run/redis/redis.sock");
    CHECK(socket.unix_path == "/run/redis/redis.sock");
    CHECK(socket.host.empty());
    CHECK(socket.db == 0);
    CHECK(socket.describe() == "unix:/run/redis/redis.sock");

    auto with_db = parse_redis_url("unix:///tmp/r.sock?db=5&password=pw");
    CHECK(with_db.unix_path == "/tmp/r.sock");
    CHECK(with_db.db == 5);
    CHECK(with_db.password == "pw");
}

TEST_CASE("redis URL: malformed URLs name their problem") {
    const std::pair<const char*, const char*> cases[] = {
        {"", "redis:// or unix://"},
        {"localhost:6379", "redis:// or unix://"},
        {"http://localhost", "unsupported scheme 'http'"},
        {"rediss://host", "TLS"},
        {"redis://", "missing host"},
        {"redis://:6379", "missing host"},
        {"redis://host:", "empty port"},
        {"redis://host:abc", "port"},
        {"redis://host:70000", "port"},
        {"redis://host:0", "port"},
        {"redis://host/db1", "database"},
        {"redis://host/-1", "database"},
        {"redis://host/1/2", "expected redis://"},
        {"redis://host?db=1", "expected redis://"},
        {"redis://secret@host", "credentials"},
        {"redis://:bad%zz@host", "percent-escape"},
        {"redis://[::1", "IPv6"},
        {"unix://relative.sock", "absolute"},
        {"unix:///", "missing socket path"},
        {"unix:///tmp/r.sock?db=x", "database"},
        {"unix:///tmp/r.sock?timeout=1", "unknown parameter 'timeout'"},
    };
    for (const auto& [url, problem] : cases) {
        INFO(url);
        try {
            parse_redis_url(url);
            FAIL("accepted");
        } catch (const std::invalid_argument& error) {
            CHECK_THAT(error.what(), Catch::Contains(problem));
            CHECK_THAT(error.what(), !Catch::Contains("secret"));
        }
    }
}
