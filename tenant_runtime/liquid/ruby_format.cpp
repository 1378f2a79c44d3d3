#include "tenant_runtime/liquid/ruby_format.hpp"

#include <charconv>
#include <cmath>
#include <limits>

#include "tenant_runtime/liquid/drop.hpp"
#include "tenant_runtime/liquid/utf8.hpp"

namespace station::liquid {
namespace {

constexpr std::int64_t kMax = std::numeric_limits<std::int64_t>::max();
constexpr std::int64_t kMin = std::numeric_limits<std::int64_t>::min();

bool is_digit(char c) noexcept {
    return c >= '0' && c <= '9';
}

int digit_value(char c) noexcept {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'z') return c - 'a' + 10;
    if (c >= 'A' && c <= 'Z') return c - 'A' + 10;
    return 99;
}

// Accumulates digits of `base` with Ruby's rule that an underscore may only separate two digits.
// Returns the position after the last digit consumed, or npos when no digit was read.
std::size_t scan_digits(std::string_view text, std::size_t pos, int base, bool negative,
                        std::int64_t& value) noexcept {
    std::size_t start = pos;
    std::int64_t result = 0;
    bool saturated = false;
    while (pos < text.size()) {
        char c = text[pos];
        if (c == '_' && pos > start && pos + 1 < text.size() && digit_value(text[pos + 1]) < base) {
            ++pos;
            continue;
        }
        int d = digit_value(c);
        if (d >= base) break;
        if (!saturated) {
            if (negative) {
                if (result < (kMin + d) / base) {
                    saturated = true;
                    result = kMin;
                } else {
                    result = result * base - d;
                }
            } else if (result > (kMax - d) / base) {
                saturated = true;
                result = kMax;
            } else {
                result = result * base + d;
            }
        }
        ++pos;
    }
    if (pos == start) return std::string_view::npos;
    value = result;
    return pos;
}

void append_inspect_string(std::string& out, std::string_view s) {
    out.push_back('"');
    std::size_t i = 0;
    while (i < s.size()) {
        unsigned char c = static_cast<unsigned char>(s[i]);
        switch (c) {
            case '"':
                out += "\\\"";
                ++i;
                continue;
            case '\\':
                out += "\\\\";
                ++i;
                continue;
            case '\n':
                out += "\\n";
                ++i;
                continue;
            case '\t':
                out += "\\t";
                ++i;
                continue;
            case '\r':
                out += "\\r";
                ++i;
                continue;
            case '\f':
                out += "\\f";
                ++i;
                continue;
            case '\v':
                out += "\\v";
                ++i;
                continue;
            case 0x07:
                out += "\\a";
                ++i;
                continue;
            case 0x08:
                out += "\\b";
                ++i;
                continue;
            case 0x1b:
                out += "\\e";
                ++i;
                continue;
            case '#':
                if (i + 1 < s.size() && (s[i + 1] == '{' || s[i + 1] == '$' || s[i + 1] == '@')) {
                    out += "\\#";
                } else {
                    out.push_back('#');
                }
                ++i;
                continue;
            default:
                break;
        }
        char buf[16];
        if (c < 0x20 || c == 0x7f) {
            std::snprintf(buf, sizeof buf, "\\u%04X", c);
            out += buf;
            ++i;
            continue;
        }
        if (c < 0x80) {
            out.push_back(static_cast<char>(c));
            ++i;
            continue;
        }
        std::size_t length = utf8::sequence_length(s, i);
        if (length == 0) {
            std::snprintf(buf, sizeof buf, "\\x%02X", c);
            out += buf;
            ++i;
            continue;
        }
        char32_t cp = utf8::decode(s, i);
        if ((cp >= 0x80 && cp < 0xa0) || cp == 0x2028 || cp == 0x2029) {
            std::snprintf(buf, sizeof buf, "\\u%04X", static_cast<unsigned>(cp));
            out += buf;
        } else {
            out.append(s.substr(i, length));
        }
        i += length;
    }
    out.push_back('"');
}

}  // namespace

void append_integer(std::string& out, std::int64_t value) {
    char buf[24];
    auto result = std::to_chars(buf, buf + sizeof buf, value);
    out.append(buf, result.ptr);
}

void append_ruby_float(std::string& out, double value) {
    if (std::isnan(value)) {
        out += "NaN";
        return;
    }
    if (std::isinf(value)) {
        out += value < 0 ? "-Infinity" : "Infinity";
        return;
    }
    if (value == 0) {
        out += std::signbit(value) ? "-0.0" : "0.0";
        return;
    }
    // Shortest round-trip digits, then Ruby's layout: fixed notation when the decimal point
    // falls within [-3, 15] digits of the first significant digit, scientific otherwise.
    char buf[64];
    auto result = std::to_chars(buf, buf + sizeof buf, value, std::chars_format::scientific);
    std::string_view sci(buf, static_cast<std::size_t>(result.ptr - buf));
    bool negative = sci.front() == '-';
    if (negative) sci.remove_prefix(1);
    std::size_t e_pos = sci.find('e');
    std::string digits;
    for (char c : sci.substr(0, e_pos)) {
        if (c != '.') digits.push_back(c);
    }
    int exponent = 0;
    std::string_view exp_text = sci.substr(e_pos + 1);
    std::from_chars(exp_text.data() + (exp_text.front() == '+' ? 1 : 0),
                    exp_text.data() + exp_text.size(), exponent);
    int decpt = exponent + 1;
    if (negative) out.push_back('-');
    if (decpt > -4 && decpt < 16) {
        if (decpt > 0) {
            std::size_t whole = static_cast<std::size_t>(decpt);
            if (digits.size() <= whole) {
                out += digits;
                out.append(whole - digits.size(), '0');
                out += ".0";
            } else {
                out.append(digits, 0, whole);
                out.push_back('.');
                out.append(digits, whole);
            }
        } else {
            out += "0.";
            out.append(static_cast<std::size_t>(-decpt), '0');
            out += digits;
        }
        return;
    }
    out.push_back(digits[0]);
    out.push_back('.');
    if (digits.size() > 1) {
        out.append(digits, 1);
    } else {
        out.push_back('0');
    }
    out.push_back('e');
    int e = decpt - 1;
    out.push_back(e < 0 ? '-' : '+');
    if (e < 0) e = -e;
    if (e < 10) out.push_back('0');
    append_integer(out, e);
}

