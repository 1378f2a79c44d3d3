#pragma once
// Custom collections (products placed by hand, in manual order) and smart collections (products
// chosen by rules on title, type, vendor, tag, variant price…, matching all or any rule), and the
// collects that link products to collections. Smart-collection membership is materialized as
// collects and kept current on every product and collection write, so listing a collection is one
// indexed query for either kind. Writes append `collections/create|update|delete` (payload: the
// collection's Admin API JSON) in the same transaction.
//
// Preconditions: as for products.hpp.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "base/sqlite/database.hpp"
#include "tenant_runtime/catalog/products.hpp"
#include "tenant_runtime/domain/field_error.hpp"

namespace station::tenant {

enum class CollectionKind { Custom, Smart };
std::string_view collection_kind_name(CollectionKind kind);  // "custom" | "smart"

struct CollectionRule {
    std::string column;     // title, type, vendor, tag, variant_title, variant_price, …
    std::string relation;   // equals, not_equals, greater_than, less_than, starts_with, …
    std::string condition;  // the value compared against
};

struct CollectionInput {
    std::string title;
    std::optional<std::string> handle;
    std::string body_html;
    std::optional<std::string> sort_order;  // default: manual (custom), best-selling (smart)
    bool published = true;
    bool disjunctive = false;               // smart: any rule (true) or all rules (false)
    std::vector<CollectionRule> rules;      // smart only; at least one
    std::vector<std::int64_t> product_ids;  // custom only: initial members, in order
};

struct Collection {
    std::int64_t id = 0;
    CollectionKind kind = CollectionKind::Custom;
    std::string handle;
    std::string title;
    std::string body_html;
    std::string sort_order;
    bool disjunctive = false;
    std::optional<std::int64_t> published_at;
    std::int64_t created_at = 0;
    std::int64_t updated_at = 0;
    std::vector<CollectionRule> rules;
    std::int64_t products_count = 0;
};

struct Collect {
    std::int64_t id = 0;
    std::int64_t collection_id = 0;
    std::int64_t product_id = 0;
    std::int64_t position = 1;
    std::int64_t created_at = 0;
    std::int64_t updated_at = 0;
};

bool is_valid_sort_order(std::string_view sort_order);
// nullopt when the rule is well-formed.
std::optional<FieldError> check_rule(const CollectionRule& rule, int currency_exponent);
bool rules_match(const Product& product, const std::vector<CollectionRule>& rules, bool disjunctive,
                 int currency_exponent);

Checked<Collection> create_collection(sql::Database& db, CollectionKind kind,
                                      const CollectionInput& input, std::int64_t now,
                                      int currency_exponent);
// Replaces fields and (smart) rules; custom collections keep their collects. nullopt: no such
// collection of that kind.
Checked<std::optional<Collection>> update_collection(sql::Database& db, std::int64_t id,
                                                     CollectionKind kind,
                                                     const CollectionInput& input, std::int64_t now,
                                                     int currency_exponent);
bool delete_collection(sql::Database& db, std::int64_t id, CollectionKind kind, std::int64_t now);

// `kind` nullopt finds either kind.
std::optional<Collection> find_collection(sql::Database& db, std::int64_t id,
                                          std::optional<CollectionKind> kind = std::nullopt);
std::optional<Collection> find_collection_by_handle(sql::Database& db, std::string_view handle);

struct CollectionFilter {
    std::vector<std::int64_t> ids;
    std::int64_t since_id = 0;
    std::optional<std::string> handle;
    std::optional<std::string> title;
    std::optional<std::int64_t> product_id;
    std::optional<std::int64_t> updated_at_min, updated_at_max;
    std::optional<std::string> published_status;
};
std::vector<Collection> list_collections(sql::Database& db, CollectionKind kind,
                                         const CollectionFilter& filter, const IdPage& page);
std::int64_t count_collections(sql::Database& db, CollectionKind kind,
                               const CollectionFilter& filter);

// Adds a product to a custom collection (at the end). Appends `collections/update`.
Checked<Collect> create_collect(sql::Database& db, std::int64_t collection_id,
                                std::int64_t product_id, std::int64_t now, int currency_exponent);
// Removes a custom collection's collect. Checked false: no such collect; error: smart collection.
Checked<bool> delete_collect(sql::Database& db, std::int64_t collect_id, std::int64_t now,
                             int currency_exponent);
std::optional<Collect> find_collect(sql::Database& db, std::int64_t id);
struct CollectFilter {
    std::optional<std::int64_t> collection_id;
    std::optional<std::int64_t> product_id;
    std::int64_t since_id = 0;
};
std::vector<Collect> list_collects(sql::Database& db, const CollectFilter& filter,
                                   const IdPage& page);
std::int64_t count_collects(sql::Database& db, const CollectFilter& filter);

// Re-evaluates every smart collection for one product (after it was written or deleted).
void refresh_smart_membership(sql::Database& db, const Product& product, std::int64_t now,
                              int currency_exponent);

// The storefront's collection page: members with sort, filters and offset pagination.
struct CollectionProductQuery {
    std::optional<std::string> sort_by;  // a sort order; default: the collection's
    std::optional<std::int64_t> price_min_minor, price_max_minor;
    std::optional<std::string> vendor;
    std::optional<std::string> product_type;
    std::optional<std::string> tag;
    bool available_only = false;  // at least one variant in stock or sold when out of stock
    bool active_only = true;      // only active, published products
    int limit = 24;
    int offset = 0;
};
std::vector<Product> collection_products(sql::Database& db, const Collection& collection,
                                         const CollectionProductQuery& query);
std::int64_t count_collection_products(sql::Database& db, const Collection& collection,
                                       const CollectionProductQuery& query);

}  // namespace station::tenant
