#include "base/net/address_policy.hpp"

#include <array>
#include <cstdint>
#include <span>

namespace station::net {
namespace {

// A prefix of at most 32 bits, which covers every range the registries list that we need.
struct Range {
    std::array<std::uint8_t, 4> prefix;
    int length;
    AddressClass address_class;
};

bool matches(std::span<const std::uint8_t> bytes, const Range& range) {
    int remaining = range.length;
    for (std::size_t i = 0; remaining > 0; ++i, remaining -= 8) {
        int bits = remaining >= 8 ? 8 : remaining;
        auto mask = static_cast<std::uint8_t>(0xff << (8 - bits));
        if ((bytes[i] & mask) != (range.prefix[i] & mask)) return false;
    }
    return true;
}

// Most specific ranges first: the first match wins.
constexpr std::array kV4Ranges{
    Range{{0, 0, 0, 0}, 32, AddressClass::Unspecified},
    Range{{0, 0, 0, 0}, 8, AddressClass::Reserved},
    Range{{10, 0, 0, 0}, 8, AddressClass::Private},
    Range{{100, 64, 0, 0}, 10, AddressClass::SharedCgnat},
    Range{{127, 0, 0, 0}, 8, AddressClass::Loopback},
    Range{{169, 254, 0, 0}, 16, AddressClass::LinkLocal},
    Range{{172, 16, 0, 0}, 12, AddressClass::Private},
    Range{{192, 0, 0, 0}, 24, AddressClass::Reserved},
    Range{{192, 0, 2, 0}, 24, AddressClass::Documentation},
    Range{{192, 88, 99, 0}, 24, AddressClass::Reserved},
    Range{{192, 168, 0, 0}, 16, AddressClass::Private},
    Range{{198, 18, 0, 0}, 15, AddressClass::Benchmarking},
    Range{{198, 51, 100, 0}, 24, AddressClass::Documentation},
    Range{{203, 0, 113, 0}, 24, AddressClass::Documentation},
    Range{{224, 0, 0, 0}, 4, AddressClass::Multicast},
    Range{{240, 0, 0, 0}, 4, AddressClass::Reserved},
};

// IPv6 ranges by their first 32 bits at most; the few longer or exact ones are checked in code.
constexpr std::array kV6Ranges{
    Range{{0x00, 0x64, 0xff, 0x9b}, 32, AddressClass::Ipv4Translated},
    Range{{0x01, 0x00, 0x00, 0x00}, 16, AddressClass::Reserved},
    Range{{0x20, 0x01, 0x0d, 0xb8}, 32, AddressClass::Documentation},
    Range{{0x20, 0x01, 0x00, 0x00}, 23, AddressClass::Reserved},
    Range{{0x20, 0x02, 0x00, 0x00}, 16, AddressClass::Ipv4Translated},
    Range{{0x3f, 0xff, 0x00, 0x00}, 20, AddressClass::Documentation},
    Range{{0x20, 0x00, 0x00, 0x00}, 3, AddressClass::PublicUnicast},
    Range{{0xfc, 0x00, 0x00, 0x00}, 7, AddressClass::UniqueLocal},
    Range{{0xfe, 0x80, 0x00, 0x00}, 10, AddressClass::LinkLocal},
    Range{{0xfe, 0xc0, 0x00, 0x00}, 10, AddressClass::Reserved},
    Range{{0xff, 0x00, 0x00, 0x00}, 8, AddressClass::Multicast},
};

AddressClass classify_v4(std::span<const std::uint8_t> bytes) {
    for (const auto& range : kV4Ranges) {
        if (matches(bytes, range)) return range.address_class;
    }
    return AddressClass::PublicUnicast;
}

bool all_zero(std::span<const std::uint8_t> bytes) {
    for (auto b : bytes) {
        if (b != 0) return false;
    }
    return true;
}

AddressClass classify_v6(std::span<const std::uint8_t, 16> bytes) {
    auto first_15 = bytes.first<15>();
    if (all_zero(first_15) && bytes[15] == 0) return AddressClass::Unspecified;
    if (all_zero(first_15) && bytes[15] == 1) return AddressClass::Loopback;
    if (all_zero(bytes.first<10>()) && bytes[10] == 0xff && bytes[11] == 0xff) {
        return AddressClass::Ipv4Mapped;
    }
    // 100::/64 is the discard prefix, 64:ff9b:1::/48 local-use NAT64, 2001:2::/48 benchmarking.
    if (bytes[0] == 0x01 && bytes[1] == 0x00 && all_zero(bytes.subspan(2, 6))) {
        return AddressClass::Reserved;
    }
    if (bytes[0] == 0x00 && bytes[1] == 0x64 && bytes[2] == 0xff && bytes[3] == 0x9b &&
        bytes[4] == 0x00 && bytes[5] == 0x01) {
        return AddressClass::Ipv4Translated;
    }
    if (bytes[0] == 0x20 && bytes[1] == 0x01 && bytes[2] == 0x00 && bytes[3] == 0x02 &&
        bytes[4] == 0x00 && bytes[5] == 0x00) {
        return AddressClass::Benchmarking;
    }
    for (const auto& range : kV6Ranges) {
        if (matches(bytes, range)) return range.address_class;
    }
    // ::/96 (deprecated IPv4-compatible), unassigned space outside 2000::/3 and what is left.
    return AddressClass::Reserved;
}

}  // namespace

std::string_view address_class_name(AddressClass address_class) {
    switch (address_class) {
        case AddressClass::PublicUnicast:
            return "public";
        case AddressClass::Unspecified:
            return "unspecified";
        case AddressClass::Loopback:
            return "loopback";
        case AddressClass::Private:
            return "private";
        case AddressClass::SharedCgnat:
            return "cgnat";
        case AddressClass::LinkLocal:
            return "link-local";
        case AddressClass::Multicast:
            return "multicast";
        case AddressClass::Documentation:
            return "documentation";
        case AddressClass::Benchmarking:
            return "benchmarking";
        case AddressClass::UniqueLocal:
            return "unique-local";
        case AddressClass::Ipv4Mapped:
            return "ipv4-mapped";
        case AddressClass::Ipv4Translated:
            return "ipv4-translated";
        case AddressClass::Reserved:
            return "reserved";
    }
    return "reserved";
}

AddressClass classify(const IpAddress& address) {
    std::span<const std::uint8_t, 16> bytes(address.bytes());
    return address.is_v4() ? classify_v4(bytes.first<4>()) : classify_v6(bytes);
}

bool is_public_unicast(const IpAddress& address) {
    return classify(address) == AddressClass::PublicUnicast;
}

bool is_allowed_destination(const IpAddress& address, bool allow_private) {
    if (auto embedded = address.mapped_v4())
        return is_allowed_destination(*embedded, allow_private);
    switch (classify(address)) {
        case AddressClass::PublicUnicast:
            return true;
        case AddressClass::Loopback:
        case AddressClass::Private:
        case AddressClass::SharedCgnat:
        case AddressClass::UniqueLocal:
            return allow_private;
        default:
            return false;
    }
}

}  // namespace station::net
