#include "base/net/ip_address.hpp"

#include <algorithm>

#include <arpa/inet.h>

namespace station::net {

IpAddress IpAddress::v4(const std::array<std::uint8_t, 4>& bytes) {
    std::array<std::uint8_t, 16> all{};
    std::copy(bytes.begin(), bytes.end(), all.begin());
    return IpAddress(Family::V4, all);
}

IpAddress IpAddress::v6(const std::array<std::uint8_t, 16>& bytes) {
    return IpAddress(Family::V6, bytes);
}

std::optional<IpAddress> IpAddress::parse(std::string_view text) {
    // inet_pton is strict where inet_aton is lenient: it refuses the shorthand, octal and hex IPv4
    // forms that let "http://0x7f.1/" slip past naive filters. It reads a C string, so an embedded
    // NUL would hide whatever follows it.
    if (text.empty() || text.size() > 64 || text.find('\0') != std::string_view::npos) {
        return std::nullopt;
    }
    std::string copy(text);
    std::array<std::uint8_t, 16> bytes{};
    if (inet_pton(AF_INET, copy.c_str(), bytes.data()) == 1) return IpAddress(Family::V4, bytes);
    if (inet_pton(AF_INET6, copy.c_str(), bytes.data()) == 1) return IpAddress(Family::V6, bytes);
    return std::nullopt;
}

std::optional<IpAddress> IpAddress::mapped_v4() const {
    if (family_ != Family::V6) return std::nullopt;
    constexpr std::array<std::uint8_t, 12> kMappedPrefix{0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
    if (!std::equal(kMappedPrefix.begin(), kMappedPrefix.end(), bytes_.begin())) {
        return std::nullopt;
    }
    return v4({bytes_[12], bytes_[13], bytes_[14], bytes_[15]});
}

std::string IpAddress::to_string() const {
    char buffer[INET6_ADDRSTRLEN] = {};
    inet_ntop(is_v4() ? AF_INET : AF_INET6, bytes_.data(), buffer, sizeof buffer);
    return buffer;
}

}  // namespace station::net