void append_inspect(std::string& out, const Value& value) {
    switch (value.kind()) {
        case ValueKind::kNil:
            out += "nil";
            return;
        case ValueKind::kString:
            append_inspect_string(out, value.as_string());
            return;
        case ValueKind::kArray: {
            out.push_back('[');
            bool first = true;
            for (const Value& item : value.as_array()) {
                if (!first) out += ", ";
                first = false;
                append_inspect(out, item);
            }
            out.push_back(']');
            return;
        }
        case ValueKind::kObject: {
            out.push_back('{');
            bool first = true;
            for (const auto& entry : value.as_object().entries) {
                if (!first) out += ", ";
                first = false;
                append_inspect_string(out, entry.key.as_string());
                out += "=>";
                append_inspect(out, entry.value);
            }
            out.push_back('}');
            return;
        }
        case ValueKind::kDrop:
            out += value.as_drop().type_name();
            return;
        default:
            append_plain_text(out, value);
            return;
    }
}

void append_plain_text(std::string& out, const Value& value) {
    switch (value.kind()) {
        case ValueKind::kNil:
            return;
        case ValueKind::kBool:
            out += value.as_bool() ? "true" : "false";
            return;
        case ValueKind::kInt:
            append_integer(out, value.as_int());
            return;
        case ValueKind::kFloat:
            append_ruby_float(out, value.as_float());
            return;
        case ValueKind::kString:
            out += value.as_string();
            return;
        case ValueKind::kArray:
            for (const Value& item : value.as_array())
                append_plain_text(out, item);
            return;
        case ValueKind::kObject:
            append_inspect(out, value);
            return;
        case ValueKind::kRange:
            append_integer(out, value.range_first());
            out += "..";
            append_integer(out, value.range_last());
            return;
        case ValueKind::kDrop:
            out += value.as_drop().type_name();
            return;
    }
}

bool is_ruby_space(char c) noexcept {
    return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r' || c == '\0';
}

std::string_view ruby_lstrip(std::string_view text) noexcept {
    std::size_t i = 0;
    while (i < text.size() && is_ruby_space(text[i]))
        ++i;
    return text.substr(i);
}

std::string_view ruby_rstrip(std::string_view text) noexcept {
    std::size_t n = text.size();
    while (n > 0 && is_ruby_space(text[n - 1]))
        --n;
    return text.substr(0, n);
}

std::string_view ruby_strip(std::string_view text) noexcept {
    return ruby_rstrip(ruby_lstrip(text));
}

std::int64_t ruby_string_to_i(std::string_view text) noexcept {
    std::size_t pos = 0;
    while (pos < text.size() && (is_ruby_space(text[pos]) && text[pos] != '\0'))
        ++pos;
    bool negative = false;
    if (pos < text.size() && (text[pos] == '-' || text[pos] == '+')) {
        negative = text[pos] == '-';
        ++pos;
    }
    std::int64_t value = 0;
    if (scan_digits(text, pos, 10, negative, value) == std::string_view::npos) return 0;
    return value;
}

std::optional<std::int64_t> ruby_parse_integer(std::string_view text) noexcept {
    text = ruby_strip(text);
    std::size_t pos = 0;
    bool negative = false;
    if (pos < text.size() && (text[pos] == '-' || text[pos] == '+')) {
        negative = text[pos] == '-';
        ++pos;
    }
    int base = 10;
    if (pos + 1 < text.size() && text[pos] == '0') {
        char p = text[pos + 1];
        if (p == 'x' || p == 'X') {
            base = 16;
            pos += 2;
        } else if (p == 'b' || p == 'B') {
            base = 2;
            pos += 2;
        } else if (p == 'o' || p == 'O') {
            base = 8;
            pos += 2;
        } else if (p == 'd' || p == 'D') {
            pos += 2;
        } else {
            base = 8;
            pos += 1;
        }
    }
    std::int64_t value = 0;
    std::size_t end = scan_digits(text, pos, base, negative, value);
    if (end == std::string_view::npos || end != text.size()) return std::nullopt;
    return value;
}

bool is_decimal_literal(std::string_view text) noexcept {
    text = ruby_strip(text);
    std::size_t pos = 0;
    if (pos < text.size() && text[pos] == '-') ++pos;
    std::size_t start = pos;
    while (pos < text.size() && is_digit(text[pos]))
        ++pos;
    if (pos == start || pos >= text.size() || text[pos] != '.') return false;
    ++pos;
    std::size_t frac = pos;
    while (pos < text.size() && is_digit(text[pos]))
        ++pos;
    return pos > frac && pos == text.size();
}

}  // namespace station::liquid
