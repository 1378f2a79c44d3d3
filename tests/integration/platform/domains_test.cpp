// Custom domains: attached pending, routed only after ownership is proven by a DNS TXT record
// (real dnsmasq) or an HTTP token (a real HTTP server), and owned by at most one store.

#include <fstream>

#include <catch2/catch.hpp>

#include "tests/integration/platform/platform_fixture.hpp"
#include "tests/support/child_process.hpp"
#include "tests/support/dnsmasq.hpp"
#include "tests/support/ports.hpp"

using namespace station::testing;

namespace {

const std::string kHost(kPlatformHost);

struct DomainWorld {
    Dnsmasq dns{DnsRecords{}};
    TempDir web_root;
    int web_port = free_tcp_port();
    ChildProcess web =
        ChildProcess::spawn({"python3", "-m", "http.server", std::to_string(web_port), "--bind",
                             "127.0.0.1", "--directory", web_root.path().string()},
                            {.log_file = web_root.path() / "server.log"});
    PlatformFixture f{[this](station::config::StationConfig& c) {
        c.dns_servers = {dns.nameserver()};
        c.http_challenge_port = web_port;
    }};

    DomainWorld() { REQUIRE(wait_for_tcp_port(web_port, 10'000)); }

    std::string domains_path(const Signup& s) {
        return "/api/stores/" + std::to_string(s.store_id) + "/domains";
    }
    HttpResult add(const Signup& s, const std::string& domain) {
        return f.send("POST", kHost, domains_path(s), R"({"domain":")" + domain + R"("})",
                      merchant_headers(s));
    }
    HttpResult verify(const Signup& s, const std::string& domain) {
        return f.send("POST", kHost, domains_path(s) + "/" + domain + "/verify", "{}",
                      merchant_headers(s));
    }
    std::string token_of(const HttpResult& added) {
        auto domain = parse_object(added.body)["domain"].as_object();
        return std::string(
            domain["verification"].as_object()["dns"].as_object()["value"].as_string());
    }
};

}  // namespace

TEST_CASE("a custom domain routes only after its DNS TXT record proves ownership") {
    DomainWorld w;
    Signup a = w.f.signup("brand-a");
    HttpResult added = w.add(a, "WWW.Brand.test.");
    REQUIRE(added.status == 201);
    auto domain = parse_object(added.body)["domain"].as_object();
    CHECK(domain["hostname"] == "www.brand.test");
    CHECK(domain["verified"] == false);
    CHECK(domain["verification"].as_object()["dns"].as_object()["name"] ==
          "_station-challenge.www.brand.test");
    std::string token = w.token_of(added);

    CHECK(w.f.get("www.brand.test", "/").status == 404);  // pending: not routed
    HttpResult early = w.verify(a, "www.brand.test");
    CHECK(early.status == 422);
    CHECK(w.f.get("www.brand.test", "/").status == 404);

    w.dns.restart_with({.txt = {{"_station-challenge.www.brand.test", {token}}}});
    HttpResult verified = w.verify(a, "www.brand.test");
    INFO(verified.body);
    REQUIRE(verified.status == 200);
    auto result = parse_object(verified.body)["domain"].as_object();
    CHECK(result["verified"] == true);
    CHECK(result["verification_method"] == "dns");

    HttpResult home = w.f.get("www.brand.test", "/");
    CHECK(home.status == 200);
    CHECK(home.body.find("Store brand-a") != std::string::npos);
    CHECK(w.f.get("WWW.BRAND.TEST.:8080", "/").status == 200);  // Host is normalized
}

TEST_CASE("a wrong TXT token does not verify and the check explains why") {
    DomainWorld w;
    Signup a = w.f.signup("wrong-token");
    REQUIRE(w.add(a, "shop.wrong.test").status == 201);
    w.dns.restart_with({.txt = {{"_station-challenge.shop.wrong.test", {"someone-elses-token"}}}});
    HttpResult r = w.verify(a, "shop.wrong.test");
    CHECK(r.status == 422);
    CHECK(r.body.find("someone-elses-token") != std::string::npos);
    CHECK(w.f.get("shop.wrong.test", "/").status == 404);
}

TEST_CASE("the HTTP token method verifies a domain served by the merchant's own server") {
    DomainWorld w;
    Signup a = w.f.signup("http-proof");
    HttpResult added = w.add(a, "shop.httpproof.test");
    REQUIRE(added.status == 201);
    std::string token = w.token_of(added);
    w.dns.restart_with({.hosts = {{"shop.httpproof.test", {"127.0.0.1"}}}});
    auto dir = w.web_root.path() / ".well-known" / "station-challenge";
    std::filesystem::create_directories(dir);
    std::ofstream(dir / token) << token << "\n";

    HttpResult verified = w.verify(a, "shop.httpproof.test");
    INFO(verified.body);
    REQUIRE(verified.status == 200);
    CHECK(parse_object(verified.body)["domain"].as_object()["verification_method"] == "http");
    CHECK(w.f.get("shop.httpproof.test", "/").status == 200);
}

TEST_CASE("a domain verified by one store cannot be claimed by another, and pending claims lose") {
    DomainWorld w;
    Signup a = w.f.signup("owner-store");
    Signup b = w.f.signup("squatter");
    HttpResult a_added = w.add(a, "shared.brand.test");
    REQUIRE(a_added.status == 201);
    REQUIRE(w.add(b, "shared.brand.test").status == 201);  // both pending: allowed
    w.dns.restart_with({.txt = {{"_station-challenge.shared.brand.test", {w.token_of(a_added)}}}});
    REQUIRE(w.verify(a, "shared.brand.test").status == 200);

    // B's pending claim was dropped, and claiming again is refused.
    auto b_domains =
        parse_object(w.f.get(kHost, w.domains_path(b), {"Cookie: " + b.session_cookie}).body);
    CHECK(b_domains["domains"].as_array().size() == 1);  // only its platform subdomain
    HttpResult claim = w.add(b, "shared.brand.test");
    CHECK(claim.status == 409);
    CHECK(claim.body.find("another store") != std::string::npos);
    CHECK(w.f.get("shared.brand.test", "/").body.find("Store owner-store") != std::string::npos);
}

TEST_CASE("invalid domains are refused with 422 naming the field") {
    DomainWorld w;
    Signup a = w.f.signup("validator");
    for (const char* bad : {"localhost", "127.0.0.1", "*.wild.test", "http://x.test/",
                            "no_underscore.test", "caf\xc3\xa9.test", "evil.station.test"}) {
        HttpResult r = w.add(a, bad);
        INFO(bad << " -> " << r.body);
        CHECK(r.status == 422);
        CHECK(r.body.find(R"("field":"domain")") != std::string::npos);
    }
}

TEST_CASE("a removed custom domain stops routing and the platform subdomain cannot be removed") {
    DomainWorld w;
    Signup a = w.f.signup("remover");
    HttpResult added = w.add(a, "gone.brand.test");
    w.dns.restart_with({.txt = {{"_station-challenge.gone.brand.test", {w.token_of(added)}}}});
    REQUIRE(w.verify(a, "gone.brand.test").status == 200);
    REQUIRE(w.f.send("POST", kHost, w.domains_path(a) + "/gone.brand.test/primary", "{}",
                     merchant_headers(a))
                .status == 200);
    CHECK(parse_object(w.f.get(kHost, "/api/stores/" + std::to_string(a.store_id),
                               {"Cookie: " + a.session_cookie})
                           .body)["store"]
              .as_object()["domain"] == "gone.brand.test");
    CHECK(w.f.send("DELETE", kHost, w.domains_path(a) + "/gone.brand.test", "", merchant_headers(a))
              .status == 200);
    CHECK(w.f.get("gone.brand.test", "/").status == 404);
    CHECK(w.f.send("DELETE", kHost, w.domains_path(a) + "/remover.station.test", "",
                   merchant_headers(a))
              .status == 409);
}
