#pragma once
// The platform operators' API on the platform host (/platform/api/…): log in, list and search
// stores, suspend/resume with a reason, soft-delete, set plans and quotas, read the audit log.
//
// Authentication: the `station_admin_session` cookie of an admin created with
// `station admin create`; writes need the session's X-CSRF-Token. Login is rate-limited per
// client address.

#include "base/http/message.hpp"
#include "base/shared_state/shared_state.hpp"
#include "platform/accounts/accounts.hpp"
#include "platform/api/merchant_api.hpp"
#include "platform/stores/store_operations.hpp"

namespace station::api {

struct PlatformAdminApiDeps {
    accounts::Accounts& accounts;
    stores::StoreOperations& operations;
    shared::RateLimiter& rate_limiter;
    AuthRateLimits limits;
    std::string platform_domain;
};

class PlatformAdminApi {
public:
    explicit PlatformAdminApi(PlatformAdminApiDeps deps) : deps_(std::move(deps)) {}

    // Handles every path under /platform/api/.
    http::Response handle(http::Request& request);

private:
    http::Response login(http::Request& request);
    http::Response list_stores(const http::Request& request);
    http::Response store_routes(const accounts::AdminSession& session, http::Request& request,
                                const std::vector<std::string_view>& segments);

    PlatformAdminApiDeps deps_;
};

}  // namespace station::api
