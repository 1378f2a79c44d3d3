#include "platform/control_plane/admin_repository.hpp"

namespace station::control {
namespace {

std::optional<PlatformAdmin> read_one(sql::Row row) {
    if (!row.next()) return std::nullopt;
    return PlatformAdmin{row.int64(0), row.string(1), row.string(2), row.int64(3)};
}

}  // namespace

std::int64_t AdminRepository::upsert(std::string_view email, std::string_view password_hash,
                                     std::int64_t now) {
    db_.run(
        "INSERT INTO platform_admins(email, password_hash, created_at) VALUES (?,?,?) "
        "ON CONFLICT(email) DO UPDATE SET password_hash = excluded.password_hash",
        {email, password_hash, now});
    return *db_.query_int64("SELECT id FROM platform_admins WHERE email = ?", {email});
}

std::optional<PlatformAdmin> AdminRepository::find_by_email(std::string_view email) {
    return read_one(db_.query(
        "SELECT id, email, password_hash, created_at FROM platform_admins WHERE email = ?",
        {email}));
}

std::optional<PlatformAdmin> AdminRepository::find_by_id(std::int64_t id) {
    return read_one(db_.query(
        "SELECT id, email, password_hash, created_at FROM platform_admins WHERE id = ?", {id}));
}

}  // namespace station::control
