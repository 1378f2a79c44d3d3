#include "platform/stores/access_tokens.hpp"

#include <boost/json/serialize.hpp>

#include "base/crypto/secrets.hpp"
#include "base/http/request_error.hpp"
#include "platform/control_plane/api_token_repository.hpp"
#include "platform/control_plane/audit_log.hpp"
#include "platform/stores/store_provisioning.hpp"
#include "tenant_runtime/admin_api/access_scopes.hpp"

namespace station::stores {
namespace {

constexpr std::size_t kMaxCachedTokens = 50'000;

}  // namespace

AccessTokens::AccessTokens(control::PlatformDb& platform_db, const util::Clock& clock)
    : platform_db_(platform_db), clock_(clock) {}

IssuedToken AccessTokens::issue(std::int64_t store_id, const std::string& label,
                                const std::vector<std::string>& scopes, std::string_view actor) {
    if (label.empty() || label.size() > 100) {
        throw http::RequestError(422, "label", "must be 1 to 100 bytes");
    }
    if (scopes.empty()) throw http::RequestError(422, "scopes", "must name at least one scope");
    for (const auto& scope : scopes) {
        if (!tenant::is_known_scope(scope)) {
            throw http::RequestError(422, "scopes", "unknown scope '" + scope + "'");
        }
    }
    IssuedToken issued;
    issued.plaintext = new_admin_token();
    platform_db_.with([&](sql::Database& db) {
        sql::Transaction tx(db);
        std::int64_t now = clock_.unix_seconds();
        control::ApiTokenRepository tokens(db);
        std::int64_t id =
            tokens.insert(store_id, crypto::sha256_hex(issued.plaintext), label, scopes, now);
        boost::json::object detail{{"token_id", id}, {"label", label}};
        control::AuditLog(db).record(actor, "token.issue", store_id, boost::json::serialize(detail),
                                     now);
        tx.commit();
        for (auto& token : tokens.list_for_store(store_id)) {
            if (token.id == id) issued.token = std::move(token);
        }
    });
    return issued;
}

std::vector<control::ApiToken> AccessTokens::list(std::int64_t store_id) {
    return platform_db_.with([&](sql::Database& db) {
        return control::ApiTokenRepository(db).list_for_store(store_id);
    });
}

void AccessTokens::revoke(std::int64_t store_id, std::int64_t token_id, std::string_view actor) {
    platform_db_.with([&](sql::Database& db) {
        sql::Transaction tx(db);
        std::int64_t now = clock_.unix_seconds();
        if (!control::ApiTokenRepository(db).revoke(store_id, token_id, now)) {
            throw http::RequestError(404, "token", "no such active token");
        }
        boost::json::object detail{{"token_id", token_id}};
        control::AuditLog(db).record(actor, "token.revoke", store_id,
                                     boost::json::serialize(detail), now);
        tx.commit();
    });
    std::lock_guard lock(cache_mutex_);
    cache_.clear();
}

std::optional<control::ApiToken> AccessTokens::authenticate(std::string_view plaintext) {
    if (plaintext.empty() || plaintext.size() > 128) return std::nullopt;
    std::string hash = crypto::sha256_hex(plaintext);
    auto now = std::chrono::steady_clock::now();
    {
        std::lock_guard lock(cache_mutex_);
        if (auto it = cache_.find(hash); it != cache_.end() && it->second.expires > now) {
            return it->second.token;
        }
    }
    auto token = platform_db_.with(
        [&](sql::Database& db) { return control::ApiTokenRepository(db).find_active(hash); });
    std::lock_guard lock(cache_mutex_);
    if (cache_.size() >= kMaxCachedTokens) cache_.clear();
    cache_[hash] = {token, now + kCacheTtl};
    return token;
}

}  // namespace station::stores
