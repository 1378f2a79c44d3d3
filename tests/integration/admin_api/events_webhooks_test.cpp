// The event log replays every change in order, and webhooks deliver it signed exactly as Shopify
// does, in order per subscription, with retries on a schedule and a disabled notice at the end.

#include <chrono>
#include <thread>

#include <catch2/catch.hpp>

#include "base/crypto/secrets.hpp"
#include "base/util/strings.hpp"
#include "tenant_runtime/webhooks/delivery_worker.hpp"
#include "tests/integration/admin_api/admin_api_support.hpp"

using namespace station::testing;
namespace json = boost::json;

namespace {

std::string header(const json::object& delivery, const std::string& name) {
    for (const auto& [k, v] : delivery.at("headers").as_object()) {
        std::string key(k);
        if (station::util::iequals(key, name)) return std::string(v.as_string());
    }
    return {};
}

json::object subscribe(PlatformFixture& f, const Signup& s, const std::string& topic,
                       const std::string& address) {
    return api(f, s, "POST", "/webhooks.json",
               R"({"webhook":{"topic":")" + topic + R"(","address":")" + address +
                   R"(","format":"json"}})",
               201)["webhook"]
        .as_object();
}

}  // namespace

TEST_CASE("events.json replays every write in order by cursor") {
    PlatformFixture f;
    Signup s = f.signup("events-shop");
    auto p = api(f, s, "POST", "/products.json", R"({"product":{"title":"A"}})", 201)["product"]
                 .as_object();
    std::string pid = std::to_string(p["id"].as_int64());
    api(f, s, "PUT", "/products/" + pid + ".json", R"({"product":{"title":"B"}})", 200);
    api(f, s, "POST", "/customers.json", R"({"customer":{"email":"e@x.test"}})", 201);
    api(f, s, "DELETE", "/products/" + pid + ".json", "", 200);
    auto events = api(f, s, "GET", "/events.json", "", 200)["events"].as_array();
    std::vector<std::string> topics;
    for (auto& e : events)
        topics.emplace_back(e.as_object().at("topic").as_string());
    CHECK(topics == std::vector<std::string>{"products/create", "products/update",
                                             "customers/create", "products/delete"});
    std::int64_t second = events[1].as_object().at("id").as_int64();
    auto after = api(f, s, "GET", "/events.json?after=" + std::to_string(second), "", 200)["events"]
                     .as_array();
    REQUIRE(after.size() == 2);
    CHECK(after[0].as_object().at("topic") == "customers/create");
    CHECK(events[1].as_object().at("payload").as_object().at("title") == "B");
    CHECK(events[3].as_object().at("payload").as_object().at("id").as_int64() ==
          p["id"].as_int64());
    CHECK(api(f, s, "GET", "/events/count.json?topic=products/create", "", 200)["count"] == 1);
    auto paged = f.get(s.host, kApi + "/events.json?limit=2", token_headers(s.admin_token));
    CHECK(paged.header("link").find("rel=\"next\"") != std::string::npos);
}

TEST_CASE("webhooks arrive signed with the store's secret, in order, with Shopify's headers") {
    PlatformFixture f;
    Signup s = f.signup("hooked-shop");
    WebhookReceiver receiver;
    auto created = subscribe(f, s, "products/create", receiver.url("/create"));
    subscribe(f, s, "products/update", receiver.url("/update"));
    CHECK(created["api_version"] == "2024-10");
    CHECK(api(f, s, "GET", "/webhooks/count.json", "", 200)["count"] == 2);
    auto p =
        api(f, s, "POST", "/products.json", R"({"product":{"title":"Hooked"}})", 201)["product"]
            .as_object();
    std::string pid = std::to_string(p["id"].as_int64());
    for (int i = 1; i <= 5; ++i) {
        api(f, s, "PUT", "/products/" + pid + ".json",
            R"({"product":{"title":"Hooked )" + std::to_string(i) + R"("}})", 200);
    }
    auto got = receiver.wait_for(6);
    REQUIRE(got.size() == 6);
    std::vector<std::string> update_titles;
    for (const auto& d : got) {
        std::string body(d.at("body").as_string());
        std::string expected =
            station::crypto::base64_encode(station::crypto::hmac_sha256(s.api_secret, body));
        CHECK(header(d, "X-Shopify-Hmac-Sha256") == expected);
        CHECK(header(d, "X-Shopify-Shop-Domain") == s.host);
        CHECK(header(d, "X-Shopify-API-Version") == "2024-10");
        CHECK(header(d, "X-Shopify-Webhook-Id").size() == 36);
        if (d.at("path") == "/update") {
            CHECK(header(d, "X-Shopify-Topic") == "products/update");
            update_titles.emplace_back(parse_object(body)["title"].as_string());
        } else {
            CHECK(header(d, "X-Shopify-Topic") == "products/create");
        }
    }
    CHECK(update_titles ==
          std::vector<std::string>{"Hooked 1", "Hooked 2", "Hooked 3", "Hooked 4", "Hooked 5"});
    auto log = api(f, s, "GET",
                   "/webhooks/" + std::to_string(created["id"].as_int64()) + "/deliveries.json", "",
                   200)["deliveries"]
                   .as_array();
    REQUIRE(log.size() == 1);
    CHECK(log[0].as_object().at("outcome") == "delivered");
    CHECK(log[0].as_object().at("response_status") == 200);
}

