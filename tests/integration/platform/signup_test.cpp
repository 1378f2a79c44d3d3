// Merchant signup, sessions and further stores over HTTP (POST /api/signup, /api/login, …).

#include <catch2/catch.hpp>

#include "platform/stores/store_operations.hpp"
#include "tests/integration/platform/platform_fixture.hpp"

using namespace station::testing;

namespace {

const std::string kHost(kPlatformHost);

std::string field_of(const HttpResult& r) {
    auto body = parse_object(r.body);
    return std::string(body["error"].as_object()["field"].as_string());
}

HttpResult signup_with(PlatformFixture& f, boost::json::object body) {
    return f.send("POST", kHost, "/api/signup", boost::json::serialize(body));
}

boost::json::object valid_signup(const std::string& handle) {
    return {{"email", handle + "@example.test"},
            {"password", "long enough password"},
            {"store_name", "Shop " + handle},
            {"handle", handle}};
}

}  // namespace

TEST_CASE("signup returns the merchant, the store, a token and a secret, and the store serves") {
    PlatformFixture f;
    Signup s = f.signup("northwind");
    auto store = s.reply["store"].as_object();
    CHECK(store["handle"] == "northwind");
    CHECK(store["name"] == "Store northwind");
    CHECK(store["domain"] == "northwind.station.test");
    CHECK(s.reply["merchant"].as_object()["email"] == "northwind@merchants.test");
    CHECK(s.admin_token.starts_with("stat_"));
    CHECK(s.api_secret.size() >= 32);
    CHECK_FALSE(s.reply["merchant"].as_object().contains("password_hash"));

    HttpResult home = f.get(s.host, "/");
    CHECK(home.status == 200);
    CHECK(home.body.find("Store northwind") != std::string::npos);

    HttpResult shop = f.get(s.host, "/admin/api/2024-10/shop.json", token_headers(s.admin_token));
    CHECK(shop.status == 200);
    CHECK(parse_object(shop.body)["shop"].as_object()["domain"] == "northwind.station.test");
}

TEST_CASE("the session cookie is HttpOnly and SameSite, and logs the merchant in") {
    PlatformFixture f;
    HttpResult r = signup_with(f, valid_signup("cookies"));
    REQUIRE(r.status == 201);
    std::string set_cookie = r.header("set-cookie");
    CHECK(set_cookie.find("HttpOnly") != std::string::npos);
    CHECK(set_cookie.find("SameSite=Lax") != std::string::npos);
    CHECK(set_cookie.find("Secure") == std::string::npos);  // plain HTTP here

    HttpResult me = f.get(kHost, "/api/me", {"Cookie: " + cookie_from(r, "station_session")});
    CHECK(me.status == 200);
    auto stores = parse_object(me.body)["stores"].as_array();
    REQUIRE(stores.size() == 1);
    CHECK(stores[0].as_object()["role"] == "owner");
}

TEST_CASE("the session cookie is Secure over HTTPS behind a trusted proxy, only then") {
    PlatformFixture trusting(
        [](station::config::StationConfig& c) { c.trust_forwarded_headers = true; });
    HttpResult r =
        trusting.send("POST", kHost, "/api/signup", boost::json::serialize(valid_signup("proxied")),
                      {"X-Forwarded-Proto: https"});
    REQUIRE(r.status == 201);
    CHECK(r.header("set-cookie").find("; Secure") != std::string::npos);

    PlatformFixture direct;
    HttpResult spoofed =
        direct.send("POST", kHost, "/api/signup", boost::json::serialize(valid_signup("direct")),
                    {"X-Forwarded-Proto: https"});
    REQUIRE(spoofed.status == 201);
    CHECK(spoofed.header("set-cookie").find("Secure") == std::string::npos);
}

TEST_CASE("invalid signups are 4xx errors naming the field, and write nothing") {
    PlatformFixture f;
    struct Case {
        const char* field;
        boost::json::value value;
        int status;
    };
    const Case cases[] = {
        {"email", "not-an-email", 422},
        {"email", 42, 422},
        {"password", "short", 422},
        {"handle", "ab", 422},
        {"handle", "Upper", 422},
        {"handle", "-dash", 422},
        {"handle", "double--dash", 422},
        {"handle", "admin", 422},
        {"handle", "www", 422},
        {"handle", boost::json::string(std::string(41, 'a')), 422},
        {"store_name", "", 422},
        {"store_name", boost::json::string(std::string(300, 'n')), 422},
        {"currency", "XXX", 422},
        {"locale", "english", 422},
    };
    for (const Case& c : cases) {
        boost::json::object body = valid_signup("valid-handle");
        body[c.field] = c.value;
        HttpResult r = signup_with(f, body);
        INFO(c.field << " " << boost::json::serialize(c.value) << " -> " << r.body);
        CHECK(r.status == c.status);
        CHECK(field_of(r) == c.field);
    }
    boost::json::object missing = valid_signup("valid-handle");
    missing.erase("password");
    HttpResult r = signup_with(f, missing);
    CHECK(r.status == 422);
    CHECK(field_of(r) == "password");

    CHECK(f.send("POST", kHost, "/api/signup", "{not json").status == 400);
    CHECK(f.send("POST", kHost, "/api/signup", "[]").status == 400);
    HttpResult form =
        f.client().send({.method = "POST",
                         .path = "/api/signup",
                         .host = kHost,
                         .body = "email=a%40b.c",
                         .headers = {"Content-Type: application/x-www-form-urlencoded"}});
    CHECK(form.status == 415);
    CHECK(f.send("POST", kHost, "/api/signup", std::string(70 * 1024, ' ')).status == 413);

    // Nothing was created by any of the refused requests.
    CHECK(f.get("valid-handle.station.test", "/").status == 404);
    CHECK(f.platform().operations().search({}).empty());
}

