// Platform operators: search stores, suspend/resume with a reason (audited), plans and quotas,
// soft deletion — over /platform/api and the `station tenant` service layer.

#include <catch2/catch.hpp>

#include "platform/control_plane/platform_db.hpp"
#include "platform/control_plane/store_repository.hpp"
#include "platform/stores/store_operations.hpp"
#include "tests/integration/platform/platform_fixture.hpp"

using namespace station::testing;

namespace {

const std::string kHost(kPlatformHost);

std::string store_path(const Signup& s, const std::string& suffix = "") {
    return "/platform/api/stores/" + std::to_string(s.store_id) + suffix;
}

}  // namespace

TEST_CASE("the platform admin API needs an admin session, not a merchant's") {
    PlatformFixture f;
    Signup s = f.signup("shop-a");
    CHECK(f.get(kHost, "/platform/api/stores").status == 401);
    CHECK(f.get(kHost, "/platform/api/stores", {"Cookie: " + s.session_cookie}).status == 401);
    CHECK(f.send("POST", kHost, "/platform/api/login",
                 R"({"email":"shop-a@merchants.test","password":"correct horse battery"})")
              .status == 401);
}

TEST_CASE("admins list and search stores with keyset pagination") {
    PlatformFixture f;
    f.signup("alpha-goods", "alice@example.test");
    f.signup("beta-goods", "bob@example.test");
    f.signup("gamma-tools", "carol@example.test");
    auto admin = f.admin_session();

    auto all = parse_object(f.get(kHost, "/platform/api/stores", admin).body)["stores"].as_array();
    CHECK(all.size() == 3);
    auto goods = parse_object(f.get(kHost, "/platform/api/stores?q=goods", admin).body)["stores"];
    CHECK(goods.as_array().size() == 2);
    auto by_owner =
        parse_object(f.get(kHost, "/platform/api/stores?q=carol", admin).body)["stores"];
    REQUIRE(by_owner.as_array().size() == 1);
    CHECK(by_owner.as_array()[0].as_object()["handle"] == "gamma-tools");

    auto page1 = parse_object(f.get(kHost, "/platform/api/stores?limit=2", admin).body);
    CHECK(page1["stores"].as_array().size() == 2);
    REQUIRE(page1.contains("next_after"));
    auto page2 = parse_object(f.get(kHost,
                                    "/platform/api/stores?limit=2&after=" +
                                        std::to_string(page1["next_after"].as_int64()),
                                    admin)
                                  .body);
    CHECK(page2["stores"].as_array().size() == 1);
    CHECK(f.get(kHost, "/platform/api/stores?status=bogus", admin).status == 400);
    CHECK(f.get(kHost, "/platform/api/stores?limit=0", admin).status == 400);
}

TEST_CASE("a suspended store answers 503 until resumed, and both are audited with the reason") {
    PlatformFixture f;
    Signup s = f.signup("suspendme");
    auto admin = f.admin_session();
    HttpResult no_reason = f.send("POST", kHost, store_path(s, "/suspend"), "{}", admin);
    CHECK(no_reason.status == 422);

    HttpResult suspended =
        f.send("POST", kHost, store_path(s, "/suspend"), R"({"reason":"chargeback fraud"})", admin);
    REQUIRE(suspended.status == 200);
    CHECK(parse_object(suspended.body)["store"].as_object()["status"] == "suspended");

    HttpResult page = f.get(s.host, "/");
    CHECK(page.status == 503);
    CHECK(page.body.find("Store unavailable") != std::string::npos);
    CHECK(f.get(s.host, "/admin/api/2024-10/shop.json", token_headers(s.admin_token)).status ==
          503);
    CHECK(f.send("POST", kHost, store_path(s, "/suspend"), R"({"reason":"again"})", admin).status ==
          409);

    CHECK(
        f.send("POST", kHost, store_path(s, "/resume"), R"({"reason":"cleared"})", admin).status ==
        200);
    CHECK(f.get(s.host, "/").status == 200);

    auto audit =
        parse_object(
            f.get(kHost, "/platform/api/audit?store_id=" + std::to_string(s.store_id), admin)
                .body)["audit"]
            .as_array();
    REQUIRE(audit.size() >= 3);
    auto resume = audit[0].as_object();
    auto suspend = audit[1].as_object();
    CHECK(resume["action"] == "store.resume");
    CHECK(suspend["action"] == "store.suspend");
    CHECK(suspend["detail"].as_object()["reason"] == "chargeback fraud");
    CHECK(std::string(suspend["actor"].as_string()).starts_with("admin:"));
}

TEST_CASE("writes of the admin API need the admin's CSRF token") {
    PlatformFixture f;
    Signup s = f.signup("csrfshop");
    auto admin = f.admin_session();
    HttpResult r = f.send("POST", kHost, store_path(s, "/suspend"), R"({"reason":"x"})",
                          {admin[0]});  // cookie only
    CHECK(r.status == 403);
    CHECK(f.get(s.host, "/").status == 200);
}

TEST_CASE("soft-deleted stores stop routing at once and are purged after the retention") {
    PlatformFixture f(
        [](station::config::StationConfig& c) { c.deleted_store_retention_days = 1; });
    Signup s = f.signup("doomed");
    Signup keep = f.signup("keeper");
    auto admin = f.admin_session();
    REQUIRE(f.send("DELETE", kHost, store_path(s), "", admin).status == 200);
    CHECK(f.get(s.host, "/").status == 404);
    auto store_dir = f.data_dir() / "data" / "tenants" / std::to_string(s.store_id);
    CHECK(std::filesystem::exists(store_dir));

    CHECK(f.platform().operations().purge_deleted(std::chrono::hours(24), "test") == 0);
    f.clock().advance(std::chrono::hours(25));
    CHECK(f.platform().operations().purge_deleted(std::chrono::hours(24), "test") == 1);
    CHECK_FALSE(std::filesystem::exists(store_dir));
    CHECK(f.get(keep.host, "/").status == 200);
    CHECK(f.get(kHost, store_path(s), admin).status == 404);
}

TEST_CASE("plans and quota overrides are validated and shown") {
    PlatformFixture f;
    Signup s = f.signup("planned");
    auto admin = f.admin_session();
    auto plans = parse_object(f.get(kHost, "/platform/api/plans", admin).body)["plans"].as_array();
    CHECK(plans.size() == 3);

    CHECK(f.send("PUT", kHost, store_path(s, "/plan"), R"({"plan":"platinum"})", admin).status ==
          422);
    CHECK(f.send("PUT", kHost, store_path(s, "/plan"),
                 R"({"plan":"growth","quotas":{"products":-1}})", admin)
              .status == 422);
    HttpResult set =
        f.send("PUT", kHost, store_path(s, "/plan"),
               R"({"plan":"growth","quotas":{"products":7,"requests_per_minute":90}})", admin);
    REQUIRE(set.status == 200);
    auto quotas = parse_object(set.body)["store"].as_object()["quotas"].as_object();
    CHECK(quotas["products"] == 7);
    CHECK(quotas["requests_per_minute"] == 90);
    CHECK(quotas["staff"] == 15);  // the growth plan's
}
