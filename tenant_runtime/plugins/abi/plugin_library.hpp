#pragma once
// Loading a plugin's shared library and the version handshake of station/plugin.h, used by both
// isolation modes (the in-process host and the plugin-host worker).
//
// Lifetime: a PluginLibrary owns the dlopen handle. Its destructor calls the plugin's shutdown
// callback (once, if negotiation succeeded) and unloads the library; no callback may be running
// then. Not thread-safe itself; callbacks obtained from table() follow the ABI's threading rules.

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>

#include <boost/system/result.hpp>
#include <station/plugin.h>

namespace station::plugins {

struct LoadError {
    std::string message;  // one sentence for the platform admin: names file and versions
};

[[noreturn]] void throw_exception_from_error(const LoadError& error,
                                             const boost::source_location& location);

struct Negotiated {
    const station_plugin* plugin = nullptr;
    std::uint32_t abi_major = 0;
    std::uint32_t min_host_minor = 0;
};

// Calls `entry` with `host` and checks the answer: the plugin's ABI major must equal the host's,
// the minor it needs must not exceed the host's, and it must return a callback table.
boost::system::result<Negotiated, LoadError> negotiate(station_plugin_entry_fn entry,
                                                       const station_host_info& host);

class PluginLibrary {
public:
    // dlopen (RTLD_NOW | RTLD_LOCAL), find station_plugin_entry, negotiate with `host`.
    static boost::system::result<std::unique_ptr<PluginLibrary>, LoadError> load(
        const std::filesystem::path& file, const station_host_info& host);

    PluginLibrary(const PluginLibrary&) = delete;
    PluginLibrary& operator=(const PluginLibrary&) = delete;
    ~PluginLibrary();

    const station_plugin& table() const { return *negotiated_.plugin; }
    const Negotiated& negotiated() const { return negotiated_; }

private:
    PluginLibrary(void* handle, Negotiated negotiated) : handle_(handle), negotiated_(negotiated) {}

    void* handle_;
    Negotiated negotiated_;
};

}  // namespace station::plugins