TEST_CASE("duplicate handles and emails are 409 conflicts") {
    PlatformFixture f;
    f.signup("taken", "first@example.test");
    HttpResult same_handle = signup_with(f, valid_signup("taken"));
    CHECK(same_handle.status == 409);
    CHECK(field_of(same_handle) == "handle");

    boost::json::object same_email = valid_signup("other");
    same_email["email"] = "FIRST@example.test";
    HttpResult dup = signup_with(f, same_email);
    CHECK(dup.status == 409);
    CHECK(field_of(dup) == "email");
    CHECK(f.get("other.station.test", "/").status == 404);
}

TEST_CASE("login, me and logout with a cookie session") {
    PlatformFixture f;
    f.signup("loginshop", "owner@example.test");
    HttpResult wrong = f.send("POST", kHost, "/api/login",
                              R"({"email":"owner@example.test","password":"wrong password!"})");
    CHECK(wrong.status == 401);
    HttpResult unknown = f.send("POST", kHost, "/api/login",
                                R"({"email":"nobody@example.test","password":"whatever12345"})");
    CHECK(unknown.status == 401);

    HttpResult login =
        f.send("POST", kHost, "/api/login",
               R"({"email":"Owner@Example.test","password":"correct horse battery"})");
    REQUIRE(login.status == 200);
    std::string cookie = "Cookie: " + cookie_from(login, "station_session");
    std::string csrf =
        "X-CSRF-Token: " + std::string(parse_object(login.body)["csrf_token"].as_string());
    CHECK(f.get(kHost, "/api/me", {cookie}).status == 200);

    CHECK(f.send("POST", kHost, "/api/logout", "", {cookie}).status == 403);  // no CSRF token
    HttpResult logout = f.send("POST", kHost, "/api/logout", "", {cookie, csrf});
    CHECK(logout.status == 204);
    CHECK(logout.header("set-cookie").find("Max-Age=0") != std::string::npos);
    CHECK(f.get(kHost, "/api/me", {cookie}).status == 401);
}

TEST_CASE("a merchant creates a second store, and writes need the CSRF token") {
    PlatformFixture f;
    Signup s = f.signup("first-store");
    std::string body =
        R"({"store_name":"Second","handle":"second-store","currency":"EUR","locale":"fr"})";
    HttpResult no_csrf =
        f.send("POST", kHost, "/api/stores", body, {"Cookie: " + s.session_cookie});
    CHECK(no_csrf.status == 403);
    CHECK(field_of(no_csrf) == "csrf");

    HttpResult created = f.send("POST", kHost, "/api/stores", body, merchant_headers(s));
    REQUIRE(created.status == 201);
    auto reply = parse_object(created.body);
    CHECK(reply["store"].as_object()["currency"] == "EUR");
    CHECK(std::string(reply["admin_token"].as_string()) != s.admin_token);
    CHECK(f.get("second-store.station.test", "/").status == 200);

    HttpResult me = f.get(kHost, "/api/me", {"Cookie: " + s.session_cookie});
    CHECK(parse_object(me.body)["stores"].as_array().size() == 2);
}

TEST_CASE("login and signup are rate-limited per client address") {
    PlatformFixture f([](station::config::StationConfig& c) {
        c.login_attempts_per_minute = 3;
        c.signups_per_hour = 6;  // bursts of one
    });
    for (int i = 0; i < 3; ++i) {
        CHECK(f.send("POST", kHost, "/api/login",
                     R"({"email":"x@example.test","password":"wrong password"})")
                  .status == 401);
    }
    HttpResult limited = f.send("POST", kHost, "/api/login",
                                R"({"email":"x@example.test","password":"wrong password"})");
    CHECK(limited.status == 429);
    f.clock().advance(std::chrono::seconds(20));  // one attempt leaks out every 20 s
    CHECK(f.send("POST", kHost, "/api/login",
                 R"({"email":"x@example.test","password":"wrong pw 123"})")
              .status == 401);

    CHECK(signup_with(f, valid_signup("rate-one")).status == 201);
    CHECK(signup_with(f, valid_signup("rate-two")).status == 429);
}
