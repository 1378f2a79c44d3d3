#include "tenant_runtime/plugins/abi/plugin_library.hpp"

#include <cstddef>
#include <cstring>
#include <stdexcept>

#include <dlfcn.h>

namespace station::plugins {
namespace {

std::string version_text(std::uint32_t major, std::uint32_t minor) {
    return std::to_string(major) + "." + std::to_string(minor);
}

// The plugin's error text is untrusted: keep it short and printable.
std::string sanitized(station_str text) {
    std::string out;
    if (text.ptr == nullptr) return out;
    for (std::uint64_t i = 0; i < text.len && out.size() < 300; ++i) {
        char c = text.ptr[i];
        out += (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) ? ' ' : c;
    }
    return out;
}

}  // namespace

void throw_exception_from_error(const LoadError& error, const boost::source_location&) {
    throw std::runtime_error(error.message);
}

boost::system::result<Negotiated, LoadError> negotiate(station_plugin_entry_fn entry,
                                                       const station_host_info& host) {
    station_plugin_info info{};
    info.struct_size = sizeof(info);
    station_status status = STATION_ERR_INTERNAL;
    try {
        status = entry(&host, &info);
    } catch (...) {
        return LoadError{"the plugin's entry point threw an exception across the C ABI"};
    }
    std::string host_version = version_text(host.abi_major, host.abi_minor);
    if (info.abi_major != host.abi_major && info.abi_major != 0) {
        return LoadError{"the plugin was built for ABI " + std::to_string(info.abi_major) +
                         ".x; this host provides ABI " + host_version};
    }
    if (status != STATION_OK) {
        std::string why = sanitized(info.error);
        return LoadError{"the plugin's entry point failed (status " + std::to_string(status) + ")" +
                         (why.empty() ? "" : ": " + why)};
    }
    if (info.abi_major != host.abi_major) {
        return LoadError{"the plugin was built for ABI " + std::to_string(info.abi_major) +
                         ".x; this host provides ABI " + host_version};
    }
    if (info.min_host_minor > host.abi_minor) {
        return LoadError{"the plugin needs host ABI " +
                         version_text(info.abi_major, info.min_host_minor) +
                         "; this host provides ABI " + host_version};
    }
    if (info.plugin == nullptr ||
        info.plugin->struct_size < offsetof(station_plugin, on_event) + sizeof(void*)) {
        return LoadError{"the plugin's entry point returned no callback table"};
    }
    return Negotiated{info.plugin, info.abi_major, info.min_host_minor};
}

boost::system::result<std::unique_ptr<PluginLibrary>, LoadError> PluginLibrary::load(
    const std::filesystem::path& file, const station_host_info& host) {
    void* handle = dlopen(file.c_str(), RTLD_NOW | RTLD_LOCAL);
    if (handle == nullptr) {
        const char* error = dlerror();
        return LoadError{"cannot load " + file.filename().string() + ": " +
                         (error ? error : "unknown error")};
    }
    void* symbol = dlsym(handle, STATION_PLUGIN_ENTRY_SYMBOL);
    if (symbol == nullptr) {
        dlclose(handle);
        return LoadError{file.filename().string() + " does not export " +
                         STATION_PLUGIN_ENTRY_SYMBOL};
    }
    station_plugin_entry_fn entry = nullptr;
    static_assert(sizeof(entry) == sizeof(symbol));
    std::memcpy(&entry, &symbol, sizeof(entry));
    auto negotiated = negotiate(entry, host);
    if (!negotiated) {
        dlclose(handle);
        return LoadError{file.filename().string() + ": " + negotiated.error().message};
    }
    return std::unique_ptr<PluginLibrary>(new PluginLibrary(handle, *negotiated));
}

PluginLibrary::~PluginLibrary() {
    const station_plugin& plugin = *negotiated_.plugin;
    if (plugin.struct_size >= offsetof(station_plugin, shutdown) + sizeof(void*) &&
        plugin.shutdown) {
        plugin.shutdown();
    }
    dlclose(handle_);
}

}  // namespace station::plugins
