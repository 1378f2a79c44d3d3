#include "platform/control_plane/audit_log.hpp"

namespace station::control {

void AuditLog::record(std::string_view actor, std::string_view action,
                      std::optional<std::int64_t> store_id, std::string_view detail_json,
                      std::int64_t now) {
    db_.run("INSERT INTO audit_log(at, actor, action, store_id, detail) VALUES (?,?,?,?,?)",
            {now, actor, action, store_id, detail_json});
}

std::vector<AuditEntry> AuditLog::list(std::optional<std::int64_t> store_id, int limit) {
    std::vector<AuditEntry> out;
    auto row = db_.query(
        "SELECT id, at, actor, action, store_id, detail FROM audit_log "
        "WHERE (? IS NULL OR store_id = ?) ORDER BY id DESC LIMIT ?",
        {store_id, store_id, limit});
    while (row.next()) {
        out.push_back({row.int64(0), row.int64(1), row.string(2), row.string(3),
                       row.optional_int64(4), row.string(5)});
    }
    return out;
}

}  // namespace station::control
