#pragma once
// Hostnames that route to stores: the platform subdomain of every store, and custom domains once
// their ownership is verified.

#include <optional>
#include <vector>

#include "base/sqlite/database.hpp"
#include "platform/control_plane/records.hpp"

namespace station::control {

class DomainRepository {
public:
    explicit DomainRepository(sql::Database& db) : db_(db) {}

    // Throws sql::ConstraintError when the store already has this hostname.
    std::int64_t insert(std::int64_t store_id, std::string_view hostname, DomainKind kind,
                        bool verified, bool is_primary, std::int64_t now);
    std::optional<DomainRecord> find(std::int64_t store_id, std::string_view hostname);
    std::vector<DomainRecord> list_for_store(std::int64_t store_id);
    // The store that owns `hostname` verified, if any.
    std::optional<std::int64_t> verified_owner(std::string_view hostname);
    std::optional<std::string> primary_hostname(std::int64_t store_id);

    void record_check(std::int64_t domain_id, std::string_view detail, std::int64_t now);
    // Marks verified and drops other stores' pending claims on the same hostname.
    // Throws sql::ConstraintError if another store verified it first.
    void mark_verified(const DomainRecord& domain, std::string_view method, std::int64_t now);
    void set_primary(std::int64_t store_id, std::int64_t domain_id);
    bool remove(std::int64_t store_id, std::string_view hostname);

private:
    sql::Database& db_;
};

}  // namespace station::control
