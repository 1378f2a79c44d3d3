#pragma once
// Locations, inventory items (one per variant) and inventory levels (per item and location:
// available, committed, incoming). Every change of a quantity writes a ledger entry with a reason,
// so stock history can be audited, and appends `inventory_levels/update` in the same transaction.
//
// Preconditions: callers hold the store's database (StoreRuntime::with_db). Writes join the
// caller's transaction when one is open (see events/write_scope.hpp).

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "base/sqlite/database.hpp"
#include "tenant_runtime/domain/field_error.hpp"

namespace station::tenant {

struct Location {
    std::int64_t id = 0;
    std::string name;
    std::string address1;
    std::optional<std::string> address2;
    std::string city;
    std::optional<std::string> province;
    std::optional<std::string> country_code;
    std::optional<std::string> zip;
    std::optional<std::string> phone;
    bool active = true;
    std::int64_t created_at = 0;
    std::int64_t updated_at = 0;
};

struct InventoryItem {
    std::int64_t id = 0;
    std::int64_t variant_id = 0;
    std::string sku;
    bool tracked = true;
    bool requires_shipping = true;
    std::optional<std::int64_t> cost_minor;
    std::optional<std::string> harmonized_system_code;
    std::optional<std::string> country_code_of_origin;
    std::optional<std::string> province_code_of_origin;
    std::int64_t created_at = 0;
    std::int64_t updated_at = 0;
};

struct InventoryItemUpdate {
    std::optional<bool> tracked;
    std::optional<std::optional<std::int64_t>> cost_minor;
    std::optional<std::optional<std::string>> harmonized_system_code;
    std::optional<std::optional<std::string>> country_code_of_origin;
    std::optional<std::optional<std::string>> province_code_of_origin;
};

struct InventoryLevel {
    std::int64_t inventory_item_id = 0;
    std::int64_t location_id = 0;
    std::int64_t available = 0;
    std::int64_t committed = 0;
    std::int64_t incoming = 0;
    std::int64_t updated_at = 0;
};

enum class Quantity { Available, Committed, Incoming };
std::string_view quantity_name(Quantity q);

struct LedgerEntry {
    std::int64_t id = 0;
    std::int64_t inventory_item_id = 0;
    std::int64_t location_id = 0;
    std::string quantity_name;
    std::int64_t delta = 0;
    std::int64_t quantity_after = 0;
    std::string reason;
    std::optional<std::string> reference;
    std::int64_t created_at = 0;
};

// The reason recorded when a caller names none.
inline constexpr std::string_view kDefaultAdjustReason = "correction";
// Reasons a merchant or app may give (Shopify's inventory adjustment reasons).
bool is_known_adjust_reason(std::string_view reason);

std::vector<Location> list_locations(sql::Database& db);
std::optional<Location> find_location(sql::Database& db, std::int64_t id);
// The lowest-id active location: where new variants are stocked.
std::optional<std::int64_t> default_location_id(sql::Database& db);

// Creates the inventory item of a new variant (inside the variant's transaction).
std::int64_t create_inventory_item(sql::Database& db, std::int64_t variant_id,
                                   const InventoryItemUpdate& details, std::int64_t now);
std::optional<InventoryItem> find_inventory_item(sql::Database& db, std::int64_t id);
std::optional<std::int64_t> inventory_item_of_variant(sql::Database& db, std::int64_t variant_id);
// In id order; `ids` empty lists nothing.
std::vector<InventoryItem> list_inventory_items(sql::Database& db,
                                                const std::vector<std::int64_t>& ids);
// Appends `inventory_items/update`. nullopt when the item does not exist.
std::optional<InventoryItem> update_inventory_item(sql::Database& db, std::int64_t id,
                                                   const InventoryItemUpdate& update,
                                                   std::int64_t now);

struct LevelFilter {
    std::vector<std::int64_t> inventory_item_ids;
    std::vector<std::int64_t> location_ids;
    std::optional<std::int64_t> updated_at_min;
};
// Levels matching every non-empty filter, ordered by (item, location), after the given key.
std::vector<InventoryLevel> list_levels(sql::Database& db, const LevelFilter& filter, int limit,
                                        std::int64_t after_item = 0,
                                        std::int64_t after_location = 0);
std::optional<InventoryLevel> find_level(sql::Database& db, std::int64_t item_id,
                                         std::int64_t location_id);
// Sum of `available` over the item's locations.
std::int64_t total_available(sql::Database& db, std::int64_t item_id);

// Creates the (empty) level of a just-created item at a location without an event of its own:
// the item's creation (products/create) announces it.
void stock_new_item(sql::Database& db, std::int64_t item_id, std::int64_t location_id,
                    std::int64_t now);
// Stocks an item at a location (a no-op for an existing level). Errors: unknown item or
// location, inactive location.
Checked<InventoryLevel> connect_level(sql::Database& db, std::int64_t item_id,
                                      std::int64_t location_id, std::int64_t now);
// Sets `available` to an absolute value (connecting the level when needed).
Checked<InventoryLevel> set_quantity(sql::Database& db, std::int64_t item_id,
                                     std::int64_t location_id, Quantity quantity,
                                     std::int64_t value, std::string_view reason,
                                     std::optional<std::string> reference, std::int64_t now);
// Adds `delta` (may be negative) to a connected level's quantity.
Checked<InventoryLevel> adjust_quantity(sql::Database& db, std::int64_t item_id,
                                        std::int64_t location_id, Quantity quantity,
                                        std::int64_t delta, std::string_view reason,
                                        std::optional<std::string> reference, std::int64_t now);
// Removes a level. Refused (422) while it holds committed stock. false: no such level.
Checked<bool> disconnect_level(sql::Database& db, std::int64_t item_id, std::int64_t location_id,
                               std::int64_t now);

// The item's ledger, newest first, entries with id < before_id (0: from the newest).
std::vector<LedgerEntry> ledger(sql::Database& db, std::int64_t item_id, int limit,
                                std::int64_t before_id = 0);

}  // namespace station::tenant
