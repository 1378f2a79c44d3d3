#include "base/net/address_policy.hpp"

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

using namespace station;

namespace {

struct AddressCase {
    int line;
    std::string literal;
    std::string address_class;
    std::string allowed_in_dev;
};

std::vector<AddressCase> load_cases() {
    std::ifstream in(STATION_SOURCE_DIR "/tests/unit/net/address_policy_cases.txt");
    REQUIRE(in.good());
    std::vector<AddressCase> cases;
    std::string text;
    for (int line = 1; std::getline(in, text); ++line) {
        if (text.empty() || text.front() == '#') continue;
        std::istringstream fields(text);
        AddressCase c{line, {}, {}, {}};
        fields >> c.literal >> c.address_class >> c.allowed_in_dev;
        cases.push_back(c);
    }
    return cases;
}

}  // namespace

TEST_CASE("address literals are parsed strictly and classified as the IANA registries say") {
    auto cases = load_cases();
    REQUIRE(cases.size() > 60);
    for (const auto& c : cases) {
        INFO("address_policy_cases.txt:" << c.line << ": " << c.literal);
        auto address = net::IpAddress::parse(c.literal);
        if (c.address_class == "invalid") {
            CHECK_FALSE(address);
            continue;
        }
        REQUIRE(address);
        CHECK(net::address_class_name(net::classify(*address)) == c.address_class);
        CHECK(net::is_public_unicast(*address) == (c.address_class == "public"));
        CHECK(net::is_allowed_destination(*address, true) == (c.allowed_in_dev == "yes"));

        auto judged = address->mapped_v4().value_or(*address);
        bool public_in_production = net::is_public_unicast(judged);
        CHECK(net::is_allowed_destination(*address, false) == public_in_production);
    }
}

TEST_CASE("addresses format back to their canonical text") {
    CHECK(net::IpAddress::parse("192.0.2.1")->to_string() == "192.0.2.1");
    CHECK(net::IpAddress::parse("2001:DB8:0:0:0:0:0:1")->to_string() == "2001:db8::1");
    CHECK(net::IpAddress::parse("::ffff:127.0.0.1")->mapped_v4()->to_string() == "127.0.0.1");
    CHECK_FALSE(net::IpAddress::parse("127.0.0.1")->mapped_v4());
    CHECK(*net::IpAddress::parse("::1") ==
          net::IpAddress::v6({0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1}));
    CHECK_FALSE(net::IpAddress::parse(std::string("127.0.0.1\0x", 11)));
    CHECK_FALSE(net::IpAddress::parse(""));
}
