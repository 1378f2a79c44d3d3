#pragma once
// The merchant-facing platform API on the platform host (/api/…): signup, login/logout, the
// current account, stores, custom domains, staff and Admin API tokens.
//
// Authentication: the `station_session` cookie (HttpOnly, SameSite=Lax, Secure over HTTPS);
// writes with it need the session's CSRF token in X-CSRF-Token. A store is visible to its owner
// and staff; staff may read but only the owner may change it; other merchants get 404.
// Login and signup are rate-limited per client address.

#include "base/http/message.hpp"
#include "base/shared_state/shared_state.hpp"
#include "platform/accounts/accounts.hpp"
#include "platform/domains/domain_service.hpp"
#include "platform/stores/access_tokens.hpp"
#include "platform/stores/store_operations.hpp"
#include "platform/stores/store_provisioning.hpp"

namespace station::api {

struct AuthRateLimits {
    shared::LeakyBucket login{10, std::chrono::seconds(6)};    // 10 per minute
    shared::LeakyBucket signup{5, std::chrono::seconds(120)};  // 30 per hour, bursts of 5
};

struct MerchantApiDeps {
    accounts::Accounts& accounts;
    stores::StoreProvisioning& provisioning;
    stores::StoreOperations& operations;
    stores::AccessTokens& tokens;
    domains::DomainService& domains;
    shared::RateLimiter& rate_limiter;
    AuthRateLimits limits;
};

class MerchantApi {
public:
    explicit MerchantApi(MerchantApiDeps deps) : deps_(std::move(deps)) {}

    // Handles every path under /api/; never returns for other paths.
    http::Response handle(http::Request& request);

private:
    http::Response signup(http::Request& request);
    http::Response login(http::Request& request);
    http::Response logout(http::Request& request);
    http::Response me(const accounts::MerchantSession& session);
    http::Response create_store(const accounts::MerchantSession& session, http::Request& request);
    http::Response store_routes(const accounts::MerchantSession& session, http::Request& request,
                                const std::vector<std::string_view>& segments);

    // A request under /api/stores/{id}/… that passed the owner/staff checks.
    struct StoreCall {
        const control::StoreRecord& store;
        http::Request& request;
        const std::vector<std::string_view>& segments;
        std::string actor;
    };
    http::Response domain_routes(const StoreCall& call);
    http::Response staff_routes(const StoreCall& call);
    http::Response token_routes(const StoreCall& call);

    MerchantApiDeps deps_;
};

}  // namespace station::api
