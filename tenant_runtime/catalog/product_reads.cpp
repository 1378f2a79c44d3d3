#include <boost/json/array.hpp>
#include <boost/json/serialize.hpp>

#include "tenant_runtime/catalog/products.hpp"

namespace station::tenant {
namespace {

constexpr std::string_view kProductColumns =
    "p.id, p.handle, p.title, p.body_html, p.vendor, p.product_type, p.tags, p.status, "
    "p.seo_title, p.seo_description, p.published_at, p.created_at, p.updated_at";

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
    p.seo_title = row.optional_string(8);
    p.seo_description = row.optional_string(9);
    p.published_at = row.optional_int64(10);
    p.created_at = row.int64(11);
    p.updated_at = row.int64(12);
    return p;
}

void load_variants(sql::Database& db, Product& product) {
    auto row = db.query(
        "SELECT v.id, v.product_id, v.position, v.title, v.sku, v.barcode, v.price_minor, "
        "v.compare_at_price_minor, v.option1, v.option2, v.option3, v.weight_milli, "
        "v.weight_unit, v.requires_shipping, v.taxable, v.inventory_policy, "
        "v.inventory_management, v.image_id, coalesce(i.id, 0), "
        "coalesce((SELECT sum(l.available) FROM inventory_levels l "
        "WHERE l.inventory_item_id = i.id), 0), i.harmonized_system_code, "
        "i.country_code_of_origin, v.created_at, v.updated_at "
        "FROM product_variants v LEFT JOIN inventory_items i ON i.variant_id = v.id "
        "WHERE v.product_id = ? ORDER BY v.position, v.id",
        {product.id});
    while (row.next()) {
        Variant v;
        v.id = row.int64(0);
        v.product_id = row.int64(1);
        v.position = row.int64(2);
        v.title = row.string(3);
        v.sku = row.string(4);
        v.barcode = row.optional_string(5);
        v.price_minor = row.int64(6);
        v.compare_at_price_minor = row.optional_int64(7);
        v.option1 = row.optional_string(8);
        v.option2 = row.optional_string(9);
        v.option3 = row.optional_string(10);
        v.weight_milli = row.int64(11);
        v.weight_unit = row.string(12);
        v.requires_shipping = row.int64(13) != 0;
        v.taxable = row.int64(14) != 0;
        v.inventory_policy = row.string(15);
        v.inventory_management = row.optional_string(16);
        v.image_id = row.optional_int64(17);
        v.inventory_item_id = row.int64(18);
        v.inventory_quantity = row.int64(19);
        v.harmonized_system_code = row.optional_string(20);
        v.country_code_of_origin = row.optional_string(21);
        v.created_at = row.int64(22);
        v.updated_at = row.int64(23);
        product.variants.push_back(std::move(v));
    }
}

void load_options(sql::Database& db, Product& product) {
    auto row = db.query(
        "SELECT id, product_id, position, name FROM product_options WHERE product_id = ? "
        "ORDER BY position",
        {product.id});
    while (row.next()) {
        ProductOption option{row.int64(0), row.int64(1), row.int64(2), row.string(3), {}};
        for (const Variant& v : product.variants) {
            const auto& value = option.position == 1   ? v.option1
                                : option.position == 2 ? v.option2
                                                       : v.option3;
            if (value && std::find(option.values.begin(), option.values.end(), *value) ==
                             option.values.end()) {
                option.values.push_back(*value);
            }
        }
        product.options.push_back(std::move(option));
    }
}

void load_images(sql::Database& db, Product& product) {
    auto row = db.query(
        "SELECT id, product_id, position, alt, file_name, content_type, width, height, "
        "byte_size, created_at, updated_at FROM product_images WHERE product_id = ? "
        "ORDER BY position, id",
        {product.id});
    while (row.next()) {
        ProductImage image{
            row.int64(0),  row.int64(1), row.int64(2), row.optional_string(3), row.string(4),
            row.string(5), row.int64(6), row.int64(7), row.int64(8),           {},
            row.int64(9),  row.int64(10)};
        for (const Variant& v : product.variants) {
            if (v.image_id == image.id) image.variant_ids.push_back(v.id);
        }
        product.images.push_back(std::move(image));
    }
}

// Runs a product read (several statements) in one read transaction: one snapshot, and one set of
// SQLite file locks instead of one per statement. BEGIN and COMMIT go through the statement
// cache (sql::Transaction would compile them on every read).
class ReadSnapshot {
public:
    explicit ReadSnapshot(sql::Database& db) : db_(db), own_(!db.in_transaction()) {
        if (own_) db_.run("BEGIN");
    }
    ReadSnapshot(const ReadSnapshot&) = delete;
    ReadSnapshot& operator=(const ReadSnapshot&) = delete;
    ~ReadSnapshot() {
        if (!own_) return;
        try {
            db_.run("ROLLBACK");
        } catch (const sql::Error&) {
            // Nothing was written; the connection ends the read transaction on its next use.
        }
    }
    void done() {
        if (!own_) return;
        db_.run("COMMIT");
        own_ = false;
    }

private:
    sql::Database& db_;
    bool own_;
};

void load_parts(sql::Database& db, Product& product) {
    load_variants(db, product);
    load_options(db, product);
    load_images(db, product);
}

std::optional<std::string> ids_json(const std::vector<std::int64_t>& ids) {
    if (ids.empty()) return std::nullopt;
    boost::json::array a;
    for (auto id : ids)
        a.push_back(id);
    return boost::json::serialize(a);
}

std::optional<std::string> texts_json(const std::vector<std::string>& texts) {
    if (texts.empty()) return std::nullopt;
    boost::json::array a;
    for (const auto& t : texts)
        a.push_back(boost::json::string(t));
    return boost::json::serialize(a);
}

constexpr std::string_view kFilterWhere =
    " WHERE (?1 IS NULL OR p.id IN (SELECT value FROM json_each(?1))) AND p.id > ?2 "
    "AND (?3 IS NULL OR p.handle IN (SELECT value FROM json_each(?3))) "
    "AND (?4 IS NULL OR p.status IN (SELECT value FROM json_each(?4))) "
    "AND (?5 IS NULL OR p.vendor = ?5) AND (?6 IS NULL OR p.product_type = ?6) "
    "AND (?7 IS NULL OR p.title = ?7) "
    "AND (?8 IS NULL OR p.id IN (SELECT product_id FROM collects WHERE collection_id = ?8)) "
    "AND (?9 IS NULL OR p.created_at >= ?9) AND (?10 IS NULL OR p.created_at <= ?10) "
    "AND (?11 IS NULL OR p.updated_at >= ?11) AND (?12 IS NULL OR p.updated_at <= ?12) "
    "AND (?13 IS NULL OR p.published_at >= ?13) AND (?14 IS NULL OR p.published_at <= ?14) "
    "AND (?15 IS NULL OR ?15 = 'any' OR (?15 = 'published' AND p.published_at IS NOT NULL) "
    "OR (?15 = 'unpublished' AND p.published_at IS NULL)) ";

}  // namespace

