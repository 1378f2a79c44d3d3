#include "tenant_runtime/catalog/images.hpp"

#include <fstream>
#include <system_error>

#include "tenant_runtime/catalog/handles.hpp"
#include "tenant_runtime/events/write_scope.hpp"

namespace station::tenant {
namespace {

std::uint32_t be32(std::string_view b, std::size_t at) {
    return (std::uint32_t(std::uint8_t(b[at])) << 24) |
           (std::uint32_t(std::uint8_t(b[at + 1])) << 16) |
           (std::uint32_t(std::uint8_t(b[at + 2])) << 8) | std::uint32_t(std::uint8_t(b[at + 3]));
}
std::uint32_t be16(std::string_view b, std::size_t at) {
    return (std::uint32_t(std::uint8_t(b[at])) << 8) | std::uint32_t(std::uint8_t(b[at + 1]));
}
std::uint32_t le16(std::string_view b, std::size_t at) {
    return std::uint32_t(std::uint8_t(b[at])) | (std::uint32_t(std::uint8_t(b[at + 1])) << 8);
}
std::uint32_t le24(std::string_view b, std::size_t at) {
    return le16(b, at) | (std::uint32_t(std::uint8_t(b[at + 2])) << 16);
}

std::optional<ImageInfo> sniff_jpeg(std::string_view b) {
    // Walk the marker segments to the first start-of-frame, which holds the dimensions.
    std::size_t i = 2;
    while (i + 9 < b.size()) {
        if (std::uint8_t(b[i]) != 0xFF) return std::nullopt;
        std::uint8_t marker = std::uint8_t(b[i + 1]);
        if (marker == 0xFF) {
            ++i;
            continue;
        }
        std::uint32_t length = be16(b, i + 2);
        bool start_of_frame =
            marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
        if (start_of_frame) {
            return ImageInfo{"image/jpeg", "jpg", be16(b, i + 7), be16(b, i + 5)};
        }
        i += 2 + length;
    }
    return std::nullopt;
}

std::optional<ImageInfo> sniff_webp(std::string_view b) {
    if (b.size() < 30) return std::nullopt;
    std::string_view chunk = b.substr(12, 4);
    if (chunk == "VP8 ")
        return ImageInfo{"image/webp", "webp", le16(b, 26) & 0x3FFF, le16(b, 28) & 0x3FFF};
    if (chunk == "VP8L") {
        std::uint32_t bits =
            std::uint32_t(std::uint8_t(b[21])) | (std::uint32_t(std::uint8_t(b[22])) << 8) |
            (std::uint32_t(std::uint8_t(b[23])) << 16) | (std::uint32_t(std::uint8_t(b[24])) << 24);
        return ImageInfo{"image/webp", "webp", (bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1};
    }
    if (chunk == "VP8X") return ImageInfo{"image/webp", "webp", le24(b, 24) + 1, le24(b, 27) + 1};
    return std::nullopt;
}

std::string stored_name(std::int64_t image_id, const std::optional<std::string>& filename,
                        const ImageInfo& info) {
    std::string stem;
    if (filename) {
        std::string_view name = *filename;
        if (auto dot = name.rfind('.'); dot != std::string_view::npos) name = name.substr(0, dot);
        stem = handleize(name.substr(0, 100));
    }
    return std::to_string(image_id) + (stem.empty() ? "" : "-" + stem) + "." + info.extension;
}

void renumber(sql::Database& db, std::int64_t product_id, std::int64_t moved_id,
              std::int64_t wanted_position) {
    std::vector<std::int64_t> order;
    {
        auto row = db.query(
            "SELECT id FROM product_images WHERE product_id = ? AND id <> ? ORDER BY position, id",
            {product_id, moved_id});
        while (row.next())
            order.push_back(row.int64(0));
    }
    auto at = static_cast<std::size_t>(
        std::clamp<std::int64_t>(wanted_position, 1, static_cast<std::int64_t>(order.size()) + 1) -
        1);
    if (moved_id != 0) order.insert(order.begin() + static_cast<std::ptrdiff_t>(at), moved_id);
    std::int64_t position = 1;
    for (std::int64_t id : order)
        db.run("UPDATE product_images SET position = ? WHERE id = ?", {position++, id});
}

std::optional<FieldError> attach_variants(sql::Database& db, std::int64_t product_id,
                                          std::int64_t image_id,
                                          const std::vector<std::int64_t>& variant_ids,
                                          std::int64_t now) {
    db.run("UPDATE product_variants SET image_id = NULL WHERE image_id = ?", {image_id});
    for (std::int64_t variant_id : variant_ids) {
        auto changed = db.run(
            "UPDATE product_variants SET image_id = ?, updated_at = ? WHERE id = ? AND "
            "product_id = ?",
            {image_id, now, variant_id, product_id});
        if (changed.changes == 0) {
            return FieldError{"variant_ids", "variant " + std::to_string(variant_id) +
                                                 " is not a variant of this product"};
        }
    }
    return std::nullopt;
}

std::optional<ProductImage> find_image(sql::Database& db, std::int64_t product_id,
                                       std::int64_t image_id) {
    auto product = find_product(db, product_id);
    if (!product) return std::nullopt;
    for (auto& image : product->images) {
        if (image.id == image_id) return image;
    }
    return std::nullopt;
}

}  // namespace

std::optional<ImageInfo> sniff_image(std::string_view b) {
    if (b.size() >= 24 && b.substr(0, 8) == "\x89PNG\r\n\x1a\n") {
        return ImageInfo{"image/png", "png", be32(b, 16), be32(b, 20)};
    }
    if (b.size() >= 4 && std::uint8_t(b[0]) == 0xFF && std::uint8_t(b[1]) == 0xD8) {
        return sniff_jpeg(b);
    }
    if (b.size() >= 10 && (b.substr(0, 6) == "GIF87a" || b.substr(0, 6) == "GIF89a")) {
        return ImageInfo{"image/gif", "gif", le16(b, 6), le16(b, 8)};
    }
    if (b.size() >= 16 && b.substr(0, 4) == "RIFF" && b.substr(8, 4) == "WEBP") {
        return sniff_webp(b);
    }
    return std::nullopt;
}

std::filesystem::path product_files_dir(const std::filesystem::path& files_dir,
                                        std::int64_t product_id) {
    return files_dir / "products" / std::to_string(product_id);
}

Checked<ProductImage> add_product_image(sql::Database& db, const std::filesystem::path& files_dir,
                                        std::int64_t product_id, const ImageUpload& upload,
                                        std::int64_t now, const CatalogFormat& format) {
    if (upload.bytes.empty()) return FieldError{"attachment", "can't be blank"};
    if (upload.bytes.size() > kMaxImageBytes) {
        return FieldError{"attachment", "images may be at most 20 MB"};
    }
    auto info = sniff_image(upload.bytes);
    if (!info || info->width <= 0 || info->height <= 0) {
        return FieldError{"attachment", "is not a PNG, JPEG, GIF or WebP image"};
    }
    WriteScope scope(db);
    if (!db.query_int64("SELECT 1 FROM products WHERE id = ?", {product_id})) {
        return FieldError{"product_id", "does not exist"};
    }
    auto count =
        db.query_int64("SELECT count(*) FROM product_images WHERE product_id = ?", {product_id})
            .value_or(0);
    if (count >= static_cast<std::int64_t>(kMaxImagesPerProduct)) {
        return FieldError{"images", "a product may have at most 250 images"};
    }
    std::int64_t id =
        db.run(
              "INSERT INTO product_images(product_id, position, alt, file_name, "
              "content_type, width, height, byte_size, created_at, updated_at) "
              "VALUES (?,?,?,'',?,?,?,?,?,?)",
              {product_id, count + 1, upload.alt, info->content_type, info->width, info->height,
               static_cast<std::int64_t>(upload.bytes.size()), now, now})
            .last_insert_rowid;
    std::string name = stored_name(id, upload.filename, *info);
    db.run("UPDATE product_images SET file_name = ? WHERE id = ?", {name, id});
    renumber(db, product_id, id, upload.position.value_or(count + 1));
    if (auto problem = attach_variants(db, product_id, id, upload.variant_ids, now)) {
        return *problem;
    }
    std::filesystem::path dir = product_files_dir(files_dir, product_id);
    std::filesystem::create_directories(dir);
    std::filesystem::path temp = dir / (name + ".tmp");
    {
        std::ofstream out(temp, std::ios::binary | std::ios::trunc);
        out.write(upload.bytes.data(), static_cast<std::streamsize>(upload.bytes.size()));
        if (!out) throw std::runtime_error("cannot write image file " + temp.string());
    }
    std::filesystem::rename(temp, dir / name);
    try {
        record_product_update(db, product_id, now, format);
        scope.commit();
    } catch (...) {
        std::error_code ignored;
        std::filesystem::remove(dir / name, ignored);
        throw;
    }
    return *find_image(db, product_id, id);
}

Checked<std::optional<ProductImage>> update_product_image(
    sql::Database& db, std::int64_t product_id, std::int64_t image_id, const ImageChange& change,
    std::int64_t now, const CatalogFormat& format) {
    WriteScope scope(db);
    if (!find_image(db, product_id, image_id)) return std::optional<ProductImage>();
    if (change.alt) {
        db.run("UPDATE product_images SET alt = ? WHERE id = ?", {*change.alt, image_id});
    }
    if (change.position) renumber(db, product_id, image_id, *change.position);
    if (change.variant_ids) {
        if (auto problem = attach_variants(db, product_id, image_id, *change.variant_ids, now)) {
            return *problem;
        }
    }
    db.run("UPDATE product_images SET updated_at = ? WHERE id = ?", {now, image_id});
    record_product_update(db, product_id, now, format);
    scope.commit();
    return find_image(db, product_id, image_id);
}

bool delete_product_image(sql::Database& db, const std::filesystem::path& files_dir,
                          std::int64_t product_id, std::int64_t image_id, std::int64_t now,
                          const CatalogFormat& format) {
    WriteScope scope(db);
    auto image = find_image(db, product_id, image_id);
    if (!image) return false;
    db.run("UPDATE product_variants SET image_id = NULL WHERE image_id = ?", {image_id});
    db.run("DELETE FROM product_images WHERE id = ?", {image_id});
    renumber(db, product_id, 0, 1);
    record_product_update(db, product_id, now, format);
    scope.commit();
    std::error_code ignored;
    std::filesystem::remove(product_files_dir(files_dir, product_id) / image->file_name, ignored);
    return true;
}

}  // namespace station::tenant
