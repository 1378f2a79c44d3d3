// custom_collections, smart_collections, collects, collections/{id} and
// collections/{id}/products.

#include "tenant_runtime/admin_api/admin_support.hpp"
#include "tenant_runtime/admin_api/resources.hpp"
#include "tenant_runtime/catalog/collection_json.hpp"
#include "tenant_runtime/catalog/collections.hpp"
#include "tenant_runtime/catalog/product_json.hpp"

namespace station::tenant {
namespace {

std::string_view root_of(CollectionKind kind) {
    return kind == CollectionKind::Smart ? "smart_collection" : "custom_collection";
}
std::string_view plural_of(CollectionKind kind) {
    return kind == CollectionKind::Smart ? "smart_collections" : "custom_collections";
}

CollectionFilter collection_filter(const QueryParams& q) {
    CollectionFilter f;
    f.ids = q.ids("ids");
    f.since_id = q.integer("since_id").value_or(0);
    f.handle = q.text("handle");
    f.title = q.text("title");
    f.product_id = q.integer("product_id");
    f.updated_at_min = q.time("updated_at_min");
    f.updated_at_max = q.time("updated_at_max");
    f.published_status = q.text("published_status");
    return f;
}

CollectionInput input_from(const Collection& c) {
    CollectionInput in;
    in.title = c.title;
    in.handle = c.handle;
    in.body_html = c.body_html;
    in.sort_order = c.sort_order;
    in.published = c.published_at.has_value();
    in.disjunctive = c.disjunctive;
    in.rules = c.rules;
    return in;
}

void read_collection_json(const boost::json::object& j, CollectionInput& in) {
    for (const auto& [key, value] : j) {
        if (key == "title") {
            in.title = value.is_null() ? "" : json_text(value, "title", 255);
        } else if (key == "handle") {
            in.handle =
                value.is_null() ? std::optional<std::string>() : json_text(value, "handle", 255);
        } else if (key == "body_html") {
            in.body_html = value.is_null() ? "" : json_text(value, "body_html", 512 * 1024);
        } else if (key == "sort_order" && !value.is_null()) {
            in.sort_order = json_text(value, "sort_order", 32);
        } else if (key == "published") {
            in.published = json_bool(value, "published");
        } else if (key == "published_at") {
            in.published = !value.is_null();
        } else if (key == "disjunctive") {
            in.disjunctive = json_bool(value, "disjunctive");
        } else if (key == "rules") {
            if (!value.is_array()) throw AdminError::invalid("rules", "must be an array");
            in.rules.clear();
            for (const auto& r : value.as_array()) {
                if (!r.is_object()) throw AdminError::invalid("rules", "must be objects");
                const auto& o = r.as_object();
                auto field = [&](std::string_view name) {
                    auto it = o.find(name);
                    return it == o.end() || it->value().is_null()
                               ? std::string()
                               : json_text(it->value(), "rules", 255);
                };
                in.rules.push_back({field("column"), field("relation"), field("condition")});
            }
        } else if (key == "collects") {
            if (!value.is_array()) throw AdminError::invalid("collects", "must be an array");
            for (const auto& c : value.as_array()) {
                if (!c.is_object() || !c.as_object().contains("product_id")) {
                    throw AdminError::invalid("collects", "must be {\"product_id\": …} objects");
                }
                in.product_ids.push_back(json_integer(c.as_object().at("product_id"), "collects"));
            }
        }
    }
}

AdminHandler list_handler(CollectionKind kind) {
    return [kind](AdminCall& call) {
        ListRequest request = parse_list_request(call);
        CollectionFilter filter = collection_filter(request.params);
        IdPage page = request.page;
        page.limit = request.fetch_limit();
        auto collections = call.runtime.with_db(
            [&](sql::Database& db) { return list_collections(db, kind, filter, page); });
        PageLinks links =
            settle_page(collections, request, [](const Collection& c) { return c.id; });
        boost::json::array items;
        for (const auto& c : collections)
            items.push_back(collection_to_json(c));
        return list_response(call, request, plural_of(kind), std::move(items), links);
    };
}

AdminHandler count_handler(CollectionKind kind) {
    return [kind](AdminCall& call) {
        CollectionFilter filter = collection_filter(QueryParams(call.request.query));
        auto count = call.runtime.with_db(
            [&](sql::Database& db) { return count_collections(db, kind, filter); });
        return admin_json(200, "count", count);
    };
}

AdminHandler get_handler(CollectionKind kind) {
    return [kind](AdminCall& call) {
        std::int64_t id = path_id(call, 1);
        auto c =
            call.runtime.with_db([&](sql::Database& db) { return find_collection(db, id, kind); });
        if (!c) throw AdminError::not_found();
        return object_response(call, 200, root_of(kind), collection_to_json(*c));
    };
}

AdminHandler create_handler(CollectionKind kind) {
    return [kind](AdminCall& call) {
        boost::json::object json = body_root(call, root_of(kind));
        CollectionInput input;
        read_collection_json(json, input);
        int exponent = currency_exponent(call.store);
        Collection c = write_store(call, [&](sql::Database& db) {
            return checked(create_collection(db, kind, input, call.clock.unix_seconds(), exponent));
        });
        return object_response(call, 201, root_of(kind), collection_to_json(c));
    };
}

AdminHandler update_handler(CollectionKind kind) {
    return [kind](AdminCall& call) {
        std::int64_t id = path_id(call, 1);
        boost::json::object json = body_root(call, root_of(kind));
        int exponent = currency_exponent(call.store);
        auto c = write_store(call, [&](sql::Database& db) {
            auto existing = find_collection(db, id, kind);
            if (!existing) throw AdminError::not_found();
            CollectionInput input = input_from(*existing);
            read_collection_json(json, input);
            if (kind == CollectionKind::Custom && !input.product_ids.empty()) {
                throw AdminError::invalid("collects", "add products with POST collects.json");
            }
            return checked(
                update_collection(db, id, kind, input, call.clock.unix_seconds(), exponent));
        });
        if (!c) throw AdminError::not_found();
        return object_response(call, 200, root_of(kind), collection_to_json(*c));
    };
}

AdminHandler delete_handler(CollectionKind kind) {
    return [kind](AdminCall& call) {
        std::int64_t id = path_id(call, 1);
        bool deleted = write_store(call, [&](sql::Database& db) {
            return delete_collection(db, id, kind, call.clock.unix_seconds());
        });
        if (!deleted) throw AdminError::not_found();
        return http::Response::json(200, "{}");
    };
}

http::Response get_any_collection(AdminCall& call) {
    std::int64_t id = path_id(call, 1);
    auto c = call.runtime.with_db([&](sql::Database& db) { return find_collection(db, id); });
    if (!c) throw AdminError::not_found();
    return object_response(call, 200, "collection", collection_to_json(*c));
}

http::Response collection_products_list(AdminCall& call) {
    std::int64_t id = path_id(call, 1);
    ListRequest request = parse_list_request(call);
    CatalogFormat format = catalog_format(call);
    ProductFilter filter;
    filter.collection_id = id;
    IdPage page = request.page;
    page.limit = request.fetch_limit();
    auto products = call.runtime.with_db([&](sql::Database& db) {
        if (!find_collection(db, id)) throw AdminError::not_found();
        return list_products(db, filter, page);
    });
    PageLinks links = settle_page(products, request, [](const Product& p) { return p.id; });
    boost::json::array items;
    for (const auto& p : products)
        items.push_back(product_to_json(p, format));
    return list_response(call, request, "products", std::move(items), links);
}

CollectFilter collect_filter(const QueryParams& q) {
    return {q.integer("collection_id"), q.integer("product_id"), q.integer("since_id").value_or(0)};
}

http::Response collects_list(AdminCall& call) {
    ListRequest request = parse_list_request(call);
    CollectFilter filter = collect_filter(request.params);
    IdPage page = request.page;
    page.limit = request.fetch_limit();
    auto collects =
        call.runtime.with_db([&](sql::Database& db) { return list_collects(db, filter, page); });
    PageLinks links = settle_page(collects, request, [](const Collect& c) { return c.id; });
    boost::json::array items;
    for (const auto& c : collects)
        items.push_back(collect_to_json(c));
    return list_response(call, request, "collects", std::move(items), links);
}

http::Response collects_count(AdminCall& call) {
    CollectFilter filter = collect_filter(QueryParams(call.request.query));
    auto count =
        call.runtime.with_db([&](sql::Database& db) { return count_collects(db, filter); });
    return admin_json(200, "count", count);
}

http::Response collects_get(AdminCall& call) {
    std::int64_t id = path_id(call, 1);
    auto c = call.runtime.with_db([&](sql::Database& db) { return find_collect(db, id); });
    if (!c) throw AdminError::not_found();
    return object_response(call, 200, "collect", collect_to_json(*c));
}

http::Response collects_create(AdminCall& call) {
    boost::json::object json = body_root(call, "collect");
    auto field = [&](std::string_view name) {
        auto it = json.find(name);
        if (it == json.end()) throw AdminError::invalid(name, "can't be blank");
        return json_integer(it->value(), name);
    };
    std::int64_t collection_id = field("collection_id");
    std::int64_t product_id = field("product_id");
    int exponent = currency_exponent(call.store);
    Collect c = write_store(call, [&](sql::Database& db) {
        return checked(
            create_collect(db, collection_id, product_id, call.clock.unix_seconds(), exponent));
    });
    return object_response(call, 201, "collect", collect_to_json(c));
}

http::Response collects_delete(AdminCall& call) {
    std::int64_t id = path_id(call, 1);
    int exponent = currency_exponent(call.store);
    bool deleted = write_store(call, [&](sql::Database& db) {
        return checked(delete_collect(db, id, call.clock.unix_seconds(), exponent));
    });
    if (!deleted) throw AdminError::not_found();
    return http::Response::json(200, "{}");
}

}  // namespace

std::vector<AdminRoute> collection_routes() {
    std::vector<AdminRoute> routes;
    for (CollectionKind kind : {CollectionKind::Custom, CollectionKind::Smart}) {
        std::string plural(plural_of(kind));
        routes.push_back({http::Method::Get, {plural}, "read_products", list_handler(kind)});
        routes.push_back({http::Method::Post, {plural}, "write_products", create_handler(kind)});
        routes.push_back(
            {http::Method::Get, {plural, "count"}, "read_products", count_handler(kind)});
        routes.push_back({http::Method::Get, {plural, "*"}, "read_products", get_handler(kind)});
        routes.push_back(
            {http::Method::Put, {plural, "*"}, "write_products", update_handler(kind)});
        routes.push_back(
            {http::Method::Delete, {plural, "*"}, "write_products", delete_handler(kind)});
    }
    routes.push_back(
        {http::Method::Get, {"collections", "*"}, "read_products", get_any_collection});
    routes.push_back({http::Method::Get,
                      {"collections", "*", "products"},
                      "read_products",
                      collection_products_list});
    routes.push_back({http::Method::Get, {"collects"}, "read_products", collects_list});
    routes.push_back({http::Method::Post, {"collects"}, "write_products", collects_create});
    routes.push_back({http::Method::Get, {"collects", "count"}, "read_products", collects_count});
    routes.push_back({http::Method::Get, {"collects", "*"}, "read_products", collects_get});
    routes.push_back({http::Method::Delete, {"collects", "*"}, "write_products", collects_delete});
    return routes;
}

}  // namespace station::tenant
