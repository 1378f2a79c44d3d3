#pragma once
// station.products/1, station.customers/1 and station.inventory/1: a store's records in their
// Admin REST JSON shapes (the same JSON as the store's events and webhooks). The broker checks
// scopes before calling these; inventory adjustments also check "write_inventory" here because
// the service's read scope is not enough for them.
//
// station.orders/1 is not provided yet: it arrives with the order code (issue 5) as a minor bump.
//
// Threading: thread-safe; each call takes the store's database for its duration.

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "tenant_runtime/plugins/abi/service_call.hpp"
#include "tenant_runtime/store/store_context.hpp"
#include "tenant_runtime/store/store_runtime.hpp"

namespace station::plugins {

struct StoreDataCall {
    tenant::StoreRuntime& runtime;
    const tenant::StoreContext& store;
    std::string_view plugin_id;
    const std::vector<std::string>& granted_scopes;
    std::int64_t now = 0;
    // Told after a write committed events (wakes webhooks and plugins).
    const std::function<void(std::int64_t store_id)>& events_appended;
};

ServiceReply products_get(const StoreDataCall& call, std::int64_t id);
ServiceReply products_list(const StoreDataCall& call, std::int64_t after_id, std::int64_t limit);
ServiceReply customers_get(const StoreDataCall& call, std::int64_t id);
ServiceReply customers_find_by_email(const StoreDataCall& call, std::string_view email);
ServiceReply customers_list(const StoreDataCall& call, std::int64_t after_id, std::int64_t limit);
ServiceReply inventory_levels(const StoreDataCall& call, std::int64_t item_id);
ServiceReply inventory_adjust(const StoreDataCall& call, std::int64_t item_id,
                              std::int64_t location_id, std::int64_t delta,
                              std::string_view reason);

}  // namespace station::plugins
