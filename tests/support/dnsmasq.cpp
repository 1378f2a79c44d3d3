#include "tests/support/dnsmasq.hpp"

#include <array>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string_view>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

namespace station::testing {
namespace {

constexpr int kStartTimeoutMs = 10000;
constexpr int kPortAttempts = 5;

// dnsmasq serves UDP and TCP on one port, so the port must be free for both; the sockets are held
// together while checking. Another process may still take it before dnsmasq binds — callers retry.
int free_dns_port() {
    for (int attempt = 0; attempt < 20; ++attempt) {
        int udp = socket(AF_INET, SOCK_DGRAM, 0);
        int tcp = socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in addr{};
        addr.sin_family = AF_INET;
        addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        socklen_t length = sizeof addr;
        bool ok = udp >= 0 && tcp >= 0 &&
                  bind(udp, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0 &&
                  getsockname(udp, reinterpret_cast<sockaddr*>(&addr), &length) == 0 &&
                  bind(tcp, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0;
        if (udp >= 0) close(udp);
        if (tcp >= 0) close(tcp);
        if (ok) return ntohs(addr.sin_port);
    }
    throw std::runtime_error("no port free for both UDP and TCP on 127.0.0.1");
}

void check_config_text(std::string_view text, std::string_view what) {
    for (char c : text) {
        if (c == '"' || c == '\\' || static_cast<unsigned char>(c) < 0x20) {
            throw std::invalid_argument(std::string(what) +
                                        " with a quote, backslash or control character");
        }
    }
}

// Records go in a config file rather than on the command line: only dnsmasq's config parser
// honours quotes, which TXT strings with commas or leading spaces need.
std::string records_config(const DnsRecords& records) {
    std::string config;
    for (const auto& domain : records.local_domains) {
        check_config_text(domain, "local domain");
        config += "local=/" + domain + "/\n";
    }
    for (const auto& record : records.txt) {
        check_config_text(record.name, "TXT name");
        config += "txt-record=" + record.name;
        for (const auto& text : record.strings) {
            if (text.size() > 255) throw std::invalid_argument("TXT string over 255 bytes");
            check_config_text(text, "TXT string");
            config += ",\"" + text + "\"";
        }
        config += "\n";
    }
    // One host-record line per address: dnsmasq keeps a single IPv4 and IPv6 address per line
    // but accumulates lines for the same name.
    for (const auto& host : records.hosts) {
        check_config_text(host.name, "host name");
        for (const auto& address : host.addresses) {
            check_config_text(address, "address");
            config += "host-record=" + host.name + "," + address + "\n";
        }
    }
    return config;
}

std::vector<std::string> command_line(int port, const std::filesystem::path& config) {
    return {
        "dnsmasq",
        "--keep-in-foreground",
        "--log-facility=-",  // stderr, which ChildProcess sends to the log file
        "--log-queries",
        "--conf-file=" + config.string(),  // our records only, never /etc/dnsmasq.conf
        "--no-resolv",
        "--no-hosts",
        "--bind-interfaces",
        "--listen-address=127.0.0.1",
        "--port=" + std::to_string(port),
        "--pid-file=",  // none
        "--user=root",  // the sandbox runs tests as root; do not switch to 'nobody'
        "--cache-size=0",
    };
}

// A DNS query for "ready.invalid" A; any well-formed reply with our id proves the server is up.
std::vector<unsigned char> probe_query(std::uint16_t id) {
    std::vector<unsigned char> packet = {
        static_cast<unsigned char>(id >> 8),
        static_cast<unsigned char>(id & 0xff),
        0x01,
        0x00,  // recursion desired
        0x00,
        0x01,
        0x00,
        0x00,
        0x00,
        0x00,
        0x00,
        0x00,  // one question
    };
    for (std::string_view label : {"ready", "invalid"}) {
        packet.push_back(static_cast<unsigned char>(label.size()));
        packet.insert(packet.end(), label.begin(), label.end());
    }
    packet.insert(packet.end(), {0x00, 0x00, 0x01, 0x00, 0x01});  // root, type A, class IN
    return packet;
}

bool answers(int port) {
    int fd = socket(AF_INET, SOCK_DGRAM, 0);
    if (fd < 0) return false;
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr.sin_port = htons(static_cast<std::uint16_t>(port));
    constexpr std::uint16_t kId = 0x5eed;
    auto query = probe_query(kId);
    bool ok = false;
    if (sendto(fd, query.data(), query.size(), 0, reinterpret_cast<sockaddr*>(&addr),
               sizeof addr) == static_cast<ssize_t>(query.size())) {
        pollfd pfd{fd, POLLIN, 0};
        std::array<unsigned char, 512> reply{};
        if (poll(&pfd, 1, 100) == 1) {
            ssize_t n = recv(fd, reply.data(), reply.size(), 0);
            ok = n >= 12 && reply[0] == (kId >> 8) && reply[1] == (kId & 0xff);
        }
    }
    close(fd);
    return ok;
}

}  // namespace

Dnsmasq::Dnsmasq(const DnsRecords& records) {
    for (int attempt = 1;; ++attempt) {
        port_ = free_dns_port();
        if (try_start(records)) return;
        if (attempt == kPortAttempts) {
            throw std::runtime_error("dnsmasq found its port taken " +
                                     std::to_string(kPortAttempts) + " times:\n" + log());
        }
    }
}

Dnsmasq::~Dnsmasq() = default;

void Dnsmasq::restart_with(const DnsRecords& records) {
    if (process_) process_->stop();
    process_.reset();
    // The port must stay the same, since resolvers were configured with it; another process can
    // hold it only briefly (an outgoing connection's ephemeral port), so retry until the deadline.
    auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(kStartTimeoutMs);
    while (!try_start(records)) {
        if (std::chrono::steady_clock::now() >= deadline) {
            throw std::runtime_error("dnsmasq could not bind port " + std::to_string(port_) +
                                     " again:\n" + log());
        }
        poll(nullptr, 0, 20);  // back off before retrying a bind, not a test sleep
    }
}

std::string Dnsmasq::nameserver() const {
    return "127.0.0.1:" + std::to_string(port_);
}

std::string Dnsmasq::log() const {
    return process_ ? process_->log() : std::string();
}

bool Dnsmasq::try_start(const DnsRecords& records) {
    auto config = dir_ / "records.conf";
    std::ofstream(config, std::ios::trunc) << records_config(records);
    SpawnOptions options;
    options.log_file = dir_ / ("dnsmasq-" + std::to_string(++starts_) + ".log");
    process_ =
        std::make_unique<ChildProcess>(ChildProcess::spawn(command_line(port_, config), options));

    auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(kStartTimeoutMs);
    while (!answers(port_)) {
        if (!process_->running()) {
            if (log().find("Address already in use") != std::string::npos) return false;
            throw std::runtime_error("dnsmasq exited during startup:\n" + log());
        }
        if (std::chrono::steady_clock::now() >= deadline) {
            throw std::runtime_error("dnsmasq did not answer on port " + std::to_string(port_) +
                                     ":\n" + log());
        }
    }
    return true;
}

}  // namespace station::testing