std::int64_t Variant::grams() const {
    // weight_milli is thousandths of the unit; 1 lb = 453.59237 g, 1 oz = 28.349523125 g.
    if (weight_unit == "g") return weight_milli / 1000;
    if (weight_unit == "lb") return weight_milli * 45359237 / 100000000;
    if (weight_unit == "oz") return weight_milli * 28349523 / 1000000000;
    return weight_milli;
}

std::optional<Product> find_product(sql::Database& db, std::int64_t id) {
    ReadSnapshot snapshot(db);
    std::optional<Product> product;
    {
        auto row = db.query(
            "SELECT " + std::string(kProductColumns) + " FROM products p WHERE p.id = ?", {id});
        if (!row.next()) return std::nullopt;
        product = read_product(row);
    }
    load_parts(db, *product);
    snapshot.done();
    return product;
}

std::optional<Product> find_product_by_handle(sql::Database& db, std::string_view handle) {
    ReadSnapshot snapshot(db);
    std::optional<Product> product;
    {
        auto row = db.query(
            "SELECT " + std::string(kProductColumns) + " FROM products p WHERE p.handle = ?",
            {handle});
        if (!row.next()) return std::nullopt;
        product = read_product(row);
    }
    load_parts(db, *product);
    snapshot.done();
    return product;
}

