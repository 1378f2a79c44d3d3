// Every error path of the Admin API answers with Shopify's status and {"errors": …} shape.

#include <chrono>
#include <thread>

#include <catch2/catch.hpp>

#include "tenant_runtime/import_export/import_jobs.hpp"
#include "tests/integration/admin_api/admin_api_support.hpp"

using namespace station::testing;

namespace {

bool has_errors(const HttpResult& r) {
    return parse_object(r.body).contains("errors");
}

}  // namespace

TEST_CASE("400 for malformed bodies, missing roots and bad query parameters") {
    PlatformFixture f;
    Signup s = f.signup("errors-400");
    auto t = token_headers(s.admin_token);
    HttpResult malformed = f.send("POST", s.host, kApi + "/products.json", "{nope", t);
    CHECK(malformed.status == 400);
    CHECK(has_errors(malformed));
    HttpResult no_root = f.send("POST", s.host, kApi + "/products.json", R"({"title":"x"})", t);
    CHECK(no_root.status == 400);
    CHECK(parse_object(no_root.body)["errors"].as_object().at("product") ==
          "Required parameter missing or invalid");
    CHECK(f.get(s.host, kApi + "/products.json?since_id=abc", t).status == 400);
    CHECK(f.get(s.host, kApi + "/products.json?updated_at_min=yesterday", t).status == 400);
    CHECK(f.get(s.host, kApi + "/products.json?status=sold", t).status == 400);
    CHECK(f.get(s.host, kApi + "/inventory_items.json", t).status == 400);
}

TEST_CASE("401 without a valid token, with Shopify's message") {
    PlatformFixture f;
    Signup s = f.signup("errors-401");
    HttpResult none = f.get(s.host, kApi + "/products.json");
    CHECK(none.status == 401);
    CHECK(none.body.find("Invalid API key or access token") != std::string::npos);
    CHECK(f.get(s.host, kApi + "/shop.json", token_headers("shpat_wrong")).status == 401);
}

TEST_CASE("403 when the token lacks the route's scope") {
    PlatformFixture f;
    Signup s = f.signup("errors-403");
    HttpResult issued = f.send(
        "POST", std::string(kPlatformHost), "/api/stores/" + std::to_string(s.store_id) + "/tokens",
        R"({"label":"catalog","scopes":["read_products"]})", merchant_headers(s));
    REQUIRE(issued.status == 201);
    std::string reader(parse_object(issued.body)["token"].as_object()["access_token"].as_string());
    auto t = token_headers(reader);
    CHECK(f.get(s.host, kApi + "/products.json", t).status == 200);
    HttpResult customers = f.get(s.host, kApi + "/customers.json", t);
    CHECK(customers.status == 403);
    CHECK(customers.body.find("read_customers") != std::string::npos);
    CHECK(f.send("POST", s.host, kApi + "/inventory_levels/set.json", "{}", t).status == 403);
    CHECK(f.get(s.host, kApi + "/locations.json", t).status == 403);
}

TEST_CASE("404 for unknown resources, ids and versions; 405 for a wrong method") {
    PlatformFixture f;
    Signup s = f.signup("errors-404");
    auto t = token_headers(s.admin_token);
    HttpResult missing = f.get(s.host, kApi + "/products/12345.json", t);
    CHECK(missing.status == 404);
    CHECK(missing.body == R"({"errors":"Not Found"})");
    CHECK(f.get(s.host, kApi + "/gadgets.json", t).status == 404);
    CHECK(f.get(s.host, "/admin/api/2024-1/products.json", t).status == 404);
    CHECK(f.get(s.host, kApi + "/customers/77.json", t).status == 404);
    CHECK(f.get(s.host, kApi + "/custom_collections/77.json", t).status == 404);
    CHECK(f.get(s.host, kApi + "/webhooks/77/deliveries.json", t).status == 404);
    CHECK(f.send("PATCH", s.host, kApi + "/products.json", "{}", t).status == 405);
}

TEST_CASE("406 for formats other than .json (and .csv where offered)") {
    PlatformFixture f;
    Signup s = f.signup("errors-406");
    auto t = token_headers(s.admin_token);
    CHECK(f.get(s.host, kApi + "/products.xml", t).status == 406);
    CHECK(f.get(s.host, kApi + "/products", t).status == 406);
    CHECK(f.get(s.host, kApi + "/products/export.json", t).status == 406);
    HttpResult csv = f.get(s.host, kApi + "/products/export.csv", t);
    CHECK(csv.status == 200);
    CHECK(csv.header("content-type").starts_with("text/csv"));
}

