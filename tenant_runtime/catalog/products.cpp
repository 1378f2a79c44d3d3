#include "tenant_runtime/catalog/products.hpp"

#include <boost/json/serialize.hpp>

#include "tenant_runtime/catalog/handles.hpp"
#include "tenant_runtime/catalog/product_json.hpp"
#include "tenant_runtime/events/event_log.hpp"

namespace station::tenant {
namespace {

constexpr std::string_view kProductColumns =
    "id, handle, title, body_html, vendor, product_type, tags, status, published_at, created_at, "
    "updated_at";

Product read_product(const sql::Row& row) {
    Product p;
    p.id = row.int64(0);
    p.handle = row.string(1);
    p.title = row.string(2);
    p.body_html = row.string(3);
    p.vendor = row.string(4);
    p.product_type = row.string(5);
    p.tags = row.string(6);
    p.status = row.string(7);
    p.published_at = row.optional_int64(8);
    p.created_at = row.int64(9);
    p.updated_at = row.int64(10);
    return p;
}

void load_variants(sql::Database& db, Product& product) {
    auto row = db.query(
        "SELECT id, product_id, position, title, sku, price_minor, compare_at_price_minor, "
        "option1, option2, option3, created_at, updated_at FROM product_variants "
        "WHERE product_id = ? ORDER BY position, id",
        {product.id});
    while (row.next()) {
        Variant v;
        v.id = row.int64(0);
        v.product_id = row.int64(1);
        v.position = row.int64(2);
        v.title = row.string(3);
        v.sku = row.string(4);
        v.price_minor = row.int64(5);
        v.compare_at_price_minor = row.optional_int64(6);
        v.option1 = row.optional_string(7);
        v.option2 = row.optional_string(8);
        v.option3 = row.optional_string(9);
        v.created_at = row.int64(10);
        v.updated_at = row.int64(11);
        product.variants.push_back(std::move(v));
    }
}

std::string unique_handle(sql::Database& db, const std::string& base) {
    std::string candidate = base.empty() ? "product" : base;
    for (int suffix = 1;; ++suffix) {
        if (!db.query_int64("SELECT 1 FROM products WHERE handle = ?", {candidate})) {
            return candidate;
        }
        candidate = base + "-" + std::to_string(suffix);
    }
}

Product insert_product(sql::Database& db, const ProductInput& input, std::int64_t now) {
    std::string handle = unique_handle(db, input.handle ? *input.handle : handleize(input.title));
    std::optional<std::int64_t> published_at;
    if (input.status == "active") published_at = now;
    auto product_id =
        db.run(
              "INSERT INTO products(handle, title, body_html, vendor, product_type, tags, status, "
              "published_at, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?)",
              {handle, input.title, input.body_html, input.vendor, input.product_type, input.tags,
               input.status, published_at, now, now})
            .last_insert_rowid;
    std::vector<VariantInput> variants = input.variants;
    if (variants.empty()) variants.emplace_back();
    std::int64_t position = 1;
    for (const VariantInput& v : variants) {
        db.run(
            "INSERT INTO product_variants(product_id, position, title, sku, price_minor, "
            "compare_at_price_minor, option1, option2, option3, created_at, updated_at) "
            "VALUES (?,?,?,?,?,?,?,?,?,?,?)",
            {product_id, position++, v.title, v.sku, v.price_minor, v.compare_at_price_minor,
             v.option1, v.option2, v.option3, now, now});
    }
    return *find_product(db, product_id);
}

}  // namespace

Product create_product(sql::Database& db, const ProductInput& input, std::int64_t now,
                       int currency_exponent) {
    sql::Transaction tx(db);
    Product product = insert_product(db, input, now);
    append_event(db, "products/create", "product", product.id,
                 boost::json::serialize(product_to_json(product, currency_exponent)), now);
    tx.commit();
    return product;
}

std::optional<Product> find_product(sql::Database& db, std::int64_t id) {
    auto row =
        db.query("SELECT " + std::string(kProductColumns) + " FROM products WHERE id = ?", {id});
    if (!row.next()) return std::nullopt;
    Product product = read_product(row);
    load_variants(db, product);
    return product;
}

std::optional<Product> find_product_by_handle(sql::Database& db, std::string_view handle) {
    auto row = db.query(
        "SELECT " + std::string(kProductColumns) + " FROM products WHERE handle = ?", {handle});
    if (!row.next()) return std::nullopt;
    Product product = read_product(row);
    load_variants(db, product);
    return product;
}

std::vector<Product> list_products(sql::Database& db, std::int64_t since_id, int limit,
                                   bool active_only) {
    std::vector<Product> out;
    {
        auto row = db.query("SELECT " + std::string(kProductColumns) +
                                " FROM products WHERE id > ? AND (? = 0 OR status = 'active') "
                                "ORDER BY id LIMIT ?",
                            {since_id, active_only ? 1 : 0, limit});
        while (row.next())
            out.push_back(read_product(row));
    }
    for (Product& p : out)
        load_variants(db, p);
    return out;
}

std::int64_t count_products(sql::Database& db) {
    return db.query_int64("SELECT count(*) FROM products").value_or(0);
}

}  // namespace station::tenant
