#include "tenant_runtime/plugins/services/egress.hpp"

#include <memory>

#include <curl/curl.h>

#include "base/net/http_fetch.hpp"
#include "base/util/strings.hpp"

namespace station::plugins {
namespace {

std::optional<http::Method> parse_method(std::string_view method) {
    if (method == "GET") return http::Method::Get;
    if (method == "HEAD") return http::Method::Head;
    if (method == "POST") return http::Method::Post;
    if (method == "PUT") return http::Method::Put;
    if (method == "PATCH") return http::Method::Patch;
    if (method == "DELETE") return http::Method::Delete;
    return std::nullopt;
}

station_status status_of(net::FetchErrorKind kind) {
    switch (kind) {
        case net::FetchErrorKind::InvalidUrl:
        case net::FetchErrorKind::InvalidRequest:
            return STATION_ERR_INVALID;
        case net::FetchErrorKind::ForbiddenAddress:
            return STATION_ERR_DENIED;
        case net::FetchErrorKind::Timeout:
            return STATION_ERR_TIMEOUT;
        case net::FetchErrorKind::ResponseTooLarge:
            return STATION_ERR_TOO_LARGE;
        case net::FetchErrorKind::DnsFailure:
        case net::FetchErrorKind::ConnectFailed:
        case net::FetchErrorKind::TooManyRedirects:
        case net::FetchErrorKind::TlsFailure:
        case net::FetchErrorKind::ProtocolError:
            return STATION_ERR_UNAVAILABLE;
    }
    return STATION_ERR_UNAVAILABLE;
}

}  // namespace

bool egress_allowed(const std::vector<std::string>& allow_list, std::string_view host) {
    for (const std::string& entry : allow_list) {
        if (entry == host) return true;
        if (entry.starts_with("*.")) {
            std::string_view suffix = std::string_view(entry).substr(1);  // ".example.com"
            if (host.size() > suffix.size() && host.ends_with(suffix)) return true;
        }
    }
    return false;
}

std::string url_host(std::string_view url) {
    std::unique_ptr<CURLU, decltype(&curl_url_cleanup)> handle(curl_url(), &curl_url_cleanup);
    if (!handle) return {};
    std::string text(url);
    if (curl_url_set(handle.get(), CURLUPART_URL, text.c_str(), 0) != CURLUE_OK) return {};
    char* scheme = nullptr;
    if (curl_url_get(handle.get(), CURLUPART_SCHEME, &scheme, 0) != CURLUE_OK) return {};
    std::string scheme_text = util::to_lower(scheme);
    curl_free(scheme);
    if (scheme_text != "http" && scheme_text != "https") return {};
    char* host = nullptr;
    if (curl_url_get(handle.get(), CURLUPART_HOST, &host, 0) != CURLUE_OK) return {};
    std::string out = util::to_lower(host);
    curl_free(host);
    if (out.size() > 1 && out.back() == '.') out.pop_back();
    return out;
}

EgressClient::EgressClient(const net::DnsResolver& resolver, EgressOptions options)
    : resolver_(resolver), options_(std::move(options)) {}

ServiceReply EgressClient::fetch(const std::vector<std::string>& allow_list,
                                 std::string_view method, std::string_view url,
                                 std::string_view header_lines, std::string_view body,
                                 std::int64_t timeout_ms,
                                 std::chrono::milliseconds remaining) const {
    auto parsed_method = parse_method(method);
    std::string host = url_host(url);
    if (!parsed_method || host.empty() || timeout_ms < 0) {
        return ServiceReply::failure(STATION_ERR_INVALID);
    }
    if (!egress_allowed(allow_list, host)) return ServiceReply::failure(STATION_ERR_DENIED);
    if (body.size() > options_.max_request_bytes) {
        return ServiceReply::failure(STATION_ERR_TOO_LARGE);
    }
    net::FetchRequest request;
    request.method = *parsed_method;
    request.url = std::string(url);
    request.body = std::string(body);
    for (std::string_view line : util::split(header_lines, '\n')) {
        if (line.ends_with('\r')) line.remove_suffix(1);
        if (line.empty()) continue;
        auto colon = line.find(':');
        if (colon == std::string_view::npos || colon == 0) {
            return ServiceReply::failure(STATION_ERR_INVALID);
        }
        request.headers.add(line.substr(0, colon), std::string(util::trim(line.substr(colon + 1))));
    }

    std::chrono::milliseconds timeout =
        timeout_ms == 0 ? options_.default_timeout : std::chrono::milliseconds(timeout_ms);
    timeout = std::min({timeout, options_.max_timeout, remaining});
    if (timeout.count() <= 0) return ServiceReply::failure(STATION_ERR_TIMEOUT);
    net::FetchOptions fetch_options;
    fetch_options.allow_private = options_.allow_private;
    fetch_options.total_timeout = timeout;
    fetch_options.connect_timeout = std::min(timeout, std::chrono::milliseconds(3000));
    fetch_options.max_response_bytes = options_.max_response_bytes;
    fetch_options.port_overrides = options_.port_overrides;
    fetch_options.user_agent = "Station Plugins";
    net::HttpFetcher fetcher(resolver_, fetch_options);
    net::FetchResult result = fetcher.fetch(request);
    if (!result) return ServiceReply::failure(status_of(result.error().kind));
    ServiceReply reply;
    reply.value = result->status;
    reply.data = std::move(result->body);
    for (const auto& [name, value] : result->headers)
        reply.extra += name + ": " + value + "\r\n";
    return reply;
}

}  // namespace station::plugins
