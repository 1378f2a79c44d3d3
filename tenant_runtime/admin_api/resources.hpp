#pragma once
// Route tables of the Admin API resources, one function per resource file.

#include <vector>

#include "tenant_runtime/admin_api/admin_api.hpp"

namespace station::tenant {

std::vector<AdminRoute> shop_routes();
std::vector<AdminRoute> product_routes();
std::vector<AdminRoute> variant_routes();
std::vector<AdminRoute> image_routes();
std::vector<AdminRoute> collection_routes();
std::vector<AdminRoute> customer_routes();
std::vector<AdminRoute> inventory_routes();
std::vector<AdminRoute> metafield_routes();
std::vector<AdminRoute> webhook_routes();
std::vector<AdminRoute> event_routes();
std::vector<AdminRoute> import_export_routes();

}  // namespace station::tenant
