// The value model's Ruby semantics: number formatting, inspect, arithmetic, JSON conversion.

#include <cmath>
#include <limits>

#include <catch2/catch.hpp>

#include "liquid_test_support.hpp"
#include "tenant_runtime/liquid/number.hpp"
#include "tenant_runtime/liquid/ruby_format.hpp"

using namespace station::liquid;

namespace {

std::string ruby_float(double value) {
    std::string out;
    append_ruby_float(out, value);
    return out;
}

std::string inspect(std::string_view json) {
    std::string out;
    append_inspect(out, testing::json_data(json));
    return out;
}

}  // namespace

TEST_CASE("floats print as Ruby's Float#to_s") {
    struct Case {
        double value;
        std::string_view text;
    };
    const Case cases[] = {
        {1.0, "1.0"},
        {0.1 + 0.2, "0.30000000000000004"},
        {100.0, "100.0"},
        {123456789012345.0, "123456789012345.0"},
        {1e15, "1.0e+15"},
        {1234567890123456.0, "1.234567890123456e+15"},
        {1e16, "1.0e+16"},
        {0.0001, "0.0001"},
        {0.0001234, "0.0001234"},
        {0.00001, "1.0e-05"},
        {1.23e-5, "1.23e-05"},
        {-0.0, "-0.0"},
        {-2.5, "-2.5"},
        {std::numeric_limits<double>::infinity(), "Infinity"},
        {-std::numeric_limits<double>::infinity(), "-Infinity"},
        {std::nan(""), "NaN"},
    };
    for (const Case& c : cases) {
        INFO(c.text);
        CHECK(ruby_float(c.value) == c.text);
    }
}

TEST_CASE("hashes and arrays print as Ruby 3.1's #inspect") {
    CHECK(inspect(R"({"a":1,"b":[1,"x",null,2.5,{"c":null}]})") ==
          R"({"a"=>1, "b"=>[1, "x", nil, 2.5, {"c"=>nil}]})");
    CHECK(inspect(R"({})") == "{}");
    CHECK(inspect(R"(["q\"uo\\te\n#{x}"])") == R"(["q\"uo\\te\n\#{x}"])");
}

TEST_CASE("arithmetic on floats is exact decimal, as Ruby's BigDecimal") {
    auto calc = [](std::string_view source) { return testing::render_lax(source); };
    CHECK(calc("{{ 0.1 | plus: 0.2 }}") == "0.3");
    CHECK(calc("{{ 0.1 | times: 3 }}") == "0.3");
    CHECK(calc("{{ 1.1 | times: 1.1 }}") == "1.21");
    CHECK(calc("{{ 2.675 | round: 2 }}") == "2.68");
    CHECK(calc("{{ 5.5 | modulo: 2 }} {{ -7 | modulo: 2 }} {{ -7 | divided_by: 2 }}") ==
          "1.5 1 -4");
    CHECK(calc("{{ 10 | divided_by: 0.0 }} {{ 0 | divided_by: 0.0 }}") == "Infinity NaN");
    CHECK(calc("{{ '3.5' | plus: 1 }} {{ '1_000' | plus: 1 }} {{ '12abc' | plus: 0 }}") ==
          "4.5 1001 12");
}

TEST_CASE("Kernel#Integer and String#to_i parsing") {
    CHECK(ruby_parse_integer(" 0x1f ") == 31);
    CHECK(ruby_parse_integer("017") == 15);
    CHECK(ruby_parse_integer("1_000") == 1000);
    CHECK_FALSE(ruby_parse_integer("1.5"));
    CHECK_FALSE(ruby_parse_integer("08"));
    CHECK_FALSE(ruby_parse_integer(""));
    CHECK(ruby_string_to_i("  -12abc") == -12);
    CHECK(ruby_string_to_i("1__2") == 1);
    CHECK(ruby_string_to_i("x") == 0);
}

TEST_CASE("JSON data keeps key order and number types") {
    CHECK(testing::render_lax("{% for kv in h %}{{ kv[0] }}={{ kv[1] }};{% endfor %}",
                              R"({"h":{"z":1,"a":2.0,"m":18446744073709551615}})") ==
          "z=1;a=2.0;m=1.8446744073709552e+19;");
    ObjectBuilder builder;
    for (int i = 0; i < 100; ++i)
        builder.set("k" + std::to_string(i), Value::integer(i));
    builder.set("k7", Value::string("replaced"));
    Value object = std::move(builder).build();
    REQUIRE(object.as_object().size() == 100);
    CHECK(object.as_object().find("k99")->as_int() == 99);
    CHECK(object.as_object().find("k7")->as_string() == "replaced");
    CHECK(object.as_object().find("nope") == nullptr);
}
