#include "platform/control_plane/api_token_repository.hpp"

#include "base/util/strings.hpp"

namespace station::control {
namespace {

ApiToken read_token(const sql::Row& row) {
    ApiToken t;
    t.id = row.int64(0);
    t.store_id = row.int64(1);
    t.label = row.string(2);
    for (auto scope : util::split(row.text(3), ',')) {
        if (!scope.empty()) t.scopes.emplace_back(scope);
    }
    t.created_at = row.int64(4);
    t.revoked_at = row.optional_int64(5);
    return t;
}

}  // namespace

std::int64_t ApiTokenRepository::insert(std::int64_t store_id, std::string_view token_hash,
                                        std::string_view label,
                                        const std::vector<std::string>& scopes, std::int64_t now) {
    return db_
        .run(
            "INSERT INTO api_tokens(store_id, token_hash, label, scopes, created_at) "
            "VALUES (?,?,?,?,?)",
            {store_id, token_hash, label, util::join(scopes, ","), now})
        .last_insert_rowid;
}

std::optional<ApiToken> ApiTokenRepository::find_active(std::string_view token_hash) {
    auto row = db_.query(
        "SELECT id, store_id, label, scopes, created_at, revoked_at FROM api_tokens "
        "WHERE token_hash = ? AND revoked_at IS NULL",
        {token_hash});
    if (!row.next()) return std::nullopt;
    return read_token(row);
}

std::vector<ApiToken> ApiTokenRepository::list_for_store(std::int64_t store_id) {
    std::vector<ApiToken> out;
    auto row = db_.query(
        "SELECT id, store_id, label, scopes, created_at, revoked_at FROM api_tokens "
        "WHERE store_id = ? ORDER BY id",
        {store_id});
    while (row.next())
        out.push_back(read_token(row));
    return out;
}

bool ApiTokenRepository::revoke(std::int64_t store_id, std::int64_t token_id, std::int64_t now) {
    return db_.run(
                  "UPDATE api_tokens SET revoked_at = ? WHERE id = ? AND store_id = ? AND "
                  "revoked_at IS NULL",
                  {now, token_id, store_id})
               .changes > 0;
}

}  // namespace station::control
