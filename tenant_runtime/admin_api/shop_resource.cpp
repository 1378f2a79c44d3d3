// GET /admin/api/{version}/shop.json

#include <boost/json/object.hpp>

#include "base/money/currency.hpp"
#include "tenant_runtime/admin_api/resources.hpp"

namespace station::tenant {
namespace {

http::Response get_shop(AdminCall& call) {
    const StoreContext& s = call.store;
    auto currency = money::find_currency(s.base_currency);
    boost::json::object shop{
        {"id", s.id},
        {"name", s.name},
        {"domain", s.primary_domain},
        {"myshopify_domain", s.primary_domain},
        {"currency", s.base_currency},
        {"money_format", std::string(currency ? currency->symbol : "") + "{{amount}}"},
        {"primary_locale", s.default_locale},
        {"plan_name", s.plan},
        {"handle", s.handle},
    };
    return admin_json(200, "shop", std::move(shop));
}

}  // namespace

std::vector<AdminRoute> shop_routes() {
    // Any valid token may read the shop, as in Shopify.
    return {{http::Method::Get, {"shop"}, "", get_shop}};
}

}  // namespace station::tenant
