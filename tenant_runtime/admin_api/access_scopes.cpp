#include "tenant_runtime/admin_api/access_scopes.hpp"

#include <algorithm>
#include <array>

namespace station::tenant {
namespace {

constexpr std::array<std::string_view, 30> kScopes = {
    "read_products",      "write_products",    "read_customers",     "write_customers",
    "read_orders",        "write_orders",      "read_inventory",     "write_inventory",
    "read_locations",     "read_content",      "write_content",      "read_themes",
    "write_themes",       "read_fulfillments", "write_fulfillments", "read_shipping",
    "write_shipping",     "read_discounts",    "write_discounts",    "read_price_rules",
    "write_price_rules",  "read_checkouts",    "write_checkouts",    "read_draft_orders",
    "write_draft_orders", "read_translations", "write_translations", "read_files",
    "write_files",        "read_analytics",
};

}  // namespace

std::span<const std::string_view> all_access_scopes() {
    return kScopes;
}

bool is_known_scope(std::string_view scope) {
    return std::find(kScopes.begin(), kScopes.end(), scope) != kScopes.end();
}

bool AccessScopes::allows(std::string_view scope) const {
    if (scope.empty()) return true;  // routes open to every valid token
    for (const std::string& granted : scopes_) {
        if (granted == scope) return true;
        if (scope.starts_with("read_") && granted.starts_with("write_") &&
            std::string_view(granted).substr(6) == scope.substr(5)) {
            return true;
        }
    }
    return false;
}

}  // namespace station::tenant
