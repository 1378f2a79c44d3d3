#pragma once
// Stores, their plans, quotas and staff.

#include <optional>
#include <vector>

#include "base/sqlite/database.hpp"
#include "platform/control_plane/records.hpp"

namespace station::control {

struct NewStore {
    std::int64_t merchant_id = 0;
    std::string handle;
    std::string name;
    std::string plan;
    std::string base_currency;
    std::string default_locale;
    std::string verification_token;
    std::string webhook_secret;
};

struct StoreSearch {
    std::string text;  // matches handle, name or owner email (substring); empty: all
    std::optional<StoreStatus> status;
    int limit = 50;
    std::int64_t after_id = 0;  // keyset pagination
};

class StoreRepository {
public:
    explicit StoreRepository(sql::Database& db) : db_(db) {}

    // Throws sql::ConstraintError when the handle is taken.
    std::int64_t insert(const NewStore& store, std::int64_t now);
    std::optional<StoreRecord> find_by_id(std::int64_t id);
    std::optional<StoreRecord> find_by_handle(std::string_view handle);
    bool handle_exists(std::string_view handle);
    // Stores the merchant owns or is staff of, excluding deleted ones, oldest first.
    std::vector<StoreRecord> list_for_merchant(std::int64_t merchant_id, std::string_view email);
    std::vector<StoreRecord> search(const StoreSearch& search);
    // Soft-deleted stores whose deletion is older than `cutoff` (unix seconds).
    std::vector<StoreRecord> deleted_before(std::int64_t cutoff);

    void set_status(std::int64_t id, StoreStatus status, std::optional<std::string> reason,
                    std::int64_t now);
    void set_plan(std::int64_t id, std::string_view plan, const QuotaOverrides& overrides);
    // Removes the store's rows (after its files were purged).
    void erase(std::int64_t id);

    std::optional<Plan> find_plan(std::string_view name);
    std::vector<Plan> list_plans();

    std::int64_t count_staff(std::int64_t store_id);
    // Throws sql::ConstraintError when the email is already staff.
    void add_staff(std::int64_t store_id, std::string_view email, std::int64_t now);
    bool remove_staff(std::int64_t store_id, std::string_view email);
    std::vector<std::string> list_staff(std::int64_t store_id);
    bool is_staff(std::int64_t store_id, std::string_view email);

private:
    sql::Database& db_;
};

}  // namespace station::control