TEST_CASE(
    "failing deliveries retry on the schedule with a stable id, then disable the subscription") {
    PlatformFixture f(
        [](station::config::StationConfig& c) { c.webhook_retry_schedule = "60,120"; });
    Signup s = f.signup("failing-shop");
    WebhookReceiver failing(500);
    auto hook = subscribe(f, s, "customers/create", failing.url());
    std::string hid = std::to_string(hook["id"].as_int64());
    api(f, s, "POST", "/customers.json", R"({"customer":{"email":"one@x.test"}})", 201);
    auto attempts = [&] {
        return api(f, s, "GET", "/webhooks/" + hid + "/deliveries.json", "", 200)["deliveries"]
            .as_array();
    };
    auto wait_attempts = [&](std::size_t n) {
        auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(15);
        while (attempts().size() < n && std::chrono::steady_clock::now() < deadline)
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
        return attempts();
    };
    REQUIRE(wait_attempts(1).size() == 1);
    auto webhook = api(f, s, "GET", "/webhooks/" + hid + ".json", "", 200)["webhook"].as_object();
    CHECK(webhook["failed_attempts"] == 1);
    CHECK(webhook["next_attempt_at"].is_string());
    // Nothing happens before the retry time…
    f.clock().advance(std::chrono::seconds(59));
    f.platform().webhook_worker().wake();
    CHECK(failing.wait_for(2, 300).size() == 1);
    // …then the second and third (last) tries go out, with the same webhook id.
    f.clock().advance(std::chrono::seconds(1));
    f.platform().webhook_worker().wake();
    REQUIRE(wait_attempts(2).size() == 2);
    f.clock().advance(std::chrono::seconds(120));
    f.platform().webhook_worker().wake();
    auto all = wait_attempts(3);
    REQUIRE(all.size() == 3);
    CHECK(all[0].as_object().at("outcome") == "abandoned");
    CHECK(all[2].as_object().at("outcome") == "failed");
    CHECK(all[0].as_object().at("webhook_id") == all[2].as_object().at("webhook_id"));
    auto ids = failing.wait_for(3);
    REQUIRE(ids.size() == 3);
    CHECK(header(ids[0], "X-Shopify-Webhook-Id") == header(ids[2], "X-Shopify-Webhook-Id"));
    webhook = api(f, s, "GET", "/webhooks/" + hid + ".json", "", 200)["webhook"].as_object();
    CHECK(webhook["status"] == "disabled");
    CHECK(webhook["disabled_reason"].as_string().find("3 failed attempts") != std::string::npos);
    CHECK(api(f, s, "GET", "/events/count.json?topic=webhook_subscriptions/disabled", "",
              200)["count"] == 1);

    // Re-enabling (any update) resumes at the event that failed.
    WebhookReceiver healthy;
    api(f, s, "PUT", "/webhooks/" + hid + ".json",
        R"({"webhook":{"address":")" + healthy.url() + R"("}})", 200);
    api(f, s, "POST", "/customers.json", R"({"customer":{"email":"two@x.test"}})", 201);
    auto delivered = healthy.wait_for(2);
    REQUIRE(delivered.size() == 2);
    CHECK(parse_object(std::string(delivered[0].at("body").as_string()))["email"] == "one@x.test");
    CHECK(parse_object(std::string(delivered[1].at("body").as_string()))["email"] == "two@x.test");
}
