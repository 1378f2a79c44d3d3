#pragma once
// station.http/1: a plugin's outbound HTTP, allowed only to the hosts its manifest lists in
// "egress" and, below that, only to public addresses (net::HttpFetcher's SSRF checks; dev mode
// also allows private and loopback addresses). Redirects are returned, not followed, so every hop
// passes the allow-list again when the plugin fetches it.
//
// Threading: an EgressClient is immutable; fetch() may run on many threads and blocks for at most
// the call's timeout.

#include <chrono>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "base/net/dns_resolver.hpp"
#include "tenant_runtime/plugins/abi/service_call.hpp"

namespace station::plugins {

struct EgressOptions {
    bool allow_private = false;  // dev mode only
    std::chrono::milliseconds default_timeout{5000};
    std::chrono::milliseconds max_timeout{10000};
    std::size_t max_request_bytes = std::size_t{1} << 20;
    std::size_t max_response_bytes = std::size_t{1} << 20;
    // Tests: connect to `second` whenever the URL's port is `first` (see net::FetchOptions).
    std::map<int, int> port_overrides;
};

// `host` (lower-case) matches an entry exactly, or "*.example.com" matches any name below
// example.com (not example.com itself).
bool egress_allowed(const std::vector<std::string>& allow_list, std::string_view host);

// The host of an absolute http(s) URL as libcurl would contact it, lower-cased; empty when the
// URL is not one.
std::string url_host(std::string_view url);

class EgressClient {
public:
    // `resolver` is borrowed and must outlive the client.
    EgressClient(const net::DnsResolver& resolver, EgressOptions options);

    // method, url, "name: value\r\n" header lines, body, requested timeout (0: default); the call
    // never outlives `remaining`. Reply: value = HTTP status, data = body, extra = header lines.
    ServiceReply fetch(const std::vector<std::string>& allow_list, std::string_view method,
                       std::string_view url, std::string_view header_lines, std::string_view body,
                       std::int64_t timeout_ms, std::chrono::milliseconds remaining) const;

private:
    const net::DnsResolver& resolver_;
    EgressOptions options_;
};

}  // namespace station::plugins
