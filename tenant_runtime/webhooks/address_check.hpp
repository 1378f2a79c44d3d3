#pragma once
// Whether a webhook address may be subscribed: an absolute https URL (http too in dev mode)
// whose host is, or resolves only to, addresses outbound fetches may reach
// (net::is_allowed_destination: public unicast; loopback and private ranges only in dev mode).
// Delivery checks again on every attempt (HttpFetcher), so a later DNS change cannot get past.
//
// Thread-safety: as DnsResolver; blocks for at most the resolver's timeout.

#include <optional>
#include <string>

#include "base/net/dns_resolver.hpp"

namespace station::tenant {

// nullopt when acceptable; otherwise the reason, for a 422 on `address`.
std::optional<std::string> check_webhook_address(const std::string& address,
                                                 const net::DnsResolver& resolver,
                                                 bool allow_private);

}  // namespace station::tenant
