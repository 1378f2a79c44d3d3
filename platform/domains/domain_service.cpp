#include "platform/domains/domain_service.hpp"

#include <boost/json/serialize.hpp>

#include "base/http/request_error.hpp"
#include "platform/control_plane/audit_log.hpp"
#include "platform/control_plane/domain_repository.hpp"
#include "platform/control_plane/store_repository.hpp"
#include "platform/domains/domain_name.hpp"

namespace station::domains {
namespace {

control::StoreRecord require_store(sql::Database& db, std::int64_t store_id) {
    auto store = control::StoreRepository(db).find_by_id(store_id);
    if (!store || store->status == control::StoreStatus::Deleted) {
        throw http::RequestError(404, "store", "no such store");
    }
    return *store;
}

control::DomainRecord require_domain(sql::Database& db, std::int64_t store_id,
                                     std::string_view hostname) {
    auto domain = control::DomainRepository(db).find(store_id, hostname);
    if (!domain) throw http::RequestError(404, "domain", "this store has no such domain");
    return *domain;
}

void audit(sql::Database& db, std::string_view actor, std::string_view action,
           std::int64_t store_id, std::string_view hostname, std::int64_t now) {
    boost::json::object detail{{"domain", hostname}};
    control::AuditLog(db).record(actor, action, store_id, boost::json::serialize(detail), now);
}

}  // namespace

DomainService::DomainService(control::PlatformDb& platform_db, const DomainVerifier& verifier,
                             routing::RouteInvalidation& routes, const util::Clock& clock,
                             std::string platform_domain)
    : platform_db_(platform_db),
      verifier_(verifier),
      routes_(routes),
      clock_(clock),
      platform_domain_(std::move(platform_domain)) {}

std::vector<DomainStatus> DomainService::list(std::int64_t store_id) {
    return platform_db_.with([&](sql::Database& db) {
        control::StoreRecord store = require_store(db, store_id);
        std::vector<DomainStatus> out;
        for (auto& domain : control::DomainRepository(db).list_for_store(store_id)) {
            out.push_back({std::move(domain), store.verification_token});
        }
        return out;
    });
}

DomainStatus DomainService::add(std::int64_t store_id, std::string_view input,
                                std::string_view actor) {
    auto normalized = normalize_domain(input);
    if (!normalized) throw http::RequestError(422, "domain", normalized.error().message);
    const std::string& hostname = *normalized;
    if (hostname == platform_domain_ || hostname.ends_with("." + platform_domain_)) {
        throw http::RequestError(422, "domain",
                                 "subdomains of " + platform_domain_ +
                                     " are assigned by the "
                                     "platform");
    }
    return platform_db_.with([&](sql::Database& db) {
        sql::Transaction tx(db);
        control::StoreRecord store = require_store(db, store_id);
        control::DomainRepository domains(db);
        if (auto owner = domains.verified_owner(hostname)) {
            throw http::RequestError(409, "domain",
                                     *owner == store_id
                                         ? "this store already has this domain"
                                         : "this domain is already verified by another store");
        }
        if (domains.find(store_id, hostname)) {
            throw http::RequestError(409, "domain", "this store already has this domain");
        }
        std::int64_t now = clock_.unix_seconds();
        domains.insert(store_id, hostname, control::DomainKind::Custom, false, false, now);
        audit(db, actor, "domain.add", store_id, hostname, now);
        tx.commit();
        return DomainStatus{*domains.find(store_id, hostname), store.verification_token};
    });
}

VerifyOutcome DomainService::verify(std::int64_t store_id, std::string_view hostname,
                                    std::string_view actor) {
    DomainStatus before = platform_db_.with([&](sql::Database& db) {
        control::StoreRecord store = require_store(db, store_id);
        return DomainStatus{require_domain(db, store_id, hostname), store.verification_token};
    });
    if (before.domain.verified_at) {
        return {before, {true, VerificationMethod::None, "already verified"}};
    }
    // DNS and HTTP checks take up to seconds: no database lock is held meanwhile.
    VerificationResult result = verifier_.verify(before.domain.hostname, before.verification_token);

    DomainStatus after = platform_db_.with([&](sql::Database& db) {
        sql::Transaction tx(db);
        control::DomainRepository domains(db);
        control::DomainRecord domain = require_domain(db, store_id, hostname);
        std::int64_t now = clock_.unix_seconds();
        domains.record_check(domain.id, result.detail, now);
        if (result.verified) {
            try {
                domains.mark_verified(domain, verification_method_name(result.method), now);
            } catch (const sql::ConstraintError&) {
                throw http::RequestError(409, "domain",
                                         "this domain was verified by another store meanwhile");
            }
            audit(db, actor, "domain.verify", store_id, hostname, now);
        }
        tx.commit();
        return DomainStatus{require_domain(db, store_id, hostname), before.verification_token};
    });
    if (result.verified) routes_.hosts_changed({after.domain.hostname});
    return {after, result};
}

void DomainService::remove(std::int64_t store_id, std::string_view hostname,
                           std::string_view actor) {
    platform_db_.with([&](sql::Database& db) {
        sql::Transaction tx(db);
        require_store(db, store_id);
        control::DomainRecord domain = require_domain(db, store_id, hostname);
        if (domain.kind == control::DomainKind::Platform) {
            throw http::RequestError(409, "domain", "the platform subdomain cannot be removed");
        }
        control::DomainRepository domains(db);
        domains.remove(store_id, hostname);
        if (domain.is_primary) {
            for (const auto& other : domains.list_for_store(store_id)) {
                if (other.kind == control::DomainKind::Platform) {
                    domains.set_primary(store_id, other.id);
                }
            }
        }
        audit(db, actor, "domain.remove", store_id, hostname, clock_.unix_seconds());
        tx.commit();
    });
    routes_.hosts_changed({std::string(hostname)});
}

DomainStatus DomainService::make_primary(std::int64_t store_id, std::string_view hostname,
                                         std::string_view actor) {
    std::vector<std::string> store_hosts;  // all of them render a new canonical domain
    DomainStatus status = platform_db_.with([&](sql::Database& db) {
        sql::Transaction tx(db);
        control::StoreRecord store = require_store(db, store_id);
        control::DomainRecord domain = require_domain(db, store_id, hostname);
        if (!domain.verified_at) {
            throw http::RequestError(409, "domain", "verify the domain before making it primary");
        }
        control::DomainRepository domains(db);
        domains.set_primary(store_id, domain.id);
        for (const auto& other : domains.list_for_store(store_id)) {
            store_hosts.push_back(other.hostname);
        }
        audit(db, actor, "domain.primary", store_id, hostname, clock_.unix_seconds());
        tx.commit();
        return DomainStatus{require_domain(db, store_id, hostname), store.verification_token};
    });
    routes_.hosts_changed(store_hosts);
    return status;
}

}  // namespace station::domains
