#include "tenant_runtime/inventory/inventory.hpp"

#include <algorithm>
#include <array>

#include <boost/json/array.hpp>
#include <boost/json/serialize.hpp>

#include "tenant_runtime/events/event_log.hpp"
#include "tenant_runtime/events/write_scope.hpp"
#include "tenant_runtime/inventory/inventory_json.hpp"

namespace station::tenant {
namespace {

constexpr std::string_view kLocationColumns =
    "id, name, address1, address2, city, province, country_code, zip, phone, active, created_at, "
    "updated_at";

Location read_location(const sql::Row& r) {
    return {r.int64(0),           r.string(1),          r.string(2),          r.optional_string(3),
            r.string(4),          r.optional_string(5), r.optional_string(6), r.optional_string(7),
            r.optional_string(8), r.int64(9) != 0,      r.int64(10),          r.int64(11)};
}

constexpr std::string_view kItemSelect =
    "SELECT i.id, i.variant_id, v.sku, i.tracked, v.requires_shipping, i.cost_minor, "
    "i.harmonized_system_code, i.country_code_of_origin, i.province_code_of_origin, "
    "i.created_at, i.updated_at FROM inventory_items i JOIN product_variants v ON v.id = "
    "i.variant_id ";

InventoryItem read_item(const sql::Row& r) {
    return {r.int64(0),           r.int64(1),          r.string(2),          r.int64(3) != 0,
            r.int64(4) != 0,      r.optional_int64(5), r.optional_string(6), r.optional_string(7),
            r.optional_string(8), r.int64(9),          r.int64(10)};
}

InventoryLevel read_level(const sql::Row& r) {
    return {r.int64(0), r.int64(1), r.int64(2), r.int64(3), r.int64(4), r.int64(5)};
}

std::string ids_json(const std::vector<std::int64_t>& ids) {
    boost::json::array a;
    for (auto id : ids)
        a.push_back(id);
    return boost::json::serialize(a);
}

std::optional<std::string> optional_ids_json(const std::vector<std::int64_t>& ids) {
    if (ids.empty()) return std::nullopt;
    return ids_json(ids);
}

void append_level_event(sql::Database& db, const InventoryLevel& level, std::int64_t now) {
    append_event(db, "inventory_levels/update", "inventory_level", level.inventory_item_id,
                 boost::json::serialize(inventory_level_to_json(level)), now);
}

std::string_view column_of(Quantity q) {
    switch (q) {
        case Quantity::Available:
            return "available";
        case Quantity::Committed:
            return "committed";
        case Quantity::Incoming:
            return "incoming";
    }
    return "available";
}

std::int64_t quantity_of(const InventoryLevel& level, Quantity q) {
    switch (q) {
        case Quantity::Available:
            return level.available;
        case Quantity::Committed:
            return level.committed;
        case Quantity::Incoming:
            return level.incoming;
    }
    return 0;
}

// Validates item and location and creates the level if missing; returns it.
Checked<InventoryLevel> ensure_level(sql::Database& db, std::int64_t item_id,
                                     std::int64_t location_id, std::int64_t now, bool* created) {
    if (!db.query_int64("SELECT 1 FROM inventory_items WHERE id = ?", {item_id})) {
        return FieldError{"inventory_item_id", "does not exist"};
    }
    auto location = find_location(db, location_id);
    if (!location) return FieldError{"location_id", "does not exist"};
    if (auto level = find_level(db, item_id, location_id)) return *level;
    if (!location->active) return FieldError{"location_id", "is not active"};
    db.run(
        "INSERT INTO inventory_levels(inventory_item_id, location_id, updated_at) VALUES (?,?,?)",
        {item_id, location_id, now});
    if (created) *created = true;
    return *find_level(db, item_id, location_id);
}

Checked<InventoryLevel> write_quantity(sql::Database& db, std::int64_t item_id,
                                       std::int64_t location_id, Quantity quantity,
                                       std::optional<std::int64_t> absolute, std::int64_t delta,
                                       std::string_view reason,
                                       const std::optional<std::string>& reference,
                                       std::int64_t now, bool connect) {
    WriteScope scope(db);
    InventoryLevel level;
    if (connect) {
        auto ensured = ensure_level(db, item_id, location_id, now, nullptr);
        if (!ensured) return ensured.error();
        level = *ensured;
    } else {
        auto found = find_level(db, item_id, location_id);
        if (!found) {
            return FieldError{"inventory_level",
                              "the item is not stocked at this location (connect it first)"};
        }
        level = *found;
    }
    std::int64_t before = quantity_of(level, quantity);
    std::int64_t after = absolute ? *absolute : before + delta;
    std::int64_t change = after - before;
    std::string column(column_of(quantity));
    db.run("UPDATE inventory_levels SET " + column +
               " = ?, updated_at = ? WHERE inventory_item_id = ? AND location_id = ?",
           {after, now, item_id, location_id});
    db.run(
        "INSERT INTO inventory_adjustments(inventory_item_id, location_id, quantity_name, delta, "
        "quantity_after, reason, reference, created_at) VALUES (?,?,?,?,?,?,?,?)",
        {item_id, location_id, column, change, after, reason, reference, now});
    InventoryLevel updated = *find_level(db, item_id, location_id);
    append_level_event(db, updated, now);
    scope.commit();
    return updated;
}

}  // namespace

std::string_view quantity_name(Quantity q) {
    return column_of(q);
}

bool is_known_adjust_reason(std::string_view reason) {
    static constexpr std::array<std::string_view, 14> kReasons = {
        "correction",       "cycle_count_available",
        "damaged",          "movement_created",
        "movement_updated", "movement_received",
        "promotion",        "quality_control",
        "received",         "reservation_created",
        "restock",          "safety_stock",
        "shrinkage",        "other"};
    return std::find(kReasons.begin(), kReasons.end(), reason) != kReasons.end();
}

std::vector<Location> list_locations(sql::Database& db) {
    std::vector<Location> out;
    auto row = db.query("SELECT " + std::string(kLocationColumns) + " FROM locations ORDER BY id");
    while (row.next())
        out.push_back(read_location(row));
    return out;
}

std::optional<Location> find_location(sql::Database& db, std::int64_t id) {
    auto row =
        db.query("SELECT " + std::string(kLocationColumns) + " FROM locations WHERE id = ?", {id});
    if (!row.next()) return std::nullopt;
    return read_location(row);
}

std::optional<std::int64_t> default_location_id(sql::Database& db) {
    return db.query_int64("SELECT min(id) FROM locations WHERE active = 1");
}

std::int64_t create_inventory_item(sql::Database& db, std::int64_t variant_id,
                                   const InventoryItemUpdate& d, std::int64_t now) {
    return db
        .run(
            "INSERT INTO inventory_items(variant_id, tracked, cost_minor, harmonized_system_code, "
            "country_code_of_origin, province_code_of_origin, created_at, updated_at) "
            "VALUES (?,?,?,?,?,?,?,?)",
            {variant_id, d.tracked.value_or(true), d.cost_minor.value_or(std::nullopt),
             d.harmonized_system_code.value_or(std::nullopt),
             d.country_code_of_origin.value_or(std::nullopt),
             d.province_code_of_origin.value_or(std::nullopt), now, now})
        .last_insert_rowid;
}

std::optional<InventoryItem> find_inventory_item(sql::Database& db, std::int64_t id) {
    auto row = db.query(std::string(kItemSelect) + "WHERE i.id = ?", {id});
    if (!row.next()) return std::nullopt;
    return read_item(row);
}

std::optional<std::int64_t> inventory_item_of_variant(sql::Database& db, std::int64_t variant_id) {
    return db.query_int64("SELECT id FROM inventory_items WHERE variant_id = ?", {variant_id});
}

std::vector<InventoryItem> list_inventory_items(sql::Database& db,
                                                const std::vector<std::int64_t>& ids) {
    std::vector<InventoryItem> out;
    if (ids.empty()) return out;
    auto row = db.query(
        std::string(kItemSelect) + "WHERE i.id IN (SELECT value FROM json_each(?)) ORDER BY i.id",
        {ids_json(ids)});
    while (row.next())
        out.push_back(read_item(row));
    return out;
}

std::optional<InventoryItem> update_inventory_item(sql::Database& db, std::int64_t id,
                                                   const InventoryItemUpdate& u, std::int64_t now) {
    WriteScope scope(db);
    auto item = find_inventory_item(db, id);
    if (!item) return std::nullopt;
    db.run(
        "UPDATE inventory_items SET tracked = ?, cost_minor = ?, harmonized_system_code = ?, "
        "country_code_of_origin = ?, province_code_of_origin = ?, updated_at = ? WHERE id = ?",
        {u.tracked.value_or(item->tracked), u.cost_minor.value_or(item->cost_minor),
         u.harmonized_system_code.value_or(item->harmonized_system_code),
         u.country_code_of_origin.value_or(item->country_code_of_origin),
         u.province_code_of_origin.value_or(item->province_code_of_origin), now, id});
    InventoryItem updated = *find_inventory_item(db, id);
    append_event(db, "inventory_items/update", "inventory_item", id,
                 boost::json::serialize(inventory_item_to_json(updated, 2)), now);
    scope.commit();
    return updated;
}

std::vector<InventoryLevel> list_levels(sql::Database& db, const LevelFilter& filter, int limit,
                                        std::int64_t after_item, std::int64_t after_location) {
    std::vector<InventoryLevel> out;
    auto row = db.query(
        "SELECT inventory_item_id, location_id, available, committed, incoming, updated_at "
        "FROM inventory_levels WHERE "
        "(?1 IS NULL OR inventory_item_id IN (SELECT value FROM json_each(?1))) AND "
        "(?2 IS NULL OR location_id IN (SELECT value FROM json_each(?2))) AND "
        "(?3 IS NULL OR updated_at >= ?3) AND "
        "(inventory_item_id > ?4 OR (inventory_item_id = ?4 AND location_id > ?5)) "
        "ORDER BY inventory_item_id, location_id LIMIT ?6",
        {optional_ids_json(filter.inventory_item_ids), optional_ids_json(filter.location_ids),
         filter.updated_at_min, after_item, after_location, limit});
    while (row.next())
        out.push_back(read_level(row));
    return out;
}

std::optional<InventoryLevel> find_level(sql::Database& db, std::int64_t item_id,
                                         std::int64_t location_id) {
    auto row = db.query(
        "SELECT inventory_item_id, location_id, available, committed, incoming, updated_at "
        "FROM inventory_levels WHERE inventory_item_id = ? AND location_id = ?",
        {item_id, location_id});
    if (!row.next()) return std::nullopt;
    return read_level(row);
}

std::int64_t total_available(sql::Database& db, std::int64_t item_id) {
    return db
        .query_int64(
            "SELECT coalesce(sum(available), 0) FROM inventory_levels "
            "WHERE inventory_item_id = ?",
            {item_id})
        .value_or(0);
}

void stock_new_item(sql::Database& db, std::int64_t item_id, std::int64_t location_id,
                    std::int64_t now) {
    db.run(
        "INSERT OR IGNORE INTO inventory_levels(inventory_item_id, location_id, updated_at) "
        "VALUES (?,?,?)",
        {item_id, location_id, now});
}

Checked<InventoryLevel> connect_level(sql::Database& db, std::int64_t item_id,
                                      std::int64_t location_id, std::int64_t now) {
    WriteScope scope(db);
    bool created = false;
    auto level = ensure_level(db, item_id, location_id, now, &created);
    if (!level) return level;
    if (created) append_level_event(db, *level, now);
    scope.commit();
    return level;
}

Checked<InventoryLevel> set_quantity(sql::Database& db, std::int64_t item_id,
                                     std::int64_t location_id, Quantity quantity,
                                     std::int64_t value, std::string_view reason,
                                     std::optional<std::string> reference, std::int64_t now) {
    return write_quantity(db, item_id, location_id, quantity, value, 0, reason, reference, now,
                          true);
}

Checked<InventoryLevel> adjust_quantity(sql::Database& db, std::int64_t item_id,
                                        std::int64_t location_id, Quantity quantity,
                                        std::int64_t delta, std::string_view reason,
                                        std::optional<std::string> reference, std::int64_t now) {
    return write_quantity(db, item_id, location_id, quantity, std::nullopt, delta, reason,
                          reference, now, false);
}

Checked<bool> disconnect_level(sql::Database& db, std::int64_t item_id, std::int64_t location_id,
                               std::int64_t now) {
    WriteScope scope(db);
    auto level = find_level(db, item_id, location_id);
    if (!level) return false;
    if (level->committed != 0) {
        return FieldError{"base", "the level holds committed stock and cannot be removed"};
    }
    db.run("DELETE FROM inventory_levels WHERE inventory_item_id = ? AND location_id = ?",
           {item_id, location_id});
    append_event(db, "inventory_levels/disconnect", "inventory_level", item_id,
                 boost::json::serialize(boost::json::object{{"inventory_item_id", item_id},
                                                            {"location_id", location_id}}),
                 now);
    scope.commit();
    return true;
}

std::vector<LedgerEntry> ledger(sql::Database& db, std::int64_t item_id, int limit,
                                std::int64_t before_id) {
    std::vector<LedgerEntry> out;
    auto row = db.query(
        "SELECT id, inventory_item_id, location_id, quantity_name, delta, quantity_after, reason, "
        "reference, created_at FROM inventory_adjustments WHERE inventory_item_id = ? AND "
        "(? = 0 OR id < ?) ORDER BY id DESC LIMIT ?",
        {item_id, before_id, before_id, limit});
    while (row.next()) {
        out.push_back({row.int64(0), row.int64(1), row.int64(2), row.string(3), row.int64(4),
                       row.int64(5), row.string(6), row.optional_string(7), row.int64(8)});
    }
    return out;
}

}  // namespace station::tenant
