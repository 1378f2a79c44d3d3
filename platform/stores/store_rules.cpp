#include "platform/stores/store_rules.hpp"

#include <algorithm>
#include <array>

#include "base/money/currency.hpp"

namespace station::stores {
namespace {

// Names that would collide with platform hosts, common infrastructure subdomains, or that
// invite impersonation of the platform.
constexpr std::array<std::string_view, 48> kReserved = {
    "about",   "account", "accounts", "admin",  "api",      "app",       "apps",      "assets",
    "auth",    "billing", "blog",     "cdn",    "checkout", "checkouts", "console",   "dashboard",
    "dev",     "docs",    "email",    "ftp",    "help",     "imap",      "localhost", "login",
    "mail",    "metrics", "mx",       "ns1",    "ns2",      "oauth",     "partners",  "platform",
    "pop",     "root",    "security", "shop",   "signup",   "smtp",      "staging",   "static",
    "station", "status",  "store",    "stores", "support",  "system",    "webhooks",  "www",
};

}  // namespace

bool is_reserved_handle(std::string_view handle) {
    return std::find(kReserved.begin(), kReserved.end(), handle) != kReserved.end();
}

std::optional<std::string> check_handle(std::string_view handle) {
    if (handle.size() < 3 || handle.size() > 40) return "must be 3 to 40 characters";
    char previous = 0;
    for (char c : handle) {
        bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
        if (!ok) return "may contain only lower-case letters, digits and hyphens";
        if (c == '-' && previous == '-') return "must not contain consecutive hyphens";
        previous = c;
    }
    if (handle.front() == '-' || handle.back() == '-') {
        return "must not start or end with a hyphen";
    }
    if (is_reserved_handle(handle)) return "is reserved";
    return std::nullopt;
}

std::optional<std::string> check_store_name(std::string_view name) {
    if (name.empty()) return "must not be blank";
    if (name.size() > 100) return "must be at most 100 bytes";
    for (unsigned char c : name) {
        if (c < 0x20 || c == 0x7f) return "must not contain control characters";
    }
    return std::nullopt;
}

std::optional<std::string> check_currency(std::string_view code) {
    if (!money::find_currency(code)) return "is not a supported ISO 4217 currency code";
    return std::nullopt;
}

std::optional<std::string> check_locale(std::string_view locale) {
    // BCP 47 subset: a 2–3 letter language, optionally a region or script ("en", "pt-BR").
    auto is_lower = [](char c) { return c >= 'a' && c <= 'z'; };
    auto is_alnum = [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    };
    std::size_t dash = locale.find('-');
    std::string_view language = locale.substr(0, dash);
    if (language.size() < 2 || language.size() > 3 ||
        !std::all_of(language.begin(), language.end(), is_lower)) {
        return "must be a language code such as en or pt-BR";
    }
    if (dash != std::string_view::npos) {
        std::string_view rest = locale.substr(dash + 1);
        if (rest.size() < 2 || rest.size() > 8 ||
            !std::all_of(rest.begin(), rest.end(), is_alnum)) {
            return "must be a language code such as en or pt-BR";
        }
    }
    return std::nullopt;
}

}  // namespace station::stores
