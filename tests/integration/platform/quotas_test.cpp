// Plan quotas are enforced: products, staff, storage bytes, requests per minute.

#include <catch2/catch.hpp>

#include "tests/integration/platform/platform_fixture.hpp"

using namespace station::testing;

namespace {

const std::string kHost(kPlatformHost);

void set_quotas(PlatformFixture& f, const std::vector<std::string>& admin, const Signup& s,
                const std::string& quotas_json) {
    HttpResult r =
        f.send("PUT", kHost, "/platform/api/stores/" + std::to_string(s.store_id) + "/plan",
               R"({"plan":"starter","quotas":)" + quotas_json + "}", admin);
    INFO(r.body);
    REQUIRE(r.status == 200);
}

HttpResult create_product(PlatformFixture& f, const Signup& s, const std::string& title) {
    auto headers = token_headers(s.admin_token);
    return f.send("POST", s.host, "/admin/api/2024-10/products.json",
                  R"({"product":{"title":")" + title + R"(","variants":[{"price":"10.00"}]}})",
                  headers);
}

}  // namespace

TEST_CASE("the product quota refuses the product over the limit with 422") {
    PlatformFixture f;
    Signup s = f.signup("few-products");
    set_quotas(f, f.admin_session(), s, R"({"products":2})");
    CHECK(create_product(f, s, "One").status == 201);
    CHECK(create_product(f, s, "Two").status == 201);
    HttpResult third = create_product(f, s, "Three");
    CHECK(third.status == 422);
    CHECK(third.body.find("plan limit reached") != std::string::npos);
    CHECK(f.get(s.host, "/admin/api/2024-10/products/count.json", token_headers(s.admin_token))
              .body == R"({"count":2})");
}

TEST_CASE("the storage quota refuses writes once the store's files exceed it") {
    PlatformFixture f;
    Signup s = f.signup("tiny-disk");
    set_quotas(f, f.admin_session(), s, R"({"storage_bytes":1024})");
    HttpResult r = create_product(f, s, "Anything");
    CHECK(r.status == 422);
    CHECK(r.body.find("storage quota exceeded") != std::string::npos);
}

TEST_CASE("the staff quota limits staff accounts, and staff may read but not change the store") {
    PlatformFixture f;
    Signup owner = f.signup("staffed");
    Signup helper = f.signup("helper-shop", "helper@example.test");
    set_quotas(f, f.admin_session(), owner, R"({"staff":1})");
    std::string staff_path = "/api/stores/" + std::to_string(owner.store_id) + "/staff";
    CHECK(f.send("POST", kHost, staff_path, R"({"email":"helper@example.test"})",
                 merchant_headers(owner))
              .status == 201);
    CHECK(f.send("POST", kHost, staff_path, R"({"email":"helper@example.test"})",
                 merchant_headers(owner))
              .status == 409);
    HttpResult over = f.send("POST", kHost, staff_path, R"({"email":"second@example.test"})",
                             merchant_headers(owner));
    CHECK(over.status == 422);
    CHECK(over.body.find("plan limit reached") != std::string::npos);

    std::string store_path = "/api/stores/" + std::to_string(owner.store_id);
    CHECK(f.get(kHost, store_path, {"Cookie: " + helper.session_cookie}).status == 200);
    CHECK(f.send("POST", kHost, store_path + "/domains", R"({"domain":"shop.example.test"})",
                 merchant_headers(helper))
              .status == 403);
    auto stores =
        parse_object(f.get(kHost, "/api/me", {"Cookie: " + helper.session_cookie}).body)["stores"]
            .as_array();
    CHECK(stores.size() == 2);
}

TEST_CASE("requests per minute are limited per store with 429 and Retry-After") {
    PlatformFixture f;
    Signup busy = f.signup("busy-store");
    Signup calm = f.signup("calm-store");
    set_quotas(f, f.admin_session(), busy, R"({"requests_per_minute":5})");
    for (int i = 0; i < 5; ++i)
        CHECK(f.get(busy.host, "/").status == 200);
    HttpResult limited = f.get(busy.host, "/");
    CHECK(limited.status == 429);
    CHECK(limited.header("retry-after") == "12");
    CHECK(f.get(calm.host, "/").status == 200);  // other stores are unaffected
    f.clock().advance(std::chrono::seconds(12));
    CHECK(f.get(busy.host, "/").status == 200);
}
