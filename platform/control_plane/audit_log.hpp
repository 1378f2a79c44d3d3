#pragma once
// The append-only audit trail of operator and merchant actions on stores (suspensions, plan
// changes, domain verifications, deletions).

#include <optional>
#include <vector>

#include "base/sqlite/database.hpp"
#include "platform/control_plane/records.hpp"

namespace station::control {

class AuditLog {
public:
    explicit AuditLog(sql::Database& db) : db_(db) {}

    void record(std::string_view actor, std::string_view action,
                std::optional<std::int64_t> store_id, std::string_view detail_json,
                std::int64_t now);
    // Newest first; `store_id` nullopt lists every store's entries.
    std::vector<AuditEntry> list(std::optional<std::int64_t> store_id, int limit);

private:
    sql::Database& db_;
};

}  // namespace station::control
