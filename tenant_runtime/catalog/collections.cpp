#include "tenant_runtime/catalog/collections.hpp"

#include <algorithm>
#include <array>

#include <boost/json/array.hpp>
#include <boost/json/serialize.hpp>

#include "tenant_runtime/catalog/collection_json.hpp"
#include "tenant_runtime/catalog/handles.hpp"
#include "tenant_runtime/events/event_log.hpp"
#include "tenant_runtime/events/write_scope.hpp"

namespace station::tenant {
namespace {

constexpr std::string_view kCollectionColumns =
    "c.id, c.kind, c.handle, c.title, c.body_html, c.sort_order, c.disjunctive, c.published_at, "
    "c.created_at, c.updated_at, (SELECT count(*) FROM collects k WHERE k.collection_id = c.id)";

Collection read_collection(const sql::Row& r) {
    Collection c;
    c.id = r.int64(0);
    c.kind = r.text(1) == "smart" ? CollectionKind::Smart : CollectionKind::Custom;
    c.handle = r.string(2);
    c.title = r.string(3);
    c.body_html = r.string(4);
    c.sort_order = r.string(5);
    c.disjunctive = r.int64(6) != 0;
    c.published_at = r.optional_int64(7);
    c.created_at = r.int64(8);
    c.updated_at = r.int64(9);
    c.products_count = r.int64(10);
    return c;
}

void load_rules(sql::Database& db, Collection& c) {
    auto row = db.query(
        "SELECT column_name, relation, condition FROM collection_rules WHERE collection_id = ? "
        "ORDER BY position",
        {c.id});
    while (row.next())
        c.rules.push_back({row.string(0), row.string(1), row.string(2)});
}

Collect read_collect(const sql::Row& r) {
    return {r.int64(0), r.int64(1), r.int64(2), r.int64(3), r.int64(4), r.int64(5)};
}

std::optional<std::string> ids_json(const std::vector<std::int64_t>& ids) {
    if (ids.empty()) return std::nullopt;
    boost::json::array a;
    for (auto id : ids)
        a.push_back(id);
    return boost::json::serialize(a);
}

Checked<std::string> choose_handle(sql::Database& db, const CollectionInput& input,
                                   std::optional<std::int64_t> own_id) {
    auto taken = [&](const std::string& h) {
        auto owner = db.query_int64("SELECT id FROM collections WHERE handle = ?", {h});
        return owner && owner != own_id;
    };
    if (input.handle) {
        std::string handle = handleize(*input.handle);
        if (handle.empty()) return FieldError{"handle", "is invalid"};
        if (taken(handle)) return FieldError{"handle", "has already been taken"};
        return handle;
    }
    std::string base = handleize(input.title);
    if (base.empty()) base = "collection";
    std::string candidate = base;
    for (int suffix = 1; taken(candidate); ++suffix)
        candidate = base + "-" + std::to_string(suffix);
    return candidate;
}

std::optional<FieldError> check_input(const CollectionInput& input, CollectionKind kind,
                                      int exponent) {
    if (input.title.empty()) return FieldError{"title", "can't be blank"};
    if (input.sort_order && !is_valid_sort_order(*input.sort_order)) {
        return FieldError{"sort_order", "is not a valid sort order"};
    }
    if (kind == CollectionKind::Smart) {
        if (input.rules.empty()) return FieldError{"rules", "can't be blank"};
        if (input.rules.size() > 60) return FieldError{"rules", "at most 60 rules"};
        for (const auto& rule : input.rules) {
            if (auto problem = check_rule(rule, exponent)) return problem;
        }
        if (!input.product_ids.empty()) {
            return FieldError{"collects", "smart collections choose their products by rules"};
        }
    }
    return std::nullopt;
}

void write_rules(sql::Database& db, std::int64_t id, const std::vector<CollectionRule>& rules) {
    db.run("DELETE FROM collection_rules WHERE collection_id = ?", {id});
    std::int64_t position = 1;
    for (const auto& r : rules) {
        db.run(
            "INSERT INTO collection_rules(collection_id, position, column_name, relation, "
            "condition) VALUES (?,?,?,?,?)",
            {id, position++, r.column, r.relation, r.condition});
    }
}

std::int64_t next_position(sql::Database& db, std::int64_t collection_id) {
    return db
        .query_int64("SELECT coalesce(max(position), 0) + 1 FROM collects WHERE collection_id = ?",
                     {collection_id})
        .value_or(1);
}

void rebuild_smart(sql::Database& db, const Collection& c, std::int64_t now, int exponent) {
    std::vector<std::int64_t> ids;
    {
        auto row = db.query("SELECT id FROM products ORDER BY id");
        while (row.next())
            ids.push_back(row.int64(0));
    }
    db.run("DELETE FROM collects WHERE collection_id = ?", {c.id});
    std::int64_t position = 1;
    for (std::int64_t id : ids) {
        auto product = find_product(db, id);
        if (product && rules_match(*product, c.rules, c.disjunctive, exponent)) {
            db.run(
                "INSERT INTO collects(collection_id, product_id, position, created_at, "
                "updated_at) VALUES (?,?,?,?,?)",
                {c.id, id, position++, now, now});
        }
    }
}

void append_collection_event(sql::Database& db, std::string_view topic, std::int64_t id,
                             std::int64_t now) {
    auto c = find_collection(db, id);
    append_event(db, topic, "collection", id, boost::json::serialize(collection_to_json(*c)), now);
}

constexpr std::string_view kCollectionWhere =
    " WHERE c.kind = ?1 AND (?2 IS NULL OR c.id IN (SELECT value FROM json_each(?2))) "
    "AND c.id > ?3 AND (?4 IS NULL OR c.handle = ?4) AND (?5 IS NULL OR c.title = ?5) "
    "AND (?6 IS NULL OR c.id IN (SELECT collection_id FROM collects WHERE product_id = ?6)) "
    "AND (?7 IS NULL OR c.updated_at >= ?7) AND (?8 IS NULL OR c.updated_at <= ?8) "
    "AND (?9 IS NULL OR ?9 = 'any' OR (?9 = 'published' AND c.published_at IS NOT NULL) "
    "OR (?9 = 'unpublished' AND c.published_at IS NULL)) ";

}  // namespace

std::string_view collection_kind_name(CollectionKind kind) {
    return kind == CollectionKind::Smart ? "smart" : "custom";
}

bool is_valid_sort_order(std::string_view s) {
    static constexpr std::array<std::string_view, 8> kOrders = {
        "alpha-asc",    "alpha-desc", "best-selling", "created",
        "created-desc", "manual",     "price-asc",    "price-desc"};
    return std::find(kOrders.begin(), kOrders.end(), s) != kOrders.end();
}

Checked<Collection> create_collection(sql::Database& db, CollectionKind kind,
                                      const CollectionInput& input, std::int64_t now,
                                      int exponent) {
    if (auto problem = check_input(input, kind, exponent)) return *problem;
    WriteScope scope(db);
    auto handle = choose_handle(db, input, std::nullopt);
    if (!handle) return handle.error();
    std::string sort_order =
        input.sort_order.value_or(kind == CollectionKind::Smart ? "best-selling" : "manual");
    std::optional<std::int64_t> published_at;
    if (input.published) published_at = now;
    std::int64_t id =
        db.run(
              "INSERT INTO collections(kind, handle, title, body_html, sort_order, disjunctive, "
              "published_at, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?)",
              {collection_kind_name(kind), *handle, input.title, input.body_html, sort_order,
               input.disjunctive, published_at, now, now})
            .last_insert_rowid;
    if (kind == CollectionKind::Smart) {
        write_rules(db, id, input.rules);
        rebuild_smart(db, *find_collection(db, id), now, exponent);
    } else {
        std::int64_t position = 1;
        for (std::int64_t product_id : input.product_ids) {
            if (!db.query_int64("SELECT 1 FROM products WHERE id = ?", {product_id})) {
                return FieldError{"collects",
                                  "product " + std::to_string(product_id) + " does not exist"};
            }
            db.run(
                "INSERT OR IGNORE INTO collects(collection_id, product_id, position, created_at, "
                "updated_at) VALUES (?,?,?,?,?)",
                {id, product_id, position++, now, now});
        }
    }
    append_collection_event(db, "collections/create", id, now);
    scope.commit();
    return *find_collection(db, id);
}

Checked<std::optional<Collection>> update_collection(sql::Database& db, std::int64_t id,
                                                     CollectionKind kind,
                                                     const CollectionInput& input, std::int64_t now,
                                                     int exponent) {
    if (auto problem = check_input(input, kind, exponent)) return *problem;
    WriteScope scope(db);
    auto existing = find_collection(db, id, kind);
    if (!existing) return std::optional<Collection>();
    auto handle = choose_handle(db, input, id);
    if (!handle) return handle.error();
    std::optional<std::int64_t> published_at;
    if (input.published) published_at = existing->published_at.value_or(now);
    db.run(
        "UPDATE collections SET handle = ?, title = ?, body_html = ?, sort_order = ?, "
        "disjunctive = ?, published_at = ?, updated_at = ? WHERE id = ?",
        {*handle, input.title, input.body_html, input.sort_order.value_or(existing->sort_order),
         input.disjunctive, published_at, now, id});
    if (kind == CollectionKind::Smart) {
        write_rules(db, id, input.rules);
        rebuild_smart(db, *find_collection(db, id), now, exponent);
    }
    append_collection_event(db, "collections/update", id, now);
    scope.commit();
    return find_collection(db, id);
}

bool delete_collection(sql::Database& db, std::int64_t id, CollectionKind kind, std::int64_t now) {
    WriteScope scope(db);
    if (!find_collection(db, id, kind)) return false;
    db.run("DELETE FROM collections WHERE id = ?", {id});
    db.run("DELETE FROM metafields WHERE owner_resource = 'collection' AND owner_id = ?", {id});
    append_event(db, "collections/delete", "collection", id,
                 boost::json::serialize(boost::json::object{{"id", id}}), now);
    scope.commit();
    return true;
}

std::optional<Collection> find_collection(sql::Database& db, std::int64_t id,
                                          std::optional<CollectionKind> kind) {
    std::optional<Collection> c;
    {
        auto row = db.query(
            "SELECT " + std::string(kCollectionColumns) +
                " FROM collections c WHERE c.id = ? AND (? IS NULL OR c.kind = ?)",
            {id, kind ? std::optional<std::string>(collection_kind_name(*kind)) : std::nullopt,
             kind ? std::optional<std::string>(collection_kind_name(*kind)) : std::nullopt});
        if (!row.next()) return std::nullopt;
        c = read_collection(row);
    }
    load_rules(db, *c);
    return c;
}

std::optional<Collection> find_collection_by_handle(sql::Database& db, std::string_view handle) {
    auto id = db.query_int64("SELECT id FROM collections WHERE handle = ?", {handle});
    if (!id) return std::nullopt;
    return find_collection(db, *id);
}

std::vector<Collection> list_collections(sql::Database& db, CollectionKind kind,
                                         const CollectionFilter& f, const IdPage& page) {
    std::vector<Collection> out;
    bool backwards = page.before_id > 0;
    std::string sql = "SELECT " + std::string(kCollectionColumns) + " FROM collections c" +
                      std::string(kCollectionWhere) +
                      (backwards ? "AND c.id < ?10 ORDER BY c.id DESC LIMIT ?11"
                                 : "AND ?10 = 0 ORDER BY c.id LIMIT ?11");
    {
        auto row = db.query(
            sql, {collection_kind_name(kind), ids_json(f.ids), std::max(f.since_id, page.after_id),
                  f.handle, f.title, f.product_id, f.updated_at_min, f.updated_at_max,
                  f.published_status, backwards ? page.before_id : 0, page.limit});
        while (row.next())
            out.push_back(read_collection(row));
    }
    if (backwards) std::reverse(out.begin(), out.end());
    for (auto& c : out)
        load_rules(db, c);
    return out;
}

std::int64_t count_collections(sql::Database& db, CollectionKind kind, const CollectionFilter& f) {
    return db
        .query_int64("SELECT count(*) FROM collections c" + std::string(kCollectionWhere),
                     {collection_kind_name(kind), ids_json(f.ids), f.since_id, f.handle, f.title,
                      f.product_id, f.updated_at_min, f.updated_at_max, f.published_status})
        .value_or(0);
}

Checked<Collect> create_collect(sql::Database& db, std::int64_t collection_id,
                                std::int64_t product_id, std::int64_t now, int) {
    WriteScope scope(db);
    auto collection = find_collection(db, collection_id);
    if (!collection) return FieldError{"collection_id", "does not exist"};
    if (collection->kind == CollectionKind::Smart) {
        return FieldError{"collection_id", "is a smart collection: its products follow its rules"};
    }
    if (!db.query_int64("SELECT 1 FROM products WHERE id = ?", {product_id})) {
        return FieldError{"product_id", "does not exist"};
    }
    if (db.query_int64("SELECT 1 FROM collects WHERE collection_id = ? AND product_id = ?",
                       {collection_id, product_id})) {
        return FieldError{"product_id", "is already in the collection"};
    }
    std::int64_t id = db.run(
                            "INSERT INTO collects(collection_id, product_id, position, "
                            "created_at, updated_at) VALUES (?,?,?,?,?)",
                            {collection_id, product_id, next_position(db, collection_id), now, now})
                          .last_insert_rowid;
    db.run("UPDATE collections SET updated_at = ? WHERE id = ?", {now, collection_id});
    append_collection_event(db, "collections/update", collection_id, now);
    scope.commit();
    return *find_collect(db, id);
}

Checked<bool> delete_collect(sql::Database& db, std::int64_t collect_id, std::int64_t now, int) {
    WriteScope scope(db);
    auto collect = find_collect(db, collect_id);
    if (!collect) return false;
    auto collection = find_collection(db, collect->collection_id);
    if (collection && collection->kind == CollectionKind::Smart) {
        return FieldError{"base", "a smart collection's collects follow its rules"};
    }
    db.run("DELETE FROM collects WHERE id = ?", {collect_id});
    db.run("UPDATE collections SET updated_at = ? WHERE id = ?", {now, collect->collection_id});
    append_collection_event(db, "collections/update", collect->collection_id, now);
    scope.commit();
    return true;
}

std::optional<Collect> find_collect(sql::Database& db, std::int64_t id) {
    auto row = db.query(
        "SELECT id, collection_id, product_id, position, created_at, updated_at FROM collects "
        "WHERE id = ?",
        {id});
    if (!row.next()) return std::nullopt;
    return read_collect(row);
}

std::vector<Collect> list_collects(sql::Database& db, const CollectFilter& f, const IdPage& page) {
    std::vector<Collect> out;
    bool backwards = page.before_id > 0;
    auto row = db.query(
        std::string("SELECT id, collection_id, product_id, position, created_at, updated_at "
                    "FROM collects WHERE (?1 IS NULL OR collection_id = ?1) AND "
                    "(?2 IS NULL OR product_id = ?2) AND id > ?3 ") +
            (backwards ? "AND id < ?4 ORDER BY id DESC LIMIT ?5"
                       : "AND ?4 = 0 ORDER BY id LIMIT ?5"),
        {f.collection_id, f.product_id, std::max(f.since_id, page.after_id),
         backwards ? page.before_id : 0, page.limit});
    while (row.next())
        out.push_back(read_collect(row));
    if (backwards) std::reverse(out.begin(), out.end());
    return out;
}

std::int64_t count_collects(sql::Database& db, const CollectFilter& f) {
    return db
        .query_int64(
            "SELECT count(*) FROM collects WHERE (?1 IS NULL OR collection_id = ?1) AND "
            "(?2 IS NULL OR product_id = ?2) AND id > ?3",
            {f.collection_id, f.product_id, f.since_id})
        .value_or(0);
}

void refresh_smart_membership(sql::Database& db, const Product& product, std::int64_t now,
                              int exponent) {
    std::vector<Collection> smart;
    {
        auto row = db.query("SELECT " + std::string(kCollectionColumns) +
                            " FROM collections c WHERE c.kind = 'smart'");
        while (row.next())
            smart.push_back(read_collection(row));
    }
    for (Collection& c : smart) {
        load_rules(db, c);
        bool member = db.query_int64(
                            "SELECT 1 FROM collects WHERE collection_id = ? AND "
                            "product_id = ?",
                            {c.id, product.id})
                          .has_value();
        bool matches = rules_match(product, c.rules, c.disjunctive, exponent);
        if (matches && !member) {
            db.run(
                "INSERT INTO collects(collection_id, product_id, position, created_at, "
                "updated_at) VALUES (?,?,?,?,?)",
                {c.id, product.id, next_position(db, c.id), now, now});
        } else if (!matches && member) {
            db.run("DELETE FROM collects WHERE collection_id = ? AND product_id = ?",
                   {c.id, product.id});
        }
    }
}

namespace {

constexpr std::string_view kMemberWhere =
    " FROM collects c JOIN products p ON p.id = c.product_id WHERE c.collection_id = ?1 "
    "AND (?2 = 0 OR (p.status = 'active' AND p.published_at IS NOT NULL)) "
    "AND (?3 IS NULL AND ?4 IS NULL OR EXISTS (SELECT 1 FROM product_variants v WHERE "
    "v.product_id = p.id AND (?3 IS NULL OR v.price_minor >= ?3) AND "
    "(?4 IS NULL OR v.price_minor <= ?4))) "
    "AND (?5 IS NULL OR p.vendor = ?5) AND (?6 IS NULL OR p.product_type = ?6) "
    "AND (?7 IS NULL OR EXISTS (SELECT 1 FROM product_tags t WHERE t.product_id = p.id AND "
    "t.tag = ?7)) "
    "AND (?8 = 0 OR EXISTS (SELECT 1 FROM product_variants v LEFT JOIN inventory_items i ON "
    "i.variant_id = v.id WHERE v.product_id = p.id AND (v.inventory_management IS NULL OR "
    "v.inventory_policy = 'continue' OR (SELECT coalesce(sum(l.available), 0) FROM "
    "inventory_levels l WHERE l.inventory_item_id = i.id) > 0))) ";

std::string_view order_clause(std::string_view sort) {
    constexpr std::string_view kMinPrice =
        "(SELECT min(v.price_minor) FROM product_variants v WHERE v.product_id = p.id)";
    if (sort == "alpha-asc") return "ORDER BY p.title COLLATE NOCASE, p.id ";
    if (sort == "alpha-desc") return "ORDER BY p.title COLLATE NOCASE DESC, p.id ";
    if (sort == "created") return "ORDER BY p.created_at, p.id ";
    if (sort == "created-desc") return "ORDER BY p.created_at DESC, p.id DESC ";
    if (sort == "price-asc") {
        static const std::string clause = "ORDER BY " + std::string(kMinPrice) + ", p.id ";
        return clause;
    }
    if (sort == "price-desc") {
        static const std::string clause = "ORDER BY " + std::string(kMinPrice) + " DESC, p.id ";
        return clause;
    }
    // manual, and best-selling until orders exist to rank by
    return "ORDER BY c.position, p.id ";
}

}  // namespace

std::vector<Product> collection_products(sql::Database& db, const Collection& collection,
                                         const CollectionProductQuery& q) {
    std::string sort =
        q.sort_by && is_valid_sort_order(*q.sort_by) ? *q.sort_by : collection.sort_order;
    std::vector<std::int64_t> ids;
    {
        auto row = db.query("SELECT p.id" + std::string(kMemberWhere) +
                                std::string(order_clause(sort)) + "LIMIT ?9 OFFSET ?10",
                            {collection.id, q.active_only, q.price_min_minor, q.price_max_minor,
                             q.vendor, q.product_type, q.tag, q.available_only, q.limit, q.offset});
        while (row.next())
            ids.push_back(row.int64(0));
    }
    return find_products(db, ids);
}

std::int64_t count_collection_products(sql::Database& db, const Collection& collection,
                                       const CollectionProductQuery& q) {
    return db
        .query_int64("SELECT count(*)" + std::string(kMemberWhere),
                     {collection.id, q.active_only, q.price_min_minor, q.price_max_minor, q.vendor,
                      q.product_type, q.tag, q.available_only})
        .value_or(0);
}

}  // namespace station::tenant
