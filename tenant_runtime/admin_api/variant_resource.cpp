// products/{id}/variants.json, products/{id}/variants/count.json, variants/{id}.json,
// products/{id}/variants/{id}.json (DELETE)

#include "tenant_runtime/admin_api/admin_support.hpp"
#include "tenant_runtime/admin_api/product_input.hpp"
#include "tenant_runtime/admin_api/resources.hpp"
#include "tenant_runtime/catalog/product_json.hpp"

namespace station::tenant {
namespace {

Product load_product(sql::Database& db, std::int64_t id) {
    auto product = find_product(db, id);
    if (!product) throw AdminError::not_found();
    return std::move(*product);
}

std::optional<std::int64_t> product_of_variant(sql::Database& db, std::int64_t variant_id) {
    return db.query_int64("SELECT product_id FROM product_variants WHERE id = ?", {variant_id});
}

const Variant& variant_in(const Product& product, std::int64_t variant_id) {
    for (const Variant& v : product.variants) {
        if (v.id == variant_id) return v;
    }
    throw AdminError::not_found();
}

http::Response handle_list(AdminCall& call) {
    std::int64_t product_id = path_id(call, 1);
    CatalogFormat format = catalog_format(call);
    ListRequest request = parse_list_request(call);
    std::int64_t since_id = request.params.integer("since_id").value_or(0);
    Product product =
        call.runtime.with_db([&](sql::Database& db) { return load_product(db, product_id); });
    boost::json::array items;
    for (const Variant& v : product.variants) {
        if (v.id > since_id && static_cast<int>(items.size()) < request.page.limit) {
            items.push_back(variant_to_json(v, format));
        }
    }
    return list_response(call, request, "variants", std::move(items), {});
}

http::Response handle_count(AdminCall& call) {
    std::int64_t product_id = path_id(call, 1);
    Product product =
        call.runtime.with_db([&](sql::Database& db) { return load_product(db, product_id); });
    return admin_json(200, "count", static_cast<std::int64_t>(product.variants.size()));
}

http::Response handle_get(AdminCall& call) {
    std::int64_t variant_id = path_id(call, 1);
    CatalogFormat format = catalog_format(call);
    Product product = call.runtime.with_db([&](sql::Database& db) {
        auto owner = product_of_variant(db, variant_id);
        if (!owner) throw AdminError::not_found();
        return load_product(db, *owner);
    });
    return object_response(call, 200, "variant",
                           variant_to_json(variant_in(product, variant_id), format));
}

// Every variant write is a product update with the variant list changed.
Product save(sql::Database& db, const Product& product, ProductInput input, std::int64_t now,
             const CatalogFormat& format) {
    auto updated = checked(update_product(db, product.id, input, now, format));
    if (!updated) throw AdminError::not_found();
    return std::move(*updated);
}

http::Response handle_create(AdminCall& call) {
    std::int64_t product_id = path_id(call, 1);
    CatalogFormat format = catalog_format(call);
    boost::json::object json = body_root(call, "variant");
    Variant created = write_store(call, [&](sql::Database& db) {
        Product product = load_product(db, product_id);
        ProductInput input = input_from(product);
        // A product's only default variant is replaced by the first real one, as in Shopify.
        if (product.variants.size() == 1 && product.variants[0].option1 == "Default Title" &&
            product.options.size() == 1 && product.options[0].name == "Title") {
            input.variants.clear();
        }
        VariantInput v;
        read_variant_json(json, v, format.currency_exponent);
        input.variants.push_back(v);
        Product saved = save(db, product, input, call.clock.unix_seconds(), format);
        return saved.variants.back();
    });
    return object_response(call, 201, "variant", variant_to_json(created, format));
}

http::Response handle_update(AdminCall& call) {
    std::int64_t variant_id = path_id(call, 1);
    CatalogFormat format = catalog_format(call);
    boost::json::object json = body_root(call, "variant");
    Variant updated = write_store(call, [&](sql::Database& db) {
        auto owner = product_of_variant(db, variant_id);
        if (!owner) throw AdminError::not_found();
        Product product = load_product(db, *owner);
        ProductInput input = input_from(product);
        for (VariantInput& v : input.variants) {
            if (v.id == variant_id) read_variant_json(json, v, format.currency_exponent);
        }
        Product saved = save(db, product, input, call.clock.unix_seconds(), format);
        return variant_in(saved, variant_id);
    });
    return object_response(call, 200, "variant", variant_to_json(updated, format));
}

http::Response handle_delete(AdminCall& call) {
    std::int64_t product_id = path_id(call, 1);
    std::int64_t variant_id = path_id(call, 3);
    CatalogFormat format = catalog_format(call);
    write_store(call, [&](sql::Database& db) {
        Product product = load_product(db, product_id);
        variant_in(product, variant_id);
        if (product.variants.size() == 1) {
            throw AdminError::invalid("base", "Cannot delete the last variant of a product");
        }
        ProductInput input = input_from(product);
        std::erase_if(input.variants, [&](const VariantInput& v) { return v.id == variant_id; });
        save(db, product, input, call.clock.unix_seconds(), format);
    });
    return http::Response::json(200, "{}");
}

}  // namespace

std::vector<AdminRoute> variant_routes() {
    return {
        {http::Method::Get, {"products", "*", "variants"}, "read_products", handle_list},
        {http::Method::Post, {"products", "*", "variants"}, "write_products", handle_create},
        {http::Method::Get, {"products", "*", "variants", "count"}, "read_products", handle_count},
        {http::Method::Delete, {"products", "*", "variants", "*"}, "write_products", handle_delete},
        {http::Method::Get, {"variants", "*"}, "read_products", handle_get},
        {http::Method::Put, {"variants", "*"}, "write_products", handle_update},
    };
}

}  // namespace station::tenant
