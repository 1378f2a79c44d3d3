#pragma once
// What merchants may choose for a store: handle, name, currency and locale. Each check returns
// the message for a 422 naming the field, or nullopt when the value is acceptable.

#include <optional>
#include <string>
#include <string_view>

namespace station::stores {

// Lower-case letters, digits and hyphens, 3–40 characters, no leading, trailing or doubled
// hyphen (it becomes a DNS label), and not a reserved name such as www, admin, api, platform.
std::optional<std::string> check_handle(std::string_view handle);
bool is_reserved_handle(std::string_view handle);
std::optional<std::string> check_store_name(std::string_view name);
std::optional<std::string> check_currency(std::string_view code);
std::optional<std::string> check_locale(std::string_view locale);

}  // namespace station::stores
