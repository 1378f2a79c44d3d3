#include "platform/accounts/accounts.hpp"

#include "base/http/request_error.hpp"
#include "base/util/strings.hpp"
#include "platform/accounts/credential_rules.hpp"
#include "platform/control_plane/admin_repository.hpp"
#include "platform/control_plane/merchant_repository.hpp"
#include "platform/control_plane/session_repository.hpp"

namespace station::accounts {

Accounts::Accounts(control::PlatformDb& platform_db, stores::StoreProvisioning& provisioning,
                   const util::Clock& clock, AccountOptions options)
    : platform_db_(platform_db),
      provisioning_(provisioning),
      clock_(clock),
      options_(options),
      decoy_hash_(crypto::hash_password(crypto::random_token(), options.password_cost)) {}

SignupResult Accounts::signup(const SignupInput& input, std::string_view remote_address) {
    std::string email = util::to_lower(input.email);
    if (auto problem = check_email(email)) throw http::RequestError(422, "email", *problem);
    if (auto problem = check_password(input.password)) {
        throw http::RequestError(422, "password", *problem);
    }
    if (input.name.size() > 200) throw http::RequestError(422, "name", "must be at most 200 bytes");
    provisioning_.validate(input.store);
    // Hash before taking the database lock: argon2id is deliberately slow.
    std::string password_hash = crypto::hash_password(input.password, options_.password_cost);

    SignupResult result = platform_db_.with([&](sql::Database& db) {
        sql::Transaction tx(db);
        control::MerchantRepository merchants(db);
        if (merchants.find_by_email(email)) {
            throw http::RequestError(409, "email", "an account with this email already exists");
        }
        std::int64_t now = clock_.unix_seconds();
        std::int64_t merchant_id = merchants.insert(email, input.name, password_hash, now);
        SignupResult inserted;
        inserted.store = provisioning_.insert_rows(db, merchant_id, input.store,
                                                   "merchant:" + std::to_string(merchant_id));
        inserted.merchant = *merchants.find_by_id(merchant_id);
        inserted.session =
            open_session(db, control::PrincipalKind::Merchant, merchant_id, remote_address);
        tx.commit();
        return inserted;
    });
    provisioning_.create_files(result.store.store.id);
    return result;
}

bool Accounts::password_matches(const std::optional<std::string>& stored_hash,
                                std::string_view password) {
    bool ok = crypto::verify_password(stored_hash ? *stored_hash : decoy_hash_, password);
    return ok && stored_hash.has_value();
}

std::optional<std::pair<control::Merchant, SessionGrant>> Accounts::login(
    std::string_view email, std::string_view password, std::string_view remote_address) {
    std::string normalized = util::to_lower(email);
    auto merchant = platform_db_.with([&](sql::Database& db) {
        return control::MerchantRepository(db).find_by_email(normalized);
    });
    std::optional<std::string> hash;
    if (merchant) hash = merchant->password_hash;
    if (!password_matches(hash, password)) return std::nullopt;
    SessionGrant grant = platform_db_.with([&](sql::Database& db) {
        return open_session(db, control::PrincipalKind::Merchant, merchant->id, remote_address);
    });
    return std::make_pair(*merchant, grant);
}

std::optional<MerchantSession> Accounts::authenticate_merchant(std::string_view session_token) {
    auto session = find_session(session_token, control::PrincipalKind::Merchant);
    if (!session) return std::nullopt;
    auto merchant = platform_db_.with([&](sql::Database& db) {
        return control::MerchantRepository(db).find_by_id(session->principal_id);
    });
    if (!merchant) return std::nullopt;
    return MerchantSession{*merchant, *session};
}

std::int64_t Accounts::create_admin(std::string_view email, std::string_view password) {
    std::string normalized = util::to_lower(email);
    if (auto problem = check_email(normalized)) throw http::RequestError(422, "email", *problem);
    if (auto problem = check_password(password)) {
        throw http::RequestError(422, "password", *problem);
    }
    std::string hash = crypto::hash_password(password, options_.password_cost);
    return platform_db_.with([&](sql::Database& db) {
        return control::AdminRepository(db).upsert(normalized, hash, clock_.unix_seconds());
    });
}

std::optional<std::pair<control::PlatformAdmin, SessionGrant>> Accounts::login_admin(
    std::string_view email, std::string_view password, std::string_view remote_address) {
    std::string normalized = util::to_lower(email);
    auto admin = platform_db_.with(
        [&](sql::Database& db) { return control::AdminRepository(db).find_by_email(normalized); });
    std::optional<std::string> hash;
    if (admin) hash = admin->password_hash;
    if (!password_matches(hash, password)) return std::nullopt;
    SessionGrant grant = platform_db_.with([&](sql::Database& db) {
        return open_session(db, control::PrincipalKind::Admin, admin->id, remote_address);
    });
    return std::make_pair(*admin, grant);
}

std::optional<AdminSession> Accounts::authenticate_admin(std::string_view session_token) {
    auto session = find_session(session_token, control::PrincipalKind::Admin);
    if (!session) return std::nullopt;
    auto admin = platform_db_.with([&](sql::Database& db) {
        return control::AdminRepository(db).find_by_id(session->principal_id);
    });
    if (!admin) return std::nullopt;
    return AdminSession{*admin, *session};
}

void Accounts::logout(std::string_view session_token) {
    std::string hash = crypto::sha256_hex(session_token);
    platform_db_.with([&](sql::Database& db) { control::SessionRepository(db).erase(hash); });
}

SessionGrant Accounts::open_session(sql::Database& db, control::PrincipalKind kind,
                                    std::int64_t principal_id, std::string_view remote_address) {
    std::int64_t now = clock_.unix_seconds();
    SessionGrant grant{crypto::random_token(32), crypto::random_token(24),
                       now + options_.session_ttl.count()};
    control::Session session{crypto::sha256_hex(grant.token),
                             kind,
                             principal_id,
                             grant.csrf_token,
                             now,
                             grant.expires_at};
    control::SessionRepository(db).insert(session, remote_address);
    return grant;
}

std::optional<control::Session> Accounts::find_session(std::string_view token,
                                                       control::PrincipalKind kind) {
    if (token.empty() || token.size() > 128) return std::nullopt;
    std::string hash = crypto::sha256_hex(token);
    auto session = platform_db_.with([&](sql::Database& db) {
        return control::SessionRepository(db).find_valid(hash, clock_.unix_seconds());
    });
    if (!session || session->kind != kind) return std::nullopt;
    return session;
}

}  // namespace station::accounts
