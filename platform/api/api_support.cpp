#include "platform/api/api_support.hpp"

#include <cmath>

#include <boost/json/serialize.hpp>
#include <spdlog/spdlog.h>

#include "base/crypto/secrets.hpp"
#include "base/http/json_input.hpp"
#include "base/http/request_error.hpp"
#include "base/util/clock.hpp"
#include "base/util/strings.hpp"

namespace station::api {

boost::json::object read_json_body(const http::Request& request) {
    std::string_view type = request.header("Content-Type");
    if (!util::starts_with_icase(type, "application/json")) {
        throw http::RequestError(415, "Content-Type", "must be application/json");
    }
    return http::parse_json_object(request.body, 64 * 1024);
}

void require_csrf(const http::Request& request, const control::Session& session) {
    std::string_view sent = request.header(kCsrfHeader);
    if (sent.empty() || !crypto::constant_time_equal(sent, session.csrf_token)) {
        throw http::RequestError(403, "csrf",
                                 "missing or wrong X-CSRF-Token header for a cookie-"
                                 "authenticated write");
    }
}

bool is_write(http::Method method) {
    return method == http::Method::Post || method == http::Method::Put ||
           method == http::Method::Patch || method == http::Method::Delete;
}

void limit_rate(shared::RateLimiter& limiter, std::string_view bucket_name, std::string_view client,
                const shared::LeakyBucket& bucket) {
    shared::RateDecision decision{true, 0, bucket.capacity, {}};
    try {
        decision = limiter.acquire(std::string(bucket_name) + ":" + std::string(client), bucket);
    } catch (const shared::SharedStateError& e) {
        spdlog::warn("rate limiter unavailable, allowing {}: {}", bucket_name, e.what());
        return;
    }
    if (!decision.allowed) {
        auto seconds = static_cast<long long>(
            std::ceil(static_cast<double>(decision.retry_after.count()) / 1000.0));
        throw http::RequestError(
            429, "",
            "too many attempts; retry in " + std::to_string(std::max(1LL, seconds)) + " s");
    }
}

std::vector<std::string_view> path_segments(std::string_view path) {
    std::vector<std::string_view> out;
    for (auto part : util::split(path, '/')) {
        if (!part.empty()) out.push_back(part);
    }
    return out;
}

std::int64_t parse_id(std::string_view segment) {
    if (segment.empty() || segment.size() > 18 ||
        segment.find_first_not_of("0123456789") != std::string_view::npos) {
        throw http::RequestError(404, "id", "not found");
    }
    std::int64_t id = std::stoll(std::string(segment));
    if (id <= 0) throw http::RequestError(404, "id", "not found");
    return id;
}

http::Response json_response(int status, const boost::json::value& value) {
    return http::Response::json(status, boost::json::serialize(value));
}

void set_session_cookie(http::Response& response, std::string_view name, std::string_view token,
                        std::int64_t max_age_seconds, bool secure) {
    http::CookieOptions options;
    options.max_age = std::chrono::seconds(max_age_seconds);
    options.secure = secure;
    response.set_cookie(name, token, options);
}

void clear_session_cookie(http::Response& response, std::string_view name, bool secure) {
    http::CookieOptions options;
    options.secure = secure;
    response.clear_cookie(name, options);
}

boost::json::object merchant_json(const control::Merchant& m) {
    return {{"id", m.id},
            {"email", m.email},
            {"name", m.name},
            {"created_at", util::format_iso8601(m.created_at)}};
}

boost::json::object quotas_json(const tenant::Quotas& q) {
    return {{"products", q.max_products},
            {"staff", q.max_staff},
            {"storage_bytes", q.max_storage_bytes},
            {"requests_per_minute", q.requests_per_minute}};
}

boost::json::object store_json(const control::StoreRecord& s, std::string_view domain) {
    boost::json::object out{{"id", s.id},
                            {"handle", s.handle},
                            {"name", s.name},
                            {"domain", domain},
                            {"status", control::to_string(s.status)},
                            {"plan", s.plan},
                            {"quotas", quotas_json(s.quotas)},
                            {"currency", s.base_currency},
                            {"locale", s.default_locale},
                            {"merchant_id", s.merchant_id},
                            {"created_at", util::format_iso8601(s.created_at)}};
    if (s.status_reason) out["status_reason"] = *s.status_reason;
    return out;
}

}  // namespace station::api
