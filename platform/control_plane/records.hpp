#pragma once
// Rows of the control-plane database as plain values.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "tenant_runtime/store/store_context.hpp"

namespace station::control {

struct Merchant {
    std::int64_t id = 0;
    std::string email;
    std::string name;
    std::string password_hash;
    std::int64_t created_at = 0;
};

enum class StoreStatus { Active, Suspended, Deleted };
std::string_view to_string(StoreStatus status);
std::optional<StoreStatus> parse_store_status(std::string_view text);

struct StoreRecord {
    std::int64_t id = 0;
    std::int64_t merchant_id = 0;
    std::string handle;
    std::string name;
    StoreStatus status = StoreStatus::Active;
    std::optional<std::string> status_reason;
    std::string plan;
    tenant::Quotas quotas;  // effective: the plan's, with per-store overrides applied
    std::string base_currency;
    std::string default_locale;
    std::string verification_token;
    std::string webhook_secret;
    std::int64_t created_at = 0;
    std::optional<std::int64_t> deleted_at;
};

struct Plan {
    std::string name;
    tenant::Quotas quotas;
};

// Per-store quota overrides; nullopt fields fall back to the plan.
struct QuotaOverrides {
    std::optional<std::int64_t> max_products;
    std::optional<std::int64_t> max_staff;
    std::optional<std::int64_t> max_storage_bytes;
    std::optional<std::int64_t> requests_per_minute;
};

enum class DomainKind { Platform, Custom };

struct DomainRecord {
    std::int64_t id = 0;
    std::int64_t store_id = 0;
    std::string hostname;
    DomainKind kind = DomainKind::Custom;
    bool is_primary = false;
    std::optional<std::int64_t> verified_at;
    std::optional<std::string> verification_method;
    std::optional<std::int64_t> last_check_at;
    std::optional<std::string> last_check_detail;
    std::int64_t created_at = 0;
};

enum class PrincipalKind { Merchant, Admin };

struct Session {
    std::string token_hash;
    PrincipalKind kind = PrincipalKind::Merchant;
    std::int64_t principal_id = 0;
    std::string csrf_token;
    std::int64_t created_at = 0;
    std::int64_t expires_at = 0;
};

struct ApiToken {
    std::int64_t id = 0;
    std::int64_t store_id = 0;
    std::string label;
    std::vector<std::string> scopes;
    std::int64_t created_at = 0;
    std::optional<std::int64_t> revoked_at;
};

struct PlatformAdmin {
    std::int64_t id = 0;
    std::string email;
    std::string password_hash;
    std::int64_t created_at = 0;
};

struct AuditEntry {
    std::int64_t id = 0;
    std::int64_t at = 0;
    std::string actor;   // "admin:3", "merchant:7", "cli", "system"
    std::string action;  // "store.suspend"
    std::optional<std::int64_t> store_id;
    std::string detail;  // JSON
};

}  // namespace station::control
