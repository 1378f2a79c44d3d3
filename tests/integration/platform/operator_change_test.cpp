// Operator commands run in another process against the same data dir (`station tenant suspend`)
// take effect on the running server within a second: the server watches platform.db.

#include <thread>

#include <catch2/catch.hpp>

#include "platform/control_plane/platform_db.hpp"
#include "platform/routing/route_invalidation.hpp"
#include "platform/stores/store_operations.hpp"
#include "tenant_runtime/store/store_pool.hpp"
#include "tests/integration/platform/platform_fixture.hpp"

using namespace station;
using namespace station::testing;

namespace {

// What a CLI process has: its own platform.db connection and nobody to notify in-process.
struct SilentRoutes final : routing::RouteInvalidation {
    void hosts_changed(const std::vector<std::string>&) override {}
};

// Polls until `host` answers `status` or a second has passed; returns the time it took.
std::chrono::milliseconds wait_for_status(PlatformFixture& f, const std::string& host, int status) {
    auto start = std::chrono::steady_clock::now();
    auto deadline = start + std::chrono::seconds(1);
    while (std::chrono::steady_clock::now() < deadline) {
        if (f.get(host, "/").status == status) break;
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    REQUIRE(f.get(host, "/").status == status);
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() -
                                                                 start);
}

}  // namespace

TEST_CASE("a suspension written by another process is served within a second") {
    PlatformFixture f;
    Signup s = f.signup("watched");
    REQUIRE(f.get(s.host, "/").status == 200);  // cached as active

    control::PlatformDb other_process(f.data_dir() / "data");
    tenant::StorePool pool({.tenants_dir = f.data_dir() / "data" / "tenants"});
    SilentRoutes routes;
    stores::StoreOperations operations(other_process, pool, routes, util::system_clock());

    operations.suspend(s.store_id, "operator test", "cli");
    CHECK(wait_for_status(f, s.host, 503) < std::chrono::seconds(1));
    operations.resume(s.store_id, "back", "cli");
    CHECK(wait_for_status(f, s.host, 200) < std::chrono::seconds(1));
}