TEST_CASE("422 for invalid fields, with Shopify's field → messages shape") {
    PlatformFixture f;
    Signup s = f.signup("errors-422");
    auto blank = api(f, s, "POST", "/products.json", R"({"product":{"title":""}})", 422);
    CHECK(blank["errors"].as_object().at("title").as_array()[0] == "can't be blank");
    api(f, s, "POST", "/products.json", R"({"product":{"title":"A","handle":"same"}})", 201);
    auto taken =
        api(f, s, "POST", "/products.json", R"({"product":{"title":"B","handle":"same"}})", 422);
    CHECK(taken["errors"].as_object().at("handle").as_array()[0] == "has already been taken");
    api(f, s, "POST", "/products.json", R"({"product":{"title":"C","options":["a","b","c","d"]}})",
        422);
    api(f, s, "POST", "/products.json", R"({"product":{"title":"C","variants":[{"price":"-1"}]}})",
        422);
    api(f, s, "POST", "/customers.json", R"({"customer":{"email":"dup@example.test"}})", 201);
    auto dup =
        api(f, s, "POST", "/customers.json", R"({"customer":{"email":"DUP@example.test"}})", 422);
    CHECK(dup["errors"].as_object().at("email").as_array()[0] == "has already been taken");
    api(f, s, "POST", "/webhooks.json",
        R"({"webhook":{"topic":"products/explode","address":"https://example.com/h"}})", 422);
}

TEST_CASE("a non-dev platform refuses webhook addresses on loopback or private ranges") {
    PlatformFixture f([](station::config::StationConfig& c) { c.dev = false; });
    Signup s = f.signup("errors-ssrf");
    for (const char* address :
         {"https://127.0.0.1/hook", "https://10.1.2.3/hook", "https://169.254.169.254/latest",
          "http://93.184.215.14/hook", "https://[::1]/hook"}) {
        auto r = api(
            f, s, "POST", "/webhooks.json",
            std::string(R"({"webhook":{"topic":"products/create","address":")") + address + "\"}}",
            422);
        INFO(address);
        CHECK(r["errors"].as_object().contains("address"));
    }
}

TEST_CASE("429 with Retry-After once the token's leaky bucket is full") {
    PlatformFixture f;
    Signup s = f.signup("errors-429");
    auto t = token_headers(s.admin_token);
    for (int i = 0; i < 40; ++i) {
        HttpResult ok = f.get(s.host, kApi + "/shop.json", t);
        REQUIRE(ok.status == 200);
        CHECK(ok.header("x-shopify-shop-api-call-limit") == std::to_string(i + 1) + "/40");
    }
    HttpResult limited = f.get(s.host, kApi + "/products.json", t);
    CHECK(limited.status == 429);
    CHECK(limited.header("retry-after") == "0.5");
    CHECK(has_errors(limited));
    f.clock().advance(std::chrono::seconds(1));
    CHECK(f.get(s.host, kApi + "/products.json", t).status == 200);
}

TEST_CASE("plan quotas: 422 for the product over the limit, also through CSV import") {
    PlatformFixture f;
    Signup s = f.signup("errors-quota");
    HttpResult plan = f.send("PUT", std::string(kPlatformHost),
                             "/platform/api/stores/" + std::to_string(s.store_id) + "/plan",
                             R"({"plan":"starter","quotas":{"products":1}})", f.admin_session());
    REQUIRE(plan.status == 200);
    api(f, s, "POST", "/products.json", R"({"product":{"title":"One"}})", 201);
    auto over = api(f, s, "POST", "/products.json", R"({"product":{"title":"Two"}})", 422);
    CHECK(
        over["errors"].as_object().at("base").as_array()[0].as_string().starts_with("plan limit"));
    auto job = api(f, s, "POST", "/products/imports.json",
                   R"({"import":{"csv":"Handle,Title\nx,X\ny,Y\n"}})", 202)["import"]
                   .as_object();
    f.platform().import_jobs().run_pending();
    std::string id = std::to_string(job["id"].as_int64());
    boost::json::object done;
    for (int i = 0; i < 500; ++i) {
        done = api(f, s, "GET", "/products/imports/" + id + ".json", "", 200)["import"].as_object();
        if (done["status"] == "completed" || done["status"] == "failed") break;
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    CHECK(done["status"] == "failed");
    CHECK(api(f, s, "GET", "/products/count.json", "", 200)["count"] == 1);
}
