#include "base/money/currency.hpp"

#include <algorithm>
#include <array>
#include <limits>

namespace station::money {
namespace {

// Sorted by code for binary search.
constexpr std::array kCurrencies = {
    Currency{"AED", 2, "د.إ"}, Currency{"ARS", 2, "$"},   Currency{"AUD", 2, "$"},
    Currency{"BDT", 2, "৳"},   Currency{"BGN", 2, "лв"},  Currency{"BHD", 3, "BHD"},
    Currency{"BRL", 2, "R$"},  Currency{"CAD", 2, "$"},   Currency{"CHF", 2, "CHF"},
    Currency{"CLP", 0, "$"},   Currency{"CNY", 2, "¥"},   Currency{"COP", 2, "$"},
    Currency{"CZK", 2, "Kč"},  Currency{"DKK", 2, "kr"},  Currency{"DZD", 2, "DZD"},
    Currency{"EGP", 2, "E£"},  Currency{"EUR", 2, "€"},   Currency{"GBP", 2, "£"},
    Currency{"HKD", 2, "$"},   Currency{"HUF", 2, "Ft"},  Currency{"IDR", 2, "Rp"},
    Currency{"ILS", 2, "₪"},   Currency{"INR", 2, "₹"},   Currency{"IQD", 3, "IQD"},
    Currency{"ISK", 0, "kr"},  Currency{"JOD", 3, "JOD"}, Currency{"JPY", 0, "¥"},
    Currency{"KES", 2, "KSh"}, Currency{"KRW", 0, "₩"},   Currency{"KWD", 3, "KWD"},
    Currency{"LKR", 2, "Rs"},  Currency{"LYD", 3, "LYD"}, Currency{"MAD", 2, "MAD"},
    Currency{"MXN", 2, "$"},   Currency{"MYR", 2, "RM"},  Currency{"NGN", 2, "₦"},
    Currency{"NOK", 2, "kr"},  Currency{"NZD", 2, "$"},   Currency{"OMR", 3, "OMR"},
    Currency{"PEN", 2, "S/"},  Currency{"PHP", 2, "₱"},   Currency{"PKR", 2, "Rs"},
    Currency{"PLN", 2, "zł"},  Currency{"QAR", 2, "QAR"}, Currency{"RON", 2, "lei"},
    Currency{"RSD", 2, "RSD"}, Currency{"SAR", 2, "SAR"}, Currency{"SEK", 2, "kr"},
    Currency{"SGD", 2, "$"},   Currency{"THB", 2, "฿"},   Currency{"TND", 3, "TND"},
    Currency{"TRY", 2, "₺"},   Currency{"TWD", 2, "$"},   Currency{"UAH", 2, "₴"},
    Currency{"USD", 2, "$"},   Currency{"VND", 0, "₫"},   Currency{"XAF", 0, "FCFA"},
    Currency{"XOF", 0, "CFA"}, Currency{"ZAR", 2, "R"},
};

static_assert(std::is_sorted(kCurrencies.begin(), kCurrencies.end(),
                             [](const Currency& a, const Currency& b) { return a.code < b.code; }));

constexpr std::int64_t pow10(int exponent) {
    std::int64_t result = 1;
    for (int i = 0; i < exponent; ++i)
        result *= 10;
    return result;
}

}  // namespace

std::optional<Currency> find_currency(std::string_view code) {
    auto it =
        std::lower_bound(kCurrencies.begin(), kCurrencies.end(), code,
                         [](const Currency& c, std::string_view key) { return c.code < key; });
    if (it == kCurrencies.end() || it->code != code) return std::nullopt;
    return *it;
}

std::string format_decimal(std::int64_t minor_units, int exponent) {
    bool negative = minor_units < 0;
    // Work in unsigned to format INT64_MIN without overflow.
    std::uint64_t magnitude = negative ? 0 - static_cast<std::uint64_t>(minor_units)
                                       : static_cast<std::uint64_t>(minor_units);
    std::uint64_t scale = static_cast<std::uint64_t>(pow10(exponent));
    std::string out = negative ? "-" : "";
    out += std::to_string(magnitude / scale);
    if (exponent > 0) {
        std::string fraction = std::to_string(magnitude % scale);
        out += '.';
        out.append(static_cast<std::size_t>(exponent) - fraction.size(), '0');
        out += fraction;
    }
    return out;
}

std::optional<std::int64_t> parse_decimal(std::string_view text, int exponent) {
    bool negative = false;
    if (!text.empty() && (text.front() == '-' || text.front() == '+')) {
        negative = text.front() == '-';
        text.remove_prefix(1);
    }
    std::size_t dot = text.find('.');
    std::string_view whole = text.substr(0, dot);
    std::string_view fraction =
        dot == std::string_view::npos ? std::string_view{} : text.substr(dot + 1);
    if (whole.empty() && fraction.empty()) return std::nullopt;
    if (dot != std::string_view::npos && fraction.empty()) return std::nullopt;
    if (fraction.size() > static_cast<std::size_t>(exponent)) {
        // Accept trailing zeros beyond the exponent ("49.500" for USD), nothing else.
        if (fraction.substr(static_cast<std::size_t>(exponent)).find_first_not_of('0') !=
            std::string_view::npos) {
            return std::nullopt;
        }
        fraction = fraction.substr(0, static_cast<std::size_t>(exponent));
    }
    constexpr std::int64_t kMax = std::numeric_limits<std::int64_t>::max();
    std::int64_t value = 0;
    auto push_digit = [&](char c) {
        if (c < '0' || c > '9') return false;
        if (value > (kMax - (c - '0')) / 10) return false;
        value = value * 10 + (c - '0');
        return true;
    };
    for (char c : whole) {
        if (!push_digit(c)) return std::nullopt;
    }
    for (char c : fraction) {
        if (!push_digit(c)) return std::nullopt;
    }
    for (std::size_t i = fraction.size(); i < static_cast<std::size_t>(exponent); ++i) {
        if (!push_digit('0')) return std::nullopt;
    }
    return negative ? -value : value;
}

}  // namespace station::money
