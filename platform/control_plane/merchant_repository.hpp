#pragma once
// Merchant accounts. Emails are unique case-insensitively.

#include <optional>

#include "base/sqlite/database.hpp"
#include "platform/control_plane/records.hpp"

namespace station::control {

class MerchantRepository {
public:
    explicit MerchantRepository(sql::Database& db) : db_(db) {}

    // Throws sql::ConstraintError when the email is taken.
    std::int64_t insert(std::string_view email, std::string_view name,
                        std::string_view password_hash, std::int64_t now);
    std::optional<Merchant> find_by_id(std::int64_t id);
    std::optional<Merchant> find_by_email(std::string_view email);

private:
    sql::Database& db_;
};

}  // namespace station::control
