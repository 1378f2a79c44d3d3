#pragma once
// `station serve [settings]`: runs the platform until SIGINT/SIGTERM, then drains connections
// and closes every database cleanly.

#include "platform/cli/command.hpp"

namespace station::cli {

int run_serve_command(const CommandArgs& args, CommandIo& io);

}  // namespace station::cli
