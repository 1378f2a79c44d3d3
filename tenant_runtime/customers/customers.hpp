#pragma once
// Customers and their addresses. Email is unique per store (case-insensitively), phone too.
// Marketing consent carries its state, opt-in level, source and the time it last changed.
// Totals (orders_count, total_spent) are kept current by the order code through
// record_customer_order(). Writes append `customers/create|update|delete` (payload: the
// customer's Admin API JSON) in the same transaction and keep the customer search index current.
//
// Preconditions: callers hold the store's database (StoreRuntime::with_db) and have checked the
// shape of the input. Writes join an open transaction (events/write_scope.hpp).

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "base/sqlite/database.hpp"
#include "tenant_runtime/domain/field_error.hpp"

namespace station::tenant {

struct AddressInput {
    std::optional<std::int64_t> id;  // an existing address to keep (customer updates)
    std::string first_name;
    std::string last_name;
    std::optional<std::string> company;
    std::string address1;
    std::optional<std::string> address2;
    std::string city;
    std::optional<std::string> province;
    std::optional<std::string> province_code;
    std::optional<std::string> country;
    std::optional<std::string> country_code;
    std::optional<std::string> zip;
    std::optional<std::string> phone;
    bool is_default = false;
};

struct Address : AddressInput {
    std::int64_t customer_id = 0;
};

struct MarketingConsent {
    std::string state = "not_subscribed";  // subscribed | not_subscribed | unsubscribed | pending
    std::optional<std::string> opt_in_level;  // single_opt_in | confirmed_opt_in | unknown
    std::optional<std::int64_t> consent_updated_at;
    std::optional<std::string> source;  // where consent was collected: "admin", "checkout", an app
};

struct CustomerInput {
    std::optional<std::string> email;
    std::string first_name;
    std::string last_name;
    std::optional<std::string> phone;
    std::string tags;
    std::optional<std::string> note;
    std::optional<std::string> locale;
    std::optional<std::string> currency;
    bool verified_email = true;
    bool tax_exempt = false;
    std::string state = "disabled";
    // When set and different from the stored state, consent_updated_at becomes now.
    std::optional<MarketingConsent> email_marketing;
    std::optional<MarketingConsent> sms_marketing;
    // nullopt: keep the stored addresses (updates) / none (creates).
    std::optional<std::vector<AddressInput>> addresses;
};

struct Customer {
    std::int64_t id = 0;
    std::optional<std::string> email;
    std::string first_name;
    std::string last_name;
    std::optional<std::string> phone;
    std::string tags;
    std::optional<std::string> note;
    std::string state;
    bool verified_email = true;
    bool tax_exempt = false;
    std::optional<std::string> locale;
    std::optional<std::string> currency;
    MarketingConsent email_marketing;
    MarketingConsent sms_marketing;
    std::int64_t orders_count = 0;
    std::int64_t total_spent_minor = 0;
    std::optional<std::int64_t> last_order_id;
    std::int64_t created_at = 0;
    std::int64_t updated_at = 0;
    std::vector<Address> addresses;
};

CustomerInput input_from(const Customer& customer);

Checked<Customer> create_customer(sql::Database& db, const CustomerInput& input, std::int64_t now,
                                  int currency_exponent);
// nullopt-valued: no such customer.
Checked<std::optional<Customer>> update_customer(sql::Database& db, std::int64_t id,
                                                 const CustomerInput& input, std::int64_t now,
                                                 int currency_exponent);
bool delete_customer(sql::Database& db, std::int64_t id, std::int64_t now);

// Adds an order to the customer's totals (called by the order code in the order's transaction).
// Appends `customers/update`. false: no such customer.
bool record_customer_order(sql::Database& db, std::int64_t customer_id, std::int64_t order_id,
                           std::int64_t amount_minor, std::int64_t now, int currency_exponent);

std::optional<Customer> find_customer(sql::Database& db, std::int64_t id);
std::optional<Customer> find_customer_by_email(sql::Database& db, std::string_view email);

struct CustomerFilter {
    std::vector<std::int64_t> ids;
    std::int64_t since_id = 0;
    std::optional<std::int64_t> created_at_min, created_at_max;
    std::optional<std::int64_t> updated_at_min, updated_at_max;
};
std::vector<Customer> list_customers(sql::Database& db, const CustomerFilter& filter, int limit,
                                     std::int64_t after_id, std::int64_t before_id);
std::int64_t count_customers(sql::Database& db, const CustomerFilter& filter = {});

// Shopify's customer search syntax: space-separated terms, all required. `field:value` terms
// filter on email, first_name, last_name, phone, tag, country, state, accepts_marketing
// (true/false), orders_count (>N, <N, N); other words match email, name, phone and tags by
// prefix (full-text). Results newest first.
std::vector<Customer> search_customers(sql::Database& db, std::string_view query, int limit,
                                       int offset);

// Addresses (each write appends `customers/update` for the owner).
Checked<std::optional<Address>> add_address(sql::Database& db, std::int64_t customer_id,
                                            const AddressInput& input, std::int64_t now,
                                            int currency_exponent);
Checked<std::optional<Address>> update_address(sql::Database& db, std::int64_t customer_id,
                                               std::int64_t address_id, const AddressInput& input,
                                               std::int64_t now, int currency_exponent);
// Refused for the default address while others exist. false: no such address.
Checked<bool> delete_address(sql::Database& db, std::int64_t customer_id, std::int64_t address_id,
                             std::int64_t now, int currency_exponent);
Checked<std::optional<Address>> make_default_address(sql::Database& db, std::int64_t customer_id,
                                                     std::int64_t address_id, std::int64_t now,
                                                     int currency_exponent);
std::optional<Address> find_address(sql::Database& db, std::int64_t customer_id,
                                    std::int64_t address_id);

}  // namespace station::tenant
