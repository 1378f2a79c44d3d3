#pragma once
// Merchant and platform-admin accounts: signup (merchant + first store, atomically), login,
// logout and cookie sessions with a CSRF token.
//
// Errors: http::RequestError (422 naming the field, 409 "email" taken, 409 "handle" taken).
// Failed logins are not errors: they return nullopt, and take as long as successful ones.
// Threading: thread-safe.

#include <chrono>
#include <optional>
#include <string>

#include "base/crypto/secrets.hpp"
#include "base/util/clock.hpp"
#include "platform/control_plane/platform_db.hpp"
#include "platform/control_plane/records.hpp"
#include "platform/stores/store_provisioning.hpp"

namespace station::accounts {

struct AccountOptions {
    crypto::PasswordCost password_cost = crypto::kPasswordCostInteractive;
    std::chrono::seconds session_ttl{std::chrono::hours(24 * 14)};
};

struct SignupInput {
    std::string email;
    std::string password;
    std::string name;
    stores::StoreRequest store;
};

// A new session: `token` goes into the cookie, `csrf_token` to the client's script.
struct SessionGrant {
    std::string token;
    std::string csrf_token;
    std::int64_t expires_at = 0;
};

struct SignupResult {
    control::Merchant merchant;
    stores::ProvisionedStore store;
    SessionGrant session;
};

struct MerchantSession {
    control::Merchant merchant;
    control::Session session;
};

struct AdminSession {
    control::PlatformAdmin admin;
    control::Session session;
};

class Accounts {
public:
    Accounts(control::PlatformDb& platform_db, stores::StoreProvisioning& provisioning,
             const util::Clock& clock, AccountOptions options);

    SignupResult signup(const SignupInput& input, std::string_view remote_address);
    std::optional<std::pair<control::Merchant, SessionGrant>> login(
        std::string_view email, std::string_view password, std::string_view remote_address);
    std::optional<MerchantSession> authenticate_merchant(std::string_view session_token);

    // Creates a platform admin or resets their password (the `station admin create` command).
    std::int64_t create_admin(std::string_view email, std::string_view password);
    std::optional<std::pair<control::PlatformAdmin, SessionGrant>> login_admin(
        std::string_view email, std::string_view password, std::string_view remote_address);
    std::optional<AdminSession> authenticate_admin(std::string_view session_token);

    void logout(std::string_view session_token);

    const AccountOptions& options() const { return options_; }

private:
    SessionGrant open_session(sql::Database& db, control::PrincipalKind kind,
                              std::int64_t principal_id, std::string_view remote_address);
    std::optional<control::Session> find_session(std::string_view token,
                                                 control::PrincipalKind kind);
    // Compares against a real hash even when the account does not exist, so response time
    // does not reveal which emails have accounts.
    bool password_matches(const std::optional<std::string>& stored_hash, std::string_view password);

    control::PlatformDb& platform_db_;
    stores::StoreProvisioning& provisioning_;
    const util::Clock& clock_;
    AccountOptions options_;
    std::string decoy_hash_;
};

}  // namespace station::accounts
