#pragma once
// One loaded plugin release, shared by every store that has it installed: either the library
// inside this process (InProcessRunner) or a supervised worker process (IsolatedRunner). The host
// talks to both through this interface; which one a release gets is the platform's decision
// (PluginRelease::mode).
//
// Threading: invoke() is thread-safe. An in-process runner runs calls concurrently; an isolated
// runner serializes them through its one worker (time spent waiting counts against the call's
// deadline).

#include <chrono>
#include <cstdint>
#include <string>

#include "tenant_runtime/plugins/abi/invocation.hpp"
#include "tenant_runtime/plugins/manifest/install.hpp"

namespace station::plugins {

using SteadyClock = std::chrono::steady_clock;

// What an operator sees about a runner (platform admin API).
struct RunnerState {
    std::string release;  // "id@version"
    IsolationMode mode = IsolationMode::Isolated;
    bool running = false;       // a worker is up (isolated) / the library is loaded (in-process)
    std::int64_t pid = 0;       // isolated: the worker's pid, 0 when none
    std::int64_t restarts = 0;  // workers started after the first
    std::int64_t faults = 0;    // crashes, timeouts, memory blow-ups, protocol violations
    std::string last_fault;
    std::int64_t max_rss_kb = 0;
};

class PluginRunner {
public:
    virtual ~PluginRunner() = default;

    // Runs `invocation` for `install` (whose release is this runner's) before `deadline`.
    // Never throws; every failure is in the result (status, fault, detail).
    virtual InvocationResult invoke(const StoreInstall& install, const Invocation& invocation,
                                    SteadyClock::time_point deadline) = 0;
    virtual RunnerState state() const = 0;
};

}  // namespace station::plugins
