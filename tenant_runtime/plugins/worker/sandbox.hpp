#pragma once
// The confinement a plugin-host worker puts itself in before it loads any plugin code:
//   - rlimits: address space (memory), CPU seconds, open files; no core dumps;
//   - no new privileges, not dumpable (no ptrace by others), killed when the host dies;
//   - a seccomp filter: no socket creation, connect, bind or accept (the only socket is the one
//     inherited from the host), no exec or fork (threads only), no ptrace, process_vm_*,
//     mounts, namespaces, kernel modules, BPF, io_uring, keyrings; signals only to itself;
//   - Landlock, where the kernel has it: the file system is read-only and limited to the
//     plugin's directory, system libraries and a few device and /proc files; no TCP at all.
//
// Outbound HTTP therefore exists only through the host's station.http/1 service.

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>

namespace station::plugins {

struct SandboxOptions {
    std::int64_t memory_bytes = std::int64_t{512} << 20;
    std::int64_t cpu_seconds = 600;
    std::int64_t open_files = 64;
    std::filesystem::path plugin_directory;  // readable under Landlock
};

struct SandboxReport {
    bool landlock = false;  // whether the kernel applied the Landlock rules
    std::string note;       // e.g. why Landlock is not in effect
};

// Applies everything above to the calling process (irreversibly). Returns the problem when a
// mandatory step (rlimits, no-new-privs, seccomp) failed; Landlock is best effort.
std::optional<std::string> enter_sandbox(const SandboxOptions& options, std::int64_t parent_pid,
                                         SandboxReport& report);

}  // namespace station::plugins
