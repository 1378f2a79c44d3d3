#pragma once
// The plugin-host worker: the process `station plugin-host` runs for one plugin release. It
// confines itself (sandbox.hpp), then serves the host on the inherited socket: Hello (load the
// library and negotiate), Invoke (run one callback; its service calls travel back to the host),
// Shutdown. One call at a time, on the main thread.
//
// Exit status: 0 after Shutdown or when the host closed the socket; 1 when it could not start
// (bad arguments, sandbox failure); 2 when the host vanished mid-call; 3 when the worker itself
// ran out of memory. A plugin crash ends the process by its signal.

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "tenant_runtime/plugins/worker/sandbox.hpp"

namespace station::plugins {

inline constexpr int kWorkerExitSetupFailed = 1;
inline constexpr int kWorkerExitHostGone = 2;
inline constexpr int kWorkerExitNoMemory = 3;

struct WorkerArguments {
    int fd = 3;
    std::int64_t parent_pid = 0;
    SandboxOptions sandbox;
};

// `--fd N --parent-pid P --plugin-dir DIR [--memory-mb M] [--cpu-seconds S] [--open-files F]`.
// nullopt (and `error`) for anything else.
std::optional<WorkerArguments> parse_worker_arguments(const std::vector<std::string>& args,
                                                      std::string& error);

// The argument list the host passes (the inverse of parse_worker_arguments).
std::vector<std::string> worker_argument_list(const WorkerArguments& arguments);

int run_plugin_worker(const WorkerArguments& arguments);

}  // namespace station::plugins
