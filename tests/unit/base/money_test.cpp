#include <catch2/catch.hpp>

#include "base/money/currency.hpp"

using namespace station::money;

TEST_CASE("currencies carry their ISO 4217 exponent") {
    CHECK(find_currency("USD")->exponent == 2);
    CHECK(find_currency("JPY")->exponent == 0);
    CHECK(find_currency("KWD")->exponent == 3);
    CHECK_FALSE(find_currency("usd"));
    CHECK_FALSE(find_currency("XYZ"));
}

TEST_CASE("minor units format and parse exactly") {
    CHECK(format_decimal(4900, 2) == "49.00");
    CHECK(format_decimal(5, 2) == "0.05");
    CHECK(format_decimal(-5, 2) == "-0.05");
    CHECK(format_decimal(1000, 0) == "1000");
    CHECK(format_decimal(1234, 3) == "1.234");
    CHECK(format_decimal(INT64_MIN, 2) == "-92233720368547758.08");
    CHECK(parse_decimal("49", 2) == 4900);
    CHECK(parse_decimal("49.5", 2) == 4950);
    CHECK(parse_decimal("49.500", 2) == 4950);
    CHECK(parse_decimal("0.001", 3) == 1);
    CHECK(parse_decimal("1000", 0) == 1000);
    CHECK_FALSE(parse_decimal("49.505", 2));
    CHECK_FALSE(parse_decimal("1.5", 0));
    CHECK_FALSE(parse_decimal("abc", 2));
    CHECK_FALSE(parse_decimal("", 2));
    CHECK_FALSE(parse_decimal(".", 2));
    CHECK_FALSE(parse_decimal("1.", 2));
    CHECK_FALSE(parse_decimal("99999999999999999999", 2));
    CHECK(parse_decimal("-3.10", 2) == -310);
}
