#pragma once
// Shopify's global ids, which every Admin REST resource also carries as `admin_graphql_api_id`.

#include <cstdint>
#include <string>
#include <string_view>

namespace station::tenant {

// graphql_id("Product", 7) == "gid://shopify/Product/7"
inline std::string graphql_id(std::string_view type, std::int64_t id) {
    std::string out = "gid://shopify/";
    out.append(type);
    out += '/';
    out += std::to_string(id);
    return out;
}

}  // namespace station::tenant
