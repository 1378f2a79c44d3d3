#include "platform/cli/plugin_command.hpp"

#include <filesystem>
#include <ostream>

#include "platform/cli/command_options.hpp"
#include "tenant_runtime/plugins/abi/invocation.hpp"
#include "tenant_runtime/plugins/host/worker_process.hpp"
#include "tenant_runtime/plugins/manifest/manifest.hpp"
#include "tenant_runtime/plugins/worker/plugin_worker.hpp"

namespace station::cli {
namespace {

namespace fs = std::filesystem;
using plugins::InvocationKind;

constexpr std::string_view kUsage = R"(usage: station plugin <command> …

for plugin developers:
  validate DIR           check DIR/plugin.json and load the library in a sandboxed worker
)";

std::string callback_names(std::uint32_t mask) {
    std::string out;
    for (auto kind : {InvocationKind::Event, InvocationKind::Hook, InvocationKind::Http,
                      InvocationKind::Task, InvocationKind::ConfigChanged}) {
        if (mask & (1u << (static_cast<unsigned>(kind) - 1))) {
            if (!out.empty()) out += ", ";
            out += plugins::kind_name(kind);
        }
    }
    return out.empty() ? "none" : out;
}

bool has_callback(std::uint32_t mask, InvocationKind kind) {
    return mask & (1u << (static_cast<unsigned>(kind) - 1));
}

int validate(const CommandArgs& args, CommandIo& io) {
    if (args.size() != 1) {
        io.err << "usage: station plugin validate DIR\n";
        return kExitUsage;
    }
    fs::path directory = args[0];
    std::error_code ec;
    directory = fs::canonical(directory, ec);
    if (ec) {
        io.err << args[0] << ": " << ec.message() << "\n";
        return kExitFailure;
    }
    plugins::ManifestCheck check = plugins::load_manifest(directory);
    if (!check.manifest) {
        io.out << "plugin.json: " << check.problems.size() << " problem(s)\n";
        for (const auto& problem : check.problems) {
            io.out << "  " << (problem.path.empty() ? "" : problem.path + ": ") << problem.message
                   << "\n";
        }
        return kExitFailure;
    }
    const plugins::Manifest& m = *check.manifest;
    io.out << "plugin.json: ok (" << m.id << " " << m.version << ", ABI " << m.abi_major << "."
           << m.abi_minor << ", " << plugins::to_string(m.isolation) << ")\n";

    plugins::PluginRelease release;
    release.manifest = m;
    release.directory = directory;
    plugins::WorkerLaunch launch;
    launch.executable = fs::read_symlink("/proc/self/exe");
    auto worker = plugins::WorkerProcess::start(launch, release);
    if (!worker) {
        io.out << "library: " << (worker.error().refused ? "refused" : "failed") << ": "
               << worker.error().message << "\n";
        return kExitFailure;
    }
    const auto& hello = (*worker)->hello();
    io.out << "library: ok (loaded in a sandboxed worker; built for ABI " << hello.abi_major
           << ".x, needs host minor " << hello.min_host_minor
           << "; callbacks: " << callback_names(hello.callbacks) << ")\n";
    int warnings = 0;
    auto warn = [&](bool missing, std::string_view what, InvocationKind kind) {
        if (!missing || has_callback(hello.callbacks, kind)) return;
        io.out << "warning: the manifest declares " << what << " but the plugin has no "
               << plugins::kind_name(kind) << " callback\n";
        ++warnings;
    };
    warn(!m.events.empty(), "events", InvocationKind::Event);
    warn(!m.hooks.empty(), "hooks", InvocationKind::Hook);
    warn(m.http.any(), "HTTP surfaces", InvocationKind::Http);
    warn(!m.schedules.empty(), "schedules", InvocationKind::Task);
    io.out << (warnings == 0 ? "valid\n" : "valid, with warnings\n");
    return kExitOk;
}

}  // namespace

int run_plugin_command(const CommandArgs& args, CommandIo& io) {
    if (args.empty() || args[0] == "help" || args[0] == "--help") {
        (args.empty() ? io.err : io.out) << kUsage;
        return args.empty() ? kExitUsage : kExitOk;
    }
    CommandArgs rest(args.begin() + 1, args.end());
    if (args[0] == "validate") return validate(rest, io);
    io.err << "station plugin: unknown command '" << args[0] << "'\n" << kUsage;
    return kExitUsage;
}

int run_plugin_host_command(const CommandArgs& args, CommandIo& io) {
    std::string error;
    auto arguments = plugins::parse_worker_arguments(args, error);
    if (!arguments) {
        io.err << "station plugin-host: " << error
               << " (this worker is started by the platform, not by hand)\n";
        return kExitUsage;
    }
    return plugins::run_plugin_worker(*arguments);
}

}  // namespace station::cli
