#pragma once
// Internal to station_net (used by http_fetch.cpp, not a public header): one HTTP request and
// response over libcurl with the connection pinned to an address the caller already checked.
// Knows nothing of DNS, policy or redirects.

#include <chrono>
#include <cstddef>
#include <string>

#include <boost/system/result.hpp>

#include "base/http/message.hpp"
#include "base/net/http_fetch.hpp"
#include "base/net/ip_address.hpp"

namespace station::net::detail {

struct Exchange {
    http::Method method = http::Method::Get;
    std::string url;                         // absolute, already normalized by libcurl's URL parser
    const http::Headers* headers = nullptr;  // validated request headers; borrowed
    const std::string* body = nullptr;       // sent when the method carries one; borrowed
    IpAddress address;                       // the only address the socket may connect to
    int connect_port = 0;
    std::string host;  // for messages
    std::chrono::milliseconds connect_timeout{};
    std::chrono::milliseconds total_timeout{};
    std::size_t max_body_bytes = 0;
    std::string user_agent;
};

struct ExchangeResponse {
    int status = 0;
    http::Headers headers;
    std::string body;
    std::string redirect_url;  // the absolute target of a Location header, or empty
};

boost::system::result<ExchangeResponse, FetchError> perform_exchange(const Exchange& exchange);

}  // namespace station::net::detail
