#pragma once
// Plan quota checks shared by every write path (Admin API, imports, theme uploads). Each returns
// the message to show when the write must be refused, or nullopt.

#include <cstdint>
#include <optional>
#include <string>

#include "tenant_runtime/store/store_context.hpp"
#include "tenant_runtime/store/store_runtime.hpp"

namespace station::tenant {

// Refuses writes once the store's files exceed its storage quota.
std::optional<std::string> storage_quota_problem(StoreRuntime& runtime, const StoreContext& store);
// Refuses adding `adding` products when the store already holds `current`.
std::optional<std::string> product_quota_problem(std::int64_t current, std::int64_t adding,
                                                 const StoreContext& store);

}  // namespace station::tenant
