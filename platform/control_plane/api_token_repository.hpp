#pragma once
// Admin API access tokens of stores. Only the SHA-256 of a token is stored; the token is shown
// to its owner once, when created.

#include <optional>
#include <vector>

#include "base/sqlite/database.hpp"
#include "platform/control_plane/records.hpp"

namespace station::control {

class ApiTokenRepository {
public:
    explicit ApiTokenRepository(sql::Database& db) : db_(db) {}

    std::int64_t insert(std::int64_t store_id, std::string_view token_hash, std::string_view label,
                        const std::vector<std::string>& scopes, std::int64_t now);
    // The unrevoked token with this hash.
    std::optional<ApiToken> find_active(std::string_view token_hash);
    std::vector<ApiToken> list_for_store(std::int64_t store_id);
    bool revoke(std::int64_t store_id, std::int64_t token_id, std::int64_t now);

private:
    sql::Database& db_;
};

}  // namespace station::control
