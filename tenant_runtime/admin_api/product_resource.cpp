// /admin/api/{version}/products.json, products/count.json, products/{id}.json

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include "base/http/json_input.hpp"
#include "base/money/currency.hpp"
#include "tenant_runtime/admin_api/admin_error.hpp"
#include "tenant_runtime/admin_api/resources.hpp"
#include "tenant_runtime/catalog/product_json.hpp"
#include "tenant_runtime/catalog/products.hpp"
#include "tenant_runtime/store/quotas.hpp"

namespace station::tenant {
namespace {

int currency_exponent(const StoreContext& store) {
    auto currency = money::find_currency(store.base_currency);
    return currency ? currency->exponent : 2;
}

int parse_limit(const http::Request& request) {
    auto text = request.query_param("limit");
    if (!text) return 50;
    int limit = 0;
    try {
        limit = std::stoi(*text);
    } catch (const std::exception&) {
        throw AdminError(400, boost::json::object{{"limit", "must be an integer"}});
    }
    if (limit < 1 || limit > 250) {
        throw AdminError(400, boost::json::object{{"limit", "must be between 1 and 250"}});
    }
    return limit;
}

std::int64_t parse_since_id(const http::Request& request) {
    auto text = request.query_param("since_id");
    if (!text) return 0;
    try {
        return std::stoll(*text);
    } catch (const std::exception&) {
        throw AdminError(400, boost::json::object{{"since_id", "must be an integer"}});
    }
}

std::int64_t parse_price(const boost::json::value& v, std::string_view field, int exponent) {
    std::optional<std::int64_t> minor;
    if (v.is_string()) minor = money::parse_decimal(v.as_string(), exponent);
    if (v.is_int64()) minor = money::parse_decimal(std::to_string(v.as_int64()), exponent);
    if (!minor || *minor < 0) {
        throw AdminError::invalid(field, "must be a non-negative decimal amount");
    }
    return *minor;
}

ProductInput parse_product(const http::Request& request, int exponent) {
    boost::json::object body = http::parse_json_object(request.body);
    auto it = body.find("product");
    if (it == body.end() || !it->value().is_object()) {
        throw AdminError(400,
                         boost::json::object{{"product", "Required parameter missing or invalid"}});
    }
    const boost::json::object& product = it->value().as_object();
    http::JsonFields fields(product);
    ProductInput input;
    input.title = fields.optional_string("title", 255).value_or("");
    if (input.title.empty()) throw AdminError::invalid("title", "can't be blank");
    input.handle = fields.optional_string("handle", 255);
    input.body_html = fields.optional_string("body_html", 512 * 1024).value_or("");
    input.vendor = fields.optional_string("vendor", 255).value_or("");
    input.product_type = fields.optional_string("product_type", 255).value_or("");
    input.tags = fields.optional_string("tags", 4096).value_or("");
    input.status = fields.optional_string("status", 16).value_or("active");
    if (input.status != "active" && input.status != "draft" && input.status != "archived") {
        throw AdminError::invalid("status", "must be active, draft or archived");
    }
    if (auto v = product.find("variants"); v != product.end() && v->value().is_array()) {
        for (const auto& item : v->value().as_array()) {
            if (!item.is_object()) throw AdminError::invalid("variants", "must be objects");
            const auto& variant = item.as_object();
            http::JsonFields vf(variant, "variants");
            VariantInput vi;
            vi.title = vf.optional_string("title", 255).value_or("Default Title");
            vi.sku = vf.optional_string("sku", 255).value_or("");
            if (auto p = variant.find("price"); p != variant.end()) {
                vi.price_minor = parse_price(p->value(), "price", exponent);
            }
            if (auto p = variant.find("compare_at_price");
                p != variant.end() && !p->value().is_null()) {
                vi.compare_at_price_minor = parse_price(p->value(), "compare_at_price", exponent);
            }
            vi.option1 = vf.optional_string("option1", 255);
            vi.option2 = vf.optional_string("option2", 255);
            vi.option3 = vf.optional_string("option3", 255);
            input.variants.push_back(std::move(vi));
        }
    }
    if (input.variants.size() > 100) {
        throw AdminError::invalid("variants", "a product may have at most 100 variants");
    }
    return input;
}

http::Response handle_list(AdminCall& call) {
    int limit = parse_limit(call.request);
    std::int64_t since_id = parse_since_id(call.request);
    int exponent = currency_exponent(call.store);
    boost::json::array products;
    call.runtime.with_db([&](sql::Database& db) {
        for (const Product& p : tenant::list_products(db, since_id, limit, false)) {
            products.push_back(product_to_json(p, exponent));
        }
    });
    return admin_json(200, "products", std::move(products));
}

http::Response handle_count(AdminCall& call) {
    std::int64_t count =
        call.runtime.with_db([](sql::Database& db) { return tenant::count_products(db); });
    return admin_json(200, "count", count);
}

http::Response handle_get(AdminCall& call) {
    std::int64_t id = std::stoll(call.segments[1]);
    auto product = call.runtime.with_db([&](sql::Database& db) { return find_product(db, id); });
    if (!product) throw AdminError::not_found();
    return admin_json(200, "product", product_to_json(*product, currency_exponent(call.store)));
}

http::Response handle_create(AdminCall& call) {
    int exponent = currency_exponent(call.store);
    ProductInput input = parse_product(call.request, exponent);
    if (auto problem = storage_quota_problem(call.runtime, call.store)) {
        throw AdminError::invalid("base", *problem);
    }
    Product product = call.runtime.with_db([&](sql::Database& db) {
        if (auto problem = product_quota_problem(tenant::count_products(db), 1, call.store)) {
            throw AdminError::invalid("base", *problem);
        }
        return tenant::create_product(db, input, call.clock.unix_seconds(), exponent);
    });
    call.runtime.note_change();
    return admin_json(201, "product", product_to_json(product, exponent));
}

}  // namespace

std::vector<AdminRoute> product_routes() {
    return {
        {http::Method::Get, {"products"}, "read_products", handle_list},
        {http::Method::Post, {"products"}, "write_products", handle_create},
        {http::Method::Get, {"products", "count"}, "read_products", handle_count},
        {http::Method::Get, {"products", "*"}, "read_products", handle_get},
    };
}

}  // namespace station::tenant
