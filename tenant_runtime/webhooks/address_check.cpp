#include "tenant_runtime/webhooks/address_check.hpp"

#include <boost/url/parse.hpp>

#include "base/net/address_policy.hpp"

namespace station::tenant {

std::optional<std::string> check_webhook_address(const std::string& address,
                                                 const net::DnsResolver& resolver,
                                                 bool allow_private) {
    auto url = boost::urls::parse_absolute_uri(address);
    if (!url) return "is not an absolute URL";
    std::string scheme(url->scheme());
    if (scheme != "https" && !(allow_private && scheme == "http")) {
        return allow_private ? "must use http or https" : "must use https";
    }
    if (url->has_userinfo()) return "must not contain credentials";
    std::string host = url->host_type() == boost::urls::host_type::ipv6
                           ? std::string(url->host_address())
                           : std::string(url->encoded_host());
    if (host.empty()) return "has no host";
    std::vector<net::IpAddress> addresses;
    if (auto literal = net::IpAddress::parse(host)) {
        addresses.push_back(*literal);
    } else {
        auto resolved = resolver.lookup_addresses(host);
        if (!resolved) return "host " + host + " does not resolve";
        addresses = *resolved;
    }
    for (const auto& ip : addresses) {
        if (!net::is_allowed_destination(ip, allow_private)) {
            return "resolves to " + ip.to_string() + " (" +
                   std::string(net::address_class_name(net::classify(ip))) +
                   "), which webhooks may not reach";
        }
    }
    return std::nullopt;
}

}  // namespace station::tenant
