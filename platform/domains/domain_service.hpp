#pragma once
// Custom domains of a store: attach (pending), prove ownership (DNS TXT or HTTP token), route,
// make primary, detach. A hostname routes only once verified, and belongs to at most one store:
// claiming a hostname another store has verified is refused (409), and verifying drops other
// stores' pending claims.
//
// Errors: http::RequestError (404 unknown store/domain, 409 conflicts, 422 invalid domain).
// Threading: thread-safe; verify() blocks on DNS/HTTP outside any database lock.

#include <string>
#include <vector>

#include "base/util/clock.hpp"
#include "platform/control_plane/platform_db.hpp"
#include "platform/control_plane/records.hpp"
#include "platform/domains/domain_verifier.hpp"
#include "platform/routing/route_invalidation.hpp"

namespace station::domains {

struct DomainStatus {
    control::DomainRecord domain;
    std::string verification_token;  // the store's; what the TXT record or HTTP file must hold
};

struct VerifyOutcome {
    DomainStatus status;
    VerificationResult result;
};

class DomainService {
public:
    DomainService(control::PlatformDb& platform_db, const DomainVerifier& verifier,
                  routing::RouteInvalidation& routes, const util::Clock& clock,
                  std::string platform_domain);

    std::vector<DomainStatus> list(std::int64_t store_id);
    DomainStatus add(std::int64_t store_id, std::string_view input, std::string_view actor);
    VerifyOutcome verify(std::int64_t store_id, std::string_view hostname, std::string_view actor);
    void remove(std::int64_t store_id, std::string_view hostname, std::string_view actor);
    DomainStatus make_primary(std::int64_t store_id, std::string_view hostname,
                              std::string_view actor);

private:
    control::PlatformDb& platform_db_;
    const DomainVerifier& verifier_;
    routing::RouteInvalidation& routes_;
    const util::Clock& clock_;
    std::string platform_domain_;
};

}  // namespace station::domains
