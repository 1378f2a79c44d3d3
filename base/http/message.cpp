#include "base/http/message.hpp"

#include <algorithm>

#include "base/http/url.hpp"
#include "base/util/strings.hpp"

namespace station::http {

std::string_view method_name(Method m) {
    switch (m) {
        case Method::Get:
            return "GET";
        case Method::Head:
            return "HEAD";
        case Method::Post:
            return "POST";
        case Method::Put:
            return "PUT";
        case Method::Patch:
            return "PATCH";
        case Method::Delete:
            return "DELETE";
        case Method::Options:
            return "OPTIONS";
        case Method::Other:
            return "OTHER";
    }
    return "OTHER";
}

std::string_view Headers::get(std::string_view name) const {
    for (const auto& [key, value] : fields_) {
        if (util::iequals(key, name)) return value;
    }
    return {};
}

bool Headers::contains(std::string_view name) const {
    return std::any_of(fields_.begin(), fields_.end(),
                       [&](const auto& field) { return util::iequals(field.first, name); });
}

void Headers::set(std::string_view name, std::string value) {
    erase(name);
    fields_.emplace_back(std::string(name), std::move(value));
}

void Headers::add(std::string_view name, std::string value) {
    fields_.emplace_back(std::string(name), std::move(value));
}

void Headers::erase(std::string_view name) {
    std::erase_if(fields_, [&](const auto& field) { return util::iequals(field.first, name); });
}

std::optional<std::string> Request::cookie(std::string_view name) const {
    std::string_view header_value = headers.get("Cookie");
    while (!header_value.empty()) {
        std::size_t semi = header_value.find(';');
        std::string_view pair = util::trim(header_value.substr(0, semi));
        header_value =
            semi == std::string_view::npos ? std::string_view{} : header_value.substr(semi + 1);
        std::size_t eq = pair.find('=');
        if (eq == std::string_view::npos) continue;
        if (util::trim(pair.substr(0, eq)) != name) continue;
        std::string_view value = util::trim(pair.substr(eq + 1));
        if (value.size() >= 2 && value.front() == '"' && value.back() == '"') {
            value = value.substr(1, value.size() - 2);
        }
        return std::string(value);
    }
    return std::nullopt;
}

std::optional<std::string> Request::query_param(std::string_view name) const {
    for (auto& [key, value] : parse_query(query)) {
        if (key == name) return std::move(value);
    }
    return std::nullopt;
}

Response Response::text(int status, std::string body, std::string_view content_type) {
    Response r;
    r.status = status;
    r.headers.set("Content-Type", std::string(content_type));
    r.body = std::move(body);
    return r;
}

Response Response::html(int status, std::string body) {
    return text(status, std::move(body), "text/html; charset=utf-8");
}

Response Response::json(int status, std::string json_text) {
    return text(status, std::move(json_text), "application/json; charset=utf-8");
}

Response Response::redirect(int status, std::string location) {
    Response r;
    r.status = status;
    r.headers.set("Location", std::move(location));
    return r;
}

void Response::set_cookie(std::string_view name, std::string_view value,
                          const CookieOptions& options) {
    std::string cookie;
    cookie.append(name).append("=").append(value);
    cookie.append("; Path=").append(options.path);
    if (options.max_age) {
        cookie.append("; Max-Age=").append(std::to_string(options.max_age->count()));
    }
    if (options.http_only) cookie.append("; HttpOnly");
    if (options.secure) cookie.append("; Secure");
    if (!options.same_site.empty()) cookie.append("; SameSite=").append(options.same_site);
    headers.add("Set-Cookie", std::move(cookie));
}

void Response::clear_cookie(std::string_view name, const CookieOptions& options) {
    CookieOptions expired = options;
    expired.max_age = std::chrono::seconds(0);
    set_cookie(name, "", expired);
}

std::string normalize_host(std::string_view host_header) {
    std::string_view host = util::trim(host_header);
    if (!host.empty() && host.front() == '[') {
        // IPv6 literal: keep the bracketed address, drop the port.
        std::size_t close = host.find(']');
        if (close == std::string_view::npos) return {};
        return util::to_lower(host.substr(0, close + 1));
    }
    if (std::size_t colon = host.find(':'); colon != std::string_view::npos) {
        host = host.substr(0, colon);
    }
    while (!host.empty() && host.back() == '.')
        host.remove_suffix(1);
    for (char c : host) {
        bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                  c == '-' || c == '.' || c == '_';
        if (!ok) return {};
    }
    return util::to_lower(host);
}

}  // namespace station::http
