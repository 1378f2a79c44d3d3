#pragma once
// The demo platform of `station serve --demo` (what `make run` starts): a demo merchant with a
// store at demo.<platform domain> holding sample products, and a platform admin. Idempotent:
// running it again changes nothing.

#include <optional>
#include <string>

namespace station::app {

class Platform;

struct DemoAccounts {
    std::string merchant_email;
    std::string merchant_password;
    std::string admin_email;
    std::string admin_password;
    std::string store_handle;
    // Only when the store was created by this call (tokens are shown once).
    std::optional<std::string> admin_token;
};

DemoAccounts seed_demo(Platform& platform);

}  // namespace station::app
