// SIGKILL between the commit of a change and the delivery of its webhook loses nothing: the real
// `station` binary is killed while the receiver is not listening yet, restarted, and the
// receiver then gets every event exactly as the event log has it, in order.

#include <chrono>
#include <thread>

#include <catch2/catch.hpp>
#include <signal.h>

#include "base/crypto/secrets.hpp"
#include "base/util/strings.hpp"
#include "tests/integration/admin_api/admin_api_support.hpp"
#include "tests/support/ports.hpp"

using namespace station::testing;
namespace json = boost::json;

namespace {

const std::string kDomain = "station.test";

class StationProcess {
public:
    StationProcess(const std::filesystem::path& data_dir, int port,
                   const std::filesystem::path& log)
        : process_(ChildProcess::spawn(
              {STATION_BINARY_DIR "/platform/cli/station", "serve", "--listen",
               "127.0.0.1:" + std::to_string(port), "--data-dir", data_dir.string(),
               "--platform-domain", kDomain, "--dev", "--password-cost", "minimum",
               "--webhook-retry-schedule", "1,1,1,1,1,1,1,1,1,1"},
              options(log))) {
        if (!wait_for_tcp_port(port, 20000)) {
            throw std::runtime_error("station did not start:\n" + process_.log());
        }
    }
    ChildProcess& process() { return process_; }

private:
    static SpawnOptions options(const std::filesystem::path& log) {
        SpawnOptions o;
        o.log_file = log;
        return o;
    }
    ChildProcess process_;
};

HttpResult call(const HttpClient& client, const std::string& method, const std::string& host,
                const std::string& path, const std::string& body, const std::string& token) {
    HttpCall c;
    c.method = method;
    c.host = host;
    c.path = path;
    c.body = body;
    if (!token.empty()) c.headers.push_back("X-Shopify-Access-Token: " + token);
    if (!body.empty()) c.headers.push_back("Content-Type: application/json");
    return client.send(c);
}

}  // namespace

TEST_CASE("webhooks committed before a SIGKILL are delivered after the restart, in log order") {
    TempDir dir;
    int port = free_tcp_port();
    int receiver_port = free_tcp_port();
    HttpClient client("127.0.0.1", port);
    std::string host, token, secret;
    std::vector<std::string> expected_bodies;
    {
        StationProcess station(dir / "data", port, dir / "station-1.log");
        HttpResult signup =
            call(client, "POST", kDomain, "/api/signup",
                 R"({"email":"crash@merchants.test","password":"correct horse battery",)"
                 R"("store_name":"Crash","handle":"crash"})",
                 "");
        REQUIRE(signup.status == 201);
        auto reply = parse_object(signup.body);
        token = std::string(reply["admin_token"].as_string());
        secret = std::string(reply["api_secret"].as_string());
        host = "crash." + kDomain;
        std::string address = "http://127.0.0.1:" + std::to_string(receiver_port) + "/hooks";
        for (const char* topic : {"products/create", "products/update"}) {
            HttpResult hook = call(client, "POST", host, "/admin/api/2024-10/webhooks.json",
                                   R"({"webhook":{"topic":")" + std::string(topic) +
                                       R"(","address":")" + address + R"("}})",
                                   token);
            REQUIRE(hook.status == 201);
        }
        // The receiver is not listening yet: every delivery attempt fails until the restart.
        HttpResult created = call(client, "POST", host, "/admin/api/2024-10/products.json",
                                  R"({"product":{"title":"Survivor"}})", token);
        REQUIRE(created.status == 201);
        std::string pid =
            std::to_string(parse_object(created.body)["product"].as_object()["id"].as_int64());
        for (int i = 1; i <= 3; ++i) {
            REQUIRE(call(client, "PUT", host, "/admin/api/2024-10/products/" + pid + ".json",
                         R"({"product":{"title":"Survivor )" + std::to_string(i) + R"("}})", token)
                        .status == 200);
        }
        HttpResult events = call(client, "GET", host, "/admin/api/2024-10/events.json", "", token);
        json::object log = parse_object(events.body);
        for (auto& e : log["events"].as_array())
            expected_bodies.push_back(json::serialize(e.as_object().at("payload")));
        REQUIRE(expected_bodies.size() == 4);
        station.process().signal(SIGKILL);
        REQUIRE(station.process().wait(10000) == 128 + SIGKILL);
    }
    WebhookReceiver receiver(200, receiver_port);
    StationProcess restarted(dir / "data", port, dir / "station-2.log");
    auto got = receiver.wait_for(4, 30000);
    INFO(restarted.process().log());
    REQUIRE(got.size() == 4);
    // Per subscription, in log order; byte-identical to the log; signed with the store's secret.
    std::vector<std::string> creates, updates;
    for (const auto& d : got) {
        std::string body(d.at("body").as_string());
        const auto& headers = d.at("headers").as_object();
        std::string topic, hmac;
        for (const auto& [k, v] : headers) {
            if (station::util::iequals(k, "X-Shopify-Topic")) topic = std::string(v.as_string());
            if (station::util::iequals(k, "X-Shopify-Hmac-Sha256"))
                hmac = std::string(v.as_string());
        }
        CHECK(hmac == station::crypto::base64_encode(station::crypto::hmac_sha256(secret, body)));
        (topic == "products/create" ? creates : updates)
            .push_back(json::serialize(json::parse(body)));
    }
    CHECK(creates == std::vector<std::string>{expected_bodies[0]});
    CHECK(updates ==
          std::vector<std::string>{expected_bodies[1], expected_bodies[2], expected_bodies[3]});
    restarted.process().stop();
}
