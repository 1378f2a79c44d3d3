#include "tenant_runtime/plugins/abi/invocation.hpp"

#include <algorithm>
#include <cstddef>

#include "base/util/strings.hpp"
#include "tenant_runtime/plugins/abi/abi_tables.hpp"

namespace station::plugins {
namespace {

station_str str(std::string_view s) {
    return station_str{s.data(), s.size()};
}

std::string_view view(station_str s) {
    return s.len == 0 || s.ptr == nullptr ? std::string_view() : std::string_view(s.ptr, s.len);
}

// The member at `offset` exists in a table of `struct_size` bytes.
bool present(const station_plugin& plugin, std::size_t offset) {
    return plugin.struct_size >= offset + sizeof(void*);
}

bool is_token(std::string_view name) {
    return !name.empty() && name.size() <= 64 && std::all_of(name.begin(), name.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
               c == '-' || c == '_';
    });
}

struct BoundedText {
    std::string& out;
    std::size_t cap;
    bool overflow = false;
};

station_status append_bounded(void* user, station_str chunk) {
    auto* text = static_cast<BoundedText*>(user);
    if (chunk.ptr == nullptr && chunk.len != 0) return STATION_ERR_INVALID;
    if (text->out.size() + chunk.len > text->cap) {
        text->overflow = true;
        return STATION_ERR_TOO_LARGE;
    }
    text->out.append(view(chunk));
    return STATION_OK;
}

struct ResponseBuilder {
    InvocationResult& result;
    BoundedText body;
    std::size_t max_headers;
    bool bad_status = false;
    bool bad_header = false;
};

void response_set_status(void* user, std::int32_t status) {
    auto* builder = static_cast<ResponseBuilder*>(user);
    if (status < 200 || status > 599) {
        builder->bad_status = true;
        return;
    }
    builder->result.http_status = status;
}

station_status response_add_header(void* user, station_str name, station_str value) {
    auto* builder = static_cast<ResponseBuilder*>(user);
    if ((name.ptr == nullptr && name.len) || (value.ptr == nullptr && value.len)) {
        return STATION_ERR_INVALID;
    }
    if (!allowed_response_header(view(name), view(value))) return STATION_ERR_DENIED;
    if (builder->result.http_headers.size() >= builder->max_headers) return STATION_ERR_QUOTA;
    builder->result.http_headers.emplace_back(view(name), view(value));
    return STATION_OK;
}

station_status response_write_body(void* user, station_str chunk) {
    return append_bounded(&static_cast<ResponseBuilder*>(user)->body, chunk);
}

InvocationResult run(const station_plugin& plugin, const station_context& ctx,
                     const EventCall& call, const OutputLimits&) {
    InvocationResult result;
    if (!present(plugin, offsetof(station_plugin, on_event)) || !plugin.on_event) {
        result.status = STATION_ERR_UNSUPPORTED;
        return result;
    }
    station_event event{};
    event.struct_size = sizeof(event);
    event.attempt = call.attempt;
    event.seq = call.seq;
    event.created_at = call.created_at;
    event.subject_id = call.subject_id;
    event.id = str(call.id);
    event.topic = str(call.topic);
    event.subject_type = str(call.subject_type);
    event.payload = str(call.payload);
    result.status = plugin.on_event(&ctx, &event);
    return result;
}

InvocationResult run(const station_plugin& plugin, const station_context& ctx, const HookCall& call,
                     const OutputLimits& limits) {
    InvocationResult result;
    if (!present(plugin, offsetof(station_plugin, on_hook)) || !plugin.on_hook) {
        result.status = STATION_ERR_UNSUPPORTED;
        return result;
    }
    BoundedText text{result.output, limits.max_output_bytes};
    station_writer writer{&text, &append_bounded};
    result.status = plugin.on_hook(&ctx, str(call.hook), str(call.input), &writer);
    if (text.overflow) result.status = STATION_ERR_TOO_LARGE;
    return result;
}

InvocationResult run(const station_plugin& plugin, const station_context& ctx, const HttpCall& call,
                     const OutputLimits& limits) {
    InvocationResult result;
    if (!present(plugin, offsetof(station_plugin, on_http)) || !plugin.on_http) {
        result.status = STATION_ERR_UNSUPPORTED;
        return result;
    }
    std::vector<station_http_header> headers;
    headers.reserve(call.headers.size());
    for (const auto& [name, value] : call.headers)
        headers.push_back({str(name), str(value)});
    station_http_request request{};
    request.struct_size = sizeof(request);
    request.surface = call.surface;
    request.method = str(call.method);
    request.path = str(call.path);
    request.query = str(call.query);
    request.headers = headers.data();
    request.header_count = headers.size();
    request.body = str(call.body);
    request.remote_address = str(call.remote_address);
    request.staff = str(call.staff);
    ResponseBuilder builder{result, BoundedText{result.output, limits.max_output_bytes},
                            limits.max_headers};
    station_http_response response{
        sizeof(station_http_response), 0, &builder, &response_set_status, &response_add_header,
        &response_write_body};
    result.status = plugin.on_http(&ctx, &request, &response);
    if (builder.body.overflow) result.status = STATION_ERR_TOO_LARGE;
    if (builder.bad_status && result.status == STATION_OK) {
        result.status = STATION_ERR_INVALID;
        result.detail = "the plugin set an HTTP status outside 200-599";
    }
    return result;
}

InvocationResult run(const station_plugin& plugin, const station_context& ctx, const TaskCall& call,
                     const OutputLimits&) {
    InvocationResult result;
    if (!present(plugin, offsetof(station_plugin, on_task)) || !plugin.on_task) {
        result.status = STATION_ERR_UNSUPPORTED;
        return result;
    }
    result.status = plugin.on_task(&ctx, str(call.name), str(call.payload));
    return result;
}

InvocationResult run(const station_plugin& plugin, const station_context& ctx,
                     const ConfigChangedCall&, const OutputLimits&) {
    InvocationResult result;
    if (present(plugin, offsetof(station_plugin, on_config_changed)) && plugin.on_config_changed) {
        plugin.on_config_changed(&ctx);
    }
    return result;
}

}  // namespace

