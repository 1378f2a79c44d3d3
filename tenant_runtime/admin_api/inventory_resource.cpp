// locations, inventory_items, inventory_levels (set, adjust, connect, delete) and the stock
// ledger of an item (inventory_items/{id}/adjustments.json, a Station extension).

#include "tenant_runtime/admin_api/admin_support.hpp"
#include "tenant_runtime/admin_api/resources.hpp"
#include "tenant_runtime/inventory/inventory.hpp"
#include "tenant_runtime/inventory/inventory_json.hpp"

namespace station::tenant {
namespace {

std::int64_t required_int(const boost::json::object& body, std::string_view name) {
    auto it = body.find(name);
    if (it == body.end() || it->value().is_null())
        throw AdminError::invalid(name, "can't be blank");
    return json_integer(it->value(), name);
}

std::string reason_of(const boost::json::object& body) {
    auto it = body.find("reason");
    if (it == body.end() || it->value().is_null()) return std::string(kDefaultAdjustReason);
    std::string reason = json_text(it->value(), "reason", 64);
    if (!is_known_adjust_reason(reason))
        throw AdminError::invalid("reason", "is not a known reason");
    return reason;
}

std::optional<std::string> reference_of(const boost::json::object& body) {
    auto it = body.find("reference_document_uri");
    if (it == body.end() || it->value().is_null()) return std::nullopt;
    return json_text(it->value(), "reference_document_uri", 2048);
}

http::Response locations_list(AdminCall& call) {
    auto locations = call.runtime.with_db([](sql::Database& db) { return list_locations(db); });
    boost::json::array items;
    for (const auto& l : locations)
        items.push_back(location_to_json(l));
    return admin_json(200, "locations", std::move(items));
}

http::Response locations_count(AdminCall& call) {
    auto locations = call.runtime.with_db([](sql::Database& db) { return list_locations(db); });
    return admin_json(200, "count", static_cast<std::int64_t>(locations.size()));
}

http::Response locations_get(AdminCall& call) {
    std::int64_t id = path_id(call, 1);
    auto l = call.runtime.with_db([&](sql::Database& db) { return find_location(db, id); });
    if (!l) throw AdminError::not_found();
    return object_response(call, 200, "location", location_to_json(*l));
}

http::Response levels_response(AdminCall& call, const LevelFilter& filter) {
    ListRequest request = parse_list_request(call);
    auto levels = call.runtime.with_db(
        [&](sql::Database& db) { return list_levels(db, filter, request.page.limit); });
    boost::json::array items;
    for (const auto& l : levels)
        items.push_back(inventory_level_to_json(l));
    return admin_json(200, "inventory_levels", std::move(items));
}

http::Response location_levels(AdminCall& call) {
    std::int64_t id = path_id(call, 1);
    if (!call.runtime.with_db(
            [&](sql::Database& db) { return find_location(db, id).has_value(); })) {
        throw AdminError::not_found();
    }
    LevelFilter filter;
    filter.location_ids = {id};
    return levels_response(call, filter);
}

http::Response levels_list(AdminCall& call) {
    QueryParams q(call.request.query);
    LevelFilter filter;
    filter.inventory_item_ids = q.ids("inventory_item_ids");
    filter.location_ids = q.ids("location_ids");
    filter.updated_at_min = q.time("updated_at_min");
    if (filter.inventory_item_ids.empty() && filter.location_ids.empty()) {
        throw AdminError(422, "inventory_item_ids or location_ids is required");
    }
    return levels_response(call, filter);
}

http::Response levels_set(AdminCall& call) {
    boost::json::object body = http::parse_json_object(call.request.body);
    std::int64_t item = required_int(body, "inventory_item_id");
    std::int64_t location = required_int(body, "location_id");
    std::int64_t available = required_int(body, "available");
    std::string reason = reason_of(body);
    auto reference = reference_of(body);
    InventoryLevel level = write_store(call, [&](sql::Database& db) {
        return checked(set_quantity(db, item, location, Quantity::Available, available, reason,
                                    reference, call.clock.unix_seconds()));
    });
    return admin_json(200, "inventory_level", inventory_level_to_json(level));
}

http::Response levels_adjust(AdminCall& call) {
    boost::json::object body = http::parse_json_object(call.request.body);
    std::int64_t item = required_int(body, "inventory_item_id");
    std::int64_t location = required_int(body, "location_id");
    std::int64_t delta = required_int(body, "available_adjustment");
    std::string reason = reason_of(body);
    auto reference = reference_of(body);
    InventoryLevel level = write_store(call, [&](sql::Database& db) {
        return checked(adjust_quantity(db, item, location, Quantity::Available, delta, reason,
                                       reference, call.clock.unix_seconds()));
    });
    return admin_json(200, "inventory_level", inventory_level_to_json(level));
}

http::Response levels_connect(AdminCall& call) {
    boost::json::object body = http::parse_json_object(call.request.body);
    std::int64_t item = required_int(body, "inventory_item_id");
    std::int64_t location = required_int(body, "location_id");
    InventoryLevel level = write_store(call, [&](sql::Database& db) {
        return checked(connect_level(db, item, location, call.clock.unix_seconds()));
    });
    return admin_json(201, "inventory_level", inventory_level_to_json(level));
}

http::Response levels_delete(AdminCall& call) {
    QueryParams q(call.request.query);
    auto item = q.integer("inventory_item_id");
    auto location = q.integer("location_id");
    if (!item || !location) {
        throw AdminError(
            400, boost::json::object{{"inventory_item_id", "and location_id are required"}});
    }
    bool deleted = write_store(call, [&](sql::Database& db) {
        return checked(disconnect_level(db, *item, *location, call.clock.unix_seconds()));
    });
    if (!deleted) throw AdminError::not_found();
    http::Response response;
    response.status = 204;
    return response;
}

http::Response items_list(AdminCall& call) {
    QueryParams q(call.request.query);
    auto ids = q.ids("ids");
    if (ids.empty()) throw AdminError(400, boost::json::object{{"ids", "is required"}});
    int exponent = currency_exponent(call.store);
    auto items =
        call.runtime.with_db([&](sql::Database& db) { return list_inventory_items(db, ids); });
    boost::json::array out;
    for (const auto& i : items)
        out.push_back(inventory_item_to_json(i, exponent));
    return admin_json(200, "inventory_items", std::move(out));
}

http::Response items_get(AdminCall& call) {
    std::int64_t id = path_id(call, 1);
    auto item =
        call.runtime.with_db([&](sql::Database& db) { return find_inventory_item(db, id); });
    if (!item) throw AdminError::not_found();
    return object_response(call, 200, "inventory_item",
                           inventory_item_to_json(*item, currency_exponent(call.store)));
}

http::Response items_update(AdminCall& call) {
    std::int64_t id = path_id(call, 1);
    boost::json::object json = body_root(call, "inventory_item");
    int exponent = currency_exponent(call.store);
    InventoryItemUpdate update;
    auto nullable_text = [&](std::string_view name, std::size_t max) {
        const auto& v = json.at(name);
        return v.is_null() ? std::optional<std::string>() : json_text(v, name, max);
    };
    if (json.contains("tracked")) update.tracked = json_bool(json.at("tracked"), "tracked");
    if (json.contains("cost")) {
        const auto& v = json.at("cost");
        update.cost_minor =
            v.is_null() ? std::optional<std::int64_t>() : json_money(v, "cost", exponent);
    }
    if (json.contains("harmonized_system_code")) {
        update.harmonized_system_code = nullable_text("harmonized_system_code", 16);
    }
    if (json.contains("country_code_of_origin")) {
        update.country_code_of_origin = nullable_text("country_code_of_origin", 2);
    }
    if (json.contains("province_code_of_origin")) {
        update.province_code_of_origin = nullable_text("province_code_of_origin", 8);
    }
    auto item = write_store(call, [&](sql::Database& db) {
        return update_inventory_item(db, id, update, call.clock.unix_seconds());
    });
    if (!item) throw AdminError::not_found();
    return object_response(call, 200, "inventory_item", inventory_item_to_json(*item, exponent));
}

http::Response items_ledger(AdminCall& call) {
    std::int64_t id = path_id(call, 1);
    QueryParams q(call.request.query);
    int limit = static_cast<int>(std::clamp<std::int64_t>(q.integer("limit").value_or(50), 1, 250));
    std::int64_t before = q.integer("before_id").value_or(0);
    auto entries = call.runtime.with_db([&](sql::Database& db) {
        if (!find_inventory_item(db, id)) throw AdminError::not_found();
        return ledger(db, id, limit, before);
    });
    boost::json::array items;
    for (const auto& e : entries)
        items.push_back(ledger_entry_to_json(e));
    return admin_json(200, "inventory_adjustments", std::move(items));
}

}  // namespace

std::vector<AdminRoute> inventory_routes() {
    return {
        {http::Method::Get, {"locations"}, "read_locations", locations_list},
        {http::Method::Get, {"locations", "count"}, "read_locations", locations_count},
        {http::Method::Get, {"locations", "*"}, "read_locations", locations_get},
        {http::Method::Get,
         {"locations", "*", "inventory_levels"},
         "read_inventory",
         location_levels},
        {http::Method::Get, {"inventory_levels"}, "read_inventory", levels_list},
        {http::Method::Delete, {"inventory_levels"}, "write_inventory", levels_delete},
        {http::Method::Post, {"inventory_levels", "set"}, "write_inventory", levels_set},
        {http::Method::Post, {"inventory_levels", "adjust"}, "write_inventory", levels_adjust},
        {http::Method::Post, {"inventory_levels", "connect"}, "write_inventory", levels_connect},
        {http::Method::Get, {"inventory_items"}, "read_inventory", items_list},
        {http::Method::Get, {"inventory_items", "*"}, "read_inventory", items_get},
        {http::Method::Put, {"inventory_items", "*"}, "write_inventory", items_update},
        {http::Method::Get,
         {"inventory_items", "*", "adjustments"},
         "read_inventory",
         items_ledger},
    };
}

}  // namespace station::tenant
