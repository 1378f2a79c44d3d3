#include "base/http/json_input.hpp"

#include <catch2/catch.hpp>

#include "base/http/request_error.hpp"

using namespace station;

namespace {

int status_of(auto&& fn) {
    try {
        fn();
    } catch (const http::RequestError& e) {
        return e.status();
    }
    return 0;
}

std::string field_of(auto&& fn) {
    try {
        fn();
    } catch (const http::RequestError& e) {
        return e.field();
    }
    return {};
}

}  // namespace

TEST_CASE("malformed and oversized bodies are client errors naming the body") {
    CHECK(status_of([] { http::parse_json_object("{nope"); }) == 400);
    CHECK(status_of([] { http::parse_json_object("[1]"); }) == 400);
    CHECK(status_of([] { http::parse_json_object(std::string(100, ' '), 10); }) == 413);
}

TEST_CASE("field readers name the offending field") {
    auto obj = http::parse_json_object(R"({"email":"  a@b.c ","n":5,"s":{"x":1},"blank":"  "})");
    http::JsonFields fields(obj, "user");
    CHECK(fields.required_string("email", 100) == "a@b.c");
    CHECK(field_of([&] { fields.required_string("missing", 10); }) == "user.missing");
    CHECK(field_of([&] { fields.required_string("blank", 10); }) == "user.blank");
    CHECK(field_of([&] { fields.required_string("n", 10); }) == "user.n");
    CHECK(field_of([&] { fields.required_string("email", 2); }) == "user.email");
    CHECK(fields.optional_int("n", 0, 10) == 5);
    CHECK(status_of([&] { fields.optional_int("n", 0, 4); }) == 422);
}
