// Behaviour only the Redis backend has: connecting, logging in, key prefixes, script reloads,
// outages and recovery. Each test that disturbs a server starts its own.

#include <mutex>
#include <stdexcept>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "base/shared_state/shared_state.hpp"
#include "platform/shared_state/redis_connection.hpp"
#include "platform/shared_state/redis_shared_state.hpp"
#include "platform/shared_state/redis_url.hpp"
#include "tests/support/ports.hpp"
#include "tests/unit/shared_state/backends.hpp"
#include "tests/support/redis_server.hpp"

using namespace station;
using namespace std::chrono_literals;
using testing::eventually;
using testing::RedisServer;

namespace {

redis::RedisOptions quick_options(std::string prefix = "station:") {
    redis::RedisOptions options;
    options.key_prefix = std::move(prefix);
    options.connect_timeout = 500ms;
    options.command_timeout = 500ms;
    options.reconnect_initial_delay = 20ms;
    options.reconnect_max_delay = 200ms;
    return options;
}

// A plain connection for looking at what the backend stored.
std::unique_ptr<redis::RedisConnection> inspect(const std::string& url) {
    return redis::RedisConnection::open(redis::parse_redis_url(url), {1s, 1s});
}

}  // namespace

TEST_CASE("redis: the backend names itself") {
    util::ManualClock clock;
    auto state = redis::connect_redis(testing::shared_redis_server().url(), clock);
    CHECK(state->backend_name() == "redis");
}

TEST_CASE("redis: a bad URL or option is an invalid argument") {
    util::ManualClock clock;
    CHECK_THROWS_AS(redis::connect_redis("localhost:6379", clock), std::invalid_argument);
    CHECK_THROWS_WITH(redis::connect_redis("redis://host:99999", clock), Catch::Contains("port"));
    auto options = quick_options();
    options.max_connections = 0;
    CHECK_THROWS_AS(redis::connect_redis(testing::shared_redis_server().url(), clock, options),
                    std::invalid_argument);
}

TEST_CASE("redis: an unreachable server is a SharedStateError at connect time") {
    util::ManualClock clock;
    const int port = testing::free_tcp_port();  // nothing listens there
    CHECK_THROWS_AS(
        redis::connect_redis("redis://127.0.0.1:" + std::to_string(port), clock, quick_options()),
        shared::SharedStateError);
}

TEST_CASE("redis: keys and channels carry the prefix, so platforms sharing a server are apart") {
    util::ManualClock clock;
    const std::string url = testing::shared_redis_server().url();
    auto first = redis::connect_redis(url, clock, quick_options("platform-a:"));
    auto second = redis::connect_redis(url, clock, quick_options("platform-b:"));
    first->cache().set("k", "a", 1min);
    CHECK_FALSE(second->cache().get("k"));
    first->jobs().push("q", "job");
    CHECK(second->jobs().size("q") == 0);
    CHECK(inspect(url)->command({"GET", "platform-a:cache:k"}).view().text() == "a");
    CHECK(inspect(url)->command({"LLEN", "platform-a:jobs:q"}).view().integer() == 1);

    std::mutex mutex;
    std::vector<std::string> received;
    auto subscription = second->pubsub().subscribe("c", [&](std::string_view message) {
        std::lock_guard lock(mutex);
        received.emplace_back(message);
    });
    first->pubsub().publish("c", "not for b");
    second->pubsub().publish("c", "for b");
    REQUIRE(eventually([&] {
        std::lock_guard lock(mutex);
        return !received.empty();
    }));
    std::lock_guard lock(mutex);
    CHECK(received == std::vector<std::string>{"for b"});
}

TEST_CASE("redis: a rate-limit bucket's key expires once the bucket is empty") {
    util::ManualClock clock;
    const std::string url = testing::shared_redis_server().url();
    auto state = redis::connect_redis(url, clock, quick_options("expiry:"));
    state->rate_limiter().acquire("k", {10, 30ms}, 5);  // empty 150ms later
    auto pttl = inspect(url)->command({"PTTL", "expiry:rate:k"}).view().integer();
    CHECK(pttl > 0);
    CHECK(pttl <= 150);
    CHECK(eventually([&] {
        return inspect(url)->command({"EXISTS", "expiry:rate:k"}).view().integer() == 0;
    }));
}

