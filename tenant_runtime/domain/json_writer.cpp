#include "tenant_runtime/domain/json_writer.hpp"

#include <charconv>

namespace station::tenant {

JsonWriter& JsonWriter::key(std::string_view name) {
    string(name);
    out_ += ':';
    need_comma_ = false;
    return *this;
}

void JsonWriter::string(std::string_view text) {
    static constexpr char kHex[] = "0123456789abcdef";
    separate();
    out_ += '"';
    std::size_t plain = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        auto c = static_cast<unsigned char>(text[i]);
        if (c >= 0x20 && c != '"' && c != '\\') continue;
        out_.append(text.substr(plain, i - plain));
        plain = i + 1;
        switch (c) {
            case '"':
                out_ += "\\\"";
                break;
            case '\\':
                out_ += "\\\\";
                break;
            case '\n':
                out_ += "\\n";
                break;
            case '\r':
                out_ += "\\r";
                break;
            case '\t':
                out_ += "\\t";
                break;
            case '\b':
                out_ += "\\b";
                break;
            case '\f':
                out_ += "\\f";
                break;
            default:
                out_ += "\\u00";
                out_ += kHex[c >> 4];
                out_ += kHex[c & 0xF];
        }
    }
    out_.append(text.substr(plain));
    out_ += '"';
}

void JsonWriter::integer(std::int64_t value) {
    separate();
    char buffer[24];
    auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, value);
    out_.append(buffer, end);
}

void JsonWriter::boolean(bool value) {
    separate();
    out_ += value ? "true" : "false";
}

void JsonWriter::null() {
    separate();
    out_ += "null";
}

void JsonWriter::raw(std::string_view json) {
    separate();
    out_.append(json);
}

void JsonWriter::decimal(std::int64_t value, int scale) {
    separate();
    if (value < 0) {
        out_ += '-';
        value = -value;
    }
    std::int64_t unit = 1;
    for (int i = 0; i < scale; ++i)
        unit *= 10;
    out_ += std::to_string(value / unit);
    std::int64_t fraction = value % unit;
    if (fraction == 0) return;
    std::string digits = std::to_string(fraction);
    digits.insert(0, static_cast<std::size_t>(scale) - digits.size(), '0');
    while (!digits.empty() && digits.back() == '0')
        digits.pop_back();
    out_ += '.';
    out_ += digits;
}

}  // namespace station::tenant
