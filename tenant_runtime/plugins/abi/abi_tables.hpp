#pragma once
// The host's side of the C ABI: the one definition of the opaque `station_context`, the core
// table and every service table of station/plugin.h. The same tables serve both isolation modes:
// each function turns its C arguments into a generic service call on the context's endpoint
// (the broker in-process, the socket in a worker) and writes the reply through the plugin's
// writers. No exception leaves these functions.

#include <station/plugin.h>

#include "tenant_runtime/plugins/abi/service_call.hpp"

// A context lives on the stack of the code that invokes a callback and dies when it returns.
struct station_context {
    station::plugins::ServiceEndpoint* endpoint;
};

namespace station::plugins {

const station_core& core_table();
// ABI major/minor, host version and core table: what station_plugin_entry receives.
const station_host_info& host_info();

}  // namespace station::plugins
