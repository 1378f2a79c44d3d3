#include "tenant_runtime/admin_api/admin_api.hpp"

#include <cmath>

#include <boost/json/serialize.hpp>
#include <spdlog/spdlog.h>

#include "base/http/request_error.hpp"
#include "base/util/strings.hpp"
#include "tenant_runtime/admin_api/admin_error.hpp"
#include "tenant_runtime/admin_api/resources.hpp"

namespace station::tenant {
namespace {

constexpr std::string_view kPrefix = "/admin/api/";

bool is_api_version(std::string_view v) {
    if (v == "unstable") return true;
    if (v.size() != 7 || v[4] != '-') return false;
    for (std::size_t i = 0; i < v.size(); ++i) {
        if (i != 4 && (v[i] < '0' || v[i] > '9')) return false;
    }
    return true;
}

bool is_numeric_id(std::string_view s) {
    return !s.empty() && s.size() <= 19 &&
           s.find_first_not_of("0123456789") == std::string_view::npos;
}

bool matches(const AdminRoute& route, const std::vector<std::string>& segments) {
    if (route.pattern.size() != segments.size()) return false;
    for (std::size_t i = 0; i < segments.size(); ++i) {
        if (route.pattern[i] == "*" ? !is_numeric_id(segments[i])
                                    : route.pattern[i] != segments[i]) {
            return false;
        }
    }
    return true;
}

http::Response error_response(int status, boost::json::value errors) {
    boost::json::object body{{"errors", std::move(errors)}};
    return http::Response::json(status, boost::json::serialize(body));
}

}  // namespace

http::Response admin_json(int status, std::string_view root, boost::json::value value) {
    boost::json::object body;
    body[root] = std::move(value);
    return http::Response::json(status, boost::json::serialize(body));
}

AdminApi::AdminApi(shared::RateLimiter& rate_limiter, const util::Clock& clock,
                   AdminServices services)
    : rate_limiter_(rate_limiter), clock_(clock), services_(std::move(services)) {
    for (auto routes :
         {shop_routes(), product_routes(), variant_routes(), image_routes(), collection_routes(),
          customer_routes(), inventory_routes(), metafield_routes(), webhook_routes(),
          event_routes(), import_export_routes()}) {
        for (auto& route : routes)
            routes_.push_back(std::move(route));
    }
}

http::Response AdminApi::handle(StoreRuntime& runtime, const StoreContext& store,
                                const AccessScopes& scopes, const std::string& rate_key,
                                http::Request& request) {
    shared::RateDecision decision{true, 0, services_.call_bucket.capacity, {}};
    try {
        decision = rate_limiter_.acquire("admin:" + rate_key, services_.call_bucket);
    } catch (const shared::SharedStateError& e) {
        // Fail open: an unreachable limiter must not take the Admin API down.
        spdlog::warn("admin rate limiter unavailable: {}", e.what());
    }
    http::Response response;
    if (!decision.allowed) {
        response = error_response(429,
                                  "Exceeded 2 calls per second for api client. Reduce request "
                                  "rates to resume uninterrupted service.");
        double seconds =
            std::ceil(static_cast<double>(decision.retry_after.count()) / 100.0) / 10.0;
        char retry[32];
        std::snprintf(retry, sizeof retry, "%.1f", seconds);
        response.headers.set("Retry-After", retry);
    } else {
        response = dispatch(runtime, store, scopes, request);
    }
    response.headers.set("X-Shopify-Shop-Api-Call-Limit",
                         std::to_string(decision.used) + "/" + std::to_string(decision.capacity));
    return response;
}

http::Response AdminApi::dispatch(StoreRuntime& runtime, const StoreContext& store,
                                  const AccessScopes& scopes, http::Request& request) {
    std::string_view path = request.path;
    if (!path.starts_with(kPrefix)) return error_response(404, "Not Found");
    path.remove_prefix(kPrefix.size());
    std::size_t slash = path.find('/');
    if (slash == std::string_view::npos || !is_api_version(path.substr(0, slash))) {
        return error_response(404, "Not Found");
    }
    std::string_view version = path.substr(0, slash);
    std::string_view rest = path.substr(slash + 1);
    std::string_view extension;
    if (auto dot = rest.rfind('.');
        dot != std::string_view::npos && rest.find('/', dot) == std::string_view::npos) {
        extension = rest.substr(dot);
        rest = rest.substr(0, dot);
    }
    std::vector<std::string> segments;
    for (auto part : util::split(rest, '/'))
        segments.emplace_back(part);

    bool path_known = false;
    bool format_known = false;
    for (const AdminRoute& route : routes_) {
        if (!matches(route, segments)) continue;
        path_known = true;
        if (route.extension != extension) continue;
        format_known = true;
        if (route.method != request.method &&
            !(route.method == http::Method::Get && request.method == http::Method::Head)) {
            continue;
        }
        if (!scopes.allows(route.required_scope)) {
            return error_response(403, boost::json::value("[API] This action requires merchant "
                                                          "approval for " +
                                                          route.required_scope + " scope."));
        }
        AdminCall call{runtime,
                       store,
                       request,
                       std::move(segments),
                       clock_,
                       services_,
                       std::string(version),
                       std::string(extension)};
        try {
            return route.handler(call);
        } catch (const AdminError& e) {
            return error_response(e.status(), e.errors());
        } catch (const http::RequestError& e) {
            if (e.status() == 422) {
                return error_response(422, AdminError::invalid(e.field(), e.what()).errors());
            }
            boost::json::object errors;
            errors[e.field().empty() ? "base" : e.field()] = e.what();
            return error_response(e.status(), std::move(errors));
        }
    }
    if (path_known && !format_known) {
        return error_response(406, "Not Acceptable: this resource is served as .json only");
    }
    if (path_known) return error_response(405, "Method Not Allowed");
    return error_response(404, "Not Found");
}

}  // namespace station::tenant
