#include "tenant_runtime/plugins/worker/sandbox.hpp"

#include <cerrno>
#include <cstddef>
#include <cstring>
#include <vector>

#include <fcntl.h>
#include <linux/audit.h>
#include <linux/filter.h>
#include <linux/landlock.h>
#include <linux/sched.h>
#include <linux/seccomp.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

namespace station::plugins {
namespace {

#if defined(__x86_64__)
constexpr std::uint32_t kAuditArch = AUDIT_ARCH_X86_64;
#elif defined(__aarch64__)
constexpr std::uint32_t kAuditArch = AUDIT_ARCH_AARCH64;
#else
#error "the plugin-host seccomp filter supports x86_64 and aarch64"
#endif

std::string errno_text(const char* what) {
    return std::string(what) + ": " + std::strerror(errno);
}

std::optional<std::string> set_limit(int resource, std::int64_t value, const char* name) {
    rlimit limit{static_cast<rlim_t>(value), static_cast<rlim_t>(value)};
    if (setrlimit(resource, &limit) != 0) return errno_text(name);
    return std::nullopt;
}

// Syscalls that fail with EPERM in a worker.
const std::vector<long>& denied_syscalls() {
    static const std::vector<long> kDenied = {
        __NR_socket,
        __NR_socketpair,
        __NR_bind,
        __NR_listen,
        __NR_accept,
        __NR_accept4,
        __NR_connect,
        __NR_execve,
        __NR_execveat,
        __NR_ptrace,
        __NR_process_vm_readv,
        __NR_process_vm_writev,
        __NR_mount,
        __NR_umount2,
        __NR_pivot_root,
        __NR_chroot,
        __NR_setns,
        __NR_unshare,
        __NR_init_module,
        __NR_finit_module,
        __NR_delete_module,
        __NR_kexec_load,
        __NR_bpf,
        __NR_perf_event_open,
        __NR_userfaultfd,
        __NR_keyctl,
        __NR_add_key,
        __NR_request_key,
        __NR_reboot,
        __NR_swapon,
        __NR_swapoff,
        __NR_acct,
        __NR_settimeofday,
        __NR_clock_settime,
        __NR_clock_adjtime,
        __NR_adjtimex,
        __NR_sethostname,
        __NR_setdomainname,
        __NR_open_by_handle_at,
        __NR_name_to_handle_at,
        __NR_kcmp,
        __NR_tkill,
        __NR_seccomp,
        __NR_quotactl,
        __NR_fanotify_init,
        __NR_mknodat,
#ifdef __NR_fork
        __NR_fork,
#endif
#ifdef __NR_vfork
        __NR_vfork,
#endif
#ifdef __NR_mknod
        __NR_mknod,
#endif
#ifdef __NR_iopl
        __NR_iopl,
#endif
#ifdef __NR_ioperm
        __NR_ioperm,
#endif
#ifdef __NR_kexec_file_load
        __NR_kexec_file_load,
#endif
#ifdef __NR_io_uring_setup
        __NR_io_uring_setup,
        __NR_io_uring_enter,
        __NR_io_uring_register,
#endif
#ifdef __NR_pidfd_open
        __NR_pidfd_open,
#endif
#ifdef __NR_pidfd_getfd
        __NR_pidfd_getfd,
#endif
#ifdef __NR_pidfd_send_signal
        __NR_pidfd_send_signal,
#endif
#ifdef __NR_open_tree
        __NR_open_tree,
        __NR_move_mount,
        __NR_fsopen,
        __NR_fsconfig,
        __NR_fsmount,
        __NR_fspick,
#endif
#ifdef __NR_mount_setattr
        __NR_mount_setattr,
#endif
    };
    return kDenied;
}

class Program {
public:
    void stmt(std::uint16_t code, std::uint32_t k) { code_.push_back(BPF_STMT(code, k)); }
    void jump(std::uint16_t code, std::uint32_t k, std::uint8_t jt, std::uint8_t jf) {
        code_.push_back(BPF_JUMP(code, k, jt, jf));
    }
    void load_nr() { stmt(BPF_LD | BPF_W | BPF_ABS, offsetof(seccomp_data, nr)); }
    // The low 32 bits of argument `i` (little-endian).
    void load_arg(int i) {
        stmt(BPF_LD | BPF_W | BPF_ABS,
             static_cast<std::uint32_t>(offsetof(seccomp_data, args) + 8 * i));
    }
    void ret(std::uint32_t action) { stmt(BPF_RET | BPF_K, action); }
    std::vector<sock_filter>& code() { return code_; }

private:
    std::vector<sock_filter> code_;
};

constexpr std::uint32_t kErrnoEperm = SECCOMP_RET_ERRNO | (EPERM & SECCOMP_RET_DATA);

std::vector<sock_filter> build_filter(std::uint32_t self_pid) {
    Program p;
    p.stmt(BPF_LD | BPF_W | BPF_ABS, offsetof(seccomp_data, arch));
    p.jump(BPF_JMP | BPF_JEQ | BPF_K, kAuditArch, 1, 0);
    p.ret(SECCOMP_RET_KILL_PROCESS);
    p.load_nr();
#if defined(__x86_64__)
    // x32 syscalls would bypass the numbers below.
    p.jump(BPF_JMP | BPF_JGE | BPF_K, 0x40000000u, 0, 1);
    p.ret(SECCOMP_RET_KILL_PROCESS);
#endif
    for (long nr : denied_syscalls()) {
        p.jump(BPF_JMP | BPF_JEQ | BPF_K, static_cast<std::uint32_t>(nr), 0, 1);
        p.ret(kErrnoEperm);
    }
#ifdef __NR_clone3
    // clone3 passes its flags in memory the filter cannot read; glibc falls back to clone.
    p.jump(BPF_JMP | BPF_JEQ | BPF_K, __NR_clone3, 0, 1);
    p.ret(SECCOMP_RET_ERRNO | ENOSYS);
#endif
    // kill and tgkill only at this process.
    for (long nr : {static_cast<long>(__NR_kill), static_cast<long>(__NR_tgkill)}) {
        // Skipping the block leaves the syscall number in the accumulator.
        p.jump(BPF_JMP | BPF_JEQ | BPF_K, static_cast<std::uint32_t>(nr), 0, 4);
        p.load_arg(0);
        p.jump(BPF_JMP | BPF_JEQ | BPF_K, self_pid, 0, 1);
        p.ret(SECCOMP_RET_ALLOW);
        p.ret(kErrnoEperm);
    }
    // clone only for threads.
    p.jump(BPF_JMP | BPF_JEQ | BPF_K, __NR_clone, 0, 4);
    p.load_arg(0);
    p.jump(BPF_JMP | BPF_JSET | BPF_K, CLONE_THREAD, 0, 1);
    p.ret(SECCOMP_RET_ALLOW);
    p.ret(kErrnoEperm);
    p.ret(SECCOMP_RET_ALLOW);
    return std::move(p.code());
}

// Landlock constants newer than Debian 12's kernel headers; the kernel reports its ABI version.
constexpr std::uint64_t kFsTruncate = 1ull << 14;  // ABI 3
constexpr std::uint64_t kFsIoctlDev = 1ull << 15;  // ABI 5
constexpr std::uint64_t kNetBindTcp = 1ull << 0;   // ABI 4
constexpr std::uint64_t kNetConnectTcp = 1ull << 1;
constexpr std::uint64_t kScopeAbstractUnix = 1ull << 0;  // ABI 6
constexpr std::uint64_t kScopeSignal = 1ull << 1;

struct RulesetAttr {
    std::uint64_t handled_access_fs;
    std::uint64_t handled_access_net;
    std::uint64_t scoped;
};

struct PathBeneath {
    std::uint64_t allowed_access;
    std::int32_t parent_fd;
} __attribute__((packed));

void apply_landlock(const SandboxOptions& options, SandboxReport& report) {
    long abi = syscall(SYS_landlock_create_ruleset, nullptr, 0, LANDLOCK_CREATE_RULESET_VERSION);
    if (abi < 1) {
        report.note = "Landlock is not available in this kernel; file access is not confined";
        return;
    }
    std::uint64_t fs =
        LANDLOCK_ACCESS_FS_EXECUTE | LANDLOCK_ACCESS_FS_WRITE_FILE | LANDLOCK_ACCESS_FS_READ_FILE |
        LANDLOCK_ACCESS_FS_READ_DIR | LANDLOCK_ACCESS_FS_REMOVE_DIR |
        LANDLOCK_ACCESS_FS_REMOVE_FILE | LANDLOCK_ACCESS_FS_MAKE_CHAR |
        LANDLOCK_ACCESS_FS_MAKE_DIR | LANDLOCK_ACCESS_FS_MAKE_REG | LANDLOCK_ACCESS_FS_MAKE_SOCK |
        LANDLOCK_ACCESS_FS_MAKE_FIFO | LANDLOCK_ACCESS_FS_MAKE_BLOCK | LANDLOCK_ACCESS_FS_MAKE_SYM;
    if (abi >= 2) fs |= LANDLOCK_ACCESS_FS_REFER;
    if (abi >= 3) fs |= kFsTruncate;
    if (abi >= 5) fs |= kFsIoctlDev;
    RulesetAttr attr{fs, abi >= 4 ? kNetBindTcp | kNetConnectTcp : 0,
                     abi >= 6 ? kScopeAbstractUnix | kScopeSignal : 0};
    std::size_t attr_size = abi >= 6   ? sizeof(RulesetAttr)
                            : abi >= 4 ? offsetof(RulesetAttr, scoped)
                                       : offsetof(RulesetAttr, handled_access_net);
    int ruleset = static_cast<int>(syscall(SYS_landlock_create_ruleset, &attr, attr_size, 0));
    if (ruleset < 0) {
        report.note = errno_text("landlock_create_ruleset");
        return;
    }
    const std::uint64_t read_dir =
        LANDLOCK_ACCESS_FS_EXECUTE | LANDLOCK_ACCESS_FS_READ_FILE | LANDLOCK_ACCESS_FS_READ_DIR;
    const std::uint64_t read_file = LANDLOCK_ACCESS_FS_READ_FILE;
    const std::uint64_t read_write_file =
        LANDLOCK_ACCESS_FS_READ_FILE | LANDLOCK_ACCESS_FS_WRITE_FILE;
    struct Rule {
        std::string path;
        std::uint64_t access;
    };
    const std::vector<Rule> rules = {
        {options.plugin_directory.string(), read_dir},
        {"/usr", read_dir},
        {"/lib", read_dir},
        {"/lib64", read_dir},
        {"/etc/ld.so.cache", read_file},
        {"/etc/localtime", read_file},
        {"/usr/share/zoneinfo", read_dir},
        {"/dev/null", read_write_file},
        {"/dev/urandom", read_file},
        {"/proc/self", read_dir & ~LANDLOCK_ACCESS_FS_EXECUTE},
        {"/sys/devices/system/cpu", read_dir & ~LANDLOCK_ACCESS_FS_EXECUTE},
    };
    for (const Rule& rule : rules) {
        int fd = ::open(rule.path.c_str(), O_PATH | O_CLOEXEC);
        if (fd < 0) continue;  // absent on this system: nothing to allow
        PathBeneath beneath{rule.access, fd};
        syscall(SYS_landlock_add_rule, ruleset, LANDLOCK_RULE_PATH_BENEATH, &beneath, 0);
        ::close(fd);
    }
    if (syscall(SYS_landlock_restrict_self, ruleset, 0) != 0) {
        report.note = errno_text("landlock_restrict_self");
    } else {
        report.landlock = true;
    }
    ::close(ruleset);
}

}  // namespace

std::optional<std::string> enter_sandbox(const SandboxOptions& options, std::int64_t parent_pid,
                                         SandboxReport& report) {
    if (prctl(PR_SET_PDEATHSIG, SIGKILL) != 0) return errno_text("PR_SET_PDEATHSIG");
    // The host may have died before PDEATHSIG was armed.
    if (getppid() != static_cast<pid_t>(parent_pid)) return "the host process is gone";
    if (auto e = set_limit(RLIMIT_CORE, 0, "RLIMIT_CORE")) return e;
    if (auto e = set_limit(RLIMIT_AS, options.memory_bytes, "RLIMIT_AS")) return e;
    if (auto e = set_limit(RLIMIT_CPU, options.cpu_seconds, "RLIMIT_CPU")) return e;
    if (auto e = set_limit(RLIMIT_NOFILE, options.open_files, "RLIMIT_NOFILE")) return e;
    if (prctl(PR_SET_DUMPABLE, 0) != 0) return errno_text("PR_SET_DUMPABLE");
    if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0) return errno_text("PR_SET_NO_NEW_PRIVS");
    apply_landlock(options, report);
    std::vector<sock_filter> filter = build_filter(static_cast<std::uint32_t>(getpid()));
    sock_fprog program{static_cast<unsigned short>(filter.size()), filter.data()};
    if (syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, 0, &program) != 0) {
        return errno_text("seccomp");
    }
    return std::nullopt;
}

}  // namespace station::plugins
