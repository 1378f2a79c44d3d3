#pragma once
// Admin API access tokens: issue (plaintext shown once), list, revoke, and authenticate a token
// presented in X-Shopify-Access-Token / X-Station-Access-Token.
//
// authenticate() is on every Admin API request, so results are cached for a short time
// (kCacheTtl); a revocation through this object takes effect at once, one made by another
// process within kCacheTtl. Threading: thread-safe.

#include <chrono>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "base/util/clock.hpp"
#include "platform/control_plane/platform_db.hpp"
#include "platform/control_plane/records.hpp"

namespace station::stores {

struct IssuedToken {
    control::ApiToken token;
    std::string plaintext;
};

class AccessTokens {
public:
    static constexpr std::chrono::seconds kCacheTtl{2};

    AccessTokens(control::PlatformDb& platform_db, const util::Clock& clock);

    // 422 "scopes" for an unknown or empty scope list, 422 "label" for a bad label.
    IssuedToken issue(std::int64_t store_id, const std::string& label,
                      const std::vector<std::string>& scopes, std::string_view actor);
    std::vector<control::ApiToken> list(std::int64_t store_id);
    // 404 "token" when the store has no such active token.
    void revoke(std::int64_t store_id, std::int64_t token_id, std::string_view actor);

    std::optional<control::ApiToken> authenticate(std::string_view plaintext);

private:
    struct CachedToken {
        std::optional<control::ApiToken> token;
        std::chrono::steady_clock::time_point expires;
    };

    control::PlatformDb& platform_db_;
    const util::Clock& clock_;
    std::mutex cache_mutex_;
    std::unordered_map<std::string, CachedToken> cache_;  // by token hash
};

}  // namespace station::stores
