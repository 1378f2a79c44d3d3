#include "platform/app/request_dispatcher.hpp"

#include <cmath>

#include <spdlog/spdlog.h>

#include "base/http/request_error.hpp"
#include "platform/api/merchant_api.hpp"
#include "platform/api/platform_admin_api.hpp"
#include "platform/app/pages.hpp"
#include "platform/app/platform.hpp"
#include "platform/routing/tenant_router.hpp"
#include "platform/stores/access_tokens.hpp"
#include "tenant_runtime/admin_api/admin_api.hpp"
#include "tenant_runtime/catalog/image_files.hpp"
#include "tenant_runtime/store/store_pool.hpp"
#include "tenant_runtime/storefront/storefront.hpp"

namespace station::app {
namespace {

constexpr std::string_view kInvalidToken =
    R"json({"errors":"[API] Invalid API key or access token (unrecognized login or wrong password)"})json";

bool under(std::string_view path, std::string_view prefix) {
    return path.starts_with(prefix) || path == prefix.substr(0, prefix.size() - 1);
}

bool is_ip_literal(std::string_view host) {
    if (host.starts_with('[')) return true;
    return !host.empty() && host.find_first_not_of("0123456789.") == std::string_view::npos;
}

// The store's requests-per-minute quota as a leaky bucket: a minute's worth may burst.
std::optional<http::Response> over_request_quota(shared::RateLimiter& limiter,
                                                 const tenant::StoreContext& store) {
    // Beyond one request per microsecond a quota cannot be told from no quota.
    constexpr std::int64_t kUnlimited = 60'000'000;
    std::int64_t per_minute = std::max<std::int64_t>(1, store.quotas.requests_per_minute);
    if (per_minute >= kUnlimited) return std::nullopt;
    shared::LeakyBucket bucket{per_minute, std::chrono::microseconds(60'000'000 / per_minute)};
    shared::RateDecision decision{true, 0, per_minute, {}};
    try {
        decision = limiter.acquire("store:" + std::to_string(store.id), bucket);
    } catch (const shared::SharedStateError& e) {
        spdlog::warn("store rate limiter unavailable: {}", e.what());
    }
    if (decision.allowed) return std::nullopt;
    auto seconds = static_cast<long long>(
        std::ceil(static_cast<double>(decision.retry_after.count()) / 1000.0));
    http::Response response = http::Response::json(
        429, http::error_json(
                 429, "",
                 "the store's plan allows " + std::to_string(per_minute) + " requests per minute"));
    response.headers.set("Retry-After", std::to_string(std::max(1LL, seconds)));
    return response;
}

http::Response unavailable_json(const tenant::StoreContext& store) {
    return http::Response::json(
        503, R"({"errors":"Unavailable Shop: )" + store.handle + R"( is suspended"})");
}

}  // namespace

bool RequestDispatcher::is_platform_host(const std::string& host) const {
    const std::string& domain = platform_.config().platform_domain;
    return host.empty() || host == domain || host == "www." + domain || is_ip_literal(host);
}

http::Response RequestDispatcher::handle(http::Request& request) {
    if (request.path == "/healthz") return http::Response::text(200, "ok\n");
    if (is_platform_host(request.host)) return platform_host(request);
    return store_host(request);
}

http::Response RequestDispatcher::platform_host(http::Request& request) {
    const std::string& path = request.path;
    if (path == "/metrics") {
        return http::Response::text(200, platform_.metrics().render_prometheus(),
                                    "text/plain; version=0.0.4");
    }
    if (under(path, "/api/")) return platform_.merchant_api().handle(request);
    if (under(path, "/platform/api/")) return platform_.platform_admin_api().handle(request);
    if (under(path, "/admin/api/")) return admin_api(request, 0);
    if (path == "/") return landing_page(platform_.config().platform_domain);
    throw http::RequestError(404, "", "not found");
}

http::Response RequestDispatcher::store_host(http::Request& request) {
    auto routed = platform_.router().resolve(request.host);
    if (!routed) return unknown_host_page(request.host);
    request.store_label = routed->context.handle;
    bool admin = under(request.path, "/admin/api/");
    if (routed->status == control::StoreStatus::Suspended) {
        return admin ? unavailable_json(routed->context)
                     : store_unavailable_page(routed->context.name);
    }
    if (admin) return admin_api(request, routed->context.id);
    if (auto refused =
            over_request_quota(platform_.shared_state().rate_limiter(), routed->context)) {
        return std::move(*refused);
    }
    auto runtime = platform_.store_pool().acquire(routed->context.id);
    if (under(request.path, tenant::kFilesPrefix)) {
        return tenant::serve_store_file(*runtime, request);
    }
    return platform_.storefront().handle(*runtime, routed->context, request);
}

http::Response RequestDispatcher::admin_api(http::Request& request, std::int64_t routed_store_id) {
    std::string_view token = request.header("X-Shopify-Access-Token");
    if (token.empty()) token = request.header("X-Station-Access-Token");
    auto granted = platform_.tokens().authenticate(token);
    // A token of another store is as unknown here as a wrong one.
    if (!granted || (routed_store_id != 0 && granted->store_id != routed_store_id)) {
        return http::Response::json(401, std::string(kInvalidToken));
    }
    auto routed = platform_.router().resolve_store(granted->store_id);
    if (!routed) return http::Response::json(401, std::string(kInvalidToken));
    request.store_label = routed->context.handle;
    if (routed->status == control::StoreStatus::Suspended) return unavailable_json(routed->context);
    if (auto refused =
            over_request_quota(platform_.shared_state().rate_limiter(), routed->context)) {
        return std::move(*refused);
    }
    auto runtime = platform_.store_pool().acquire(routed->context.id);
    return platform_.admin_api().handle(*runtime, routed->context,
                                        tenant::AccessScopes(granted->scopes),
                                        "token:" + std::to_string(granted->id), request);
}

}  // namespace station::app
