#pragma once
// One call from the host into a plugin callback, as a value: what to call (an event delivery, a
// hook, an HTTP request, a task, a config change) and what came back. The host builds these; the
// in-process runner and the isolated worker both execute them with call_plugin(), so the two
// modes cannot drift apart.

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include <station/plugin.h>

#include "tenant_runtime/plugins/abi/service_call.hpp"

namespace station::plugins {

using HeaderList = std::vector<std::pair<std::string, std::string>>;

struct EventCall {
    std::int64_t seq = 0;
    std::int64_t created_at = 0;
    std::int64_t subject_id = 0;
    std::uint32_t attempt = 1;
    std::string id;
    std::string topic;
    std::string subject_type;
    std::string payload;
};

struct HookCall {
    std::string hook;
    std::string input;
};

struct HttpCall {
    std::uint32_t surface = STATION_SURFACE_STOREFRONT;
    std::string method;
    std::string path;
    std::string query;
    std::string body;
    std::string remote_address;
    std::string staff;
    HeaderList headers;
};

struct TaskCall {
    std::string name;
    std::string payload;
};

struct ConfigChangedCall {};

using Invocation = std::variant<EventCall, HookCall, HttpCall, TaskCall, ConfigChangedCall>;

// Wire values: never renumber.
enum class InvocationKind : std::uint8_t {
    Event = 1,
    Hook = 2,
    Http = 3,
    Task = 4,
    ConfigChanged = 5
};
InvocationKind kind_of(const Invocation& invocation);
std::string_view kind_name(InvocationKind kind);

// What went wrong outside the plugin's own status, as the host saw it.
enum class Fault : std::uint8_t {
    None,
    Crash,        // the worker died (signal, exit) during the call
    Timeout,      // the deadline passed; an isolated worker was killed
    NoMemory,     // the plugin reported STATION_ERR_NO_MEMORY or hit its memory cap
    Protocol,     // the worker sent something malformed
    Unavailable,  // not started: restarting after a fault, circuit open, shutting down
};
std::string_view fault_name(Fault fault);
// Faults that count against the plugin (restart, circuit breaker). Unavailable does not.
bool is_plugin_fault(Fault fault);

struct InvocationResult {
    station_status status = STATION_OK;
    std::string output;  // hook JSON or HTTP body
    std::int32_t http_status = 200;
    HeaderList http_headers;
    Fault fault = Fault::None;
    std::string detail;  // why, for logs and notices

    static InvocationResult failed(Fault fault, station_status status, std::string detail) {
        InvocationResult result;
        result.fault = fault;
        result.status = status;
        result.detail = std::move(detail);
        return result;
    }
};

struct OutputLimits {
    std::size_t max_output_bytes = std::size_t{1} << 20;
    std::size_t max_headers = 32;
};

// Whether a plugin may set this response header (docs: station_http_response).
bool allowed_response_header(std::string_view name, std::string_view value);

// Runs the callback for `invocation` on the calling thread, with `endpoint` behind the context.
// A callback the table lacks (NULL or beyond its struct_size) yields STATION_ERR_UNSUPPORTED.
// Output past `limits` makes the call fail with STATION_ERR_TOO_LARGE.
InvocationResult call_plugin(const station_plugin& plugin, ServiceEndpoint& endpoint,
                             const Invocation& invocation, const OutputLimits& limits = {});

// Bit i set when callback i (in InvocationKind order, bit 0 = Event) is present in the table.
std::uint32_t callback_mask(const station_plugin& plugin);

}  // namespace station::plugins
