#pragma once
// URL handles ("organic-cotton-tee"): lower-case ASCII letters, digits and single hyphens.

#include <string>
#include <string_view>

namespace station::tenant {

// Lower-cases, turns every run of other characters into one hyphen, trims hyphens; non-ASCII
// bytes are dropped. Returns "" when nothing remains.
std::string handleize(std::string_view text);

bool is_valid_handle(std::string_view handle);

}  // namespace station::tenant
