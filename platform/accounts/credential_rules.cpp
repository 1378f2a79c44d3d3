#include "platform/accounts/credential_rules.hpp"

namespace station::accounts {

std::optional<std::string> check_email(std::string_view email) {
    if (email.size() > 254) return "must be at most 254 bytes";
    std::size_t at = email.rfind('@');
    if (at == std::string_view::npos || at == 0 || at > 64) {
        return "must be a valid email address";
    }
    std::string_view domain = email.substr(at + 1);
    std::size_t dot = domain.find('.');
    if (domain.empty() || dot == std::string_view::npos || dot == 0 || domain.back() == '.') {
        return "must be a valid email address";
    }
    for (unsigned char c : email) {
        if (c <= 0x20 || c == 0x7f || c == '<' || c == '>' || c == ',' || c == ';') {
            return "must be a valid email address";
        }
    }
    if (email.substr(0, at).find('@') != std::string_view::npos) {
        return "must be a valid email address";
    }
    return std::nullopt;
}

std::optional<std::string> check_password(std::string_view password) {
    if (password.size() < 10) return "must be at least 10 characters";
    if (password.size() > 1024) return "must be at most 1024 bytes";
    return std::nullopt;
}

}  // namespace station::accounts
