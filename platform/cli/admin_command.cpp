#include "platform/cli/admin_command.hpp"

#include <istream>
#include <ostream>

#include "base/http/request_error.hpp"
#include "platform/accounts/accounts.hpp"
#include "platform/app/platform.hpp"
#include "platform/cli/command_options.hpp"

namespace station::cli {
namespace {

constexpr std::string_view kUsage =
    "usage: station admin create --email EMAIL [--password PASSWORD] [settings]\n"
    "       (without --password, the first line of standard input is the password)\n";

}  // namespace

int run_admin_command(const CommandArgs& args, CommandIo& io) {
    if (args.empty() || args[0] != "create") {
        io.err << kUsage;
        return kExitUsage;
    }
    CommandArgs rest(args.begin() + 1, args.end());
    try {
        auto email = take_option(rest, "email");
        if (!email) throw std::invalid_argument("--email is required");
        auto password = take_option(rest, "password");
        if (!password) {
            std::string line;
            std::getline(io.in, line);
            password = line;
        }
        app::Platform platform(config::load_config(rest, process_environment()),
                               util::system_clock());
        std::int64_t id = platform.accounts().create_admin(*email, *password);
        io.out << "platform admin " << *email << " (id " << id << ") ready\n";
        return kExitOk;
    } catch (const http::RequestError& e) {
        io.err << "station admin create: " << e.field() << ": " << e.what() << "\n";
        return kExitFailure;
    } catch (const std::invalid_argument& e) {
        io.err << "station admin create: " << e.what() << "\n" << kUsage;
        return kExitUsage;
    } catch (const std::exception& e) {
        io.err << "station admin create: " << e.what() << "\n";
        return kExitFailure;
    }
}

}  // namespace station::cli
