#include "platform/stores/store_operations.hpp"

#include <boost/json/serialize.hpp>
#include <spdlog/spdlog.h>

#include "base/http/request_error.hpp"
#include "platform/accounts/credential_rules.hpp"
#include "platform/control_plane/audit_log.hpp"
#include "platform/control_plane/domain_repository.hpp"

namespace station::stores {
namespace {

control::StoreRecord require_store(control::StoreRepository& stores, std::int64_t store_id) {
    auto store = stores.find_by_id(store_id);
    if (!store) throw http::RequestError(404, "store", "no such store");
    return *store;
}

void require_positive(const std::optional<std::int64_t>& value, const char* field) {
    if (value && *value < 0) throw http::RequestError(422, field, "must not be negative");
}

}  // namespace

StoreOperations::StoreOperations(control::PlatformDb& platform_db, tenant::StorePool& pool,
                                 routing::RouteInvalidation& routes, const util::Clock& clock)
    : platform_db_(platform_db), pool_(pool), routes_(routes), clock_(clock) {}

control::StoreRecord StoreOperations::get(std::int64_t store_id) {
    return platform_db_.with([&](sql::Database& db) {
        control::StoreRepository stores(db);
        return require_store(stores, store_id);
    });
}

control::StoreRecord StoreOperations::get_by_handle(std::string_view handle) {
    return platform_db_.with([&](sql::Database& db) {
        auto store = control::StoreRepository(db).find_by_handle(handle);
        if (!store)
            throw http::RequestError(404, "store",
                                     "no store with handle '" + std::string(handle) + "'");
        return *store;
    });
}

std::vector<control::StoreRecord> StoreOperations::search(const control::StoreSearch& search) {
    return platform_db_.with(
        [&](sql::Database& db) { return control::StoreRepository(db).search(search); });
}

std::vector<control::StoreRecord> StoreOperations::stores_of(std::int64_t merchant_id,
                                                             std::string_view email) {
    return platform_db_.with([&](sql::Database& db) {
        return control::StoreRepository(db).list_for_merchant(merchant_id, email);
    });
}

bool StoreOperations::is_staff(std::int64_t store_id, std::string_view email) {
    return platform_db_.with(
        [&](sql::Database& db) { return control::StoreRepository(db).is_staff(store_id, email); });
}

control::StoreRecord StoreOperations::change_status(std::int64_t store_id, control::StoreStatus to,
                                                    std::optional<std::string> reason,
                                                    std::string_view action,
                                                    std::string_view actor) {
    auto updated = platform_db_.with([&](sql::Database& db) {
        sql::Transaction tx(db);
        control::StoreRepository stores(db);
        control::StoreRecord store = require_store(stores, store_id);
        if (store.status == control::StoreStatus::Deleted) {
            throw http::RequestError(409, "store", "the store is deleted");
        }
        if (store.status == to) {
            throw http::RequestError(409, "store",
                                     "the store is already " + std::string(control::to_string(to)));
        }
        std::int64_t now = clock_.unix_seconds();
        stores.set_status(store_id, to, reason, now);
        boost::json::object detail{{"reason", reason ? boost::json::value(*reason) : nullptr},
                                   {"from", control::to_string(store.status)},
                                   {"to", control::to_string(to)}};
        control::AuditLog(db).record(actor, action, store_id, boost::json::serialize(detail), now);
        tx.commit();
        return require_store(stores, store_id);
    });
    invalidate_routes(store_id);
    return updated;
}

control::StoreRecord StoreOperations::suspend(std::int64_t store_id, const std::string& reason,
                                              std::string_view actor) {
    if (reason.empty()) throw http::RequestError(422, "reason", "is required");
    return change_status(store_id, control::StoreStatus::Suspended, reason, "store.suspend", actor);
}

control::StoreRecord StoreOperations::resume(std::int64_t store_id, const std::string& reason,
                                             std::string_view actor) {
    if (reason.empty()) throw http::RequestError(422, "reason", "is required");
    return change_status(store_id, control::StoreStatus::Active, reason, "store.resume", actor);
}

control::StoreRecord StoreOperations::soft_delete(std::int64_t store_id, std::string_view actor) {
    auto deleted =
        change_status(store_id, control::StoreStatus::Deleted, std::nullopt, "store.delete", actor);
    pool_.close(store_id);
    return deleted;
}

int StoreOperations::purge_deleted(std::chrono::seconds retention, std::string_view actor) {
    std::int64_t now = clock_.unix_seconds();
    auto doomed = platform_db_.with([&](sql::Database& db) {
        return control::StoreRepository(db).deleted_before(now - retention.count() + 1);
    });
    int purged = 0;
    for (const auto& store : doomed) {
        // Files first: if the process dies here, the rows remain and the purge is retried.
        pool_.purge(store.id);
        platform_db_.with([&](sql::Database& db) {
            sql::Transaction tx(db);
            control::StoreRepository(db).erase(store.id);
            boost::json::object detail{{"handle", store.handle}};
            control::AuditLog(db).record(actor, "store.purge", store.id,
                                         boost::json::serialize(detail), now);
            tx.commit();
        });
        spdlog::info("purged store {} ({})", store.id, store.handle);
        ++purged;
    }
    return purged;
}

control::StoreRecord StoreOperations::set_plan(std::int64_t store_id, const std::string& plan,
                                               const control::QuotaOverrides& overrides,
                                               std::string_view actor) {
    require_positive(overrides.max_products, "quotas.products");
    require_positive(overrides.max_staff, "quotas.staff");
    require_positive(overrides.max_storage_bytes, "quotas.storage_bytes");
    require_positive(overrides.requests_per_minute, "quotas.requests_per_minute");
    auto updated = platform_db_.with([&](sql::Database& db) {
        sql::Transaction tx(db);
        control::StoreRepository stores(db);
        control::StoreRecord before = require_store(stores, store_id);
        if (!stores.find_plan(plan)) throw http::RequestError(422, "plan", "unknown plan");
        stores.set_plan(store_id, plan, overrides);
        control::StoreRecord after = require_store(stores, store_id);
        auto quotas_json = [](const tenant::Quotas& q) {
            return boost::json::object{{"products", q.max_products},
                                       {"staff", q.max_staff},
                                       {"storage_bytes", q.max_storage_bytes},
                                       {"requests_per_minute", q.requests_per_minute}};
        };
        boost::json::object detail{
            {"from_plan", before.plan}, {"to_plan", plan}, {"quotas", quotas_json(after.quotas)}};
        control::AuditLog(db).record(actor, "store.plan", store_id, boost::json::serialize(detail),
                                     clock_.unix_seconds());
        tx.commit();
        return after;
    });
    invalidate_routes(store_id);
    return updated;
}

std::vector<control::Plan> StoreOperations::plans() {
    return platform_db_.with(
        [&](sql::Database& db) { return control::StoreRepository(db).list_plans(); });
}

void StoreOperations::add_staff(std::int64_t store_id, const std::string& email,
                                std::string_view actor) {
    if (auto problem = accounts::check_email(email)) {
        throw http::RequestError(422, "email", *problem);
    }
    platform_db_.with([&](sql::Database& db) {
        sql::Transaction tx(db);
        control::StoreRepository stores(db);
        control::StoreRecord store = require_store(stores, store_id);
        if (stores.is_staff(store_id, email)) {
            throw http::RequestError(409, "email", "is already staff of this store");
        }
        if (stores.count_staff(store_id) >= store.quotas.max_staff) {
            throw http::RequestError(422, "email",
                                     "plan limit reached: the " + store.plan + " plan allows " +
                                         std::to_string(store.quotas.max_staff) +
                                         " staff accounts");
        }
        std::int64_t now = clock_.unix_seconds();
        stores.add_staff(store_id, email, now);
        boost::json::object detail{{"email", email}};
        control::AuditLog(db).record(actor, "store.staff_add", store_id,
                                     boost::json::serialize(detail), now);
        tx.commit();
    });
}

void StoreOperations::remove_staff(std::int64_t store_id, const std::string& email,
                                   std::string_view actor) {
    platform_db_.with([&](sql::Database& db) {
        sql::Transaction tx(db);
        control::StoreRepository stores(db);
        require_store(stores, store_id);
        if (!stores.remove_staff(store_id, email)) {
            throw http::RequestError(404, "email", "is not staff of this store");
        }
        boost::json::object detail{{"email", email}};
        control::AuditLog(db).record(actor, "store.staff_remove", store_id,
                                     boost::json::serialize(detail), clock_.unix_seconds());
        tx.commit();
    });
}

std::vector<std::string> StoreOperations::staff(std::int64_t store_id) {
    return platform_db_.with(
        [&](sql::Database& db) { return control::StoreRepository(db).list_staff(store_id); });
}

std::vector<control::AuditEntry> StoreOperations::audit(std::optional<std::int64_t> store_id,
                                                        int limit) {
    return platform_db_.with(
        [&](sql::Database& db) { return control::AuditLog(db).list(store_id, limit); });
}

void StoreOperations::invalidate_routes(std::int64_t store_id) {
    std::vector<std::string> hosts;
    platform_db_.with([&](sql::Database& db) {
        for (const auto& domain : control::DomainRepository(db).list_for_store(store_id)) {
            hosts.push_back(domain.hostname);
        }
    });
    routes_.hosts_changed(hosts);
}

}  // namespace station::stores
