#pragma once
// UTF-8 helpers for the string filters, which count, slice and case-map characters as Ruby does.
// Invalid bytes count as one character each and are left untouched.

#include <cstddef>
#include <string>
#include <string_view>

namespace station::liquid::utf8 {

// Length of the well-formed UTF-8 sequence starting at `pos`, or 0 if it is not well formed.
std::size_t sequence_length(std::string_view text, std::size_t pos) noexcept;
// The code point at `pos`; precondition: sequence_length(text, pos) > 0.
char32_t decode(std::string_view text, std::size_t pos) noexcept;
void encode(std::string& out, char32_t code_point);

// Number of characters.
std::size_t char_count(std::string_view text) noexcept;
// Byte offset of character number `index` (text.size() when past the end).
std::size_t byte_offset(std::string_view text, std::size_t index) noexcept;

// Unicode simple case mapping (plus ß -> SS), as String#upcase / #downcase / #capitalize.
std::string upcase(std::string_view text);
std::string downcase(std::string_view text);
std::string capitalize(std::string_view text);

}  // namespace station::liquid::utf8
