#include "tenant_runtime/plugins/protocol/messages.hpp"

#include "tenant_runtime/plugins/protocol/wire.hpp"

namespace station::plugins::wire {
namespace {

constexpr std::size_t kMaxArgs = 16;
constexpr std::uint32_t kMaxHeaders = 256;

FrameReader open(std::string_view body, MessageType expected) {
    FrameReader reader(body);
    std::uint8_t type = 0;
    if (!reader.u8(type) || type != static_cast<std::uint8_t>(expected)) reader.mark_failed();
    return reader;
}

void put_headers(FrameWriter& w, const HeaderList& headers) {
    w.u32(static_cast<std::uint32_t>(headers.size()));
    for (const auto& [name, value] : headers) {
        w.bytes(name);
        w.bytes(value);
    }
}

bool get_headers(FrameReader& r, HeaderList& headers) {
    std::uint32_t count = 0;
    if (!r.u32(count) || count > kMaxHeaders) return false;
    headers.reserve(count);
    for (std::uint32_t i = 0; i < count; ++i) {
        std::string name, value;
        if (!r.string(name) || !r.string(value)) return false;
        headers.emplace_back(std::move(name), std::move(value));
    }
    return true;
}

void put_invocation(FrameWriter& w, const Invocation& invocation) {
    w.u8(static_cast<std::uint8_t>(kind_of(invocation)));
    std::visit(
        [&](const auto& call) {
            using T = std::decay_t<decltype(call)>;
            if constexpr (std::is_same_v<T, EventCall>) {
                w.i64(call.seq);
                w.i64(call.created_at);
                w.i64(call.subject_id);
                w.u32(call.attempt);
                w.bytes(call.id);
                w.bytes(call.topic);
                w.bytes(call.subject_type);
                w.bytes(call.payload);
            } else if constexpr (std::is_same_v<T, HookCall>) {
                w.bytes(call.hook);
                w.bytes(call.input);
            } else if constexpr (std::is_same_v<T, HttpCall>) {
                w.u32(call.surface);
                w.bytes(call.method);
                w.bytes(call.path);
                w.bytes(call.query);
                w.bytes(call.body);
                w.bytes(call.remote_address);
                w.bytes(call.staff);
                put_headers(w, call.headers);
            } else if constexpr (std::is_same_v<T, TaskCall>) {
                w.bytes(call.name);
                w.bytes(call.payload);
            }
        },
        invocation);
}

bool get_invocation(FrameReader& r, Invocation& out) {
    std::uint8_t kind = 0;
    if (!r.u8(kind)) return false;
    switch (static_cast<InvocationKind>(kind)) {
        case InvocationKind::Event: {
            EventCall call;
            if (!r.i64(call.seq) || !r.i64(call.created_at) || !r.i64(call.subject_id) ||
                !r.u32(call.attempt) || !r.string(call.id) || !r.string(call.topic) ||
                !r.string(call.subject_type) || !r.string(call.payload)) {
                return false;
            }
            out = std::move(call);
            return true;
        }
        case InvocationKind::Hook: {
            HookCall call;
            if (!r.string(call.hook) || !r.string(call.input)) return false;
            out = std::move(call);
            return true;
        }
        case InvocationKind::Http: {
            HttpCall call;
            if (!r.u32(call.surface) || !r.string(call.method) || !r.string(call.path) ||
                !r.string(call.query) || !r.string(call.body) || !r.string(call.remote_address) ||
                !r.string(call.staff) || !get_headers(r, call.headers)) {
                return false;
            }
            out = std::move(call);
            return true;
        }
        case InvocationKind::Task: {
            TaskCall call;
            if (!r.string(call.name) || !r.string(call.payload)) return false;
            out = std::move(call);
            return true;
        }
        case InvocationKind::ConfigChanged:
            out = ConfigChangedCall{};
            return true;
    }
    return false;
}

}  // namespace

std::optional<MessageType> message_type(std::string_view body) {
    if (body.empty()) return std::nullopt;
    auto type = static_cast<std::uint8_t>(body.front());
    if (type < 1 || type > static_cast<std::uint8_t>(MessageType::Shutdown)) return std::nullopt;
    return static_cast<MessageType>(type);
}

std::string encode(const HelloMessage& m) {
    FrameWriter w(static_cast<std::uint8_t>(MessageType::Hello));
    w.u16(m.protocol_version);
    w.u32(m.abi_major);
    w.u32(m.abi_minor);
    w.bytes(m.library_path);
    w.bytes(m.plugin_id);
    w.bytes(m.plugin_version);
    return w.take();
}

std::string encode(const HelloReplyMessage& m) {
    FrameWriter w(static_cast<std::uint8_t>(MessageType::HelloReply));
    w.u16(m.protocol_version);
    w.i32(m.status);
    w.u32(m.abi_major);
    w.u32(m.min_host_minor);
    w.u32(m.callbacks);
    w.bytes(m.error);
    return w.take();
}

std::string encode(const InvokeMessage& m) {
    FrameWriter w(static_cast<std::uint8_t>(MessageType::Invoke));
    w.u64(m.call_id);
    w.i64(m.store_id);
    w.i64(m.deadline_ms);
    w.u32(m.services);
    put_invocation(w, m.invocation);
    return w.take();
}

std::string encode(const InvokeResultMessage& m) {
    FrameWriter w(static_cast<std::uint8_t>(MessageType::InvokeResult));
    w.u64(m.call_id);
    w.i32(m.result.status);
    w.bytes(m.result.output);
    w.i32(m.result.http_status);
    put_headers(w, m.result.http_headers);
    w.u8(static_cast<std::uint8_t>(m.result.fault));
    w.bytes(m.result.detail);
    w.i64(m.max_rss_kb);
    w.i64(m.cpu_ms);
    return w.take();
}

std::string encode_service_call(std::uint64_t call_id, ServiceFunction function,
                                std::span<const ServiceArg> args) {
    FrameWriter w(static_cast<std::uint8_t>(MessageType::ServiceCall));
    w.u64(call_id);
    w.u16(static_cast<std::uint16_t>(function));
    w.u16(static_cast<std::uint16_t>(args.size()));
    for (const ServiceArg& arg : args) {
        if (const auto* number = std::get_if<std::int64_t>(&arg)) {
            w.u8(0);
            w.i64(*number);
        } else {
            w.u8(1);
            w.bytes(std::get<std::string_view>(arg));
        }
    }
    return w.take();
}

std::string encode(const ServiceReply& m) {
    FrameWriter w(static_cast<std::uint8_t>(MessageType::ServiceReply));
    w.i32(m.status);
    w.i64(m.value);
    w.bytes(m.data);
    w.bytes(m.extra);
    return w.take();
}

std::string encode_shutdown() {
    return FrameWriter(static_cast<std::uint8_t>(MessageType::Shutdown)).take();
}

std::optional<HelloMessage> decode_hello(std::string_view body) {
    FrameReader r = open(body, MessageType::Hello);
    HelloMessage m;
    if (!r.u16(m.protocol_version) || !r.u32(m.abi_major) || !r.u32(m.abi_minor) ||
        !r.string(m.library_path) || !r.string(m.plugin_id) || !r.string(m.plugin_version) ||
        !r.at_end()) {
        return std::nullopt;
    }
    return m;
}

std::optional<HelloReplyMessage> decode_hello_reply(std::string_view body) {
    FrameReader r = open(body, MessageType::HelloReply);
    HelloReplyMessage m;
    if (!r.u16(m.protocol_version) || !r.i32(m.status) || !r.u32(m.abi_major) ||
        !r.u32(m.min_host_minor) || !r.u32(m.callbacks) || !r.string(m.error) || !r.at_end()) {
        return std::nullopt;
    }
    return m;
}

std::optional<InvokeMessage> decode_invoke(std::string_view body) {
    FrameReader r = open(body, MessageType::Invoke);
    InvokeMessage m;
    if (!r.u64(m.call_id) || !r.i64(m.store_id) || !r.i64(m.deadline_ms) || !r.u32(m.services) ||
        !get_invocation(r, m.invocation) || !r.at_end()) {
        return std::nullopt;
    }
    return m;
}

std::optional<InvokeResultMessage> decode_invoke_result(std::string_view body) {
    FrameReader r = open(body, MessageType::InvokeResult);
    InvokeResultMessage m;
    std::uint8_t fault = 0;
    if (!r.u64(m.call_id) || !r.i32(m.result.status) || !r.string(m.result.output) ||
        !r.i32(m.result.http_status) || !get_headers(r, m.result.http_headers) || !r.u8(fault) ||
        !r.string(m.result.detail) || !r.i64(m.max_rss_kb) || !r.i64(m.cpu_ms) || !r.at_end()) {
        return std::nullopt;
    }
    // A worker may only report what it can know itself: that the plugin ran out of memory.
    if (fault != static_cast<std::uint8_t>(Fault::None) &&
        fault != static_cast<std::uint8_t>(Fault::NoMemory)) {
        return std::nullopt;
    }
    m.result.fault = static_cast<Fault>(fault);
    return m;
}

std::optional<ServiceCallMessage> decode_service_call(std::string_view body) {
    FrameReader r = open(body, MessageType::ServiceCall);
    ServiceCallMessage m;
    std::uint16_t count = 0;
    if (!r.u64(m.call_id) || !r.u16(m.function) || !r.u16(count) || count > kMaxArgs) {
        return std::nullopt;
    }
    for (std::uint16_t i = 0; i < count; ++i) {
        std::uint8_t tag = 0;
        if (!r.u8(tag)) return std::nullopt;
        if (tag == 0) {
            std::int64_t number = 0;
            if (!r.i64(number)) return std::nullopt;
            m.args.emplace_back(number);
        } else if (tag == 1) {
            std::string_view bytes;
            if (!r.bytes(bytes)) return std::nullopt;
            m.args.emplace_back(bytes);
        } else {
            return std::nullopt;
        }
    }
    if (!r.at_end()) return std::nullopt;
    return m;
}

std::optional<ServiceReply> decode_service_reply(std::string_view body) {
    FrameReader r = open(body, MessageType::ServiceReply);
    ServiceReply m;
    if (!r.i32(m.status) || !r.i64(m.value) || !r.string(m.data) || !r.string(m.extra) ||
        !r.at_end()) {
        return std::nullopt;
    }
    return m;
}

}  // namespace station::plugins::wire
