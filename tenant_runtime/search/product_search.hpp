#pragma once
// Full-text search over products (SQLite FTS5): title, tags, SKUs, vendor and type, with prefix
// matching ("cott" finds "cotton") and bm25 ranking (title weighs most). Used by the Admin API and
// the storefront's /search.
//
// Preconditions: callers hold the store's database (StoreRuntime::with_db). index_product and
// unindex_product run inside the transaction of the product change they reflect.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "base/sqlite/database.hpp"

namespace station::tenant {

// Rebuilds the index entry of product `product_id` from its current row and variants.
void index_product(sql::Database& db, std::int64_t product_id);
void unindex_product(sql::Database& db, std::int64_t product_id);

// The FTS5 query for free text typed by a user: every word becomes a quoted prefix term, all
// terms required. Operators and quotes in the input are treated as text. "" for no words.
std::string fts_prefix_query(std::string_view text);

struct ProductSearchOptions {
    bool active_only = false;  // storefront: only active, published products
    int limit = 50;
    int offset = 0;
};

// Ids of matching products, best match first.
std::vector<std::int64_t> search_product_ids(sql::Database& db, std::string_view text,
                                             const ProductSearchOptions& options);
std::int64_t count_product_matches(sql::Database& db, std::string_view text, bool active_only);

}  // namespace station::tenant
