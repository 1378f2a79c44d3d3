#include "platform/control_plane/session_repository.hpp"

namespace station::control {
namespace {

std::string_view kind_text(PrincipalKind kind) {
    return kind == PrincipalKind::Admin ? "admin" : "merchant";
}

}  // namespace

void SessionRepository::insert(const Session& s, std::string_view remote_address) {
    db_.run(
        "INSERT INTO sessions(token_hash, principal_kind, principal_id, csrf_token, "
        "created_at, expires_at, remote_address) VALUES (?,?,?,?,?,?,?)",
        {s.token_hash, kind_text(s.kind), s.principal_id, s.csrf_token, s.created_at, s.expires_at,
         remote_address});
}

std::optional<Session> SessionRepository::find_valid(std::string_view token_hash,
                                                     std::int64_t now) {
    auto row = db_.query(
        "SELECT token_hash, principal_kind, principal_id, csrf_token, created_at, expires_at "
        "FROM sessions WHERE token_hash = ? AND expires_at > ?",
        {token_hash, now});
    if (!row.next()) return std::nullopt;
    return Session{
        row.string(0), row.text(1) == "admin" ? PrincipalKind::Admin : PrincipalKind::Merchant,
        row.int64(2),  row.string(3),
        row.int64(4),  row.int64(5)};
}

void SessionRepository::erase(std::string_view token_hash) {
    db_.run("DELETE FROM sessions WHERE token_hash = ?", {token_hash});
}

void SessionRepository::erase_for_principal(PrincipalKind kind, std::int64_t principal_id) {
    db_.run("DELETE FROM sessions WHERE principal_kind = ? AND principal_id = ?",
            {kind_text(kind), principal_id});
}

std::int64_t SessionRepository::erase_expired(std::int64_t now) {
    return db_.run("DELETE FROM sessions WHERE expires_at <= ?", {now}).changes;
}

}  // namespace station::control
