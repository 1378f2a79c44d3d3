#pragma once
// DNS lookups for outbound networking and domain verification, on c-ares.
//
// Thread-safety: a DnsResolver is immutable after construction; lookup_* may be called from any
// number of threads at once. Each lookup runs on its own short-lived c-ares channel and blocks the
// calling thread until an answer, an error or the deadline.

#include <chrono>
#include <string>
#include <string_view>
#include <vector>

#include <boost/system/result.hpp>

#include "base/net/ip_address.hpp"

namespace station::net {

struct ResolverOptions {
    // "127.0.0.1:5353", "[::1]:53" or "8.8.8.8" (port 53). Empty: the system's /etc/resolv.conf.
    std::vector<std::string> nameservers;
    // Deadline for one lookup, retries included. When it passes the lookup fails with Timeout.
    std::chrono::milliseconds timeout{3000};
    // Attempts per nameserver within `timeout`; each attempt waits timeout / tries at first.
    int tries = 2;
};

enum class DnsErrorKind {
    NotFound,       // NXDOMAIN: the name does not exist
    NoData,         // the name exists but has no record of the requested type
    Timeout,        // no answer before the deadline
    ServerFailure,  // SERVFAIL, REFUSED, unreachable server, malformed answer
    BadName,        // the name cannot be queried (empty label, too long)
};

struct DnsError {
    DnsErrorKind kind = DnsErrorKind::ServerFailure;
    std::string message;  // for logs and user-facing details; names the query
};

std::string_view dns_error_kind_name(DnsErrorKind kind);

template <class T>
using DnsResult = boost::system::result<T, DnsError>;

// Lets DnsResult<T>::value() throw std::runtime_error(message) on an error.
[[noreturn]] void throw_exception_from_error(const DnsError& error,
                                             const boost::source_location& location);

// The overloads taking `timeout` use the smaller of it and ResolverOptions::timeout, so a caller
// with its own deadline (an HTTP fetch) can spend only what it has left.
class DnsResolver {
public:
    // Throws std::invalid_argument for a malformed nameserver or a non-positive timeout or tries,
    // and std::runtime_error if c-ares cannot start (for example, no usable resolv.conf).
    explicit DnsResolver(ResolverOptions options = {});

    // The TXT records of `name`, one string per record; a record split into several
    // character-strings is joined without separators (RFC 7208 section 3.3).
    DnsResult<std::vector<std::string>> lookup_txt(std::string_view name) const;
    DnsResult<std::vector<std::string>> lookup_txt(std::string_view name,
                                                   std::chrono::milliseconds timeout) const;

    // The A and AAAA records of `name` (CNAMEs followed), without duplicates, in answer order.
    // /etc/hosts is consulted before DNS, as the system resolver does; search domains are not
    // applied (names are treated as fully qualified).
    DnsResult<std::vector<IpAddress>> lookup_addresses(std::string_view name) const;
    DnsResult<std::vector<IpAddress>> lookup_addresses(std::string_view name,
                                                       std::chrono::milliseconds timeout) const;

    const ResolverOptions& options() const noexcept { return options_; }

private:
    ResolverOptions options_;
};

}  // namespace station::net
