#pragma once
// Transport-neutral HTTP request/response values. The Beast server (platform/http) converts to and
// from these, so handlers everywhere else compile without Beast or Asio headers.

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace station::http {

enum class Method { Get, Head, Post, Put, Patch, Delete, Options, Other };

std::string_view method_name(Method m);

// An ordered header list with case-insensitive lookup. Small (tens of entries), so a vector beats
// a map.
class Headers {
public:
    // The first value of `name`, or empty if absent.
    std::string_view get(std::string_view name) const;
    bool contains(std::string_view name) const;
    // Replaces every existing `name` header with one value.
    void set(std::string_view name, std::string value);
    // Adds a header even if one with the same name exists (Set-Cookie, Link).
    void add(std::string_view name, std::string value);
    void erase(std::string_view name);

    auto begin() const { return fields_.begin(); }
    auto end() const { return fields_.end(); }
    std::size_t size() const { return fields_.size(); }

private:
    std::vector<std::pair<std::string, std::string>> fields_;
};

struct Request {
    Method method = Method::Get;
    std::string method_text;  // as received, for logs and Method::Other
    std::string target;       // raw request target: path plus optional query
    std::string path;         // percent-decoded path, without the query
    std::string query;        // raw query string without '?'
    std::string host;         // normalized: lower-case, no port, no trailing dot
    Headers headers;
    std::string body;
    std::string remote_address;
    bool secure = false;  // arrived over TLS (or a trusted proxy said so)
    std::string request_id;
    // Set by the tenant router once the store is known; only the access log reads it.
    std::string store_label;

    std::string_view header(std::string_view name) const { return headers.get(name); }
    // The value of a cookie sent by the client, or nullopt.
    std::optional<std::string> cookie(std::string_view name) const;
    // The first percent-decoded value of a query parameter, or nullopt.
    std::optional<std::string> query_param(std::string_view name) const;
};

struct CookieOptions {
    std::string path = "/";
    std::optional<std::chrono::seconds> max_age;  // nullopt: a session cookie
    bool http_only = true;
    bool secure = false;
    std::string same_site = "Lax";
};

struct Response {
    int status = 200;
    Headers headers;
    std::string body;

    static Response text(int status, std::string body,
                         std::string_view content_type = "text/plain; charset=utf-8");
    static Response html(int status, std::string body);
    // `json_text` must already be serialized JSON.
    static Response json(int status, std::string json_text);
    static Response redirect(int status, std::string location);

    void set_cookie(std::string_view name, std::string_view value, const CookieOptions& options);
    void clear_cookie(std::string_view name, const CookieOptions& options);
};

// Lower-cases, strips a port and a trailing dot. Returns empty for an unusable value.
std::string normalize_host(std::string_view host_header);

}  // namespace station::http
