#pragma once
// HTML escaping for text and attribute values.

#include <string>
#include <string_view>

namespace station::util {

// Escapes & < > " ' so the result is safe in element content and quoted attributes.
void append_html_escaped(std::string& out, std::string_view text);
std::string html_escape(std::string_view text);

}  // namespace station::util
