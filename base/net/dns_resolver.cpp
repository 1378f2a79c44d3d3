#include "base/net/dns_resolver.hpp"

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstring>
#include <mutex>
#include <optional>
#include <stdexcept>

#include <ares.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>

#include "base/util/strings.hpp"

namespace station::net {
namespace {

using Clock = std::chrono::steady_clock;

void init_library_once() {
    static std::once_flag once;
    std::call_once(once, [] {
        if (int rc = ares_library_init(ARES_LIB_INIT_ALL); rc != ARES_SUCCESS) {
            throw std::runtime_error(std::string("c-ares init failed: ") + ares_strerror(rc));
        }
    });
}

// A channel per lookup: c-ares channels are not safe to share between threads without a lock,
// and opening one costs a resolv.conf read — negligible beside a network round trip.
class Channel {
public:
    explicit Channel(const ResolverOptions& options) {
        init_library_once();
        ares_options ares{};
        int mask = 0;
        ares.timeout = static_cast<int>(
            std::max<long long>(options.timeout.count() / std::max(options.tries, 1), 1));
        mask |= ARES_OPT_TIMEOUTMS;
        ares.tries = options.tries;
        mask |= ARES_OPT_TRIES;
        // Names come fully qualified from URLs and merchants: appending the host's search domains
        // would make "shop.example" also try "shop.example.corp.internal".
        ares.domains = nullptr;
        ares.ndomains = 0;
        mask |= ARES_OPT_DOMAINS;
        if (int rc = ares_init_options(&channel_, &ares, mask); rc != ARES_SUCCESS) {
            throw std::runtime_error(std::string("c-ares channel init failed: ") +
                                     ares_strerror(rc));
        }
        if (!options.nameservers.empty()) {
            std::string csv = util::join(options.nameservers, ",");
            if (int rc = ares_set_servers_ports_csv(channel_, csv.c_str()); rc != ARES_SUCCESS) {
                ares_destroy(channel_);
                throw std::invalid_argument("invalid DNS nameserver list '" + csv +
                                            "': " + ares_strerror(rc));
            }
        }
    }
    Channel(const Channel&) = delete;
    Channel& operator=(const Channel&) = delete;
    ~Channel() { ares_destroy(channel_); }

    ares_channel get() const { return channel_; }

