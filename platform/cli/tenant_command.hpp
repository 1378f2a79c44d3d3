#pragma once
// `station tenant create|list|suspend|resume|delete|plan` against a data dir. A running server on the
// same data dir sees the change within a second (it watches platform.db); with --redis, other
// nodes are told through pub/sub at once.

#include "platform/cli/command.hpp"

namespace station::cli {

int run_tenant_command(const CommandArgs& args, CommandIo& io);

}  // namespace station::cli
