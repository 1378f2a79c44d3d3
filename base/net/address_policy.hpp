#pragma once
// Which IP addresses an outbound connection to an untrusted, merchant-supplied destination may
// reach. Classification follows the IANA IPv4 and IPv6 special-purpose address registries.
// Pure functions of their arguments; thread-safe.

#include <string_view>

#include "base/net/ip_address.hpp"

namespace station::net {

enum class AddressClass {
    PublicUnicast,   // globally routable unicast: the only class a production fetch may reach
    Unspecified,     // 0.0.0.0, ::
    Loopback,        // 127.0.0.0/8, ::1
    Private,         // RFC 1918: 10/8, 172.16/12, 192.168/16
    SharedCgnat,     // 100.64.0.0/10 (RFC 6598)
    LinkLocal,       // 169.254/16 (includes the 169.254.169.254 cloud metadata service), fe80::/10
    Multicast,       // 224/4, ff00::/8
    Documentation,   // 192.0.2/24, 198.51.100/24, 203.0.113/24, 2001:db8::/32, 3fff::/20
    Benchmarking,    // 198.18.0.0/15, 2001:2::/48
    UniqueLocal,     // fc00::/7 (includes fd00:ec2::254, a cloud metadata address)
    Ipv4Mapped,      // ::ffff:0:0/96 — reaches the embedded IPv4 address on a dual-stack socket
    Ipv4Translated,  // 64:ff9b::/96, 64:ff9b:1::/48 (NAT64), 2002::/16 (6to4): IPv4 inside IPv6
    Reserved,        // everything else that is not global unicast: 0/8, 192.0.0/24, 240/4 and the
                     // broadcast address, 100::/64, 2001::/23, fec0::/10, space outside 2000::/3
};

// Lower-case name for messages and test tables: "public", "loopback", "link-local", …
std::string_view address_class_name(AddressClass address_class);

AddressClass classify(const IpAddress& address);

// True only for AddressClass::PublicUnicast.
bool is_public_unicast(const IpAddress& address);

// Whether an outbound fetch may connect to `address`. Public unicast is always allowed. With
// `allow_private` (dev mode only), loopback, RFC 1918, CGNAT and unique-local addresses are allowed
// too — so a developer can point a webhook at a server on their machine. Link-local (cloud
// metadata), multicast, unspecified, documentation and reserved addresses are never allowed. An
// IPv4-mapped IPv6 address is judged by the IPv4 address it embeds.
bool is_allowed_destination(const IpAddress& address, bool allow_private);

}  // namespace station::net