InvocationKind kind_of(const Invocation& invocation) {
    return static_cast<InvocationKind>(invocation.index() + 1);
}

std::string_view kind_name(InvocationKind kind) {
    switch (kind) {
        case InvocationKind::Event:
            return "event";
        case InvocationKind::Hook:
            return "hook";
        case InvocationKind::Http:
            return "http";
        case InvocationKind::Task:
            return "task";
        case InvocationKind::ConfigChanged:
            return "config_changed";
    }
    return "unknown";
}

std::string_view fault_name(Fault fault) {
    switch (fault) {
        case Fault::None:
            return "none";
        case Fault::Crash:
            return "crash";
        case Fault::Timeout:
            return "timeout";
        case Fault::NoMemory:
            return "out of memory";
        case Fault::Protocol:
            return "protocol violation";
        case Fault::Unavailable:
            return "unavailable";
    }
    return "unknown";
}

bool is_plugin_fault(Fault fault) {
    return fault != Fault::None && fault != Fault::Unavailable;
}

bool allowed_response_header(std::string_view name, std::string_view value) {
    if (!is_token(name) || value.size() > 4096) return false;
    if (value.find_first_of(std::string_view("\r\n\0", 3)) != std::string_view::npos) return false;
    static constexpr std::string_view kAllowed[] = {
        "content-type",  "cache-control",    "location", "etag",
        "last-modified", "content-language", "vary"};
    std::string lower = util::to_lower(name);
    if (lower.starts_with("x-"))
        return !lower.starts_with("x-forwarded") && lower != "x-request-id";
    return std::find(std::begin(kAllowed), std::end(kAllowed), lower) != std::end(kAllowed);
}

InvocationResult call_plugin(const station_plugin& plugin, ServiceEndpoint& endpoint,
                             const Invocation& invocation, const OutputLimits& limits) {
    station_context ctx{&endpoint};
    InvocationResult result =
        std::visit([&](const auto& call) { return run(plugin, ctx, call, limits); }, invocation);
    if (result.status == STATION_ERR_NO_MEMORY) {
        result.fault = Fault::NoMemory;
        result.detail = "the plugin ran out of memory";
    }
    return result;
}

std::uint32_t callback_mask(const station_plugin& plugin) {
    std::uint32_t mask = 0;
    auto set = [&](InvocationKind kind) { mask |= 1u << (static_cast<unsigned>(kind) - 1); };
    // Each member is read only after its presence is known: a smaller (older) table ends early.
    if (present(plugin, offsetof(station_plugin, on_event)) && plugin.on_event) {
        set(InvocationKind::Event);
    }
    if (present(plugin, offsetof(station_plugin, on_hook)) && plugin.on_hook) {
        set(InvocationKind::Hook);
    }
    if (present(plugin, offsetof(station_plugin, on_http)) && plugin.on_http) {
        set(InvocationKind::Http);
    }
    if (present(plugin, offsetof(station_plugin, on_task)) && plugin.on_task) {
        set(InvocationKind::Task);
    }
    if (present(plugin, offsetof(station_plugin, on_config_changed)) && plugin.on_config_changed) {
        set(InvocationKind::ConfigChanged);
    }
    return mask;
}

}  // namespace station::plugins
