#pragma once
// The shape of every `station` subcommand: arguments after the subcommand name, standard streams,
// an exit status (0 success, 1 failure, 2 usage error). Subcommands print their own usage.

#include <iosfwd>
#include <string>
#include <vector>

namespace station::cli {

struct CommandIo {
    std::istream& in;
    std::ostream& out;
    std::ostream& err;
};

using CommandArgs = std::vector<std::string>;

constexpr int kExitOk = 0;
constexpr int kExitFailure = 1;
constexpr int kExitUsage = 2;

}  // namespace station::cli
