#pragma once
// Proof that a merchant controls a custom domain, before the tenant router sends it traffic.
// Two methods, tried in this order:
//   dns:  a TXT record at _station-challenge.<domain> whose value (trimmed) is the token;
//   http: GET http://<domain>/.well-known/station-challenge/<token> answers 200 with a body that,
//         whitespace trimmed, is the token (body capped at 1 KiB; up to 3 redirects followed,
//         each hop SSRF-checked like the first).
// The HTTP check goes through net::HttpFetcher, so a domain resolving to loopback, private or
// metadata addresses is refused unless allow_private (dev mode) is set.
//
// Thread-safety: a DomainVerifier is immutable after construction; verify() may be called from
// several threads at once. verify() blocks for at most resolver.timeout + http_total_timeout.

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "base/net/dns_resolver.hpp"
#include "base/net/http_fetch.hpp"

namespace station::domains {

struct DomainVerifierOptions {
    net::ResolverOptions resolver;  // used for the TXT lookup and the HTTP check's A/AAAA lookup
    std::chrono::milliseconds http_connect_timeout{3000};
    std::chrono::milliseconds http_total_timeout{5000};
    int http_max_redirects = 3;
    bool allow_private = false;  // dev mode only
    // For tests: the HTTP check connects to this port instead of 80 (and 443 stays 443).
    std::optional<int> http_port_override;
};

enum class VerificationMethod { None, Dns, Http };

// "dns", "http", or "" for None.
std::string_view verification_method_name(VerificationMethod method);

struct VerificationResult {
    bool verified = false;
    VerificationMethod method = VerificationMethod::None;
    // What was found, for the merchant: which method succeeded, or why each one failed, e.g.
    // "TXT _station-challenge.shop.test has no matching token (found: \"abc\"); http://…
    // answered 404". Record contents are quoted, truncated and stripped of control characters.
    std::string detail;
};

class DomainVerifier {
public:
    // Throws std::invalid_argument for unusable options (see DnsResolver and HttpFetcher).
    explicit DomainVerifier(DomainVerifierOptions options);
    DomainVerifier(const DomainVerifier&) = delete;
    DomainVerifier& operator=(const DomainVerifier&) = delete;

    // `domain` should be the output of normalize_domain(); anything it would refuse is reported
    // as not verified. `token` is the store's verification token: 1–128 characters of
    // [A-Za-z0-9_-] (crypto::random_token output); another token is reported as not verified.
    // Failures of DNS or HTTP are outcomes, not errors: this function does not throw for them.
    VerificationResult verify(std::string_view domain, std::string_view token) const;

private:
    net::DnsResolver resolver_;
    net::HttpFetcher fetcher_;  // borrows resolver_, declared after it
};

}  // namespace station::domains
