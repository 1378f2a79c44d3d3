#pragma once
// `station admin create --email EMAIL [--password PASSWORD]`: creates a platform admin (or resets
// the password of an existing one). Without --password, the password is read from the first
// line of standard input.

#include "platform/cli/command.hpp"

namespace station::cli {

int run_admin_command(const CommandArgs& args, CommandIo& io);

}  // namespace station::cli
