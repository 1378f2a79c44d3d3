#pragma once
// What a plugin may ask for, named as the ABI (station/plugin.h) and the manifest name it: the v1
// services with the scope each needs, the scopes a merchant can grant, and the synchronous hooks
// with their deadline bounds. One table each; the manifest validator, the host's get_service and
// the docs (docs/plugins/reference.md) all follow them.

#include <chrono>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace station::plugins {

enum class ServiceId : std::uint8_t {
    Log,
    Config,
    Kv,
    Http,
    Email,
    Tasks,
    Metrics,
    Products,
    Customers,
    Inventory,
};
inline constexpr std::size_t kServiceCount = 10;

struct ServiceInfo {
    ServiceId id;
    std::string_view name;   // "station.kv/1"
    std::string_view scope;  // the scope a store must grant, or empty
    std::uint32_t since_minor;
};

std::span<const ServiceInfo> service_catalog();
const ServiceInfo* find_service(std::string_view name);
const ServiceInfo& service_info(ServiceId id);

// Scopes a merchant grants a plugin at install time. `write_X` implies `read_X`.
std::span<const std::string_view> plugin_scopes();
bool is_plugin_scope(std::string_view scope);
bool scopes_allow(const std::vector<std::string>& granted, std::string_view needed);

struct HookInfo {
    std::string_view name;  // "checkout.validate"
    std::chrono::milliseconds default_deadline;
    std::chrono::milliseconds max_deadline;
};

std::span<const HookInfo> hook_catalog();
const HookInfo* find_hook(std::string_view name);

}  // namespace station::plugins
