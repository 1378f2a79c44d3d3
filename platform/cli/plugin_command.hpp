#pragma once
// `station plugin …`: tools for plugin developers (new, validate, dev) and operators (list,
// scan, approve, block, unblock) — and the hidden `station plugin-host`, the sandboxed worker
// process the platform starts for each isolated plugin.

#include "platform/cli/command.hpp"

namespace station::cli {

int run_plugin_command(const CommandArgs& args, CommandIo& io);
// The worker: never run by hand (the platform passes its socket and limits).
int run_plugin_host_command(const CommandArgs& args, CommandIo& io);

}  // namespace station::cli
