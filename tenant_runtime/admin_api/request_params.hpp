#pragma once
// Reading Admin API query parameters and JSON bodies the way Shopify does. Malformed values abort
// the request with AdminError: 400 for a bad query parameter or a missing root object, 422 for a
// bad field inside the body.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <boost/json/object.hpp>

#include "base/http/json_input.hpp"
#include "base/http/message.hpp"
#include "tenant_runtime/admin_api/admin_api.hpp"
#include "tenant_runtime/admin_api/admin_error.hpp"
#include "tenant_runtime/domain/field_error.hpp"

namespace station::tenant {

// A query string's parameters (the request's own, or those a page_info cursor carries).
class QueryParams {
public:
    explicit QueryParams(std::string query) : query_(std::move(query)) {}
    const std::string& raw() const { return query_; }

    std::optional<std::string> text(std::string_view name) const;
    std::optional<std::int64_t> integer(std::string_view name) const;
    // "1,2,3" → {1,2,3}; empty when absent.
    std::vector<std::int64_t> ids(std::string_view name) const;
    std::vector<std::string> list(std::string_view name) const;
    // ISO 8601 ("2024-01-31T10:00:00Z", "…+02:00", "2024-01-31") → unix seconds.
    std::optional<std::int64_t> time(std::string_view name) const;
    std::optional<bool> boolean(std::string_view name) const;

private:
    std::string query_;
};

// The `{id}` path segment at `index` (already checked numeric by the router).
std::int64_t path_id(const AdminCall& call, std::size_t index);

// "2024-01-31T10:00:00-05:00" → unix seconds; nullopt when malformed.
std::optional<std::int64_t> parse_iso8601(std::string_view text);

// The body's root object {"<root>": {...}}: 400 {"errors":{"<root>":"Required parameter missing
// or invalid"}} when absent or not an object.
boost::json::object body_root(const AdminCall& call, std::string_view root);

// Money and decimals from JSON strings or numbers (422 naming `field` when malformed).
std::int64_t json_money(const boost::json::value& v, std::string_view field, int exponent);
std::int64_t json_integer(const boost::json::value& v, std::string_view field);
std::string json_text(const boost::json::value& v, std::string_view field, std::size_t max_bytes);
bool json_bool(const boost::json::value& v, std::string_view field);

// The store currency's exponent (2 when the code is unknown).
int currency_exponent(const StoreContext& store);

// Throws the 422 for a domain rule a write broke.
[[noreturn]] void throw_invalid(const FieldError& error);
template <class T>
T checked(Checked<T>&& result) {
    if (!result) throw_invalid(result.error());
    return std::move(*result);
}

}  // namespace station::tenant
