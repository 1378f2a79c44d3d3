#pragma once
// The canonical JSON of a product: Shopify's Admin REST `product` resource. Used by the Admin API
// and as the payload of product events and webhooks, so both always agree.

#include <boost/json/object.hpp>

#include "tenant_runtime/catalog/products.hpp"

namespace station::tenant {

boost::json::object product_to_json(const Product& product, int currency_exponent);
boost::json::object variant_to_json(const Variant& variant, int currency_exponent);

}  // namespace station::tenant
