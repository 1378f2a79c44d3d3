#include "base/net/curl_exchange.hpp"

#include <cstring>
#include <memory>
#include <mutex>
#include <stdexcept>

#include <curl/curl.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include "base/util/strings.hpp"

namespace station::net::detail {
namespace {

// Response headers beyond this are a hostile or broken server; libcurl 7.88 caps only single lines.
constexpr std::size_t kMaxHeaderBytes = std::size_t{64} * 1024;

void init_curl_once() {
    static std::once_flag once;
    std::call_once(once, [] {
        if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
            throw std::runtime_error("curl_global_init failed");
        }
    });
}

struct Transfer {
    const Exchange* exchange = nullptr;
    ExchangeResponse response;
    std::size_t header_bytes = 0;
    bool body_too_large = false;
    bool headers_too_large = false;
    bool blocked_address = false;
};

std::size_t on_body(char* data, std::size_t size, std::size_t count, void* user) {
    auto* transfer = static_cast<Transfer*>(user);
    std::size_t bytes = size * count;
    if (transfer->response.body.size() + bytes > transfer->exchange->max_body_bytes) {
        transfer->body_too_large = true;
        return 0;  // any short count makes libcurl abort with CURLE_WRITE_ERROR
    }
    transfer->response.body.append(data, bytes);
    return bytes;
}

std::size_t on_header(char* data, std::size_t size, std::size_t count, void* user) {
    auto* transfer = static_cast<Transfer*>(user);
    std::size_t bytes = size * count;
    transfer->header_bytes += bytes;
    if (transfer->header_bytes > kMaxHeaderBytes) {
        transfer->headers_too_large = true;
        return 0;
    }
    std::string_view line(data, bytes);
    if (line.starts_with("HTTP/")) {
        // A new response begins (after a 100 Continue): only the final one's headers count.
        transfer->response.headers = http::Headers();
        return bytes;
    }
    std::size_t colon = line.find(':');
    if (colon != std::string_view::npos && colon > 0) {
        transfer->response.headers.add(util::trim(line.substr(0, colon)),
                                       std::string(util::trim(line.substr(colon + 1))));
    }
    return bytes;
}

bool same_address(const curl_sockaddr& candidate, const IpAddress& expected) {
    if (candidate.family == AF_INET && expected.is_v4()) {
        const auto* in = reinterpret_cast<const sockaddr_in*>(&candidate.addr);
        return std::memcmp(&in->sin_addr, expected.bytes().data(), 4) == 0;
    }
    if (candidate.family == AF_INET6 && !expected.is_v4()) {
        const auto* in6 = reinterpret_cast<const sockaddr_in6*>(&candidate.addr);
        return std::memcmp(&in6->sin6_addr, expected.bytes().data(), 16) == 0;
    }
    return false;
}

// Defence in depth behind CURLOPT_CONNECT_TO: whatever libcurl decides, no socket opens to an
// address other than the one the policy approved.
curl_socket_t open_checked_socket(void* user, curlsocktype, curl_sockaddr* address) {
    auto* transfer = static_cast<Transfer*>(user);
    if (!same_address(*address, transfer->exchange->address)) {
        transfer->blocked_address = true;
        return CURL_SOCKET_BAD;
    }
    return socket(address->family, address->socktype, address->protocol);
}

std::string connect_to_entry(const IpAddress& address, int port) {
    // Empty host and port: applies to whatever the URL names, so no hostname matching can miss.
    std::string host = address.is_v4() ? address.to_string() : "[" + address.to_string() + "]";
    return "::" + host + ":" + std::to_string(port);
}

std::string header_line(std::string_view name, std::string_view value) {
    // "Name:" would tell libcurl to drop the header; "Name;" sends it with an empty value.
    if (value.empty()) return std::string(name) + ";";
    return std::string(name) + ": " + std::string(value);
}

FetchError transport_error(CURLcode code, const Transfer& transfer, const char* detail) {
    const Exchange& exchange = *transfer.exchange;
    std::string where = exchange.host + " (" + exchange.address.to_string() + ":" +
                        std::to_string(exchange.connect_port) + ")";
    std::string reason = detail && *detail ? detail : curl_easy_strerror(code);
    if (transfer.blocked_address) {
        return {FetchErrorKind::ForbiddenAddress,
                "refused a connection to " + where + " outside the checked address"};
    }
    if (transfer.headers_too_large) {
        return {FetchErrorKind::ResponseTooLarge, "response headers from " + exchange.host +
                                                      " exceed " + std::to_string(kMaxHeaderBytes) +
                                                      " bytes"};
    }
    if (transfer.body_too_large || code == CURLE_FILESIZE_EXCEEDED) {
        return {FetchErrorKind::ResponseTooLarge, "response from " + exchange.host + " exceeds " +
                                                      std::to_string(exchange.max_body_bytes) +
                                                      " bytes"};
    }
    switch (code) {
        case CURLE_OPERATION_TIMEDOUT:
            return {FetchErrorKind::Timeout, "request to " + where + " timed out: " + reason};
        case CURLE_COULDNT_CONNECT:
            return {FetchErrorKind::ConnectFailed, "could not connect to " + where + ": " + reason};
        case CURLE_SSL_CONNECT_ERROR:
        case CURLE_PEER_FAILED_VERIFICATION:
        case CURLE_SSL_CERTPROBLEM:
        case CURLE_SSL_CIPHER:
        case CURLE_SSL_CACERT_BADFILE:
        case CURLE_SSL_ISSUER_ERROR:
            return {FetchErrorKind::TlsFailure, "TLS with " + where + " failed: " + reason};
        default:
            return {FetchErrorKind::ProtocolError, "request to " + where + " failed: " + reason};
    }
}

using CurlHandle = std::unique_ptr<CURL, decltype(&curl_easy_cleanup)>;
using CurlList = std::unique_ptr<curl_slist, decltype(&curl_slist_free_all)>;

void append(CurlList& list, const std::string& line) {
    curl_slist* grown = curl_slist_append(list.get(), line.c_str());
    if (!grown) throw std::bad_alloc();
    // libcurl extended the same list (or started one): ownership moves to `grown` without a free.
    static_cast<void>(list.release());
    list.reset(grown);
}

void set_method(CURL* curl, const Exchange& exchange) {
    const std::string& body = *exchange.body;
    switch (exchange.method) {
        case http::Method::Get:
            curl_easy_setopt(curl, CURLOPT_HTTPGET, 1L);
            return;
        case http::Method::Head:
            curl_easy_setopt(curl, CURLOPT_NOBODY, 1L);
            return;
        case http::Method::Post:
            break;
        default:
            curl_easy_setopt(curl, CURLOPT_CUSTOMREQUEST,
                             std::string(http::method_name(exchange.method)).c_str());
            if (body.empty()) return;
            break;
    }
    curl_easy_setopt(curl, CURLOPT_POSTFIELDS, body.data());
    curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(body.size()));
}

}  // namespace

