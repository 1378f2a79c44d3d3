#pragma once
// Products and their variants in a store's database. Writes append their event in the same
// transaction (see tenant_runtime/events/event_log.hpp).
//
// Preconditions: callers hold the store's database (StoreRuntime::with_db) and have validated
// input; these functions enforce only what the schema guarantees (unique handles).

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "base/sqlite/database.hpp"

namespace station::tenant {

struct VariantInput {
    std::string title = "Default Title";
    std::string sku;
    std::int64_t price_minor = 0;
    std::optional<std::int64_t> compare_at_price_minor;
    std::optional<std::string> option1, option2, option3;
};

struct ProductInput {
    std::string title;
    std::optional<std::string> handle;  // generated from the title when absent
    std::string body_html;
    std::string vendor;
    std::string product_type;
    std::string tags;
    std::string status = "active";
    std::vector<VariantInput> variants;  // a default variant is created when empty
};

struct Variant {
    std::int64_t id = 0;
    std::int64_t product_id = 0;
    std::int64_t position = 1;
    std::string title;
    std::string sku;
    std::int64_t price_minor = 0;
    std::optional<std::int64_t> compare_at_price_minor;
    std::optional<std::string> option1, option2, option3;
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
    std::optional<std::int64_t> published_at;
    std::int64_t created_at = 0;
    std::int64_t updated_at = 0;
    std::vector<Variant> variants;
};

// Inserts the product and its variants and appends `products/create` (payload: the product's
// Admin API JSON) as one transaction. A taken handle gets a numeric suffix ("tee-1").
// `currency_exponent` is the store currency's (prices render as decimal strings).
Product create_product(sql::Database& db, const ProductInput& input, std::int64_t now,
                       int currency_exponent);

std::optional<Product> find_product(sql::Database& db, std::int64_t id);
std::optional<Product> find_product_by_handle(sql::Database& db, std::string_view handle);
// Products with id > since_id in id order (Shopify's since_id pagination).
std::vector<Product> list_products(sql::Database& db, std::int64_t since_id, int limit,
                                   bool active_only);
std::int64_t count_products(sql::Database& db);

}  // namespace station::tenant
