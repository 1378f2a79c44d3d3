#include <set>

#include <boost/json/serialize.hpp>

#include "tenant_runtime/catalog/collections.hpp"
#include "tenant_runtime/catalog/handles.hpp"
#include "tenant_runtime/catalog/product_json.hpp"
#include "tenant_runtime/catalog/products.hpp"
#include "tenant_runtime/catalog/tags.hpp"
#include "tenant_runtime/events/event_log.hpp"
#include "tenant_runtime/events/write_scope.hpp"
#include "tenant_runtime/inventory/inventory.hpp"
#include "tenant_runtime/search/product_search.hpp"

namespace station::tenant {
namespace {

const std::optional<std::string>& option_value(const VariantInput& v, std::size_t position) {
    return position == 1 ? v.option1 : position == 2 ? v.option2 : v.option3;
}

std::optional<std::string>& option_value(VariantInput& v, std::size_t position) {
    return position == 1 ? v.option1 : position == 2 ? v.option2 : v.option3;
}

bool is_weight_unit(std::string_view unit) {
    return unit == "g" || unit == "kg" || unit == "lb" || unit == "oz";
}

// Fills defaults and checks the catalog's rules; returns the option names to store.
Checked<std::vector<std::string>> normalize(ProductInput& input) {
    if (input.title.empty()) return FieldError{"title", "can't be blank"};
    if (input.status != "active" && input.status != "draft" && input.status != "archived") {
        return FieldError{"status", "must be active, draft or archived"};
    }
    if (input.option_names.size() > kMaxProductOptions) {
        return FieldError{"options", "a product may have at most 3 options"};
    }
    if (input.variants.size() > kMaxVariants) {
        return FieldError{"variants", "a product may have at most 100 variants"};
    }
    if (input.variants.empty()) input.variants.emplace_back();
    std::size_t option_count = std::max<std::size_t>(1, input.option_names.size());
    for (const VariantInput& v : input.variants) {
        for (std::size_t p = kMaxProductOptions; p > option_count; --p) {
            if (option_value(v, p)) option_count = p;
        }
    }
    std::vector<std::string> names = input.option_names;
    for (std::size_t p = names.size() + 1; p <= option_count; ++p)
        names.push_back(p == 1 ? "Title" : "Option" + std::to_string(p));
    std::set<std::string> combinations;
    for (VariantInput& v : input.variants) {
        if (!option_value(v, 1) && input.variants.size() == 1) {
            v.option1 = v.title.empty() ? "Default Title" : v.title;
        }
        std::string title;
        for (std::size_t p = 1; p <= option_count; ++p) {
            const auto& value = option_value(v, p);
            if (!value || value->empty()) {
                return FieldError{"variants", "every variant needs a value for option " +
                                                  std::to_string(p) + " (" + names[p - 1] + ")"};
            }
            if (!title.empty()) title += " / ";
            title += *value;
        }
        for (std::size_t p = option_count + 1; p <= kMaxProductOptions; ++p)
            option_value(v, p).reset();
        if (!combinations.insert(title).second) {
            return FieldError{"variants", "The variant '" + title + "' already exists."};
        }
        v.title = title;
        if (v.price_minor < 0) return FieldError{"price", "must be greater than or equal to 0"};
        if (!is_weight_unit(v.weight_unit)) {
            return FieldError{"weight_unit", "must be g, kg, lb or oz"};
        }
        if (v.inventory_policy != "deny" && v.inventory_policy != "continue") {
            return FieldError{"inventory_policy", "must be deny or continue"};
        }
    }
    input.tags = normalize_tags(input.tags);
    return names;
}

Checked<std::string> choose_handle(sql::Database& db, const ProductInput& input,
                                   std::optional<std::int64_t> own_id) {
    auto taken = [&](const std::string& h) {
        auto owner = db.query_int64("SELECT id FROM products WHERE handle = ?", {h});
        return owner && owner != own_id;
    };
    if (input.handle) {
        std::string handle = handleize(*input.handle);
        if (handle.empty()) return FieldError{"handle", "is invalid"};
        if (taken(handle)) return FieldError{"handle", "has already been taken"};
        return handle;
    }
    std::string base = handleize(input.title);
    if (base.empty()) base = "product";
    std::string candidate = base;
    for (int suffix = 1; taken(candidate); ++suffix)
        candidate = base + "-" + std::to_string(suffix);
    return candidate;
}

void write_options(sql::Database& db, std::int64_t product_id,
                   const std::vector<std::string>& names) {
    db.run("DELETE FROM product_options WHERE product_id = ? AND position > ?",
           {product_id, static_cast<std::int64_t>(names.size())});
    for (std::size_t i = 0; i < names.size(); ++i) {
        db.run(
            "INSERT INTO product_options(product_id, position, name) VALUES (?,?,?) "
            "ON CONFLICT(product_id, position) DO UPDATE SET name = excluded.name",
            {product_id, static_cast<std::int64_t>(i + 1), names[i]});
    }
}

void write_tags(sql::Database& db, std::int64_t product_id, const std::string& tags) {
    db.run("DELETE FROM product_tags WHERE product_id = ?", {product_id});
    for (const std::string& tag : split_tags(tags)) {
        db.run("INSERT OR IGNORE INTO product_tags(product_id, tag) VALUES (?, ?)",
               {product_id, tag});
    }
}

Checked<void> write_variants(sql::Database& db, std::int64_t product_id,
                             const std::vector<VariantInput>& variants, std::int64_t now) {
    std::vector<std::int64_t> kept;
    for (const VariantInput& v : variants) {
        if (!v.id) continue;
        auto owner =
            db.query_int64("SELECT product_id FROM product_variants WHERE id = ?", {*v.id});
        if (owner != product_id) {
            return FieldError{
                "variants", "variant " + std::to_string(*v.id) + " does not belong to the product"};
        }
        kept.push_back(*v.id);
    }
    for (const VariantInput& v : variants) {
        if (v.image_id && db.query_int64("SELECT product_id FROM product_images WHERE id = ?",
                                         {*v.image_id}) != product_id) {
            return FieldError{"image_id", "is not an image of this product"};
        }
    }
    // Remove dropped variants first so their option combinations are free for the rest.
    {
        std::string keep_list;
        for (auto id : kept)
            keep_list += (keep_list.empty() ? "" : ",") + std::to_string(id);
        db.run(
            "DELETE FROM product_variants WHERE product_id = ? AND id NOT IN "
            "(SELECT value FROM json_each(?))",
            {product_id, "[" + keep_list + "]"});
    }
    std::int64_t position = 1;
    for (const VariantInput& v : variants) {
        if (v.id) {
            db.run(
                "UPDATE product_variants SET position = ?, title = ?, sku = ?, barcode = ?, "
                "price_minor = ?, compare_at_price_minor = ?, option1 = ?, option2 = ?, "
                "option3 = ?, weight_milli = ?, weight_unit = ?, requires_shipping = ?, "
                "taxable = ?, inventory_policy = ?, inventory_management = ?, image_id = ?, "
                "updated_at = ? WHERE id = ?",
                {position++, v.title, v.sku, v.barcode, v.price_minor, v.compare_at_price_minor,
                 v.option1, v.option2, v.option3, v.weight_milli, v.weight_unit,
                 v.requires_shipping, v.taxable, v.inventory_policy, v.inventory_management,
                 v.image_id, now, *v.id});
            db.run(
                "UPDATE inventory_items SET harmonized_system_code = ?, "
                "country_code_of_origin = ?, updated_at = ? WHERE variant_id = ?",
                {v.harmonized_system_code, v.country_code_of_origin, now, *v.id});
            continue;
        }
        std::int64_t variant_id =
            db.run(
                  "INSERT INTO product_variants(product_id, position, title, sku, barcode, "
                  "price_minor, compare_at_price_minor, option1, option2, option3, weight_milli, "
                  "weight_unit, requires_shipping, taxable, inventory_policy, "
                  "inventory_management, image_id, created_at, updated_at) "
                  "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                  {product_id, position++, v.title, v.sku, v.barcode, v.price_minor,
                   v.compare_at_price_minor, v.option1, v.option2, v.option3, v.weight_milli,
                   v.weight_unit, v.requires_shipping, v.taxable, v.inventory_policy,
                   v.inventory_management, v.image_id, now, now})
                .last_insert_rowid;
        InventoryItemUpdate details;
        details.harmonized_system_code = v.harmonized_system_code;
        details.country_code_of_origin = v.country_code_of_origin;
        std::int64_t item_id = create_inventory_item(db, variant_id, details, now);
        if (auto location = default_location_id(db)) {
            stock_new_item(db, item_id, *location, now);
            if (v.inventory_quantity) {
                auto level = set_quantity(db, item_id, *location, Quantity::Available,
                                          *v.inventory_quantity, "received", std::nullopt, now);
                if (!level) return level.error();
            }
        }
    }
    return {};
}

std::string product_payload(sql::Database& db, std::int64_t id, const CatalogFormat& format) {
    return product_json(*find_product(db, id), format);
}

}  // namespace

