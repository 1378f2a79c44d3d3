#pragma once
// Admin REST shapes of locations, inventory items, inventory levels and ledger entries; the level
// shape is also the `inventory_levels/update` event payload.

#include <boost/json/object.hpp>

#include "tenant_runtime/inventory/inventory.hpp"

namespace station::tenant {

boost::json::object location_to_json(const Location& location);
boost::json::object inventory_item_to_json(const InventoryItem& item, int currency_exponent);
boost::json::object inventory_level_to_json(const InventoryLevel& level);
boost::json::object ledger_entry_to_json(const LedgerEntry& entry);

}  // namespace station::tenant
