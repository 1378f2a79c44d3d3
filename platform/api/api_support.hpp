#pragma once
// Shared plumbing of the platform's JSON APIs: body parsing, session cookies, CSRF, per-IP
// rate limits, path matching and JSON views of control-plane records.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <boost/json/object.hpp>

#include "base/http/message.hpp"
#include "base/shared_state/shared_state.hpp"
#include "platform/control_plane/records.hpp"

namespace station::api {

inline constexpr std::string_view kMerchantSessionCookie = "station_session";
inline constexpr std::string_view kAdminSessionCookie = "station_admin_session";
inline constexpr std::string_view kCsrfHeader = "X-CSRF-Token";

// Writes must carry a JSON body (a cross-site HTML form cannot send one without a CORS
// preflight), so 415 otherwise; then parses it (400/413 on bad input).
boost::json::object read_json_body(const http::Request& request);

// 403 "csrf" unless the request's X-CSRF-Token equals the session's token.
void require_csrf(const http::Request& request, const control::Session& session);

bool is_write(http::Method method);

// Applies a per-client leaky bucket; 429 (with Retry-After) when exhausted. Fails open if the
// shared state is unreachable.
void limit_rate(shared::RateLimiter& limiter, std::string_view bucket_name, std::string_view client,
                const shared::LeakyBucket& bucket);

// Splits "/api/stores/12/domains" into {"api","stores","12","domains"} (empty segments dropped).
std::vector<std::string_view> path_segments(std::string_view path);
// A positive id, or 404 "id".
std::int64_t parse_id(std::string_view segment);

http::Response json_response(int status, const boost::json::value& value);

void set_session_cookie(http::Response& response, std::string_view name, std::string_view token,
                        std::int64_t max_age_seconds, bool secure);
void clear_session_cookie(http::Response& response, std::string_view name, bool secure);

boost::json::object merchant_json(const control::Merchant& merchant);
boost::json::object quotas_json(const tenant::Quotas& quotas);
boost::json::object store_json(const control::StoreRecord& store, std::string_view domain);

}  // namespace station::api
