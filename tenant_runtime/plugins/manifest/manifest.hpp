#pragma once
// plugin.json: what a plugin is, what it needs and what it offers. A manifest is validated in
// full before any of the plugin's code runs (registry scan, `station plugin validate`, load), and
// every problem is reported with its JSON path so a developer can fix them all in one go.
//
// The format is documented in docs/plugins/manifest.md. Unknown keys are errors (a typo must not
// silently drop a hook). Pure functions; thread-safe.

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <boost/json/value.hpp>

#include "tenant_runtime/plugins/manifest/cron.hpp"

namespace station::plugins {

enum class IsolationMode { InProcess, Isolated };
std::string_view to_string(IsolationMode mode);

enum class FailurePolicy { Skip, Reject };
std::string_view to_string(FailurePolicy policy);

struct HookDeclaration {
    std::string name;  // from hook_catalog()
    std::chrono::milliseconds deadline{0};
    FailurePolicy failure_policy = FailurePolicy::Skip;
};

struct CronSchedule {
    std::string name;  // passed to on_task
    CronExpression expression;
};

enum class ConfigType { String, Integer, Boolean };
std::string_view to_string(ConfigType type);

struct ConfigField {
    std::string key;
    ConfigType type = ConfigType::String;
    boost::json::value default_value;
    bool secret = false;  // shown masked to merchants; never in logs
    std::string description;
};

struct HttpSurfaces {
    bool storefront = false;
    bool admin = false;
    bool webhook = false;
    bool any() const { return storefront || admin || webhook; }
};

struct Manifest {
    std::string id;  // [a-z][a-z0-9-]{1,62}, unique on the platform
    std::string name;
    std::string version;  // semantic version "1.2.3"
    std::string publisher;
    std::string description;
    std::uint32_t abi_major = 0;
    std::uint32_t abi_minor = 0;
    std::string library;  // file name of the .so in the plugin's directory
    IsolationMode isolation = IsolationMode::Isolated;
    std::vector<std::string> required_services;
    std::vector<std::string> optional_services;
    std::vector<std::string> required_scopes;
    std::vector<std::string> optional_scopes;
    std::vector<std::string> events;  // "products/create", "products/*", "*"
    std::vector<HookDeclaration> hooks;
    HttpSurfaces http;
    std::vector<std::string> egress;  // "api.example.com", "*.example.com"
    std::vector<CronSchedule> schedules;
    std::vector<ConfigField> config;
    std::optional<std::int64_t> memory_mb;  // isolated worker's address-space cap request

    bool declares_service(std::string_view name) const;
    const HookDeclaration* hook(std::string_view name) const;
    const ConfigField* config_field(std::string_view key) const;
    bool subscribes_to(std::string_view topic) const;
};

struct ManifestProblem {
    std::string path;  // "hooks[1].deadline_ms", "" for the document
    std::string message;
};

struct ManifestCheck {
    std::optional<Manifest> manifest;  // set only when `problems` is empty
    std::vector<ManifestProblem> problems;
    // The problems as one line each: "hooks[1].deadline_ms: must be at most 5000".
    std::string summary() const;
};

// The ABI this host implements (STATION_PLUGIN_ABI_MAJOR / MINOR of plugin_sdk).
struct HostAbi {
    std::uint32_t major;
    std::uint32_t minor;
};
HostAbi host_abi();

// Validates a manifest document. `host` decides whether the declared "abi" can be served.
ManifestCheck parse_manifest(std::string_view json_text, HostAbi host = host_abi());

// Reads <directory>/plugin.json (at most 256 KiB) and validates it, including that the library
// names a regular file directly inside `directory`.
ManifestCheck load_manifest(const std::filesystem::path& directory, HostAbi host = host_abi());

// Checks one configuration value against its field; the problem, or nullopt.
std::optional<std::string> config_value_problem(const ConfigField& field,
                                                const boost::json::value& value);

}  // namespace station::plugins
