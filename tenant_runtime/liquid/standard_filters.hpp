#pragma once
// Shopify Liquid's standard filter library (Liquid 5.4, plus the newer `has`, `find`,
// `find_index`, `reject`, `sum` and URL-safe base64 filters).

#include <vector>

#include "tenant_runtime/liquid/filter.hpp"

namespace station::liquid {

std::vector<FilterDefinition> standard_filters();

}  // namespace station::liquid