TEST_CASE("redis: scripts are reloaded after the server forgets them") {
    util::ManualClock clock;
    const std::string url = testing::shared_redis_server().url();
    auto state = redis::connect_redis(url, clock, quick_options("flush:"));
    CHECK(state->rate_limiter().acquire("k", {5, 1s}).used == 1);
    auto token = state->locks().try_acquire("l", 1min);
    REQUIRE(token);
    REQUIRE(inspect(url)->command({"SCRIPT", "FLUSH"}).view().text() == "OK");
    CHECK(state->rate_limiter().acquire("k", {5, 1s}).used == 2);
    CHECK(state->locks().extend("l", *token, 1min));
    CHECK(state->locks().release("l", *token));
}

TEST_CASE("redis: password, user and database from the URL are used") {
    util::ManualClock clock;
    RedisServer server({"--requirepass", "pa ss"});
    const std::string host = "127.0.0.1:" + std::to_string(server.port());
    auto db2 = redis::connect_redis("redis://:pa%20ss@" + host + "/2", clock, quick_options());
    auto db3 =
        redis::connect_redis("redis://default:pa%20ss@" + host + "/3", clock, quick_options());
    db2->cache().set("k", "in db 2", 1min);
    CHECK(db2->cache().get("k") == "in db 2");
    CHECK_FALSE(db3->cache().get("k"));

    CHECK_THROWS_WITH(
        redis::connect_redis("redis://:not-the-password@" + host, clock, quick_options()),
        Catch::Contains("login refused") && !Catch::Contains("not-the-password"));
    CHECK_THROWS_AS(redis::connect_redis("redis://" + host, clock, quick_options()),
                    shared::SharedStateError);
}

TEST_CASE("redis: connects over a unix socket") {
    util::ManualClock clock;
    testing::TempDir socket_dir;
    const std::string socket = (socket_dir / "redis.sock").string();
    RedisServer server({"--unixsocket", socket, "--unixsocketperm", "700"});
    auto state = redis::connect_redis("unix://" + socket + "?db=1", clock, quick_options());
    state->jobs().push("q", "over the socket");
    CHECK(state->jobs().pop("q", 1s) == "over the socket");
}

TEST_CASE("redis: an outage throws SharedStateError, and commands and subscriptions recover") {
    util::ManualClock clock;
    RedisServer server;
    auto subscriber = redis::connect_redis(server.url(), clock, quick_options());
    auto publisher = redis::connect_redis(server.url(), clock, quick_options());
    std::mutex mutex;
    std::vector<std::string> received;
    auto subscription = subscriber->pubsub().subscribe("events", [&](std::string_view message) {
        std::lock_guard lock(mutex);
        received.emplace_back(message);
    });
    auto received_count = [&] {
        std::lock_guard lock(mutex);
        return received.size();
    };
    publisher->pubsub().publish("events", "before");
    REQUIRE(eventually([&] { return received_count() == 1; }));

    server.stop();
    CHECK_THROWS_AS(publisher->cache().get("k"), shared::SharedStateError);
    CHECK_THROWS_AS(publisher->rate_limiter().acquire("k", {5, 1s}), shared::SharedStateError);
    CHECK_THROWS_AS(publisher->pubsub().publish("events", "lost"), shared::SharedStateError);
    CHECK_THROWS_AS(subscriber->pubsub().subscribe("other", [](std::string_view) {}),
                    shared::SharedStateError);

    server.start();
    // Pooled connections heal on their next use; the first command after the restart succeeds.
    publisher->cache().set("k", "back", 1min);
    CHECK(publisher->cache().get("k") == "back");
    CHECK(publisher->rate_limiter().acquire("k", {5, 1s}).used == 1);  // script reloaded

    // The subscriber thread reconnects with backoff and resubscribes; until then messages are
    // lost, so keep publishing until one arrives.
    REQUIRE(eventually([&] {
        publisher->pubsub().publish("events", "after");
        return received_count() > 1;
    }));
    std::lock_guard lock(mutex);
    CHECK(received.front() == "before");
    CHECK(received.back() == "after");
}
