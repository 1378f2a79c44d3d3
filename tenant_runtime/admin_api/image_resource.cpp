// products/{id}/images.json, products/{id}/images/count.json, products/{id}/images/{id}.json

#include "tenant_runtime/admin_api/admin_support.hpp"
#include "tenant_runtime/admin_api/product_input.hpp"
#include "tenant_runtime/admin_api/resources.hpp"
#include "tenant_runtime/catalog/images.hpp"
#include "tenant_runtime/catalog/product_json.hpp"
#include "tenant_runtime/store/quotas.hpp"

namespace station::tenant {
namespace {

Product load_product(sql::Database& db, std::int64_t id) {
    auto product = find_product(db, id);
    if (!product) throw AdminError::not_found();
    return std::move(*product);
}

std::vector<std::int64_t> variant_ids(const boost::json::value& v) {
    if (!v.is_array()) throw AdminError::invalid("variant_ids", "must be an array of ids");
    std::vector<std::int64_t> ids;
    for (const auto& id : v.as_array())
        ids.push_back(json_integer(id, "variant_ids"));
    return ids;
}

http::Response handle_list(AdminCall& call) {
    std::int64_t product_id = path_id(call, 1);
    CatalogFormat format = catalog_format(call);
    Product product =
        call.runtime.with_db([&](sql::Database& db) { return load_product(db, product_id); });
    boost::json::array items;
    for (const ProductImage& i : product.images)
        items.push_back(image_to_json(i, format));
    return admin_json(200, "images", std::move(items));
}

http::Response handle_count(AdminCall& call) {
    std::int64_t product_id = path_id(call, 1);
    Product product =
        call.runtime.with_db([&](sql::Database& db) { return load_product(db, product_id); });
    return admin_json(200, "count", static_cast<std::int64_t>(product.images.size()));
}

http::Response handle_get(AdminCall& call) {
    std::int64_t product_id = path_id(call, 1);
    std::int64_t image_id = path_id(call, 3);
    Product product =
        call.runtime.with_db([&](sql::Database& db) { return load_product(db, product_id); });
    for (const ProductImage& i : product.images) {
        if (i.id == image_id) {
            return object_response(call, 200, "image", image_to_json(i, catalog_format(call)));
        }
    }
    throw AdminError::not_found();
}

http::Response handle_create(AdminCall& call) {
    std::int64_t product_id = path_id(call, 1);
    CatalogFormat format = catalog_format(call);
    boost::json::object json = body_root(call, "image");
    ImageUpload upload;
    auto attachment = json.find("attachment");
    if (attachment == json.end()) {
        if (json.contains("src")) {
            throw AdminError::invalid("src",
                                      "fetching images from URLs is not supported; send "
                                      "the file as a base64 attachment");
        }
        throw AdminError::invalid("attachment", "can't be blank");
    }
    auto bytes = decode_base64(json_text(attachment->value(), "attachment", 30 << 20));
    if (!bytes) throw AdminError::invalid("attachment", "is not valid base64");
    upload.bytes = std::move(*bytes);
    if (auto f = json.find("filename"); f != json.end())
        upload.filename = json_text(f->value(), "filename", 255);
    if (auto a = json.find("alt"); a != json.end() && !a->value().is_null())
        upload.alt = json_text(a->value(), "alt", 512);
    if (auto p = json.find("position"); p != json.end())
        upload.position = json_integer(p->value(), "position");
    if (auto v = json.find("variant_ids"); v != json.end())
        upload.variant_ids = variant_ids(v->value());
    if (auto problem = storage_quota_problem(call.runtime, call.store)) {
        throw AdminError::invalid("base", *problem);
    }
    ProductImage image = write_store(call, [&](sql::Database& db) {
        load_product(db, product_id);
        return checked(add_product_image(db, call.runtime.directory() / "files", product_id, upload,
                                         call.clock.unix_seconds(), format));
    });
    return object_response(call, 201, "image", image_to_json(image, format));
}

http::Response handle_update(AdminCall& call) {
    std::int64_t product_id = path_id(call, 1);
    std::int64_t image_id = path_id(call, 3);
    CatalogFormat format = catalog_format(call);
    boost::json::object json = body_root(call, "image");
    ImageChange change;
    if (auto a = json.find("alt"); a != json.end()) {
        change.alt = a->value().is_null()
                         ? std::optional<std::string>()
                         : std::optional<std::string>(json_text(a->value(), "alt", 512));
    }
    if (auto p = json.find("position"); p != json.end())
        change.position = json_integer(p->value(), "position");
    if (auto v = json.find("variant_ids"); v != json.end())
        change.variant_ids = variant_ids(v->value());
    auto image = write_store(call, [&](sql::Database& db) {
        return checked(update_product_image(db, product_id, image_id, change,
                                            call.clock.unix_seconds(), format));
    });
    if (!image) throw AdminError::not_found();
    return object_response(call, 200, "image", image_to_json(*image, format));
}

http::Response handle_delete(AdminCall& call) {
    std::int64_t product_id = path_id(call, 1);
    std::int64_t image_id = path_id(call, 3);
    CatalogFormat format = catalog_format(call);
    bool deleted = write_store(call, [&](sql::Database& db) {
        return delete_product_image(db, call.runtime.directory() / "files", product_id, image_id,
                                    call.clock.unix_seconds(), format);
    });
    if (!deleted) throw AdminError::not_found();
    return http::Response::json(200, "{}");
}

}  // namespace

std::vector<AdminRoute> image_routes() {
    return {
        {http::Method::Get, {"products", "*", "images"}, "read_products", handle_list},
        {http::Method::Post, {"products", "*", "images"}, "write_products", handle_create},
        {http::Method::Get, {"products", "*", "images", "count"}, "read_products", handle_count},
        {http::Method::Get, {"products", "*", "images", "*"}, "read_products", handle_get},
        {http::Method::Put, {"products", "*", "images", "*"}, "write_products", handle_update},
        {http::Method::Delete, {"products", "*", "images", "*"}, "write_products", handle_delete},
    };
}

}  // namespace station::tenant
