#pragma once
// Cookie sessions of merchants and platform admins. Only the SHA-256 of a session token is
// stored; the token itself lives in the client's cookie.

#include <optional>

#include "base/sqlite/database.hpp"
#include "platform/control_plane/records.hpp"

namespace station::control {

class SessionRepository {
public:
    explicit SessionRepository(sql::Database& db) : db_(db) {}

    void insert(const Session& session, std::string_view remote_address);
    // The unexpired session with this token hash.
    std::optional<Session> find_valid(std::string_view token_hash, std::int64_t now);
    void erase(std::string_view token_hash);
    void erase_for_principal(PrincipalKind kind, std::int64_t principal_id);
    std::int64_t erase_expired(std::int64_t now);

private:
    sql::Database& db_;
};

}  // namespace station::control
