#include "platform/domains/domain_name.hpp"

#include <algorithm>
#include <cstdio>
#include <optional>
#include <stdexcept>

#include "base/net/ip_address.hpp"
#include "base/util/strings.hpp"

namespace station::domains {
namespace {

constexpr std::size_t kMaxDomainLength = 253;
constexpr std::size_t kMaxLabelLength = 63;

DomainNameError refuse(std::string message) {
    return DomainNameError{"domain", std::move(message)};
}

bool is_ldh(char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
}
bool is_digit(char c) {
    return c >= '0' && c <= '9';
}

// Labels are quoted only after the character check, so they are printable LDH text.
std::string quoted(std::string_view label) {
    return "'" + std::string(label) + "'";
}

std::string shown(char c) {
    if (c >= ' ' && c < 0x7f) return std::string(1, c);
    char escaped[8];
    std::snprintf(escaped, sizeof escaped, "\\x%02X", static_cast<unsigned char>(c));
    return escaped;
}

std::optional<DomainNameError> check_label(std::string_view label) {
    if (label.empty()) {
        return refuse("domain has an empty label (two dots in a row, or a leading dot)");
    }
    auto bad = std::find_if_not(label.begin(), label.end(), is_ldh);
    if (bad != label.end()) {
        return refuse("domain contains '" + shown(*bad) +
                      "'; only letters, digits, hyphens and dots are allowed");
    }
    if (label.size() > kMaxLabelLength) {
        return refuse("domain label starting " + quoted(label.substr(0, 20)) +
                      " is longer than 63 characters");
    }
    if (label.front() == '-' || label.back() == '-') {
        return refuse("domain label " + quoted(label) + " must not begin or end with a hyphen");
    }
    // "ab--" labels are reserved by IDNA 2008; only "xn--" (punycode) is in use.
    if (label.size() >= 4 && label.substr(2, 2) == "--" && !label.starts_with("xn--")) {
        return refuse("domain label " + quoted(label) +
                      " has '--' in the third and fourth positions, which is reserved");
    }
    return std::nullopt;
}

}  // namespace

void throw_exception_from_error(const DomainNameError& error, const boost::source_location&) {
    throw std::invalid_argument(error.message);
}

boost::system::result<std::string, DomainNameError> normalize_domain(std::string_view input) {
    std::string_view trimmed = util::trim(input);
    if (trimmed.empty()) return refuse("domain is required");
    if (std::any_of(trimmed.begin(), trimmed.end(),
                    [](char c) { return static_cast<unsigned char>(c) >= 0x80; })) {
        return refuse(
            "domain contains non-ASCII characters; enter an internationalized domain in its "
            "punycode form (xn--…)");
    }
    if (trimmed.find("://") != std::string_view::npos ||
        trimmed.find('/') != std::string_view::npos) {
        return refuse(
            "enter the domain name only, without http:// or a path (e.g. shop.example.com)");
    }
    if (trimmed.find('*') != std::string_view::npos)
        return refuse("wildcard domains are not supported");
    std::string domain = util::to_lower(trimmed);
    std::string_view unbracketed = domain;
    if (unbracketed.size() > 2 && unbracketed.front() == '[' && unbracketed.back() == ']') {
        unbracketed = unbracketed.substr(1, unbracketed.size() - 2);
    }
    if (net::IpAddress::parse(unbracketed))
        return refuse("domain must be a name, not an IP address");
    if (domain.find(':') != std::string::npos) return refuse("domain must not include a port");
    if (domain.ends_with('.')) domain.pop_back();
    if (domain.size() > kMaxDomainLength) return refuse("domain is longer than 253 characters");

    auto labels = util::split(domain, '.');
    for (std::string_view label : labels) {
        if (auto error = check_label(label)) return *error;
    }
    if (labels.size() < 2) {
        return refuse("domain needs at least two labels, such as shop.example.com");
    }
    // An all-numeric last label is never a TLD; it is what an IPv4 address in disguise looks like.
    if (std::all_of(labels.back().begin(), labels.back().end(), is_digit)) {
        return refuse("domain must be a name, not an IP address");
    }
    // DomainNameError is an aggregate, so it is constructible from a string: say which side.
    return {boost::system::in_place_value, std::move(domain)};
}

}  // namespace station::domains
