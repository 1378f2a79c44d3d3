#pragma once
// The canonical JSON of a product: Shopify's Admin REST `product` resource (with its variants,
// options and images). Used by the Admin API and as the payload of product events and webhooks,
// so both always agree. The text form is written directly (the hot path); the object forms are
// parsed from it, for callers that select or add fields.

#include <string>

#include <boost/json/object.hpp>

#include "tenant_runtime/catalog/products.hpp"
#include "tenant_runtime/domain/json_writer.hpp"

namespace station::tenant {

std::string product_json(const Product& product, const CatalogFormat& format);
void write_product_json(JsonWriter& out, const Product& product, const CatalogFormat& format);

boost::json::object product_to_json(const Product& product, const CatalogFormat& format);
boost::json::object variant_to_json(const Variant& variant, const CatalogFormat& format);
boost::json::object option_to_json(const ProductOption& option);
boost::json::object image_to_json(const ProductImage& image, const CatalogFormat& format);
// The public URL of an image file (what `src` holds).
std::string image_url(const ProductImage& image, const CatalogFormat& format);

}  // namespace station::tenant
