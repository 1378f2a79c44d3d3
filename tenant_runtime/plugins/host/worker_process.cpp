#include "tenant_runtime/plugins/host/worker_process.hpp"

#include <cstring>
#include <thread>
#include <vector>

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include "tenant_runtime/plugins/protocol/wire.hpp"
#include "tenant_runtime/plugins/worker/plugin_worker.hpp"

namespace station::plugins {
namespace {

constexpr int kWorkerFd = 3;

using Steady = std::chrono::steady_clock;

// Spawns `argv` with `child_fd` as fd 3 and nothing else open but stderr.
std::optional<pid_t> spawn(const std::vector<std::string>& argv, int child_fd) {
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, child_fd, kWorkerFd);
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_addclosefrom_np(&actions, kWorkerFd + 1);
    posix_spawnattr_t attributes;
    posix_spawnattr_init(&attributes);
    sigset_t none;
    sigemptyset(&none);
    posix_spawnattr_setsigmask(&attributes, &none);
    sigset_t defaults;
    sigemptyset(&defaults);
    sigaddset(&defaults, SIGPIPE);
    posix_spawnattr_setsigdefault(&attributes, &defaults);
    posix_spawnattr_setflags(&attributes, POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);

    std::vector<char*> args;
    for (const std::string& a : argv)
        args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    char* empty_environment[] = {nullptr};
    pid_t pid = 0;
    int rc =
        posix_spawn(&pid, argv[0].c_str(), &actions, &attributes, args.data(), empty_environment);
    posix_spawn_file_actions_destroy(&actions);
    posix_spawnattr_destroy(&attributes);
    if (rc != 0) {
        errno = rc;
        return std::nullopt;
    }
    return pid;
}

}  // namespace

boost::system::result<std::unique_ptr<WorkerProcess>, WorkerStartError> WorkerProcess::start(
    const WorkerLaunch& launch, const PluginRelease& release) {
    int fds[2];
    if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, fds) != 0) {
        return WorkerStartError{std::string("socketpair: ") + std::strerror(errno)};
    }
    // adddup2 onto the same number would leave FD_CLOEXEC set; keep the child's end elsewhere.
    if (fds[1] == kWorkerFd) {
        int moved = ::fcntl(fds[1], F_DUPFD_CLOEXEC, kWorkerFd + 1);
        ::close(fds[1]);
        fds[1] = moved;
    }
    WorkerArguments arguments;
    arguments.fd = kWorkerFd;
    arguments.parent_pid = ::getpid();
    arguments.sandbox.plugin_directory = release.directory;
    std::int64_t memory_mb = launch.memory_mb;
    if (release.manifest.memory_mb) memory_mb = std::min(memory_mb, *release.manifest.memory_mb);
    arguments.sandbox.memory_bytes = memory_mb << 20;
    arguments.sandbox.cpu_seconds = launch.cpu_seconds;
    arguments.sandbox.open_files = launch.open_files;
    std::vector<std::string> argv{launch.executable.string(), "plugin-host"};
    for (std::string& a : worker_argument_list(arguments))
        argv.push_back(std::move(a));

    auto pid = spawn(argv, fds[1]);
    int spawn_errno = errno;
    ::close(fds[1]);
    if (!pid) {
        ::close(fds[0]);
        return WorkerStartError{"cannot start " + launch.executable.string() + ": " +
                                std::strerror(spawn_errno)};
    }
    std::unique_ptr<WorkerProcess> worker(new WorkerProcess(*pid, fds[0]));

    wire::HelloMessage hello;
    hello.abi_major = STATION_PLUGIN_ABI_MAJOR;
    hello.abi_minor = STATION_PLUGIN_ABI_MINOR;
    hello.library_path = release.library_path().string();
    hello.plugin_id = release.manifest.id;
    hello.plugin_version = release.manifest.version;
    auto deadline = Steady::now() + launch.start_timeout;
    std::string body;
    wire::IoStatus io = wire::write_frame(worker->fd_, wire::encode(hello), deadline);
    if (io == wire::IoStatus::Ok) io = wire::read_frame(worker->fd_, body, deadline);
    if (io == wire::IoStatus::Timeout) {
        worker->kill();
        return WorkerStartError{"the worker did not answer within " +
                                std::to_string(launch.start_timeout.count()) + " ms"};
    }
    if (io != wire::IoStatus::Ok) {
        return WorkerStartError{"the worker died while loading the plugin: " +
                                worker->reap(std::chrono::milliseconds(1000))};
    }
    auto reply = wire::decode_hello_reply(body);
    if (!reply) {
        worker->kill();
        return WorkerStartError{"the worker sent a malformed greeting"};
    }
    if (reply->status != STATION_OK) {
        worker->kill();
        return WorkerStartError{reply->error, reply->status == STATION_ERR_UNSUPPORTED};
    }
    worker->hello_ = std::move(*reply);
    return worker;
}

WorkerProcess::~WorkerProcess() {
    if (!reaped_) {
        // A clean stop lets the plugin's shutdown callback run; a stuck worker is killed.
        if (wire::write_frame(fd_, wire::encode_shutdown(),
                              Steady::now() + std::chrono::milliseconds(100)) ==
            wire::IoStatus::Ok) {
            reap(std::chrono::milliseconds(500));
        } else {
            kill();
        }
    }
    ::close(fd_);
}

void WorkerProcess::kill() {
    if (reaped_) return;
    ::kill(pid_, SIGKILL);
    int status = 0;
    while (::waitpid(pid_, &status, 0) < 0 && errno == EINTR) {
    }
    reaped_ = true;
}

std::string WorkerProcess::reap(std::chrono::milliseconds wait) {
    if (reaped_) return "already stopped";
    auto until = Steady::now() + wait;
    while (true) {
        int status = 0;
        pid_t done = ::waitpid(pid_, &status, WNOHANG);
        if (done == pid_) {
            reaped_ = true;
            return describe(status);
        }
        if (done < 0 && errno != EINTR) {
            reaped_ = true;
            return "lost track of the worker";
        }
        if (Steady::now() >= until) {
            kill();
            return "stopped answering and was killed";
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
}

std::string WorkerProcess::describe(int status) {
    if (WIFSIGNALED(status)) {
        int signal = WTERMSIG(status);
        const char* name = ::strsignal(signal);
        return "killed by signal " + std::to_string(signal) + " (" + (name ? name : "unknown") +
               ")";
    }
    if (WIFEXITED(status)) {
        int code = WEXITSTATUS(status);
        if (code == kWorkerExitNoMemory) {
            out_of_memory_ = true;
            return "ran out of memory";
        }
        return "exited with status " + std::to_string(code);
    }
    return "ended";
}

}  // namespace station::plugins
