#pragma once
// A child process started by a test (redis-server, dnsmasq, the station binary, a webhook
// receiver). Its stdout and stderr go to a log file so failures can be diagnosed; the destructor
// sends SIGTERM, then SIGKILL after a grace period, and reaps it.

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace station::testing {

struct SpawnOptions {
    std::vector<std::string> extra_env;  // "NAME=value" entries added to the environment
    std::optional<std::filesystem::path> log_file;
    std::optional<std::filesystem::path> working_dir;
};

class ChildProcess {
public:
    // argv[0] is looked up in PATH when it has no '/'. Throws std::runtime_error if spawn fails.
    static ChildProcess spawn(const std::vector<std::string>& argv,
                              const SpawnOptions& options = {});

    ChildProcess(ChildProcess&& other) noexcept;
    ChildProcess& operator=(ChildProcess&&) = delete;
    ~ChildProcess();

    int pid() const { return pid_; }
    bool running();
    void signal(int signo);
    // Waits for exit; returns the exit status (128+signal when killed), or nullopt on timeout.
    std::optional<int> wait(int timeout_ms);
    // SIGTERM, wait up to `grace_ms`, then SIGKILL. Returns the exit status.
    int stop(int grace_ms = 5000);
    std::string log() const;

private:
    ChildProcess(int pid, std::optional<std::filesystem::path> log_file)
        : pid_(pid), log_file_(std::move(log_file)) {}

    int pid_ = -1;
    std::optional<int> status_;
    std::optional<std::filesystem::path> log_file_;
};

// Full path of an executable found in PATH (or the standard sbin dirs), or nullopt.
std::optional<std::filesystem::path> find_executable(const std::string& name);

}  // namespace station::testing
