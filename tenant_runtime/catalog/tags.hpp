#pragma once
// Product and customer tags: comma-separated, trimmed, de-duplicated case-insensitively, at most
// 255 bytes each, stored and rendered as "a, b, c" like Shopify.

#include <string>
#include <string_view>
#include <vector>

namespace station::tenant {

std::vector<std::string> split_tags(std::string_view text);
std::string join_tags(const std::vector<std::string>& tags);
// join_tags(split_tags(text))
std::string normalize_tags(std::string_view text);

}  // namespace station::tenant