Checked<Product> create_product(sql::Database& db, const ProductInput& original, std::int64_t now,
                                const CatalogFormat& format) {
    ProductInput input = original;
    auto names = normalize(input);
    if (!names) return names.error();
    for (VariantInput& v : input.variants)
        v.id.reset();
    WriteScope scope(db);
    auto handle = choose_handle(db, input, std::nullopt);
    if (!handle) return handle.error();
    std::optional<std::int64_t> published_at;
    if (input.published) published_at = now;
    std::int64_t id =
        db.run(
              "INSERT INTO products(handle, title, body_html, vendor, product_type, tags, status, "
              "seo_title, seo_description, published_at, created_at, updated_at) "
              "VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
              {*handle, input.title, input.body_html, input.vendor, input.product_type, input.tags,
               input.status, input.seo_title, input.seo_description, published_at, now, now})
            .last_insert_rowid;
    write_options(db, id, *names);
    write_tags(db, id, input.tags);
    if (auto written = write_variants(db, id, input.variants, now); !written) {
        return written.error();
    }
    index_product(db, id);
    Product product = *find_product(db, id);
    refresh_smart_membership(db, product, now, format.currency_exponent);
    append_event(db, "products/create", "product", id, product_json(product, format), now);
    scope.commit();
    return product;
}

