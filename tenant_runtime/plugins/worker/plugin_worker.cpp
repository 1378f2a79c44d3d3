#include "tenant_runtime/plugins/worker/plugin_worker.hpp"

#include <charconv>
#include <cstdio>
#include <memory>
#include <new>

#include <signal.h>
#include <sys/resource.h>
#include <unistd.h>

#include "tenant_runtime/plugins/abi/abi_tables.hpp"
#include "tenant_runtime/plugins/abi/plugin_library.hpp"
#include "tenant_runtime/plugins/protocol/messages.hpp"
#include "tenant_runtime/plugins/protocol/wire.hpp"

namespace station::plugins {
namespace {

using Steady = std::chrono::steady_clock;

std::optional<std::int64_t> parse_int(const std::string& text) {
    std::int64_t value = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
    return value;
}

[[noreturn]] void host_gone() {
    std::_Exit(kWorkerExitHostGone);
}

void send_or_exit(int fd, const std::string& frame) {
    if (wire::write_frame(fd, frame, std::nullopt) != wire::IoStatus::Ok) host_gone();
}

// A callback's context in the worker: service calls go to the host over the socket and block
// until it answers.
class SocketEndpoint final : public ServiceEndpoint {
public:
    SocketEndpoint(int fd, const wire::InvokeMessage& invoke, const wire::HelloMessage& hello)
        : fd_(fd), invoke_(invoke), hello_(hello), started_(Steady::now()) {}

    bool service_available(ServiceId service) const override {
        return (invoke_.services >> static_cast<unsigned>(service)) & 1u;
    }

    ServiceReply call(ServiceFunction function, std::span<const ServiceArg> args) override {
        send_or_exit(fd_, wire::encode_service_call(invoke_.call_id, function, args));
        std::string body;
        if (wire::read_frame(fd_, body, std::nullopt) != wire::IoStatus::Ok) host_gone();
        auto reply = wire::decode_service_reply(body);
        if (!reply) host_gone();
        return std::move(*reply);
    }

