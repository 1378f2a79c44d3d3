#pragma once
// Product images: the files live in the store's own directory
// (<store dir>/files/products/<product id>/<image id>-<name>.<ext>), the records in its database.
// Writes append `products/update` for the product in the same transaction.
//
// Preconditions: as for products.hpp. `files_dir` is the store's <store dir>/files.

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/sqlite/database.hpp"
#include "tenant_runtime/catalog/products.hpp"
#include "tenant_runtime/domain/field_error.hpp"

namespace station::tenant {

inline constexpr std::size_t kMaxImageBytes = 20 * 1024 * 1024;
inline constexpr std::size_t kMaxImagesPerProduct = 250;

struct ImageInfo {
    std::string content_type;  // image/png, image/jpeg, image/gif, image/webp
    std::string extension;     // png, jpg, gif, webp
    std::int64_t width = 0;
    std::int64_t height = 0;
};

// Recognizes PNG, JPEG, GIF and WebP from their headers; nullopt for anything else.
std::optional<ImageInfo> sniff_image(std::string_view bytes);

struct ImageUpload {
    std::string bytes;
    std::optional<std::string> filename;
    std::optional<std::string> alt;
    std::optional<std::int64_t> position;  // 1-based; default: last
    std::vector<std::int64_t> variant_ids;
};

struct ImageChange {
    std::optional<std::optional<std::string>> alt;
    std::optional<std::int64_t> position;
    std::optional<std::vector<std::int64_t>> variant_ids;
};

Checked<ProductImage> add_product_image(sql::Database& db, const std::filesystem::path& files_dir,
                                        std::int64_t product_id, const ImageUpload& upload,
                                        std::int64_t now, const CatalogFormat& format);
// nullopt-valued: no such image of that product.
Checked<std::optional<ProductImage>> update_product_image(
    sql::Database& db, std::int64_t product_id, std::int64_t image_id, const ImageChange& change,
    std::int64_t now, const CatalogFormat& format);
// Deletes the record and (after the commit) its file. false: no such image of that product.
bool delete_product_image(sql::Database& db, const std::filesystem::path& files_dir,
                          std::int64_t product_id, std::int64_t image_id, std::int64_t now,
                          const CatalogFormat& format);

// Where a product's image files live.
std::filesystem::path product_files_dir(const std::filesystem::path& files_dir,
                                        std::int64_t product_id);

}  // namespace station::tenant