std::vector<Product> list_products(sql::Database& db, const ProductFilter& f, const IdPage& page) {
    ReadSnapshot snapshot(db);
    std::vector<Product> out;
    bool backwards = page.before_id > 0;
    std::int64_t after = std::max(f.since_id, page.after_id);
    std::string sql = "SELECT " + std::string(kProductColumns) + " FROM products p" +
                      std::string(kFilterWhere) +
                      (backwards ? "AND p.id < ?16 ORDER BY p.id DESC LIMIT ?17"
                                 : "AND ?16 = 0 ORDER BY p.id LIMIT ?17");
    {
        auto row = db.query(
            sql, {ids_json(f.ids), after, texts_json(f.handles), texts_json(f.statuses), f.vendor,
                  f.product_type, f.title, f.collection_id, f.created_at_min, f.created_at_max,
                  f.updated_at_min, f.updated_at_max, f.published_at_min, f.published_at_max,
                  f.published_status, backwards ? page.before_id : 0, page.limit});
        while (row.next())
            out.push_back(read_product(row));
    }
    if (backwards) std::reverse(out.begin(), out.end());
    for (Product& p : out)
        load_parts(db, p);
    snapshot.done();
    return out;
}

std::int64_t count_products(sql::Database& db, const ProductFilter& f) {
    return db
        .query_int64("SELECT count(*) FROM products p" + std::string(kFilterWhere),
                     {ids_json(f.ids), f.since_id, texts_json(f.handles), texts_json(f.statuses),
                      f.vendor, f.product_type, f.title, f.collection_id, f.created_at_min,
                      f.created_at_max, f.updated_at_min, f.updated_at_max, f.published_at_min,
                      f.published_at_max, f.published_status})
        .value_or(0);
}

std::vector<Product> find_products(sql::Database& db, const std::vector<std::int64_t>& ids) {
    std::vector<Product> out;
    for (std::int64_t id : ids) {
        if (auto p = find_product(db, id)) out.push_back(std::move(*p));
    }
    return out;
}

ProductInput input_from(const Product& p) {
    ProductInput in;
    in.title = p.title;
    in.handle = p.handle;
    in.body_html = p.body_html;
    in.vendor = p.vendor;
    in.product_type = p.product_type;
    in.tags = p.tags;
    in.status = p.status;
    in.seo_title = p.seo_title;
    in.seo_description = p.seo_description;
    in.published = p.published_at.has_value();
    for (const ProductOption& o : p.options)
        in.option_names.push_back(o.name);
    for (const Variant& v : p.variants)
        in.variants.push_back(variant_input_from(v));
    return in;
}

VariantInput variant_input_from(const Variant& v) {
    VariantInput in;
    in.id = v.id;
    in.title = v.title;
    in.sku = v.sku;
    in.barcode = v.barcode;
    in.price_minor = v.price_minor;
    in.compare_at_price_minor = v.compare_at_price_minor;
    in.option1 = v.option1;
    in.option2 = v.option2;
    in.option3 = v.option3;
    in.weight_milli = v.weight_milli;
    in.weight_unit = v.weight_unit;
    in.requires_shipping = v.requires_shipping;
    in.taxable = v.taxable;
    in.inventory_policy = v.inventory_policy;
    in.inventory_management = v.inventory_management;
    in.image_id = v.image_id;
    in.harmonized_system_code = v.harmonized_system_code;
    in.country_code_of_origin = v.country_code_of_origin;
    return in;
}

}  // namespace station::tenant
