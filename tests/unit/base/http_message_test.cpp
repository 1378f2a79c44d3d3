#include <catch2/catch.hpp>

#include "base/http/message.hpp"
#include "base/http/url.hpp"

using namespace station;

TEST_CASE("hosts are normalized for routing") {
    CHECK(http::normalize_host("Shop.Example.COM:8080") == "shop.example.com");
    CHECK(http::normalize_host("demo.localhost.") == "demo.localhost");
    CHECK(http::normalize_host("[::1]:8080") == "[::1]");
    CHECK(http::normalize_host("bad host") == "");
    CHECK(http::normalize_host("") == "");
}

TEST_CASE("cookies and query parameters are read from a request") {
    http::Request req;
    req.headers.add("Cookie", "a=1; station_session=abc ; other=\"q\"");
    req.query = "q=red+shirt&page=2&bad=%zz&x=%41";
    CHECK(req.cookie("station_session") == "abc");
    CHECK(req.cookie("other") == "q");
    CHECK_FALSE(req.cookie("missing"));
    CHECK(req.query_param("q") == "red shirt");
    CHECK(req.query_param("page") == "2");
    CHECK_FALSE(req.query_param("bad"));
    CHECK(req.query_param("x") == "A");
}

TEST_CASE("percent decoding rejects malformed escapes and NUL") {
    CHECK(http::percent_decode("/a%20b") == "/a b");
    CHECK_FALSE(http::percent_decode("%4"));
    CHECK_FALSE(http::percent_decode("%00"));
    CHECK(http::percent_encode("a b/ü") == "a%20b%2F%C3%BC");
}

TEST_CASE("cookies are set with their security attributes") {
    http::Response res;
    res.set_cookie("sid", "v", {.max_age = std::chrono::seconds(60), .secure = true});
    CHECK(res.headers.get("set-cookie") ==
          "sid=v; Path=/; Max-Age=60; HttpOnly; Secure; SameSite=Lax");
}
