#include <fstream>

#include <catch2/catch.hpp>

#include "platform/config/station_config.hpp"
#include "tests/support/temp_dir.hpp"

using namespace station;
using config::load_config;

TEST_CASE("defaults serve a single node from ./var on :8080") {
    auto c = load_config({}, {});
    CHECK(c.listen == "0.0.0.0:8080");
    CHECK(c.data_dir == "./var");
    CHECK(c.platform_domain == "localhost");
    CHECK(c.redis_url.empty());
    CHECK_FALSE(c.dev);
}

TEST_CASE("flags beat STATION_ environment, which beats the config file") {
    testing::TempDir dir;
    auto file = dir / "station.conf";
    std::ofstream(file) << "# comment\nlisten = \"127.0.0.1:9000\"\ndata_dir = /srv/station\n"
                           "platform-domain = file.test\nthreads = 3\n";
    auto c = load_config({"--config", file.string(), "--listen", "127.0.0.1:9100", "--dev"},
                         {"STATION_LISTEN=127.0.0.1:9050", "STATION_PLATFORM_DOMAIN=env.test",
                          "STATION_DNS_SERVER=127.0.0.1:53,127.0.0.1:5353", "UNRELATED=1"});
    CHECK(c.listen == "127.0.0.1:9100");
    CHECK(c.platform_domain == "env.test");
    CHECK(c.data_dir == "/srv/station");
    CHECK(c.threads == 3);
    CHECK(c.dev);
    CHECK(c.dns_servers == std::vector<std::string>{"127.0.0.1:53", "127.0.0.1:5353"});

    auto from_env_file = load_config({}, {"STATION_CONFIG=" + file.string()});
    CHECK(from_env_file.listen == "127.0.0.1:9000");
}

TEST_CASE("configuration errors name where they are") {
    testing::TempDir dir;
    auto file = dir / "bad.conf";
    std::ofstream(file) << "listen = 1.2.3.4:5\n\nthreads = many\n";
    try {
        load_config({"--config=" + file.string()}, {});
        FAIL("expected an error");
    } catch (const config::ConfigError& e) {
        CHECK(std::string(e.what()) ==
              file.string() + ":3: expected a non-negative integer, got 'many'");
    }
    std::ofstream(dir / "unknown.conf") << "liste = x\n";
    CHECK_THROWS_WITH(load_config({"--config", (dir / "unknown.conf").string()}, {}),
                      Catch::Contains("unknown.conf:1: unknown setting 'liste'"));
    CHECK_THROWS_WITH(load_config({"--bogus"}, {}), "--bogus: unknown option");
    CHECK_THROWS_WITH(load_config({"--threads"}, {}), "--threads: expected a value");
    CHECK_THROWS_WITH(load_config({"--dev=maybe"}, {}), Catch::Contains("expected true or false"));
    CHECK_THROWS_WITH(load_config({"--durability", "sometimes"}, {}),
                      Catch::Contains("durability"));
    CHECK_THROWS_AS(load_config({"stray"}, {}), config::ConfigError);
    CHECK_FALSE(load_config({"--no-access-log"}, {}).access_log);
}
