#pragma once
// Checks on text that comes from plugin code (keys, names, log lines). Pure; thread-safe.

#include <cstddef>
#include <string>
#include <string_view>

namespace station::plugins {

// Well-formed UTF-8 (no overlongs, surrogates or code points above U+10FFFF).
bool is_valid_utf8(std::string_view text);
// Valid UTF-8 without C0/DEL control characters.
bool is_clean_text(std::string_view text);
// At most `max_bytes`, control characters replaced by spaces and invalid UTF-8 by '?', for logs.
std::string loggable(std::string_view text, std::size_t max_bytes);

}  // namespace station::plugins
