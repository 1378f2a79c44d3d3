#include "platform/stores/store_provisioning.hpp"

#include <boost/json/serialize.hpp>
#include <spdlog/spdlog.h>

#include "base/crypto/secrets.hpp"
#include "base/http/request_error.hpp"
#include "platform/control_plane/api_token_repository.hpp"
#include "platform/control_plane/audit_log.hpp"
#include "platform/control_plane/domain_repository.hpp"
#include "platform/control_plane/store_repository.hpp"
#include "platform/stores/store_rules.hpp"
#include "tenant_runtime/admin_api/access_scopes.hpp"

namespace station::stores {

std::string new_admin_token() {
    return "stat_" + crypto::random_token(32);
}

StoreProvisioning::StoreProvisioning(control::PlatformDb& platform_db, tenant::StorePool& pool,
                                     const util::Clock& clock, ProvisioningOptions options)
    : platform_db_(platform_db), pool_(pool), clock_(clock), options_(std::move(options)) {}

void StoreProvisioning::validate(const StoreRequest& request) const {
    if (auto problem = check_handle(request.handle)) {
        throw http::RequestError(422, "handle", *problem);
    }
    if (auto problem = check_store_name(request.name)) {
        throw http::RequestError(422, "store_name", *problem);
    }
    if (request.currency) {
        if (auto problem = check_currency(*request.currency)) {
            throw http::RequestError(422, "currency", *problem);
        }
    }
    if (request.locale) {
        if (auto problem = check_locale(*request.locale)) {
            throw http::RequestError(422, "locale", *problem);
        }
    }
}

ProvisionedStore StoreProvisioning::insert_rows(sql::Database& db, std::int64_t merchant_id,
                                                const StoreRequest& request,
                                                std::string_view actor) {
    validate(request);
    control::StoreRepository stores(db);
    if (stores.handle_exists(request.handle)) {
        throw http::RequestError(409, "handle", "is already taken");
    }
    std::int64_t now = clock_.unix_seconds();
    ProvisionedStore result;
    result.webhook_secret = crypto::random_token(32);
    result.admin_token = new_admin_token();
    result.domain = request.handle + "." + options_.platform_domain;

    control::NewStore row;
    row.merchant_id = merchant_id;
    row.handle = request.handle;
    row.name = request.name;
    row.plan = options_.default_plan;
    row.base_currency = request.currency.value_or(options_.default_currency);
    row.default_locale = request.locale.value_or(options_.default_locale);
    row.verification_token = "station-verify-" + crypto::random_token(24);
    row.webhook_secret = result.webhook_secret;
    std::int64_t store_id = 0;
    try {
        store_id = stores.insert(row, now);
    } catch (const sql::ConstraintError&) {
        throw http::RequestError(409, "handle", "is already taken");  // lost a race
    }

    control::DomainRepository(db).insert(store_id, result.domain, control::DomainKind::Platform,
                                         /*verified=*/true, /*is_primary=*/true, now);
    std::vector<std::string> scopes(tenant::all_access_scopes().begin(),
                                    tenant::all_access_scopes().end());
    control::ApiTokenRepository(db).insert(store_id, crypto::sha256_hex(result.admin_token),
                                           "owner", scopes, now);
    boost::json::object detail{{"handle", request.handle}, {"name", request.name}};
    control::AuditLog(db).record(actor, "store.create", store_id, boost::json::serialize(detail),
                                 now);
    result.store = *stores.find_by_id(store_id);
    return result;
}

void StoreProvisioning::create_files(std::int64_t store_id) {
    try {
        pool_.acquire(store_id);
    } catch (const std::exception& e) {
        spdlog::error("creating the database of store {} failed (retried on first use): {}",
                      store_id, e.what());
    }
}

ProvisionedStore StoreProvisioning::provision(std::int64_t merchant_id, const StoreRequest& request,
                                              std::string_view actor) {
    ProvisionedStore result = platform_db_.with([&](sql::Database& db) {
        sql::Transaction tx(db);
        ProvisionedStore inserted = insert_rows(db, merchant_id, request, actor);
        tx.commit();
        return inserted;
    });
    create_files(result.store.id);
    return result;
}

}  // namespace station::stores
