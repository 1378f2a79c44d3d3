#pragma once
// Platform administrators (created by `station admin create`).

#include <optional>

#include "base/sqlite/database.hpp"
#include "platform/control_plane/records.hpp"

namespace station::control {

class AdminRepository {
public:
    explicit AdminRepository(sql::Database& db) : db_(db) {}

    // Creates the admin, or replaces the password of an existing one; returns the id.
    std::int64_t upsert(std::string_view email, std::string_view password_hash, std::int64_t now);
    std::optional<PlatformAdmin> find_by_email(std::string_view email);
    std::optional<PlatformAdmin> find_by_id(std::int64_t id);

private:
    sql::Database& db_;
};

}  // namespace station::control
