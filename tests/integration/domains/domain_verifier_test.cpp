#include "platform/domains/domain_verifier.hpp"

#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string>
#include <string_view>

#include <catch2/catch.hpp>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include "tests/support/child_process.hpp"
#include "tests/support/dnsmasq.hpp"
#include "tests/support/ports.hpp"
#include "tests/support/temp_dir.hpp"

using namespace station;
using namespace std::chrono_literals;

namespace {

// Tokens as the platform issues them (crypto::random_token): one per HTTP scenario, since the
// token names the file the web server serves.
constexpr std::string_view kDnsToken = "dnsTOKEN_0123456789abcdef-ghij";
constexpr std::string_view kHttpToken = "httpTOKEN_0123456789abcdef-ghi";
constexpr std::string_view kWrongBodyToken = "wrongBODY_0123456789abcdef-ghi";
constexpr std::string_view kMissingToken = "missingTOKEN_0123456789abcdef";
constexpr std::string_view kOversizedToken = "bigTOKEN_0123456789abcdef-ghij";
constexpr std::string_view kRedirectToken = "redirTOKEN_0123456789abcdef-gh";

void write_file(const std::filesystem::path& path, const std::string& content) {
    std::filesystem::create_directories(path.parent_path());
    std::ofstream(path) << content;
}

testing::SpawnOptions logged(std::filesystem::path file, std::filesystem::path working_dir) {
    testing::SpawnOptions options;
    options.log_file = std::move(file);
    options.working_dir = std::move(working_dir);
    return options;
}

// A merchant's web server: `python3 -m http.server` serving a temp dir that holds the challenge
// files of every HTTP scenario.
class ChallengeWebServer {
public:
    ChallengeWebServer() : port_(testing::free_tcp_port()), process_(start()) {
        if (!testing::wait_for_tcp_port(port_, 10000)) {
            throw std::runtime_error("python3 -m http.server did not start:\n" + process_.log());
        }
    }
    int port() const { return port_; }

private:
    testing::ChildProcess start() {
        auto challenges = root_ / "www/.well-known/station-challenge";
        write_file(challenges / kHttpToken, std::string(kHttpToken) + "\n");
        write_file(challenges / kWrongBodyToken, "not-the-token\n");
        write_file(challenges / kOversizedToken,
                   std::string(kOversizedToken) + std::string(2048, ' '));
        // A directory: http.server answers 301 to ".../<token>/", then serves its index.html.
        write_file(challenges / kRedirectToken / "index.html", std::string(kRedirectToken));
        return testing::ChildProcess::spawn(
            {"python3", "-m", "http.server", std::to_string(port_), "--bind", "127.0.0.1",
             "--directory", (root_ / "www").string()},
            logged(root_ / "http.log", root_.path()));
    }

