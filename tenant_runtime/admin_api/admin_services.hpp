#pragma once
// What Admin API resources need besides the store itself, wired by the platform's composition
// root. Every member may be null in a test that does not exercise it; resources that need a
// missing service answer 503.

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "base/shared_state/shared_state.hpp"

namespace station::tenant {

class EventNotifier;
class ImportJobs;
class StoreRuntime;

struct AdminServices {
    // The per-token call limit (Shopify's REST bucket: 40 calls, leaking 2 per second).
    shared::LeakyBucket call_bucket{40, std::chrono::milliseconds(500)};
    // Told after every committed write, so event consumers wake.
    const EventNotifier* notifier = nullptr;
    // Checks a webhook address at subscription time: nullopt when acceptable, else the reason
    // (for example "resolves to a private address"). Null accepts every http(s) URL.
    std::function<std::optional<std::string>(const std::string& address)> check_webhook_address;
    // Runs CSV imports in the background, holding the store's runtime from runtime_of.
    ImportJobs* imports = nullptr;
    std::function<std::shared_ptr<StoreRuntime>(std::int64_t store_id)> runtime_of;
};

}  // namespace station::tenant
