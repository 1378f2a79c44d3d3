#pragma once
// Acceptable emails and passwords. Each check returns the message for a 422 naming the field,
// or nullopt.

#include <optional>
#include <string>
#include <string_view>

namespace station::accounts {

std::optional<std::string> check_email(std::string_view email);
// At least 10 bytes, at most 1024 (argon2id accepts any length; the cap bounds hashing work).
std::optional<std::string> check_password(std::string_view password);

}  // namespace station::accounts
