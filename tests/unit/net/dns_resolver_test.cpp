#include "base/net/dns_resolver.hpp"

#include <algorithm>
#include <atomic>
#include <stdexcept>
#include <thread>
#include <vector>

#include <catch2/catch.hpp>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include "tests/support/dnsmasq.hpp"

using namespace station;
using namespace std::chrono_literals;

namespace {

testing::DnsRecords sample_records() {
    testing::DnsRecords records;
    records.txt = {
        {"_station-challenge.shop.test", {"token-abc"}},
        {"spf.shop.test", {"v=spf1 include:_spf.example", " ip4:192.0.2.0/24", " -all"}},
        {"two.shop.test", {"first"}},
        {"two.shop.test", {"second"}},
    };
    records.hosts = {
        {"shop.test", {"192.0.2.10", "2001:db8::10"}},
        {"v4only.test", {"198.51.100.1"}},
    };
    return records;
}

net::ResolverOptions options(std::vector<std::string> nameservers,
                             std::chrono::milliseconds timeout = 2s, int tries = 2) {
    net::ResolverOptions options;
    options.nameservers = std::move(nameservers);
    options.timeout = timeout;
    options.tries = tries;
    return options;
}

net::DnsResolver resolver_for(const testing::Dnsmasq& dns) {
    return net::DnsResolver(options({dns.nameserver()}));
}

std::vector<std::string> sorted(std::vector<std::string> values) {
    std::sort(values.begin(), values.end());
    return values;
}

// A UDP socket that receives queries and never answers (and, being bound, draws no ICMP
// "port unreachable" that would turn the silence into a refusal).
class SilentUdpServer {
public:
    SilentUdpServer() : fd_(socket(AF_INET, SOCK_DGRAM, 0)) {
        if (fd_ < 0) throw std::runtime_error("socket failed");
        sockaddr_in addr{};
        addr.sin_family = AF_INET;
        addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        socklen_t length = sizeof addr;
        if (bind(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 ||
            getsockname(fd_, reinterpret_cast<sockaddr*>(&addr), &length) != 0) {
            close(fd_);
            throw std::runtime_error("bind failed");
        }
        port_ = ntohs(addr.sin_port);
    }
    SilentUdpServer(const SilentUdpServer&) = delete;
    SilentUdpServer& operator=(const SilentUdpServer&) = delete;
    ~SilentUdpServer() { close(fd_); }
    int port() const { return port_; }

private:
    int fd_;
    int port_ = 0;
};

}  // namespace

TEST_CASE("TXT records are found, and multi-string records are joined") {
    testing::Dnsmasq dns(sample_records());
    auto resolver = resolver_for(dns);

    auto challenge = resolver.lookup_txt("_station-challenge.shop.test");
    REQUIRE(challenge.has_value());
    CHECK(*challenge == std::vector<std::string>{"token-abc"});

    auto spf = resolver.lookup_txt("spf.shop.test");
    REQUIRE(spf.has_value());
    CHECK(*spf == std::vector<std::string>{"v=spf1 include:_spf.example ip4:192.0.2.0/24 -all"});

    auto two = resolver.lookup_txt("two.shop.test.");  // absolute form too
    REQUIRE(two.has_value());
    CHECK(sorted(*two) == std::vector<std::string>{"first", "second"});
}

TEST_CASE("A and AAAA records are returned together") {
    testing::Dnsmasq dns(sample_records());
    auto resolver = resolver_for(dns);

    auto both = resolver.lookup_addresses("shop.test");
    REQUIRE(both.has_value());
    std::vector<std::string> texts;
    for (const auto& address : *both)
        texts.push_back(address.to_string());
    CHECK(sorted(texts) == std::vector<std::string>{"192.0.2.10", "2001:db8::10"});

    auto v4 = resolver.lookup_addresses("v4only.test");
    REQUIRE(v4.has_value());
    REQUIRE(v4->size() == 1);
    CHECK(v4->front().to_string() == "198.51.100.1");
}

TEST_CASE("missing names, missing types and refusals are told apart") {
    testing::Dnsmasq dns(sample_records());
    auto resolver = resolver_for(dns);

    auto nx_txt = resolver.lookup_txt("_station-challenge.nowhere.test");
    REQUIRE_FALSE(nx_txt.has_value());
    CHECK(nx_txt.error().kind == net::DnsErrorKind::NotFound);
    CHECK_THAT(nx_txt.error().message, Catch::Contains("_station-challenge.nowhere.test"));

    auto nx_addr = resolver.lookup_addresses("nowhere.test");
    REQUIRE_FALSE(nx_addr.has_value());
    CHECK(nx_addr.error().kind == net::DnsErrorKind::NotFound);

    auto no_txt = resolver.lookup_txt("shop.test");
    REQUIRE_FALSE(no_txt.has_value());
    CHECK(no_txt.error().kind == net::DnsErrorKind::NoData);

    // dnsmasq has no upstream, so a name outside its local domains is REFUSED.
    auto refused = resolver.lookup_txt("example.com");
    REQUIRE_FALSE(refused.has_value());
    CHECK(refused.error().kind == net::DnsErrorKind::ServerFailure);

    auto bad = resolver.lookup_txt(std::string("shop.test\0evil", 14));
    REQUIRE_FALSE(bad.has_value());
    CHECK(bad.error().kind == net::DnsErrorKind::BadName);
}

TEST_CASE("a nameserver that never answers is a timeout") {
    SilentUdpServer silent;
    net::DnsResolver resolver(options({"127.0.0.1:" + std::to_string(silent.port())}, 300ms));

    auto txt = resolver.lookup_txt("_station-challenge.shop.test");
    REQUIRE_FALSE(txt.has_value());
    CHECK(txt.error().kind == net::DnsErrorKind::Timeout);
    CHECK_THAT(txt.error().message, Catch::Contains("timed out"));

    auto addresses = resolver.lookup_addresses("shop.test");
    REQUIRE_FALSE(addresses.has_value());
    CHECK(addresses.error().kind == net::DnsErrorKind::Timeout);
}

TEST_CASE("restarting dnsmasq with new records changes the answers") {
    testing::Dnsmasq dns(sample_records());
    auto resolver = resolver_for(dns);
    REQUIRE(resolver.lookup_txt("_station-challenge.shop.test").value() ==
            std::vector<std::string>{"token-abc"});

    testing::DnsRecords changed;
    changed.txt = {{"_station-challenge.shop.test", {"token-xyz"}}};
    dns.restart_with(changed);

    CHECK(resolver.lookup_txt("_station-challenge.shop.test").value() ==
          std::vector<std::string>{"token-xyz"});
    CHECK(resolver.lookup_addresses("v4only.test").error().kind == net::DnsErrorKind::NotFound);
}

TEST_CASE("one resolver serves several threads at once") {
    testing::Dnsmasq dns(sample_records());
    auto resolver = resolver_for(dns);
    std::atomic<int> good{0};
    std::vector<std::thread> threads;
    threads.reserve(4);
    for (int t = 0; t < 4; ++t) {
        threads.emplace_back([&] {
            for (int i = 0; i < 10; ++i) {
                auto txt = resolver.lookup_txt("_station-challenge.shop.test");
                auto addresses = resolver.lookup_addresses("shop.test");
                if (txt && txt->size() == 1 && addresses && addresses->size() == 2) ++good;
            }
        });
    }
    for (auto& thread : threads)
        thread.join();
    CHECK(good == 40);
}

TEST_CASE("malformed resolver options are refused at construction") {
    CHECK_THROWS_AS(net::DnsResolver(options({"not an address"})), std::invalid_argument);
    CHECK_THROWS_AS(net::DnsResolver(options({"127.0.0.1:53"}, 0ms)), std::invalid_argument);
    CHECK_THROWS_AS(net::DnsResolver(options({"127.0.0.1:53"}, 1s, 0)), std::invalid_argument);
}
