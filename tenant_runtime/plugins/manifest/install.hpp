#pragma once
// What is installed where, as the host sees it: a PluginRelease is one registered and approved
// version of a plugin (its manifest, directory and the isolation mode the platform allows); a
// StoreInstall is that release enabled in one store, with the scopes the merchant granted and the
// configuration layers set by the platform and the merchant.
//
// Immutable values, shared between threads (the platform's registry produces them).

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include <boost/json/object.hpp>

#include "tenant_runtime/plugins/manifest/catalog.hpp"
#include "tenant_runtime/plugins/manifest/manifest.hpp"

namespace station::plugins {

struct PluginRelease {
    Manifest manifest;
    std::filesystem::path directory;
    IsolationMode mode = IsolationMode::Isolated;  // effective: in-process only when approved
    bool dev = false;                              // a dev-loop plugin: reloaded when rebuilt

    std::filesystem::path library_path() const { return directory / manifest.library; }
    // "<id>@<version>": names the loaded instance shared by every store.
    std::string key() const { return manifest.id + "@" + manifest.version; }
};

struct StoreInstall {
    std::int64_t store_id = 0;
    std::shared_ptr<const PluginRelease> release;
    std::vector<std::string> granted_scopes;
    boost::json::object platform_config;  // the platform admin's values
    boost::json::object store_config;     // the merchant's values

    const Manifest& manifest() const { return release->manifest; }
    const std::string& plugin_id() const { return release->manifest.id; }
    // Declared in the manifest and, for a scoped service, its scope granted by the store.
    bool service_available(ServiceId service) const;
    // Bit (1 << ServiceId) for every available service.
    std::uint32_t service_mask() const;
    // Manifest defaults, then platform values, then store values; declared keys only.
    boost::json::object effective_config() const;
};

}  // namespace station::plugins
