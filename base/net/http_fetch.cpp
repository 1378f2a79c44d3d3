#include "base/net/http_fetch.hpp"

#include <algorithm>
#include <charconv>
#include <memory>
#include <optional>
#include <stdexcept>

#include <curl/curl.h>

#include "base/net/address_policy.hpp"
#include "base/net/curl_exchange.hpp"
#include "base/util/strings.hpp"

namespace station::net {
namespace {

using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;

// What libcurl's own URL parser makes of a URL. Using it (rather than a second parser) means the
// host we check is exactly the host libcurl would contact: it normalizes "http://2130706433/" and
// "http://0x7f.1/" to 127.0.0.1 the same way the transfer would.
struct Target {
    std::string url;
    std::string scheme;
    std::string host;  // IPv6 literals without brackets
    int port = 0;
};

std::string url_part(CURLU* url, CURLUPart part, unsigned flags = 0) {
    char* value = nullptr;
    if (curl_url_get(url, part, &value, flags) != CURLUE_OK || !value) return {};
    std::string out(value);
    curl_free(value);
    return out;
}

boost::system::result<Target, FetchError> parse_target(const std::string& text) {
    std::unique_ptr<CURLU, decltype(&curl_url_cleanup)> url(curl_url(), curl_url_cleanup);
    if (!url) throw std::bad_alloc();
    if (text.find_first_of(std::string_view("\0\r\n", 3)) != std::string::npos ||
        curl_url_set(url.get(), CURLUPART_URL, text.c_str(), 0) != CURLUE_OK) {
        return FetchError{FetchErrorKind::InvalidUrl, "not a valid absolute URL"};
    }
    Target target;
    target.scheme = util::to_lower(url_part(url.get(), CURLUPART_SCHEME));
    if (target.scheme != "http" && target.scheme != "https") {
        return FetchError{FetchErrorKind::InvalidUrl,
                          "only http and https URLs are allowed (got '" + target.scheme + "')"};
    }
    if (!url_part(url.get(), CURLUPART_ZONEID).empty()) {
        return FetchError{FetchErrorKind::InvalidUrl, "IPv6 zone ids are not allowed in URLs"};
    }
    target.host = url_part(url.get(), CURLUPART_HOST);
    if (target.host.size() > 2 && target.host.front() == '[' && target.host.back() == ']') {
        target.host = target.host.substr(1, target.host.size() - 2);
    }
    if (target.host.empty()) return FetchError{FetchErrorKind::InvalidUrl, "the URL has no host"};
    std::string port = url_part(url.get(), CURLUPART_PORT, CURLU_DEFAULT_PORT);
    auto [end, error] = std::from_chars(port.data(), port.data() + port.size(), target.port);
    if (error != std::errc() || end != port.data() + port.size() || target.port <= 0) {
        return FetchError{FetchErrorKind::InvalidUrl, "the URL has no usable port"};
    }
    target.url = url_part(url.get(), CURLUPART_URL);
    return target;
}

std::string describe(const IpAddress& address) {
    auto judged = address.mapped_v4().value_or(address);
    return address.to_string() + " (" + std::string(address_class_name(classify(judged))) + ")";
}

// IPv4 first: many hosts (and containers) have no IPv6 route, and the connection is pinned to a
// single address, so there is no happy-eyeballs fallback to cover a dead family.
std::optional<IpAddress> first_allowed(const std::vector<IpAddress>& addresses,
                                       bool allow_private) {
    for (bool want_v4 : {true, false}) {
        for (const auto& address : addresses) {
            if (address.is_v4() == want_v4 && is_allowed_destination(address, allow_private)) {
                return address;
            }
        }
    }
    return std::nullopt;
}

boost::system::result<IpAddress, FetchError> choose_address(const DnsResolver& resolver,
                                                            const Target& target,
                                                            bool allow_private,
                                                            milliseconds time_left) {
    if (auto literal = IpAddress::parse(target.host)) {
        if (is_allowed_destination(*literal, allow_private)) return *literal;
        return FetchError{
            FetchErrorKind::ForbiddenAddress,
            "refusing to connect to " + describe(*literal) + ": not a public address"};
    }
    auto addresses = resolver.lookup_addresses(target.host, time_left);
    if (!addresses) {
        auto kind = addresses.error().kind == DnsErrorKind::Timeout ? FetchErrorKind::Timeout
                                                                    : FetchErrorKind::DnsFailure;
        return FetchError{kind, addresses.error().message};
    }
    if (auto chosen = first_allowed(*addresses, allow_private)) return *chosen;
    std::vector<std::string> described;
    for (const auto& address : *addresses)
        described.push_back(describe(address));
    return FetchError{
        FetchErrorKind::ForbiddenAddress,
        "refusing to connect to " + target.host +
            ": it resolves only to non-public addresses: " + util::join(described, ", ")};
}

bool is_token_char(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           std::string_view("!#$%&'*+-.^_`|~").find(c) != std::string_view::npos;
}

std::optional<FetchError> check_request(const FetchRequest& request) {
    switch (request.method) {
        case http::Method::Get:
        case http::Method::Head:
        case http::Method::Post:
        case http::Method::Put:
        case http::Method::Patch:
        case http::Method::Delete:
        case http::Method::Options:
            break;
        default:
            return FetchError{FetchErrorKind::InvalidRequest, "unsupported HTTP method"};
    }
    for (const auto& [name, value] : request.headers) {
        if (name.empty() || !std::all_of(name.begin(), name.end(), is_token_char)) {
            return FetchError{FetchErrorKind::InvalidRequest,
                              "invalid request header name '" + name + "'"};
        }
        // CR or LF would let a value smuggle extra header lines into the request.
        if (value.find_first_of(std::string_view("\0\r\n", 3)) != std::string::npos) {
            return FetchError{FetchErrorKind::InvalidRequest,
                              "request header '" + name + "' contains a line break or NUL"};
        }
        for (std::string_view reserved : {"host", "content-length", "transfer-encoding"}) {
            if (util::iequals(name, reserved)) {
                return FetchError{FetchErrorKind::InvalidRequest,
                                  "request header '" + name + "' is set by the transport"};
            }
        }
    }
    return std::nullopt;
}

bool is_redirect(int status) {
    return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
}

milliseconds time_left(Clock::time_point deadline) {
    return std::chrono::duration_cast<milliseconds>(deadline - Clock::now());
}

}  // namespace

std::string_view fetch_error_kind_name(FetchErrorKind kind) {
    switch (kind) {
        case FetchErrorKind::InvalidUrl:
            return "invalid_url";
        case FetchErrorKind::InvalidRequest:
            return "invalid_request";
        case FetchErrorKind::DnsFailure:
            return "dns_failure";
        case FetchErrorKind::ForbiddenAddress:
            return "forbidden_address";
        case FetchErrorKind::ConnectFailed:
            return "connect_failed";
        case FetchErrorKind::Timeout:
            return "timeout";
        case FetchErrorKind::ResponseTooLarge:
            return "response_too_large";
        case FetchErrorKind::TooManyRedirects:
            return "too_many_redirects";
        case FetchErrorKind::TlsFailure:
            return "tls_failure";
        case FetchErrorKind::ProtocolError:
            return "protocol_error";
    }
    return "protocol_error";
}

void throw_exception_from_error(const FetchError& error, const boost::source_location&) {
    throw std::runtime_error(error.message);
}

HttpFetcher::HttpFetcher(const DnsResolver& resolver, FetchOptions options)
    : resolver_(resolver), options_(std::move(options)) {
    if (options_.connect_timeout.count() <= 0 || options_.total_timeout.count() <= 0) {
        throw std::invalid_argument("fetch timeouts must be positive");
    }
    if (options_.max_redirects < 0) throw std::invalid_argument("max_redirects must be >= 0");
}

FetchResult HttpFetcher::fetch(const FetchRequest& request) const {
    if (auto invalid = check_request(request)) return *invalid;
    auto deadline = Clock::now() + options_.total_timeout;

    http::Method method = request.method;
    const std::string no_body;
    const std::string* body = &request.body;
    std::string url = request.url;
    for (int hop = 0;; ++hop) {
        auto target = parse_target(url);
        if (!target) {
            if (hop == 0) return target.error();
            return FetchError{target.error().kind, "redirect target: " + target.error().message};
        }
        auto address =
            choose_address(resolver_, *target, options_.allow_private, time_left(deadline));
        if (!address) return address.error();

        milliseconds left = time_left(deadline);
        if (left.count() <= 0) {
            return FetchError{FetchErrorKind::Timeout,
                              "request to " + target->host + " timed out before connecting"};
        }
        auto port = options_.port_overrides.find(target->port);
        detail::Exchange exchange{
            .method = method,
            .url = target->url,
            .headers = &request.headers,
            .body = body,
            .address = *address,
            .connect_port = port == options_.port_overrides.end() ? target->port : port->second,
            .host = target->host,
            .connect_timeout = std::min(options_.connect_timeout, left),
            .total_timeout = left,
            .max_body_bytes = options_.max_response_bytes,
            .user_agent = options_.user_agent,
        };
        auto response = detail::perform_exchange(exchange);
        if (!response) return response.error();

        bool follow = options_.max_redirects > 0 && is_redirect(response->status) &&
                      !response->redirect_url.empty();
        if (!follow) {
            return FetchResponse{.status = response->status,
                                 .headers = std::move(response->headers),
                                 .body = std::move(response->body),
                                 .url = target->url,
                                 .remote_address = address->to_string()};
        }
        if (hop == options_.max_redirects) {
            return FetchError{FetchErrorKind::TooManyRedirects,
                              "more than " + std::to_string(options_.max_redirects) +
                                  " redirects, the last from " + target->host};
        }
        // Browsers' behaviour, which servers expect: 303 always, and 301/302 after a POST,
        // continue with a GET without the body.
        int status = response->status;
        if (status == 303 || ((status == 301 || status == 302) && method == http::Method::Post)) {
            if (method != http::Method::Head) method = http::Method::Get;
            body = &no_body;
        }
        url = std::move(response->redirect_url);
    }
}

}  // namespace station::net
