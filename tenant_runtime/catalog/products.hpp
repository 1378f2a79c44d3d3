#pragma once
// Products, their options and variants in a store's database. Writes append their event
// (`products/create|update|delete`, payload: the product's Admin API JSON) in the same
// transaction, keep the full-text index, the tag table and smart-collection membership current,
// and create each variant's inventory item.
//
// Preconditions: callers hold the store's database (StoreRuntime::with_db) and have checked the
// shape of the input (lengths, formats); these functions enforce the catalog's rules and return
// a FieldError when one is broken. Writes join an open transaction (events/write_scope.hpp).

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "base/sqlite/database.hpp"
#include "tenant_runtime/domain/field_error.hpp"

namespace station::tenant {

inline constexpr std::size_t kMaxProductOptions = 3;
inline constexpr std::size_t kMaxVariants = 100;

// How product JSON is rendered: prices use the store currency's exponent; image `src` URLs start
// with `files_url` ("https://shop.example.com/files/").
struct CatalogFormat {
    int currency_exponent = 2;
    std::string files_url;
};

struct VariantInput {
    std::optional<std::int64_t> id;  // an existing variant to keep (updates)
    std::string title;               // derived from the option values when empty
    std::string sku;
    std::optional<std::string> barcode;
    std::int64_t price_minor = 0;
    std::optional<std::int64_t> compare_at_price_minor;
    std::optional<std::string> option1, option2, option3;
    std::int64_t weight_milli = 0;   // thousandths of weight_unit
    std::string weight_unit = "kg";  // g, kg, lb, oz
    bool requires_shipping = true;
    bool taxable = true;
    std::string inventory_policy = "deny";            // deny | continue
    std::optional<std::string> inventory_management;  // "shopify" when stock is tracked
    std::optional<std::int64_t> image_id;
    // Customs data, kept on the variant's inventory item.
    std::optional<std::string> harmonized_system_code;
    std::optional<std::string> country_code_of_origin;
    // New variants only: stock at the default location.
    std::optional<std::int64_t> inventory_quantity;
};

struct ProductInput {
    std::string title;
    std::optional<std::string> handle;  // generated from the title when absent
    std::string body_html;
    std::string vendor;
    std::string product_type;
    std::string tags;               // comma-separated; normalized on write
    std::string status = "active";  // active | draft | archived
    std::optional<std::string> seo_title;
    std::optional<std::string> seo_description;
    bool published = true;                  // sets published_at (kept when already published)
    std::vector<std::string> option_names;  // up to 3; "Title" when empty
    std::vector<VariantInput> variants;     // a default variant is created when empty
};

struct ProductOption {
    std::int64_t id = 0;
    std::int64_t product_id = 0;
    std::int64_t position = 1;
    std::string name;
    std::vector<std::string> values;  // distinct, in variant order
};

struct Variant {
    std::int64_t id = 0;
    std::int64_t product_id = 0;
    std::int64_t position = 1;
    std::string title;
    std::string sku;
    std::optional<std::string> barcode;
    std::int64_t price_minor = 0;
    std::optional<std::int64_t> compare_at_price_minor;
    std::optional<std::string> option1, option2, option3;
    std::int64_t weight_milli = 0;
    std::string weight_unit = "kg";
    bool requires_shipping = true;
    bool taxable = true;
    std::string inventory_policy = "deny";
    std::optional<std::string> inventory_management;
    std::optional<std::int64_t> image_id;
    std::int64_t inventory_item_id = 0;
    std::int64_t inventory_quantity = 0;  // available, summed over locations
    std::optional<std::string> harmonized_system_code;
    std::optional<std::string> country_code_of_origin;
    std::int64_t created_at = 0;
    std::int64_t updated_at = 0;

    std::int64_t grams() const;
};

struct ProductImage {
    std::int64_t id = 0;
    std::int64_t product_id = 0;
    std::int64_t position = 1;
    std::optional<std::string> alt;
    std::string file_name;  // under files/products/<product_id>/
    std::string content_type;
    std::int64_t width = 0;
    std::int64_t height = 0;
    std::int64_t byte_size = 0;
    std::vector<std::int64_t> variant_ids;
    std::int64_t created_at = 0;
    std::int64_t updated_at = 0;
};

struct Product {
    std::int64_t id = 0;
    std::string handle;
    std::string title;
    std::string body_html;
    std::string vendor;
    std::string product_type;
    std::string tags;
    std::string status;
    std::optional<std::string> seo_title;
    std::optional<std::string> seo_description;
    std::optional<std::int64_t> published_at;
    std::int64_t created_at = 0;
    std::int64_t updated_at = 0;
    std::vector<ProductOption> options;
    std::vector<Variant> variants;
    std::vector<ProductImage> images;
};

// Everything an update starts from: the product as it is, with variant ids, ready to overlay.
ProductInput input_from(const Product& product);
VariantInput variant_input_from(const Variant& variant);

// Inserts the product, options, variants (and their inventory items and initial stock) and
// appends `products/create`. A generated handle that is taken gets a numeric suffix ("tee-1");
// an explicit taken handle is an error.
Checked<Product> create_product(sql::Database& db, const ProductInput& input, std::int64_t now,
                                const CatalogFormat& format);
// Replaces the product's fields, options and variant list with `input`: variants with an id are
// updated, variants without are created, the others deleted. Appends `products/update`.
// nullopt-valued result: no such product.
Checked<std::optional<Product>> update_product(sql::Database& db, std::int64_t id,
                                               const ProductInput& input, std::int64_t now,
                                               const CatalogFormat& format);
// Deletes the product (variants, images, collects, metafields) and appends `products/delete`
// with {"id": id}. false: no such product. The caller removes the product's files afterwards.
bool delete_product(sql::Database& db, std::int64_t id, std::int64_t now);

// Appends `products/update` for a product whose parts (variants, images) changed.
void record_product_update(sql::Database& db, std::int64_t id, std::int64_t now,
                           const CatalogFormat& format);

std::optional<Product> find_product(sql::Database& db, std::int64_t id);
std::optional<Product> find_product_by_handle(sql::Database& db, std::string_view handle);

// Shopify's documented product list filters. Empty / nullopt members do not filter.
struct ProductFilter {
    std::vector<std::int64_t> ids;
    std::int64_t since_id = 0;
    std::vector<std::string> handles;
    std::vector<std::string> statuses;
    std::optional<std::string> vendor;
    std::optional<std::string> product_type;
    std::optional<std::string> title;
    std::optional<std::int64_t> collection_id;
    std::optional<std::int64_t> created_at_min, created_at_max;
    std::optional<std::int64_t> updated_at_min, updated_at_max;
    std::optional<std::int64_t> published_at_min, published_at_max;
    std::optional<std::string> published_status;  // published | unpublished | any
};

// A page in id order: ids above `after_id`, or (when before_id > 0) the last `limit` ids below
// `before_id`, returned in ascending order either way.
struct IdPage {
    std::int64_t after_id = 0;
    std::int64_t before_id = 0;
    int limit = 50;
};

std::vector<Product> list_products(sql::Database& db, const ProductFilter& filter,
                                   const IdPage& page);
std::int64_t count_products(sql::Database& db, const ProductFilter& filter = {});
// Loads several products by id in the given order, skipping missing ones (search results).
std::vector<Product> find_products(sql::Database& db, const std::vector<std::int64_t>& ids);

}  // namespace station::tenant
