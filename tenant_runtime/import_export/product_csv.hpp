#pragma once
// Products in Shopify's product CSV format (Handle, Title, Body (HTML), Vendor, Type, Tags,
// Published, Option1 Name, Option1 Value, … Variant SKU, Variant Grams, Variant Inventory Qty,
// Variant Inventory Policy, Variant Price, Variant Compare At Price, Variant Requires Shipping,
// Variant Taxable, Variant Barcode, Image Src, Image Position, Image Alt Text, SEO Title,
// SEO Description, Variant Weight Unit, Variant HS Code, Variant Country of Origin, Status).
// Rows sharing a Handle form one product: the first carries the product's fields, each row with
// variant data adds a variant.
//
// Import is two phases: plan_product_import() validates the whole file without touching the
// store (every problem reported as row, column, message), then apply_product_import() writes the
// plan in ONE transaction — all products or none. A product whose handle exists is replaced.

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "base/sqlite/database.hpp"
#include "tenant_runtime/catalog/products.hpp"

namespace station::tenant {

struct CsvProblem {
    std::size_t row = 0;  // 1-based line of the data row (the header is row 1)
    std::string column;   // the header name, or "" for the whole row
    std::string message;
};

struct PlannedProduct {
    std::size_t first_row = 0;
    std::string handle;
    ProductInput input;
};

struct ImportPlan {
    std::vector<PlannedProduct> products;
    std::size_t rows = 0;
    std::size_t ignored_images = 0;    // Image Src URLs are not fetched (see docs/admin-api.md)
    std::vector<CsvProblem> problems;  // empty: the plan may be applied
};

inline constexpr std::size_t kMaxImportProblems = 1000;

ImportPlan plan_product_import(std::string_view csv_text, int currency_exponent);

struct ImportOutcome {
    std::int64_t created = 0;
    std::int64_t updated = 0;
    std::vector<CsvProblem> problems;  // non-empty: nothing was written
};

// Applies a problem-free plan in one transaction. `progress(done)` is called after each product.
ImportOutcome apply_product_import(sql::Database& db, const ImportPlan& plan, std::int64_t now,
                                   const CatalogFormat& format,
                                   const std::function<void(std::size_t done)>& progress);

// Every product in id order, one row per variant (images on extra rows).
std::string export_products_csv(sql::Database& db, const CatalogFormat& format);

}  // namespace station::tenant
