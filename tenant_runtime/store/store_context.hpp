#pragma once
// What the platform tells a store runtime about the store on every request: identity, settings
// owned by the control plane (name, currency, locale), and the plan's quotas. Immutable values;
// the router hands out a fresh snapshot when the control plane changes the store.

#include <cstdint>
#include <string>

namespace station::tenant {

struct Quotas {
    std::int64_t max_products = 0;
    std::int64_t max_staff = 0;
    std::int64_t max_storage_bytes = 0;
    std::int64_t requests_per_minute = 0;
};

struct StoreContext {
    std::int64_t id = 0;
    std::string handle;
    std::string name;
    std::string plan;
    std::string base_currency;   // ISO 4217, e.g. "USD"
    std::string default_locale;  // BCP 47, e.g. "en"
    std::string primary_domain;  // the host the storefront's canonical URLs use
    std::string webhook_secret;  // signs outgoing webhooks
    Quotas quotas;
};

}  // namespace station::tenant
