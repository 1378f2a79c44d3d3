#include "tenant_runtime/search/product_search.hpp"

namespace station::tenant {
namespace {

bool is_word_byte(unsigned char c) {
    // Bytes >= 0x80 belong to UTF-8 letters, which the unicode61 tokenizer keeps.
    return c >= 0x80 || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

}  // namespace

void index_product(sql::Database& db, std::int64_t product_id) {
    db.run("DELETE FROM product_search WHERE rowid = ?", {product_id});
    db.run(
        "INSERT INTO product_search(rowid, title, tags, sku, vendor, product_type) "
        "SELECT p.id, p.title, p.tags, "
        "coalesce((SELECT group_concat(v.sku, ' ') FROM product_variants v "
        "WHERE v.product_id = p.id), ''), p.vendor, p.product_type "
        "FROM products p WHERE p.id = ?",
        {product_id});
}

void unindex_product(sql::Database& db, std::int64_t product_id) {
    db.run("DELETE FROM product_search WHERE rowid = ?", {product_id});
}

std::string fts_prefix_query(std::string_view text) {
    // Quoting each word keeps FTS5 syntax (AND, NEAR, *, ^, column filters) out of user input;
    // the trailing * makes it a prefix query.
    std::string query;
    std::size_t i = 0;
    while (i < text.size()) {
        while (i < text.size() && !is_word_byte(static_cast<unsigned char>(text[i])))
            ++i;
        std::size_t start = i;
        while (i < text.size() && is_word_byte(static_cast<unsigned char>(text[i])))
            ++i;
        if (i > start) {
            if (!query.empty()) query += ' ';
            query += '"';
            query.append(text.substr(start, i - start));
            query += "\"*";
        }
    }
    return query;
}

std::vector<std::int64_t> search_product_ids(sql::Database& db, std::string_view text,
                                             const ProductSearchOptions& options) {
    std::vector<std::int64_t> ids;
    std::string query = fts_prefix_query(text);
    if (query.empty()) return ids;
    // bm25 weights follow the column order: title, tags, sku, vendor, product_type.
    auto row = db.query(
        "SELECT s.rowid FROM product_search s JOIN products p ON p.id = s.rowid "
        "WHERE product_search MATCH ? AND (? = 0 OR (p.status = 'active' AND "
        "p.published_at IS NOT NULL)) "
        "ORDER BY bm25(product_search, 10.0, 4.0, 6.0, 3.0, 2.0), s.rowid LIMIT ? OFFSET ?",
        {query, options.active_only ? 1 : 0, options.limit, options.offset});
    while (row.next())
        ids.push_back(row.int64(0));
    return ids;
}

std::int64_t count_product_matches(sql::Database& db, std::string_view text, bool active_only) {
    std::string query = fts_prefix_query(text);
    if (query.empty()) return 0;
    return db
        .query_int64(
            "SELECT count(*) FROM product_search s JOIN products p ON p.id = s.rowid "
            "WHERE product_search MATCH ? AND (? = 0 OR (p.status = 'active' AND "
            "p.published_at IS NOT NULL))",
            {query, active_only ? 1 : 0})
        .value_or(0);
}

}  // namespace station::tenant
