#include "platform/domains/domain_name.hpp"

#include <fstream>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "base/util/strings.hpp"

using namespace station;

namespace {

struct DomainCase {
    int line;
    std::string outcome;
    std::string input;
    std::string expected;
};

std::vector<DomainCase> load_cases() {
    std::ifstream in(STATION_SOURCE_DIR "/tests/unit/net/domain_name_cases.txt");
    REQUIRE(in.good());
    std::vector<DomainCase> cases;
    std::string text;
    for (int line = 1; std::getline(in, text); ++line) {
        if (util::trim(text).empty() || text.front() == '#') continue;
        std::vector<std::string> fields;
        std::size_t start = 0;
        for (std::size_t bar; (bar = text.find(" | ", start)) != std::string::npos;
             start = bar + 3) {
            fields.emplace_back(util::trim(std::string_view(text).substr(start, bar - start)));
        }
        fields.emplace_back(util::trim(std::string_view(text).substr(start)));
        INFO("domain_name_cases.txt:" << line);
        REQUIRE(fields.size() == 3);
        cases.push_back({line, fields[0], fields[1], fields[2]});
    }
    return cases;
}

}  // namespace

TEST_CASE("merchant domains are validated and normalized as the table says") {
    auto cases = load_cases();
    REQUIRE(cases.size() > 30);
    for (const auto& c : cases) {
        INFO("domain_name_cases.txt:" << c.line << ": '" << c.input << "'");
        auto result = domains::normalize_domain(c.input);
        if (c.outcome == "ok") {
            REQUIRE(result.has_value());
            CHECK(*result == c.expected);
        } else {
            REQUIRE(c.outcome == "error");
            REQUIRE_FALSE(result.has_value());
            CHECK(result.error().field == "domain");
            CHECK_THAT(result.error().message, Catch::Contains(c.expected));
        }
    }
}

TEST_CASE("surrounding whitespace is ignored and length limits are exact") {
    CHECK(domains::normalize_domain("  Shop.Example.com.\n").value() == "shop.example.com");

    std::string label63(63, 'a');
    CHECK(domains::normalize_domain(label63 + ".example").has_value());

    // Three labels of 63 characters, one of 61 and the dots: exactly 253 characters.
    std::string domain253 = label63 + "." + label63 + "." + label63 + "." + std::string(61, 'b');
    REQUIRE(domain253.size() == 253);
    CHECK(domains::normalize_domain(domain253).has_value());
    CHECK(domains::normalize_domain(domain253 + ".").has_value());
    auto too_long = domains::normalize_domain("c" + domain253);
    REQUIRE_FALSE(too_long.has_value());
    CHECK_THAT(too_long.error().message, Catch::Contains("longer than 253"));

    auto control = domains::normalize_domain(std::string("shop\x01.example", 13));
    REQUIRE_FALSE(control.has_value());
    CHECK_THAT(control.error().message, Catch::Contains("\\x01"));
}
