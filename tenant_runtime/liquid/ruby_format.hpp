#pragma once
// Ruby's text conversions, which Liquid output is defined by: Float#to_s, #inspect of arrays and
// hashes, String#to_i, Kernel#Integer and String#strip.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "tenant_runtime/liquid/value.hpp"

namespace station::liquid {

// Float#to_s: "1.0", "0.30000000000000004", "1.0e+16", "1.0e-05", "Infinity", "NaN".
void append_ruby_float(std::string& out, double value);
void append_integer(std::string& out, std::int64_t value);

// #inspect as Ruby 3.1 prints it: {"a"=>1, "b"=>[nil, "x"]}. Drops print their type name.
void append_inspect(std::string& out, const Value& value);

// `to_s` of a value that is not a drop (drops need a render context, see render_context.hpp):
// nil is empty, arrays are joined recursively, hashes print as #inspect.
void append_plain_text(std::string& out, const Value& value);

// String#to_i: leading whitespace, optional sign, digits with single underscores; 0 otherwise.
// Values beyond the int64 range saturate.
std::int64_t ruby_string_to_i(std::string_view text) noexcept;

// Kernel#Integer(string): the whole string (surrounding whitespace aside) must be an integer,
// with optional 0x / 0b / 0o / 0 prefixes and underscores; nullopt otherwise.
std::optional<std::int64_t> ruby_parse_integer(std::string_view text) noexcept;

// True for Ruby's /\A-?\d+\.\d+\z/ (after stripping), the strings Liquid treats as decimals.
bool is_decimal_literal(std::string_view text) noexcept;

// Ruby's whitespace for strip/lstrip/rstrip: NUL, \t, \n, \v, \f, \r and space.
bool is_ruby_space(char c) noexcept;
std::string_view ruby_lstrip(std::string_view text) noexcept;
std::string_view ruby_rstrip(std::string_view text) noexcept;
std::string_view ruby_strip(std::string_view text) noexcept;

}  // namespace station::liquid
