#include "tenant_runtime/store/quotas.hpp"

namespace station::tenant {

std::optional<std::string> storage_quota_problem(StoreRuntime& runtime, const StoreContext& store) {
    std::int64_t used = runtime.storage_bytes();
    if (used <= store.quotas.max_storage_bytes) return std::nullopt;
    return "storage quota exceeded: the store uses " + std::to_string(used) + " bytes and the " +
           store.plan + " plan allows " + std::to_string(store.quotas.max_storage_bytes);
}

std::optional<std::string> product_quota_problem(std::int64_t current, std::int64_t adding,
                                                 const StoreContext& store) {
    if (current + adding <= store.quotas.max_products) return std::nullopt;
    return "plan limit reached: the " + store.plan + " plan allows " +
           std::to_string(store.quotas.max_products) + " products";
}

}  // namespace station::tenant
