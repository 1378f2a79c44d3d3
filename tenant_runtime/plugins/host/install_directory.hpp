#pragma once
// The host's view of the platform's plugin registry: which plugin releases are active in a store
// and how they are configured, and where the host reports decisions the platform must record.
// Implemented by platform/plugins (over platform.db, cached); the host never reads platform
// tables itself.
//
// Threading: every method is called from many threads and must be thread-safe and fast
// (active_installs is on the path of every hook call and plugin route).

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "tenant_runtime/plugins/manifest/install.hpp"

namespace station::plugins {

class InstallDirectory {
public:
    virtual ~InstallDirectory() = default;

    // The store's enabled installs (not disabled, not in recovery, release not blocked), in
    // install order. Empty in safe mode.
    virtual std::shared_ptr<const std::vector<StoreInstall>> active_installs(
        std::int64_t store_id) = 0;
    // Every store with at least one active install.
    virtual std::vector<std::int64_t> stores_with_installs() = 0;

    // The host's circuit breaker switched the plugin off for the store (recovery mode).
    virtual void plugin_tripped(std::int64_t store_id, const std::string& plugin_id,
                                const std::string& reason) = 0;
    // The release cannot be loaded (ABI mismatch, missing entry symbol, failing entry point).
    virtual void release_refused(const PluginRelease& release, const std::string& reason) = 0;
};

}  // namespace station::plugins