boost::system::result<ExchangeResponse, FetchError> perform_exchange(const Exchange& exchange) {
    init_curl_once();
    CurlHandle handle(curl_easy_init(), curl_easy_cleanup);
    if (!handle) throw std::runtime_error("curl_easy_init failed");
    CURL* curl = handle.get();

    Transfer transfer;
    transfer.exchange = &exchange;

    CurlList connect_to(nullptr, curl_slist_free_all);
    append(connect_to, connect_to_entry(exchange.address, exchange.connect_port));
    CurlList headers(nullptr, curl_slist_free_all);
    append(headers, "Expect:");  // no 100-continue round trip for POST bodies
    for (const auto& [name, value] : *exchange.headers)
        append(headers, header_line(name, value));

    char error_buffer[CURL_ERROR_SIZE] = {};
    curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, error_buffer);
    curl_easy_setopt(curl, CURLOPT_URL, exchange.url.c_str());
    curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(curl, CURLOPT_FOLLOWLOCATION, 0L);
    curl_easy_setopt(curl, CURLOPT_PROXY, "");  // never the environment's http_proxy
    curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(curl, CURLOPT_CONNECT_TO, connect_to.get());
    curl_easy_setopt(curl, CURLOPT_OPENSOCKETFUNCTION, open_checked_socket);
    curl_easy_setopt(curl, CURLOPT_OPENSOCKETDATA, &transfer);
    curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS,
                     static_cast<long>(exchange.connect_timeout.count()));
    curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, static_cast<long>(exchange.total_timeout.count()));
    // Refuses an announced Content-Length over the cap before any body arrives (on_body catches
    // the rest). Not for HEAD, whose Content-Length describes a body that never comes.
    if (exchange.method != http::Method::Head) {
        curl_easy_setopt(curl, CURLOPT_MAXFILESIZE_LARGE,
                         static_cast<curl_off_t>(exchange.max_body_bytes));
    }
    curl_easy_setopt(curl, CURLOPT_USERAGENT, exchange.user_agent.c_str());
    curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers.get());
    curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, on_body);
    curl_easy_setopt(curl, CURLOPT_WRITEDATA, &transfer);
    curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, on_header);
    curl_easy_setopt(curl, CURLOPT_HEADERDATA, &transfer);
    set_method(curl, exchange);

    CURLcode code = curl_easy_perform(curl);
    if (code != CURLE_OK) return transport_error(code, transfer, error_buffer);

    long status = 0;
    curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
    transfer.response.status = static_cast<int>(status);
    char* redirect = nullptr;
    if (curl_easy_getinfo(curl, CURLINFO_REDIRECT_URL, &redirect) == CURLE_OK && redirect) {
        transfer.response.redirect_url = redirect;
    }
    return std::move(transfer.response);
}

}  // namespace station::net::detail
