#pragma once
// Reading `product` and `variant` bodies of the Admin REST API into catalog inputs. Updates
// overlay the fields present on the resource as it is, as Shopify does.

#include <boost/json/object.hpp>

#include "tenant_runtime/catalog/products.hpp"

namespace station::tenant {

// Overlays the fields present in `json` onto `input` (the current product for updates, a blank
// one for creates). Variants: a present `variants` array replaces the list; entries with an id
// overlay that variant, entries without are new.
void read_product_json(const boost::json::object& json, ProductInput& input,
                       const std::vector<VariantInput>& existing_variants, int exponent);
void read_variant_json(const boost::json::object& json, VariantInput& variant, int exponent,
                       std::string_view prefix = "");

// Standard base64 (padding optional); nullopt when malformed.
std::optional<std::string> decode_base64(std::string_view text);

}  // namespace station::tenant
