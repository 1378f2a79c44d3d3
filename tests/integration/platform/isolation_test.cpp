// The isolation matrix: a token or session of store A never reaches store B. Every Admin API
// route of B (taken from the route table, so new routes are covered automatically) and every
// merchant route of B answers 401, 403 or 404 to A's credentials, and B's data is unchanged.

#include <catch2/catch.hpp>

#include "tenant_runtime/admin_api/admin_api.hpp"
#include "tests/integration/platform/platform_fixture.hpp"

using namespace station::testing;

namespace {

const std::string kHost(kPlatformHost);

std::string verb_of(station::http::Method m) {
    return std::string(station::http::method_name(m));
}

// A concrete path for a route pattern, with every id placeholder replaced by `id`.
std::string admin_path(const station::tenant::AdminRoute& route, std::int64_t id) {
    std::string path = "/admin/api/2024-10";
    for (const auto& segment : route.pattern)
        path += "/" + (segment == "*" ? std::to_string(id) : segment);
    return path + ".json";
}

bool refused(int status) {
    return status == 401 || status == 403 || status == 404;
}

}  // namespace

TEST_CASE("store A's Admin API token gets 401/403/404 on every Admin API route of store B") {
    PlatformFixture f;
    Signup a = f.signup("store-a");
    Signup b = f.signup("store-b");
    HttpResult created = f.send("POST", b.host, "/admin/api/2024-10/products.json",
                                R"({"product":{"title":"B only"}})", token_headers(b.admin_token));
    REQUIRE(created.status == 201);
    std::int64_t b_product = parse_object(created.body)["product"].as_object()["id"].as_int64();

    const auto& routes = f.platform().admin_api().routes();
    REQUIRE(routes.size() >= 4);
    for (const auto& route : routes) {
        std::string path = admin_path(route, b_product);
        std::string body =
            route.method == station::http::Method::Get ? "" : R"({"product":{"title":"x"}})";
        for (const std::string& header :
             {std::string("X-Shopify-Access-Token: "), std::string("X-Station-Access-Token: ")}) {
            // On B's own host with A's token…
            HttpResult on_b =
                f.send(verb_of(route.method), b.host, path, body, {header + a.admin_token});
            INFO(verb_of(route.method) << " " << path << " -> " << on_b.status << " " << on_b.body);
            CHECK(refused(on_b.status));
            // …and with A's session cookie instead of a token.
            HttpResult session =
                f.send(verb_of(route.method), b.host, path, body, merchant_headers(a));
            CHECK(refused(session.status));
        }
    }
    // B still has exactly its one product.
    CHECK(f.get(b.host, "/admin/api/2024-10/products/count.json", token_headers(b.admin_token))
              .body == R"({"count":1})");
    // On the platform host a token names its own store: A's token reads A, never B.
    HttpResult via_platform =
        f.get(kHost, "/admin/api/2024-10/products/" + std::to_string(b_product) + ".json",
              token_headers(a.admin_token));
    CHECK(via_platform.status == 404);
}

TEST_CASE("store A's merchant session gets 404 on every merchant route of store B") {
    PlatformFixture f;
    Signup a = f.signup("owner-a");
    Signup b = f.signup("owner-b");
    std::string base = "/api/stores/" + std::to_string(b.store_id);
    struct Route {
        const char* method;
        std::string path;
        const char* body;
    };
    const Route routes[] = {
        {"GET", base, ""},
        {"GET", base + "/domains", ""},
        {"POST", base + "/domains", R"({"domain":"hijack.example.test"})"},
        {"POST", base + "/domains/owner-b.station.test/verify", "{}"},
        {"POST", base + "/domains/owner-b.station.test/primary", "{}"},
        {"DELETE", base + "/domains/owner-b.station.test", ""},
        {"GET", base + "/staff", ""},
        {"POST", base + "/staff", R"({"email":"intruder@example.test"})"},
        {"DELETE", base + "/staff/owner-b%40merchants.test", ""},
        {"GET", base + "/tokens", ""},
        {"POST", base + "/tokens", R"({"label":"steal","scopes":["read_products"]})"},
        {"DELETE", base + "/tokens/1", ""},
    };
    for (const Route& r : routes) {
        HttpResult result = f.send(r.method, kHost, r.path, r.body, merchant_headers(a));
        INFO(r.method << " " << r.path << " -> " << result.body);
        CHECK(result.status == 404);
        // B's Admin API token is not a platform session either.
        HttpResult with_token =
            f.send(r.method, kHost, r.path, r.body, token_headers(b.admin_token));
        CHECK(with_token.status == 401);
    }
    auto tokens =
        parse_object(f.get(kHost, base + "/tokens", {"Cookie: " + b.session_cookie}).body);
    CHECK(tokens["tokens"].as_array().size() == 1);
}

TEST_CASE("a token's scopes are enforced per route") {
    PlatformFixture f;
    Signup s = f.signup("scoped");
    HttpResult issued =
        f.send("POST", kHost, "/api/stores/" + std::to_string(s.store_id) + "/tokens",
               R"({"label":"reader","scopes":["read_products"]})", merchant_headers(s));
    REQUIRE(issued.status == 201);
    std::string reader(parse_object(issued.body)["token"].as_object()["access_token"].as_string());
    CHECK(f.get(s.host, "/admin/api/2024-10/products.json", token_headers(reader)).status == 200);
    HttpResult write = f.send("POST", s.host, "/admin/api/2024-10/products.json",
                              R"({"product":{"title":"nope"}})", token_headers(reader));
    CHECK(write.status == 403);
    CHECK(write.body.find("write_products") != std::string::npos);

    HttpResult bad_scope =
        f.send("POST", kHost, "/api/stores/" + std::to_string(s.store_id) + "/tokens",
               R"({"label":"x","scopes":["root_access"]})", merchant_headers(s));
    CHECK(bad_scope.status == 422);
}
