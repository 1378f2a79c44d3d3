#include "tenant_runtime/plugins/manifest/catalog.hpp"

#include <algorithm>
#include <array>

namespace station::plugins {
namespace {

using std::chrono::milliseconds;

constexpr std::array<ServiceInfo, kServiceCount> kServices{{
    {ServiceId::Log, "station.log/1", "", 0},
    {ServiceId::Config, "station.config/1", "", 0},
    {ServiceId::Kv, "station.kv/1", "", 0},
    {ServiceId::Http, "station.http/1", "", 0},
    {ServiceId::Email, "station.email/1", "send_email", 0},
    {ServiceId::Tasks, "station.tasks/1", "", 0},
    {ServiceId::Metrics, "station.metrics/1", "", 0},
    {ServiceId::Products, "station.products/1", "read_products", 0},
    {ServiceId::Customers, "station.customers/1", "read_customers", 0},
    {ServiceId::Inventory, "station.inventory/1", "read_inventory", 0},
}};

constexpr bool services_in_enum_order() {
    for (std::size_t i = 0; i < kServices.size(); ++i) {
        if (static_cast<std::size_t>(kServices[i].id) != i) return false;
    }
    return true;
}
static_assert(services_in_enum_order(), "service_info() indexes kServices by ServiceId");

constexpr std::array<std::string_view, 5> kScopes{
    "read_products", "read_customers", "read_inventory", "write_inventory", "send_email"};

constexpr std::array<HookInfo, 5> kHooks{{
    {"checkout.validate", milliseconds(500), milliseconds(5000)},
    {"shipping.rates", milliseconds(1000), milliseconds(5000)},
    {"payment.methods", milliseconds(500), milliseconds(5000)},
    {"order.tags", milliseconds(500), milliseconds(5000)},
    {"cart.line_price", milliseconds(200), milliseconds(1000)},
}};

}  // namespace

std::span<const ServiceInfo> service_catalog() {
    return kServices;
}

const ServiceInfo* find_service(std::string_view name) {
    auto it = std::find_if(kServices.begin(), kServices.end(),
                           [&](const ServiceInfo& s) { return s.name == name; });
    return it == kServices.end() ? nullptr : &*it;
}

const ServiceInfo& service_info(ServiceId id) {
    return kServices[static_cast<std::size_t>(id)];
}

std::span<const std::string_view> plugin_scopes() {
    return kScopes;
}

bool is_plugin_scope(std::string_view scope) {
    return std::find(kScopes.begin(), kScopes.end(), scope) != kScopes.end();
}

bool scopes_allow(const std::vector<std::string>& granted, std::string_view needed) {
    if (needed.empty()) return true;
    for (const std::string& scope : granted) {
        if (scope == needed) return true;
        if (needed.starts_with("read_") && scope.starts_with("write_") &&
            std::string_view(scope).substr(6) == needed.substr(5)) {
            return true;
        }
    }
    return false;
}

std::span<const HookInfo> hook_catalog() {
    return kHooks;
}

const HookInfo* find_hook(std::string_view name) {
    auto it = std::find_if(kHooks.begin(), kHooks.end(),
                           [&](const HookInfo& h) { return h.name == name; });
    return it == kHooks.end() ? nullptr : &*it;
}

}  // namespace station::plugins