    testing::TempDir root_;
    int port_;
    testing::ChildProcess process_;
};

// Accepts TCP connections (in the kernel backlog) and never answers: a server too slow to reply.
class SilentTcpServer {
public:
    SilentTcpServer() : fd_(socket(AF_INET, SOCK_STREAM, 0)) {
        if (fd_ < 0) throw std::runtime_error("socket failed");
        sockaddr_in addr{};
        addr.sin_family = AF_INET;
        addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        socklen_t length = sizeof addr;
        if (bind(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 ||
            listen(fd_, 16) != 0 ||
            getsockname(fd_, reinterpret_cast<sockaddr*>(&addr), &length) != 0) {
            close(fd_);
            throw std::runtime_error("bind/listen failed");
        }
        port_ = ntohs(addr.sin_port);
    }
    SilentTcpServer(const SilentTcpServer&) = delete;
    SilentTcpServer& operator=(const SilentTcpServer&) = delete;
    ~SilentTcpServer() { close(fd_); }
    int port() const { return port_; }

private:
    int fd_;
    int port_ = 0;
};

testing::DnsRecords merchant_records() {
    testing::DnsRecords records;
    records.txt = {
        {"_station-challenge.dns-ok.test", {"  " + std::string(kDnsToken) + " "}},
        {"_station-challenge.dns-wrong.test", {"some-other-token"}},
        {"_station-challenge.dns-wrong.test", {"v=spf1 -all"}},
    };
    records.hosts = {{"web.test", {"127.0.0.1"}}};
    return records;
}

domains::DomainVerifierOptions options_for(const testing::Dnsmasq& dns, int http_port,
                                           bool allow_private = true) {
    domains::DomainVerifierOptions options;
    options.resolver.nameservers = {dns.nameserver()};
    options.resolver.timeout = 2s;
    options.http_connect_timeout = 1s;
    options.http_total_timeout = 2s;
    options.allow_private = allow_private;
    options.http_port_override = http_port;
    return options;
}

}  // namespace

TEST_CASE("a TXT record holding the token verifies the domain by DNS") {
    testing::Dnsmasq dns(merchant_records());
    ChallengeWebServer web;
    domains::DomainVerifier verifier(options_for(dns, web.port()));

    auto result = verifier.verify("dns-ok.test", kDnsToken);
    CHECK(result.verified);
    CHECK(result.method == domains::VerificationMethod::Dns);
    CHECK(domains::verification_method_name(result.method) == "dns");
    CHECK_THAT(result.detail, Catch::Contains("_station-challenge.dns-ok.test"));
}

TEST_CASE("a TXT record with another token does not verify, and says what it found") {
    testing::Dnsmasq dns(merchant_records());
    ChallengeWebServer web;
    domains::DomainVerifier verifier(options_for(dns, web.port()));

    auto result = verifier.verify("dns-wrong.test", kDnsToken);
    CHECK_FALSE(result.verified);
    CHECK(result.method == domains::VerificationMethod::None);
    CHECK_THAT(result.detail,
               Catch::Contains("TXT _station-challenge.dns-wrong.test has no matching token"));
    CHECK_THAT(result.detail, Catch::Contains("\"some-other-token\""));
    CHECK_THAT(result.detail, Catch::Contains("\"v=spf1 -all\""));
    // The HTTP method was tried too and its outcome reported (dns-wrong.test has no address).
    CHECK_THAT(result.detail, Catch::Contains("http://dns-wrong.test/.well-known/"));
}

TEST_CASE("adding the TXT record later verifies the domain") {
    testing::Dnsmasq dns(merchant_records());
    ChallengeWebServer web;
    domains::DomainVerifier verifier(options_for(dns, web.port()));
    auto before = verifier.verify("later.test", kDnsToken);
    CHECK_FALSE(before.verified);
    CHECK_THAT(before.detail, Catch::Contains("no TXT record at _station-challenge.later.test"));

    auto records = merchant_records();
    records.txt.push_back({"_station-challenge.later.test", {std::string(kDnsToken)}});
    dns.restart_with(records);
    auto after = verifier.verify("later.test", kDnsToken);
    CHECK(after.verified);
    CHECK(after.method == domains::VerificationMethod::Dns);
}

TEST_CASE("the token served over HTTP verifies the domain") {
    testing::Dnsmasq dns(merchant_records());
    ChallengeWebServer web;
    domains::DomainVerifier verifier(options_for(dns, web.port()));

    auto result = verifier.verify("web.test", kHttpToken);
    CHECK(result.verified);
    CHECK(result.method == domains::VerificationMethod::Http);
    CHECK(domains::verification_method_name(result.method) == "http");
    CHECK_THAT(result.detail, Catch::Contains("no TXT record at _station-challenge.web.test"));
    CHECK_THAT(result.detail, Catch::Contains("served the verification token"));

    auto redirected = verifier.verify("web.test", kRedirectToken);
    CHECK(redirected.verified);
    CHECK(redirected.method == domains::VerificationMethod::Http);
}

TEST_CASE("HTTP answers other than the token do not verify") {
    testing::Dnsmasq dns(merchant_records());
    ChallengeWebServer web;
    domains::DomainVerifier verifier(options_for(dns, web.port()));

    auto wrong_body = verifier.verify("web.test", kWrongBodyToken);
    CHECK_FALSE(wrong_body.verified);
    CHECK_THAT(wrong_body.detail, Catch::Contains("not with the token (got: \"not-the-token\")"));

    auto missing = verifier.verify("web.test", kMissingToken);
    CHECK_FALSE(missing.verified);
    CHECK_THAT(missing.detail, Catch::Contains("answered HTTP 404"));

    auto oversized = verifier.verify("web.test", kOversizedToken);
    CHECK_FALSE(oversized.verified);
    CHECK_THAT(oversized.detail, Catch::Contains("exceeds 1024 bytes"));
}

TEST_CASE("a web server that never answers times out") {
    testing::Dnsmasq dns(merchant_records());
    SilentTcpServer silent;
    auto options = options_for(dns, silent.port());
    options.http_total_timeout = 700ms;
    domains::DomainVerifier verifier(options);

    auto result = verifier.verify("web.test", kHttpToken);
    CHECK_FALSE(result.verified);
    CHECK_THAT(result.detail, Catch::Contains("timed out"));
}

TEST_CASE("a domain resolving to a private address is refused unless dev mode allows it") {
    testing::Dnsmasq dns(merchant_records());
    ChallengeWebServer web;

    domains::DomainVerifier production(options_for(dns, web.port(), /*allow_private=*/false));
    auto refused = production.verify("web.test", kHttpToken);
    CHECK_FALSE(refused.verified);
    CHECK_THAT(refused.detail, Catch::Contains("non-public addresses: 127.0.0.1 (loopback)"));

    domains::DomainVerifier dev(options_for(dns, web.port(), /*allow_private=*/true));
    auto allowed = dev.verify("web.test", kHttpToken);
    CHECK(allowed.verified);
    CHECK(allowed.method == domains::VerificationMethod::Http);
}

TEST_CASE("malformed domains and tokens are reported, not looked up") {
    testing::Dnsmasq dns(merchant_records());
    ChallengeWebServer web;
    domains::DomainVerifier verifier(options_for(dns, web.port()));

    auto ip = verifier.verify("127.0.0.1", kHttpToken);
    CHECK_FALSE(ip.verified);
    CHECK_THAT(ip.detail, Catch::Contains("not an IP address"));

    auto traversal = verifier.verify("web.test", "../../etc/passwd");
    CHECK_FALSE(traversal.verified);
    CHECK_THAT(traversal.detail, Catch::Contains("token is malformed"));
    CHECK(dns.log().find("_station-challenge.web.test") == std::string::npos);
}
