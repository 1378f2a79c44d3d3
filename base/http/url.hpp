#pragma once
// URL pieces used by request parsing: percent-decoding and query strings.

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace station::http {

// Decodes %XX escapes (and '+' as space when `plus_is_space`). Returns nullopt on a malformed
// escape or an embedded NUL.
std::optional<std::string> percent_decode(std::string_view text, bool plus_is_space = false);

std::string percent_encode(std::string_view text);

// Splits "a=1&b=%20" into decoded pairs, skipping malformed ones.
std::vector<std::pair<std::string, std::string>> parse_query(std::string_view query);

}  // namespace station::http
