#pragma once
// What operators (platform admins, the `station tenant` CLI) and owners do to existing stores:
// suspend and resume with a reason, soft delete and purge, plans and quotas, staff. Every
// change is audited and invalidates the store's routes.
//
// Errors: http::RequestError (404 unknown store, 409 wrong state, 422 invalid input naming the
// field). Threading: thread-safe.

#include <optional>
#include <string>
#include <vector>

#include "base/util/clock.hpp"
#include "platform/control_plane/platform_db.hpp"
#include "platform/control_plane/records.hpp"
#include "platform/control_plane/store_repository.hpp"
#include "platform/routing/route_invalidation.hpp"
#include "tenant_runtime/store/store_pool.hpp"

namespace station::stores {

class StoreOperations {
public:
    StoreOperations(control::PlatformDb& platform_db, tenant::StorePool& pool,
                    routing::RouteInvalidation& routes, const util::Clock& clock);

    control::StoreRecord get(std::int64_t store_id);
    control::StoreRecord get_by_handle(std::string_view handle);
    std::vector<control::StoreRecord> search(const control::StoreSearch& search);
    // Stores the merchant owns or is staff of (not deleted).
    std::vector<control::StoreRecord> stores_of(std::int64_t merchant_id, std::string_view email);
    bool is_staff(std::int64_t store_id, std::string_view email);

    control::StoreRecord suspend(std::int64_t store_id, const std::string& reason,
                                 std::string_view actor);
    control::StoreRecord resume(std::int64_t store_id, const std::string& reason,
                                std::string_view actor);
    // Soft delete: the store stops routing at once; its data is purged later.
    control::StoreRecord soft_delete(std::int64_t store_id, std::string_view actor);
    // Purges stores soft-deleted more than `retention` ago: files, then rows. Returns how many.
    int purge_deleted(std::chrono::seconds retention, std::string_view actor);

    // Sets the plan and per-store overrides (nullopt: as the plan says). 422 "plan" if unknown.
    control::StoreRecord set_plan(std::int64_t store_id, const std::string& plan,
                                  const control::QuotaOverrides& overrides, std::string_view actor);
    std::vector<control::Plan> plans();

    // 422 "email" if the staff quota is reached; 409 "email" if already staff.
    void add_staff(std::int64_t store_id, const std::string& email, std::string_view actor);
    void remove_staff(std::int64_t store_id, const std::string& email, std::string_view actor);
    std::vector<std::string> staff(std::int64_t store_id);

    std::vector<control::AuditEntry> audit(std::optional<std::int64_t> store_id, int limit);

private:
    // 409 when the store is deleted or already has status `to`.
    control::StoreRecord change_status(std::int64_t store_id, control::StoreStatus to,
                                       std::optional<std::string> reason, std::string_view action,
                                       std::string_view actor);
    void invalidate_routes(std::int64_t store_id);

    control::PlatformDb& platform_db_;
    tenant::StorePool& pool_;
    routing::RouteInvalidation& routes_;
    const util::Clock& clock_;
};

}  // namespace station::stores