    std::int64_t store_id() const override { return invoke_.store_id; }
    std::string_view plugin_id() const override { return hello_.plugin_id; }
    std::string_view plugin_version() const override { return hello_.plugin_version; }
    std::int64_t remaining_ms() const override {
        if (invoke_.deadline_ms <= 0) return INT64_MAX;
        auto spent =
            std::chrono::duration_cast<std::chrono::milliseconds>(Steady::now() - started_);
        return invoke_.deadline_ms - spent.count();
    }

private:
    int fd_;
    const wire::InvokeMessage& invoke_;
    const wire::HelloMessage& hello_;
    Steady::time_point started_;
};

// The library must sit directly in the directory the sandbox opened for reading.
bool inside(const std::filesystem::path& library, const std::filesystem::path& directory) {
    std::error_code ec;
    return std::filesystem::equivalent(library.parent_path(), directory, ec) && !ec;
}

void fill_usage(wire::InvokeResultMessage& message) {
    rusage usage{};
    if (getrusage(RUSAGE_SELF, &usage) != 0) return;
    message.max_rss_kb = usage.ru_maxrss;
    message.cpu_ms = (usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * 1000 +
                     (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1000;
}

int serve(const WorkerArguments& arguments) {
    const int fd = arguments.fd;
    SandboxReport report;
    std::optional<std::string> sandbox_error =
        enter_sandbox(arguments.sandbox, arguments.parent_pid, report);

    std::string body;
    if (wire::read_frame(fd, body, std::nullopt) != wire::IoStatus::Ok) return 0;
    auto hello = wire::decode_hello(body);
    wire::HelloReplyMessage reply;
    std::unique_ptr<PluginLibrary> library;
    if (!hello) {
        reply.status = STATION_ERR_INVALID;
        reply.error = "malformed Hello";
    } else if (hello->protocol_version != wire::kProtocolVersion) {
        reply.status = STATION_ERR_UNSUPPORTED;
        reply.error = "the worker speaks protocol " + std::to_string(wire::kProtocolVersion) +
                      ", the host " + std::to_string(hello->protocol_version);
    } else if (sandbox_error) {
        reply.status = STATION_ERR_UNAVAILABLE;
        reply.error = "sandbox: " + *sandbox_error;
    } else if (!inside(hello->library_path, arguments.sandbox.plugin_directory)) {
        reply.status = STATION_ERR_INVALID;
        reply.error = "the library is outside the plugin directory";
    } else {
        auto loaded = PluginLibrary::load(hello->library_path, host_info());
        if (loaded) {
            library = std::move(*loaded);
            reply.abi_major = library->negotiated().abi_major;
            reply.min_host_minor = library->negotiated().min_host_minor;
            reply.callbacks = callback_mask(library->table());
        } else {
            reply.status = STATION_ERR_UNSUPPORTED;
            reply.error = loaded.error().message;
        }
    }
    if (reply.status == STATION_OK && !report.landlock && !report.note.empty()) {
        std::fprintf(stderr, "plugin-host %s: %s\n", hello->plugin_id.c_str(), report.note.c_str());
    }
    send_or_exit(fd, wire::encode(reply));
    if (!library) return kWorkerExitSetupFailed;

    while (true) {
        if (wire::read_frame(fd, body, std::nullopt) != wire::IoStatus::Ok) return 0;
        auto type = wire::message_type(body);
        if (type == wire::MessageType::Shutdown) {
            library.reset();
            return 0;
        }
        auto invoke = type == wire::MessageType::Invoke ? wire::decode_invoke(body) : std::nullopt;
        if (!invoke) return kWorkerExitSetupFailed;
        SocketEndpoint endpoint(fd, *invoke, *hello);
        wire::InvokeResultMessage result;
        result.call_id = invoke->call_id;
        result.result = call_plugin(library->table(), endpoint, invoke->invocation);
        fill_usage(result);
        send_or_exit(fd, wire::encode(result));
    }
}

}  // namespace

std::optional<WorkerArguments> parse_worker_arguments(const std::vector<std::string>& args,
                                                      std::string& error) {
    WorkerArguments out;
    bool have_fd = false;
    bool have_parent = false;
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string& name = args[i];
        if (i + 1 >= args.size()) {
            error = name + ": expected a value";
            return std::nullopt;
        }
        const std::string& value = args[++i];
        if (name == "--plugin-dir") {
            out.sandbox.plugin_directory = value;
            continue;
        }
        auto number = parse_int(value);
        if (!number || *number < 0) {
            error = name + ": expected a non-negative integer";
            return std::nullopt;
        }
        if (name == "--fd") {
            out.fd = static_cast<int>(*number);
            have_fd = true;
        } else if (name == "--parent-pid") {
            out.parent_pid = *number;
            have_parent = true;
        } else if (name == "--memory-mb") {
            out.sandbox.memory_bytes = *number << 20;
        } else if (name == "--cpu-seconds") {
            out.sandbox.cpu_seconds = *number;
        } else if (name == "--open-files") {
            out.sandbox.open_files = *number;
        } else {
            error = "unknown option " + name;
            return std::nullopt;
        }
    }
    if (!have_fd || !have_parent || out.sandbox.plugin_directory.empty()) {
        error = "--fd, --parent-pid and --plugin-dir are required";
        return std::nullopt;
    }
    return out;
}

std::vector<std::string> worker_argument_list(const WorkerArguments& a) {
    return {"--fd",          std::to_string(a.fd),
            "--parent-pid",  std::to_string(a.parent_pid),
            "--plugin-dir",  a.sandbox.plugin_directory.string(),
            "--memory-mb",   std::to_string(a.sandbox.memory_bytes >> 20),
            "--cpu-seconds", std::to_string(a.sandbox.cpu_seconds),
            "--open-files",  std::to_string(a.sandbox.open_files)};
}

int run_plugin_worker(const WorkerArguments& arguments) {
    ::signal(SIGPIPE, SIG_IGN);
    try {
        return serve(arguments);
    } catch (const std::bad_alloc&) {
        return kWorkerExitNoMemory;
    } catch (...) {
        return kWorkerExitSetupFailed;
    }
}

}  // namespace station::plugins
