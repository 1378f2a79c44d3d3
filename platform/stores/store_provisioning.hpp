#pragma once
// Creating stores: validates what the merchant chose, writes the control-plane rows (store,
// platform subdomain, owner Admin API token) and creates the store's own database.
//
// Signup creates a merchant and their first store atomically, so the row-writing step runs in
// the caller's platform.db transaction (insert_rows) and the files are created after the commit
// (create_files). A crash in between leaves a store whose database is created lazily on its
// first request — never a database without its store.

#include <optional>
#include <string>

#include "base/sqlite/database.hpp"
#include "base/util/clock.hpp"
#include "platform/control_plane/platform_db.hpp"
#include "platform/control_plane/records.hpp"
#include "tenant_runtime/store/store_pool.hpp"

namespace station::stores {

struct StoreRequest {
    std::string handle;
    std::string name;
    std::optional<std::string> currency;  // default: the platform default
    std::optional<std::string> locale;
};

struct ProvisionedStore {
    control::StoreRecord store;
    std::string domain;          // <handle>.<platform domain>
    std::string admin_token;     // plaintext, shown once
    std::string webhook_secret;  // plaintext, shown once
};

struct ProvisioningOptions {
    std::string platform_domain = "localhost";
    std::string default_plan = "starter";
    std::string default_currency = "USD";
    std::string default_locale = "en";
};

class StoreProvisioning {
public:
    StoreProvisioning(control::PlatformDb& platform_db, tenant::StorePool& pool,
                      const util::Clock& clock, ProvisioningOptions options);

    // Throws http::RequestError: 422 naming the field ("handle", "store_name", "currency",
    // "locale") for invalid input.
    void validate(const StoreRequest& request) const;

    // Validates, then inserts rows in the caller's open transaction on `db` (the PlatformDb
    // connection). 409 "handle" when taken.
    ProvisionedStore insert_rows(sql::Database& db, std::int64_t merchant_id,
                                 const StoreRequest& request, std::string_view actor);

    // Creates the store's directory and database. Logs and continues on failure (the pool
    // creates it on first use).
    void create_files(std::int64_t store_id);

    // insert_rows in its own transaction, then create_files.
    ProvisionedStore provision(std::int64_t merchant_id, const StoreRequest& request,
                               std::string_view actor);

    const ProvisioningOptions& options() const { return options_; }

private:
    control::PlatformDb& platform_db_;
    tenant::StorePool& pool_;
    const util::Clock& clock_;
    ProvisioningOptions options_;
};

// "stat_" + 43 random URL-safe characters.
std::string new_admin_token();

}  // namespace station::stores
