#pragma once
// One plugin-host worker process as seen from the host: spawned from the `station` binary with
// only its end of a socket pair (fd 3), stdin/stdout on /dev/null and an empty environment (no
// secrets leak into plugin code), then greeted (Hello / HelloReply) before it is used.
//
// Ownership: the object owns the process and the socket. The destructor asks the worker to shut
// down (the plugin's shutdown callback runs), waits briefly, then kills and reaps it.
// Threading: not thread-safe; the IsolatedRunner serializes all use.

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>

#include <boost/system/result.hpp>
#include <sys/types.h>

#include "tenant_runtime/plugins/manifest/install.hpp"
#include "tenant_runtime/plugins/protocol/messages.hpp"

namespace station::plugins {

struct WorkerLaunch {
    std::filesystem::path executable;  // the `station` binary (it has the plugin-host command)
    std::int64_t memory_mb = 512;      // the manifest's limits.memory_mb, if lower, wins
    std::int64_t cpu_seconds = 600;    // over the worker's life; it is recycled before that
    std::int64_t open_files = 64;
    std::chrono::milliseconds start_timeout{5000};
};

struct WorkerStartError {
    std::string message;
    // True when the plugin itself cannot be used (ABI mismatch, missing symbol, failing entry
    // point): starting again will not help. False for crashes and timeouts while starting.
    bool refused = false;
};

class WorkerProcess {
public:
    static boost::system::result<std::unique_ptr<WorkerProcess>, WorkerStartError> start(
        const WorkerLaunch& launch, const PluginRelease& release);

    WorkerProcess(const WorkerProcess&) = delete;
    WorkerProcess& operator=(const WorkerProcess&) = delete;
    ~WorkerProcess();

    int fd() const { return fd_; }
    pid_t pid() const { return pid_; }
    const wire::HelloReplyMessage& hello() const { return hello_; }

    // SIGKILL now and reap.
    void kill();
    // After the socket failed: waits up to `wait` for the process to end (killing it after
    // that) and describes how it ended: "killed by signal 11 (Segmentation fault)".
    std::string reap(std::chrono::milliseconds wait);
    // The worker exited because it ran out of memory itself (see plugin_worker.hpp).
    bool exited_out_of_memory() const { return out_of_memory_; }

private:
    WorkerProcess(pid_t pid, int fd) : pid_(pid), fd_(fd) {}
    std::string describe(int status);

    pid_t pid_;
    int fd_;
    bool reaped_ = false;
    bool out_of_memory_ = false;
    wire::HelloReplyMessage hello_;
};

}  // namespace station::plugins
