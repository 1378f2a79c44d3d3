#pragma once
// Small ASCII string helpers shared across layers.

#include <string>
#include <string_view>
#include <vector>

namespace station::util {

bool iequals(std::string_view a, std::string_view b) noexcept;
std::string to_lower(std::string_view text);
std::string_view trim(std::string_view text) noexcept;
bool starts_with_icase(std::string_view text, std::string_view prefix) noexcept;
// Splits on `separator`, keeping empty pieces.
std::vector<std::string_view> split(std::string_view text, char separator);
std::string join(const std::vector<std::string>& parts, std::string_view separator);

}  // namespace station::util