    // Drives the channel until `done` is set or `deadline` passes; returns false on the deadline
    // (after cancelling, so every callback has run before this returns).
    bool run_until(const bool& done, Clock::time_point deadline) {
        while (!done) {
            auto now = Clock::now();
            if (now >= deadline) {
                ares_cancel(channel_);
                return false;
            }
            std::array<ares_socket_t, ARES_GETSOCK_MAXNUM> sockets{};
            int bits = ares_getsock(channel_, sockets.data(), ARES_GETSOCK_MAXNUM);
            std::array<pollfd, ARES_GETSOCK_MAXNUM> fds{};
            nfds_t count = 0;
            for (int i = 0; i < ARES_GETSOCK_MAXNUM; ++i) {
                short events = 0;
                if (ARES_GETSOCK_READABLE(bits, i)) events |= POLLIN;
                if (ARES_GETSOCK_WRITABLE(bits, i)) events |= POLLOUT;
                if (events == 0) continue;
                fds[count++] = pollfd{sockets[static_cast<std::size_t>(i)], events, 0};
            }

            auto left = std::chrono::duration_cast<std::chrono::microseconds>(deadline - now);
            timeval max_wait{static_cast<time_t>(left.count() / 1'000'000),
                             static_cast<suseconds_t>(left.count() % 1'000'000)};
            timeval wait{};
            timeval* next = ares_timeout(channel_, &max_wait, &wait);
            int wait_ms = static_cast<int>(next->tv_sec * 1000 + (next->tv_usec + 999) / 1000);

            int ready = poll(fds.data(), count, wait_ms);
            if (ready < 0 && errno != EINTR) {
                ares_cancel(channel_);
                return false;
            }
            if (ready <= 0) {
                ares_process_fd(channel_, ARES_SOCKET_BAD, ARES_SOCKET_BAD);
                continue;
            }
            for (nfds_t i = 0; i < count; ++i) {
                const pollfd& fd = fds[i];
                bool readable = (fd.revents & (POLLIN | POLLERR | POLLHUP)) != 0;
                bool writable = (fd.revents & POLLOUT) != 0;
                if (!readable && !writable) continue;
                ares_process_fd(channel_, readable ? fd.fd : ARES_SOCKET_BAD,
                                writable ? fd.fd : ARES_SOCKET_BAD);
            }
        }
        return true;
    }

private:
    ares_channel channel_ = nullptr;
};

DnsError make_error(int status, std::string_view what, std::string_view name) {
    std::string subject = std::string(what) + " lookup of " + std::string(name);
    switch (status) {
        case ARES_ENOTFOUND:
        case ARES_ENONAME:
            return {DnsErrorKind::NotFound, subject + ": no such domain (NXDOMAIN)"};
        case ARES_ENODATA:
            return {DnsErrorKind::NoData, subject + ": no " + std::string(what) + " records"};
        case ARES_ETIMEOUT:
        case ARES_ECANCELLED:
            return {DnsErrorKind::Timeout, subject + ": timed out"};
        case ARES_EBADNAME:
            return {DnsErrorKind::BadName, subject + ": not a valid DNS name"};
        default:
            return {DnsErrorKind::ServerFailure, subject + ": " + ares_strerror(status)};
    }
}

// c-ares would silently query a shorter name at an embedded NUL.
bool queryable(std::string_view name) {
    return !name.empty() && name.find('\0') == std::string_view::npos;
}

std::chrono::milliseconds effective_timeout(const ResolverOptions& options,
                                            std::chrono::milliseconds cap) {
    return std::min(options.timeout, std::max(cap, std::chrono::milliseconds(0)));
}

struct TxtQuery {
    bool done = false;
    int status = ARES_SUCCESS;
    std::vector<std::string> records;
};

void on_txt(void* arg, int status, int /*timeouts*/, unsigned char* answer, int length) {
    auto* query = static_cast<TxtQuery*>(arg);
    query->done = true;
    query->status = status;
    if (status != ARES_SUCCESS) return;
    ares_txt_ext* first = nullptr;
    if (int rc = ares_parse_txt_reply_ext(answer, length, &first); rc != ARES_SUCCESS) {
        query->status = rc;
        return;
    }
    // Each record_start begins a new TXT record; the character-strings after it belong to it.
    for (const ares_txt_ext* item = first; item; item = item->next) {
        if (item->record_start || query->records.empty()) query->records.emplace_back();
        query->records.back().append(reinterpret_cast<const char*>(item->txt), item->length);
    }
    ares_free_data(first);
    if (query->records.empty()) query->status = ARES_ENODATA;
}

struct AddressQuery {
    bool done = false;
    int status = ARES_SUCCESS;
    std::vector<IpAddress> addresses;
};

void on_addresses(void* arg, int status, int /*timeouts*/, ares_addrinfo* result) {
    auto* query = static_cast<AddressQuery*>(arg);
    query->done = true;
    query->status = status;
    if (!result) return;
    for (const ares_addrinfo_node* node = result->nodes; node; node = node->ai_next) {
        std::optional<IpAddress> address;
        if (node->ai_family == AF_INET) {
            const auto* in = reinterpret_cast<const sockaddr_in*>(node->ai_addr);
            std::array<std::uint8_t, 4> bytes{};
            std::memcpy(bytes.data(), &in->sin_addr, bytes.size());
            address = IpAddress::v4(bytes);
        } else if (node->ai_family == AF_INET6) {
            const auto* in6 = reinterpret_cast<const sockaddr_in6*>(node->ai_addr);
            std::array<std::uint8_t, 16> bytes{};
            std::memcpy(bytes.data(), &in6->sin6_addr, bytes.size());
            address = IpAddress::v6(bytes);
        }
        if (address && std::find(query->addresses.begin(), query->addresses.end(), *address) ==
                           query->addresses.end()) {
            query->addresses.push_back(*address);
        }
    }
    ares_freeaddrinfo(result);
    if (status == ARES_SUCCESS && query->addresses.empty()) query->status = ARES_ENODATA;
}

}  // namespace

std::string_view dns_error_kind_name(DnsErrorKind kind) {
    switch (kind) {
        case DnsErrorKind::NotFound:
            return "not_found";
        case DnsErrorKind::NoData:
            return "no_data";
        case DnsErrorKind::Timeout:
            return "timeout";
        case DnsErrorKind::ServerFailure:
            return "server_failure";
        case DnsErrorKind::BadName:
            return "bad_name";
    }
    return "server_failure";
}

void throw_exception_from_error(const DnsError& error, const boost::source_location&) {
    throw std::runtime_error(error.message);
}

DnsResolver::DnsResolver(ResolverOptions options) : options_(std::move(options)) {
    if (options_.timeout.count() <= 0) throw std::invalid_argument("DNS timeout must be positive");
    if (options_.tries <= 0) throw std::invalid_argument("DNS tries must be positive");
    Channel probe(options_);  // reports a bad nameserver list now rather than on every lookup
}

DnsResult<std::vector<std::string>> DnsResolver::lookup_txt(std::string_view name) const {
    return lookup_txt(name, options_.timeout);
}

DnsResult<std::vector<std::string>> DnsResolver::lookup_txt(
    std::string_view name, std::chrono::milliseconds timeout) const {
    if (!queryable(name)) return make_error(ARES_EBADNAME, "TXT", name);
    auto deadline = Clock::now() + effective_timeout(options_, timeout);
    std::string query_name(name);
    TxtQuery query;
    Channel channel(options_);
    ares_query(channel.get(), query_name.c_str(), 1 /* class IN */, 16 /* type TXT */, on_txt,
               &query);
    if (!channel.run_until(query.done, deadline)) return make_error(ARES_ETIMEOUT, "TXT", name);
    if (query.status != ARES_SUCCESS) return make_error(query.status, "TXT", name);
    return std::move(query.records);
}

DnsResult<std::vector<IpAddress>> DnsResolver::lookup_addresses(std::string_view name) const {
    return lookup_addresses(name, options_.timeout);
}

DnsResult<std::vector<IpAddress>> DnsResolver::lookup_addresses(
    std::string_view name, std::chrono::milliseconds timeout) const {
    if (!queryable(name)) return make_error(ARES_EBADNAME, "A/AAAA", name);
    auto deadline = Clock::now() + effective_timeout(options_, timeout);
    std::string query_name(name);
    AddressQuery query;
    Channel channel(options_);
    ares_addrinfo_hints hints{};
    hints.ai_family = AF_UNSPEC;
    hints.ai_flags = ARES_AI_NOSORT;
    ares_getaddrinfo(channel.get(), query_name.c_str(), nullptr, &hints, on_addresses, &query);
    if (!channel.run_until(query.done, deadline)) {
        return make_error(ARES_ETIMEOUT, "A/AAAA", name);
    }
    if (query.status != ARES_SUCCESS) return make_error(query.status, "A/AAAA", name);
    return std::move(query.addresses);
}

}  // namespace station::net
