#pragma once
// Outbound HTTP(S) to untrusted, merchant- or plugin-supplied URLs (webhooks, plugin calls, domain
// verification), safe against server-side request forgery:
//   - the host is resolved once, with DnsResolver, and every address is checked against
//     is_allowed_destination(); the connection is then pinned to one checked address, so a second,
//     different DNS answer (rebinding) cannot redirect it, and a socket-level guard refuses any
//     other address should libcurl try one;
//   - only http and https; proxies from the environment are ignored;
//   - redirects are not followed unless max_redirects > 0, and then every hop is parsed, resolved
//     and checked again;
//   - the whole fetch (DNS, connect, TLS, transfer, every hop) has one deadline, and the response
//     body and headers have size caps past which the transfer is aborted.
//
// Thread-safety: an HttpFetcher is immutable after construction; fetch() may run on any number of
// threads at once. fetch() blocks the calling thread for at most FetchOptions::total_timeout
// (plus scheduling noise).

#include <chrono>
#include <cstddef>
#include <map>
#include <string>
#include <string_view>

#include <boost/system/result.hpp>

#include "base/http/message.hpp"
#include "base/net/dns_resolver.hpp"

namespace station::net {

struct FetchOptions {
    // Dev mode only: also allow loopback, RFC 1918, CGNAT and unique-local destinations.
    bool allow_private = false;
    std::chrono::milliseconds connect_timeout{3000};
    // Deadline for the whole fetch, DNS and redirects included.
    std::chrono::milliseconds total_timeout{10000};
    // Response body cap; a larger body fails the fetch with ResponseTooLarge.
    std::size_t max_response_bytes = std::size_t{1} << 20;
    // 0: a 3xx response is returned as it is. N > 0: up to N redirects are followed (301/302/303
    // turn a POST into a bodiless GET, 307/308 repeat the request), each hop checked afresh;
    // request headers are sent on every hop.
    int max_redirects = 0;
    // For tests, which cannot bind port 80/443: connect to `second` whenever the URL's port
    // (explicit or the scheme default) is `first`. Host header and TLS name stay unchanged.
    std::map<int, int> port_overrides;
    std::string user_agent = "Station";
};

struct FetchRequest {
    // Get, Head, Post, Put, Patch, Delete or Options.
    http::Method method = http::Method::Get;
    std::string url;
    // Host, Content-Length and Transfer-Encoding are set by the transport and refused here.
    http::Headers headers;
    std::string body;
};

struct FetchResponse {
    int status = 0;
    http::Headers headers;  // of the final response, names as the server sent them
    std::string body;
    std::string url;             // the URL that produced this response (after redirects)
    std::string remote_address;  // the checked address the connection was pinned to
};

enum class FetchErrorKind {
    InvalidUrl,        // not an absolute http(s) URL, or a redirect to one
    InvalidRequest,    // unsupported method, malformed or forbidden request header
    DnsFailure,        // the host does not resolve (NXDOMAIN, no data, DNS server failure)
    ForbiddenAddress,  // the host is, or resolves only to, addresses the policy refuses
    ConnectFailed,     // refused, unreachable
    Timeout,           // the deadline passed (DNS, connect or transfer)
    ResponseTooLarge,  // body or headers over their caps
    TooManyRedirects,  // more than max_redirects hops
    TlsFailure,        // handshake or certificate verification failed
    ProtocolError,     // anything else the transport reports (malformed response, reset)
};

struct FetchError {
    FetchErrorKind kind = FetchErrorKind::ProtocolError;
    // One sentence for logs and user-facing details. Names the host, never the URL's query or
    // credentials.
    std::string message;
};

std::string_view fetch_error_kind_name(FetchErrorKind kind);

using FetchResult = boost::system::result<FetchResponse, FetchError>;

// Lets FetchResult::value() throw std::runtime_error(message) on an error.
[[noreturn]] void throw_exception_from_error(const FetchError& error,
                                             const boost::source_location& location);

class HttpFetcher {
public:
    // `resolver` is borrowed and must outlive the fetcher. Throws std::invalid_argument for
    // non-positive timeouts or a negative max_redirects.
    HttpFetcher(const DnsResolver& resolver, FetchOptions options);

    // Any HTTP status is a successful fetch; only transport and policy failures are errors.
    FetchResult fetch(const FetchRequest& request) const;

    const FetchOptions& options() const noexcept { return options_; }

private:
    const DnsResolver& resolver_;
    FetchOptions options_;
};

}  // namespace station::net
