#pragma once
// Route tables of the Admin API resources, one function per resource file.

#include <vector>

#include "tenant_runtime/admin_api/admin_api.hpp"

namespace station::tenant {

std::vector<AdminRoute> shop_routes();
std::vector<AdminRoute> product_routes();

}  // namespace station::tenant
