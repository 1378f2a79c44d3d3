#pragma once
// Pulling a subcommand's own options (--handle X, --reason=Y) out of its argument list, so the
// rest can go to config::load_config.

#include <optional>
#include <string>
#include <string_view>

#include "platform/cli/command.hpp"

namespace station::cli {

// Removes `--name VALUE` or `--name=VALUE` from args and returns VALUE. Throws
// std::invalid_argument when the option is present without a value.
std::optional<std::string> take_option(CommandArgs& args, std::string_view name);

// Every "NAME=value" of the process environment.
std::vector<std::string> process_environment();

}  // namespace station::cli
