#include "platform/domains/domain_verifier.hpp"

#include <algorithm>
#include <vector>

#include "base/util/strings.hpp"
#include "platform/domains/domain_name.hpp"

namespace station::domains {
namespace {

constexpr std::string_view kTxtPrefix = "_station-challenge.";
constexpr std::string_view kHttpPath = "/.well-known/station-challenge/";
constexpr std::size_t kMaxTokenLength = 128;
constexpr std::size_t kHttpBodyCap = 1024;
// Bounds on what a detail message quotes from DNS or HTTP, which the domain's owner controls.
constexpr std::size_t kMaxQuotedValues = 5;
constexpr std::size_t kMaxQuotedLength = 64;

bool is_token_char(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
           c == '_';
}

bool valid_token(std::string_view token) {
    return !token.empty() && token.size() <= kMaxTokenLength &&
           std::all_of(token.begin(), token.end(), is_token_char);
}

// Untrusted text made safe to show: printable ASCII only, quoted, truncated.
std::string quote(std::string_view text) {
    std::string out = "\"";
    for (char c : text.substr(0, kMaxQuotedLength)) {
        out += (c >= ' ' && c < 0x7f && c != '"') ? c : '?';
    }
    if (text.size() > kMaxQuotedLength) out += "…";
    return out + "\"";
}

struct Check {
    bool matched = false;
    std::string detail;
};

Check check_dns(const net::DnsResolver& resolver, const std::string& domain,
                std::string_view token) {
    std::string name = std::string(kTxtPrefix) + domain;
    auto records = resolver.lookup_txt(name);
    if (!records) {
        switch (records.error().kind) {
            case net::DnsErrorKind::NotFound:
            case net::DnsErrorKind::NoData:
                return {false, "no TXT record at " + name};
            default:
                return {false, records.error().message};
        }
    }
    std::vector<std::string> found;
    for (const auto& record : *records) {
        if (util::trim(record) == token) {
            return {true, "TXT " + name + " contains the verification token"};
        }
        if (found.size() < kMaxQuotedValues) found.emplace_back(quote(util::trim(record)));
    }
    if (records->size() > kMaxQuotedValues) found.emplace_back("…");
    return {false,
            "TXT " + name + " has no matching token (found: " + util::join(found, ", ") + ")"};
}

Check check_http(const net::HttpFetcher& fetcher, const std::string& domain,
                 std::string_view token) {
    std::string url = "http://" + domain + std::string(kHttpPath) + std::string(token);
    net::FetchRequest request;
    request.url = url;
    auto response = fetcher.fetch(request);
    if (!response) return {false, url + ": " + response.error().message};
    if (response->status != 200) {
        return {false, url + " answered HTTP " + std::to_string(response->status)};
    }
    std::string_view body = util::trim(response->body);
    if (body != token) {
        return {false, url + " answered 200 but not with the token (got: " + quote(body) + ")"};
    }
    return {true, url + " served the verification token"};
}

net::FetchOptions http_check_options(const DomainVerifierOptions& options) {
    net::FetchOptions fetch;
    fetch.allow_private = options.allow_private;
    fetch.connect_timeout = options.http_connect_timeout;
    fetch.total_timeout = options.http_total_timeout;
    fetch.max_response_bytes = kHttpBodyCap;
    fetch.max_redirects = options.http_max_redirects;
    if (options.http_port_override) fetch.port_overrides[80] = *options.http_port_override;
    fetch.user_agent = "Station-Domain-Verifier";
    return fetch;
}

}  // namespace

std::string_view verification_method_name(VerificationMethod method) {
    switch (method) {
        case VerificationMethod::None:
            return "";
        case VerificationMethod::Dns:
            return "dns";
        case VerificationMethod::Http:
            return "http";
    }
    return "";
}

DomainVerifier::DomainVerifier(DomainVerifierOptions options)
    : resolver_(std::move(options.resolver)), fetcher_(resolver_, http_check_options(options)) {}

VerificationResult DomainVerifier::verify(std::string_view domain, std::string_view token) const {
    auto normalized = normalize_domain(domain);
    if (!normalized) return {false, VerificationMethod::None, normalized.error().message};
    if (!valid_token(token)) {
        return {false, VerificationMethod::None, "the verification token is malformed"};
    }

    Check dns = check_dns(resolver_, *normalized, token);
    if (dns.matched) return {true, VerificationMethod::Dns, std::move(dns.detail)};
    Check web = check_http(fetcher_, *normalized, token);
    std::string detail = dns.detail + "; " + web.detail;
    if (web.matched) return {true, VerificationMethod::Http, std::move(detail)};
    return {false, VerificationMethod::None, std::move(detail)};
}

}  // namespace station::domains
