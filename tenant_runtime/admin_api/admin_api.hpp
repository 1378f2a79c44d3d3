#pragma once
// The store's Admin REST API under /admin/api/{YYYY-MM|unstable}/…, in Shopify's shapes.
//
// The platform authenticates the access token (tokens live in platform.db) and passes the
// granted scopes; this layer enforces scopes per route, the per-token leaky-bucket call limit
// (X-Shopify-Shop-Api-Call-Limit, 429 + Retry-After), plan quotas, and renders every error as
// {"errors": …} with Shopify's status codes.
//
// Threading: handle() is thread-safe.

#include <functional>
#include <string>
#include <vector>

#include <boost/json/value.hpp>

#include "base/http/message.hpp"
#include "base/shared_state/shared_state.hpp"
#include "base/util/clock.hpp"
#include "tenant_runtime/admin_api/access_scopes.hpp"
#include "tenant_runtime/admin_api/admin_services.hpp"
#include "tenant_runtime/store/store_context.hpp"
#include "tenant_runtime/store/store_runtime.hpp"

namespace station::tenant {

// Everything a resource handler may use for one request.
struct AdminCall {
    StoreRuntime& runtime;
    const StoreContext& store;
    http::Request& request;
    // Path segments after the version, ".json" stripped: {"products", "42"}.
    std::vector<std::string> segments;
    const util::Clock& clock;
    const AdminServices& services;
    std::string api_version;  // "2024-10" or "unstable"
    std::string extension;    // ".json", or ".csv" for exports
};

using AdminHandler = std::function<http::Response(AdminCall&)>;

struct AdminRoute {
    http::Method method;
    // Segments to match; "*" matches one numeric id.
    std::vector<std::string> pattern;
    std::string required_scope;
    AdminHandler handler;
    // The one format the route answers in; other extensions get 406.
    std::string_view extension = ".json";
};

class AdminApi {
public:
    AdminApi(shared::RateLimiter& rate_limiter, const util::Clock& clock,
             AdminServices services = {});

    // `rate_key` identifies the caller's bucket (one per access token).
    http::Response handle(StoreRuntime& runtime, const StoreContext& store,
                          const AccessScopes& scopes, const std::string& rate_key,
                          http::Request& request);

    // Every route, in matching order (the isolation tests walk it).
    const std::vector<AdminRoute>& routes() const { return routes_; }

private:
    http::Response dispatch(StoreRuntime& runtime, const StoreContext& store,
                            const AccessScopes& scopes, http::Request& request);

    shared::RateLimiter& rate_limiter_;
    const util::Clock& clock_;
    AdminServices services_;
    std::vector<AdminRoute> routes_;
};

// Serializes {"<root>": value} with the given status, as every resource answers.
http::Response admin_json(int status, std::string_view root, boost::json::value value);

}  // namespace station::tenant
