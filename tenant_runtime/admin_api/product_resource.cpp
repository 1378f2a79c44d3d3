// /admin/api/{version}/products.json, products/count.json, products/search.json,
// products/{id}.json

#include <filesystem>
#include <system_error>

#include "tenant_runtime/admin_api/admin_support.hpp"
#include "tenant_runtime/admin_api/product_input.hpp"
#include "tenant_runtime/admin_api/resources.hpp"
#include "tenant_runtime/catalog/images.hpp"
#include "tenant_runtime/catalog/product_json.hpp"
#include "tenant_runtime/catalog/products.hpp"
#include "tenant_runtime/search/product_search.hpp"
#include "tenant_runtime/store/quotas.hpp"

namespace station::tenant {
namespace {

ProductFilter product_filter(const QueryParams& q) {
    ProductFilter f;
    f.ids = q.ids("ids");
    f.since_id = q.integer("since_id").value_or(0);
    f.handles = q.list("handle");
    f.statuses = q.list("status");
    for (const auto& s : f.statuses) {
        if (s != "active" && s != "draft" && s != "archived") {
            throw AdminError(400,
                             boost::json::object{{"status", "must be active, draft or archived"}});
        }
    }
    f.vendor = q.text("vendor");
    f.product_type = q.text("product_type");
    f.title = q.text("title");
    f.collection_id = q.integer("collection_id");
    f.created_at_min = q.time("created_at_min");
    f.created_at_max = q.time("created_at_max");
    f.updated_at_min = q.time("updated_at_min");
    f.updated_at_max = q.time("updated_at_max");
    f.published_at_min = q.time("published_at_min");
    f.published_at_max = q.time("published_at_max");
    f.published_status = q.text("published_status");
    if (f.published_status && *f.published_status != "published" &&
        *f.published_status != "unpublished" && *f.published_status != "any") {
        throw AdminError(400, boost::json::object{
                                  {"published_status", "must be published, unpublished or any"}});
    }
    return f;
}

http::Response handle_list(AdminCall& call) {
    ListRequest request = parse_list_request(call);
    ProductFilter filter = product_filter(request.params);
    CatalogFormat format = catalog_format(call);
    IdPage page = request.page;
    page.limit = request.fetch_limit();
    auto products =
        call.runtime.with_db([&](sql::Database& db) { return list_products(db, filter, page); });
    PageLinks links = settle_page(products, request, [](const Product& p) { return p.id; });
    std::vector<std::string> items;
    items.reserve(products.size());
    for (const Product& p : products)
        items.push_back(product_json(p, format));
    return list_text_response(call, request, "products", items, links);
}

http::Response handle_count(AdminCall& call) {
    ProductFilter filter = product_filter(QueryParams(call.request.query));
    std::int64_t count =
        call.runtime.with_db([&](sql::Database& db) { return count_products(db, filter); });
    return admin_json(200, "count", count);
}

http::Response handle_search(AdminCall& call) {
    QueryParams q(call.request.query);
    std::string text = q.text("query").value_or("");
    ProductSearchOptions options;
    options.limit =
        static_cast<int>(std::clamp<std::int64_t>(q.integer("limit").value_or(50), 1, 250));
    options.offset =
        static_cast<int>(std::min<std::int64_t>(q.integer("offset").value_or(0), 100000));
    options.active_only = q.text("published_status") == "published";
    CatalogFormat format = catalog_format(call);
    auto products = call.runtime.with_db([&](sql::Database& db) {
        return find_products(db, search_product_ids(db, text, options));
    });
    boost::json::array items;
    for (const Product& p : products)
        items.push_back(product_to_json(p, format));
    return admin_json(200, "products", std::move(items));
}

http::Response handle_get(AdminCall& call) {
    std::int64_t id = path_id(call, 1);
    auto product = call.runtime.with_db([&](sql::Database& db) { return find_product(db, id); });
    if (!product) throw AdminError::not_found();
    return object_text_response(call, 200, "product", product_json(*product, catalog_format(call)));
}

std::vector<ImageUpload> read_images(const boost::json::object& json) {
    std::vector<ImageUpload> uploads;
    auto it = json.find("images");
    if (it == json.end() || !it->value().is_array()) return uploads;
    for (const auto& item : it->value().as_array()) {
        if (!item.is_object()) throw AdminError::invalid("images", "must be objects");
        const auto& o = item.as_object();
        auto attachment = o.find("attachment");
        if (attachment == o.end()) {
            throw AdminError::invalid("images", "send the file as a base64 `attachment`");
        }
        auto bytes = decode_base64(json_text(attachment->value(), "attachment", 30 << 20));
        if (!bytes) throw AdminError::invalid("attachment", "is not valid base64");
        ImageUpload upload;
        upload.bytes = std::move(*bytes);
        if (auto f = o.find("filename"); f != o.end())
            upload.filename = json_text(f->value(), "filename", 255);
        if (auto a = o.find("alt"); a != o.end() && !a->value().is_null())
            upload.alt = json_text(a->value(), "alt", 512);
        uploads.push_back(std::move(upload));
    }
    return uploads;
}

http::Response handle_create(AdminCall& call) {
    CatalogFormat format = catalog_format(call);
    boost::json::object json = body_root(call, "product");
    ProductInput input;
    read_product_json(json, input, {}, format.currency_exponent);
    if (input.title.empty()) throw AdminError::invalid("title", "can't be blank");
    std::vector<ImageUpload> images = read_images(json);
    if (auto problem = storage_quota_problem(call.runtime, call.store)) {
        throw AdminError::invalid("base", *problem);
    }
    std::filesystem::path files = call.runtime.directory() / "files";
    Product product = write_store(call, [&](sql::Database& db) {
        if (auto problem = product_quota_problem(count_products(db), 1, call.store)) {
            throw AdminError::invalid("base", *problem);
        }
        sql::Transaction tx(db);
        std::int64_t now = call.clock.unix_seconds();
        Product created = checked(create_product(db, input, now, format));
        for (const ImageUpload& upload : images)
            checked(add_product_image(db, files, created.id, upload, now, format));
        tx.commit();
        return *find_product(db, created.id);
    });
    return object_text_response(call, 201, "product", product_json(product, format));
}

http::Response handle_update(AdminCall& call) {
    std::int64_t id = path_id(call, 1);
    CatalogFormat format = catalog_format(call);
    boost::json::object json = body_root(call, "product");
    Product product = write_store(call, [&](sql::Database& db) {
        auto existing = find_product(db, id);
        if (!existing) throw AdminError::not_found();
        ProductInput input = input_from(*existing);
        read_product_json(json, input, input.variants, format.currency_exponent);
        auto updated = checked(update_product(db, id, input, call.clock.unix_seconds(), format));
        if (!updated) throw AdminError::not_found();
        return std::move(*updated);
    });
    return object_text_response(call, 200, "product", product_json(product, format));
}

http::Response handle_delete(AdminCall& call) {
    std::int64_t id = path_id(call, 1);
    bool deleted = write_store(
        call, [&](sql::Database& db) { return delete_product(db, id, call.clock.unix_seconds()); });
    if (!deleted) throw AdminError::not_found();
    std::error_code ignored;
    std::filesystem::remove_all(product_files_dir(call.runtime.directory() / "files", id), ignored);
    return http::Response::json(200, "{}");
}

}  // namespace

std::vector<AdminRoute> product_routes() {
    return {
        {http::Method::Get, {"products"}, "read_products", handle_list},
        {http::Method::Post, {"products"}, "write_products", handle_create},
        {http::Method::Get, {"products", "count"}, "read_products", handle_count},
        {http::Method::Get, {"products", "search"}, "read_products", handle_search},
        {http::Method::Get, {"products", "*"}, "read_products", handle_get},
        {http::Method::Put, {"products", "*"}, "write_products", handle_update},
        {http::Method::Delete, {"products", "*"}, "write_products", handle_delete},
    };
}

}  // namespace station::tenant
