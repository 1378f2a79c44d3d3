#pragma once
// Writes JSON text directly, without building a document first: the hot Admin API answers
// (a product, a page of 250 products) and event payloads are rendered through it. Strings are
// escaped as RFC 8259 requires; UTF-8 passes through unchanged.
//
// Usage: begin_object(); key("id"); integer(7); … end_object(); then take(). Callers keep the
// nesting balanced (not checked).

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace station::tenant {

class JsonWriter {
public:
    void begin_object() { open('{'); }
    void end_object() { close('}'); }
    void begin_array() { open('['); }
    void end_array() { close(']'); }

    // The member name of the next value.
    JsonWriter& key(std::string_view name);

    void string(std::string_view text);
    void integer(std::int64_t value);
    void boolean(bool value);
    void null();
    // Already-serialized JSON (an embedded document).
    void raw(std::string_view json);
    // A non-negative or negative fixed-point number: value / 10^scale, trailing zeros dropped
    // ("0.2", "1", "-3.25").
    void decimal(std::int64_t value, int scale);

    void optional_string(const std::optional<std::string>& text) { text ? string(*text) : null(); }
    void optional_integer(const std::optional<std::int64_t>& value) {
        value ? integer(*value) : null();
    }

    std::string take() { return std::move(out_); }
    void reserve(std::size_t bytes) { out_.reserve(bytes); }

private:
    void separate() {
        if (need_comma_) out_ += ',';
        need_comma_ = true;
    }
    void open(char c) {
        separate();
        out_ += c;
        need_comma_ = false;
    }
    void close(char c) {
        out_ += c;
        need_comma_ = true;
    }

    std::string out_;
    bool need_comma_ = false;
};

}  // namespace station::tenant
