#pragma once
// Metafields: typed namespace/key values a merchant or app attaches to the shop, a product, a
// variant, a collection, a customer or (later) an order. Writes append
// `metafields/create|update|delete` in the same transaction.
//
// Preconditions: callers hold the store's database (StoreRuntime::with_db).

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "base/sqlite/database.hpp"
#include "tenant_runtime/domain/field_error.hpp"

namespace station::tenant {

struct MetafieldOwner {
    std::string resource;  // shop, product, variant, collection, customer, order
    std::int64_t id = 0;   // 0 for the shop
};

bool is_metafield_owner_resource(std::string_view resource);
// The owner exists in this store (the shop always does; orders are accepted by id).
bool metafield_owner_exists(sql::Database& db, const MetafieldOwner& owner);

struct MetafieldInput {
    std::string namespace_;
    std::string key;
    std::string type;   // single_line_text_field, number_integer, json, boolean, …
    std::string value;  // as text, checked against the type
    std::optional<std::string> description;
};

struct Metafield {
    std::int64_t id = 0;
    MetafieldOwner owner;
    std::string namespace_;
    std::string key;
    std::string type;
    std::string value;
    std::optional<std::string> description;
    std::int64_t created_at = 0;
    std::int64_t updated_at = 0;
};

// nullopt when `value` is valid for `type`; the message otherwise.
std::optional<std::string> check_metafield_value(std::string_view type, std::string_view value);

// Creates the metafield, or updates it when (owner, namespace, key) exists.
Checked<Metafield> upsert_metafield(sql::Database& db, const MetafieldOwner& owner,
                                    const MetafieldInput& input, std::int64_t now);
// Updates value/type/description of a metafield by id (owner optional: checked when given).
Checked<std::optional<Metafield>> update_metafield(sql::Database& db, std::int64_t id,
                                                   const std::optional<MetafieldOwner>& owner,
                                                   const MetafieldInput& input, std::int64_t now);
bool delete_metafield(sql::Database& db, std::int64_t id,
                      const std::optional<MetafieldOwner>& owner, std::int64_t now);
std::optional<Metafield> find_metafield(sql::Database& db, std::int64_t id);

struct MetafieldFilter {
    std::optional<std::string> namespace_;
    std::optional<std::string> key;
    std::int64_t since_id = 0;
};
std::vector<Metafield> list_metafields(sql::Database& db, const MetafieldOwner& owner,
                                       const MetafieldFilter& filter, int limit,
                                       std::int64_t after_id, std::int64_t before_id);
std::int64_t count_metafields(sql::Database& db, const MetafieldOwner& owner,
                              const MetafieldFilter& filter);

}  // namespace station::tenant
