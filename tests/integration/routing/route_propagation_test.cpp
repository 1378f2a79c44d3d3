// Host→store routing changes reach other nodes through pub/sub. Two routers ("nodes") share a
// platform.db; node B never polls it (poll interval of an hour), so only the pub/sub message
// published by node A can make B drop its cached route. Runs on both shared-state backends.

#include <catch2/catch.hpp>

#include <thread>

#include "base/shared_state/in_process.hpp"
#include "platform/control_plane/merchant_repository.hpp"
#include "platform/control_plane/platform_db.hpp"
#include "platform/routing/tenant_router.hpp"
#include "platform/shared_state/redis_shared_state.hpp"
#include "platform/stores/store_operations.hpp"
#include "platform/stores/store_provisioning.hpp"
#include "tests/support/redis_server.hpp"
#include "tests/support/temp_dir.hpp"

using namespace station;

namespace {

struct Node {
    control::PlatformDb db;
    metrics::Registry metrics;
    routing::TenantRouter router;
    Node(const std::filesystem::path& data_dir, shared::PubSub& pubsub)
        : db(data_dir), router(db, &pubsub, metrics, {.poll_interval = std::chrono::hours(1)}) {
        router.start();
    }
};

bool eventually(const std::function<bool()>& condition) {
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(3);
    while (std::chrono::steady_clock::now() < deadline) {
        if (condition()) return true;
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    return condition();
}

void check_propagation(shared::SharedState& node_a_state, shared::SharedState& node_b_state) {
    testing::TempDir dir;
    Node a(dir.path(), node_a_state.pubsub());
    Node b(dir.path(), node_b_state.pubsub());
    tenant::StorePool pool({.tenants_dir = dir / "tenants"});
    stores::StoreProvisioning provisioning(a.db, pool, util::system_clock(),
                                           {.platform_domain = "nodes.test"});
    stores::StoreOperations operations(a.db, pool, a.router, util::system_clock());
    std::int64_t merchant = a.db.with([](sql::Database& db) {
        return control::MerchantRepository(db).insert("owner@nodes.test", "", "x", 1);
    });
    auto created =
        provisioning.provision(merchant, {"routed", "Routed", std::nullopt, std::nullopt}, "test");

    auto on_b = b.router.resolve("routed.nodes.test");
    REQUIRE(on_b);
    REQUIRE(on_b->status == control::StoreStatus::Active);

    operations.suspend(created.store.id, "propagation test", "test");
    CHECK(eventually([&] {
        auto routed = b.router.resolve("routed.nodes.test");
        return routed && routed->status == control::StoreStatus::Suspended;
    }));
    operations.soft_delete(created.store.id, "test");
    CHECK(eventually([&] { return b.router.resolve("routed.nodes.test") == nullptr; }));
}

}  // namespace

TEST_CASE("routing changes propagate between nodes through in-process pub/sub") {
    auto state = shared::make_in_process_shared_state(util::system_clock());
    check_propagation(*state, *state);
}

TEST_CASE("routing changes propagate between nodes through Redis pub/sub") {
    testing::RedisServer redis;
    auto node_a = redis::connect_redis(redis.url(), util::system_clock());
    auto node_b = redis::connect_redis(redis.url(), util::system_clock());
    check_propagation(*node_a, *node_b);
}
