#pragma once
// Pieces every Admin API resource shares: cursor pagination with Shopify's `page_info` and
// `Link` headers, `fields=` filtering, and the write path (commit, then tell page caches and
// event consumers).

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <boost/json/array.hpp>

#include "tenant_runtime/admin_api/admin_api.hpp"
#include "tenant_runtime/admin_api/request_params.hpp"
#include "tenant_runtime/catalog/products.hpp"
#include "tenant_runtime/events/event_notifier.hpp"

namespace station::tenant {

inline constexpr int kDefaultPageSize = 50;
inline constexpr int kMaxPageSize = 250;

// A list request: its filters (the request's own query, or the one a page_info cursor carries),
// the page in id order, and the fields= selection. With page_info, only limit and fields may be
// given besides it (400 otherwise), as in Shopify.
struct ListRequest {
    QueryParams params;
    IdPage page;
    std::vector<std::string> fields;

    // Callers fetch one row more than the page holds, so the next link is only offered when a
    // next page exists.
    int fetch_limit() const { return page.limit + 1; }
};

ListRequest parse_list_request(const AdminCall& call);

struct PageLinks {
    std::optional<std::int64_t> next_after;   // last id of this page
    std::optional<std::int64_t> prev_before;  // first id of this page
};

// Drops the extra row fetched and works out which neighbours exist. `items` is in id order.
template <class T, class IdOf>
PageLinks settle_page(std::vector<T>& items, const ListRequest& request, IdOf id_of) {
    PageLinks links;
    bool backwards = request.page.before_id > 0;
    bool more = items.size() > static_cast<std::size_t>(request.page.limit);
    if (more) {
        if (backwards) {
            items.erase(items.begin());
        } else {
            items.pop_back();
        }
    }
    if (items.empty()) return links;
    if (backwards ? true : more) links.next_after = id_of(items.back());
    if (backwards ? more : request.page.after_id > 0) links.prev_before = id_of(items.front());
    return links;
}

// {"<root>": [...]} with fields= applied and the Link header for the neighbouring pages.
http::Response list_response(const AdminCall& call, const ListRequest& request,
                             std::string_view root, boost::json::array items,
                             const PageLinks& links);

// The same for items already rendered as JSON text (the hot paths write JSON directly).
http::Response list_text_response(const AdminCall& call, const ListRequest& request,
                                  std::string_view root, const std::vector<std::string>& items,
                                  const PageLinks& links);

// {"<root>": {...}} with fields= applied.
http::Response object_response(const AdminCall& call, int status, std::string_view root,
                               boost::json::object object);
// The same for an object already rendered as JSON text.
http::Response object_text_response(const AdminCall& call, int status, std::string_view root,
                                    const std::string& json_text);

// How catalog JSON renders for this store and request (currency, image URLs).
CatalogFormat catalog_format(const AdminCall& call);

// Runs a write on the store's database, then notes the change for page caches and wakes event
// consumers. Returns what `fn` returns.
template <class Fn>
decltype(auto) write_store(AdminCall& call, Fn&& fn) {
    struct Notify {
        AdminCall& call;
        ~Notify() {
            call.runtime.note_change();
            if (call.services.notifier) {
                call.services.notifier->events_appended(call.runtime.store_id());
            }
        }
    } notify{call};
    return call.runtime.with_db(std::forward<Fn>(fn));
}

}  // namespace station::tenant