Checked<std::optional<Product>> update_product(sql::Database& db, std::int64_t id,
                                               const ProductInput& original, std::int64_t now,
                                               const CatalogFormat& format) {
    ProductInput input = original;
    auto names = normalize(input);
    if (!names) return names.error();
    WriteScope scope(db);
    auto existing_published =
        db.query_int64("SELECT published_at FROM products WHERE id = ?", {id});
    if (!db.query_int64("SELECT 1 FROM products WHERE id = ?", {id})) {
        return std::optional<Product>();
    }
    auto handle = choose_handle(db, input, id);
    if (!handle) return handle.error();
    std::optional<std::int64_t> published_at;
    if (input.published) published_at = existing_published ? *existing_published : now;
    db.run(
        "UPDATE products SET handle = ?, title = ?, body_html = ?, vendor = ?, product_type = ?, "
        "tags = ?, status = ?, seo_title = ?, seo_description = ?, published_at = ?, "
        "updated_at = ? WHERE id = ?",
        {*handle, input.title, input.body_html, input.vendor, input.product_type, input.tags,
         input.status, input.seo_title, input.seo_description, published_at, now, id});
    write_options(db, id, *names);
    write_tags(db, id, input.tags);
    if (auto written = write_variants(db, id, input.variants, now); !written) {
        return written.error();
    }
    index_product(db, id);
    Product product = *find_product(db, id);
    refresh_smart_membership(db, product, now, format.currency_exponent);
    append_event(db, "products/update", "product", id, product_json(product, format), now);
    scope.commit();
    return std::optional<Product>(std::move(product));
}

bool delete_product(sql::Database& db, std::int64_t id, std::int64_t now) {
    WriteScope scope(db);
    if (db.run("DELETE FROM products WHERE id = ?", {id}).changes == 0) return false;
    db.run("DELETE FROM metafields WHERE owner_resource = 'product' AND owner_id = ?", {id});
    db.run(
        "DELETE FROM metafields WHERE owner_resource = 'variant' AND owner_id NOT IN "
        "(SELECT id FROM product_variants)");
    unindex_product(db, id);
    append_event(db, "products/delete", "product", id,
                 boost::json::serialize(boost::json::object{{"id", id}}), now);
    scope.commit();
    return true;
}

void record_product_update(sql::Database& db, std::int64_t id, std::int64_t now,
                           const CatalogFormat& format) {
    db.run("UPDATE products SET updated_at = ? WHERE id = ?", {now, id});
    index_product(db, id);
    refresh_smart_membership(db, *find_product(db, id), now, format.currency_exponent);
    append_event(db, "products/update", "product", id, product_payload(db, id, format), now);
}

}  // namespace station::tenant
