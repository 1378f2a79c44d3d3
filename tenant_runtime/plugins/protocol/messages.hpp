#pragma once
// The messages of the host <-> plugin-host worker protocol (version kProtocolVersion), framed by
// wire.hpp. A conversation:
//
//   host                                   worker
//   Hello{version, ABI, library, id} ───►  loads the library (sandbox already applied)
//                                    ◄───  HelloReply{status, plugin ABI, callbacks, error}
//   Invoke{call, store, deadline, …} ───►  runs the callback; for each service call it makes:
//                                    ◄───    ServiceCall{call, function, args}
//   ServiceReply{status, value, …}   ───►
//                                    ◄───  InvokeResult{call, status, output, …}
//   Shutdown                         ───►  calls the plugin's shutdown and exits 0
//
// The host is the only side that may start a call; the worker answers strictly in order. Any
// malformed message from the worker makes the host kill it (Fault::Protocol). A new field is
// added by bumping kProtocolVersion; host and worker are the same binary, so both sides always
// speak the same version — the check catches a stale `station` binary.

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "tenant_runtime/plugins/abi/invocation.hpp"
#include "tenant_runtime/plugins/abi/service_call.hpp"

namespace station::plugins::wire {

inline constexpr std::uint16_t kProtocolVersion = 1;

enum class MessageType : std::uint8_t {
    Hello = 1,
    HelloReply = 2,
    Invoke = 3,
    InvokeResult = 4,
    ServiceCall = 5,
    ServiceReply = 6,
    Shutdown = 7,
};

std::optional<MessageType> message_type(std::string_view body);

struct HelloMessage {
    std::uint16_t protocol_version = kProtocolVersion;
    std::uint32_t abi_major = 0;
    std::uint32_t abi_minor = 0;
    std::string library_path;
    std::string plugin_id;
    std::string plugin_version;
};

struct HelloReplyMessage {
    std::uint16_t protocol_version = kProtocolVersion;
    std::int32_t status = 0;
    std::uint32_t abi_major = 0;
    std::uint32_t min_host_minor = 0;
    std::uint32_t callbacks = 0;  // abi/invocation.hpp: callback_mask
    std::string error;
};

struct InvokeMessage {
    std::uint64_t call_id = 0;
    std::int64_t store_id = 0;
    std::int64_t deadline_ms = 0;  // relative; 0 = none
    std::uint32_t services = 0;    // bit ServiceId set when available in this call
    Invocation invocation;
};

struct InvokeResultMessage {
    std::uint64_t call_id = 0;
    InvocationResult result;      // status, output, http status and headers, fault (NoMemory only)
    std::int64_t max_rss_kb = 0;  // the worker's peak resident memory so far
    std::int64_t cpu_ms = 0;      // the worker's CPU time so far (user + system)
};

struct ServiceCallMessage {
    std::uint64_t call_id = 0;
    std::uint16_t function = 0;
    std::vector<ServiceArg> args;  // string arguments view the frame body
};

std::string encode(const HelloMessage& m);
std::string encode(const HelloReplyMessage& m);
std::string encode(const InvokeMessage& m);
std::string encode(const InvokeResultMessage& m);
std::string encode_service_call(std::uint64_t call_id, ServiceFunction function,
                                std::span<const ServiceArg> args);
std::string encode(const ServiceReply& m);
std::string encode_shutdown();

// Each returns nullopt for a body of another type or a malformed one.
std::optional<HelloMessage> decode_hello(std::string_view body);
std::optional<HelloReplyMessage> decode_hello_reply(std::string_view body);
std::optional<InvokeMessage> decode_invoke(std::string_view body);
std::optional<InvokeResultMessage> decode_invoke_result(std::string_view body);
std::optional<ServiceCallMessage> decode_service_call(std::string_view body);
std::optional<ServiceReply> decode_service_reply(std::string_view body);

}  // namespace station::plugins::wire
