#pragma once
// An IPv4 or IPv6 address as a value: parsed from text, compared, formatted. Pure and thread-safe.

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace station::net {

class IpAddress {
public:
    enum class Family { V4, V6 };

    static IpAddress v4(const std::array<std::uint8_t, 4>& bytes);
    static IpAddress v6(const std::array<std::uint8_t, 16>& bytes);

    // Accepts only the canonical literal forms: dotted-quad IPv4 with four decimal parts and no
    // leading zeros ("127.0.0.1", never "127.1", "0x7f.0.0.1" or "0177.0.0.1"), and RFC 4291 IPv6
    // text including embedded IPv4 ("::ffff:10.0.0.1"). No brackets, ports or zone ids.
    // Returns nullopt for anything else; never throws.
    static std::optional<IpAddress> parse(std::string_view text);

    Family family() const noexcept { return family_; }
    bool is_v4() const noexcept { return family_ == Family::V4; }
    // Network-order bytes: the first 4 for IPv4, all 16 for IPv6.
    const std::array<std::uint8_t, 16>& bytes() const noexcept { return bytes_; }
    // For an IPv6 address of the form ::ffff:a.b.c.d, the embedded IPv4 address.
    std::optional<IpAddress> mapped_v4() const;

    // "192.0.2.1", "2001:db8::1" (RFC 5952 form, no brackets).
    std::string to_string() const;

    friend bool operator==(const IpAddress&, const IpAddress&) = default;

private:
    IpAddress(Family family, const std::array<std::uint8_t, 16>& bytes)
        : family_(family), bytes_(bytes) {}

    Family family_;
    std::array<std::uint8_t, 16> bytes_;
};

}  // namespace station::net
