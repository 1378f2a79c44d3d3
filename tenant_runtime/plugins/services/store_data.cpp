#include "tenant_runtime/plugins/services/store_data.hpp"

#include <boost/json/array.hpp>
#include <boost/json/serialize.hpp>

#include "base/money/currency.hpp"
#include "tenant_runtime/catalog/product_json.hpp"
#include "tenant_runtime/customers/customer_json.hpp"
#include "tenant_runtime/events/write_scope.hpp"
#include "tenant_runtime/inventory/inventory.hpp"
#include "tenant_runtime/inventory/inventory_json.hpp"
#include "tenant_runtime/plugins/manifest/catalog.hpp"

namespace station::plugins {
namespace {

constexpr std::int64_t kMaxListLimit = 250;

int currency_exponent(const tenant::StoreContext& store) {
    auto currency = money::find_currency(store.base_currency);
    return currency ? currency->exponent : 2;
}

tenant::CatalogFormat catalog_format(const tenant::StoreContext& store) {
    return {currency_exponent(store), "https://" + store.primary_domain + "/files/"};
}

ServiceReply json_reply(const boost::json::value& value) {
    ServiceReply reply;
    reply.data = boost::json::serialize(value);
    return reply;
}

bool valid_limit(std::int64_t limit) {
    return limit >= 1 && limit <= kMaxListLimit;
}

}  // namespace

ServiceReply products_get(const StoreDataCall& call, std::int64_t id) {
    auto product =
        call.runtime.with_db([&](sql::Database& db) { return tenant::find_product(db, id); });
    if (!product) return ServiceReply::failure(STATION_ERR_NOT_FOUND);
    return json_reply(tenant::product_to_json(*product, catalog_format(call.store)));
}

ServiceReply products_list(const StoreDataCall& call, std::int64_t after_id, std::int64_t limit) {
    if (!valid_limit(limit) || after_id < 0) return ServiceReply::failure(STATION_ERR_INVALID);
    auto products = call.runtime.with_db([&](sql::Database& db) {
        return tenant::list_products(
            db, tenant::ProductFilter{},
            tenant::IdPage{.after_id = after_id, .limit = static_cast<int>(limit)});
    });
    boost::json::array out;
    tenant::CatalogFormat format = catalog_format(call.store);
    for (const tenant::Product& p : products)
        out.push_back(tenant::product_to_json(p, format));
    return json_reply(out);
}

ServiceReply customers_get(const StoreDataCall& call, std::int64_t id) {
    auto customer =
        call.runtime.with_db([&](sql::Database& db) { return tenant::find_customer(db, id); });
    if (!customer) return ServiceReply::failure(STATION_ERR_NOT_FOUND);
    return json_reply(tenant::customer_to_json(*customer, currency_exponent(call.store)));
}

ServiceReply customers_find_by_email(const StoreDataCall& call, std::string_view email) {
    if (email.empty() || email.size() > 254) return ServiceReply::failure(STATION_ERR_INVALID);
    auto customer = call.runtime.with_db(
        [&](sql::Database& db) { return tenant::find_customer_by_email(db, email); });
    if (!customer) return ServiceReply::failure(STATION_ERR_NOT_FOUND);
    return json_reply(tenant::customer_to_json(*customer, currency_exponent(call.store)));
}

ServiceReply customers_list(const StoreDataCall& call, std::int64_t after_id, std::int64_t limit) {
    if (!valid_limit(limit) || after_id < 0) return ServiceReply::failure(STATION_ERR_INVALID);
    auto customers = call.runtime.with_db([&](sql::Database& db) {
        return tenant::list_customers(db, tenant::CustomerFilter{}, static_cast<int>(limit),
                                      after_id, 0);
    });
    boost::json::array out;
    for (const tenant::Customer& c : customers)
        out.push_back(tenant::customer_to_json(c, currency_exponent(call.store)));
    return json_reply(out);
}

ServiceReply inventory_levels(const StoreDataCall& call, std::int64_t item_id) {
    auto levels = call.runtime.with_db([&](sql::Database& db) {
        tenant::LevelFilter filter;
        filter.inventory_item_ids = {item_id};
        return tenant::list_levels(db, filter, 250);
    });
    boost::json::array out;
    for (const tenant::InventoryLevel& level : levels)
        out.push_back(tenant::inventory_level_to_json(level));
    return json_reply(out);
}

ServiceReply inventory_adjust(const StoreDataCall& call, std::int64_t item_id,
                              std::int64_t location_id, std::int64_t delta,
                              std::string_view reason) {
    if (!scopes_allow(call.granted_scopes, "write_inventory")) {
        return ServiceReply::failure(STATION_ERR_DENIED);
    }
    if (reason.empty()) reason = tenant::kDefaultAdjustReason;
    if (!tenant::is_known_adjust_reason(reason) || delta < -1'000'000'000 ||
        delta > 1'000'000'000) {
        return ServiceReply::failure(STATION_ERR_INVALID);
    }
    auto level = call.runtime.with_db([&](sql::Database& db) {
        tenant::WriteScope scope(db);
        auto adjusted =
            tenant::adjust_quantity(db, item_id, location_id, tenant::Quantity::Available, delta,
                                    reason, "plugin:" + std::string(call.plugin_id), call.now);
        if (adjusted) scope.commit();
        return adjusted;
    });
    if (!level) return ServiceReply::failure(STATION_ERR_NOT_FOUND);
    call.runtime.note_change();
    if (call.events_appended) call.events_appended(call.store.id);
    return json_reply(tenant::inventory_level_to_json(*level));
}

}  // namespace station::plugins
