#pragma once
// ISO 4217 currencies and exact decimal conversion of integer minor units. Money never touches
// floating point: amounts are int64 minor units scaled by the currency's exponent
// (JPY 0, USD 2, KWD 3).

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace station::money {

struct Currency {
    std::string_view code;    // "USD"
    int exponent;             // digits after the decimal point
    std::string_view symbol;  // "$", "€", "¥", or the code when none is conventional
};

// nullopt for codes that are not active ISO 4217 currencies we support.
std::optional<Currency> find_currency(std::string_view code);

// 4900, exponent 2 → "49.00"; -5, 2 → "-0.05"; 1000, 0 → "1000".
std::string format_decimal(std::int64_t minor_units, int exponent);

// "49", "49.5", "49.50" with exponent 2 → 4950. nullopt for malformed input, more fractional
// digits than the exponent allows, or overflow.
std::optional<std::int64_t> parse_decimal(std::string_view text, int exponent);

}  // namespace station::money
