#include "tests/support/child_process.hpp"

#include <chrono>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <utility>

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

extern char** environ;

namespace station::testing {
namespace {

int decode_status(int raw) {
    if (WIFEXITED(raw)) return WEXITSTATUS(raw);
    if (WIFSIGNALED(raw)) return 128 + WTERMSIG(raw);
    return -1;
}

}  // namespace

std::optional<std::filesystem::path> find_executable(const std::string& name) {
    if (name.find('/') != std::string::npos) return std::filesystem::path(name);
    std::string path = std::getenv("PATH") ? std::getenv("PATH") : "";
    path += ":/usr/sbin:/sbin:/usr/local/sbin";
    std::stringstream dirs(path);
    std::string dir;
    while (std::getline(dirs, dir, ':')) {
        if (dir.empty()) continue;
        std::filesystem::path candidate = std::filesystem::path(dir) / name;
        if (access(candidate.c_str(), X_OK) == 0) return candidate;
    }
    return std::nullopt;
}

ChildProcess ChildProcess::spawn(const std::vector<std::string>& argv,
                                 const SpawnOptions& options) {
    if (argv.empty()) throw std::runtime_error("spawn: empty argv");
    auto program = find_executable(argv[0]);
    if (!program) throw std::runtime_error("spawn: '" + argv[0] + "' not found in PATH");

    std::vector<std::string> env_storage;
    for (char** e = environ; *e; ++e)
        env_storage.emplace_back(*e);
    for (const auto& extra : options.extra_env)
        env_storage.push_back(extra);
    std::vector<char*> envp;
    for (auto& e : env_storage)
        envp.push_back(e.data());
    envp.push_back(nullptr);

    std::vector<std::string> args = argv;
    std::vector<char*> c_argv;
    for (auto& a : args)
        c_argv.push_back(a.data());
    c_argv.push_back(nullptr);

    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    if (options.log_file) {
        posix_spawn_file_actions_addopen(&actions, 1, options.log_file->c_str(),
                                         O_WRONLY | O_CREAT | O_APPEND, 0644);
        posix_spawn_file_actions_adddup2(&actions, 1, 2);
    }
    if (options.working_dir) {
        posix_spawn_file_actions_addchdir_np(&actions, options.working_dir->c_str());
    }
    posix_spawnattr_t attr;
    posix_spawnattr_init(&attr);
    // Own process group, so a test's Ctrl-C does not reach the child before the test stops it.
    posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETPGROUP);
    posix_spawnattr_setpgroup(&attr, 0);

    pid_t pid = 0;
    int rc = posix_spawn(&pid, program->c_str(), &actions, &attr, c_argv.data(), envp.data());
    posix_spawn_file_actions_destroy(&actions);
    posix_spawnattr_destroy(&attr);
    if (rc != 0) throw std::runtime_error("spawn " + argv[0] + " failed: " + std::to_string(rc));
    return ChildProcess(pid, options.log_file);
}

ChildProcess::ChildProcess(ChildProcess&& other) noexcept
    : pid_(std::exchange(other.pid_, -1)),
      status_(other.status_),
      log_file_(std::move(other.log_file_)) {}

ChildProcess::~ChildProcess() {
    if (pid_ > 0 && !status_) stop(3000);
}

bool ChildProcess::running() {
    if (status_) return false;
    int raw = 0;
    if (waitpid(pid_, &raw, WNOHANG) == pid_) {
        status_ = decode_status(raw);
        return false;
    }
    return true;
}

void ChildProcess::signal(int signo) {
    if (running()) kill(pid_, signo);
}

std::optional<int> ChildProcess::wait(int timeout_ms) {
    auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
    while (running()) {
        if (std::chrono::steady_clock::now() >= deadline) return std::nullopt;
        poll(nullptr, 0, 5);
    }
    return status_;
}

int ChildProcess::stop(int grace_ms) {
    signal(SIGTERM);
    if (auto status = wait(grace_ms)) return *status;
    signal(SIGKILL);
    return wait(10000).value_or(-1);
}

std::string ChildProcess::log() const {
    if (!log_file_) return {};
    std::ifstream in(*log_file_);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

}  // namespace station::testing
