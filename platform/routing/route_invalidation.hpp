#pragma once
// Told after a commit that changed which store a hostname routes to, or a store's status,
// name or settings. The running server's implementation drops its cached routes and tells
// other nodes (pub/sub); operator CLI processes use a publisher or rely on the server noticing
// platform.db changes (PRAGMA data_version polling).

#include <string>
#include <vector>

namespace station::routing {

class RouteInvalidation {
public:
    virtual ~RouteInvalidation() = default;
    // Thread-safe. An empty list means "anything may have changed".
    virtual void hosts_changed(const std::vector<std::string>& hostnames) = 0;
};

}  // namespace station::routing
