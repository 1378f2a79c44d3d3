#include "tenant_runtime/inventory/inventory_json.hpp"

#include <boost/json/array.hpp>

#include "base/money/currency.hpp"
#include "base/util/clock.hpp"
#include "tenant_runtime/domain/graphql_id.hpp"

namespace station::tenant {
namespace {

boost::json::value text_or_null(const std::optional<std::string>& v) {
    if (!v) return nullptr;
    return boost::json::value(*v);
}

}  // namespace

boost::json::object location_to_json(const Location& l) {
    return {
        {"id", l.id},
        {"name", l.name},
        {"address1", l.address1},
        {"address2", text_or_null(l.address2)},
        {"city", l.city},
        {"zip", text_or_null(l.zip)},
        {"province", text_or_null(l.province)},
        {"country", text_or_null(l.country_code)},
        {"country_code", text_or_null(l.country_code)},
        {"phone", text_or_null(l.phone)},
        {"created_at", util::format_iso8601(l.created_at)},
        {"updated_at", util::format_iso8601(l.updated_at)},
        {"legacy", false},
        {"active", l.active},
        {"admin_graphql_api_id", graphql_id("Location", l.id)},
    };
}

boost::json::object inventory_item_to_json(const InventoryItem& i, int currency_exponent) {
    return {
        {"id", i.id},
        {"sku", i.sku},
        {"created_at", util::format_iso8601(i.created_at)},
        {"updated_at", util::format_iso8601(i.updated_at)},
        {"requires_shipping", i.requires_shipping},
        {"cost", i.cost_minor
                     ? boost::json::value(money::format_decimal(*i.cost_minor, currency_exponent))
                     : boost::json::value(nullptr)},
        {"country_code_of_origin", text_or_null(i.country_code_of_origin)},
        {"province_code_of_origin", text_or_null(i.province_code_of_origin)},
        {"harmonized_system_code", text_or_null(i.harmonized_system_code)},
        {"tracked", i.tracked},
        {"country_harmonized_system_codes", boost::json::array()},
        {"admin_graphql_api_id", graphql_id("InventoryItem", i.id)},
    };
}

boost::json::object inventory_level_to_json(const InventoryLevel& l) {
    return {
        {"inventory_item_id", l.inventory_item_id},
        {"location_id", l.location_id},
        {"available", l.available},
        {"committed", l.committed},
        {"incoming", l.incoming},
        {"updated_at", util::format_iso8601(l.updated_at)},
        {"admin_graphql_api_id", "gid://shopify/InventoryLevel/" + std::to_string(l.location_id) +
                                     "?inventory_item_id=" + std::to_string(l.inventory_item_id)},
    };
}

boost::json::object ledger_entry_to_json(const LedgerEntry& e) {
    return {
        {"id", e.id},
        {"inventory_item_id", e.inventory_item_id},
        {"location_id", e.location_id},
        {"quantity_name", e.quantity_name},
        {"delta", e.delta},
        {"quantity_after", e.quantity_after},
        {"reason", e.reason},
        {"reference", text_or_null(e.reference)},
        {"created_at", util::format_iso8601(e.created_at)},
    };
}

}  // namespace station::tenant
