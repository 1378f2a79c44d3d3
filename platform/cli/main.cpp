// `station`: the one binary. Dispatches to a subcommand; see `station help`.

#include <iostream>
#include <string>
#include <string_view>

#include "base/crypto/secrets.hpp"
#include "platform/cli/admin_command.hpp"
#include "platform/cli/command.hpp"
#include "platform/cli/liquid_command.hpp"
#include "platform/cli/plugin_command.hpp"
#include "platform/cli/serve_command.hpp"
#include "platform/cli/tenant_command.hpp"
#include "platform/config/station_config.hpp"

namespace {

using namespace station::cli;

constexpr std::string_view kUsage = R"(usage: station <command> [options]

commands:
  serve [settings]             run the platform (see settings below)
  tenant create|list|suspend|resume|delete …
                               manage stores in a data dir (`station tenant help`)
  admin create --email EMAIL [--password PASSWORD]
                               create a platform admin
  liquid render TEMPLATE [--data FILE.json] [--partials DIR] [--strict]
  liquid render --batch        render Liquid templates (JSON lines on stdin with --batch)
  plugin new|validate|dev|list|scan|approve|block|unblock …
                               build, check and manage plugins (`station plugin help`)
  version                      print the version
  help                         this text
)";

}  // namespace

int main(int argc, char* argv[]) {
    station::crypto::init_crypto();
    CommandIo io{std::cin, std::cout, std::cerr};
    if (argc < 2) {
        io.err << kUsage;
        return kExitUsage;
    }
    std::string_view command = argv[1];
    CommandArgs args(argv + 2, argv + argc);
    if (command == "serve") {
        if (!args.empty() && (args[0] == "--help" || args[0] == "-h")) {
            io.out << "usage: station serve [settings]\nsettings:\n"
                   << station::config::describe_settings();
            return kExitOk;
        }
        return run_serve_command(args, io);
    }
    if (command == "tenant") return run_tenant_command(args, io);
    if (command == "admin") return run_admin_command(args, io);
    if (command == "liquid") return run_liquid_command(args, io);
    if (command == "plugin") return run_plugin_command(args, io);
    if (command == "plugin-host") return run_plugin_host_command(args, io);
    if (command == "version" || command == "--version") {
        io.out << "station " << STATION_VERSION << "\n";
        return kExitOk;
    }
    if (command == "help" || command == "--help" || command == "-h") {
        io.out << kUsage;
        return kExitOk;
    }
    io.err << "station: unknown command '" << command << "'\n" << kUsage;
    return kExitUsage;
}
